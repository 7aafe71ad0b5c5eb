/**
 * refresh-credentials where the runner starts steps as `docker exec` does in a job with `container:`: inside a PID
 * namespace whose init is not the step's parent, so the step's parent process id is 0. Made with `unshare` and
 * `nsenter` (root only; skipped otherwise).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { oidcStepEnv, useOidcPeers } from '../support/oidc-peers.js';
import { newWorkspace, runAction } from '../support/action-runner.js';
import { awsCliCalls, jsSdkCalls } from '../support/endpoint-clients.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const peers = useOidcPeers();
const canUnshare =
  process.getuid?.() === 0 && spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']).status === 0;

/** A PID namespace whose init is `sleep`, as a job container's is its entrypoint; `enter` runs a command in it. */
async function container(): Promise<{ enter: string[]; stop(): void }> {
  const unshare: ChildProcess = spawn('unshare', ['--pid', '--fork', '--mount-proc', 'sleep', '600'], {
    stdio: 'ignore',
  });
  const children = `/proc/${unshare.pid}/task/${unshare.pid}/children`;
  let init = '';
  for (let i = 0; i < 100 && !init; i++) {
    await new Promise((r) => setTimeout(r, 20));
    init = existsSync(children) ? readFileSync(children, 'utf8').trim() : '';
  }
  assert.match(init, /^\d+$/, 'the namespace has an init process');
  return { enter: ['nsenter', '--target', init, '--pid', '--mount', '--'], stop: () => unshare.kill('SIGKILL') };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

describe('refresh-credentials in a container job', { skip: !canUnshare && 'needs root and unshare' }, () => {
  const stops: Array<() => void> = [];
  after(() => stops.forEach((stop) => stop()));

  test("a step whose parent process id is 0 starts the endpoint; later steps use it; the post step's stop ends it", async () => {
    const box = await container();
    stops.push(box.stop);
    const ppid = spawnSync(box.enter[0]!, [...box.enter.slice(1), process.execPath, '-p', 'process.ppid'], {
      encoding: 'utf8',
    });
    assert.equal(ppid.stdout.trim(), '0', 'a step in the namespace sees parent process id 0, as under docker exec');

    const run = await runAction('main', {
      workspace: newWorkspace(),
      prefix: box.enter,
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': ROLE,
        'role-duration-seconds': '900',
        'refresh-credentials': 'true',
        'refresh-margin-s': '893',
      },
      env: oidcStepEnv(peers),
      killAfterMs: 30_000,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const port = Number(new URL(run.exported['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? 'http://x:1/').port);
    const env = { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: peers.moto.url };
    // The step has ended: the endpoint outlives it and serves across a refresh (every 7 s).
    const [cli, js] = await Promise.all([awsCliCalls(env, 9_000, 500), jsSdkCalls(env, 9_000, 500)]);
    assert.deepEqual(
      [...cli, ...js].filter((c) => !c.ok),
      [],
    );
    assert.ok(new Set(js.map((c) => c.key)).size >= 2, 'the JS SDK saw a refreshed key');

    const post = await runAction('post', { workspace: run.workspace, state: run.state, prefix: box.enter });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.match(post.stdout, /stopped \(asked to stop\)/);
    assert.equal(await portOpen(port), false, 'the port is closed');
    assert.doesNotMatch(post.stdout, /::warning::/);
  });
});
