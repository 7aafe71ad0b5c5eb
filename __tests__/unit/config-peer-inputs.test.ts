/** configure-aws-credentials's inputs in buildConfig: honoured with its defaults, or refused by name with the way out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { buildConfig, isRoleName } from '../../src/config/build-config.js';
import { buildActionDelivery, type DeliveryOptions } from '../../src/config/action-delivery.js';
import { ACTION_INPUTS, inputVariable, refuseUnknownInputs } from '../../src/config/input-names.js';
import type { Config, Source } from '../../src/config/model.js';
import {
  checkForceSkipOidc,
  parseAccountIds,
  parseGuards,
  parseTagKeys,
  refuseStaticKeys,
} from '../../src/config/peer-inputs.js';
import { expectInputError } from '../support/input-error.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const OIDC = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE };
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01', AWS_SECRET_ACCESS_KEY: 'secret' };

/** The config and, as the action builds it beside the config, its delivery. */
function build(
  values: Record<string, string>,
  env: Record<string, string> = {},
): Config & { delivery: DeliveryOptions } {
  const get = (name: string) => values[name] ?? '';
  const config = buildConfig(get, env, new Date(0), '/home/runner');
  return { ...config, delivery: buildActionDelivery(get, env, '/home/runner', config).delivery };
}
function refused(
  values: Record<string, string>,
  input: string,
  pattern: RegExp,
  env: Record<string, string> = {},
): void {
  assert.throws(
    () => build(values, env),
    (err: unknown) => err instanceof InputError && err.input === input && pattern.test(err.message),
    `${input}: ${pattern}`,
  );
}

test('static keys are refused, naming OIDC, IoT, Roles Anywhere and role-chaining', () => {
  for (const name of ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']) {
    refused(
      { ...OIDC, [name]: 'x' },
      name,
      /never takes long-lived access keys.*OIDC.*id-token: write.*iot-credential-endpoint.*trust-anchor-arn.*role-chaining: true/,
    );
  }
  refused(
    { ...OIDC, 'aws-access-key-id': 'AKIA', 'aws-secret-access-key': 's' },
    'aws-access-key-id',
    /nor aws-secret-access-key/,
  );
});

test("retries and the time bound have the peer's defaults: 12 attempts, 0 or unset is no step bound (the ceiling holds)", () => {
  assert.deepEqual(build(OIDC).retry, { maxAttempts: 12, timeoutMs: 3600_000 });
  assert.deepEqual(build({ ...OIDC, 'action-timeout-s': '0' }).retry.timeoutMs, 3600_000);
  assert.deepEqual(build({ ...OIDC, 'action-timeout-s': '45' }).retry.timeoutMs, 45_000);
  refused({ ...OIDC, 'action-timeout-s': '3601' }, 'action-timeout-s', /out of range/);
  assert.equal(build({ ...OIDC, 'disable-retry': 'true', 'retry-max-attempts': '5' }).retry.maxAttempts, 1);
  // The peer's workaround overrides both.
  assert.equal(
    build({ ...OIDC, 'disable-retry': 'true', 'retry-max-attempts': '5', 'special-characters-workaround': 'true' })
      .retry.maxAttempts,
    12,
  );
  refused({ ...OIDC, 'disable-retry': 'yes' }, 'disable-retry', /not a boolean/);
});

test('allowed-account-ids: 12-digit ids, comma-separated', () => {
  assert.deepEqual(build({ ...OIDC, 'allowed-account-ids': '123456789012, 210987654321' }).guards.allowedAccountIds, [
    '123456789012',
    '210987654321',
  ]);
  refused({ ...OIDC, 'allowed-account-ids': '123456789012,12345' }, 'allowed-account-ids', /'12345' is not a 12-digit/);
});

test("aws-profile: the peer's profile delivery; env delivery then off by default and AWS_PROFILE not announced", () => {
  const d = build({ ...OIDC, 'aws-profile': 'ci' }, { AWS_SHARED_CREDENTIALS_FILE: '/x/creds' }).delivery;
  assert.deepEqual(d, {
    env: false,
    outputs: false,
    maskAccountId: false,
    cloudTrailLookup: false,
    overwriteProfile: false,
    announceProfile: false,
    credentialsFile: '/x/creds',
    configFile: '/home/runner/.aws/config',
    profile: 'ci',
  });
  const withEnv = build({
    ...OIDC,
    'aws-profile': 'ci',
    'output-env-credentials': 'true',
    'overwrite-aws-profile': 'true',
  }).delivery;
  assert.equal(withEnv.env, true);
  assert.equal(withEnv.announceProfile, true);
  assert.equal(withEnv.overwriteProfile, true);
  // This project's profile input keeps announcing the profile and env delivery.
  assert.deepEqual(
    [build({ ...OIDC, profile: 'ci' }).delivery.env, build({ ...OIDC, profile: 'ci' }).delivery.announceProfile],
    [true, true],
  );
  refused({ ...OIDC, 'aws-profile': 'a', profile: 'b' }, 'aws-profile', /names 'a' but profile names 'b'/);
  refused({ ...OIDC, 'overwrite-aws-profile': 'true' }, 'overwrite-aws-profile', /no profile is written/);
});

