/**
 * The local demo: `tsx demo/run.ts` exits 0 with one row per mode showing the assumed-role ARN that GetCallerIdentity
 * answered for the exported credentials; a failing mode fails the demo without stopping the others, and everything
 * started is stopped either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes.js';
import { runAction } from '../support/action-runner.js';
import { MODES, runDemo, type DemoMode } from '../../demo/run.js';

const ASSUMED_ROLE_ARN = /arn:aws:sts::(\d{12}):assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+/;

test('tsx demo/run.ts exits 0 and prints an assumed-role ARN for every mode', () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join('demo', 'run.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' } });
  assert.equal(res.status, 0, res.stdout + res.stderr);
  const lines = res.stdout.split('\n');
  for (const mode of MODES) {
    const row = lines.find((l) => l.startsWith(`${mode.name} `));
    assert.ok(row, `a row for ${mode.name} in:\n${res.stdout}`);
    assert.match(row, ASSUMED_ROLE_ARN);
  }
  assert.match(res.stdout, new RegExp(`${MODES.length}/${MODES.length} modes OK`));
  assert.doesNotMatch(res.stdout + res.stderr, /ASIA[A-Z0-9]{16}/, 'no access key id is printed');
});

test('each row is what GetCallerIdentity answered for the credentials that step exported', async () => {
  const printed: string[] = [];
  const report = await runDemo(MODES, (line) => printed.push(line));
  assert.ok(report.ok, printed.join('\n'));
  for (const row of report.rows) {
    assert.match(row.arn ?? '', ASSUMED_ROLE_ARN);
    const call = report.stsCalls.find((c) => c.action === 'GetCallerIdentity' && c.signedBy === row.accessKeyId);
    assert.equal(call?.status, 200, `${row.mode}: a verified GetCallerIdentity signed with the exported key`);
  }
  const chain = report.rows.find((r) => r.mode === 'oidc + chain-role-arn');
  assert.equal(ASSUMED_ROLE_ARN.exec(chain?.arn ?? '')?.[1], '210987654321', 'the chained row is in the second account');
  assert.deepEqual(
    report.stsCalls.filter((c) => c.status === 200).map((c) => c.action),
    ['AssumeRoleWithWebIdentity', 'GetCallerIdentity', 'AssumeRoleWithWebIdentity', 'AssumeRole', 'GetCallerIdentity'],
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
      const run = await runAction('main', { inputs: { 'aws-region': ctx.region, 'role-to-assume': 'deploy' }, env: { AWS_ENDPOINT_URL_STS: ctx.sts.url } });
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
