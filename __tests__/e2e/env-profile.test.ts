/**
 * Env delivery into a job that already has AWS_PROFILE set (an earlier step's GITHUB_ENV, the workflow's env:). The
 * JS SDK's default chain skips the environment keys whenever AWS_PROFILE is set and reads that profile from the shared
 * files instead; botocore and the AWS CLI take the environment keys. After the step all three must use the new
 * credentials, the user's files must be left as they were, and the post step must take away what the step wrote.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useOidcPeers, oidcStepEnv } from '../support/oidc-peers.js';
import { errorAnnotation, newWorkspace, runAction, type RunResult, type Workspace } from '../support/action-runner.js';
import { runAwsCli } from '../support/aws-cli.js';
import { ROOT } from '../support/processes.js';

const ROLE = 'arn:aws:iam::123456789012:role/envprofile';
const OLD_KEY = 'AKIAOLDOLDOLDOLD0001';

const peers = useOidcPeers();

const inputs = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE };
const stepEnv = (more: Record<string, string> = {}) => ({
  ...oidcStepEnv(peers),
  GITHUB_RUN_ID: '7',
  AWS_PROFILE: 'old',
  ...more,
});

function userFiles(ws: Workspace, config: string): { credentials: string; config: string; credentialsText: string } {
  const dir = join(ws.home, '.aws');
  mkdirSync(dir, { recursive: true });
  const credentialsText = `# long-lived keys\n[old]\naws_access_key_id = ${OLD_KEY}\naws_secret_access_key = old-secret\n\n[other]\naws_access_key_id = AKIAOTHEROTHEROTHER1\naws_secret_access_key = other-secret\n`;
  writeFileSync(join(dir, 'credentials'), credentialsText);
  writeFileSync(join(dir, 'config'), config);
  return { credentials: join(dir, 'credentials'), config: join(dir, 'config'), credentialsText };
}

/** A later step's environment: the job's own (AWS_PROFILE=old) plus what the action exported. */
function laterStep(ws: Workspace, main: RunResult): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: ws.home,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: 'old',
    AWS_ENDPOINT_URL_STS: peers.moto.url,
    ...main.exported,
  };
}

const JS_DEFAULT_CHAIN = `
const { defaultProvider } = await import(${JSON.stringify(join(ROOT, 'node_modules', '@aws-sdk', 'credential-provider-node', 'dist-cjs', 'index.js'))});
console.log(JSON.stringify({ accessKeyId: (await defaultProvider()()).accessKeyId }));
`;
const BOTOCORE = `
import json, botocore.session
c = botocore.session.Session().get_credentials()
print(json.dumps({"accessKeyId": c.access_key}))
`;

function accessKeyId(command: string, args: string[], env: Record<string, string>): string {
  const res = spawnSync(command, args, { env, encoding: 'utf8', timeout: 60000 });
  assert.equal(res.status, 0, `${command}: ${res.stderr}`);
  return (JSON.parse(res.stdout.trim().split('\n').pop()!) as { accessKeyId: string }).accessKeyId;
}

function stepOwnedDirs(ws: Workspace): string[] {
  return readdirSync(ws.dir).filter((name) => name.startsWith('aslc-profile-'));
}