test("force-skip-oidc: refused where the runner's token would be used; honoured (a no-op) elsewhere", () => {
  // As configure-aws-credentials: no id-token, so the runner's own AWS identity is the base.
  const runner = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };
  assert.equal(build({ ...OIDC, 'force-skip-oidc': 'true' }, runner).source.mode, 'runner-identity');
  assert.equal(build({ ...OIDC, 'force-skip-oidc': 'true' }, { ...runner, ...KEYS }).source.mode, 'role-chaining');
  // Where OIDC is asked for by name, it is OIDC or nothing.
  refused(
    { ...OIDC, mode: 'oidc', 'force-skip-oidc': 'true' },
    'force-skip-oidc',
    /runner's OIDC token.*web-identity-token-file/,
    runner,
  );
  assert.equal(build({ ...OIDC, 'force-skip-oidc': 'true', 'web-identity-token-file': '/t' }).source.mode, 'oidc');
  assert.equal(
    build({ ...OIDC, 'force-skip-oidc': 'true', 'role-chaining': 'true' }, KEYS).source.mode,
    'role-chaining',
  );
});

test('custom-tags and transitive-tag-keys without an AssumeRole hop are checked, then dropped with a warning (as the peer drops them)', () => {
  const runner = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };
  const oidc = build({ ...OIDC, 'custom-tags': '{"Team":"a"}', 'transitive-tag-keys': 'Team' }, runner);
  assert.deepEqual(oidc.session.customTags, []);
  assert.deepEqual(oidc.session.transitiveTagKeys, []);
  assert.equal(oidc.warnings.length, 2);
  assert.match(
    oidc.warnings[0]!,
    /^Input 'custom-tags' is ignored: no sts:AssumeRole call is made in oidc mode.*aws\.amazon\.com\/tags/,
  );
  assert.match(oidc.warnings[1]!, /^Input 'transitive-tag-keys' is ignored/);
  assert.deepEqual(build(OIDC).warnings, []);
  // Still checked first, as the peer checks them before it drops them.
  refused({ ...OIDC, 'custom-tags': '[1]' }, 'custom-tags', /object/);
  refused({ ...OIDC, 'custom-tags': '{"Repository":"x"}' }, 'custom-tags', /Repository/);
});

test('custom-tags and transitive-tag-keys with an AssumeRole hop are carried, without a warning', () => {
  const c = build({
    ...OIDC,
    'chain-role-arn': 'target',
    'custom-tags': '{"Team":"a"}',
    'transitive-tag-keys': 'Team\nRepository',
  });
  assert.deepEqual(c.session.customTags, [{ Key: 'Team', Value: 'a' }]);
  assert.deepEqual(c.session.transitiveTagKeys, ['Team', 'Repository']);
  assert.deepEqual(c.warnings, []);
});

test('role-chaining takes a bare role name; sts-endpoint, no-proxy and the switches are carried', () => {
  const c = build(
    {
      ...OIDC,
      'role-to-assume': 'deploy',
      'role-chaining': 'true',
      'sts-endpoint': 'https://sts.example.com',
      'no-proxy': 'a.example,b.example',
      'use-existing-credentials': 'true',
      'special-characters-workaround': 'true',
    },
    KEYS,
  );
  assert.deepEqual(c.source, { mode: 'role-chaining', roleArn: 'deploy' });
  assert.equal(c.stsEndpoint, 'https://sts.example.com/');
  assert.equal(c.noProxy, 'a.example,b.example');
  assert.equal(c.guards.useExistingCredentials, true);
  assert.equal(c.guards.specialCharactersWorkaround, true);
  refused({ ...OIDC, 'sts-endpoint': 'http://sts.example.com' }, 'sts-endpoint', /not loopback/);
  refused(
    { ...OIDC, 'role-chaining': 'true', 'unset-current-credentials': 'true' },
    'unset-current-credentials',
    /needs the credentials/,
    KEYS,
  );
  assert.equal(build({ ...OIDC, 'unset-current-credentials': 'true' }).guards.unsetCurrentCredentials, true);
  assert.ok(isRoleName('deploy') && isRoleName('role/deploy') && isRoleName('path/to/deploy'));
  assert.ok(!isRoleName(ROLE) && !isRoleName('has space'));
});

