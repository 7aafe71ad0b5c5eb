/**
 * The refreshing credentials endpoint as one running program: the server, its refresher, and what ends it (a DELETE
 * with the token, a signal, the watched process's end, the maximum lifetime). `obtain` is the one exchange, handed in
 * by the front-end, so every refresh runs with every setting of the config.
 */
import type { Session } from '../../credentials.js';
import { validateSession } from '../../providers/validate-session.js';
import type { Handover } from './handover.js';
import { SessionRefresher } from './schedule.js';
import { startCredentialsEndpoint, type RunningEndpoint } from './server.js';
import { boundedLog } from './log.js';

const WATCH_INTERVAL_MS = 2_000;
/** Answer latencies kept for the summary logged at stop (80 KB). */
const KEPT_LATENCIES = 10_000;

/** ` (answer latency p50 0.08 ms, p99 0.31 ms over the last N)`, or nothing before the first answer. */
function latencySummary(latenciesUs: readonly number[]): string {
  if (latenciesUs.length === 0) return '';
  const sorted = [...latenciesUs].sort((a, b) => a - b);
  const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! / 1000).toFixed(2);
  return ` (answer latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms over the last ${sorted.length})`;
}

export interface Running {
  endpoint: RunningEndpoint;
  done: Promise<void>;
  stop(reason: string): Promise<void>;
}

/** The endpoint and its refresher until a DELETE, a signal, the watched process's end or the maximum lifetime. */
export async function runEndpoint(
  handover: Omit<Handover, 'config'>,
  stderr: (text: string) => void,
  obtain: () => Promise<Session>,
): Promise<Running> {
  const started = Date.now();
  const log = boundedLog(stderr, () => new Date());
  const refresher = new SessionRefresher(
    {
      refresh: async () =>
        validateSession(await obtain(), {
          endpoint: 'the credentials exchange',
          now: new Date(),
          call: 'credentials refresh',
        }),
      now: () => Date.now(),
      random: () => Math.random(),
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
        return { cancel: () => clearTimeout(t) };
      },
      ...(handover.marginMs !== undefined ? { marginMs: handover.marginMs } : {}),
      log,
    },
    validateSession(handover.session, {
      endpoint: 'the credentials exchange',
      now: new Date(),
      call: 'credentials refresh',
    }),
    handover.obtainedAt,
  );
  const endpoint = await startCredentialsEndpoint({
    path: handover.path,
    token: handover.token,
    port: 0,
    current: () => refresher.current(),
    log,
    keepLatencies: KEPT_LATENCIES,
  });
  refresher.start();
  log(`listening on 127.0.0.1:${endpoint.port}`);

  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let stopping = false;
  const timers: NodeJS.Timeout[] = [];
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    for (const t of timers) clearTimeout(t);
    refresher.stop();
    await endpoint.close();
    log(
      `stopped (${reason}): ${endpoint.stats.answers} answers served${latencySummary(endpoint.stats.latenciesUs)}, ${endpoint.stats.refused} refused, ${refresher.exchanges} refreshes over ${Math.round((Date.now() - started) / 1000)}s`,
      { final: true },
    );
    finish();
  };
  void endpoint.stopRequested.then(() => stop('asked to stop'));
  timers.push(setTimeout(() => void stop('maximum lifetime reached'), Math.min(handover.maxLifetimeMs, 2 ** 31 - 1)));
  if (handover.watchPid) {
    const pid = handover.watchPid;
    const watch = setInterval(() => {
      if (!alive(pid)) {
        clearInterval(watch);
        void stop(`process ${pid} is gone`);
      }
    }, WATCH_INTERVAL_MS);
    timers.push(watch);
  }
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, () => void stop(signal));
  return { endpoint, done, stop };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
