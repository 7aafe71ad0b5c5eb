/**
 * Files under contention and debug logging, through the bundled action against moto: concurrent steps writing
 * profiles to one credentials file both land, the file is never half-written or readable by others, a symbolic link is
 * refused, and with the runner's debug switches on nothing secret is printed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { useOidcPeers, oidcStepEnv } from '../support/oidc-peers.js';
import { errorAnnotation, newWorkspace, runAction } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';
import { readSection } from '../../src/ini.js';

const ROLE = 'arn:aws:iam::123456789012:role/files';
const ledger = new SecretLedger();

const peers = useOidcPeers(async (peers) => {
  ledger.add('runner bearer', peers.tokens.bearer);
});

const env = () => ({
  ...oidcStepEnv(peers),
  GITHUB_RUN_ID: '5',
});

describe('credentials file under contention', () => {
  test('eight steps writing eight profiles to one file at once all land, each once, mode 0600', async () => {
    const dir = join(newWorkspace().dir, 'shared');
    mkdirSync(dir);
    const file = join(dir, 'credentials');
    writeFileSync(file, '[existing]\naws_access_key_id = AKIAEXISTINGEXISTING\n', { mode: 0o644 });
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runAction('main', {
          inputs: {
            'aws-region': 'us-east-1',
            'role-to-assume': ROLE,
            'credentials-file': file,
            profile: `p${i}`,
            'output-env-credentials': 'false',
          },
          env: env(),
        }),
      ),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stdout);
    const text = readFileSync(file, 'utf8');
    for (let i = 0; i < 8; i++) {
      assert.equal(text.split(`[p${i}]`).length, 2, `profile p${i} appears exactly once`);
      assert.match(readSection(text, `p${i}`)?.get('aws_access_key_id') ?? '', /^ASIA/);
    }
    assert.equal(readSection(text, 'existing')?.get('aws_access_key_id'), 'AKIAEXISTINGEXISTING');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.ok(!existsSync(`${file}.lock`), 'the lock is released');

    // The post steps, also at once, remove exactly their own profiles.
    const posts = await Promise.all(runs.map((r) => runAction('post', { state: r.state, workspace: r.workspace })));
    for (const p of posts) assert.equal(p.code, 0, p.stdout);
    assert.equal(readFileSync(file, 'utf8'), '[existing]\naws_access_key_id = AKIAEXISTINGEXISTING\n');
  });

  test('a credentials file that is a symbolic link is refused, and its target left alone', async () => {
    const dir = newWorkspace().dir;
    const target = join(dir, 'elsewhere');
    writeFileSync(target, 'do not touch\n');
    const link = join(dir, 'credentials');
    symlinkSync(target, link);
    const run = await runAction('main', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'credentials-file': link, profile: 'x' },
      env: env(),
    });
    assert.equal(run.code, 1);
    assert.match(errorAnnotation(run.stdout), /Input 'credentials-file': .* is a symbolic link/);
    assert.equal(readFileSync(target, 'utf8'), 'do not touch\n');
  });
});

describe('debug logging', () => {
  const switches: Array<Record<string, string>> = [{ RUNNER_DEBUG: '1' }, { ACTIONS_STEP_DEBUG: 'true' }];
  for (const debugEnv of switches) {
    test(`with ${Object.keys(debugEnv)[0]} on, nothing secret is printed and debug lines appear`, async () => {
      const run = await runAction('main', {
        inputs: {
          'aws-region': 'us-east-1',
          'role-to-assume': ROLE,
          'chain-role-arn': 'arn:aws:iam::210987654321:role/next',
        },
        env: { ...env(), ...debugEnv },
      });
      assert.equal(run.code, 0, run.stdout);
      for (const t of peers.tokens.issued) ledger.add('id-token', t);
      ledger.addDelivered(run);
      ledger.assertNoLeak(run);
      assert.match(run.stdout, /^::debug::sts:AssumeRole: attempt 1/m);
    });
  }
});
