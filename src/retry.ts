/**
 * Retries with capped exponential backoff and full jitter, bounded by attempts and by a deadline. Clock, sleep and
 * randomness are passed in so the schedule is tested without waiting.
 *
 * Throttling is not a failure of the call but a queue: when a matrix of jobs starts at once, the service's limit is
 * the bottleneck and every job gets through if it waits its turn. So a throttled attempt is retried for as long as
 * the deadline allows, whatever the attempt budget, on a schedule of its own that starts wider (spreading the
 * stampede over the limit) and grows to a longer cap. Every other transient failure spends the attempt budget.
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
  /** Retry throttling beyond maxAttempts while the deadline allows (default true; false with disable-retry). */
  retryThrottling?: boolean;
  throttleBaseDelayMs?: number;
  throttleMaxDelayMs?: number;
}

/** The error codes services use to say "too many requests": STS, IoT, Roles Anywhere, S3-compatible stores. */
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'HTTP 429',
]);

function isThrottling(err: AwsError): boolean {
  return THROTTLING_CODES.has(err.code);
}

export const RETRY_DEFAULTS = {
  baseDelayMs: 200,
  maxDelayMs: 5000,
  throttleBaseDelayMs: 2000,
  throttleMaxDelayMs: 10_000,
} as const;

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
  const base = policy.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
  const cap = policy.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
  const throttleBase = policy.throttleBaseDelayMs ?? RETRY_DEFAULTS.throttleBaseDelayMs;
  const throttleCap = policy.throttleMaxDelayMs ?? RETRY_DEFAULTS.throttleMaxDelayMs;
  const perAttempt = policy.attemptTimeoutMs ?? 15000;
  let failures = 0;
  let throttles = 0;
  for (let attempt = 1; ; attempt++) {
    const remaining = policy.deadline - clock.now();
    if (remaining <= 0) throw timedOut(call, attempt - 1);
    try {
      return await operation(attempt, Math.min(perAttempt, remaining));
    } catch (err) {
      if (!(err instanceof AwsError) || !err.retryable) throw err;
      const throttled = isThrottling(err) && policy.retryThrottling !== false && policy.maxAttempts > 1;
      if (throttled) throttles++;
      else failures++;
      if (!throttled && failures >= policy.maxAttempts) {
        throw new AwsError(
          err.call,
          err.code,
          err.serviceMessage,
          joinHint(err.hint, `Gave up after ${attempt} attempt${attempt > 1 ? 's' : ''} (retry-max-attempts)`),
          false,
        );
      }
      const delay = throttled
        ? backoffDelay(throttles, clock.random(), throttleBase, throttleCap)
        : backoffDelay(failures, clock.random(), base, cap);
      if (clock.now() + delay >= policy.deadline) {
        throw new AwsError(
          err.call,
          err.code,
          err.serviceMessage,
          joinHint(err.hint, `Gave up after ${attempt} attempt${attempt > 1 ? 's' : ''}: action-timeout-s was reached`),
          false,
        );
      }
      onRetry?.(err, attempt, delay);
      await clock.sleep(delay);
    }
  }
}

function timedOut(call: string, attempts: number): AwsError {
  return new AwsError(
    call,
    'Timeout',
    '',
    `No answer within action-timeout-s after ${attempts} attempt${attempts === 1 ? '' : 's'}; ` +
      'check network access to the endpoint or raise action-timeout-s',
    false,
  );
}

function joinHint(hint: string, more: string): string {
  return hint ? `${hint}. ${more}` : more;
}
