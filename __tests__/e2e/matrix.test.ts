/**
 * A matrix of jobs starting the step at once against STS's per-account quota (bench/load-standin.ts in front of moto):
 * every job gets credentials within action-timeout-s; a permanent refusal fails every job at once, without retries.
 * Not timed: the figures are bench/matrix.ts's.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STSClient, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { isThrottlingError } from '@smithy/core/retry';
import { startMoto, type Moto } from '../support/moto.js';
import { startLoadStandIn, type LoadStandIn } from '../../bench/load-standin.js';
import { runMatrix, ROLE } from '../../bench/matrix.js';

const N = 16;
const TIMEOUT_S = 60;
const THIS = { name: 'this action' };

let moto: Moto;
const standIns: LoadStandIn[] = [];

async function standIn(options: Omit<Parameters<typeof startLoadStandIn>[0], 'upstream'>): Promise<LoadStandIn> {
  const s = await startLoadStandIn({ upstream: moto.url, ...options });
  standIns.push(s);
  return s;
}

before(async () => {
  moto = await startMoto();
});
after(async () => {
  for (const s of standIns) await s.close();
  await moto?.stop();
});

describe('the load stand-in speaks STS', () => {
  test('its throttling answer is the one the AWS SDK classifies as throttling', async () => {
    const sts = await standIn({ ratePerSecond: 0, burst: 0 });
    const client = new STSClient({
      region: 'us-east-1',
      endpoint: sts.stsUrl,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIAUNUSEDUNUSED0001', secretAccessKey: 'unused' },
    });
    const call = () =>
      client.send(
        new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE, RoleSessionName: 'probe', WebIdentityToken: 'a.b.c' }),
      );
    await call().catch(() => undefined);
    const err = await call().then(
      () => undefined,
      (e: unknown) => e as Error & { $metadata?: { httpStatusCode?: number } },
    );
    assert.ok(err, 'an empty bucket throttles');
    assert.equal(err.name, 'Throttling');
    assert.equal(err.message, 'Rate exceeded');
    assert.equal(err.$metadata?.httpStatusCode, 400);
    assert.equal(isThrottlingError(err as never), true);
    assert.equal(sts.counters.throttled, 2);
    assert.equal(sts.counters.throttledRetries, 1, 'the same job and call again counts as a retry');
  });
});

describe(`${N} jobs at once`, () => {
  test('every job gets credentials through a tight quota, each within action-timeout-s', async () => {
    // Chained: two calls per job on one account's quota, 32 calls at 4/s after a burst of 4, and a flaky token endpoint.
    const sts = await standIn({ ratePerSecond: 4, burst: 4, stsLatencyMs: 20, tokenFailureShare: 0.1, seed: 7 });
    const jobs = await runMatrix(THIS, 'chained', N, sts, {
      inputs: { 'action-timeout-s': String(TIMEOUT_S) },
      killAfterMs: (TIMEOUT_S + 30) * 1000,
    });
    const figures = `jobs ${jobs.map((j) => `${(j.elapsedMs / 1000).toFixed(1)}s${j.ok ? '' : ' FAILED'}`).join(' ')}; stand-in ${JSON.stringify({ ...sts.counters, byJob: undefined })}`;
    assert.deepEqual(
      jobs.filter((j) => !j.ok).map((j) => j.error),
      [],
      figures,
    );
    assert.ok(
      jobs.every((j) => j.elapsedMs <= TIMEOUT_S * 1000),
      figures,
    );
    assert.equal(sts.counters.firstAttempts, 2 * N, 'one AssumeRoleWithWebIdentity and one AssumeRole per job');
    assert.ok(
      (sts.counters.byAction['AssumeRoleWithWebIdentity'] ?? 0) >= N && (sts.counters.byAction['AssumeRole'] ?? 0) >= N,
      figures,
    );
    assert.ok(sts.counters.throttled > 0, `the quota was reached: ${figures}`);
    assert.equal(sts.counters.forwarded, 2 * N, 'each call succeeded exactly once');
    console.log(`# ${figures}`);
  });

  test('a permanent refusal fails every job at once with the AWS message and no retry', async () => {
    const message = `Not authorized to perform sts:AssumeRoleWithWebIdentity`;
    const sts = await standIn({
      ratePerSecond: 1000,
      burst: 1000,
      stsDeny: { status: 403, code: 'AccessDenied', message },
    });
    const jobs = await runMatrix(THIS, 'oidc', N, sts, {
      inputs: { 'action-timeout-s': String(TIMEOUT_S) },
      killAfterMs: (TIMEOUT_S + 30) * 1000,
    });
    const slowest = Math.max(...jobs.map((j) => j.elapsedMs));
    assert.equal(jobs.filter((j) => j.ok).length, 0);
    for (const job of jobs) {
      assert.match(job.error, /AccessDenied/);
      assert.ok(job.error.includes(message), job.error);
    }
    assert.equal(sts.counters.stsRequests, N, 'exactly one STS request per job');
    assert.equal(sts.counters.retries, 0);
    assert.deepEqual(Object.values(sts.counters.byJob), Array(N).fill(1));
    assert.equal(sts.counters.tokenRequests, N, 'one id-token per job');
    // At once: no backoff ran; the slowest job is only as slow as starting 16 processes on a small machine.
    assert.ok(slowest < 15000, `slowest job took ${slowest} ms`);
    console.log(
      `# permanent refusal: ${N} jobs failed, slowest ${(slowest / 1000).toFixed(1)} s, ${sts.counters.stsRequests} STS requests`,
    );
  });
});
