/** parseCreateSession and rolesAnywhereError: IAM Roles Anywhere's answers, read directly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failsPermanently as fails } from '../support/aws-error.js';
import { parseCreateSession, rolesAnywhereError } from '../../src/providers/roles-anywhere-response.js';

const NOW = new Date('2030-01-02T03:04:05Z');
const ENDPOINT = 'http://127.0.0.1:9443';
const credentials = {
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'RAb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==',
  expiration: '2030-01-02T04:04:05Z',
};
const ARN = 'arn:aws:sts::123456789012:assumed-role/ci-from-certificate/8f11111111';
const body = (c: Record<string, unknown>, arn: unknown = ARN) =>
  JSON.stringify({
    credentialSet: [
      {
        assumedRoleUser: { arn, assumedRoleId: 'AROAEXAMPLE:8f' },
        credentials: c,
        roleArn: 'x',
        sourceIdentity: 'CN=runner',
      },
    ],
    subjectArn: 's',
  });

test('a genuine answer becomes a session with the assumed-role ARN', () => {
  const session = parseCreateSession(body(credentials), NOW, ENDPOINT);
  assert.equal(session.assumedRoleArn, ARN);
  assert.equal(session.credentials.expiration?.getTime(), Date.parse(credentials.expiration));
});

test('no credential set is MalformedResponse', () => {
  fails(() => parseCreateSession('{}', NOW, ENDPOINT), /MalformedResponse/);
  fails(() => parseCreateSession('not json', NOW, ENDPOINT), /MalformedResponse/);
});

test('credentials with \\n or \\r fail naming the field and the endpoint, never the value', () => {
  for (const [field, value] of [
    ['sessionToken', 'RAb3Jp\n[pwn]\ncredential_process = touch /tmp/x'],
    ['sessionToken', 'RAb3JpZ2luX2VjEJrZZZZ\r'],
    ['accessKeyId', 'ASIA\rQWERTYUIOPASDFGH'],
  ] as const) {
    const err = fails(
      () => parseCreateSession(body({ ...credentials, [field]: value }), NOW, ENDPOINT),
      /^InvalidResponse$/,
      new RegExp(`in ${field}`),
      /127\.0\.0\.1:9443/,
    );
    assert.doesNotMatch(err.message, /pwn|credential_process/);
  }
});

test('an assumed-role ARN with newlines and workflow commands, or not a string, fails', () => {
  const err = fails(
    () =>
      parseCreateSession(body(credentials, `${ARN}\n::set-output name=AWS_ACCESS_KEY_ID::AKIAFORGED`), NOW, ENDPOINT),
    /InvalidResponse/,
    /in assumedRoleArn/,
  );
  assert.doesNotMatch(err.message, /set-output|FORGED/);
  fails(() => parseCreateSession(body(credentials, 42), NOW, ENDPOINT), /InvalidResponse/, /arn/);
});

test('expirations in the past or two years ahead fail', () => {
  fails(
    () => parseCreateSession(body({ ...credentials, expiration: '2029-12-31T00:00:00Z' }), NOW, ENDPOINT),
    /InvalidResponse/,
    /expiration/,
  );
  fails(
    () => parseCreateSession(body({ ...credentials, expiration: '2032-01-02T03:04:05Z' }), NOW, ENDPOINT),
    /InvalidResponse/,
    /expiration/,
  );
});

test("an error answer's code and message lose their control characters", () => {
  const err = rolesAnywhereError(
    403,
    'AccessDeniedException',
    JSON.stringify({ message: 'denied\n::add-mask::x\r\nforged' }),
  );
  assert.doesNotMatch(err.message, /\p{Cc}/u);
  assert.equal(err.serviceMessage, 'denied ::add-mask::x forged');
});
