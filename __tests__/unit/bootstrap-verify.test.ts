/** bootstrap/verify.ts: a mismatched pair is refused before any delivery; an unreachable endpoint falls back to the signature. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { verifyNewCertificate, checkKeyMatchesCertificate } from '../../src/bootstrap/verify.js';
import { AwsError } from '../../src/errors.js';
import { createIotTestPki } from '../standins/iot-test-pki.js';

test('the key must belong to the certificate; a pair that does not match is an error naming the check', async () => {
  const pki = await createIotTestPki({ endpointHost: 'localhost' });
  const { certPem, keyPem } = pki.clients.goodEc;
  assert.doesNotThrow(() => checkKeyMatchesCertificate(certPem, keyPem));
  const other = (await createIotTestPki({ endpointHost: 'localhost' })).clients.goodEc.keyPem;
  assert.throws(
    () => checkKeyMatchesCertificate(certPem, other),
    (e: unknown) => e instanceof AwsError && e.code === 'KeyMismatch' && !e.message.includes('PRIVATE'),
  );
  // Nothing listens on a port just closed: the exchange cannot happen, the key check stands alone.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  assert.equal(
    await verifyNewCertificate({
      certificatePem: certPem,
      privateKey: keyPem,
      endpoint: `https://127.0.0.1:${port}`,
      roleAlias: 'a',
      thingName: 't',
    }),
    'signature-only',
  );
  await assert.rejects(
    verifyNewCertificate({
      certificatePem: certPem,
      privateKey: other,
      endpoint: `https://127.0.0.1:${port}`,
      roleAlias: 'a',
      thingName: 't',
    }),
    /KeyMismatch/,
  );
});

test('one exchange with the mTLS credentials provider proves a registered pair; a refused one is an error', async () => {
  const { startIotStandIn, DEFAULT_ROLE_ALIAS } = await import('../standins/iot-standin.js');
  const endpoint = await startIotStandIn({ endpointHost: 'localhost', clientVerification: 'registered-only' });
  try {
    const { certPem, keyPem } = endpoint.pki.clients.goodEc;
    endpoint.register(certPem, 'thing-1');
    const input = {
      certificatePem: certPem,
      privateKey: keyPem,
      endpoint: `https://localhost:${endpoint.port}`,
      roleAlias: DEFAULT_ROLE_ALIAS,
      thingName: 'thing-1',
      caCertificate: endpoint.serverCaPem,
      sleep: async () => {},
    };
    assert.equal(await verifyNewCertificate(input), 'exchanged');
    assert.equal(endpoint.requests.length, 1);
    endpoint.register(certPem, 'thing-1', { active: false });
    await assert.rejects(
      verifyNewCertificate({ ...input, attempts: 2 }),
      (e: unknown) => e instanceof AwsError && /old one stays active|could not be asked/.test(e.message),
    );
  } finally {
    await endpoint.close();
  }
});
