/**
 * refresh-credentials end to end: dist/main starts the detached endpoint (the CLI's `serve --handover`), real clients
 * (botocore, the AWS CLI, the JS SDK's default chain) call moto through it across several refreshes, and dist/post
 * stops it. Sessions of 900 s with refresh-margin-s 893 refresh every 7 s.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { useOidcPeers, oidcStepEnv } from '../support/oidc-peers.js';
import { newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';
import { awsCliCalls, botocoreCalls, jsSdkCalls, keysSeen, type ClientCall } from '../support/endpoint-clients.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN_ROLE = 'arn:aws:iam::210987654321:role/target';
const REFRESH_EVERY_S = 7;

const ledger = new SecretLedger();

const peers = useOidcPeers(async (peers) => {
  ledger.add('runner bearer', peers.tokens.bearer);
});

function runnerEnv(): Record<string, string> {
  return {
    ...oidcStepEnv(peers),
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_RUN_ID: '1234',
  };
}

async function startMain(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  const run = await runAction('main', {
    workspace: newWorkspace(),
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': ROLE,
      'role-duration-seconds': '900',
      'refresh-credentials': 'true',
      'refresh-margin-s': String(900 - REFRESH_EVERY_S),
      ...inputs,
    },
    env: { ...runnerEnv(), ...env },
    killAfterMs: 30_000,
  });
  // The first session's keys are masked, never exported: the ledger learns them from the mask lines.
  for (const line of run.stdout.split('\n'))
    if (line.startsWith('::add-mask::')) ledger.add('masked value', line.slice('::add-mask::'.length));
  return run;
}

/** What a later step sees: the exported variables; moto as every service endpoint. */
function laterStep(run: RunResult): Record<string, string> {
  return { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: peers.moto.url };
}

