/**
 * Soak of the refreshing credentials endpoint: dist/main starts it (OIDC, 900 s sessions refreshed every few seconds),
 * then the JS SDK's HTTP credential provider (fromHttp, what the default chain uses) asks it N times over M refreshes.
 * Prints exchanges made, answers served, p50/p99 answer latency as the SDK sees it and inside the endpoint, and the
 * endpoint's RSS (most of its growth is V8's young generation growing under the allocation rate, not a leak: with
 * --max-semi-space-size=1 it is about a third; ~24 MiB is the first refresh loading the provider code).
 * Usage: npx tsx bench/refresh-soak.ts [--calls 20000] [--refreshes 4] [--every-s 5]
 */
import { readFileSync } from 'node:fs';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { startMoto } from '../__tests__/support/moto.js';
import { startTokenEndpoint } from '../__tests__/standins/token-endpoint.js';
import { newWorkspace, runAction } from '../__tests__/support/action-runner.js';

const arg = (name: string, fallback: number) =>
  process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : fallback;
const calls = arg('calls', 20000);
const refreshes = arg('refreshes', 4);
const everyS = arg('every-s', 5);

function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const moto = await startMoto();
const tokens = await startTokenEndpoint();
try {
  const run = await runAction('main', {
    workspace: newWorkspace(),
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': 'arn:aws:iam::123456789012:role/soak',
      'role-duration-seconds': '900',
      'refresh-credentials': 'true',
      'refresh-margin-s': String(900 - everyS),
    },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
      AWS_ENDPOINT_URL_STS: moto.url,
    },
  });
  if (run.code !== 0) throw new Error(`main step failed: ${run.stdout}${run.stderr}`);
  const state = JSON.parse(run.state['credentials-endpoint']!) as { pid: number };
  const provider = fromHttp({
    awsContainerCredentialsFullUri: run.exported['AWS_CONTAINER_CREDENTIALS_FULL_URI']!,
    awsContainerAuthorizationTokenFile: run.exported['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']!,
  });
  const exchangesBefore = tokens.issued.length;
  const rssStart = rssKiB(state.pid);
  const latencies: number[] = [];
  const keys = new Set<string>();
  const started = Date.now();
  const spanMs = refreshes * everyS * 1000 + 1000;
  for (let i = 0; i < calls; i++) {
    // Spread the calls over the span so they cross the refreshes.
    const due = started + (i * spanMs) / calls;
    if (Date.now() < due) await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
    const t0 = process.hrtime.bigint();
    const c = await provider();
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    keys.add(c.accessKeyId);
  }
  const rssEnd = rssKiB(state.pid);
  const post = await runAction('post', { workspace: run.workspace, state: run.state });
  const served = /(\d+) answers served/.exec(post.stdout)?.[1] ?? '?';
  const serverSide =
    /answer latency (p50 [\d.]+ ms, p99 [\d.]+ ms over the last \d+)/.exec(post.stdout)?.[1] ?? 'not reported';
  latencies.sort((a, b) => a - b);
  console.log(`calls: ${calls} over ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `exchanges made (fresh id-tokens): ${tokens.issued.length - exchangesBefore}; distinct access keys seen: ${keys.size}`,
  );
  console.log(`answers served by the endpoint: ${served} (the main step's own check included)`);
  console.log(
    `answer latency seen by fromHttp: p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms (goal: p99 < 5 ms)`,
  );
  console.log(`answer latency inside the endpoint (request in to reply written): ${serverSide}`);
  console.log(
    `endpoint RSS: ${(rssStart / 1024).toFixed(1)} MiB at start, ${(rssEnd / 1024).toFixed(1)} MiB after ${calls} calls`,
  );
} finally {
  await tokens.close();
  await moto.stop();
}
