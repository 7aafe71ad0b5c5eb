import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeChallengeS256, createCodeVerifier, createNonce, createState, isCodeVerifier } from '../../src/cli/login/pkce.js';

test('the S256 challenge matches RFC 7636 appendix B', () => {
  assert.equal(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('code verifiers have the asked length and only unreserved characters', () => {
  for (const length of [43, 44, 64, 100, 127, 128]) {
    const verifier = createCodeVerifier(length);
    assert.equal(verifier.length, length);
    assert.match(verifier, /^[A-Za-z0-9\-._~]+$/);
    assert.ok(isCodeVerifier(verifier));
  }
  assert.equal(createCodeVerifier().length, 64);
});

test('code verifiers outside 43..128 characters are refused', () => {
  assert.throws(() => createCodeVerifier(42), RangeError);
  assert.throws(() => createCodeVerifier(129), RangeError);
  assert.throws(() => createCodeVerifier(50.5), RangeError);
  assert.throws(() => codeChallengeS256('short'), RangeError);
  assert.throws(() => codeChallengeS256('a'.repeat(129)), RangeError);
  assert.throws(() => codeChallengeS256(`${'a'.repeat(43)}+`), RangeError);
  assert.equal(isCodeVerifier(`${'a'.repeat(42)}/`), false);
  assert.equal(isCodeVerifier('~._-'.repeat(11)), true);
});

test('the verifier comes from the random source, so it is as unguessable as the source', () => {
  const sizes: number[] = [];
  const fixed = (size: number) => {
    sizes.push(size);
    return Buffer.alloc(size, 0xfb);
  };
  const verifier = createCodeVerifier(43, fixed);
  assert.deepEqual(sizes, [33]);
  assert.equal(verifier, Buffer.alloc(33, 0xfb).toString('base64url').slice(0, 43));
  assert.notEqual(createCodeVerifier(), createCodeVerifier());
});

test('state and nonce are 256-bit base64url values, fresh each time', () => {
  const values = new Set<string>();
  for (let i = 0; i < 20; i++) {
    for (const value of [createState(), createNonce()]) {
      assert.match(value, /^[A-Za-z0-9_-]{43}$/);
      values.add(value);
    }
  }
  assert.equal(values.size, 40);
  assert.equal(createState(() => Buffer.alloc(32, 1)), Buffer.alloc(32, 1).toString('base64url'));
});
