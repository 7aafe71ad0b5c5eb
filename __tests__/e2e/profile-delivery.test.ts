/**
 * Profile delivery through the bundled action against moto, read back by botocore, the AWS CLI and the JS SDK: the
 * three agree on what was written, the user's config survives and is given back, nothing is left on disk when a write
 * fails, the post step acts only on a receipt that names what the main step wrote, and a broken lock fails fast.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useOidcPeers, oidcStepEnv } from '../support/oidc-peers.js';
import { errorAnnotation, newWorkspace, runAction, type Workspace } from '../support/action-runner.js';
import { readWithAll } from '../support/profile-readers.js';

const ROLE = 'arn:aws:iam::123456789012:role/profiles';

const peers = useOidcPeers();

const env = () => ({
  ...oidcStepEnv(peers),
  GITHUB_RUN_ID: '7',
});

function awsDir(ws: Workspace): { credentials: string; config: string } {
  const dir = join(ws.home, '.aws');
  mkdirSync(dir, { recursive: true });
  return { credentials: join(dir, 'credentials'), config: join(dir, 'config') };
}

const inputs = (more: Record<string, string>) => ({
  'aws-region': 'us-east-1',
  'role-to-assume': ROLE,
  'output-env-credentials': 'false',
  ...more,
});

describe('what the action writes, every reader reads alike', () => {
  test('profile default with both [default] and [profile default] in the config and [default] twice in the credentials file', async () => {
    const ws = newWorkspace();
    const files = awsDir(ws);
    const config = '[profile default]\nregion = eu-west-1\noutput = json\n\n[default]\nregion = us-east-2\n';
    const credentials =
      '[default]\naws_access_key_id = AKIAOLDOLDOLDOLD0001\naws_secret_access_key = old1\n\n[default]\naws_access_key_id = AKIAOLDOLDOLDOLD0002\naws_secret_access_key = old2\n';
    writeFileSync(files.config, config);
    writeFileSync(files.credentials, credentials);
    // [default] is there already: replaced only when asked (without it the step refuses, keeping the keys).
    const refused = await runAction('main', { inputs: inputs({ profile: 'default' }), env: env(), workspace: ws });
    assert.equal(refused.code, 1, refused.stdout);
    assert.equal(readFileSync(files.credentials, 'utf8'), credentials);
    const main = await runAction('main', {
      inputs: inputs({ profile: 'default', 'overwrite-aws-profile': 'true' }),
      env: env(),
      workspace: ws,
    });
    assert.equal(main.code, 0, main.stdout);
    const views = readWithAll({
      credentialsFile: files.credentials,
      configFile: files.config,
      profile: 'default',
      home: ws.home,
    });
    for (const [reader, view] of Object.entries(views)) {
      assert.equal(view.region, 'us-east-1', `${reader}: ${JSON.stringify(views)}`);
      assert.match(view.accessKeyId ?? '', /^ASIA/, `${reader}: ${JSON.stringify(views)}`);
    }
    assert.equal(new Set(Object.values(views).map((v) => v.accessKeyId)).size, 1, JSON.stringify(views));

    const post = await runAction('post', { state: main.state, workspace: ws });
    assert.equal(post.code, 0, post.stdout);
    assert.equal(readFileSync(files.config, 'utf8'), config, 'both regions put back');
  });

  test('a named profile the user configured: only region is added, output/role_arn/s3 stay for every reader, and the post step gives the file back byte for byte', async () => {
    const ws = newWorkspace();
    const files = awsDir(ws);
    const config = [
      '# team settings',
      '[profile ci]',
      'output = text',
      's3 =',
      '  max_concurrent_requests = 20',
      '  region = ap-south-1',
      '',
      '[profile other]',
      'region = eu-north-1',
      '',
    ].join('\n');
    writeFileSync(files.config, config);
    const main = await runAction('main', { inputs: inputs({ profile: 'ci' }), env: env(), workspace: ws });
    assert.equal(main.code, 0, main.stdout);
    assert.equal(
      readFileSync(files.config, 'utf8'),
      config.replace('  region = ap-south-1\n', '  region = ap-south-1\nregion = us-east-1\n'),
    );
    const views = readWithAll({
      credentialsFile: files.credentials,
      configFile: files.config,
      profile: 'ci',
      home: ws.home,
    });
    for (const [reader, view] of Object.entries(views))
      assert.equal(view.region, 'us-east-1', `${reader}: ${JSON.stringify(views)}`);
    const post = await runAction('post', { state: main.state, workspace: ws });
    assert.equal(post.code, 0, post.stdout);
    assert.equal(readFileSync(files.config, 'utf8'), config);
    assert.ok(!existsSync(files.credentials), 'the credentials file the main step created is gone');
  });
});

describe('AWS_SKIP_CLEANUP_STEP, as the peer reads it (its post-if, evaluated as the runner does)', () => {
  test('set to true in the job: the post step does not run and a later step still reads the profile', async () => {
    const ws = newWorkspace();
    const files = awsDir(ws);
    const jobEnv = { ...env(), AWS_SKIP_CLEANUP_STEP: 'true' };
    const main = await runAction('main', { inputs: inputs({ profile: 'kept' }), env: jobEnv, workspace: ws });
    assert.equal(main.code, 0, main.stdout);
    const post = await runAction('post', { state: main.state, workspace: ws, env: jobEnv });
    assert.equal(post.skipped, true, 'the post step ran');
    const views = readWithAll({
      credentialsFile: files.credentials,
      configFile: files.config,
      profile: 'kept',
      home: ws.home,
    });
    for (const [reader, view] of Object.entries(views))
      assert.match(view.accessKeyId ?? '', /^ASIA/, `${reader}: ${JSON.stringify(views)}`);
  });

  test('unset, or anything but true: the post step runs after a failed job too and removes the profile', async () => {
    for (const [skip, jobStatus] of [
      [undefined, 'failure'],
      ['false', 'cancelled'],
    ] as const) {
      const ws = newWorkspace();
      const files = awsDir(ws);
      const jobEnv = { ...env(), ...(skip === undefined ? {} : { AWS_SKIP_CLEANUP_STEP: skip }) };
      const main = await runAction('main', { inputs: inputs({ profile: 'gone' }), env: jobEnv, workspace: ws });
      assert.equal(main.code, 0, main.stdout);
      assert.ok(existsSync(files.credentials));
      const post = await runAction('post', { state: main.state, workspace: ws, env: jobEnv, jobStatus });
      assert.equal(post.skipped, undefined, `${skip}/${jobStatus}: skipped`);
      assert.equal(post.code, 0, post.stdout);
      assert.ok(!existsSync(files.credentials), `${skip}/${jobStatus}: the credentials file is left`);
    }
  });
});

describe('the post step trusts only what the main step wrote', () => {
  test('a crafted receipt aimed at a long-lived ~/.aws/credentials: a warning, exit 0, nothing touched', async () => {
    const ws = newWorkspace();
    const files = awsDir(ws);
    const longLived = '[default]\naws_access_key_id = AKIALONGLIVED0000001\naws_secret_access_key = keep-me\n';
    const userConfig = '[default]\nregion = eu-west-1\n';
    writeFileSync(files.credentials, longLived);
    writeFileSync(files.config, userConfig);
    const other = join(ws.dir, 'some.ini');
    writeFileSync(other, '[section]\naws_access_key_id = AKIALONGLIVED0000001\n');
    const crafted = [
      {
        credentialsFile: files.credentials,
        configFile: files.config,
        profile: 'default',
        accessKeyId: 'AKIALONGLIVED0000001',
        createdCredentialsFile: true,
        createdConfigFile: true,
      },
      {
        credentialsFile: other,
        configFile: files.config,
        profile: 'section',
        accessKeyId: 'AKIALONGLIVED0000001',
        createdCredentialsFile: true,
        createdConfigFile: true,
        credentialsSha256: '0'.repeat(64),
        region: 'us-east-1',
        regionEdits: [],
      },
      'not json',
    ];
    for (const receipt of crafted) {
      const post = await runAction('post', {
        inputs: inputs({ profile: 'default' }),
        state: { 'profile-receipt': typeof receipt === 'string' ? receipt : JSON.stringify(receipt) },
        workspace: ws,
      });
      assert.equal(post.code, 0, post.stdout);
      assert.match(post.stdout, /^::warning::.*receipt was not used/m);
      assert.equal(readFileSync(files.credentials, 'utf8'), longLived);
      assert.equal(readFileSync(files.config, 'utf8'), userConfig);
      assert.equal(readFileSync(other, 'utf8'), '[section]\naws_access_key_id = AKIALONGLIVED0000001\n');
    }
  });
});

describe('no credentials on disk without a receipt', () => {
  test('the config file cannot be written after the credentials file was: the credentials file is as before and no receipt is saved', async () => {
    const ws = newWorkspace();
    const credentials = join(ws.dir, 'a', 'credentials');
    mkdirSync(join(ws.dir, 'a'));
    const before = '[keep]\naws_access_key_id = AKIAKEEPKEEPKEEPKEEP\n';
    writeFileSync(credentials, before);
    const main = await runAction('main', {
      inputs: inputs({ profile: 'ci' }),
      env: { ...env(), AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_CONFIG_FILE: join(ws.dir, 'c'.repeat(245)) },
      workspace: ws,
    });
    assert.equal(main.code, 1, main.stdout);
    assert.match(errorAnnotation(main.stdout), /^Input 'credentials-file': cannot write .*ENAMETOOLONG/);
    assert.equal(readFileSync(credentials, 'utf8'), before);
    assert.deepEqual(main.state, {});
  });

  test('a credentials-file under a path component that is a file fails naming the input', async () => {
    const ws = newWorkspace();
    writeFileSync(join(ws.dir, 'plain'), '');
    const main = await runAction('main', {
      inputs: inputs({ 'credentials-file': join(ws.dir, 'plain', 'credentials') }),
      env: env(),
      workspace: ws,
    });
    assert.equal(main.code, 1, main.stdout);
    assert.match(
      errorAnnotation(main.stdout),
      /^Input 'credentials-file': cannot write .*a component of the path is a file/,
    );
  });
});

test('a dangling credentials.lock symlink fails fast with a clear error, well inside action-timeout-s', async () => {
  const ws = newWorkspace();
  const files = awsDir(ws);
  symlinkSync(join(ws.dir, 'nowhere'), `${files.credentials}.lock`);
  const main = await runAction('main', {
    inputs: inputs({ profile: 'ci', 'action-timeout-s': '30' }),
    env: env(),
    workspace: ws,
    killAfterMs: 40000,
  });
  assert.equal(main.code, 1, main.stdout);
  assert.match(
    errorAnnotation(main.stdout),
    /^Input 'credentials-file': .*credentials\.lock is a symbolic link, not a lock/,
  );
  assert.ok(main.elapsedMs < 15000, `took ${main.elapsedMs} ms`);
  assert.ok(!existsSync(files.credentials));
});