function get(
  url: string,
  headers: Record<string, string>,
  host = '127.0.0.1',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request({ host, port: u.port, path: u.pathname, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host, port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** Alive and not a zombie awaiting its reaper. */
function pidAlive(pid: number): boolean {
  try {
    return !/State:\s+Z/.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

function assertAllSucceeded(name: string, calls: ClientCall[], minRefreshes: number): void {
  const failed = calls.filter((c) => !c.ok);
  assert.deepEqual(failed, [], `${name}: every call succeeds`);
  const keys = keysSeen(calls);
  assert.ok(
    keys.length >= minRefreshes + 1,
    `${name}: the access key changed after each refresh (saw ${keys.length} keys in ${calls.length} calls)`,
  );
}

describe('refresh-credentials: a detached local endpoint that refreshes', () => {
  test('OIDC: botocore, the AWS CLI and the JS SDK call moto across refreshes; a failed refresh is retried unseen; post stops it', async () => {
    const run = await startMain({ 'retry-max-attempts': '1' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    // The runner waits for the step's pipes to close: the step returned, so the endpoint holds none of them.
    assert.ok(run.elapsedMs < 15_000, `the main step returned in ${run.elapsedMs} ms`);
    const ex = run.exported;
    for (const name of [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    ])
      assert.equal(ex[name], '', `${name} cleared`);
    assert.match(ex['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '', /^http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}$/);
    const tokenFile = ex['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']!;
    assert.equal(statSync(tokenFile).mode & 0o777, 0o600);
    assert.equal(ex['AWS_REGION'], 'us-east-1');
    const token = readFileSync(tokenFile, 'utf8');
    ledger.add('endpoint token', token);
    assert.ok(run.stdout.includes(`::add-mask::${token}`), 'the endpoint token is masked');
    const state = JSON.parse(run.state['credentials-endpoint'] ?? '{}') as { pid: number; url: string };
    const port = Number(new URL(state.url).port);
    const exchangesBefore = peers.tokens.issued.length;

    // After the first refresh, the runner's token endpoint fails once: the endpoint retries; no client notices.
    setTimeout(() => peers.tokens.failFirst(1, 503), (REFRESH_EVERY_S + 1) * 1000);
    const forMs = (3 * REFRESH_EVERY_S + 2) * 1000;
    const env = laterStep(run);
    const [boto, cli, js] = await Promise.all([
      botocoreCalls(env, forMs, 300),
      awsCliCalls(env, forMs, 200),
      jsSdkCalls(env, forMs, 300),
    ]);
    assertAllSucceeded('botocore', boto, 2);
    assertAllSucceeded('AWS CLI', cli, 2);
    assertAllSucceeded('JS SDK', js, 2);
    // Each refresh asked the runner for a new id-token; thousands of calls made no extra exchange.
    const exchanges = peers.tokens.issued.length - exchangesBefore;
    assert.ok(
      exchanges >= 3 && exchanges <= 4,
      `${exchanges} fresh id-tokens for ${forMs / 1000}s at one refresh per ${REFRESH_EVERY_S}s`,
    );
    for (const t of peers.tokens.issued) ledger.add('id-token', t);

    // Refused: no token, a wrong one, another Host, and from a non-loopback address not even a connection.
    assert.equal((await get(state.url, {})).status, 401);
    assert.equal((await get(state.url, { authorization: 'x'.repeat(token.length) })).status, 403);
    assert.equal((await get(state.url, { authorization: token, host: `attacker.example:${port}` })).status, 403);
    assert.equal((await get(state.url, { authorization: token })).status, 200);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (external) assert.equal(await portOpen(port, external.address), false, `not reachable on ${external.address}`);

    const post = await runAction('post', { workspace: run.workspace, state: run.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.match(post.stdout, /refresh failed \(1 in a row\)/, 'the failed refresh is in the endpoint log');
    assert.match(post.stdout, /stopped \(asked to stop\): \d+ answers served/);
    assert.equal(await portOpen(port), false, 'the port is closed');
    assert.equal(pidAlive(state.pid), false, 'no endpoint process is left');
    assert.equal(existsSync(tokenFile), false, 'the token file is removed');
    ledger.assertNoLeak(run, { envMayHoldCredentials: false });
    // The endpoint's log, printed by the post step, holds no secret either.
    ledger.assertNoLeak(post);
  });

  test('a chained hop is re-chained on every refresh', async () => {
    const run = await startMain({ 'chain-role-arn': CHAIN_ROLE });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const env = laterStep(run);
    const calls = await botocoreCalls(env, (2 * REFRESH_EVERY_S + 2) * 1000, 500);
    assertAllSucceeded('botocore', calls, 1);
    const who = await jsSdkCalls(env, 1, 0);
    assert.ok(who[0]?.ok);
    const post = await runAction('post', { workspace: run.workspace, state: run.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.match(post.stdout, /stopped \(asked to stop\)/);
  });

  test('refresh-margin-s not below the session length fails the step, and nothing is left running', async () => {
    const run = await startMain({ 'refresh-margin-s': '900' });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /refresh-margin-s.*not below the session's lifetime/);
    assert.equal(run.state['credentials-endpoint'], undefined);
    assert.equal(run.exported['AWS_CONTAINER_CREDENTIALS_FULL_URI'], undefined);
  });
});

describe('CLI serve', () => {
  test('serve -- <command> runs botocore against the endpoint across refreshes and exits with its code', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { collect, ROOT } = await import('../support/processes.js');
    const dir = mkdtempSync(join(tmpdir(), 'aslc-serve-'));
    // A token file re-read on every refresh, as a CI system's would be (a fresh one each time).
    const tokenFile = join(dir, 'token');
    const t = await fetch(peers.tokens.url + '&audience=sts.amazonaws.com', {
      headers: { authorization: `Bearer ${peers.tokens.bearer}` },
    });
    writeFileSync(tokenFile, ((await t.json()) as { value: string }).value);
    const script = `
import json, sys, time, botocore.session
c = botocore.session.get_session().create_client('sts')
keys = set()
end = time.time() + 16
while time.time() < end:
    c.get_caller_identity()
    keys.add(c._request_signer._credentials.get_frozen_credentials().access_key)
    time.sleep(0.3)
print(json.dumps(sorted(keys)))
sys.exit(7)
`;
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli', 'index.js'),
        'serve',
        '--aws-region',
        'us-east-1',
        '--role-to-assume',
        ROLE,
        '--role-duration-seconds',
        '900',
        '--refresh-margin-s',
        '893',
        '--web-identity-token-file',
        tokenFile,
        '--',
        'python3',
        '-c',
        script,
      ],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: dir,
          AWS_ENDPOINT_URL_STS: peers.moto.url,
          AWS_ENDPOINT_URL: peers.moto.url,
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_ACCESS_KEY_ID: 'AKIASTALESTALE0001',
          AWS_SECRET_ACCESS_KEY: 'stale',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const r = await collect(child);
    assert.equal(r.code, 7, r.stderr);
    const keys = JSON.parse(r.stdout.trim()) as string[];
    assert.ok(keys.length >= 3, `saw ${keys.length} keys: the refreshes reached the command`);
    assert.ok(!keys.includes('AKIASTALESTALE0001'), "stale static keys were removed from the command's environment");
  });
});

describe('refresh-credentials with profile delivery', () => {
  test('the profile runs the CLI against the endpoint: botocore, the AWS CLI and the JS SDK (AWS_PROFILE) follow the refreshes; post removes exactly what was written', async () => {
    const { cpSync, mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { ROOT } = await import('../support/processes.js');
    // The action, its temp directory and the profile files all under paths with a space: the line must quote them.
    const base = mkdtempSync(join(tmpdir(), 'aslc refresh '));
    cpSync(join(ROOT, 'dist'), join(base, 'action dir', 'dist'), { recursive: true });
    const script = (entry: string) => join(base, 'action dir', 'dist', entry, 'index.js');
    const runnerTemp = join(base, 'runner temp');
    mkdirSync(runnerTemp);
    const workspace = newWorkspace();
    const configFile = join(workspace.home, '.aws', 'config');
    mkdirSync(join(workspace.home, '.aws'), { recursive: true });
    // The user's own profile and settings survive the write and the post step's removal.
    const userConfig = '[profile mine]\nregion = eu-west-1\n';
    writeFileSync(configFile, userConfig);

    const run = await runAction('main', {
      workspace,
      script: script('main'),
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': ROLE,
        'role-duration-seconds': '900',
        'refresh-credentials': 'true',
        'refresh-margin-s': String(900 - REFRESH_EVERY_S),
        'output-env-credentials': 'false',
        profile: 'ci',
      },
      env: { ...runnerEnv(), RUNNER_TEMP: runnerTemp },
      killAfterMs: 30_000,
    });
    for (const line of run.stdout.split('\n'))
      if (line.startsWith('::add-mask::')) ledger.add('masked value', line.slice('::add-mask::'.length));
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const ex = run.exported;
    assert.equal(ex['AWS_PROFILE'], 'ci');
    assert.equal(ex['AWS_CONTAINER_CREDENTIALS_FULL_URI'], undefined, 'the profile alone delivers');
    const credentialsFile = ex['AWS_SHARED_CREDENTIALS_FILE']!;
    const written = readFileSync(credentialsFile, 'utf8');
    assert.equal(statSync(credentialsFile).mode & 0o777, 0o600);
    assert.doesNotMatch(written, /aws_access_key_id|aws_secret_access_key|aws_session_token/, 'no keys in the file');
    const state = JSON.parse(run.state['credentials-endpoint'] ?? '{}') as {
      pid: number;
      url: string;
      tokenFile: string;
    };
    assert.ok(state.tokenFile.startsWith(runnerTemp));
    const line = /^credential_process = (.*)$/m.exec(written)?.[1] ?? '';
    assert.equal(
      line,
      `'${process.execPath}' '${script('cli')}' credential-process --endpoint-url '${state.url}' --endpoint-token-file '${state.tokenFile}'`,
    );
    const token = readFileSync(state.tokenFile, 'utf8');
    ledger.add('endpoint token', token);
    assert.ok(!written.includes(token), 'the token is not on the line');

    const env = { ...ex, HOME: workspace.home, AWS_ENDPOINT_URL: peers.moto.url };
    const forMs = (2 * REFRESH_EVERY_S + 2) * 1000;
    const [boto, cli, js] = await Promise.all([
      botocoreCalls(env, forMs, 300),
      awsCliCalls(env, forMs, 300),
      jsSdkCalls(env, forMs, 300),
    ]);
    assertAllSucceeded('botocore', boto, 1);
    assertAllSucceeded('AWS CLI', cli, 1);
    assertAllSucceeded('JS SDK', js, 1);

    const post = await runAction('post', {
      workspace,
      script: script('post'),
      state: run.state,
      env: { RUNNER_TEMP: runnerTemp },
    });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.match(post.stdout, /stopped \(asked to stop\)/);
    assert.match(post.stdout, /Removed profile 'ci'/);
    assert.equal(existsSync(credentialsFile), false, 'the credentials file the step created is gone');
    assert.equal(readFileSync(configFile, 'utf8'), userConfig, 'the config file is as it was');
    assert.equal(existsSync(state.tokenFile), false);
    assert.equal(pidAlive(state.pid), false);
    ledger.assertNoLeak(run, { envMayHoldCredentials: false });
    ledger.assertNoLeak(post);
  });

  test('a profile edited after the main step is left as it is', async () => {
    const { writeFileSync } = await import('node:fs');
    const run = await startMain({ 'output-env-credentials': 'false', profile: 'ci' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const credentialsFile = run.exported['AWS_SHARED_CREDENTIALS_FILE']!;
    const edited = readFileSync(credentialsFile, 'utf8').replace(/credential-process/, 'credential-process --verbose');
    writeFileSync(credentialsFile, edited);
    const post = await runAction('post', { workspace: run.workspace, state: run.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.match(post.stdout, /was changed or removed since the main step; left as it is/);
    assert.equal(readFileSync(credentialsFile, 'utf8'), edited);
  });
});
