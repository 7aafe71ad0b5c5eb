/**
 * `refresh-credentials: true`: the main step starts the CLI's `serve --handover` detached, hands it the configuration
 * over stdin, and returns once it answers; the post step stops it and removes its files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { platformTraits, type Platform } from '../platform.js';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config/model.js';
import type { DeliveryOptions, RefreshOptions } from '../config/action-delivery.js';
import type { Session } from '../credentials.js';
import { AwsError, InputError } from '../errors.js';
import {
  COPIES_MADE,
  ENDPOINT_NOT_STARTED,
  NOT_ENDED_BY_PID,
  NOT_PROVEN,
  SHADOWED,
  STILL_OPEN,
} from '../delivery/endpoint/advice.js';
import { checkRefreshMargin } from '../delivery/endpoint/schedule.js';
import { ENDPOINT_URL, endpointCredentials, endpointRequest } from '../delivery/endpoint/client.js';
import { newEndpointSecrets, serializeHandover } from '../delivery/endpoint/handover.js';
import { exportEndpointEnvironment } from '../delivery/endpoint/export.js';
import { clearStaleS3Endpoint } from '../delivery/actions-export.js';
import { endpointProcessLine } from '../delivery/endpoint/process-line.js';
import { endpointCopies, planShadowing, readSharedTexts, writeEndpointCopies } from '../delivery/endpoint/shadowing.js';
import { sharedFiles } from '../config/sources/inputs.js';
import type { WorkflowCommands } from './workflow-commands.js';
import { ECS_ENDPOINT_SHADOWS } from './advice.js';

export const ENDPOINT_STATE = 'credentials-endpoint';
const READY_TIMEOUT_MS = 15_000;
/** Longer than any job on GitHub's runners (6 hours) with room; the post step's stop normally ends it first. */
const MAX_LIFETIME_MS = 36 * 3600_000;

/**
 * The process whose end ends the endpoint: the step's parent (the runner's worker) when there is one to watch. Under
 * `docker exec` (a job with `container:`) the parent is outside the container's PID namespace and reads as 0; there
 * the post step's stop, the container's removal at the job's end (which ends every process in it) and the lifetime
 * cap bound the endpoint instead. Init (1) is no parent to watch either: it never ends.
 */
export function watchedProcess(ppid: number): { watchPid?: number } {
  return ppid > 1 ? { watchPid: ppid } : {};
}
const FILE_NAME = /^aslc-endpoint-[0-9a-f]{16}(?:\.token|\.log)?$/;
const ENDING = { tokenFile: '.token', logFile: '.log', copiesDir: '' } as const;

interface EndpointState {
  pid: number;
  /** The process's start time in the process table (clock ticks since boot), where there is one. */
  startTime?: string;
  url: string;
  tokenFile: string;
  logFile: string;
  /** The step-owned copies of the shared files whose active profile runs the endpoint's line. */
  copiesDir?: string;
}

/** A profile delivered and announced (AWS_PROFILE names it): the user's active profile is no longer read. */
function ownProfile(delivery: DeliveryOptions): boolean {
  return Boolean(delivery.credentialsFile && delivery.announceProfile);
}