describe('AWS_PROFILE already set in the job', () => {
  test("the JS SDK, botocore and the AWS CLI all use the new credentials; the user's files are untouched and the post step removes its copy", async () => {
    const ws = newWorkspace();
    const userConfig = '[profile old]\nregion = eu-west-1\noutput = text\n\n[profile other]\nregion = eu-north-1\n';
    const files = userFiles(ws, userConfig);
    const main = await runAction('main', { inputs, env: stepEnv(), workspace: ws });
    assert.equal(main.code, 0, main.stdout);
    const newKey = main.exported['AWS_ACCESS_KEY_ID']!;
    assert.match(newKey, /^ASIA/);
    assert.equal(main.exported['AWS_CONFIG_FILE'], undefined, "the user's config stays in force");
    assert.ok(!('AWS_PROFILE' in main.exported), 'AWS_PROFILE is left as the job set it');

    const env = laterStep(ws, main);
    assert.equal(
      accessKeyId(process.execPath, ['--input-type=module', '-e', JS_DEFAULT_CHAIN], env),
      newKey,
      'JS SDK default chain',
    );
    assert.equal(accessKeyId('python3', ['-c', BOTOCORE], env), newKey, 'botocore');
    const identity = runAwsCli(['sts', 'get-caller-identity'], env);
    assert.equal(identity.code, 0, identity.stderr);
    assert.match((identity.json as { Arn: string }).Arn, /:assumed-role\/envprofile\//, 'AWS CLI');
    assert.match(main.stdout, /^::notice::.*AWS_PROFILE.*'old'/m);
    const listed = runAwsCli(['configure', 'list'], env);
    assert.match(listed.stdout, new RegExp(`access_key +\\*+${newKey.slice(-4)} +env`));
    // Nothing of the user's is lost: another profile's keys and the profile's own settings still read as before.
    const other = runAwsCli(['configure', 'get', 'aws_access_key_id', '--profile', 'other'], env);
    assert.equal(other.stdout.trim(), 'AKIAOTHEROTHEROTHER1');
    assert.equal(runAwsCli(['configure', 'get', 'output', '--profile', 'old'], env).stdout.trim(), 'text');

    const written = main.exported['AWS_SHARED_CREDENTIALS_FILE']!;
    assert.ok(written.startsWith(`${ws.dir}/aslc-profile-`), written);
    assert.equal(statSync(written).mode & 0o777, 0o600);
    assert.equal(readFileSync(files.credentials, 'utf8'), files.credentialsText);
    assert.equal(readFileSync(files.config, 'utf8'), userConfig);

    const post = await runAction('post', { state: main.state, workspace: ws, env: { AWS_PROFILE: 'old' } });
    assert.equal(post.code, 0, post.stdout);
    assert.doesNotMatch(post.stdout, /::warning::/);
    assert.deepEqual(stepOwnedDirs(ws), []);
    assert.equal(readFileSync(files.credentials, 'utf8'), files.credentialsText);
    assert.equal(readFileSync(files.config, 'utf8'), userConfig);
  });

  test('a profile that assumes a role from another profile is refused before anything is exported (the JS SDK would assume that role)', async () => {
    const ws = newWorkspace();
    const userConfig = '[profile old]\nrole_arn = arn:aws:iam::123456789012:role/long-lived\nsource_profile = other\n';
    const files = userFiles(ws, userConfig);
    const main = await runAction('main', { inputs, env: stepEnv(), workspace: ws });
    assert.equal(main.code, 1, main.stdout);
    assert.match(
      errorAnnotation(main.stdout),
      /^Environment variable 'AWS_PROFILE': names 'old', which assumes a role .*role_arn/,
    );
    assert.deepEqual(main.exported, {});
    assert.deepEqual(stepOwnedDirs(ws), []);
    assert.equal(readFileSync(files.credentials, 'utf8'), files.credentialsText);
  });

  test('a receipt naming a step-owned-looking directory outside RUNNER_TEMP is not used', async () => {
    const ws = newWorkspace();
    const files = userFiles(ws, '');
    const main = await runAction('main', { inputs, env: stepEnv(), workspace: ws });
    assert.equal(main.code, 0, main.stdout);
    const receipt = JSON.parse(main.state['profile-receipt']!) as Record<string, string>;
    const elsewhere = join(ws.home, 'aslc-profile-abcdef');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'credentials'), files.credentialsText);
    const crafted = {
      ...receipt,
      credentialsFile: join(elsewhere, 'credentials'),
      configFile: join(elsewhere, 'config'),
    };
    const post = await runAction('post', {
      state: { 'profile-receipt': JSON.stringify(crafted) },
      workspace: ws,
      env: { AWS_PROFILE: 'old' },
    });
    assert.equal(post.code, 0, post.stdout);
    assert.match(post.stdout, /^::warning::.*receipt was not used/m);
    assert.equal(readFileSync(join(elsewhere, 'credentials'), 'utf8'), files.credentialsText);
  });
});
