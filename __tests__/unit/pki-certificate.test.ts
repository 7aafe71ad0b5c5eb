import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  certificateDer,
  certificateSerialDecimal,
  certificateValidity,
  loadCertificate,
  loadCertificateChain,
} from '../../src/pki/certificate.js';
import { expectInputError } from '../support/input-error.js';
import { genKey, issue, selfSigned, workspace, type Workspace } from '../support/openssl-artefacts.js';

let ws: Workspace;
let key: string;
let root: string;
let intermediate: string;
let leaf: string;

before(() => {
  ws = workspace();
  key = genKey(ws, 'p256', 'key');
  root = selfSigned(ws, 'key', 'root');
  intermediate = issue(ws, 'key', 'intermediate', 'root', 'key', true);
  leaf = issue(ws, 'key', 'leaf', 'intermediate', 'key', false);
});
after(() => ws.cleanup());

function opensslSerial(name: string): bigint {
  return BigInt(
    `0x${ws
      .openssl('x509', '-in', `${name}.pem`, '-noout', '-serial')
      .trim()
      .replace(/^serial=/, '')}`,
  );
}

describe('loadCertificate', () => {
  it('loads the first certificate and ignores the rest', () => {
    const cert = loadCertificate(leaf + intermediate, 'certificate');
    assert.match(cert.subject, /CN=leaf/);
  });

  it('reads CRLF and escaped-newline secrets', () => {
    assert.match(loadCertificate(leaf.replace(/\n/g, '\r\n'), 'certificate').subject, /CN=leaf/);
    assert.match(loadCertificate(`"${leaf.replace(/\n/g, '\\n')}"`, 'certificate').subject, /CN=leaf/);
  });

  it('says a private key was pasted, without echoing it', () => {
    const err = expectInputError(() => loadCertificate(key, 'certificate'), 'certificate', [key]);
    assert.match(err.message, /holds a private key, not a certificate/);
  });

  it('names what it found when there is no certificate', () => {
    const pub = ws.openssl('pkey', '-in', 'key.pem', '-pubout');
    const err = expectInputError(() => loadCertificate(pub, 'certificate'), 'certificate');
    assert.match(err.message, /no certificate \(found PEM block\(s\) 'PUBLIC KEY'\)/);
    const csr = ws.read('leaf.csr');
    assert.match(expectInputError(() => loadCertificate(csr, 'certificate'), 'certificate').message, /signing request/);
  });

  it('rejects a CERTIFICATE block that is not a certificate', () => {
    const bogus = `-----BEGIN CERTIFICATE-----\n${Buffer.from('not a certificate at all').toString('base64')}\n-----END CERTIFICATE-----`;
    assert.match(
      expectInputError(() => loadCertificate(bogus, 'certificate'), 'certificate').message,
      /certificate 1 is not a readable/,
    );
  });
});

describe('loadCertificateChain', () => {
  it('loads every certificate in order', () => {
    const chain = loadCertificateChain(`${intermediate}\n\n${root}`, 'certificate-chain');
    assert.deepEqual(
      chain.map((c) => c.subject),
      ['CN=intermediate', 'CN=root'],
    );
  });

  it('names the position of an unreadable certificate', () => {
    const bogus = `-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`;
    const err = expectInputError(
      () => loadCertificateChain(intermediate + bogus, 'certificate-chain'),
      'certificate-chain',
    );
    assert.match(err.message, /certificate 2 is not a readable/);
  });
});

describe('certificate fields', () => {
  it('gives the serial in decimal, as openssl reads it', () => {
    const cert = loadCertificate(leaf, 'certificate');
    assert.equal(certificateSerialDecimal(cert), opensslSerial('leaf').toString(10));
  });

  it('handles a serial with the high bit set (a leading zero byte in DER) and a 20-byte serial', () => {
    for (const serial of ['0x80000000000000000001', '0x7fffffffffffffffffffffffffffffffffffffff']) {
      const name = `serial-${serial.length}`;
      const cert = loadCertificate(selfSigned(ws, 'key', name, ['-set_serial', serial]), 'certificate');
      assert.equal(certificateSerialDecimal(cert), BigInt(serial).toString(10));
      assert.equal(opensslSerial(name), BigInt(serial));
    }
  });

  it('returns the DER bytes of the PEM body', () => {
    const cert = loadCertificate(leaf, 'certificate');
    const body = leaf.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    assert.equal(certificateDer(cert).toString('base64'), body);
  });

  it('reads notBefore/notAfter from the DER, agreeing with OpenSSL', () => {
    const cert = loadCertificate(leaf, 'certificate');
    const { notBefore, notAfter } = certificateValidity(cert);
    assert.equal(notBefore.getTime(), new Date(cert.validFrom).getTime());
    assert.equal(notAfter.getTime(), new Date(cert.validTo).getTime());
    assert.equal(notAfter.getTime() - notBefore.getTime(), 30 * 24 * 3600 * 1000);
  });
});
