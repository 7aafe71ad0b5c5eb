/** parseIotCredentials and iotError: the IoT credentials provider's answers, read directly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failsPermanently as fails } from '../support/aws-error.js';
import { iotError, parseIotCredentials } from '../../src/providers/iot-response.js';

const NOW = new Date('2030-01-02T03:04:05Z');
const ENDPOINT = 'https://c0demo.credentials.iot.us-east-1.amazonaws.com';
const good = {
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==',
  expiration: '2030-01-02T04:04:05Z',
};
const body = (c: Record<string, unknown>) => JSON.stringify({ credentials: c });

test('a genuine answer becomes a session with its expiration as a Date', () => {
  const session = parseIotCredentials(body(good), NOW, ENDPOINT);
  assert.equal(session.credentials.accessKeyId, good.accessKeyId);
  assert.equal(session.credentials.sessionToken, good.sessionToken);
  assert.equal(session.credentials.expiration?.toISOString(), '2030-01-02T04:04:05.000Z');
  assert.equal(session.assumedRoleArn, undefined);
});

test('not JSON, or JSON without every credential, is MalformedResponse', () => {
  fails(() => parseIotCredentials('<html>', NOW, ENDPOINT), /MalformedResponse/, /not JSON/);
  fails(() => parseIotCredentials('null', NOW, ENDPOINT), /MalformedResponse/);
  fails(() => parseIotCredentials(body({ ...good, sessionToken: 42 }), NOW, ENDPOINT), /MalformedResponse/);
});

test('a session token or secret carrying newlines or \\r fails naming the field and the endpoint, not the value', () => {
  for (const [field, value] of [
    ['sessionToken', 'IQoJb3JpZ2lu\n[pwn]\ncredential_process = touch /tmp/x'],
    ['sessionToken', 'IQoJb3JpZ2luX2VjEJr\r'],
    ['secretAccessKey', 'wJalrXUtnFEMI/K7MDENG\nbPxRfiCYEXAMPLEKEY'],
    ['accessKeyId', 'ASIAQWERTYUIOPASDFGH\n'],
  ] as const) {
    const err = fails(
      () => parseIotCredentials(body({ ...good, [field]: value }), NOW, ENDPOINT),
      /^InvalidResponse$/,
      new RegExp(`in ${field}`),
      /c0demo\.credentials\.iot/,
    );
    assert.doesNotMatch(err.message, /pwn|credential_process|\\r/);
  }
});

test('an expiration in the past, years ahead, or unreadable fails', () => {
  fails(
    () => parseIotCredentials(body({ ...good, expiration: '2030-01-02T02:04:05Z' }), NOW, ENDPOINT),
    /InvalidResponse/,
    /expiration/,
    /clock/,
  );
  fails(
    () => parseIotCredentials(body({ ...good, expiration: '2032-01-02T02:04:05Z' }), NOW, ENDPOINT),
    /InvalidResponse/,
    /expiration/,
  );
  fails(
    () => parseIotCredentials(body({ ...good, expiration: 'soon' }), NOW, ENDPOINT),
    /InvalidResponse/,
    /expiration/,
  );
});

test("an error answer's message loses its control characters before it is printed", () => {
  const err = iotError(403, JSON.stringify({ message: 'Access Denied\n::set-output name=x::y\r\n::error::forged' }), {
    roleAlias: 'ci',
  });
  assert.doesNotMatch(err.message, /\n|\r/);
  assert.ok(!err.message.split('\n').some((line) => line.startsWith('::')));
  assert.match(err.serviceMessage, /^Access Denied ::set-output/);
  const raw = iotError(502, 'bad gateway\u0000\u001b[31m', { roleAlias: 'ci' });
  assert.doesNotMatch(raw.message, /\p{Cc}/u);
});
