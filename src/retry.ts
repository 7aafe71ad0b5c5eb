/**
 * Retries with capped exponential backoff and full jitter, bounded by attempts and by a deadline. Clock, sleep and
 * randomness are passed in so the schedule is tested without waiting.
 */
import { AwsError } from './errors.js';

export interface RetryPolicy {
  maxAttempts: number;
  /** Epoch milliseconds after which no attempt starts and no wait runs past. */
  deadline: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** The most one attempt may take; the remaining time before the deadline caps it further. */
  attemptTimeoutMs?: number;
}

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** The wait before retry number `retry` (1-based): uniform in [0, min(cap, base * 2^(retry-1))]. */
export function backoffDelay(retry: number, random: number, baseMs: number, capMs: number): number {
  return Math.floor(random * Math.min(capMs, baseMs * 2 ** (retry - 1)));
}

export async function withRetry<T>(
  call: string,
  operation: (attempt: number, timeoutMs: number) => Promise<T>,
  policy: RetryPolicy,
  clock: RetryClock = systemClock,
  onRetry?: (err: AwsError, attempt: number, delayMs: number) => void,
): Promise<T> {
  const base = policy.baseDelayMs ?? 200;
  const cap = policy.maxDelayMs ?? 5000;
  const perAttempt = policy.attemptTimeoutMs ?? 15000;
  for (let attempt = 1; ; attempt++) {
    const remaining = policy.deadline - clock.now();
    if (remaining <= 0) throw timedOut(call, attempt - 1);
    try {
      return await operation(attempt, Math.min(perAttempt, remaining));
    } catch (err) {
      if (!(err instanceof AwsError) || !err.retryable) throw err;
      if (attempt >= policy.maxAttempts) {
        throw new AwsError(err.call, err.code, err.serviceMessage, joinHint(err.hint, `Gave up after ${attempt} attempt${attempt > 1 ? 's' : ''} (retry-max-attempts)`), false);
      }
      const delay = backoffDelay(attempt, clock.random(), base, cap);
      if (clock.now() + delay >= policy.deadline) {
        throw new AwsError(err.call, err.code, err.serviceMessage, joinHint(err.hint, `Gave up after ${attempt} attempt${attempt > 1 ? 's' : ''}: action-timeout-s was reached`), false);
      }
      onRetry?.(err, attempt, delay);
      await clock.sleep(delay);
    }
  }
}

function timedOut(call: string, attempts: number): AwsError {
  return new AwsError(call, 'Timeout', '', `No answer within action-timeout-s after ${attempts} attempt${attempts === 1 ? '' : 's'}; check network access to the endpoint or raise action-timeout-s`, false);
}

function joinHint(hint: string, more: string): string {
  return hint ? `${hint}. ${more}` : more;
}
