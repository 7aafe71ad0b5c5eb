/** configure-aws-credentials's inputs in buildConfig: honoured with its defaults, or refused by name with the way out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { buildConfig, isRoleName } from '../../src/config/action-inputs.js';
import { ACTION_INPUTS, inputVariable, refuseUnknownInputs } from '../../src/config/input-names.js';
import type { Config } from '../../src/config/model.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const OIDC = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE };
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01', AWS_SECRET_ACCESS_KEY: 'secret' };

function build(values: Record<string, string>, env: Record<string, string> = {}): Config {
  return buildConfig((name) => values[name] ?? '', env, new Date(0), '/home/runner');
}
function refused(values: Record<string, string>, input: string, pattern: RegExp, env: Record<string, string> = {}): void {
  assert.throws(() => build(values, env), (err: unknown) => err instanceof InputError && err.input === input && pattern.test(err.message), `${input}: ${pattern}`);
}

test('static keys are refused, naming OIDC, IoT, Roles Anywhere and role-chaining', () => {
  for (const name of ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']) {
    refused({ ...OIDC, [name]: 'x' }, name, /never takes long-lived access keys.*OIDC.*id-token: write.*iot-credential-endpoint.*trust-anchor-arn.*role-chaining: true/);
  }
  refused({ ...OIDC, 'aws-access-key-id': 'AKIA', 'aws-secret-access-key': 's' }, 'aws-access-key-id', /nor aws-secret-access-key/);
});

test('retries and the time bound have the peer\'s defaults: 12 attempts, 0 or unset is no step bound (the ceiling holds)', () => {
  assert.deepEqual(build(OIDC).retry, { maxAttempts: 12, timeoutMs: 3600_000 });
  assert.deepEqual(build({ ...OIDC, 'action-timeout-s': '0' }).retry.timeoutMs, 3600_000);
  assert.deepEqual(build({ ...OIDC, 'action-timeout-s': '45' }).retry.timeoutMs, 45_000);
  refused({ ...OIDC, 'action-timeout-s': '3601' }, 'action-timeout-s', /out of range/);
  assert.equal(build({ ...OIDC, 'disable-retry': 'true', 'retry-max-attempts': '5' }).retry.maxAttempts, 1);
  // The peer's workaround overrides both.
  assert.equal(build({ ...OIDC, 'disable-retry': 'true', 'retry-max-attempts': '5', 'special-characters-workaround': 'true' }).retry.maxAttempts, 12);
  refused({ ...OIDC, 'disable-retry': 'yes' }, 'disable-retry', /not a boolean/);
});

test('allowed-account-ids: 12-digit ids, comma-separated', () => {
  assert.deepEqual(build({ ...OIDC, 'allowed-account-ids': '123456789012, 210987654321' }).guards.allowedAccountIds, ['123456789012', '210987654321']);
  refused({ ...OIDC, 'allowed-account-ids': '123456789012,12345' }, 'allowed-account-ids', /'12345' is not a 12-digit/);
});

test('aws-profile: the peer\'s profile delivery; env delivery then off by default and AWS_PROFILE not announced', () => {
  const d = build({ ...OIDC, 'aws-profile': 'ci' }, { AWS_SHARED_CREDENTIALS_FILE: '/x/creds' }).delivery;
  assert.deepEqual(d, { env: false, outputs: false, maskAccountId: false, overwriteProfile: false, announceProfile: false, credentialsFile: '/x/creds', configFile: '/home/runner/.aws/config', profile: 'ci' });
  const withEnv = build({ ...OIDC, 'aws-profile': 'ci', 'output-env-credentials': 'true', 'overwrite-aws-profile': 'true' }).delivery;
  assert.equal(withEnv.env, true);
  assert.equal(withEnv.announceProfile, true);
  assert.equal(withEnv.overwriteProfile, true);
  // This project's profile input keeps announcing the profile and env delivery.
  assert.deepEqual([build({ ...OIDC, profile: 'ci' }).delivery.env, build({ ...OIDC, profile: 'ci' }).delivery.announceProfile], [true, true]);
  refused({ ...OIDC, 'aws-profile': 'a', profile: 'b' }, 'aws-profile', /names 'a' but profile names 'b'/);
  refused({ ...OIDC, 'overwrite-aws-profile': 'true' }, 'overwrite-aws-profile', /no profile is written/);
});

test('force-skip-oidc: refused where the runner\'s token would be used; honoured (a no-op) elsewhere', () => {
  refused({ ...OIDC, 'force-skip-oidc': 'true' }, 'force-skip-oidc', /runner's OIDC token.*web-identity-token-file/);
  assert.equal(build({ ...OIDC, 'force-skip-oidc': 'true', 'web-identity-token-file': '/t' }).source.mode, 'oidc');
  assert.equal(build({ ...OIDC, 'force-skip-oidc': 'true', 'role-chaining': 'true' }, KEYS).source.mode, 'role-chaining');
});

test('custom-tags and transitive-tag-keys need an AssumeRole hop; with one they are carried', () => {
  refused({ ...OIDC, 'custom-tags': '{"Team":"a"}' }, 'custom-tags', /no sts:AssumeRole call.*aws.amazon.com\/tags/);
  refused({ ...OIDC, 'transitive-tag-keys': 'Team' }, 'transitive-tag-keys', /no sts:AssumeRole call/);
  const c = build({ ...OIDC, 'chain-role-arn': 'target', 'custom-tags': '{"Team":"a"}', 'transitive-tag-keys': 'Team\nRepository' });
  assert.deepEqual(c.session.customTags, [{ Key: 'Team', Value: 'a' }]);
  assert.deepEqual(c.session.transitiveTagKeys, ['Team', 'Repository']);
});

test('role-chaining takes a bare role name; sts-endpoint, no-proxy and the switches are carried', () => {
  const c = build({ ...OIDC, 'role-to-assume': 'deploy', 'role-chaining': 'true', 'sts-endpoint': 'https://sts.example.com', 'no-proxy': 'a.example,b.example', 'use-existing-credentials': 'true', 'special-characters-workaround': 'true' }, KEYS);
  assert.deepEqual(c.source, { mode: 'role-chaining', roleArn: 'deploy' });
  assert.equal(c.stsEndpoint, 'https://sts.example.com/');
  assert.equal(c.noProxy, 'a.example,b.example');
  assert.equal(c.guards.useExistingCredentials, true);
  assert.equal(c.guards.specialCharactersWorkaround, true);
  refused({ ...OIDC, 'sts-endpoint': 'http://sts.example.com' }, 'sts-endpoint', /not loopback/);
  refused({ ...OIDC, 'role-chaining': 'true', 'unset-current-credentials': 'true' }, 'unset-current-credentials', /needs the credentials/, KEYS);
  assert.equal(build({ ...OIDC, 'unset-current-credentials': 'true' }).guards.unsetCurrentCredentials, true);
  assert.ok(isRoleName('deploy') && isRoleName('role/deploy') && isRoleName('path/to/deploy'));
  assert.ok(!isRoleName(ROLE) && !isRoleName('has space'));
});

test('refuseUnknownInputs: any INPUT_ variable that names no input fails the step, listing the valid names', () => {
  const env = Object.fromEntries(ACTION_INPUTS.map((n) => [inputVariable(n), 'x']));
  assert.doesNotThrow(() => refuseUnknownInputs({ ...env, PATH: '/bin', GITHUB_ACTION: 'x' }));
  assert.throws(() => refuseUnknownInputs({ ...env, 'INPUT_ALLOWED-ACCOUNT-ID': '1' }), (err: unknown) =>
    err instanceof InputError && err.input === 'allowed-account-id' && /is not an input of this action/.test(err.message) && /Valid inputs: .*allowed-account-ids/.test(err.message));
  assert.throws(() => refuseUnknownInputs({ 'INPUT_B': '', 'INPUT_A': '1', 'INPUT_C': '' }), /Input 'a': is not an input of this action \(nor are b, c\)/);
});
