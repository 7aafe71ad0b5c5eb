/** withRetry and backoffDelay, on a fake clock: nothing here waits. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../src/errors.js';
import { backoffDelay, withRetry } from '../../src/retry.js';
import type { RetryClock } from '../../src/retry.js';

/** A clock whose sleep advances time at once, recording every wait. */
function fakeClock(start = 1_000_000, random = 0.5): RetryClock & { sleeps: number[]; time: number } {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
    random: () => random,
  };
  return clock;
}

const transient = () => new AwsError('sts:AssumeRole', 'ServiceUnavailable', 'Try again', '', true);
const throttled = () => new AwsError('sts:AssumeRole', 'Throttling', 'Rate exceeded', '', true);
const permanent = () => new AwsError('sts:AssumeRole', 'AccessDenied', 'no', 'Check the trust policy', false);

test('backoffDelay: full jitter within [0, min(cap, base * 2^(retry-1))]', () => {
  for (let retry = 1; retry <= 12; retry++) {
    const bound = Math.min(5000, 200 * 2 ** (retry - 1));
    assert.equal(backoffDelay(retry, 0, 200, 5000), 0);
    const top = backoffDelay(retry, 0.999999, 200, 5000);
    assert.ok(top <= bound && top >= bound - 1, `retry ${retry}: ${top} vs ${bound}`);
    for (const r of [0.1, 0.25, 0.5, 0.9]) {
      const d = backoffDelay(retry, r, 200, 5000);
      assert.ok(Number.isInteger(d) && d >= 0 && d <= bound);
    }
  }
  assert.equal(backoffDelay(1, 0.5, 200, 5000), 100);
  assert.equal(backoffDelay(3, 0.5, 200, 5000), 400);
  assert.equal(backoffDelay(10, 0.5, 200, 5000), 2500);
});

test('a transient AwsError is retried until the operation succeeds', async () => {
  const clock = fakeClock();
  const attempts: number[] = [];
  const retries: Array<[string, number, number]> = [];
  const result = await withRetry(
    'sts:AssumeRole',
    async (attempt) => {
      attempts.push(attempt);
      if (attempt < 4) throw transient();
      return 'ok';
    },
    { maxAttempts: 10, deadline: clock.time + 60_000 },
    clock,
    (err, attempt, delay) => retries.push([err.code, attempt, delay]),
  );
  assert.equal(result, 'ok');
  assert.deepEqual(attempts, [1, 2, 3, 4]);
  assert.deepEqual(clock.sleeps, [100, 200, 400]);
  assert.deepEqual(retries, [
    ['ServiceUnavailable', 1, 100],
    ['ServiceUnavailable', 2, 200],
    ['ServiceUnavailable', 3, 400],
  ]);
});

test('a permanent AwsError is thrown at once, unchanged', async () => {
  const clock = fakeClock();
  let calls = 0;
  const err = permanent();
  await assert.rejects(
    withRetry(
      'sts:AssumeRole',
      async () => {
        calls++;
        throw err;
      },
      { maxAttempts: 10, deadline: clock.time + 60_000 },
      clock,
    ),
    (thrown) => thrown === err,
  );
  assert.equal(calls, 1);
  assert.deepEqual(clock.sleeps, []);
});

test('an error that is not an AwsError is thrown at once', async () => {
  const clock = fakeClock();
  let calls = 0;
  const err = new TypeError('bug');
  await assert.rejects(
    withRetry(
      'x',
      async () => {
        calls++;
        throw err;
      },
      { maxAttempts: 10, deadline: clock.time + 60_000 },
      clock,
    ),
    (thrown) => thrown === err,
  );
  assert.equal(calls, 1);
});

