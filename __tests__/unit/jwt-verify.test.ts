import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { IdTokenError, parseJwks, verifyIdToken, type IdTokenCheck, type Jwk, type Jwks, type VerifyIdTokenOptions } from '../../src/cli/login/jwt-verify.js';
import { AwsError } from '../../src/errors.js';

const ISSUER = 'https://idp.example.com/';
const CLIENT = 'cli-client';
const NONCE = 'n-0S6_WzA2Mj';
const NOW = new Date('2030-01-01T00:00:00Z');
const T = NOW.getTime() / 1000;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rsa2 = generateKeyPairSync('rsa', { modulusLength: 2048 });
const weakRsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });

function jwk(key: KeyObject, kid: string | undefined, extra: Partial<Jwk> = {}): Jwk {
  return { ...(key.export({ format: 'jwk' }) as Jwk), ...(kid === undefined ? {} : { kid }), use: 'sig', ...extra };
}

const JWKS: Jwks = {
  keys: [jwk(rsa.publicKey, 'rsa-1'), jwk(rsa2.publicKey, 'rsa-2'), jwk(p256.publicKey, 'ec-256'), jwk(p384.publicKey, 'ec-384')],
};

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { iss: ISSUER, sub: 'user-42', aud: CLIENT, exp: T + 600, iat: T - 5, nonce: NONCE, ...overrides };
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function signToken(alg: string, key: KeyObject, kid: string | undefined, payload = claims(), headerExtra: Record<string, unknown> = {}): string {
  const header = { alg, typ: 'JWT', ...(kid === undefined ? {} : { kid }), ...headerExtra };
  const input = `${b64(header)}.${b64(payload)}`;
  const data = Buffer.from(input);
  let signature: Buffer;
  switch (alg) {
    case 'RS256':
      signature = sign('sha256', data, key);
      break;
    case 'PS256':
      signature = sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
      break;
    case 'ES256':
      signature = sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
      break;
    case 'ES384':
      signature = sign('sha384', data, { key, dsaEncoding: 'ieee-p1363' });
      break;
    default:
      throw new Error(`test helper cannot sign ${alg}`);
  }
  return `${input}.${signature.toString('base64url')}`;
}

const options: VerifyIdTokenOptions = { issuer: ISSUER, clientId: CLIENT, nonce: NONCE, now: NOW };

function rejects(token: string, check: IdTokenCheck, message: RegExp, opts = options, jwks = JWKS): void {
  assert.throws(
    () => verifyIdToken(token, jwks, opts),
    (err: unknown) => {
      assert.ok(err instanceof IdTokenError, `expected IdTokenError, got ${String(err)}`);
      assert.ok(err instanceof AwsError, 'IdTokenError is one of the project\'s known errors');
      assert.equal(err.check, check);
      assert.match(err.message, message);
      assert.ok(!err.message.includes(token), 'the message must not echo the token');
      for (const part of token.split('.')) if (part.length > 8) assert.ok(!err.message.includes(part), 'no part of the token in the message');
      assert.ok(!err.message.includes(NONCE), 'the message must not echo the nonce');
      return true;
    },
  );
}

function flipSignatureByte(token: string): string {
  const [h, p, s] = token.split('.') as [string, string, string];
  const sig = Buffer.from(s, 'base64url');
  sig[10] = sig[10]! ^ 0x01;
  return `${h}.${p}.${sig.toString('base64url')}`;
}

test('RS256, PS256, ES256 and ES384 tokens signed by the issuer verify', () => {
  const cases: Array<[string, KeyObject, string]> = [
    ['RS256', rsa.privateKey, 'rsa-1'],
    ['PS256', rsa2.privateKey, 'rsa-2'],
    ['ES256', p256.privateKey, 'ec-256'],
    ['ES384', p384.privateKey, 'ec-384'],
  ];
  for (const [alg, key, kid] of cases) {
    const result = verifyIdToken(signToken(alg, key, kid), JWKS, options);
    assert.equal(result.claims['sub'], 'user-42', alg);
    assert.equal(result.header['alg'], alg);
    assert.equal(result.expiresAt.getTime(), (T + 600) * 1000);
  }
});

