import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../../src/errors.js';
import {
  algorithmForKey,
  amzDate,
  canonicalRequest,
  credentialScope,
  serialDecimalFromHex,
  signCreateSession,
  stringToSign,
} from '../../src/signing/sigv4-x509.js';
import { createPkiDir } from '../standins/pki.js';
import type { CertificateFiles, PkiDir } from '../standins/pki.js';

// Fixed inputs; the expected hashes below were computed with sha256sum from these exact texts.
const NOW = new Date('2024-01-02T03:04:05.678Z');
const HOST = 'rolesanywhere.us-east-1.amazonaws.com';
const BODY =
  '{"durationSeconds":3600,"profileArn":"arn:aws:rolesanywhere:us-east-1:123456789012:profile/p-1","roleArn":"arn:aws:iam::123456789012:role/ci","trustAnchorArn":"arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/ta-1"}';
const BODY_SHA256 = '1ab56ea11be9a9f67de4cf3cd7ce0ffda1f218c3b21fbac1d9e9e56e8910e0ef';
const CERT = Buffer.from('fixed-leaf-certificate-bytes');
const CERT_B64 = 'Zml4ZWQtbGVhZi1jZXJ0aWZpY2F0ZS1ieXRlcw==';
const CHAIN = [Buffer.from('intermediate-one'), Buffer.from('intermediate-two')];
const CHAIN_B64 = 'aW50ZXJtZWRpYXRlLW9uZQ==,aW50ZXJtZWRpYXRlLXR3bw==';
const SCOPE = '20240102/us-east-1/rolesanywhere/aws4_request';

const CANONICAL_WITH_CHAIN = [
  'POST',
  '/sessions',
  '',
  'content-type:application/json',
  `host:${HOST}`,
  'x-amz-date:20240102T030405Z',
  `x-amz-x509:${CERT_B64}`,
  `x-amz-x509-chain:${CHAIN_B64}`,
  '',
  'content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain',
  BODY_SHA256,
].join('\n');
const CANONICAL_WITH_CHAIN_SHA256 = '65e856be058b901b2c36da7c6634dcb3e79d2e6e08a75fc12d4750321ee730fb';
const CANONICAL_NO_CHAIN_SHA256 = '0933cf12c1aecff2bc1ff47f6a6eac8332a67d75b8492f02ba0b1332fa42afcc';

const sts = (algorithm: string, canonicalSha256: string) =>
  `${algorithm}\n20240102T030405Z\n${SCOPE}\n${canonicalSha256}`;

function authorizationParts(header: string | undefined) {
  const m = /^(\S+) Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(header ?? '');
  assert.ok(m, `Authorization has the SigV4 shape: ${header}`);
  return { algorithm: m[1], credential: m[2], signedHeaders: m[3], signature: Buffer.from(m[4] ?? '', 'hex') };
}