/** Starts the endpoint and points the environment at it; returns the `credential_process` line a profile is to run. */
export async function startJobEndpoint(
  wf: WorkflowCommands,
  config: Config,
  delivery: DeliveryOptions,
  session: Session,
  obtainedAt: number,
  refresh: RefreshOptions,
  env: Record<string, string | undefined>,
): Promise<{ credentialProcess: string }> {
  if (!delivery.env && !delivery.credentialsFile) {
    throw new InputError(
      'refresh-credentials',
      'has nothing to deliver through: output-env-credentials is false and no profile is written',
      'Keep output-env-credentials: true or set credentials-file/profile, or leave refresh-credentials off',
    );
  }
  if (delivery.env && env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) {
    throw new InputError(
      'refresh-credentials',
      ECS_ENDPOINT_SHADOWS,
      'Run the job outside ECS task credentials, or leave refresh-credentials off',
    );
  }
  checkRefreshMargin(refresh.marginMs, session, obtainedAt);
  const { path, token } = newEndpointSecrets();
  wf.setSecret(token);
  const dir = env['RUNNER_TEMP'] || tmpdir();
  const id = randomBytes(8).toString('hex');
  const tokenFile = join(dir, `aslc-endpoint-${id}.token`);
  const logFile = join(dir, `aslc-endpoint-${id}.log`);
  // The CLI bundle beside this one: dist/main/index.js → dist/cli/index.js.
  const cli = join(dirname(process.argv[1] ?? ''), '..', 'cli', 'index.js');
  const lineFor = (url: string) => endpointProcessLine(process.execPath, cli, { url, tokenFile }, process.platform);
  // Checked before anything starts: a path the profile line cannot hold fails the step with nothing left behind.
  const credentialProcess = delivery.credentialsFile ? lineFor(`http://127.0.0.1:1${path}`) : '';
  // What later steps would use before the endpoint: planned (and the copies tried) before anything starts too.
  const texts = await readSharedTexts(sharedFiles(env, homedir()));
  const readsActiveProfile = delivery.env && !ownProfile(delivery);
  const plan = planShadowing(env, texts, readsActiveProfile, delivery.env || delivery.announceProfile);
  if (plan.profiles.length) endpointCopies(texts, plan.profiles, lineFor(`http://127.0.0.1:1${path}`));
  // A fresh name opened exclusively with 0600: no one else can have it open or read it. No newline: botocore sends it
  // verbatim.
  writeFileSync(tokenFile, token, { mode: 0o600, flag: 'wx' });
  const logFd = openSync(logFile, 'wx', 0o600);
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [cli, 'serve', '--handover'], {
      detached: true,
      stdio: ['pipe', 'pipe', logFd],
      env: env as NodeJS.ProcessEnv,
      cwd: dir,
      // Windows: a detached process gets a console of its own; hidden, as a service's would be.
      windowsHide: true,
    });
  } finally {
    closeSync(logFd);
  }
  child.stdin!.end(
    serializeHandover({
      config,
      session,
      obtainedAt,
      path,
      token,
      ...(refresh.marginMs !== undefined ? { marginMs: refresh.marginMs } : {}),
      ...watchedProcess(process.ppid),
      maxLifetimeMs: MAX_LIFETIME_MS,
    }),
  );
  try {
    const { port, pid } = await readyLine(child);
    const url = `http://127.0.0.1:${port}${path}`;
    const answer = await endpointCredentials(url, token, new Date());
    if (answer.credentials.accessKeyId !== session.credentials.accessKeyId) {
      throw new Error('the endpoint answered with other credentials');
    }
    const started = processEntry(pid, process.platform);
    const copiesDir = plan.profiles.length ? join(dir, `aslc-endpoint-${id}`) : undefined;
    const state: EndpointState = {
      pid,
      ...(started ? { startTime: started.startTime } : {}),
      url,
      tokenFile,
      logFile,
      ...(copiesDir ? { copiesDir } : {}),
    };
    wf.saveState(ENDPOINT_STATE, JSON.stringify(state));
    for (const name of plan.clear) wf.exportVariable(name, '');
    if (copiesDir) {
      const files = await writeEndpointCopies(copiesDir, endpointCopies(texts, plan.profiles, lineFor(url)));
      wf.exportVariable('AWS_SHARED_CREDENTIALS_FILE', files.credentialsFile);
      wf.exportVariable('AWS_CONFIG_FILE', files.configFile);
    }
    if (plan.sources.length) wf.notice(`${SHADOWED}: ${plan.sources.join('; ')}. ${copiesDir ? COPIES_MADE : ''}`);
    if (delivery.env) exportEndpointEnvironment(wf, { url, tokenFile }, config.region);
    if (delivery.env) clearStaleS3Endpoint(wf, session, env);
    wf.info(
      `Credentials endpoint at ${url} (pid ${pid}) refreshes the credentials before they expire; log: ${logFile}`,
    );
    return { credentialProcess: credentialProcess && lineFor(url) };
  } catch (err) {
    child.kill('SIGKILL');
    const log = safeRead(logFile);
    rmSync(tokenFile, { force: true });
    rmSync(logFile, { force: true });
    rmSync(join(dir, `aslc-endpoint-${id}`), { recursive: true, force: true });
    for (const line of log.split('\n').filter(Boolean).slice(-20)) wf.info(line);
    throw new AwsError('credentials endpoint', 'NotStarted', (err as Error).message, ENDPOINT_NOT_STARTED, false);
  } finally {
    // The step ends now: it keeps no pipe or handle on the endpoint, and the endpoint none of the step's.
    child.stdout?.destroy();
    child.stdin?.destroy();
    child.unref();
  }
}

