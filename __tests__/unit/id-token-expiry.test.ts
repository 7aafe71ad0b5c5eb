/** tokenExpiry: the `exp` claim of a JWT, read without verifying. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenExpiry } from '../../src/providers/id-token.js';

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;

test('the exp claim of a well-formed token', () => {
  assert.equal(
    tokenExpiry(
      jwt({ sub: 'repo:o/r:ref:refs/heads/main', aud: 'sts.amazonaws.com', exp: 1717243200, iat: 1717242900 }),
    ),
    1717243200,
  );
  assert.equal(tokenExpiry(jwt({ exp: 0 })), 0);
  assert.equal(tokenExpiry(jwt({ exp: 1717243200.5 })), 1717243200.5);
});

test('base64url characters (- and _) in the payload are read', () => {
  // A claim value chosen so the encoded payload holds both '-' and '_'.
  const payload = { exp: 42, pad: '>>>???~~~' };
  const token = jwt(payload);
  assert.match(token.split('.')[1]!, /[-_]/);
  assert.equal(tokenExpiry(token), 42);
});

test('undefined when exp is absent or not a number', () => {
  assert.equal(tokenExpiry(jwt({ sub: 'x' })), undefined);
  assert.equal(tokenExpiry(jwt({ exp: '1717243200' })), undefined);
  assert.equal(tokenExpiry(jwt({ exp: null })), undefined);
});

test('undefined for tokens that are not JWTs, without throwing', () => {
  for (const token of [
    '',
    'abc',
    'a.b.c',
    '..',
    `x.${b64url('not json')}.y`,
    `x.${b64url('null')}.y`,
    `x.${b64url('[1]')}.y`,
    `x.${b64url('7')}.y`,
  ]) {
    assert.equal(tokenExpiry(token), undefined, token);
  }
});
