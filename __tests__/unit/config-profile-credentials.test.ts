import { test } from 'node:test';
import assert from 'node:assert/strict';
import { profileCredentials } from '../../src/config/profile-credentials.js';
import { InputError } from '../../src/errors.js';

const FILE = '/home/runner/.aws/credentials';
const TEXT =
  '[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = d\n\n[first]\naws_access_key_id = ASIAFIRST\naws_secret_access_key = s3cr/t+\naws_session_token = tok==\n[keysonly]\naws_access_key_id=AKIAKEYS\naws_secret_access_key=k\n';

test("the named profile's keys and session token, not another profile's", () => {
  assert.deepEqual(profileCredentials(TEXT, 'first', FILE), {
    accessKeyId: 'ASIAFIRST',
    secretAccessKey: 's3cr/t+',
    sessionToken: 'tok==',
  });
  assert.deepEqual(profileCredentials(TEXT, 'keysonly', FILE), { accessKeyId: 'AKIAKEYS', secretAccessKey: 'k' });
  assert.deepEqual(profileCredentials(TEXT.replace(/\n/g, '\r\n'), 'first', FILE).sessionToken, 'tok==');
});

test('a missing profile, file or key fails naming role-chaining, the profile and the file, never a value', () => {
  const fails = (text: string, profile: string, pattern: RegExp) =>
    assert.throws(
      () => profileCredentials(text, profile, FILE),
      (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.equal(err.input, 'role-chaining');
        assert.match(err.message, pattern);
        assert.match(err.message, new RegExp(FILE));
        assert.doesNotMatch(err.message, /s3cr|AKIA|ASIA/);
        return true;
      },
    );
  fails(TEXT, 'second', /AWS_PROFILE is 'second'.*has no such profile/);
  fails('', 'first', /has no such profile/);
  fails(
    '[first]\naws_access_key_id = ASIAFIRST\n',
    'first',
    /no aws_access_key_id and aws_secret_access_key in that profile/,
  );
  // A section named "profile first" is the config file's form, not the credentials file's.
  fails('[profile first]\naws_access_key_id = A\naws_secret_access_key = s3cr\n', 'first', /no such profile/);
});
