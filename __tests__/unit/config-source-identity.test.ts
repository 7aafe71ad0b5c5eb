/** source-identity: STS's constraints on the value, the run-derived default, and where the config keeps it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSourceIdentity, runSourceIdentity } from '../../src/config/source-identity.js';
import { buildConfig } from '../../src/config/build-config.js';
import { InputError } from '../../src/errors.js';

const RUN = { GITHUB_RUN_ID: '9876543210', GITHUB_RUN_ATTEMPT: '2' };

function refused(fn: () => unknown, problem: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.input, 'source-identity');
    assert.match(err.message, problem);
    assert.match(err.message, /Use 2 to 64 characters/);
    return true;
  });
}

test('run and true derive gha-<run id>-<attempt> from the run', () => {
  assert.equal(parseSourceIdentity('run', RUN), 'gha-9876543210-2');
  assert.equal(parseSourceIdentity('TRUE', RUN), 'gha-9876543210-2');
  // The runner always sets the attempt; an older runner without it is attempt 1, as the session name assumes.
  assert.equal(runSourceIdentity({ GITHUB_RUN_ID: '5' }), 'gha-5-1');
});

test('the longest run ids still make a value STS accepts', () => {
  const value = runSourceIdentity({ GITHUB_RUN_ID: '9'.repeat(20), GITHUB_RUN_ATTEMPT: '9'.repeat(10) });
  assert.equal(value.length, 35);
  assert.equal(parseSourceIdentity(value, {}), value);
});

test('run outside a run, or with run variables that are not numbers, is refused naming the input', () => {
  refused(() => parseSourceIdentity('run', {}), /GITHUB_RUN_ID/);
  refused(() => parseSourceIdentity('run', { GITHUB_RUN_ID: '12;rm' }), /GITHUB_RUN_ID/);
  refused(() => parseSourceIdentity('run', { GITHUB_RUN_ID: '12', GITHUB_RUN_ATTEMPT: '1 x' }), /GITHUB_RUN_ID/);
});

test('an explicit value is sent as given when STS would accept it', () => {
  for (const ok of ['ci', 'deploy@example.com', 'a+b=c,d.e@f_g-h', 'x'.repeat(64)])
    assert.equal(parseSourceIdentity(ok, {}), ok);
  assert.equal(parseSourceIdentity('', RUN), undefined);
});

test('values STS refuses are refused before any call: length, characters, the aws: prefix', () => {
  for (const bad of ['a', 'x'.repeat(65), 'ci run', 'aws:ci', 'AWS:x', 'a/b', 'tab\there', 'é-accent', 'a\nb'])
    refused(() => parseSourceIdentity(bad, {}), /is not a source identity STS accepts/);
});

test('a refused value is printed cut short, control characters shown as ?', () => {
  refused(() => parseSourceIdentity(`x\x1b[31m${'y'.repeat(200)}`, {}), /'x\?\[31my+\.\.\.'/);
});

const OIDC = {
  'aws-region': 'us-east-1',
  'role-to-assume': 'arn:aws:iam::123456789012:role/deploy',
  'web-identity-token-file': '/tmp/token',
};

function config(inputs: Record<string, string>, env: Record<string, string> = RUN) {
  return buildConfig((name) => inputs[name] ?? '', env, new Date(), '/home/runner');
}

test('with an sts:AssumeRole hop the config carries the value; OIDC alone warns that no call takes it', () => {
  const chained = config({
    ...OIDC,
    'chain-role-arn': 'arn:aws:iam::123456789012:role/next',
    'source-identity': 'run',
  });
  assert.equal(chained.session.sourceIdentity, 'gha-9876543210-2');
  assert.deepEqual(chained.warnings, []);

  const alone = config({ ...OIDC, 'source-identity': 'run' });
  assert.equal(alone.session.sourceIdentity, undefined);
  assert.equal(alone.warnings.length, 1);
  assert.match(alone.warnings[0]!, /^Input 'source-identity' sets no source identity: no sts:AssumeRole call/);

  const chaining = config(
    {
      'aws-region': 'us-east-1',
      'role-to-assume': OIDC['role-to-assume'],
      'role-chaining': 'true',
      'source-identity': 'ci-7',
    },
    { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE000000000', AWS_SECRET_ACCESS_KEY: 'secret' },
  );
  assert.equal(chaining.session.sourceIdentity, 'ci-7');
  assert.equal(config(OIDC).session.sourceIdentity, undefined);
});

test('a bad value fails even where no hop would send it', () => {
  refused(() => config({ ...OIDC, 'source-identity': 'no spaces' }), /'no spaces'/);
});
