/**
 * refresh-credentials when the endpoint has died mid-job: another process that binds its port cannot pass for it
 * (the profile's credential_process refuses its answers, the post step never sends it the token), and the post step
 * stops only the very process the main step started, and cleans up whatever happened.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Agent, createServer, request } from 'node:http';
import { connect } from 'node:net';
import { oidcStepEnv, useOidcPeers } from '../support/oidc-peers.js';
import { newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { runAwsCliAsync } from '../support/aws-cli.js';
import { jsSdkCalls } from '../support/endpoint-clients.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const peers = useOidcPeers();

async function startMain(inputs: Record<string, string> = {}): Promise<RunResult> {
  const run = await runAction('main', {
    workspace: newWorkspace(),
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'refresh-credentials': 'true', ...inputs },
    env: oidcStepEnv(peers),
    killAfterMs: 30_000,
  });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return run;
}

interface State {
  pid: number;
  startTime?: string;
  url: string;
  tokenFile: string;
  logFile: string;
}

const stateOf = (run: RunResult) => JSON.parse(run.state['credentials-endpoint'] ?? '{}') as State;

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

async function waitFor(check: () => Promise<boolean> | boolean): Promise<void> {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(await check());
}

/** The endpoint ends as out of memory would end it; its port is free for anyone. */
async function killEndpoint(state: State): Promise<number> {
  const port = Number(new URL(state.url).port);
  process.kill(state.pid, 'SIGKILL');
  await waitFor(async () => !(await portOpen(port)));
  return port;
}

/** Another local process on the endpoint's port answering with its own keys; records the tokens sent to it. */
async function impostorOn(port: number): Promise<{ tokens: Array<string | undefined>; close(): void }> {
  const tokens: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    tokens.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        AccessKeyId: 'AKIAMALLORY000000000',
        SecretAccessKey: 'm'.repeat(40),
        Token: 'mallory',
        Expiration: new Date(Date.now() + 3600_000).toISOString(),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { tokens, close: () => (server.closeAllConnections(), server.close()) };
}

describe('refresh-credentials: an endpoint that died, and what the post step stops', () => {
  test("another process on a dead endpoint's port: the profile's clients refuse its keys; post never sends it the token and cleans up", async () => {
    const run = await startMain({ 'output-env-credentials': 'false', profile: 'ci' });
    const state = stateOf(run);
    assert.match(state.startTime ?? '', /^\d+$/, "the main step recorded the endpoint's start time");
    const token = readFileSync(state.tokenFile, 'utf8');
    const impostor = await impostorOn(await killEndpoint(state));
    try {
      const env = { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: peers.moto.url };
      const cli = await runAwsCliAsync(['sts', 'get-caller-identity'], env);
      assert.notEqual(cli.code, 0, 'the AWS CLI gets no credentials');
      assert.match(cli.stderr, /NotTheEndpoint: the process at http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]+ did not sign/);
      assert.doesNotMatch(cli.stdout, /AKIAMALLORY/);
      const js = await jsSdkCalls(env, 1, 0);
      // Its default chain reports only that no provider answered: the process's error is in the chain's debug log.
      assert.equal(js[0]?.ok, false, 'the JS SDK gets no credentials');

      const before = impostor.tokens.length;
      const post = await runAction('post', { workspace: run.workspace, state: run.state });
      assert.equal(post.code, 0, post.stdout + post.stderr);
      assert.match(post.stdout, /::warning::.*could not prove it is this job's credentials endpoint/);
      assert.match(post.stdout, /::warning::Post step: port \d+ is still open/);
      assert.deepEqual(impostor.tokens.slice(before), [undefined], 'the post step probed once, without the token');
      assert.ok(!post.stdout.includes(token));
      assert.doesNotMatch(post.stdout, /Unexpected/);
      assert.match(post.stdout, /Removed profile 'ci'/);
      assert.equal(existsSync(state.tokenFile), false, 'the token file is removed');
      assert.equal(existsSync(state.logFile), false, 'the log is removed');
    } finally {
      impostor.close();
    }
  });

  test("a process at the saved pid that is another user's, or started at another time, is never ended", async () => {
    const run = await startMain();
    const state = stateOf(run);
    await killEndpoint(state);
    // A decoy with the endpoint's arguments, run as another user (nobody).
    const decoy = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', 'serve', '--handover'], {
      uid: 65534,
      gid: 65534,
      stdio: 'ignore',
    });
    await waitFor(() => existsSync(`/proc/${decoy.pid}/stat`));
    const stat = readFileSync(`/proc/${decoy.pid}/stat`, 'utf8');
    const startTime = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!;
    try {
      for (const saved of [
        { ...state, pid: decoy.pid!, startTime }, // the start time matches: only the owner tells
        { ...state, pid: decoy.pid! }, // the owner differs and the start time is the dead endpoint's
      ]) {
        const post = await runAction('post', {
          workspace: run.workspace,
          state: { 'credentials-endpoint': JSON.stringify(saved) },
        });
        assert.equal(post.code, 0, post.stdout + post.stderr);
        assert.doesNotMatch(post.stdout, /Unexpected/);
        assert.equal(decoy.exitCode, null, "another user's process is left running");
        assert.equal(decoy.signalCode, null);
        assert.match(post.stdout, /Credentials endpoint stopped; port \d+ is closed/);
        assert.equal(existsSync(state.tokenFile), false);
        assert.equal(existsSync(state.logFile), false);
      }
    } finally {
      decoy.kill('SIGKILL');
    }
  });

  test('a local process flooding the endpoint with refused requests does not grow its log', async () => {
    const run = await startMain();
    const state = stateOf(run);
    const before = statSync(state.logFile).size;
    // One keep-alive connection, as fast as the endpoint answers, for 3 seconds.
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    let sent = 0;
    const end = Date.now() + 3_000;
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (Date.now() < end) {
          await new Promise<void>((resolve, reject) => {
            const req = request(state.url, { agent, headers: { authorization: 'x'.repeat(2000) } }, (res) => {
              res.resume();
              res.on('end', resolve);
            });
            req.on('error', reject);
            req.end();
          });
          sent++;
        }
      }),
    );
    agent.destroy();
    const grown = statSync(state.logFile).size - before;
    assert.ok(sent > 1000, `${sent} requests sent`);
    assert.ok(grown < 8_000, `the log grew by ${grown} bytes for ${sent} refused requests`);
    const post = await runAction('post', { workspace: run.workspace, state: run.state });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.match(post.stdout, /further refused requests are counted, not logged/);
    // The post step's probe (no token) is one more refusal.
    assert.match(post.stdout, new RegExp(`stopped \\(asked to stop\\): \\d+ answers served.*, ${sent + 1} refused`));
  });
});
