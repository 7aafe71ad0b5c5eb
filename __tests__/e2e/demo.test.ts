/**
 * The local demo: `tsx demo/run.ts` exits 0 with one row per mode showing the assumed-role ARN that GetCallerIdentity
 * answered for the exported credentials; a failing mode fails the demo without stopping the others, and everything
 * started is stopped either way. It needs no program but node: it runs with a PATH holding node alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes.js';
import { runAction } from '../support/action-runner.js';
import { MODES, runDemo, type DemoMode } from '../../demo/run.js';

const ASSUMED_ROLE_ARN = /arn:aws:sts::(\d{12}):assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+/;
const MINIO_IDENTITY = /MinIO policy ci-publish \(at https:\/\/127\.0\.0\.1:\d+\)/;

test('the demo has the five rows: both OIDC flavours, IoT certificate, Roles Anywhere, MinIO', () => {
  assert.deepEqual(
    MODES.map((m) => m.name),
    ['oidc', 'oidc + chain-role-arn', 'iot-certificate', 'roles-anywhere', 'minio-certificate'],
  );
});

test('tsx demo/run.ts, with node the only program on PATH, exits 0 and prints an assumed-role ARN for every mode', (t) => {
  // node's own directory may hold other programs (/usr/bin does), so PATH is a directory with a link to node alone.
  const bin = mkdtempSync(join(tmpdir(), 'aslc-node-only-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  symlinkSync(process.execPath, join(bin, 'node'));
  const env = { PATH: bin, HOME: process.env['HOME'] ?? '' };
  assert.equal(
    (spawnSync('openssl', ['version'], { env }).error as NodeJS.ErrnoException | undefined)?.code,
    'ENOENT',
    'openssl is not on this PATH',
  );
  assert.equal(spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim(), process.version, 'node is');

  const res = spawnSync(process.execPath, ['--import', 'tsx', join('demo', 'run.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
  assert.equal(res.status, 0, res.stdout + res.stderr);
  const lines = res.stdout.split('\n');
  for (const mode of MODES) {
    const row = lines.find((l) => l.startsWith(`${mode.name} `));
    assert.ok(row, `a row for ${mode.name} in:\n${res.stdout}`);
    assert.match(row, mode.name === 'minio-certificate' ? MINIO_IDENTITY : ASSUMED_ROLE_ARN);
  }
  assert.match(res.stdout, new RegExp(`${MODES.length}/${MODES.length} modes OK`));
  assert.doesNotMatch(res.stdout + res.stderr, /ASIA[A-Z0-9]{16}/, 'no access key id is printed');
});

test('each row is what GetCallerIdentity answered for the credentials that step exported', async () => {
  const printed: string[] = [];
  const report = await runDemo(MODES, (line) => printed.push(line));
  assert.ok(report.ok, printed.join('\n'));
  for (const row of report.rows) {
    if (row.mode === 'minio-certificate') {
      // MinIO's credentials are not AWS's: the row names the policy MinIO issued them under, checked by the mode.
      assert.match(row.arn ?? '', MINIO_IDENTITY);
      continue;
    }
    assert.match(row.arn ?? '', ASSUMED_ROLE_ARN);
    const call = report.stsCalls.find((c) => c.action === 'GetCallerIdentity' && c.signedBy === row.accessKeyId);
    assert.equal(call?.status, 200, `${row.mode}: a verified GetCallerIdentity signed with the exported key`);
  }
  const arnOf = (mode: string) => report.rows.find((r) => r.mode === mode)?.arn ?? '';
  assert.equal(
    ASSUMED_ROLE_ARN.exec(arnOf('oidc + chain-role-arn'))?.[1],
    '210987654321',
    'the chained row is in the second account',
  );
  // IoT names the session after the certificate id (SHA-256 of the DER); Roles Anywhere after the certificate serial.
  assert.match(arnOf('iot-certificate'), /^arn:aws:sts::111122223333:assumed-role\/ci-iot\/[0-9a-f]{64}$/);
  assert.match(arnOf('roles-anywhere'), /^arn:aws:sts::444455556666:assumed-role\/ci-from-certificate\/[0-9a-f]{32}$/);
  // The certificate rows' credentials come from their stand-ins (minted with sts.issue), not from an STS call.
  assert.deepEqual(
    report.stsCalls.filter((c) => c.status === 200).map((c) => c.action),
    [
      'AssumeRoleWithWebIdentity',
      'GetCallerIdentity',
      'AssumeRoleWithWebIdentity',
      'AssumeRole',
      'GetCallerIdentity',
      'GetCallerIdentity',
      'GetCallerIdentity',
    ],
  );
});

test('a failing mode fails the demo, the other rows still run, and every clean-up runs', async () => {
  let closed = false;
  let workspace = '';
  const broken: DemoMode = {
    name: 'broken',
    setUp: async (ctx) => {
      ctx.defer(() => (closed = true));
    },
    run: async (ctx) => {
      // A bare role name: the action refuses it, as it would a user's misconfigured step.
      const run = await runAction('main', {
        inputs: { 'aws-region': ctx.region, 'role-to-assume': 'deploy' },
        env: { AWS_ENDPOINT_URL_STS: ctx.sts.url },
      });
      workspace = run.workspace.dir;
      return run;
    },
  };
  const printed: string[] = [];
  const report = await runDemo([broken, MODES[0]!], (line) => printed.push(line));
  assert.equal(report.ok, false);
  assert.equal(report.rows[0]?.ok, false);
  assert.match(report.rows[0]?.error ?? '', /role-to-assume/);
  assert.equal(report.rows[1]?.ok, true, 'the next mode still ran');
  assert.ok(closed, "the failing mode's clean-up ran");
  assert.ok(workspace && !existsSync(workspace), 'the step workspace (it holds GITHUB_ENV) was removed');
  assert.match(printed.join('\n'), /^broken\s+FAILED: .*role-to-assume/m);
  assert.match(printed.join('\n'), /1\/2 modes OK/);
});