test('maxAttempts bounds the calls; the error says how many and is no longer retryable', async () => {
  for (const maxAttempts of [1, 3, 5]) {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(
      withRetry(
        'sts:AssumeRole',
        async () => {
          calls++;
          throw new AwsError('sts:AssumeRole', 'InternalError', 'Try later', 'Slow down', true);
        },
        { maxAttempts, deadline: clock.time + 3_600_000 },
        clock,
      ),
      (err: unknown) => {
        assert.ok(err instanceof AwsError);
        assert.equal(err.code, 'InternalError');
        assert.equal(err.retryable, false);
        assert.equal(err.serviceMessage, 'Try later');
        assert.match(
          err.message,
          new RegExp(`Slow down\\. Gave up after ${maxAttempts} attempts? \\(retry-max-attempts\\)`),
        );
        if (maxAttempts === 1) assert.match(err.message, /after 1 attempt \(/);
        return true;
      },
    );
    assert.equal(calls, maxAttempts);
    assert.equal(clock.sleeps.length, maxAttempts - 1);
  }
});

test('the deadline bounds the retries: no sleep runs past it', async () => {
  const clock = fakeClock(0, 0.999);
  const deadline = 1_000;
  let calls = 0;
  await assert.rejects(
    withRetry(
      'sts:AssumeRole',
      async () => {
        calls++;
        throw transient();
      },
      { maxAttempts: 100, deadline, baseDelayMs: 200, maxDelayMs: 5000 },
      clock,
    ),
    (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.match(err.message, /Gave up after \d+ attempts?: action-timeout-s was reached/);
      assert.equal(err.retryable, false);
      return true;
    },
  );
  let t = 0;
  for (const s of clock.sleeps) {
    t += s;
    assert.ok(t < deadline, `slept to ${t}, past ${deadline}`);
  }
  assert.ok(clock.time < deadline);
  // 199, 399: the third wait (799) would end past 1000.
  assert.deepEqual(clock.sleeps, [199, 399]);
  assert.equal(calls, 3);
});

test('no attempt starts once the deadline has passed', async () => {
  const clock = fakeClock(5_000);
  let calls = 0;
  await assert.rejects(
    withRetry(
      'sts:AssumeRole',
      async () => {
        calls++;
        return 1;
      },
      { maxAttempts: 3, deadline: 5_000 },
      clock,
    ),
    (err: unknown) =>
      err instanceof AwsError && err.code === 'Timeout' && /after 0 attempts/.test(err.message) && !err.retryable,
  );
  assert.equal(calls, 0);
});

test('an operation that uses up the time is reported as a timeout naming the attempts', async () => {
  const clock = fakeClock(0);
  let calls = 0;
  await assert.rejects(
    withRetry(
      'sts:AssumeRole',
      async () => {
        calls++;
        clock.time += 10_000; // the attempt itself took all the time
        throw transient();
      },
      { maxAttempts: 5, deadline: 10_000 },
      clock,
    ),
    (err: unknown) => err instanceof AwsError && /action-timeout-s was reached/.test(err.message),
  );
  assert.equal(calls, 1);
});

test('each attempt is given min(attemptTimeoutMs, time remaining)', async () => {
  const clock = fakeClock(0, 0);
  const timeouts: number[] = [];
  await withRetry(
    'x',
    async (attempt, timeoutMs) => {
      timeouts.push(timeoutMs);
      clock.time += 7_000;
      if (attempt < 4) throw transient();
      return 'done';
    },
    { maxAttempts: 10, deadline: 25_000, attemptTimeoutMs: 10_000 },
    clock,
  );
  // Remaining before each attempt: 25000, 18000, 11000, 4000.
  assert.deepEqual(timeouts, [10_000, 10_000, 10_000, 4_000]);
});

test('the default attempt timeout is 15 s', async () => {
  const clock = fakeClock(0);
  let seen = 0;
  await withRetry(
    'x',
    async (_a, timeoutMs) => {
      seen = timeoutMs;
    },
    { maxAttempts: 1, deadline: 60_000 },
    clock,
  );
  assert.equal(seen, 15_000);
});

test('throttling is retried past retry-max-attempts while the deadline allows, on its own wider schedule', async () => {
  const clock = fakeClock(0, 0.5);
  let calls = 0;
  const result = await withRetry(
    'sts:AssumeRole',
    async () => {
      if (++calls <= 6) throw throttled();
      return 'through';
    },
    { maxAttempts: 3, deadline: 600_000 },
    clock,
  );
  assert.equal(result, 'through');
  assert.equal(calls, 7);
  // Half of min(10 s, 2 s * 2^(n-1)) for n = 1..6.
  assert.deepEqual(clock.sleeps, [1000, 2000, 4000, 5000, 5000, 5000]);
});

test('throttling does not spend the attempt budget of other failures; they still end it', async () => {
  const clock = fakeClock(0, 0.5);
  const codes: string[] = [];
  await assert.rejects(
    withRetry(
      'sts:AssumeRole',
      async (attempt) => {
        const err = attempt % 2 === 1 ? throttled() : transient();
        codes.push(err.code);
        throw err;
      },
      { maxAttempts: 3, deadline: 600_000 },
      clock,
    ),
    (err: unknown) =>
      err instanceof AwsError &&
      err.code === 'ServiceUnavailable' &&
      /Gave up after 6 attempts \(retry-max-attempts\)/.test(err.message),
  );
  assert.deepEqual(codes, [
    'Throttling',
    'ServiceUnavailable',
    'Throttling',
    'ServiceUnavailable',
    'Throttling',
    'ServiceUnavailable',
  ]);
});

test('throttling stops at the deadline with a message that says so; no wait runs past it', async () => {
  const clock = fakeClock(0, 0.999);
  await assert.rejects(
    withRetry(
      'sts:AssumeRole',
      async () => {
        throw throttled();
      },
      { maxAttempts: 2, deadline: 60_000 },
      clock,
    ),
    (err: unknown) =>
      err instanceof AwsError &&
      err.code === 'Throttling' &&
      /action-timeout-s was reached/.test(err.message) &&
      !err.retryable,
  );
  assert.ok(clock.time < 60_000);
  assert.ok(clock.sleeps.length > 2, 'more retries than the attempt budget');
});

test('with one attempt (disable-retry) or retryThrottling false, throttling is not retried', async () => {
  for (const policy of [{ maxAttempts: 1 }, { maxAttempts: 5, retryThrottling: false }]) {
    const clock = fakeClock(0, 0.5);
    let calls = 0;
    await assert.rejects(
      withRetry(
        'sts:AssumeRole',
        async () => {
          calls++;
          throw throttled();
        },
        { ...policy, deadline: 600_000 },
        clock,
      ),
    );
    assert.equal(calls, policy.maxAttempts === 1 ? 1 : 5);
  }
});
