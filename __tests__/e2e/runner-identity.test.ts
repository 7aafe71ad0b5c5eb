/**
 * A self-hosted runner on AWS: the bare step (role-to-assume and aws-region, no id-token) run from dist/ on stand-ins
 * for IMDSv2, the container credentials endpoint and Pod Identity, and on an IRSA token file. The base credentials
 * are minted by moto, which then signs for them: sts:AssumeRole with the base returns the role's credentials.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintWithMoto, startMoto, type Moto } from '../support/moto.js';
import { startImdsStandIn, type ImdsCredentials, type ImdsStandIn } from '../standins/imds-standin.js';
import { startContainerCredentialsStandIn } from '../standins/container-credentials-standin.js';
import { errorAnnotation, runAction, type RunResult } from '../support/action-runner.js';
import { runAwsCli } from '../support/aws-cli.js';
import { SecretLedger } from '../support/secrets.js';

const ROLE = 'arn:aws:iam::210987654321:role/deploy';
const INSTANCE_ROLE = 'arn:aws:iam::123456789012:role/runner-instance';

let moto: Moto;
let imds: ImdsStandIn;
let base: ImdsCredentials;
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  base = await mintWithMoto(moto.url, INSTANCE_ROLE, 'i-0123456789abcdef0', 3600);
  for (const [label, value] of Object.entries(base)) if (label !== 'expiration') ledger.add(`base ${label}`, value);
  imds = await startImdsStandIn('runner-instance', base);
});
after(async () => {
  await imds?.close();
  await moto?.stop();
});

async function step(inputs: Record<string, string>, env: Record<string, string>): Promise<RunResult> {
  const run = await runAction('main', {
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, ...inputs },
    env: { AWS_ENDPOINT_URL_STS: moto.url, GITHUB_RUN_ID: '77', GITHUB_REPOSITORY: 'octo-org/octo-repo', ...env },
  });
  ledger.addDelivered(run);
  ledger.assertNoLeak(run);
  return run;
}

/** The run exported the role's credentials: a later step's AWS CLI is that role. */
function assertRoleDelivered(run: RunResult): void {
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.notEqual(run.exported['AWS_ACCESS_KEY_ID'], base.accessKeyId);
  const who = runAwsCli(['sts', 'get-caller-identity'], {
    ...run.exported,
    HOME: run.workspace.home,
    AWS_ENDPOINT_URL: moto.url,
  });
  assert.equal(who.code, 0, who.stderr);
  assert.match((who.json as { Arn: string }).Arn, /^arn:aws:sts::210987654321:assumed-role\/deploy\//);
}

function notice(run: RunResult): string {
  return run.stdout.split('\n').find((l) => l.startsWith('::notice::')) ?? '';
}

describe("the runner's own AWS identity as the base for role-to-assume", () => {
  test('EC2: the instance profile over IMDSv2', async () => {
    const seen = imds.requests.length;
    const run = await step({}, { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
    assertRoleDelivered(run);
    assert.match(notice(run), /runner's own AWS identity from the EC2 instance profile.*uses no id-token/);
    const requests = imds.requests.slice(seen);
    assert.deepEqual(requests[0], { method: 'PUT', path: '/latest/api/token', token: 'none' });
    assert.ok(requests.slice(1).every((r) => r.token === 'valid'));
  });

  test('ECS or CodeBuild: the container credentials endpoint', async () => {
    const ecs = await startContainerCredentialsStandIn({
      path: '/v2/credentials/6e2c2a52-task',
      credentials: base,
      roleArn: INSTANCE_ROLE,
    });
    try {
      const run = await step({}, { AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.fullUri });
      assertRoleDelivered(run);
      assert.match(notice(run), /container credentials endpoint \(AWS_CONTAINER_CREDENTIALS_FULL_URI at 127\.0\.0\.1:/);
      assert.ok(!notice(run).includes('6e2c2a52-task'), 'the path is not shown');
      assert.equal(ecs.requests.length, 1);
    } finally {
      await ecs.close();
    }
  });

  test("EKS Pod Identity: the agent's endpoint with the service account token", async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.pod-identity.token';
    const pod = await startContainerCredentialsStandIn({
      path: '/v1/credentials',
      credentials: base,
      roleArn: INSTANCE_ROLE,
      authorization: token,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'aslc-pod-')), 'eks-pod-identity-token');
    writeFileSync(file, token);
    ledger.add('pod identity token', token);
    try {
      const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: pod.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file };
      const run = await step({ 'role-chaining': 'true' }, env);
      assertRoleDelivered(run);
      assert.match(notice(run), /EKS Pod Identity .*: role-chaining found no AWS_\* keys/);
      assert.equal(pod.requests.at(-1)?.authorization, token);
    } finally {
      await pod.close();
    }
  });

  test("IRSA: the web identity token file's role, then role-to-assume", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aslc-irsa-'));
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
    // moto does not check the token's signature; the step reads it as a file, as the SDK would.
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ sub: 'system:serviceaccount:ci:runner', iat: now, exp: now + 3600 })}.c2ln`;
    writeFileSync(join(dir, 'token'), jwt);
    ledger.add('irsa token', jwt);
    const run = await step(
      {},
      { AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'), AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/irsa' },
    );
    assertRoleDelivered(run);
    assert.match(notice(run), /web identity token file .*token \(IRSA, for arn:aws:iam::123456789012:role\/irsa\)/);
  });

  test('allowed-account-ids checks the final identity, not the base', async () => {
    const env = { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url };
    const refused = await step({ 'allowed-account-ids': '123456789012' }, env);
    assert.equal(refused.code, 1);
    assert.match(errorAnnotation(refused.stdout), /210987654321/);
    assert.equal(refused.exported['AWS_ACCESS_KEY_ID'], undefined);
    assertRoleDelivered(await step({ 'allowed-account-ids': '210987654321' }, env));
  });

  test('a runner with no AWS identity fails naming the base and the id-token permission, within seconds', async () => {
    imds.hopLimitExceeded(true);
    try {
      const run = await step({}, { AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url });
      assert.equal(run.code, 1);
      const error = errorAnnotation(run.stdout);
      assert.match(error, /EC2 instance profile/);
      assert.match(error, /id-token: write/);
      assert.ok(run.elapsedMs < 15_000, `${run.elapsedMs} ms`);
    } finally {
      imds.hopLimitExceeded(false);
    }
  });
});