test('without a kid, every key of the right type is tried', () => {
  assert.equal(verifyIdToken(signToken('RS256', rsa2.privateKey, undefined), JWKS, options).claims['sub'], 'user-42');
  assert.equal(verifyIdToken(signToken('ES384', p384.privateKey, undefined), JWKS, options).claims['sub'], 'user-42');
  const noKids: Jwks = { keys: JWKS.keys.map(({ kid: _kid, ...rest }) => rest) };
  assert.equal(verifyIdToken(signToken('PS256', rsa2.privateKey, undefined), noKids, options).claims['sub'], 'user-42');
  rejects(signToken('ES256', p256.privateKey, undefined), 'kid', /no ES256 signing key/, options, { keys: [jwk(rsa.publicKey, undefined)] });
});

test('a forged signature is rejected', () => {
  rejects(flipSignatureByte(signToken('RS256', rsa.privateKey, 'rsa-1')), 'signature', /signature does not verify/);
  rejects(flipSignatureByte(signToken('ES256', p256.privateKey, 'ec-256')), 'signature', /signature does not verify/);
  // Signed by a key the issuer does not hold, under one of the issuer's kids.
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  rejects(signToken('RS256', stranger.privateKey, 'rsa-1'), 'signature', /RS256 signature does not verify/);
  // Claims changed after signing.
  const [h, , s] = signToken('RS256', rsa.privateKey, 'rsa-1').split('.');
  rejects(`${h}.${b64(claims({ sub: 'admin' }))}.${s}`, 'signature', /signature does not verify/);
});

test('a DER-encoded ECDSA signature is not accepted for ES256 (JWS uses raw r||s)', () => {
  const header = b64({ alg: 'ES256', kid: 'ec-256' });
  const input = `${header}.${b64(claims())}`;
  const der = sign('sha256', Buffer.from(input), p256.privateKey);
  rejects(`${input}.${der.toString('base64url')}`, 'signature', /signature does not verify/);
});

test('an unknown kid, or a kid naming a key of another type, is rejected', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rotated-away'), 'kid', /no key with the token's kid/);
  rejects(signToken('RS256', rsa.privateKey, 'ec-256'), 'kid', /not a RS256 signing key/);
  const encOnly: Jwks = { keys: [jwk(rsa.publicKey, 'rsa-1', { use: 'enc' })] };
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1'), 'kid', /not a RS256 signing key/, options, encOnly);
  const otherAlg: Jwks = { keys: [jwk(rsa.publicKey, 'rsa-1', { alg: 'PS256' })] };
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1'), 'kid', /not a RS256 signing key/, options, otherAlg);
});

test('RSA keys under 2048 bits are not trusted', () => {
  const weak: Jwks = { keys: [jwk(weakRsa.publicKey, 'weak')] };
  rejects(signToken('RS256', weakRsa.privateKey, 'weak'), 'kid', /malformed or too weak/, options, weak);
});

test('alg none is refused, with or without a signature', () => {
  const input = `${b64({ alg: 'none', kid: 'rsa-1' })}.${b64(claims())}`;
  rejects(`${input}.`, 'format', /not a signed JWT/);
  rejects(`${input}.${Buffer.from('x').toString('base64url')}`, 'alg', /alg "none" .* refused/);
  rejects(`${b64({ alg: 'None' })}.${b64(claims())}.AAAA`, 'alg', /refused/);
});

test('HS256 is refused, even keyed with the issuer\'s public key', () => {
  const input = `${b64({ alg: 'HS256', kid: 'rsa-1' })}.${b64(claims())}`;
  const secret = rsa.publicKey.export({ type: 'spki', format: 'pem' });
  const mac = createHmac('sha256', secret).update(input).digest('base64url');
  rejects(`${input}.${mac}`, 'alg', /alg HS256 .* refused/);
});

test('unsupported algorithms and critical header extensions are refused', () => {
  rejects(`${b64({ alg: 'RS512' })}.${b64(claims())}.AAAA`, 'alg', /RS512 is not supported/);
  rejects(`${b64({ kid: 'rsa-1' })}.${b64(claims())}.AAAA`, 'alg', /no alg/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims(), { crit: ['exp'] }), 'format', /crit/);
});

