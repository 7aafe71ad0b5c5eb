/**
 * When the credentials endpoint fetches a new session, and the refresher that does it in the background. The schedule
 * is pure; the refresher takes its clock, timers and `refresh()` as arguments.
 */
import type { Session } from '../../credentials.js';
import { InputError } from '../../errors.js';
import { backoffDelay } from '../../retry.js';

const REFRESH_MARGIN_FIX =
  "Set it below the session length (role-duration-seconds, or the IoT role alias's), or leave it unset for the default";

/** botocore refreshes in its last 15 minutes (the JS SDK in its last 5): answers stay out of that window. */
export const SDK_REFRESH_WINDOW_MS = 15 * 60_000;
/** Room for a slow exchange (retries included) before the window is reached. */
const EXCHANGE_SLACK_MS = 5 * 60_000;
/** However the margin is set, no more than one exchange in this interval. */
export const MIN_REFRESH_INTERVAL_MS = 5_000;
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 60_000;

/**
 * The default margin: every answer at least 15 minutes from expiry; half the lifetime for sessions of 15 minutes or
 * less.
 */
export function defaultMarginMs(lifetimeMs: number): number {
  if (lifetimeMs <= SDK_REFRESH_WINDOW_MS) return Math.floor(lifetimeMs / 2);
  return SDK_REFRESH_WINDOW_MS + Math.min(EXCHANGE_SLACK_MS, Math.floor((lifetimeMs - SDK_REFRESH_WINDOW_MS) / 2));
}

/** Epoch ms at which a session obtained at `obtainedAt` and expiring at `expiresAt` is to be replaced. */
export function nextRefreshAt(obtainedAt: number, expiresAt: number, marginMs?: number): number {
  const margin = marginMs ?? defaultMarginMs(expiresAt - obtainedAt);
  return Math.max(obtainedAt + MIN_REFRESH_INTERVAL_MS, expiresAt - margin);
}

/** The wait after the `failures`-th failed refresh in a row: capped exponential backoff with full jitter, never 0. */
export function retryDelayMs(failures: number, random: number): number {
  return Math.max(250, backoffDelay(failures, random, RETRY_BASE_MS, RETRY_CAP_MS));
}

/** `undefined` when `marginMs` suits a session of `lifetimeMs`; else the problem, for the error on refresh-margin-s. */
export function marginProblem(marginMs: number, lifetimeMs: number): string | undefined {
  if (marginMs < lifetimeMs) return undefined;
  return `${Math.round(marginMs / 1000)}s is not below the session's lifetime (${Math.round(lifetimeMs / 1000)}s), so no answer would ever be fresh`;
}

/** refresh-margin-s against the first session, before anything starts: the same refusal for the action and `serve`. */
export function checkRefreshMargin(marginMs: number | undefined, session: Session, obtainedAt: number): void {
  if (marginMs === undefined) return;
  const problem = marginProblem(marginMs, (session.credentials.expiration?.getTime() ?? obtainedAt) - obtainedAt);
  if (problem) throw new InputError('refresh-margin-s', problem, REFRESH_MARGIN_FIX);
}

/** `refreshAt`: epoch ms at which the endpoint is to replace `session` (its Expiration is advertised from it). */
export type Answer = { session: Session; refreshAt?: number } | { error: string };

/**
 * The Expiration to advertise: the session's, but no later than the scheduled refresh plus botocore's window (the
 * widest SDK's), so every SDK re-asks after the endpoint has replaced the session, yet no answer falls inside
 * botocore's window before that (the JS SDK then re-asks at most 10 minutes after a refresh, 5 before its own window).
 */
export function advertisedExpiration(expiresAt: number, refreshAt: number | undefined): number {
  return refreshAt === undefined ? expiresAt : Math.min(expiresAt, refreshAt + SDK_REFRESH_WINDOW_MS);
}

export interface RefresherOptions {
  refresh(): Promise<Session>;
  now(): number;
  random(): number;
  setTimer(fn: () => void, ms: number): { cancel(): void };
  marginMs?: number;
  log(line: string): void;
}

/** Holds the current session in memory and replaces it before expiry; failures are retried with backoff. */
export class SessionRefresher {
  private session: Session;
  private obtainedAt: number;
  private failures = 0;
  private lastError = '';
  private timer: { cancel(): void } | undefined;
  private stopped = false;
  exchanges = 0;

  constructor(
    private readonly options: RefresherOptions,
    initial: Session,
    obtainedAt: number,
  ) {
    this.session = initial;
    this.obtainedAt = obtainedAt;
  }

  start(): void {
    this.schedule(nextRefreshAt(this.obtainedAt, expiry(this.session), this.options.marginMs) - this.options.now());
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
  }

  /** What an SDK asking now gets: the session while it is valid, else why there is none. */
  current(): Answer {
    if (expiry(this.session) > this.options.now())
      return {
        session: this.session,
        refreshAt: nextRefreshAt(this.obtainedAt, expiry(this.session), this.options.marginMs),
      };
    const reason = this.lastError || 'the refresh has not completed';
    return {
      error: `the credentials expired at ${new Date(expiry(this.session)).toISOString()} and refreshing failed: ${reason}`,
    };
  }

  /** One refresh now (the timer's work); exposed so tests drive it step by step. */
  async refreshNow(): Promise<void> {
    if (this.stopped) return;
    try {
      const session = await this.options.refresh();
      this.exchanges++;
      this.session = session;
      this.obtainedAt = this.options.now();
      this.failures = 0;
      this.lastError = '';
      const next = nextRefreshAt(this.obtainedAt, expiry(session), this.options.marginMs);
      this.options.log(
        `refreshed: valid until ${new Date(expiry(session)).toISOString()}, next refresh at ${new Date(next).toISOString()}`,
      );
      this.schedule(next - this.options.now());
    } catch (err) {
      this.failures++;
      this.lastError = (err as Error).message ?? String(err);
      const delay = retryDelayMs(this.failures, this.options.random());
      this.options.log(`refresh failed (${this.failures} in a row), retrying in ${delay} ms: ${this.lastError}`);
      this.schedule(delay);
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer?.cancel();
    this.timer = this.options.setTimer(() => void this.refreshNow(), Math.max(0, ms));
  }
}

function expiry(session: Session): number {
  return session.credentials.expiration?.getTime() ?? 0;
}
