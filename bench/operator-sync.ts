/**
 * `bootstrap sync` at scale: N repositories (default 200) provisioned, synced again with nothing to do, then a tenth
 * dropped and revoked, against moto and the GitHub stand-in on loopback. Prints, per run, the wall time and the AWS
 * and GitHub calls (all, and writes) per repository. GitHub's one-write-a-second pacing is off here (loopback), so the
 * time real GitHub would add is printed beside it. Usage: npx tsx bench/operator-sync.ts [--repos 200] [--concurrency 4]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, collect } from '../__tests__/support/processes.js';
import { startMoto } from '../__tests__/support/moto.js';
import { startFaultProxy, type RecordedRequest } from '../__tests__/standins/fault-proxy.js';
import { startGithubStandIn } from '../__tests__/standins/github-api-standin.js';

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`--${name} takes a whole number from 1 to 1000`);
  return n;
};
const repos = flag('repos', 200);
const concurrency = flag('concurrency', 4);
const TOKEN = 'ghs_benchtoken000000000000000000000000';

const isAwsWrite = (r: RecordedRequest) => {
  const action = r.params.get('Action');
  if (action) return !/^(Get|List)/.test(action);
  return !(r.method === 'GET' || (r.method === 'POST' && r.path.startsWith('/attached-policies/')));
};

async function main(): Promise<void> {
  const moto = await startMoto();
  const proxy = await startFaultProxy(moto.url);
  const gh = await startGithubStandIn({ token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'bench-sync-'));
  const names = Array.from({ length: repos }, (_, i) => `bench/repo-${String(i).padStart(4, '0')}`);
  for (const n of names) gh.addRepository(n);
  const file = join(dir, 'operator.yaml');
  const rows: string[] = [];
  try {
    const run = async (label: string, listed: string[]) => {
      writeFileSync(file, `repositories:\n${listed.map((r) => `  - repo: ${r}\n    mode: iot\n`).join('')}`);
      const aws0 = proxy.requests.length;
      const gh0 = gh.requests.length;
      const ghw0 = gh.writes().length;
      const started = process.hrtime.bigint();
      const child = spawn(
        process.execPath,
        [
          join(ROOT, 'dist', 'cli', 'index.js'),
          'bootstrap',
          'sync',
          '--config',
          file,
          '--aws-region',
          'us-east-1',
          '--iot-credential-endpoint',
          'https://127.0.0.1:9',
          '--concurrency',
          String(concurrency),
        ],
        {
          cwd: dir,
          env: {
            PATH: process.env['PATH'] ?? '',
            HOME: dir,
            AWS_ENDPOINT_URL: proxy.url,
            AWS_ACCESS_KEY_ID: 'testing',
            AWS_SECRET_ACCESS_KEY: 'testing',
            AWS_EC2_METADATA_DISABLED: 'true',
            GITHUB_TOKEN: TOKEN,
            GITHUB_API_URL: gh.url,
            ASLC_GITHUB_WRITE_INTERVAL_MS: '0',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
          },
        },
      );
      const done = await collect(child);
      const wallS = Number(process.hrtime.bigint() - started) / 1e9;
      if (done.code !== 0)
        throw new Error(`${label}: exit ${done.code}\n${done.stdout.slice(-2000)}${done.stderr.slice(-2000)}`);
      const aws = proxy.requests.slice(aws0);
      const ghCalls = gh.requests.length - gh0;
      const ghWrites = gh.writes().length - ghw0;
      const per = (n: number) => (n / repos).toFixed(1).padStart(6);
      const summary = /\(([^)]*)\):/.exec(done.stdout)?.[1] ?? '';
      rows.push(
        `  ${label.padEnd(26)} ${wallS.toFixed(1).padStart(7)} s ${per(aws.length)} ${per(aws.filter(isAwsWrite).length)} ${per(ghCalls)} ${per(ghWrites)} ${String(Math.round(ghWrites)).padStart(9)} s   ${summary}`,
      );
    };
    await run('first: all created', names);
    await run('second: nothing to do', names);
    await run('a tenth dropped: revoked', names.slice(0, Math.ceil(repos * 0.9)));
  } finally {
    await gh.close();
    await proxy.close();
    await moto.stop();
  }
  console.log(
    `bootstrap sync, ${repos} repositories, concurrency ${concurrency}, moto and the GitHub stand-in on loopback`,
  );
  console.log(
    '  (per repository: all AWS calls, AWS writes, all GitHub calls, GitHub writes; then the pacing real GitHub adds at 1 write/s)',
  );
  console.log(
    `  ${'run'.padEnd(26)} ${'wall'.padStart(9)} ${'aws'.padStart(6)} ${'aws-w'.padStart(6)} ${'gh'.padStart(6)} ${'gh-w'.padStart(6)} ${'+pacing'.padStart(11)}   plan`,
  );
  for (const r of rows) console.log(r);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
