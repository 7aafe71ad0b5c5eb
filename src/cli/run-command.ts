/** The CLI's commands over the shared core: config from flags/env/auth file, a provider, then one kind of output. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildConfig } from '../config/action-inputs.js';
import type { Config } from '../config/model.js';
import { parseInteger } from '../config/values.js';
import type { Session } from '../credentials.js';
import { InputError } from '../errors.js';
import { obtainSession } from '../providers/index.js';
import type { ProviderContext } from '../providers/context.js';
import { systemClock } from '../retry.js';
import { proxyFor } from '../http/proxy.js';
import { parseAuthFile } from './auth-file.js';
import { cachedSession } from './cache.js';
import { credentialProcessJson, ENV_FORMATS, environmentFor, formatEnvironment, type EnvFormat } from './formats.js';
import { settingsReader } from './settings.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './args.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** Default: refresh cached credentials with less than 15 minutes left, before the AWS CLI would itself refresh. */
const DEFAULT_REFRESH_MARGIN_S = 900;

export function loadSettings(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): { get: (name: string) => string; config: Config } {
  const authPath = args.flags.get('auth') ?? io.env['ASLC_AUTH'];
  let authFile: Map<string, string> | undefined;
  if (authPath) {
    const full = resolve(authPath);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (err) {
      throw new InputError('auth', `cannot read ${full} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, 'Point --auth at the auth.yaml that bootstrap wrote');
    }
    authFile = parseAuthFile(text, full, dirname(full), known);
  }
  const get = settingsReader(args.flags, io.env, authFile);
  return { get, config: buildConfig(get, io.env, new Date(), homedir()) };
}

function context(config: Config, io: CliIo, verbose: boolean): ProviderContext {
  return {
    env: io.env,
    clock: systemClock,
    deadline: Date.now() + config.retry.timeoutMs,
    maxAttempts: config.retry.maxAttempts,
    // Nothing the CLI prints can be masked; secrets simply never reach a printed line.
    mask: () => undefined,
    debug: (message) => {
      if (verbose) io.stderr(`debug: ${message}\n`);
    },
    readFile: (path) => readFileSync(path),
    proxyFor: (url) => proxyFor(new URL(url), io.env, config.httpProxy),
  };
}

async function session(config: Config, io: CliIo, verbose: boolean): Promise<Session> {
  return (await obtainSession(config, context(config, io, verbose))).final;
}

export async function credentialProcess(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  const { get, config } = loadSettings(args, io, known);
  const verbose = get('verbose') === 'true';
  const obtain = () => session(config, io, verbose);
  const result = get('no-cache') === 'true'
    ? await obtain()
    : await cachedSession(
        config,
        {
          dir: get('cache-dir') || join(io.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'aws-short-lived-credentials'),
          marginMs: 1000 * (get('refresh-margin-s') ? parseInteger(get('refresh-margin-s'), 'refresh-margin-s', 0, 43200, 'seconds') : DEFAULT_REFRESH_MARGIN_S),
          now: () => new Date(),
          debug: (m) => {
            if (verbose) io.stderr(`debug: ${m}\n`);
          },
        },
        obtain,
      );
  io.stdout(credentialProcessJson(result) + '\n');
  return 0;
}

export async function envCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  const { get, config } = loadSettings(args, io, known);
  const format = (get('format') || 'sh') as EnvFormat;
  if (!ENV_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${ENV_FORMATS.join(', ')}`);
  const result = await session(config, io, get('verbose') === 'true');
  io.stdout(formatEnvironment(environmentFor(result, config.region), format));
  return 0;
}

export async function execCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  if (args.rest.length === 0) throw new UsageError('exec needs a command after --, e.g. exec --auth auth.yaml -- aws s3 ls');
  const { get, config } = loadSettings(args, io, known);
  const result = await session(config, io, get('verbose') === 'true');
  const env: Record<string, string | undefined> = { ...io.env };
  // A profile in the environment would make SDKs skip the credentials we hand over.
  delete env['AWS_PROFILE'];
  delete env['AWS_DEFAULT_PROFILE'];
  for (const [k, v] of environmentFor(result, config.region)) env[k] = v;
  const [command, ...rest] = args.rest as [string, ...string[]];
  // Loaded here: credential-process, the command the AWS CLI runs on every call, never needs it.
  const { spawn } = await import('node:child_process');
  return new Promise<number>((resolveExit) => {
    const child = spawn(command, rest, { env: env as NodeJS.ProcessEnv, stdio: 'inherit' });
    child.on('error', (err: NodeJS.ErrnoException) => {
      io.stderr(`aws-short-lived-credentials: cannot run '${command}': ${err.code ?? err.message}\n`);
      resolveExit(127);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}