function readyLine(child: ChildProcess): Promise<{ port: number; pid: number }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS);
    child.stdout!.on('data', (d: Buffer) => {
      text += d.toString();
      const line = text.split('\n')[0]!;
      if (!text.includes('\n')) return;
      clearTimeout(timer);
      try {
        const doc = JSON.parse(line) as { port?: unknown; pid?: unknown };
        if (Number.isInteger(doc.port) && Number.isInteger(doc.pid))
          resolve({ port: doc.port as number, pid: doc.pid as number });
        else reject(new Error('it reported no port'));
      } catch {
        reject(new Error('it reported no port'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`it exited with code ${code}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** The state as far as it names only what the main step could have made; otherwise undefined. */
export function parseEndpointState(raw: string, platform: Platform = process.platform): EndpointState | undefined {
  const { basename, isAbsolute, normalize } = platformTraits(platform).path;
  let doc: Partial<EndpointState>;
  try {
    doc = JSON.parse(raw) as Partial<EndpointState>;
  } catch {
    return undefined;
  }
  // Each path is ours: absolute, normal, our name with its own ending, and all three of one id in one directory.
  const stem = typeof doc.tokenFile === 'string' ? doc.tokenFile.slice(0, -'.token'.length) : '';
  const file = (key: keyof typeof ENDING) => {
    const p = doc[key];
    return (
      typeof p === 'string' &&
      isAbsolute(p) &&
      normalize(p) === p &&
      FILE_NAME.test(basename(p)) &&
      p === stem + ENDING[key]
    );
  };
  if (!Number.isInteger(doc.pid) || (doc.pid ?? 0) <= 1) return undefined;
  if (typeof doc.url !== 'string' || !ENDPOINT_URL.test(doc.url)) return undefined;
  if (!file('tokenFile') || !file('logFile') || (doc.copiesDir !== undefined && !file('copiesDir'))) return undefined;
  if (doc.startTime !== undefined && (typeof doc.startTime !== 'string' || !/^\d{1,20}$/.test(doc.startTime)))
    return undefined;
  return doc as EndpointState;
}

/**
 * Post step: ask the endpoint to stop (the token only to a process that proves it holds it), end its process if that
 * did not (only the very process the main step started: same user, same start time), and remove its files whatever
 * failed. Every problem is a warning: clean-up never fails the job.
 */
export async function stopJobEndpoint(wf: WorkflowCommands, platform: Platform = process.platform): Promise<void> {
  const raw = wf.getState(ENDPOINT_STATE);
  if (!raw) return;
  const state = parseEndpointState(raw);
  if (!state) {
    wf.warning('Post step: the saved credentials endpoint state was not used (malformed); nothing was stopped');
    return;
  }
  const port = Number(new URL(state.url).port);
  try {
    await askToStop(wf, state, port);
    const ours = () => isOurEndpoint(state, platform);
    const gone = async () => !(await listening(port)) && !ours();
    const stopped = await waitUntil(gone, 5_000);
    if (!stopped && platformTraits(platform).processTable === 'none') {
      wf.warning(`Post step: the credentials endpoint (pid ${state.pid}) ${NOT_ENDED_BY_PID(platform)}`);
    } else if (!stopped && ours()) {
      try {
        process.kill(state.pid, 'SIGKILL');
        await waitUntil(async () => !ours(), 2_000);
      } catch (err) {
        wf.warning(`Post step: could not end the credentials endpoint (pid ${state.pid}): ${(err as Error).message}`);
      }
    }
    const log = safeRead(state.logFile);
    for (const line of log.split('\n').filter(Boolean).slice(-20)) wf.info(line);
  } finally {
    for (const file of [state.tokenFile, state.logFile, ...(state.copiesDir ? [state.copiesDir] : [])]) {
      try {
        rmSync(file, { force: true, recursive: true });
      } catch (err) {
        wf.warning(`Post step: could not remove ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
  }
  if (await listening(port)) wf.warning(`Post step: port ${port} is still open, held by ${STILL_OPEN}`);
  else wf.info(`Credentials endpoint stopped; port ${port} is closed`);
}

/** The DELETE with the token, sent only once the process on the port has signed a reply with that token. */
async function askToStop(wf: WorkflowCommands, state: EndpointState, port: number): Promise<void> {
  const token = safeRead(state.tokenFile);
  if (!token) return wf.warning(`Post step: the endpoint's token file ${state.tokenFile} is gone or unreadable`);
  const probe = await endpointRequest(state.url, token, { authorize: false }).catch(() => undefined);
  if (!probe) return; // Nothing listens: the endpoint has already ended.
  if (!probe.proven) return wf.warning(`Post step: the process on port ${port} ${NOT_PROVEN}`);
  await endpointRequest(state.url, token, { method: 'DELETE' }).catch(() => undefined);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

type ReadText = (path: string) => string;
const readText: ReadText = (path) => readFileSync(path, 'utf8');

/**
 * A live process's start time, owner and whether it is a `serve --handover`, from /proc; undefined if none, and always
 * undefined where there is no /proc to read (Windows, macOS): nothing there proves a pid is still the same process.
 */
function processEntry(
  pid: number,
  platform: Platform,
  read: ReadText = readText,
): { startTime: string; uid: number; serve: boolean } | undefined {
  if (platformTraits(platform).processTable !== 'procfs') return undefined;
  try {
    const stat = read(`/proc/${pid}/stat`);
    // The fields after the command name (which may hold spaces and parentheses): state is field 3, starttime 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    const uid = Number(/^Uid:\s+(\d+)/m.exec(read(`/proc/${pid}/status`))?.[1]);
    const cmdline = read(`/proc/${pid}/cmdline`).split('\0');
    return { startTime: fields[19] ?? '', uid, serve: cmdline.includes('serve') && cmdline.includes('--handover') };
  } catch {
    return undefined;
  }
}

/**
 * True while the process the main step started lives: same pid, start time and user, still `serve --handover`. Never
 * true where the process table is not read: a pid alone may name another process by now, so it is never signalled.
 */
export function isOurEndpoint(
  state: Pick<EndpointState, 'pid' | 'startTime'>,
  platform: Platform,
  read: ReadText = readText,
  uid: number | undefined = process.getuid?.(),
): boolean {
  const entry = processEntry(state.pid, platform, read);
  return (
    entry !== undefined &&
    state.startTime !== undefined &&
    entry.startTime === state.startTime &&
    entry.uid === uid &&
    entry.serve
  );
}
