/** The runner's own AWS identity as the base: which of the SDK's sources the environment points at, and when it is used. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfig } from '../../src/config/build-config.js';
import { describeRunnerBase, runnerBaseOf, runnerIdentityNotice } from '../../src/config/runner-identity.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const RUNNER = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01', AWS_SECRET_ACCESS_KEY: 'secret' };

function source(values: Record<string, string>, env: Record<string, string> = {}) {
  const all: Record<string, string> = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, ...values };
  return buildConfig((name) => all[name] ?? '', env, new Date(0), '/home/runner').source;
}

test("the SDK's order: IRSA's token file, then the container endpoint, then instance metadata", () => {
  const irsa = { AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token', AWS_ROLE_ARN: 'arn:aws:iam::1:role/irsa' };
  const ecs = { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' };
  const pod = {
    AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
    AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/secrets/pods.eks.amazonaws.com/token',
  };
  assert.deepEqual(runnerBaseOf({ ...irsa, ...ecs }), {
    kind: 'web-identity-file',
    tokenFile: irsa.AWS_WEB_IDENTITY_TOKEN_FILE,
    roleArn: irsa.AWS_ROLE_ARN,
  });
  assert.deepEqual(runnerBaseOf({ AWS_WEB_IDENTITY_TOKEN_FILE: '/t', ...ecs }), {
    kind: 'container',
    relativeUri: '/v2/credentials/abc',
  });
  assert.deepEqual(runnerBaseOf(pod), {
    kind: 'pod-identity',
    fullUri: pod.AWS_CONTAINER_CREDENTIALS_FULL_URI,
    tokenFile: pod.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
  });
  // The SDK takes the relative URI first; a token file alone does not make it Pod Identity.
  assert.equal(runnerBaseOf({ ...pod, ...ecs })?.kind, 'container');
  assert.deepEqual(runnerBaseOf({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/c' }), {
    kind: 'container',
    fullUri: 'http://127.0.0.1:9/c',
  });
  assert.deepEqual(runnerBaseOf({}), { kind: 'instance-profile' });
  assert.equal(runnerBaseOf({ AWS_EC2_METADATA_DISABLED: 'TRUE' }), undefined);
});

test('the notice names the base and its host, never a URI path or a credential', () => {
  const ecs = describeRunnerBase({ kind: 'container', relativeUri: '/v2/credentials/task-secret-id' });
  assert.match(ecs, /container credentials endpoint.*169\.254\.170\.2/);
  assert.ok(!ecs.includes('task-secret-id'));
  const full = describeRunnerBase({ kind: 'pod-identity', fullUri: 'http://169.254.170.23/v1/credentials?x=secret' });
  assert.equal(full, 'EKS Pod Identity (AWS_CONTAINER_CREDENTIALS_FULL_URI at 169.254.170.23)');
  assert.match(describeRunnerBase({ kind: 'instance-profile' }), /EC2 instance profile/);
  assert.match(describeRunnerBase({ kind: 'container', fullUri: 'not a url' }), /unparsable/);
  assert.match(runnerIdentityNotice({ kind: 'instance-profile' }, 'no-id-token'), /uses no id-token/);
  assert.match(runnerIdentityNotice({ kind: 'instance-profile' }, 'role-chaining'), /role-chaining found no/);
});

test("as configure-aws-credentials: role-to-assume with no id-token, file or keys uses the runner's identity", () => {
  assert.equal(source({}, RUNNER).mode, 'oidc');
  assert.deepEqual(source({}), {
    mode: 'runner-identity',
    roleArn: ROLE,
    base: { kind: 'instance-profile' },
    reason: 'no-id-token',
  });
  // The SDK's chain finds the environment's keys, then AWS_PROFILE, before the runner's identity.
  assert.deepEqual(source({}, KEYS), { mode: 'role-chaining', roleArn: ROLE });
  assert.equal(source({}, { AWS_PROFILE: 'ci' }).mode, 'role-chaining');
  // force-skip-oidc sets the runner's id-token aside.
  assert.equal(source({ 'force-skip-oidc': 'true' }, RUNNER).mode, 'runner-identity');
  // A token file or variable, OIDC named as the mode, or the CLI's login: OIDC, never a fallback.
  assert.equal(source({ 'web-identity-token-file': '/t' }).mode, 'oidc');
  assert.equal(source({ 'web-identity-token-env': 'CI_JOB_JWT' }).mode, 'oidc');
  assert.equal(source({ mode: 'oidc' }).mode, 'oidc');
  assert.equal(source({ issuer: 'https://idp.example' }).mode, 'oidc');
  // role-chaining: true takes the same base when the environment has no keys.
  assert.equal(
    source({ 'role-chaining': 'true' }, { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/c' }).mode,
    'runner-identity',
  );
});

test('the runner identity assumes with sts:AssumeRole, so it carries the run tags and custom tags', () => {
  const all: Record<string, string> = {
    'aws-region': 'us-east-1',
    'role-to-assume': ROLE,
    'custom-tags': '{"Team":"a"}',
  };
  const config = buildConfig((name) => all[name] ?? '', { GITHUB_RUN_ID: '7' }, new Date(0), '/home/runner');
  assert.deepEqual(config.session.customTags, [{ Key: 'Team', Value: 'a' }]);
  assert.equal(config.runContext?.runId, '7');
  assert.deepEqual(config.warnings, []);
});