test('malformed tokens are refused before any key is looked at', () => {
  rejects('not-a-jwt', 'format', /three base64url parts/);
  rejects('a.b.c.d', 'format', /three base64url parts/);
  rejects('a+b.c.d', 'format', /three base64url parts/);
  rejects(`${Buffer.from('[1]').toString('base64url')}.${b64(claims())}.AAAA`, 'format', /header is not a JSON object/);
  rejects(`${b64({ alg: 'RS256' })}.${Buffer.from('nope').toString('base64url')}.AAAA`, 'format', /payload is not a JSON object/);
});

test('a token from another issuer is rejected', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ iss: 'https://evil.example.com/' })), 'iss', /names 'https:\/\/evil\.example\.com\/', not 'https:\/\/idp\.example\.com\/'/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ iss: 'https://idp.example.com' })), 'iss', /not 'https:\/\/idp\.example\.com\/'/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ iss: undefined })), 'iss', /names no issuer/);
});

test('a token for another audience is rejected', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: 'someone-else' })), 'aud', /another audience, not client 'cli-client'/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: ['a', 'b'] })), 'aud', /another audience/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: [] })), 'aud', /no valid aud/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: [CLIENT, 7] })), 'aud', /no valid aud/);
});

test('with several audiences, azp must name this client', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: [CLIENT, 'api'] })), 'azp', /several audiences and no azp/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: [CLIENT, 'api'], azp: 'api' })), 'azp', /another client/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ azp: 'api' })), 'azp', /another client/);
  const ok = verifyIdToken(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ aud: [CLIENT, 'api'], azp: CLIENT })), JWKS, options);
  assert.deepEqual(ok.claims['aud'], [CLIENT, 'api']);
});

test('an expired token is rejected; one within the allowed skew is not', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ exp: T - 61, iat: T - 600 })), 'exp', /expired at 2029-12-31T23:58:59\.000Z/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ exp: T - 1, iat: T - 600 })), 'exp', /expired/, { ...options, skewSeconds: 0 });
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ exp: String(T + 600) })), 'exp', /no numeric exp/);
  const late = verifyIdToken(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ exp: T - 30, iat: T - 600 })), JWKS, options);
  assert.equal(late.claims['sub'], 'user-42');
});

test('a token not yet valid (nbf) or issued in the future (iat) is rejected', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ nbf: T + 300 })), 'nbf', /not valid before 2030-01-01T00:05:00\.000Z/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ nbf: 'soon' })), 'nbf', /not a number/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ iat: T + 300 })), 'iat', /issued in the future/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ iat: undefined })), 'iat', /no numeric iat/);
  assert.equal(verifyIdToken(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ nbf: T + 30, iat: T + 30 })), JWKS, options).claims['sub'], 'user-42');
});

test('a token carrying another nonce, or none, is rejected', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ nonce: 'replayed-nonce' })), 'nonce', /not the one this sign-in sent/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ nonce: undefined })), 'nonce', /carries no nonce/);
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1'), 'nonce', /not the one this sign-in sent/, { ...options, nonce: `${NONCE}x` });
});

test('a token without a subject is rejected', () => {
  rejects(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ sub: '' })), 'sub', /no subject/);
});

test('the signature is checked before any claim', () => {
  const token = flipSignatureByte(signToken('RS256', rsa.privateKey, 'rsa-1', claims({ iss: 'https://evil.example.com/', nonce: 'x' })));
  rejects(token, 'signature', /signature/);
});

test('parseJwks keeps the key objects and refuses documents without keys', () => {
  assert.equal(parseJwks(JSON.stringify({ keys: [{ kty: 'RSA' }, 'junk', null] })).keys.length, 1);
  assert.throws(() => parseJwks('{"nokeys":1}'), (err: unknown) => err instanceof IdTokenError && err.check === 'kid');
  assert.throws(() => parseJwks('<html>'), (err: unknown) => err instanceof IdTokenError && /JSON Web Key Set/.test(err.message));
});
