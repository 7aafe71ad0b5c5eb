/** validateSession: every credential field an exchange returns, checked before anything uses it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { Session } from '../../src/credentials.js';
import { AwsError } from '../../src/errors.js';
import { CLOCK_SKEW_MS, MINIO_SHAPES, validateSession } from '../../src/providers/validate-session.js';

const NOW = new Date('2030-01-02T03:04:05Z');
const ENDPOINT = 'http://127.0.0.1:5000';
const source = { call: 'sts:AssumeRoleWithWebIdentity', endpoint: ENDPOINT, now: NOW };

/** The shapes real issuers produce: AWS itself, moto (FQoG… tokens, 40-character secrets), and our stand-ins. */
function genuine(overrides: Partial<Session['credentials']> = {}, arn?: string): Session {
  return {
    credentials: {
      accessKeyId: 'ASIA8NWMTLYQ4XJ2K5VR',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      sessionToken: `FQoGZXIvYXdzEBYaD${randomBytes(266).toString('base64').slice(17)}`,
      expiration: new Date(NOW.getTime() + 3600_000),
      ...overrides,
    },
    assumedRoleArn: arn ?? 'arn:aws:sts::123456789012:assumed-role/ci-deploy/GitHubActions-123-1',
  };
}

function rejects(session: Session, field: string, secret?: string, src = source): AwsError {
  let caught: unknown;
  try {
    validateSession(session, src);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof AwsError, `expected AwsError, got ${String(caught)}`);
  assert.equal(caught.code, 'InvalidResponse');
  assert.equal(caught.retryable, false);
  assert.match(caught.message, new RegExp(`in ${field}\\b`));
  assert.ok(caught.message.includes('127.0.0.1:5000'), 'names the endpoint');
  assert.doesNotMatch(caught.message, /\p{Cc}/u, 'no control character in the message');
  if (secret && secret.length >= 4)
    assert.ok(!caught.message.includes(secret), `message echoes the value: ${caught.message}`);
  return caught;
}

