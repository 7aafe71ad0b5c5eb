/**
 * The pure-Node PKI: its certificates and CRLs parse, chain and verify with node:crypto, carry the SANs, serials and flags asked for,
 * and work in a real mutual-TLS handshake.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { connect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { existsSync, statSync } from 'node:fs';
import { createCa, createCrl, createPkiDir, issueCertificate } from './pki.js';

const ca = createCa('Node PKI Test CA', { organization: 'aws-short-lived-credentials' });

test('a CA certificate parses, is self-signed, and says it is a CA', () => {
  const parsed = new X509Certificate(ca.certPem);
  assert.equal(parsed.ca, true);
  assert.equal(parsed.subject, 'O=aws-short-lived-credentials\nCN=Node PKI Test CA');
  assert.equal(parsed.issuer, parsed.subject);
  assert.ok(parsed.verify(ca.publicKey));
  assert.ok(parsed.checkIssued(parsed));
  assert.equal(parsed.publicKey.asymmetricKeyType, 'ec');
  assert.ok(parsed.checkPrivateKey(ca.key));
});

test('a leaf parses, verifies with the CA key, is issued by the CA, and is not a CA', () => {
  const leaf = issueCertificate(ca, { commonName: 'runner', organization: 'octo-org', clientAuth: true });
  const parsed = new X509Certificate(leaf.certPem);
  assert.equal(parsed.ca, false);
  assert.equal(parsed.subject, 'O=octo-org\nCN=runner');
  assert.equal(parsed.issuer, ca.cert.subject);
  assert.ok(parsed.verify(ca.publicKey));
  assert.ok(parsed.checkIssued(ca.cert));
  assert.ok(parsed.checkPrivateKey(leaf.key));
  assert.deepEqual(parsed.keyUsage, ['1.3.6.1.5.5.7.3.2']);
  assert.equal(parsed.subjectAltName, undefined);

  const stranger = createCa('Some Other CA');
  assert.equal(parsed.verify(stranger.publicKey), false);
  assert.equal(parsed.checkIssued(stranger.cert), false);
});

test('subjectAltName carries the DNS names and IP addresses, and host checks follow it', () => {
  const server = issueCertificate(ca, {
    commonName: 'api',
    serverNames: ['localhost', 'c0demo.credentials.iot.us-east-1.amazonaws.com'],
    ipAddresses: ['127.0.0.1', '::1'],
    serverAuth: true,
  });
  assert.equal(
    server.cert.subjectAltName,
    'DNS:localhost, DNS:c0demo.credentials.iot.us-east-1.amazonaws.com, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
  );
  assert.equal(server.cert.checkHost('localhost'), 'localhost');
  assert.equal(
    server.cert.checkHost('c0demo.credentials.iot.us-east-1.amazonaws.com'),
    'c0demo.credentials.iot.us-east-1.amazonaws.com',
  );
  assert.equal(server.cert.checkHost('example.com'), undefined);
  assert.equal(server.cert.checkIP('127.0.0.1'), '127.0.0.1');
  assert.equal(server.cert.checkIP('::1'), '::1');
  assert.equal(server.cert.checkIP('10.0.0.1'), undefined);
  assert.deepEqual(server.cert.keyUsage, ['1.3.6.1.5.5.7.3.1']);
});

test('validity is the window asked for, to the second; dates from 2050 on still parse', () => {
  const notBefore = new Date('2030-01-02T03:04:05Z');
  const notAfter = new Date('2051-06-07T08:09:10Z');
  const leaf = issueCertificate(ca, { commonName: 'later', notBefore, notAfter });
  assert.equal(new Date(leaf.cert.validFrom).toISOString(), notBefore.toISOString());
  assert.equal(new Date(leaf.cert.validTo).toISOString(), notAfter.toISOString());
});

test('an RSA CA signs with sha256WithRSAEncryption, and its RSA leaves verify', () => {
  const rsaCa = createCa('RSA CA', { keyType: 'rsa2048' });
  const leaf = issueCertificate(rsaCa, { commonName: 'rsa-leaf', keyType: 'rsa2048' });
  assert.equal(rsaCa.cert.publicKey.asymmetricKeyType, 'rsa');
  assert.ok(rsaCa.cert.verify(rsaCa.publicKey));
  assert.ok(leaf.cert.verify(rsaCa.publicKey));
  assert.ok(leaf.cert.checkIssued(rsaCa.cert));
});

test('serial numbers are positive and differ between certificates', () => {
  const a = issueCertificate(ca, { commonName: 'a' });
  const b = issueCertificate(ca, { commonName: 'b' });
  assert.notEqual(a.cert.serialNumber, b.cert.serialNumber);
  assert.match(a.cert.serialNumber, /^[4-7][0-9A-F]{31}$/);
});

test('a mutual-TLS handshake: the client verifies the server against the CA, the server the client', async () => {
  const clientCa = createCa('Client CA');
  const server = issueCertificate(ca, { commonName: 'localhost', serverNames: ['localhost'], serverAuth: true });
  const client = issueCertificate(clientCa, { commonName: 'runner-7', clientAuth: true });
  const accepted: string[] = [];
  const refusals: string[] = [];
  const tlsServer = createServer(
    {
      cert: server.certPem,
      key: server.keyPem,
      ca: clientCa.certPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    (socket) => {
      const peer = socket.getPeerCertificate();
      accepted.push(String(peer.subject.CN));
      socket.end(`hello ${peer.subject.CN} ${String(socket.authorized)}`);
    },
  );
  tlsServer.on('tlsClientError', (err: Error) => refusals.push(err.message));
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const { port } = tlsServer.address() as AddressInfo;
  try {
    // What the client read before the connection closed, and the error that closed it, if any.
    const connectWith = (options: { cert?: string; key?: string }) =>
      new Promise<{ text: string; error?: string }>((resolve) => {
        const socket: TLSSocket = connect(
          { host: '127.0.0.1', port, servername: 'localhost', ca: ca.certPem, ...options },
          () => {
            assert.ok(socket.authorized, String(socket.authorizationError));
          },
        );
        let text = '';
        let error: string | undefined;
        socket.on('data', (d: Buffer) => (text += d.toString()));
        socket.on('error', (err: Error) => (error = err.message));
        socket.on('close', () => resolve({ text, ...(error === undefined ? {} : { error }) }));
      });
    assert.deepEqual(await connectWith({ cert: client.certPem, key: client.keyPem }), { text: 'hello runner-7 true' });
    // No client certificate, or one from a CA the server does not trust: the server refuses the handshake. (In TLS 1.3
    // the client may finish its side first and see only a close, so the server's verdict is what is checked.)
    const anonymous = await connectWith({});
    assert.equal(anonymous.text, '');
    assert.match(refusals.shift() ?? '', /did not return a certificate/);
    const stranger = issueCertificate(createCa('Stranger CA'), { commonName: 'stranger', clientAuth: true });
    const refused = await connectWith({ cert: stranger.certPem, key: stranger.keyPem });
    assert.equal(refused.text, '');
    assert.equal(refusals.length, 1, 'the server dropped the connection');
    assert.deepEqual(accepted, ['runner-7']);
  } finally {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  }
});

test('the client refuses a server whose certificate does not name the host it asked for', async () => {
  const server = issueCertificate(ca, { commonName: 'other', serverNames: ['other.example'], serverAuth: true });
  const tlsServer = createServer({ cert: server.certPem, key: server.keyPem }, (socket) => socket.end('hi'));
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const { port } = tlsServer.address() as AddressInfo;
  try {
    const error = await new Promise<Error>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: ca.certPem }, () =>
        resolve(new Error('connected')),
      );
      socket.on('error', resolve);
    });
    assert.match(String((error as NodeJS.ErrnoException).code), /ERR_TLS_CERT_ALTNAME_INVALID/);
  } finally {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  }
});

test('an intermediate is a CA issued by its root, limited to path length 0, and its leaves chain through it', () => {
  const root = createCa('Chain Root', { keyType: 'ec-p384' });
  const intermediate = createCa('Chain Intermediate', { issuer: root, keyType: 'rsa2048' });
  const leaf = issueCertificate(intermediate, { commonName: 'chained' });
  assert.equal(intermediate.cert.ca, true);
  assert.equal(intermediate.cert.issuer, 'CN=Chain Root');
  assert.ok(intermediate.cert.checkIssued(root.cert));
  assert.ok(intermediate.cert.verify(root.publicKey));
  assert.ok(leaf.cert.checkIssued(intermediate.cert));
  assert.ok(leaf.cert.verify(intermediate.publicKey));
  assert.equal(leaf.cert.verify(root.publicKey), false);
  assert.ok(
    intermediate.certDer.includes(Buffer.from('30060101ff020100', 'hex')),
    'basicConstraints CA:TRUE, pathlen 0',
  );
  assert.equal(root.cert.publicKey.asymmetricKeyDetails?.namedCurve, 'secp384r1');
});

test('a chosen serial is written as a positive INTEGER, a sign byte added when the top bit is set', () => {
  const highBit = issueCertificate(ca, { commonName: 'high-bit', serialHex: `80${'11'.repeat(19)}` });
  assert.equal(highBit.serialHex, `80${'11'.repeat(19)}`);
  assert.ok(highBit.certDer.includes(Buffer.from(`021500${'80'}${'11'.repeat(19)}`, 'hex')));
  const odd = issueCertificate(ca, { commonName: 'odd', serialHex: 'ABC' });
  assert.equal(odd.serialHex, '0ABC');
  assert.throws(() => issueCertificate(ca, { commonName: 'bad', serialHex: 'xyz' }), /serial xyz is not hex/);
});

test('a key given as PEM is reused: two certificates, one public key', () => {
  const first = issueCertificate(ca, { commonName: 'first', keyType: 'rsa2048' });
  const second = issueCertificate(ca, { commonName: 'second', keyPem: first.keyPem, keyType: 'ec-p256' });
  assert.ok(second.cert.checkPrivateKey(first.key));
  assert.equal(second.cert.publicKey.asymmetricKeyType, 'rsa');
});

test('a CRL names its issuer, lists the revoked serials, and verifies with the CA key', () => {
  const revoked = issueCertificate(ca, { commonName: 'revoked' });
  const crlPem = createCrl(ca, [revoked], new Date('2030-01-01T00:00:00Z'));
  assert.match(crlPem, /^-----BEGIN X509 CRL-----\n(?:[A-Za-z0-9+/=]{1,64}\n)+-----END X509 CRL-----\n$/);
  const der = Buffer.from(crlPem.replace(/-----[^-]+-----|\n/g, ''), 'base64');
  assert.ok(der.includes(ca.nameDer), 'the issuer Name, byte for byte');
  assert.ok(der.includes(Buffer.from(`0210${revoked.serialHex}`, 'hex')), 'the revoked serial');
  assert.ok(!createCrl(ca, []).includes(revoked.serialHex));
});

test('a TLS server given the CRL refuses the revoked client and accepts the others', async () => {
  const clientCa = createCa('CRL Client CA', { keyType: 'rsa2048' });
  const server = issueCertificate(ca, { commonName: 'localhost', serverNames: ['localhost'], serverAuth: true });
  const good = issueCertificate(clientCa, { commonName: 'good', clientAuth: true });
  const revoked = issueCertificate(clientCa, { commonName: 'revoked', clientAuth: true });
  // rejectUnauthorized off so that the server can say why it would refuse.
  const tlsServer = createServer(
    {
      cert: server.certPem,
      key: server.keyPem,
      ca: clientCa.certPem,
      crl: createCrl(clientCa, [revoked]),
      requestCert: true,
      rejectUnauthorized: false,
    },
    (socket) =>
      socket.end(
        `${String(socket.getPeerCertificate().subject.CN)} ${String(socket.authorized)} ${String(socket.authorizationError)}`,
      ),
  );
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  const { port } = tlsServer.address() as AddressInfo;
  const connectAs = (client: { certPem: string; keyPem: string }) =>
    new Promise<string>((resolve) => {
      const socket = connect({
        host: '127.0.0.1',
        port,
        servername: 'localhost',
        ca: ca.certPem,
        cert: client.certPem,
        key: client.keyPem,
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
    });
  try {
    assert.equal(await connectAs(good), 'good true null');
    assert.equal(await connectAs(revoked), 'revoked false CERT_REVOKED');
  } finally {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  }
});

test('a PkiDir writes each certificate and its key (0600) and its leaves serve clients and servers', () => {
  const pki = createPkiDir();
  try {
    const root = pki.createRoot({ commonName: 'Dir Root' });
    const intermediate = pki.issueIntermediate(root, { commonName: 'Dir Intermediate' });
    const leaf = pki.issueLeaf(intermediate, { commonName: 'dir leaf' });
    assert.ok(leaf.certPath.startsWith(pki.dir) && leaf.certPath.endsWith('-leaf-dir_leaf.pem'));
    assert.equal(statSync(leaf.keyPath).mode & 0o777, 0o600);
    assert.deepEqual(leaf.cert.keyUsage, ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']);
    assert.ok(leaf.cert.checkIssued(intermediate.cert));
  } finally {
    pki.remove();
  }
  assert.equal(existsSync(pki.dir), false);
});
