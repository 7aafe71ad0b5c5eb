/** buildConfig: the action's raw inputs and environment turned into one validated Config. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { buildConfig } from '../../src/config/build-config.js';
import { buildActionDelivery, type DeliveryOptions } from '../../src/config/action-delivery.js';
import type { Config } from '../../src/config/model.js';

const HOME = '/home/runner';
const NOW = new Date('2024-06-01T12:00:00Z');
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const OIDC = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE };
const IOT = {
  'aws-region': 'us-east-1',
  'iot-credential-endpoint': 'abc123.credentials.iot.us-east-1.amazonaws.com',
  'role-alias': 'ci-alias',
  certificate: '/certs/device.pem',
  'private-key': '/certs/device.key',
};
const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a1b2';
const PROFILE = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/p1';
const RA = {
  'aws-region': 'us-east-1',
  'trust-anchor-arn': ANCHOR,
  'profile-arn': PROFILE,
  'role-to-assume': ROLE,
  certificate: '/certs/c.pem',
};
const ENV_KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' };

/** The config and, as the action builds it beside the config, its delivery. */
function build(
  values: Record<string, string>,
  env: Record<string, string> = {},
): Config & { delivery: DeliveryOptions } {
  const get = (name: string) => values[name] ?? '';
  const config = buildConfig(get, env, NOW, HOME);
  return { ...config, delivery: buildActionDelivery(get, env, HOME, config).delivery };
}

function throwsInput(
  values: Record<string, string>,
  env: Record<string, string>,
  input: string,
  ...patterns: RegExp[]
): void {
  assert.throws(
    () => build(values, env),
    (err: unknown) => {
      assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
      assert.equal(err.input, input, err.message);
      for (const p of patterns) assert.match(err.message, p);
      // Every message carries a fix after the problem.
      assert.ok(err.fix.length > 0);
      return true;
    },
  );
}

test('OIDC defaults: audience, duration, session name from the run, retry bounds, env delivery', () => {
  const runner = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };
  const config = build(OIDC, { GITHUB_RUN_ID: '1234567', GITHUB_RUN_ATTEMPT: '2', ...runner });
  assert.deepEqual(config, {
    region: 'us-east-1',
    source: {
      mode: 'oidc',
      roleArn: ROLE,
      audience: 'sts.amazonaws.com',
      runnerRequest: { url: runner.ACTIONS_ID_TOKEN_REQUEST_URL, bearer: 'bearer' },
    },
    session: {
      sessionName: 'GitHubActions-1234567-2',
      sessionNameGiven: false,
      durationSeconds: 3600,
      inlinePolicy: undefined,
      managedPolicyArns: [],
      externalId: undefined,
      sessionTags: true,
      customTags: [],
      transitiveTagKeys: [],
    },
    delivery: {
      env: true,
      outputs: false,
      maskAccountId: false,
      cloudTrailLookup: false,
      overwriteProfile: false,
      announceProfile: true,
      activeProfiles: { profiles: ['default'], configFile: '/home/runner/.aws/config' },
    },
    // As configure-aws-credentials: 12 attempts, no step-wide bound but the ceiling.
    retry: { maxAttempts: 12, timeoutMs: 3600_000 },
    guards: {
      allowedAccountIds: [],
      useExistingCredentials: false,
      unsetCurrentCredentials: false,
      specialCharactersWorkaround: false,
    },
    // The run in STS's User-Agent.
    userAgentFields: [
      { label: 'run_id', value: '1234567' },
      { label: 'attempt', value: '2' },
    ],
    warnings: [],
  });
});

test('outside GitHub the session name is time-stamped; GITHUB_RUN_ATTEMPT defaults to 1', () => {
  assert.equal(build(OIDC).session.sessionName, `aws-short-lived-credentials-${NOW.getTime() / 1000}`);
  assert.equal(build(OIDC, { GITHUB_RUN_ID: '9' }).session.sessionName, 'GitHubActions-9-1');
});