test('genuine answers pass unchanged: AWS, moto, the stand-ins, every partition', () => {
  const s = genuine();
  assert.equal(validateSession(s, source), s);
  validateSession(genuine({ sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(600).toString('base64')}` }), source);
  validateSession(
    genuine({
      sessionToken: `RA${randomBytes(96).toString('base64')}`,
      secretAccessKey: randomBytes(30).toString('base64'),
    }),
    source,
  );
  validateSession(genuine({}, 'arn:aws-us-gov:sts::123456789012:assumed-role/r+=,.@_-/a.b@c=d'), source);
  validateSession(
    genuine({}, 'arn:aws-iso-b:sts::123456789012:assumed-role/r/8f1111111111111111111111111111111111111111'),
    source,
  );
  const iot = genuine();
  delete iot.assumedRoleArn;
  validateSession(iot, source);
  // 12 hours, and the clock skew allowed on top.
  validateSession(genuine({ expiration: new Date(NOW.getTime() + 12 * 3600_000 + CLOCK_SKEW_MS) }), source);
});

test('the injection from issue 12 (a token carrying a credentials-file section) fails naming the field, not the value', () => {
  const payload = 'FQoGZXIvYXdzEBYaDabc\n[pwn]\ncredential_process = touch /tmp/x';
  const err = rejects(genuine({ sessionToken: payload }), 'sessionToken', 'credential_process');
  assert.match(err.message, /including a control character/);
  assert.doesNotMatch(err.message, /pwn/);
  rejects(genuine({ sessionToken: `${'A'.repeat(40)}\r` }), 'sessionToken');
});

test('each field refuses what its grammar does not allow', () => {
  rejects(genuine({ accessKeyId: 'asia-lower-case-key' }), 'accessKeyId');
  rejects(genuine({ accessKeyId: 'ASIASHORT' }), 'accessKeyId');
  rejects(genuine({ accessKeyId: 'A'.repeat(129) }), 'accessKeyId');
  rejects(genuine({ secretAccessKey: 'short' }), 'secretAccessKey');
  rejects(genuine({ secretAccessKey: 'wJalrXUtnFEMI K7MDENG bPxRfiCYEXAMPLEKEY' }), 'secretAccessKey');
  rejects(genuine({ sessionToken: 'A'.repeat(16385) }), 'sessionToken');
  rejects(genuine({ sessionToken: '' }), 'sessionToken');
  const noToken = genuine();
  delete noToken.credentials.sessionToken;
  rejects(noToken, 'sessionToken');
  for (const arn of [
    'arn:aws:sts::123456789012:assumed-role/ci\n::set-output name=x::y/session',
    'arn:aws:sts::12345678901:assumed-role/ci/session',
    'arn:aws:iam::123456789012:role/ci',
    'arn:aws:sts::123456789012:assumed-role/ci/s',
    'arn:aws:sts::123456789012:assumed-role/ci/session/extra',
    'arn:aws:sts::123456789012:assumed-role/ci/session ',
    'arn:AWS:sts::123456789012:assumed-role/ci/session',
  ]) {
    rejects(genuine({}, arn), 'assumedRoleArn', arn);
  }
});

test('an expiration must be a real date, in the future, and within the service longest session', () => {
  rejects(genuine({ expiration: new Date('not a date') }), 'expiration');
  assert.match(
    rejects(genuine({ expiration: new Date(NOW.getTime() - 1000) }), 'expiration').message,
    /already past.*clock/,
  );
  rejects(genuine({ expiration: NOW }), 'expiration');
  rejects(genuine({ expiration: new Date(NOW.getTime() + 2 * 365 * 86400_000) }), 'expiration');
  rejects(genuine({ expiration: new Date(NOW.getTime() + 12 * 3600_000 + CLOCK_SKEW_MS + 1000) }), 'expiration');
  // A service with longer sessions (MinIO: up to 365 days) passes its own bound.
  validateSession(genuine({ expiration: new Date(NOW.getTime() + 300 * 86400_000) }), {
    ...source,
    maxLifetimeMs: 365 * 86400_000,
  });
});

test('an endpoint URL with user information is never printed', () => {
  const err = rejects(genuine({ accessKeyId: 'bad' }), 'accessKeyId', undefined, {
    ...source,
    endpoint: 'http://user:hunter2@127.0.0.1:5000/',
  });
  assert.doesNotMatch(err.message, /hunter2|user/);
});

// Hostile characters: controls (\r, \n, NUL, ESC), delimiters of the files we write, unicode, and '::' (workflow commands).
const hostileChar = fc.constantFrom(
  '\r',
  '\n',
  '\0',
  '\x1b',
  '\u2028',
  '\u0085',
  '[',
  ']',
  '=',
  ';',
  '#',
  '"',
  "'",
  ' ',
  '\t',
  '::',
  '%0A',
  '&#10;',
  'é',
  '😀',
  '\u200b',
  '<',
  '>',
  '&',
  '/',
  '-',
  ':',
);
const base64Char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split(''));
/** A genuine-looking base64 value with at least one hostile piece spliced in somewhere. */
const tainted = (min: number) =>
  fc
    .tuple(
      fc.array(base64Char, { minLength: min, maxLength: 200 }),
      fc.array(hostileChar, { minLength: 1, maxLength: 4 }),
      fc.nat(),
    )
    .map(([base, bad, at]) => {
      const chars = base.join('');
      const cut = at % (chars.length + 1);
      return chars.slice(0, cut) + bad.join('') + chars.slice(cut);
    })
    // '/', '=' and '-' alone are fine in some fields; keep only values that hold something no field allows.
    .filter((v) => /[^A-Za-z0-9+/=]/.test(v));

test('property: a token, secret or key id holding any hostile character is refused, and never echoed', () => {
  fc.assert(
    fc.property(tainted(16), (value) => {
      for (const field of ['accessKeyId', 'secretAccessKey', 'sessionToken'] as const) {
        const err = rejects(genuine({ [field]: value }), field);
        assert.ok(!err.message.includes(value));
      }
    }),
    { numRuns: 300 },
  );
});

test('property: an assumed-role ARN with anything outside its grammar in the role or session name is refused', () => {
  const nameChar = fc.constantFrom(...'abcXYZ019+=,.@_-'.split(''));
  const name = fc.array(nameChar, { minLength: 2, maxLength: 30 }).map((a) => a.join(''));
  fc.assert(
    fc.property(
      name,
      name,
      fc.array(
        hostileChar.filter((c) => !/^[\w+=,.@-]+$/.test(c)),
        { minLength: 1, maxLength: 3 },
      ),
      fc.boolean(),
      (role, session, bad, inRole) => {
        const arn = inRole
          ? `arn:aws:sts::123456789012:assumed-role/${role}${bad.join('')}/${session}`
          : `arn:aws:sts::123456789012:assumed-role/${role}/${session}${bad.join('')}`;
        rejects(genuine({}, arn), 'assumedRoleArn', arn);
        // The same ARN without the hostile part is accepted.
        validateSession(genuine({}, `arn:aws:sts::123456789012:assumed-role/${role}/${session}`), source);
      },
    ),
    { numRuns: 300 },
  );
});

test('property: values drawn from the allowed alphabets and lengths always pass', () => {
  const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
  fc.assert(
    fc.property(
      fc.array(upper, { minLength: 16, maxLength: 128 }),
      fc.array(base64Char, { minLength: 16, maxLength: 128 }),
      fc.array(base64Char, { minLength: 16, maxLength: 4000 }),
      fc.integer({ min: 1, max: 12 * 3600_000 }),
      (id, secret, token, lifetime) => {
        validateSession(
          genuine({
            accessKeyId: id.join(''),
            secretAccessKey: secret.join(''),
            sessionToken: token.join(''),
            expiration: new Date(NOW.getTime() + lifetime),
          }),
          source,
        );
      },
    ),
    { numRuns: 200 },
  );
});

test("MinIO's shapes: a JWT session token and a year's expiry pass; control characters, white space and unbounded lengths do not", () => {
  const minio = {
    call: 'minio:AssumeRoleWithCertificate',
    endpoint: ENDPOINT,
    now: NOW,
    shapes: MINIO_SHAPES,
    maxLifetimeMs: 365 * 86400_000,
  };
  const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJleHAiOjE3MDAwMDAwMDAsInN1YiI6ImNpLXB1Ymxpc2gifQ.a-b_c';
  const session = (token: string, expiresInMs = 3600_000): Session => ({
    credentials: {
      accessKeyId: 'Q3AM3UQ867SPQQA43P2F',
      secretAccessKey: 'zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG',
      sessionToken: token,
      expiration: new Date(NOW.getTime() + expiresInMs),
    },
  });
  assert.doesNotThrow(() => validateSession(session(jwt, 300 * 86400_000), minio));
  // The AWS profile keeps refusing what MinIO issues: the dots and dashes of a JWT are not base64.
  rejects(session(jwt), 'sessionToken');
  for (const bad of [
    `${jwt}\n`,
    `${jwt} x`,
    `${jwt}\u0000`,
    'a.b',
    `${'a'.repeat(70000)}.b.c`,
    'no-dots-at-all-here-at-all',
  ])
    rejects(session(bad), 'sessionToken', undefined, minio);
  rejects(session(jwt, 400 * 86400_000), 'expiration', undefined, minio);
});
