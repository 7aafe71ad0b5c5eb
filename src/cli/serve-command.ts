/**
 * `serve`: the refreshing local credentials endpoint. From flags/auth.yaml like any command (prints the variables, or
 * runs `-- cmd` with them), or, with --handover, from the action's main step over stdin (the one endpoint program).
 */
import type { Config } from '../config/model.js';
import { parseInteger } from '../config/values.js';
import type { Session } from '../credentials.js';
import { InputError } from '../errors.js';
import { obtainSession } from '../providers/registry.js';
import { createProviderContext } from '../providers/context.js';
import { validateSession } from '../providers/validate-session.js';
import { startCredentialsEndpoint, type RunningEndpoint } from '../delivery/credentials-endpoint.js';
import { SessionRefresher, marginProblem } from '../delivery/refresh-schedule.js';
import { newEndpointSecrets, parseHandover, type Handover } from '../delivery/endpoint-handover.js';
import {
  ENDPOINT_TOKEN_FILE_VARIABLE,
  ENDPOINT_TOKEN_VARIABLE,
  ENDPOINT_URL_VARIABLE,
} from '../delivery/endpoint-export.js';
import { formatEnvironment, type EnvFormat, ENV_FORMATS } from './formats.js';
import { UsageError, type ParsedArgs } from './args.js';
import { loadSettings, runChild, session as obtainCliSession, type CliIo } from './run-command.js';

/** Every SDK prefers these to the endpoint, and a relative URI to the full one. */
export const SHADOWING_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  ENDPOINT_TOKEN_FILE_VARIABLE,
];

const DEFAULT_MAX_LIFETIME_S = 24 * 3600;
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

export async function serveCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  if (args.flags.get('handover') === 'true') return serveHandover(io);
  const { get, config } = await loadSettings(args, io, known);
  const format = (get('format') || 'sh') as EnvFormat;
  if (!ENV_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${ENV_FORMATS.join(', ')}`);
  const first = await obtainCliSession(config, io, get);
  const obtainedAt = Date.now();
  const marginMs = get('refresh-margin-s')
    ? 1000 * parseInteger(get('refresh-margin-s'), 'refresh-margin-s', 0, 43200, 'seconds')
    : undefined;
  checkMargin(marginMs, first, obtainedAt);
  const { path, token } = newEndpointSecrets();
  io.secret?.(token);
  const maxLifetimeMs =
    1000 *
    (get('max-lifetime-s')
      ? parseInteger(get('max-lifetime-s'), 'max-lifetime-s', 1, 30 * 86400, 'seconds')
      : DEFAULT_MAX_LIFETIME_S);
  const running = await runEndpoint(
    { config, session: first, obtainedAt, path, token, ...(marginMs !== undefined ? { marginMs } : {}), maxLifetimeMs },
    io,
    () => obtainCliSession(config, io, get),
  );
  const variables: Array<[string, string]> = [
    [ENDPOINT_URL_VARIABLE, running.endpoint.url],
    [ENDPOINT_TOKEN_VARIABLE, token],
    ['AWS_REGION', config.region],
    ['AWS_DEFAULT_REGION', config.region],
  ];

  if (args.rest.length === 0) {
    io.stdout(formatEnvironment(variables, format));
    io.stderr(`Serving credentials at ${running.endpoint.url} until interrupted (Ctrl-C)\n`);
    await running.done;
    return 0;
  }
  const env: Record<string, string | undefined> = { ...io.env };
  for (const name of SHADOWING_VARIABLES) delete env[name];
  for (const [k, v] of variables) env[k] = v;
  const code = await runChild(args.rest, env, io);
  await running.stop('the command exited');
  return code;
}

function checkMargin(marginMs: number | undefined, session: Session, obtainedAt: number): void {
  if (marginMs === undefined) return;
  const lifetime = (session.credentials.expiration?.getTime() ?? obtainedAt) - obtainedAt;
  const problem = marginProblem(marginMs, lifetime);
  if (problem)
    throw new InputError(
      'refresh-margin-s',
      problem,
      "Set it below the session length (role-duration-seconds, or the IoT role alias's), or leave it unset for the default",
    );
}

/** The action's detached form: read the handover, serve, report the port on stdout, then hold no pipe of the step. */
async function serveHandover(io: CliIo): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const handover = parseHandover(Buffer.concat(chunks).toString('utf8'));
  io.secret?.(handover.token);
  const refresh = async () => {
    const ctx = createProviderContext({
      env: io.env,
      retry: handover.config.retry,
      httpProxy: handover.config.httpProxy,
      mask: (v) => io.secret?.(v),
      debug: () => undefined,
    });
    return (await obtainSession(handover.config, ctx)).final;
  };
  const running = await runEndpoint(handover, io, refresh);
  process.stdout.write(`${JSON.stringify({ port: running.endpoint.port, pid: process.pid })}\n`, () =>
    process.stdout.destroy(),
  );
  process.stdin.destroy();
  await running.done;
  return 0;
}

interface Running {
  endpoint: RunningEndpoint;
  done: Promise<void>;
  stop(reason: string): Promise<void>;
}

/** The endpoint and its refresher until a DELETE, a signal, the watched process's end or the maximum lifetime. */
async function runEndpoint(
  handover: Omit<Handover, 'config'> & { config: Config },
  io: CliIo,
  obtain: () => Promise<Session>,
): Promise<Running> {
  const started = Date.now();
  const log = (line: string) => io.stderr(`${new Date().toISOString()} credentials endpoint: ${line}\n`);
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
