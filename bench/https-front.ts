/** An HTTPS front for a plain-http peer (moto), so the OIDC step can be timed over TLS as it runs against real STS. */
import { createServer } from 'node:https';
import { forwardTo } from './forward.js';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPkiDir } from '../__tests__/standins/pki.js';

export async function startHttpsFront(
  target: string,
): Promise<{ url: string; caFile: string; close(): Promise<void> }> {
  const pki = createPkiDir();
  const root = pki.createRoot({ commonName: 'Bench TLS Root', keyType: 'ec-p256' });
  const leaf = pki.issueLeaf(root, {
    commonName: 'localhost',
    keyType: 'ec-p256',
    serverNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
  });
  const caFile = join(pki.dir, 'front-ca.pem');
  writeFileSync(caFile, root.certPem);
  const upstream = new URL(target);
  const server = createServer({ cert: leaf.certPem, key: leaf.keyPem }, (req, res) => {
    req.pipe(forwardTo(upstream, req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      pki.remove();
    },
  };
}
