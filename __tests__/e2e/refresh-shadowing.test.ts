/**
 * refresh-credentials on a runner that already has credentials that every SDK would use before the container
 * endpoint (self-hosted runners, EKS-hosted runners): a later step's AWS CLI, botocore and JS SDK each answer as the
 * action's role, the step says what was shadowed, and the post step removes its copies and leaves the user's files.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oidcStepEnv, useOidcPeers } from '../support/oidc-peers.js';
import { newWorkspace, runAction } from '../support/action-runner.js';
import { callerArns } from '../support/endpoint-clients.js';
import { runAwsCliAsync } from '../support/aws-cli.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const peers = useOidcPeers();
const RUNNER_KEYS = 'aws_access_key_id = AKIASELFHOSTEDRUNNER\naws_secret_access_key = c2VsZmhvc3RlZHNlbGZob3N0ZWQ=\n';

interface Case {
  name: string;
  /** What the runner has: files under ~/.aws and variables in the job's environment (paths relative to HOME). */
  files: Record<string, string>;
  env: (home: string) => Record<string, string>;
  notice: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a [default] profile with keys in ~/.aws/credentials',
    files: { credentials: `[default]\n${RUNNER_KEYS}` },
    env: () => ({}),
    notice: /profile 'default' with aws_access_key_id, aws_secret_access_key/,
  },
  {
    name: "AWS_PROFILE naming a profile with keys (and the config's region for it)",
    files: { credentials: `[runner]\n${RUNNER_KEYS}`, config: '[profile runner]\nregion = eu-west-1\n' },
    env: () => ({ AWS_PROFILE: 'runner' }),
    notice: /profile 'runner' \(AWS_PROFILE\) with aws_access_key_id/,
  },
  {
    name: 'web identity variables, as on an EKS-hosted runner',
    files: {},
    env: (home) => ({
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/runner-node',
      AWS_WEB_IDENTITY_TOKEN_FILE: join(home, 'eks-token'),
    }),
    notice: /web identity \(AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE\)/,
  },
  {
    name: 'a [default] with credential_process in ~/.aws/config',
    files: {
      config: `[default]\nregion = us-east-1\ncredential_process = sh -c 'echo {\\"Version\\":1,\\"AccessKeyId\\":\\"AKIASELFHOSTEDRUNNER\\",\\"SecretAccessKey\\":\\"x\\"}'\n`,
    },
    env: () => ({}),
    notice: /profile 'default' with credential_process/,
  },
  {
    name: "keys in the job's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)",
    files: {},
    env: () => ({ AWS_ACCESS_KEY_ID: 'AKIASELFHOSTEDRUNNER', AWS_SECRET_ACCESS_KEY: 'c2VsZmhvc3RlZHNlbGZob3N0ZWQ=' }),
    notice: /keys in the job's environment \(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY\)/,
  },
  {
    name: 'AWS_DEFAULT_PROFILE naming a profile with keys (botocore reads it; the JS SDK does not)',
    files: { credentials: `[runner]\n${RUNNER_KEYS}` },
    env: () => ({ AWS_DEFAULT_PROFILE: 'runner' }),
    notice: /profile 'runner' \(AWS_DEFAULT_PROFILE\) with aws_access_key_id/,
  },
  {
    name: 'a [default] that assumes a role from another profile (role_arn, source_profile)',
    files: {
      credentials: `[base]\n${RUNNER_KEYS}`,
      config: '[default]\nrole_arn = arn:aws:iam::123456789012:role/runner-node\nsource_profile = base\n',
    },
    env: () => ({}),
    notice: /profile 'default' with role_arn, source_profile/,
  },
  {
    name: 'a [default] signed in with IAM Identity Center (sso_session)',
    files: {
      config:
        '[default]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    },
    env: () => ({}),
    notice: /profile 'default' with sso_session, sso_account_id, sso_role_name/,
  },
];

