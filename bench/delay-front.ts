/** A loopback front that holds every request `delayMs` before forwarding it: a real runner's round trip, on loopback. */
import { createServer } from 'node:http';
import { forwardTo } from './forward.js';
import type { AddressInfo } from 'node:net';

export async function startDelayFront(
  target: string,
  delayMs: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => forwardTo(upstream, req, res).end(Buffer.concat(chunks)), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    // The token URL keeps its path and query: only the origin changes.
    url: target.replace(upstream.host, `127.0.0.1:${port}`),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
