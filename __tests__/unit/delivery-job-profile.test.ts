/** The job's AWS_PROFILE under env delivery: when config asks for a step-owned copy, which profiles are refused, and which receipts name a copy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfig } from '../../src/config/build-config.js';
import { buildActionDelivery } from '../../src/config/action-delivery.js';
import { InputError } from '../../src/errors.js';
import { assumesRole, jobProfileTarget } from '../../src/delivery/job-profile.js';

const OIDC = { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' };
const build = (values: Record<string, string>, env: Record<string, string>) => {
  const get = (name: string) => values[name] ?? '';
  return buildActionDelivery(get, env, '/home/runner', buildConfig(get, env, new Date(0), '/home/runner'));
};

test("env delivery with the job's AWS_PROFILE set and no profile delivery: the profile and the user's files, from the same variables the SDKs read", () => {
  assert.deepEqual(build(OIDC, { AWS_PROFILE: 'old', RUNNER_TEMP: '/tmp/r' }).delivery.jobProfile, {
    profile: 'old',
    credentialsFile: '/home/runner/.aws/credentials',
    configFile: '/home/runner/.aws/config',
    tempDir: '/tmp/r',
  });
  assert.deepEqual(
    build(OIDC, { AWS_PROFILE: 'old', AWS_SHARED_CREDENTIALS_FILE: '/c', AWS_CONFIG_FILE: '/f' }).delivery.jobProfile,
    { profile: 'old', credentialsFile: '/c', configFile: '/f' },
  );
  // Nothing to do: no AWS_PROFILE (an empty one is unset to the JS SDK; AWS_DEFAULT_PROFILE it does not read), no env delivery, or a profile delivered and announced.
  for (const [values, env] of [
    [OIDC, {}],
    [OIDC, { AWS_PROFILE: '' }],
    [OIDC, { AWS_DEFAULT_PROFILE: 'old' }],
    [{ ...OIDC, 'output-env-credentials': 'false', 'output-credentials': 'true' }, { AWS_PROFILE: 'old' }],
    [{ ...OIDC, profile: 'ci' }, { AWS_PROFILE: 'old' }],
  ] as const) {
    assert.equal(build(values, env).delivery.jobProfile, undefined, JSON.stringify([values, env]));
  }
  assert.throws(
    () => build(OIDC, { AWS_PROFILE: 'my profile' }),
    (err: unknown) => err instanceof InputError && err.input === 'AWS_PROFILE' && !err.message.includes('my profile'),
  );
});

test('assumesRole: role_arn with source_profile or credential_source, in the section the profile name selects', () => {
  assert.equal(assumesRole('[profile x]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', 'x'), true);
  assert.equal(
    assumesRole('[profile x]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n', 'x'),
    true,
  );
  assert.equal(assumesRole('[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', 'default'), true);
  // The JS SDK reads static keys before a web identity or a process, so those profiles are fine.
  assert.equal(
    assumesRole('[profile x]\nrole_arn = arn:aws:iam::1:role/r\nweb_identity_token_file = /t\n', 'x'),
    false,
  );
  assert.equal(
    assumesRole('[x]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', 'x'),
    false,
    '[x] in a config file is not profile x',
  );
  assert.equal(assumesRole('[profile y]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n', 'x'), false);
});

test("jobProfileTarget: only credentials in an aslc-profile-XXXXXX directory directly under RUNNER_TEMP, for the job's AWS_PROFILE", () => {
  const env = { RUNNER_TEMP: '/runner/temp', AWS_PROFILE: 'old' };
  const receipt = (credentialsFile: unknown) => JSON.stringify({ credentialsFile });
  assert.deepEqual(jobProfileTarget(receipt('/runner/temp/aslc-profile-Ab12Cd/credentials'), env), {
    credentialsFile: '/runner/temp/aslc-profile-Ab12Cd/credentials',
    configFile: '/runner/temp/aslc-profile-Ab12Cd/config',
    profile: 'old',
  });
  for (const path of [
    '/home/u/aslc-profile-Ab12Cd/credentials',
    '/runner/temp/x/aslc-profile-Ab12Cd/credentials',
    '/runner/temp/aslc-profile-Ab12Cd/config',
    '/runner/temp/other-Ab12Cd/credentials',
    '/runner/temp/aslc-profile-Ab12Cd/../aslc-profile-Zz99Zz/credentials',
    'runner/temp/aslc-profile-Ab12Cd/credentials',
    7,
  ]) {
    assert.equal(jobProfileTarget(receipt(path), env), undefined, String(path));
  }
  assert.equal(
    jobProfileTarget(receipt('/runner/temp/aslc-profile-Ab12Cd/credentials'), { RUNNER_TEMP: '/runner/temp' }),
    undefined,
    'no AWS_PROFILE now',
  );
  assert.equal(jobProfileTarget('not json', env), undefined);
});

test("env delivery names the profiles later steps read in the user's config, for a MinIO services pointer to be cleared", () => {
  const active = (values: Record<string, string>, env: Record<string, string>) =>
    build(values, env).delivery.activeProfiles;
  assert.deepEqual(active(OIDC, {}), { profiles: ['default'], configFile: '/home/runner/.aws/config' });
  // botocore reads AWS_DEFAULT_PROFILE; the JS SDK, without AWS_PROFILE, reads default: both are cleared.
  assert.deepEqual(active(OIDC, { AWS_DEFAULT_PROFILE: 'old', AWS_CONFIG_FILE: '/f' }), {
    profiles: ['default', 'old'],
    configFile: '/f',
  });
  assert.deepEqual(active(OIDC, { AWS_PROFILE: 'new', AWS_DEFAULT_PROFILE: 'old' })?.profiles, ['new', 'old']);
  assert.deepEqual(active(OIDC, { AWS_PROFILE: 'new' })?.profiles, ['new']);
  // No env delivery, or a delivered profile that later steps are pointed at: writeProfile handles that one.
  assert.equal(active({ ...OIDC, 'output-env-credentials': 'false', 'output-credentials': 'true' }, {}), undefined);
  assert.equal(active({ ...OIDC, profile: 'ci' }, {}), undefined);
});
