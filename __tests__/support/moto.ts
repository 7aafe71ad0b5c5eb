/** moto's server (`python3 -m moto.server`) as the STS/IAM/IoT peer, one per test file. */
import { spawn } from 'node:child_process';
import { freePort, waitForHttp } from './processes.js';

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/moto-api/`, 30000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`moto did not start: ${(err as Error).message}\n${stderr.slice(-2000)}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