test('refuseUnknownInputs: any INPUT_ variable that names no input fails the step, listing the valid names', () => {
  const env = Object.fromEntries(ACTION_INPUTS.map((n) => [inputVariable(n), 'x']));
  assert.doesNotThrow(() => refuseUnknownInputs({ ...env, PATH: '/bin', GITHUB_ACTION: 'x' }));
  assert.throws(
    () => refuseUnknownInputs({ ...env, 'INPUT_ALLOWED-ACCOUNT-ID': '1' }),
    (err: unknown) =>
      err instanceof InputError &&
      err.input === 'allowed-account-id' &&
      /is not an input of this action/.test(err.message) &&
      /Valid inputs: .*allowed-account-ids/.test(err.message),
  );
  assert.throws(
    () => refuseUnknownInputs({ INPUT_B: '', INPUT_A: '1', INPUT_C: '' }),
    /Input 'a': is not an input of this action \(nor are b, c\)/,
  );
});

// The parsers of src/config/peer-inputs.ts, directly.
const inputsOf = (values: Record<string, string>) => (name: string) => values[name] ?? '';

test('refuseStaticKeys: silent without keys; names the first key given, lists the others, and never echoes a value', () => {
  refuseStaticKeys(inputsOf({}));
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const err = expectInputError(
    () => refuseStaticKeys(inputsOf({ 'aws-secret-access-key': secret, 'aws-session-token': 'FQoGZXIvYXdzEXAMPLE' })),
    'aws-secret-access-key',
    [secret, 'FQoGZXIvYXdzEXAMPLE'],
  );
  assert.match(err.message, /nor aws-session-token/);
  assert.match(err.message, /role-chaining: true/);
  expectInputError(() => refuseStaticKeys(inputsOf({ 'aws-access-key-id': 'AKIAEXAMPLE' })), 'aws-access-key-id', [
    'AKIAEXAMPLE',
  ]);
});

test('parseAccountIds: comma-separated 12-digit ids; anything else is named', () => {
  assert.deepEqual(parseAccountIds(''), []);
  assert.deepEqual(parseAccountIds(' 123456789012 , 210987654321 '), ['123456789012', '210987654321']);
  for (const bad of ['12345678901', '1234567890123', '12345678901a', 'arn:aws:iam::123456789012:root']) {
    const err = expectInputError(() => parseAccountIds(`123456789012,${bad}`), 'allowed-account-ids');
    assert.ok(err.message.includes(`'${bad}'`));
  }
});

test('parseGuards: every switch off by default, each read from its own input', () => {
  assert.deepEqual(parseGuards(inputsOf({})), {
    allowedAccountIds: [],
    useExistingCredentials: false,
    unsetCurrentCredentials: false,
    specialCharactersWorkaround: false,
  });
  assert.deepEqual(
    parseGuards(
      inputsOf({
        'allowed-account-ids': '123456789012',
        'unset-current-credentials': 'true',
        'special-characters-workaround': 'true',
      }),
    ),
    {
      allowedAccountIds: ['123456789012'],
      useExistingCredentials: false,
      unsetCurrentCredentials: true,
      specialCharactersWorkaround: true,
    },
  );
  expectInputError(() => parseGuards(inputsOf({ 'use-existing-credentials': 'maybe' })), 'use-existing-credentials');
});

test('checkForceSkipOidc: refuses only OIDC from the runner, where nothing would be left to exchange', () => {
  const runnerOidc: Source = {
    mode: 'oidc',
    roleArn: 'arn:aws:iam::123456789012:role/r',
    audience: 'sts.amazonaws.com',
  };
  checkForceSkipOidc(inputsOf({}), runnerOidc);
  checkForceSkipOidc(inputsOf({ 'force-skip-oidc': 'false' }), runnerOidc);
  checkForceSkipOidc(inputsOf({ 'force-skip-oidc': 'true' }), { ...runnerOidc, tokenFile: '/tmp/token' });
  checkForceSkipOidc(inputsOf({ 'force-skip-oidc': 'true' }), { ...runnerOidc, tokenEnv: 'CI_JOB_JWT' });
  const err = expectInputError(
    () => checkForceSkipOidc(inputsOf({ 'force-skip-oidc': 'true' }), runnerOidc),
    'force-skip-oidc',
  );
  assert.match(err.message, /web-identity-token-file/);
});

test('parseTagKeys: one key per line or comma; keys past 128 characters or with other characters are named', () => {
  assert.deepEqual(parseTagKeys('Team\nCost Center, env:stage', 'transitive-tag-keys'), [
    'Team',
    'Cost Center',
    'env:stage',
  ]);
  assert.deepEqual(parseTagKeys('', 'transitive-tag-keys'), []);
  expectInputError(() => parseTagKeys('ok,bad*key', 'transitive-tag-keys'), 'transitive-tag-keys');
  expectInputError(() => parseTagKeys('k'.repeat(129), 'transitive-tag-keys'), 'transitive-tag-keys');
  assert.deepEqual(parseTagKeys('k'.repeat(128), 'x'), ['k'.repeat(128)]);
});
