/** What shadows the refreshing endpoint in later steps, and the copies of the shared files that make it win. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endpointCopies, planShadowing } from '../../src/delivery/endpoint/shadowing.js';
import { readSection } from '../../src/ini.js';
import { InputError } from '../../src/errors.js';

const KEYS = 'aws_access_key_id = AKIASELFHOSTEDRUNNER\naws_secret_access_key = x\n';
const LINE =
  "'/usr/bin/node' '/a/cli.js' credential-process --endpoint-url 'http://127.0.0.1:1/p' --endpoint-token-file '/t'";

test('nothing to do on a runner without credentials of its own', () => {
  assert.deepEqual(planShadowing({}, { credentials: null, config: '[default]\nregion = eu-west-1\n' }), {
    clear: [],
    profiles: [],
    sources: [],
  });
});

test('each source that precedes the container provider is named, and what is done about it planned', () => {
  const texts = {
    credentials: `[default]\n${KEYS}[ci]\n${KEYS}`,
    config:
      '[profile ci]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = default\n[profile legacy]\nsso_session = s\n',
  };
  const plan = planShadowing(
    { AWS_PROFILE: 'ci', AWS_DEFAULT_PROFILE: 'legacy', AWS_ROLE_ARN: 'arn', AWS_WEB_IDENTITY_TOKEN_FILE: '/t' },
    texts,
  );
  assert.deepEqual(plan.clear, ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE']);
  // AWS_PROFILE set: the JS SDK never reads [default]; botocore reads AWS_DEFAULT_PROFILE before AWS_PROFILE.
  assert.deepEqual(plan.profiles, ['ci', 'legacy']);
  assert.match(
    plan.sources.join('; '),
    /profile 'ci' \(AWS_PROFILE\) with aws_access_key_id, aws_secret_access_key, role_arn, source_profile/,
  );
  assert.match(plan.sources.join('; '), /profile 'legacy' \(AWS_DEFAULT_PROFILE\) with sso_session/);
  // Only the web identity is cleared when a delivered profile is announced instead.
  assert.deepEqual(planShadowing({ AWS_ROLE_ARN: 'a' }, texts, false).profiles, []);
});

test("keys in the job's environment are cleared and named when later steps read the endpoint or an announced profile", () => {
  const env = { AWS_ACCESS_KEY_ID: 'AKIASELFHOSTEDRUNNER', AWS_SECRET_ACCESS_KEY: 'x', AWS_SESSION_TOKEN: '' };
  const texts = { credentials: null, config: null };
  const plan = planShadowing(env, texts);
  assert.deepEqual(plan.clear, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  assert.deepEqual(plan.sources, ["keys in the job's environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"]);
  assert.deepEqual(planShadowing(env, texts, false, true).clear, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
  // A profile delivered and not announced: later steps choose it by name, and the job's keys are theirs.
  assert.deepEqual(planShadowing(env, texts, false, false), { clear: [], profiles: [], sources: [] });
});

test('a profile named by a variable is rewritten even when absent (botocore fails on a missing one); [default] only with a source', () => {
  assert.deepEqual(planShadowing({ AWS_PROFILE: 'gone' }, { credentials: null, config: null }).profiles, ['gone']);
  assert.deepEqual(planShadowing({}, { credentials: '[default]\nregion = x\n', config: null }).profiles, []);
});

test('a profile name that cannot be a section fails the step, naming the variable', () => {
  assert.throws(
    () => planShadowing({ AWS_PROFILE: 'a]b' }, { credentials: null, config: null }),
    (err: unknown) => err instanceof InputError && /AWS_PROFILE/.test(err.message),
  );
});

test("the copies keep every other profile and setting, and give the active one the endpoint's line as its only source", () => {
  const texts = {
    credentials: `# mine\n[default]\n${KEYS}aws_session_token = t\n\n[other]\n${KEYS}`,
    config: '[default]\nregion = eu-west-1\ncredential_process = sh -c x\n\n[profile other]\nregion = us-west-2\n',
  };
  const copies = endpointCopies(texts, ['default'], LINE);
  assert.deepEqual([...readSection(copies.credentials, 'default')!], [['credential_process', LINE]]);
  assert.deepEqual([...readSection(copies.config, 'default')!], [['region', 'eu-west-1']]);
  assert.equal(readSection(copies.credentials, 'other')!.get('aws_access_key_id'), 'AKIASELFHOSTEDRUNNER');
  assert.equal(readSection(copies.config, 'profile other')!.get('region'), 'us-west-2');
  assert.match(copies.credentials, /^# mine\n/);
  // A profile in neither file is added with the line.
  assert.equal(
    readSection(endpointCopies({ credentials: null, config: null }, ['ci'], LINE).credentials, 'ci')!.get(
      'credential_process',
    ),
    LINE,
  );
});