describe('sigv4-x509', () => {
  const keys: Record<'rsa' | 'p256' | 'p384', { privateKey: KeyObject; publicKey: KeyObject }> = {} as never;
  let pki: PkiDir;
  let highBitLeaf: CertificateFiles;
  let allOnesLeaf: CertificateFiles;

  before(async () => {
    keys.rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys.p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    keys.p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    pki = createPkiDir();
    const root = pki.createRoot({ commonName: 'Signer Test Root' });
    highBitLeaf = pki.issueLeaf(root, { commonName: 'high-bit', serialHex: `80${'11'.repeat(19)}` });
    allOnesLeaf = pki.issueLeaf(root, {
      commonName: 'all-ones',
      keyPem: highBitLeaf.keyPem,
      serialHex: 'FF'.repeat(20),
    });
  });
  after(() => pki?.remove());

  it('formats X-Amz-Date as YYYYMMDDTHHMMSSZ in UTC, dropping milliseconds', () => {
    assert.equal(amzDate(NOW), '20240102T030405Z');
    assert.equal(amzDate(new Date('1999-12-31T23:59:59.999Z')), '19991231T235959Z');
  });

  it('converts hex serials to decimal, whatever their length or sign byte', () => {
    assert.equal(serialDecimalFromHex('01'), '1');
    assert.equal(serialDecimalFromHex('00FF'), '255');
    assert.equal(serialDecimalFromHex('0a:bc'), '2748');
    assert.equal(serialDecimalFromHex(`80${'11'.repeat(19)}`), '731131418050173048403457959283328041864335003921');
    assert.equal(serialDecimalFromHex('FF'.repeat(20)), '1461501637330902918203684832716283019655932542975');
    assert.throws(() => serialDecimalFromHex('12G4'), InputError);
    assert.throws(() => serialDecimalFromHex(''), InputError);
  });

  it('builds the canonical request: sorted encoded query, folded sorted headers, unsigned headers left out', () => {
    const { text, signedHeaders } = canonicalRequest({
      method: 'post',
      path: '/sessions',
      query: {
        roleArn: 'arn:aws:iam::123456789012:role/ci',
        profileArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/p-1',
        'a b': 'x*y',
      },
      headers: {
        'X-Amz-Date': '20240102T030405Z',
        Host: '  example.com ',
        'X-Custom': 'a   b\tc',
        'User-Agent': 'not signed',
        Authorization: 'not signed',
        'X-Amzn-Trace-Id': 'not signed',
        'x-custom': 'second',
      },
      body: '',
    });
    assert.equal(signedHeaders, 'host;x-amz-date;x-custom');
    assert.equal(
      text,
      [
        'POST',
        '/sessions',
        'a%20b=x%2Ay&profileArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Aprofile%2Fp-1&roleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fci',
        'host:example.com',
        'x-amz-date:20240102T030405Z',
        'x-custom:a b c,second',
        '',
        'host;x-amz-date;x-custom',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
  });

  it('canonicalises the CreateSession request exactly as expected', () => {
    const { text } = canonicalRequest({
      method: 'POST',
      path: '/sessions',
      headers: {
        Host: HOST,
        'Content-Type': 'application/json',
        'X-Amz-Date': '20240102T030405Z',
        'X-Amz-X509': CERT_B64,
        'X-Amz-X509-Chain': CHAIN_B64,
      },
      body: Buffer.from(BODY),
    });
    assert.equal(text, CANONICAL_WITH_CHAIN);
  });

  it('builds the string to sign from algorithm, date, scope and the canonical request hash', () => {
    assert.equal(credentialScope('20240102T030405Z', 'us-east-1'), SCOPE);
    assert.equal(
      stringToSign('AWS4-X509-RSA-SHA256', '20240102T030405Z', SCOPE, CANONICAL_WITH_CHAIN),
      `AWS4-X509-RSA-SHA256\n20240102T030405Z\n${SCOPE}\n${CANONICAL_WITH_CHAIN_SHA256}`,
    );
  });

  it('signs CreateSession with RSA PKCS#1 v1.5 over the expected string, chain included', () => {
    const input = {
      host: HOST,
      region: 'us-east-1',
      body: BODY,
      certificateDer: CERT,
      chainDer: CHAIN,
      serialDecimal: '1234567890',
      key: keys.rsa.privateKey,
      now: NOW,
    };
    const headers = signCreateSession(input);
    const { Authorization, ...rest } = headers;
    assert.deepEqual(rest, {
      Host: HOST,
      'Content-Type': 'application/json',
      'X-Amz-Date': '20240102T030405Z',
      'X-Amz-X509': CERT_B64,
      'X-Amz-X509-Chain': CHAIN_B64,
    });
    const auth = authorizationParts(Authorization);
    assert.equal(auth.algorithm, 'AWS4-X509-RSA-SHA256');
    assert.equal(auth.credential, `1234567890/${SCOPE}`);
    assert.equal(auth.signedHeaders, 'content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain');
    const expected = Buffer.from(sts('AWS4-X509-RSA-SHA256', CANONICAL_WITH_CHAIN_SHA256));
    assert.ok(
      verify('sha256', expected, { key: keys.rsa.publicKey, padding: constants.RSA_PKCS1_PADDING }, auth.signature),
    );
    assert.equal(auth.signature.length, 256);
    // PKCS#1 v1.5 is deterministic (PSS would not be): the same input signs the same way.
    assert.equal(signCreateSession(input).Authorization, Authorization);
  });

  it('leaves out X-Amz-X509-Chain, and its signed-header entry, when there are no intermediates', () => {
    const headers = signCreateSession({
      host: HOST,
      region: 'us-east-1',
      body: BODY,
      certificateDer: CERT,
      chainDer: [],
      serialDecimal: '7',
      key: keys.rsa.privateKey,
      now: NOW,
    });
    assert.equal('X-Amz-X509-Chain' in headers, false);
    const auth = authorizationParts(headers['Authorization']);
    assert.equal(auth.signedHeaders, 'content-type;host;x-amz-date;x-amz-x509');
    assert.equal(auth.credential, `7/${SCOPE}`);
    const expected = Buffer.from(sts('AWS4-X509-RSA-SHA256', CANONICAL_NO_CHAIN_SHA256));
    assert.ok(
      verify('sha256', expected, { key: keys.rsa.publicKey, padding: constants.RSA_PKCS1_PADDING }, auth.signature),
    );
  });

  for (const curve of ['p256', 'p384'] as const) {
    it(`signs with ECDSA SHA-256 and a DER signature for EC ${curve.toUpperCase()}`, () => {
      const headers = signCreateSession({
        host: HOST,
        region: 'us-east-1',
        body: BODY,
        certificateDer: CERT,
        chainDer: CHAIN,
        serialDecimal: '42',
        key: keys[curve].privateKey,
        now: NOW,
      });
      const auth = authorizationParts(headers['Authorization']);
      assert.equal(auth.algorithm, 'AWS4-X509-ECDSA-SHA256');
      assert.equal(auth.signature[0], 0x30, 'a DER SEQUENCE, not a raw r||s pair');
      const expected = Buffer.from(sts('AWS4-X509-ECDSA-SHA256', CANONICAL_WITH_CHAIN_SHA256));
      assert.ok(verify('sha256', expected, { key: keys[curve].publicKey, dsaEncoding: 'der' }, auth.signature));
      const other = curve === 'p256' ? keys.p384.publicKey : keys.p256.publicKey;
      assert.equal(verify('sha256', expected, { key: other, dsaEncoding: 'der' }, auth.signature), false);
    });
  }

  it('changes the signature when the body changes', () => {
    const base = {
      host: HOST,
      region: 'us-east-1',
      certificateDer: CERT,
      chainDer: [],
      serialDecimal: '7',
      key: keys.rsa.privateKey,
      now: NOW,
    };
    const a = authorizationParts(signCreateSession({ ...base, body: BODY })['Authorization']).signature;
    const b = authorizationParts(
      signCreateSession({ ...base, body: BODY.replace('3600', '3601') })['Authorization'],
    ).signature;
    assert.notDeepEqual(a, b);
  });

  it('refuses keys Roles Anywhere cannot verify, and malformed serials or regions', () => {
    const ed = generateKeyPairSync('ed25519');
    const pss = generateKeyPairSync('rsa-pss', { modulusLength: 1024 });
    const base = {
      host: HOST,
      region: 'us-east-1',
      body: BODY,
      certificateDer: CERT,
      chainDer: [],
      serialDecimal: '7',
      now: NOW,
    };
    for (const key of [ed.privateKey, pss.privateKey, keys.rsa.publicKey]) {
      assert.throws(
        () => signCreateSession({ ...base, key }),
        (err: unknown) => err instanceof InputError && err.input === 'private-key',
      );
    }
    assert.throws(() => signCreateSession({ ...base, key: keys.rsa.privateKey, serialDecimal: '0x1F' }), InputError);
    assert.throws(() => signCreateSession({ ...base, key: keys.rsa.privateKey, region: 'US East' }), InputError);
    assert.equal(algorithmForKey(keys.p384.privateKey), 'AWS4-X509-ECDSA-SHA256');
  });

  it('puts the decimal serial of a high-bit, 20-byte serial certificate in the Credential', () => {
    // The fixture really has the DER sign byte: INTEGER, length 21, 00, 80 11 ...
    assert.ok(highBitLeaf.certDer.includes(Buffer.from(`021500${'80'}${'11'.repeat(19)}`, 'hex')));
    assert.ok(allOnesLeaf.certDer.includes(Buffer.from(`021500${'ff'.repeat(20)}`, 'hex')));
    for (const [leaf, decimal] of [
      [highBitLeaf, '731131418050173048403457959283328041864335003921'],
      [allOnesLeaf, '1461501637330902918203684832716283019655932542975'],
    ] as const) {
      const serialDecimal = serialDecimalFromHex(leaf.cert.serialNumber);
      assert.equal(serialDecimal, decimal);
      const headers = signCreateSession({
        host: HOST,
        region: 'eu-west-1',
        body: BODY,
        certificateDer: leaf.certDer,
        chainDer: [],
        serialDecimal,
        key: leaf.key,
        now: NOW,
      });
      assert.equal(
        authorizationParts(headers['Authorization']).credential,
        `${decimal}/20240102/eu-west-1/rolesanywhere/aws4_request`,
      );
      assert.deepEqual(Buffer.from(headers['X-Amz-X509'] ?? '', 'base64'), leaf.certDer);
    }
  });
});
