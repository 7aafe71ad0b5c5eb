/** The refresh schedule (pure) and the refresher driven by a fake clock and timers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  advertisedExpiration,
  defaultMarginMs,
  marginProblem,
  MIN_REFRESH_INTERVAL_MS,
  nextRefreshAt,
  retryDelayMs,
  SDK_REFRESH_WINDOW_MS,
  SessionRefresher,
} from '../../src/delivery/endpoint/schedule.js';
import type { Session } from '../../src/credentials.js';

const MIN = 60_000;

test('the default margin keeps every answer at least 15 minutes from expiry when sessions are longer than that', () => {
  assert.equal(defaultMarginMs(60 * MIN), 20 * MIN);
  assert.equal(defaultMarginMs(12 * 60 * MIN), 20 * MIN);
  assert.equal(defaultMarginMs(25 * MIN), 20 * MIN);
  assert.equal(defaultMarginMs(15 * MIN), 7.5 * MIN);
  fc.assert(
    fc.property(fc.integer({ min: 15 * MIN + 2 * MIN_REFRESH_INTERVAL_MS, max: 12 * 60 * MIN }), (lifetime) => {
      const at = nextRefreshAt(0, lifetime);
      // Answers until the refresh are at least 15 minutes from expiry, and the refresh comes after some use.
      return lifetime - at >= SDK_REFRESH_WINDOW_MS && at > 0;
    }),
  );
});

test('a given margin sets the refresh time, never sooner than the minimum interval', () => {
  assert.equal(nextRefreshAt(1000, 1000 + 900_000, 60_000), 1000 + 840_000);
  assert.equal(nextRefreshAt(1000, 1000 + 900_000, 893_000), 1000 + 7_000);
  assert.equal(nextRefreshAt(1000, 1000 + 900_000, 899_999), 1000 + MIN_REFRESH_INTERVAL_MS);
});

test('a margin not below the lifetime is refused with both numbers', () => {
  assert.equal(marginProblem(899_000, 900_000), undefined);
  assert.match(marginProblem(900_000, 900_000) ?? '', /900s is not below the session's lifetime \(900s\)/);
});

test('retries back off exponentially with jitter, capped at a minute, never immediately', () => {
  assert.equal(retryDelayMs(1, 0), 250);
  assert.equal(retryDelayMs(3, 0.999), Math.floor(0.999 * 4000));
  assert.equal(retryDelayMs(20, 0.999), Math.floor(0.999 * 60_000));
});

function session(key: string, expiresAt: number): Session {
  return {
    credentials: {
      accessKeyId: key,
      secretAccessKey: 's'.repeat(40),
      sessionToken: 't'.repeat(100),
      expiration: new Date(expiresAt),
    },
  };
}

function harness(results: Array<Session | Error>) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  const log: string[] = [];
  const refresher = new SessionRefresher(
    {
      refresh: async () => {
        const next = results.shift();
        if (!next) throw new Error('no more');
        if (next instanceof Error) throw next;
        return next;
      },
      now: () => now,
      random: () => 0.5,
      setTimer: (fn, ms) => {
        const t = { at: now + ms, fn, cancelled: false };
        timers.push(t);
        return { cancel: () => (t.cancelled = true) };
      },
      marginMs: 300_000,
      log: (l) => log.push(l),
    },
    session('AKIDFIRST0000000', 900_000),
    0,
  );
  const runNext = async () => {
    const t = timers.filter((x) => !x.cancelled).sort((a, b) => a.at - b.at)[0]!;
    t.cancelled = true;
    now = t.at;
    t.fn();
    await new Promise((r) => setImmediate(r));
  };
  return { refresher, runNext, log, setNow: (n: number) => (now = n), timers };
}

test('the refresher answers from memory, refreshes at expiry minus the margin, and retries a failure while still valid', async () => {
  const h = harness([new Error('STS said no'), session('AKIDSECOND000000', 1_500_000)]);
  h.refresher.start();
  assert.deepEqual((h.refresher.current() as { session: Session }).session.credentials.accessKeyId, 'AKIDFIRST0000000');
  await h.runNext(); // at 600 000: fails
  assert.match(h.log[0]!, /refresh failed \(1 in a row\), retrying in \d+ ms: STS said no/);
  assert.equal((h.refresher.current() as { session: Session }).session.credentials.accessKeyId, 'AKIDFIRST0000000');
  await h.runNext(); // retry: succeeds
  assert.equal((h.refresher.current() as { session: Session }).session.credentials.accessKeyId, 'AKIDSECOND000000');
  assert.equal(h.refresher.exchanges, 1);
});

test('once expired with every refresh failing, the answer is an error that says why', async () => {
  const h = harness([new Error('the certificate was revoked')]);
  h.refresher.start();
  await h.runNext();
  h.setNow(900_000);
  const answer = h.refresher.current();
  assert.ok('error' in answer);
  assert.match(answer.error, /expired at .* refreshing failed: the certificate was revoked/);
});

test('stop cancels the pending refresh', () => {
  const h = harness([]);
  h.refresher.start();
  h.refresher.stop();
  assert.ok(h.timers.every((t) => t.cancelled));
});

test("the advertised Expiration is the scheduled refresh plus botocore's window, never later than the real one", () => {
  // A 1-hour session refreshed at 40 minutes: SDKs are told 55 minutes.
  assert.equal(advertisedExpiration(60 * MIN, 40 * MIN), 55 * MIN);
  // A margin inside the window (short sessions): the real expiry, already before refresh + window.
  assert.equal(advertisedExpiration(15 * MIN, 7.5 * MIN), 15 * MIN);
  assert.equal(advertisedExpiration(60 * MIN, undefined), 60 * MIN);
  fc.assert(
    fc.property(
      fc.integer({ min: 15 * MIN, max: 12 * 60 * MIN }),
      fc.option(fc.integer({ min: 0, max: 12 * 60 * MIN }), { nil: undefined }),
      (lifetime, margin) => {
        const refreshAt = nextRefreshAt(0, lifetime, margin === undefined ? undefined : Math.min(margin, lifetime - 1));
        const advertised = advertisedExpiration(lifetime, refreshAt);
        // Never later than the truth; until the refresh, outside botocore's window unless the session itself is that short.
        return (
          advertised === Math.min(lifetime, refreshAt + SDK_REFRESH_WINDOW_MS) &&
          advertised - refreshAt >= Math.min(SDK_REFRESH_WINDOW_MS, lifetime - refreshAt)
        );
      },
    ),
  );
});

test('the answer carries the time of the scheduled refresh, which a failed refresh does not move', async () => {
  const h = harness([new Error('STS said no'), session('AKIDSECOND000000', 1_500_000)]);
  h.refresher.start();
  assert.equal((h.refresher.current() as { refreshAt: number }).refreshAt, 600_000);
  await h.runNext(); // at 600 000: fails
  assert.equal((h.refresher.current() as { refreshAt: number }).refreshAt, 600_000);
  await h.runNext(); // the retry succeeds: the next refresh is the new session's expiry minus the margin
  assert.equal((h.refresher.current() as { refreshAt: number }).refreshAt, 1_200_000);
});
