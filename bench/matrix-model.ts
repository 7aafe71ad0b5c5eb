/**
 * The matrix on paper: N jobs making their STS calls one after another against one account's token bucket, each call
 * retried on a full-jitter schedule. No processes, no network: for sizes the machine cannot start at once (256).
 */
import { backoffDelay } from '../src/retry.js';
import { TokenBucket } from './load-standin.js';

export interface Schedule {
  attempts: number;
  baseMs: number;
  capMs: number;
  /** A call not through by then fails its job (action-timeout-s), whatever attempts remain. */
  deadlineMs?: number;
}

export interface ModelOptions {
  jobs: number;
  callsPerJob: number;
  ratePerSecond: number;
  burst: number;
  /** Jobs' first calls spread uniformly over this window (process start under load). */
  startSpreadMs: number;
  /** Round trip of one request. */
  latencyMs: number;
  schedule: Schedule;
  seed: number;
}

export interface ModelResult {
  failed: number;
  requests: number;
  throttled: number;
  /** Finish times of the jobs that succeeded, sorted, in ms. */
  finished: number[];
}

export function modelMatrix(o: ModelOptions): ModelResult {
  let seed = o.seed >>> 0;
  const random = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const bucket = new TokenBucket(o.ratePerSecond, o.burst, 0);
  const jobs = Array.from({ length: o.jobs }, () => ({ call: 0, attempt: 1 }));
  let queue = jobs.map((_, j) => ({ at: random() * o.startSpreadMs, j }));
  const result: ModelResult = { failed: 0, requests: 0, throttled: 0, finished: [] };
  while (queue.length) {
    queue.sort((a, b) => a.at - b.at);
    const { at, j } = queue.shift()!;
    const job = jobs[j]!;
    result.requests++;
    if (bucket.take(at)) {
      job.call++;
      job.attempt = 1;
      if (job.call === o.callsPerJob) result.finished.push(at + o.latencyMs);
      else queue.push({ at: at + o.latencyMs, j });
      continue;
    }
    result.throttled++;
    if (job.attempt >= o.schedule.attempts || (o.schedule.deadlineMs !== undefined && at >= o.schedule.deadlineMs)) {
      result.failed++;
      continue;
    }
    queue.push({ at: at + o.latencyMs + backoffDelay(job.attempt, random(), o.schedule.baseMs, o.schedule.capMs), j });
    job.attempt++;
  }
  result.finished.sort((a, b) => a - b);
  return result;
}