test('every optional input is carried into the config', () => {
  const config = build({
    ...OIDC,
    audience: 'my-aud',
    'web-identity-token-file': '/var/run/token',
    'role-duration-seconds': '7200',
    'role-session-name': 'my-session',
    'inline-session-policy': '{ "Version": "2012-10-17", "Statement": [] }',
    'managed-session-policies': 'arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::123456789012:policy/Extra',
    'role-external-id': 'ext-id:1/2',
    'role-skip-session-tagging': 'true',
    'chain-role-arn': 'arn:aws:iam::210987654321:role/target',
    'output-credentials': 'true',
    'mask-aws-account-id': 'TRUE',
    'retry-max-attempts': '3',
    'action-timeout-s': '30',
    'source-identity': 'release-42',
  });
  assert.deepEqual(config.source, { mode: 'oidc', roleArn: ROLE, audience: 'my-aud', tokenFile: '/var/run/token' });
  assert.deepEqual(config.session, {
    sessionName: 'my-session',
    sessionNameGiven: true,
    durationSeconds: 7200,
    inlinePolicy: '{"Version":"2012-10-17","Statement":[]}',
    managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::123456789012:policy/Extra'],
    externalId: 'ext-id:1/2',
    sessionTags: false,
    customTags: [],
    transitiveTagKeys: [],
    sourceIdentity: 'release-42',
  });
  assert.equal(config.chainRoleArn, 'arn:aws:iam::210987654321:role/target');
  assert.deepEqual(config.delivery, {
    env: true,
    outputs: true,
    maskAccountId: true,
    cloudTrailLookup: true,
    overwriteProfile: false,
    announceProfile: true,
    activeProfiles: { profiles: ['default'], configFile: '/home/runner/.aws/config' },
  });
  assert.deepEqual(config.retry, { maxAttempts: 3, timeoutMs: 30_000 });
});

test('aws-region: missing, then malformed', () => {
  throwsInput({ 'role-to-assume': ROLE }, {}, 'aws-region', /is required/, /aws-region: us-east-1/);
  throwsInput({ ...OIDC, 'aws-region': 'US East' }, {}, 'aws-region', /'US East' is not an AWS region name/);
});

test('role-to-assume: a bare name is shown its ARN form; malformed ARNs are refused', () => {
  throwsInput(
    { ...OIDC, 'role-to-assume': 'deploy' },
    {},
    'role-to-assume',
    /is a role name, not a role ARN/,
    /arn:aws:iam::<account-id>:role\/deploy/,
  );
  throwsInput({ ...OIDC, 'role-to-assume': 'arn:aws:s3:::bucket' }, {}, 'role-to-assume', /service 's3'/);
  throwsInput({ ...OIDC, 'role-to-assume': 'arn:aws:iam::1234:role/x' }, {}, 'role-to-assume', /not 12 digits/);
  throwsInput(
    { ...OIDC, 'role-to-assume': 'arn:aws:iam::123456789012:user/x' },
    {},
    'role-to-assume',
    /does not name a role/,
  );
  // A bare chain-role-arn is the role in the source credentials' account (as configure-aws-credentials resolves names).
  assert.equal(build({ ...OIDC, 'chain-role-arn': 'target' }).chainRoleArn, 'target');
  throwsInput({ ...OIDC, 'chain-role-arn': 'arn:aws:iam::1:role/x' }, {}, 'chain-role-arn', /not 12 digits/);
});

test('role-duration-seconds: out of range and not a number', () => {
  throwsInput(
    { ...OIDC, 'role-duration-seconds': '60' },
    {},
    'role-duration-seconds',
    /60 is out of range/,
    /from 900 to 43200/,
  );
  throwsInput({ ...OIDC, 'role-duration-seconds': '43201' }, {}, 'role-duration-seconds', /43201 is out of range/);
  throwsInput({ ...OIDC, 'role-duration-seconds': '1h' }, {}, 'role-duration-seconds', /'1h' is not a whole number/);
  assert.equal(build({ ...OIDC, 'role-duration-seconds': '900' }).session.durationSeconds, 900);
  assert.equal(build({ ...OIDC, 'role-duration-seconds': '43200' }).session.durationSeconds, 43200);
});

test('inline-session-policy: not JSON, and JSON that is not a policy', () => {
  throwsInput(
    { ...OIDC, 'inline-session-policy': '{Version: 2012}' },
    {},
    'inline-session-policy',
    /is not valid JSON/,
    /IAM policy document as JSON/,
  );
  throwsInput(
    { ...OIDC, 'inline-session-policy': '[1,2]' },
    {},
    'inline-session-policy',
    /not an IAM policy document \(no "Statement"\)/,
  );
});

