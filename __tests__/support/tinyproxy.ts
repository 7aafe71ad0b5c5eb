/**
 * A real HTTP proxy (Debian's tinyproxy) on loopback, for proxy tests: it forwards plain requests, opens CONNECT
 * tunnels, can require Basic credentials, and logs every request so tests can see what went through it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { freePort } from './processes.js';

export interface Tinyproxy {
  url: string;
  /** Request lines the proxy logged so far, e.g. `CONNECT 127.0.0.1:8443` or `POST http://127.0.0.1:5000/`. */
  requests(): string[];
  close(): Promise<void>;
}

function tinyproxyBinary(): string | undefined {
  return ['/usr/bin/tinyproxy', '/usr/sbin/tinyproxy'].find((p) => existsSync(p));
}

export async function startTinyproxy(
  options: { basicAuth?: { user: string; password: string } } = {},
): Promise<Tinyproxy> {
  const binary = tinyproxyBinary();
  if (!binary) throw new Error('tinyproxy is not installed: apt-get install -y tinyproxy (npm test does, as root)');
  const dir = mkdtempSync(join(tmpdir(), 'tinyproxy-'));
  chmodSync(dir, 0o777); // tinyproxy drops to 'nobody' when started as root, and must still write its log here
  const port = await freePort();
  const log = join(dir, 'tinyproxy.log');
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 30',
    `LogFile "${log}"`,
    'LogLevel Connect',
    'MaxClients 50',
    'Allow 127.0.0.1',
    'DisableViaHeader Yes',
    ...(process.getuid?.() === 0 ? ['User nobody', 'Group nogroup'] : []),
    ...(options.basicAuth ? [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`] : []),
  ];
  writeFileSync(join(dir, 'tinyproxy.conf'), config.join('\n') + '\n');
  const child: ChildProcess = spawn(binary, ['-d', '-c', join(dir, 'tinyproxy.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d));
  const deadline = Date.now() + 10000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`tinyproxy did not start: ${stderr.slice(-1000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => {
      const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
      return [...text.matchAll(/Request \(file descriptor \d+\): (\S+ \S+)/g)].map((m) => m[1]!);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
