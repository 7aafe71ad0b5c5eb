import assert from 'node:assert/strict';
import { generateKeyPairSync, type X509Certificate } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { certificateValidity, loadCertificate } from '../../src/pki/certificate.js';
import {
  checkCertificateValidity,
  checkChainOrder,
  checkKeyMatchesCertificate,
  checkKeySupported,
  keySigningAlgorithm,
} from '../../src/pki/checks.js';
import { loadPrivateKey } from '../../src/pki/private-key.js';
import { expectInputError } from '../support/input-error.js';
import { genKey, issue, selfSigned, workspace, type Workspace } from '../support/openssl-artefacts.js';

const keyInputs = { key: 'private-key', passphrase: 'private-key-passphrase' };
const pairInputs = { key: 'private-key', certificate: 'certificate' };

let ws: Workspace;
const pem: Record<string, string> = {};
let root: X509Certificate;
let intermediate: X509Certificate;
let leaf: X509Certificate;

before(() => {
  ws = workspace();
  for (const name of ['root-key', 'intermediate-key', 'leaf-key', 'other-key']) pem[name] = genKey(ws, 'p256', name);
  pem['rsa-key'] = genKey(ws, 'rsa2048', 'rsa-key');
  root = loadCertificate(selfSigned(ws, 'root-key', 'root'), 'x');
  intermediate = loadCertificate(issue(ws, 'intermediate-key', 'intermediate', 'root', 'root-key', true), 'x');
  leaf = loadCertificate(issue(ws, 'leaf-key', 'leaf', 'intermediate', 'intermediate-key', false), 'x');
  pem.rsaCert = selfSigned(ws, 'rsa-key', 'rsa-cert');
});
after(() => ws.cleanup());

const key = (name: string) => loadPrivateKey(pem[name]!, undefined, keyInputs);

describe('checkKeyMatchesCertificate', () => {
  it('accepts the key the certificate was issued for', () => {
    checkKeyMatchesCertificate(key('leaf-key'), leaf, pairInputs);
    checkKeyMatchesCertificate(key('rsa-key'), loadCertificate(pem.rsaCert!, 'certificate'), pairInputs);
  });

  it('rejects another key of the same type, naming the certificate and not the key', () => {
    const err = expectInputError(() => checkKeyMatchesCertificate(key('other-key'), leaf, pairInputs), 'private-key', [
      pem['other-key']!,
    ]);
    assert.match(err.message, /does not belong to the certificate in 'certificate' \(subject 'CN=leaf'/);
    assert.match(err.message, /different public key/);
  });

  it('says when the key and certificate are of different types', () => {
    const err = expectInputError(() => checkKeyMatchesCertificate(key('rsa-key'), leaf, pairInputs), 'private-key', [
      pem['rsa-key']!,
    ]);
    assert.match(err.message, /the key is an RSA 2048-bit key, the certificate's is an EC key on P-256/);
  });
});

describe('checkCertificateValidity', () => {
  it('accepts a certificate inside its validity window, including both edges', () => {
    const { notBefore, notAfter } = certificateValidity(leaf);
    checkCertificateValidity(leaf, new Date(notBefore.getTime() + 60_000), 'certificate');
    checkCertificateValidity(leaf, notBefore, 'certificate');
    checkCertificateValidity(leaf, notAfter, 'certificate');
  });

  it('rejects an expired certificate and says when it expired', () => {
    const { notAfter } = certificateValidity(leaf);
    const err = expectInputError(
      () => checkCertificateValidity(leaf, new Date(notAfter.getTime() + 1000), 'certificate'),
      'certificate',
    );
    assert.ok(err.message.includes(`expired at ${notAfter.toISOString().replace('.000Z', 'Z')}`), err.message);
  });

  it('rejects a not-yet-valid certificate and says from when it is valid', () => {
    const { notBefore } = certificateValidity(leaf);
    const err = expectInputError(
      () => checkCertificateValidity(leaf, new Date(notBefore.getTime() - 1000), 'certificate'),
      'certificate',
    );
    assert.ok(err.message.includes(`not valid until ${notBefore.toISOString().replace('.000Z', 'Z')}`), err.message);
  });
});

describe('checkKeySupported', () => {
  it('accepts RSA 2048+ and EC P-256/P-384', () => {
    checkKeySupported(key('rsa-key'), 'private-key');
    checkKeySupported(key('leaf-key'), 'private-key');
    checkKeySupported(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey, 'private-key');
  });

  it('rejects small RSA, other curves and other types, naming what the key is', () => {
    const cases = [
      [generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey, /an RSA 1024-bit key/],
      [generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey, /an EC key on secp256k1/],
      [generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey, /an EC key on secp521r1/],
      [generateKeyPairSync('ed25519').privateKey, /an ED25519 key/],
    ] as const;
    for (const [k, pattern] of cases) {
      assert.match(expectInputError(() => checkKeySupported(k, 'private-key'), 'private-key').message, pattern);
    }
  });
});

describe('checkChainOrder', () => {
  it('accepts leaf ← intermediate ← root, and a chain without the root', () => {
    checkChainOrder(leaf, [intermediate, root], 'certificate-chain');
    checkChainOrder(leaf, [intermediate], 'certificate-chain');
    checkChainOrder(leaf, [], 'certificate-chain');
  });

  it('names the broken position and where the real issuer is', () => {
    const err = expectInputError(
      () => checkChainOrder(leaf, [root, intermediate], 'certificate-chain'),
      'certificate-chain',
    );
    assert.match(err.message, /certificate 1 \(subject 'CN=root'.*\) did not issue the leaf certificate/);
    assert.match(err.message, /certificate 2 did/);
  });

  it('names a break further up the chain', () => {
    const stranger = loadCertificate(selfSigned(ws, 'other-key', 'stranger'), 'x');
    const err = expectInputError(
      () => checkChainOrder(leaf, [intermediate, stranger], 'certificate-chain'),
      'certificate-chain',
    );
    assert.match(
      err.message,
      /certificate 2 \(subject 'CN=stranger'.*\) did not issue certificate 1 of 'certificate-chain'/,
    );
  });

  it('says when the chain repeats the leaf', () => {
    const err = expectInputError(
      () => checkChainOrder(leaf, [leaf, intermediate], 'certificate-chain'),
      'certificate-chain',
    );
    assert.match(err.message, /certificate 1 is the leaf certificate again/);
  });

  it('rejects an issuer with the right name but the wrong key', () => {
    const impostorKey = 'other-key';
    const impostor = loadCertificate(
      ws.openssl('req', '-x509', '-new', '-key', `${impostorKey}.pem`, '-subj', '/CN=intermediate', '-days', '1'),
      'x',
    );
    expectInputError(() => checkChainOrder(leaf, [impostor], 'certificate-chain'), 'certificate-chain');
  });
});

describe('keySigningAlgorithm', () => {
  it('maps RSA and EC keys to their SigV4-X509 names', () => {
    assert.equal(keySigningAlgorithm(key('rsa-key')), 'AWS4-X509-RSA-SHA256');
    assert.equal(keySigningAlgorithm(key('leaf-key')), 'AWS4-X509-ECDSA-SHA256');
  });
});