describe('refresh-credentials: what would shadow the endpoint in later steps', () => {
  for (const c of CASES) {
    test(`${c.name}: the AWS CLI, botocore and the JS SDK answer as the action's role`, async () => {
      const workspace = newWorkspace();
      const home = workspace.home;
      mkdirSync(join(home, '.aws'));
      for (const [name, text] of Object.entries(c.files)) writeFileSync(join(home, '.aws', name), text);
      writeFileSync(join(home, 'eks-token'), 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJub2RlIn0.');
      const jobEnv = c.env(home);
      // Without the action, the runner's own credentials answer (the premise of the case).
      const before = await callerArns({ ...jobEnv, HOME: home, AWS_ENDPOINT_URL: peers.moto.url });
      assert.doesNotMatch(before.awsCli, /assumed-role\/deploy\//);

      const run = await runAction('main', {
        workspace,
        inputs: {
          'aws-region': 'us-east-1',
          'role-to-assume': ROLE,
          'refresh-credentials': 'true',
        },
        env: {
          ...oidcStepEnv(peers),
          ...jobEnv,
        },
        killAfterMs: 30_000,
      });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /::notice::refresh-credentials: later steps would have used/);
      assert.match(run.stdout, c.notice);

      // A later step: the job's environment with what the step exported on top, as the runner builds it.
      const later = { ...jobEnv, ...run.exported, HOME: home, AWS_ENDPOINT_URL: peers.moto.url };
      const arns = await callerArns(later);
      for (const [client, arn] of Object.entries(arns))
        assert.match(arn, /^arn:aws:sts::123456789012:assumed-role\/deploy\//, `${client}: ${arn}`);

      const post = await runAction('post', { workspace, state: run.state });
      assert.equal(post.code, 0, post.stdout + post.stderr);
      assert.doesNotMatch(post.stdout, /::warning::/);
      const copies = run.exported['AWS_SHARED_CREDENTIALS_FILE'];
      if (copies) assert.equal(existsSync(copies), false, 'the step-owned copies are removed');
      for (const [name, text] of Object.entries(c.files))
        assert.equal(readFileSync(join(home, '.aws', name), 'utf8'), text, `~/.aws/${name} is as it was`);
    });
  }

  test("an earlier MinIO step's AWS_ENDPOINT_URL_S3 is cleared: the AWS CLI's S3 calls no longer go there", async () => {
    // What a minio-certificate step of this action exported earlier in the job.
    const minio = { AWS_ENDPOINT_URL_S3: 'https://127.0.0.1:1', ASLC_MINIO_S3_ENDPOINT: 'https://127.0.0.1:1' };
    const run = await runAction('main', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'refresh-credentials': 'true' },
      env: {
        ...oidcStepEnv(peers),
        ...minio,
      },
      killAfterMs: 30_000,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(run.exported['AWS_ENDPOINT_URL_S3'], '');
    assert.match(
      run.stdout,
      /::notice::AWS_ENDPOINT_URL_S3 \(https:\/\/127\.0\.0\.1:1\), set by an earlier MinIO step/,
    );
    // S3 calls go to the general endpoint (moto) again: an empty AWS_ENDPOINT_URL_S3 counts as unset.
    const later = { ...minio, ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: peers.moto.url };
    const s3 = await runAwsCliAsync(['s3api', 'list-buckets'], later);
    assert.equal(s3.code, 0, s3.stderr);
    const stale = await runAwsCliAsync(['s3api', 'list-buckets'], { ...later, ...minio });
    assert.notEqual(stale.code, 0, 'with the MinIO endpoint still set, the call would have gone there');
    await runAction('post', { workspace: run.workspace, state: run.state });
  });

  test('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (an ECS task) cannot be shadowed safely: the step fails naming it, nothing exported', async () => {
    const run = await runAction('main', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'refresh-credentials': 'true' },
      env: { ...oidcStepEnv(peers), AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/task' },
      killAfterMs: 30_000,
    });
    assert.notEqual(run.code, 0);
    assert.match(run.stdout, /::error::.*AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set/);
    assert.deepEqual(run.exported, {});
    assert.equal(run.state['credentials-endpoint'], undefined, 'no endpoint was started');
  });
});