test('managed-session-policies: more than 10, or a non-policy ARN', () => {
  const eleven = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`).join('\n');
  throwsInput(
    { ...OIDC, 'managed-session-policies': eleven },
    {},
    'managed-session-policies',
    /lists 11 policies; STS accepts at most 10/,
    /combine them/,
  );
  const ten = Array.from({ length: 10 }, (_, i) => `arn:aws:iam::123456789012:policy/p${i}`).join(',');
  assert.equal(build({ ...OIDC, 'managed-session-policies': ten }).session.managedPolicyArns.length, 10);
  throwsInput(
    { ...OIDC, 'managed-session-policies': 'arn:aws:iam::123456789012:role/x' },
    {},
    'managed-session-policies',
    /is not an IAM policy ARN/,
  );
  throwsInput(
    { ...OIDC, 'managed-session-policies': 'ReadOnlyAccess' },
    {},
    'managed-session-policies',
    /is not an ARN/,
  );
});

test('role-session-name and role-external-id are checked', () => {
  throwsInput(
    { ...OIDC, 'role-session-name': 'my session' },
    {},
    'role-session-name',
    /'my session' is not a valid role session name/,
    /2 to 64 characters/,
  );
  throwsInput({ ...OIDC, 'role-session-name': 'x' }, {}, 'role-session-name', /is not a valid role session name/);
  throwsInput(
    { ...OIDC, 'role-external-id': 'a b' },
    {},
    'role-external-id',
    /contains characters STS does not accept/,
  );
  throwsInput({ ...OIDC, 'role-external-id': 'a' }, {}, 'role-external-id', /shorter than 2/);
});

test('booleans and retry bounds are checked', () => {
  throwsInput({ ...OIDC, 'output-credentials': 'yes' }, {}, 'output-credentials', /'yes' is not a boolean/);
  throwsInput({ ...OIDC, 'role-chaining': '1' }, {}, 'role-chaining', /is not a boolean/);
  throwsInput({ ...OIDC, 'retry-max-attempts': '0' }, {}, 'retry-max-attempts', /0 is out of range/);
  throwsInput({ ...OIDC, 'retry-max-attempts': '101' }, {}, 'retry-max-attempts', /101 is out of range/);
  throwsInput({ ...OIDC, 'action-timeout-s': 'soon' }, {}, 'action-timeout-s', /'soon' is not a whole number/);
  throwsInput({ ...OIDC, 'action-timeout-s': '3601' }, {}, 'action-timeout-s', /3601 is out of range/);
});

test('role-chaining: the environment credentials assume role-to-assume', () => {
  const config = build({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, 'role-chaining': 'true' }, ENV_KEYS);
  assert.deepEqual(config.source, { mode: 'role-chaining', roleArn: ROLE });
});

test("role-chaining without credentials in the environment: the runner's own AWS identity, else refused", () => {
  const values = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'role-chaining': 'true' };
  assert.deepEqual(build(values).source, {
    mode: 'runner-identity',
    roleArn: ROLE,
    base: { kind: 'instance-profile' },
    reason: 'role-chaining',
  });
  assert.equal(build(values, { AWS_ACCESS_KEY_ID: 'AKIA' }).source.mode, 'runner-identity', 'a key id alone is no key');
  throwsInput(
    values,
    { AWS_EC2_METADATA_DISABLED: 'true' },
    'role-chaining',
    /is true but no AWS credentials are in the environment, and AWS_EC2_METADATA_DISABLED=true/,
    /run a step that exports AWS credentials first/,
  );
  throwsInput({ 'aws-region': 'us-east-1', 'role-chaining': 'true' }, ENV_KEYS, 'role-to-assume', /is required/);
});

test("role-chaining with no keys but AWS_PROFILE: the profile an earlier step wrote (configure-aws-credentials's README chains profiles so)", () => {
  const values = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'role-chaining': 'true' };
  assert.deepEqual(build(values, { AWS_PROFILE: 'first' }).source, {
    mode: 'role-chaining',
    roleArn: ROLE,
    profile: { name: 'first', credentialsFile: join(HOME, '.aws', 'credentials') },
  });
  assert.deepEqual(
    (build(values, { AWS_PROFILE: 'first', AWS_SHARED_CREDENTIALS_FILE: '/x/creds' }).source as { profile?: unknown })
      .profile,
    { name: 'first', credentialsFile: '/x/creds' },
  );
  // Keys in the environment win, as in the SDK's chain.
  assert.deepEqual(build(values, { ...ENV_KEYS, AWS_PROFILE: 'first' }).source, {
    mode: 'role-chaining',
    roleArn: ROLE,
  });
});

test('role-chaining for more than an hour: refused with a session token, allowed with long-term keys', () => {
  const values = {
    'aws-region': 'us-east-1',
    'role-to-assume': ROLE,
    'role-chaining': 'true',
    'role-duration-seconds': '7200',
  };
  throwsInput(
    values,
    { ...ENV_KEYS, AWS_SESSION_TOKEN: 'token' },
    'role-duration-seconds',
    /7200 exceeds the 1 hour limit STS sets on sessions reached by role chaining/,
    /3600 or less/,
  );
  assert.equal(build(values, ENV_KEYS).session.durationSeconds, 7200);
  assert.equal(
    build({ ...values, 'role-duration-seconds': '3600' }, { ...ENV_KEYS, AWS_SESSION_TOKEN: 'token' }).session
      .durationSeconds,
    3600,
  );
});

test("role-chaining together with another mode's inputs", () => {
  throwsInput(
    { ...OIDC, audience: 'x', 'role-chaining': 'true' },
    ENV_KEYS,
    'role-chaining',
    /but audience is also set/,
  );
});

test('IoT mode: the source is built and the endpoint normalised', () => {
  const config = build({
    ...IOT,
    'thing-name': 'runner-1',
    'private-key-passphrase': 'pw',
    'ca-certificate': '/certs/ca.pem',
  });
  assert.deepEqual(config.source, {
    mode: 'iot-certificate',
    endpoint: 'https://abc123.credentials.iot.us-east-1.amazonaws.com',
    roleAlias: 'ci-alias',
    thingName: 'runner-1',
    certificate: '/certs/device.pem',
    privateKey: '/certs/device.key',
    passphrase: 'pw',
    caCertificate: '/certs/ca.pem',
  });
  assert.equal(config.session.durationSeconds, 3600);
});

test('IoT mode: role-duration-seconds does not apply, unless a chain-role-arn hop follows', () => {
  throwsInput(
    { ...IOT, 'role-duration-seconds': '3600' },
    {},
    'role-duration-seconds',
    /does not apply in iot-certificate mode/,
    /update-role-alias/,
  );
  const chained = build({ ...IOT, 'role-duration-seconds': '1800', 'chain-role-arn': ROLE });
  assert.equal(chained.session.durationSeconds, 1800);
  assert.equal(chained.chainRoleArn, ROLE);
});

test('IoT mode: missing or malformed inputs', () => {
  const { 'iot-credential-endpoint': _e, ...noEndpoint } = IOT;
  throwsInput(
    { ...noEndpoint, mode: 'iot-certificate' },
    {},
    'iot-credential-endpoint',
    /is required/,
    /describe-endpoint/,
  );
  throwsInput(
    { ...IOT, 'iot-credential-endpoint': 'a1-ats.iot.us-east-1.amazonaws.com' },
    {},
    'iot-credential-endpoint',
    /data endpoint/,
  );
  throwsInput(
    { ...IOT, 'role-alias': 'arn:aws:iot:us-east-1:123456789012:rolealias/ci' },
    {},
    'role-alias',
    /is not a role alias name/,
    /not its ARN/,
  );
  const { 'role-alias': _a, ...noAlias } = IOT;
  throwsInput(noAlias, {}, 'role-alias', /is required/);
  const { certificate: _c, ...noCert } = IOT;
  throwsInput(noCert, {}, 'certificate', /is required/);
  const { 'private-key': _k, ...noKey } = IOT;
  throwsInput(noKey, {}, 'private-key', /is required/);
  throwsInput({ ...IOT, 'thing-name': 'bad name' }, {}, 'thing-name', /is not a valid thing name/);
});

test('Roles Anywhere: the source takes its region from the trust anchor', () => {
  const config = build({
    ...RA,
    'aws-region': 'eu-west-1',
    'certificate-chain': '/certs/chain.pem',
    'private-key': '/k',
    'private-key-passphrase': 'pw',
  });
  assert.deepEqual(config.source, {
    mode: 'roles-anywhere',
    trustAnchorArn: ANCHOR,
    profileArn: PROFILE,
    roleArn: ROLE,
    region: 'us-east-1',
    certificate: '/certs/c.pem',
    certificateChain: '/certs/chain.pem',
    privateKey: '/k',
    passphrase: 'pw',
  });
  assert.equal(config.region, 'eu-west-1');
});

test('Roles Anywhere: trust anchor and profile in different regions', () => {
  throwsInput(
    { ...RA, 'profile-arn': 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/p1' },
    {},
    'profile-arn',
    /is in region eu-west-1 but trust-anchor-arn is in us-east-1/,
    /same region/,
  );
});

test('Roles Anywhere: missing and malformed inputs', () => {
  throwsInput(
    { ...RA, 'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/x' },
    {},
    'trust-anchor-arn',
    /is not a trust-anchor ARN/,
  );
  const { 'profile-arn': _p, ...noProfile } = RA;
  throwsInput(noProfile, {}, 'profile-arn', /is required/);
  const { 'role-to-assume': _r, ...noRole } = RA;
  throwsInput(noRole, {}, 'role-to-assume', /is required/);
  const { certificate: _c, ...noCert } = RA;
  throwsInput(noCert, {}, 'certificate', /is required/);
});

test('delivery: profile alone writes ~/.aws/credentials under homeDir, config beside it', () => {
  const d = build({ ...OIDC, profile: 'ci' }).delivery;
  assert.equal(d.credentialsFile, join(HOME, '.aws', 'credentials'));
  assert.equal(d.configFile, join(HOME, '.aws', 'config'));
  assert.equal(d.profile, 'ci');
  assert.equal(d.env, true);
});

test('delivery: credentials-file alone writes profile default, config in the same directory', () => {
  const d = build({ ...OIDC, 'credentials-file': '/tmp/job/aws/creds' }).delivery;
  assert.equal(d.credentialsFile, '/tmp/job/aws/creds');
  assert.equal(d.configFile, '/tmp/job/aws/config');
  assert.equal(d.profile, 'default');
});

test('delivery: AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE are honoured when no file is given', () => {
  const env = { AWS_SHARED_CREDENTIALS_FILE: '/etc/aws/credentials', AWS_CONFIG_FILE: '/etc/aws-config/config' };
  const d = build({ ...OIDC, profile: 'ci' }, env).delivery;
  assert.equal(d.credentialsFile, '/etc/aws/credentials');
  assert.equal(d.configFile, '/etc/aws-config/config');
  // An explicit credentials-file wins over both, and its config goes beside it.
  const explicit = build({ ...OIDC, profile: 'ci', 'credentials-file': '/x/credentials' }, env).delivery;
  assert.equal(explicit.credentialsFile, '/x/credentials');
  assert.equal(explicit.configFile, '/x/config');
  // Without profile or credentials-file, no file is written whatever the environment says.
  assert.equal(build(OIDC, env).delivery.credentialsFile, undefined);
});

test('delivery: a bad profile name, and credentials delivered nowhere', () => {
  throwsInput({ ...OIDC, profile: 'my profile' }, {}, 'profile', /'my profile' is not a usable profile name/);
  throwsInput(
    { ...OIDC, 'output-env-credentials': 'false' },
    {},
    'output-env-credentials',
    /would go nowhere/,
    /output-credentials: true/,
  );
  assert.deepEqual(build({ ...OIDC, 'output-env-credentials': 'false', 'output-credentials': 'true' }).delivery, {
    env: false,
    outputs: true,
    maskAccountId: false,
    cloudTrailLookup: false,
    overwriteProfile: false,
    announceProfile: true,
  });
  assert.equal(build({ ...OIDC, 'output-env-credentials': 'false', profile: 'p' }).delivery.profile, 'p');
});

test('a leading ~ in credentials-file and web-identity-token-file means the home directory, as in a shell', async () => {
  const { expandHome } = await import('../../src/config/sources/inputs.js');
  const inputs: Record<string, string> = {
    'aws-region': 'us-east-1',
    'role-to-assume': 'arn:aws:iam::123456789012:role/x',
    'web-identity-token-file': '~/token',
    'credentials-file': '~/.aws/ci-credentials',
    profile: 'ci',
  };
  const config = build(inputs);
  assert.equal(config.delivery.credentialsFile, '/home/runner/.aws/ci-credentials');
  assert.equal(config.delivery.configFile, '/home/runner/.aws/config');
  assert.equal(config.source.mode === 'oidc' && config.source.tokenFile, '/home/runner/token');
  assert.equal(expandHome('~user/x', '/h'), '~user/x', "only the current user's ~ is expanded");
  assert.equal(expandHome('/abs/~/x', '/h'), '/abs/~/x');
});

test('diagnose: read for every mode, said to have no effect before the exchange outside OIDC', () => {
  const runner = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };
  assert.deepEqual(build({ ...OIDC, diagnose: 'true' }, runner).warnings, []);
  const iot = build({ ...IOT, diagnose: 'true' });
  assert.equal(iot.warnings.length, 1);
  assert.match(iot.warnings[0]!, /^Input 'diagnose' has no effect in iot-certificate mode/);
  assert.deepEqual(build(IOT).warnings, []);
  throwsInput({ ...OIDC, diagnose: 'yes' }, {}, 'diagnose', /true or false|boolean/);
});
