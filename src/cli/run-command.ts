/** The CLI's commands over the shared core: config from flags/env/auth file, a provider, then one kind of output. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildConfig } from '../config/action-inputs.js';
import type { Config } from '../config/model.js';
import { parseInteger } from '../config/values.js';
import type { Session } from '../credentials.js';
import { InputError } from '../errors.js';
import type { ProviderContext } from '../providers/context.js';
import { cachedSession, identityProof } from './cache.js';
import { credentialProcessJson, ENV_FORMATS, environmentFor, formatEnvironment, type EnvFormat } from './formats.js';
import { secretSettings, settingsReader } from './settings.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './args.js';
import { ENDPOINT_URL_FLAG } from '../delivery/endpoint-process.js';
import { cachedIdToken, LOGIN_TOKEN_VARIABLE, loadIdToken, saveIdToken } from './login-session.js';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Registers a secret: stderr never shows it (nothing masks what the CLI prints). main.ts always gives it. */
  secret?: (value: string) => void;
}

/** Default: refresh cached credentials with less than 15 minutes left, before the AWS CLI would itself refresh. */
const DEFAULT_REFRESH_MARGIN_S = 900;

export async function loadSettings(
  args: ParsedArgs,
  io: CliIo,
  known: ReadonlySet<string>,
): Promise<{ get: (name: string) => string; config: Config }> {
  const authPath = args.flags.get('auth') ?? io.env['ASLC_AUTH'];
  let authFile: Map<string, string> | undefined;
  if (authPath) {
    const full = resolve(authPath);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (err) {
      throw new InputError(
        'auth',
        `cannot read ${full} (${(err as NodeJS.ErrnoException).code ?? 'error'})`,
        'Point --auth at the auth.yaml that bootstrap wrote',
      );
    }
    const { parseAuthFile } = await import('../config/auth-file.js');
    authFile = parseAuthFile(text, full, dirname(full), known);
    for (const value of secretSettings(new Map(), io.env, authFile)) io.secret?.(value);
  }
  const base = settingsReader(args.flags, io.env, authFile);
  const usesLogin =
    base('issuer') !== '' && base('web-identity-token-file') === '' && base('web-identity-token-env') === '';
  const get = usesLogin
    ? (name: string) => (name === 'web-identity-token-env' ? LOGIN_TOKEN_VARIABLE : base(name))
    : base;
  const config = buildConfig(get, io.env, new Date(), homedir());
  for (const warning of config.warnings) io.stderr(`aws-short-lived-credentials: warning: ${warning}\n`);
  if (usesLogin && config.source.mode === 'oidc') {
    // The login's issuer and client are part of the identity: they key the cache like any other source setting.
    config.source.login = { issuer: base('issuer'), clientId: requireFlag(base, 'client-id') };
  }
  return { get, config };
}

function requireFlag(get: (name: string) => string, name: string): string {
  const value = get(name);
  if (!value)
    throw new InputError(
      name,
      'is required with --issuer',
      `Pass --${name}, the OAuth client id registered for this CLI at the identity provider`,
    );
  return value;
}

function cacheDir(get: (name: string) => string, io: CliIo): string {
  return get('cache-dir') || join(io.env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'aws-short-lived-credentials');
}

/** The environment a provider sees: with the cached login's id-token when the source is a login. */
function providerEnv(config: Config, get: (name: string) => string, io: CliIo): Record<string, string | undefined> {
  if (config.source.mode !== 'oidc' || !config.source.login) return io.env;
  return { ...io.env, [LOGIN_TOKEN_VARIABLE]: loadIdToken(cacheDir(get, io), config.source.login, new Date()) };
}

async function context(
  config: Config,
  io: CliIo,
  verbose: boolean,
  env: Record<string, string | undefined>,
): Promise<ProviderContext> {
  // Loaded only when an exchange happens: a cache hit needs no transport, SDK or certificate code.
  const { createProviderContext } = await import('../providers/context.js');
  return createProviderContext({
    env,
    retry: config.retry,
    httpProxy: config.httpProxy,
    stsEndpoint: config.stsEndpoint,
    noProxy: config.noProxy,
    // What a provider would mask in a job log is kept off the CLI's stderr.
    mask: (value) => io.secret?.(value),
    debug: (message) => {
      if (verbose) io.stderr(`debug: ${message}\n`);
    },
  });
}

/** The identity proof for the cache key; a login's is its cached id-token, read even when expired. */
function proofOf(config: Config, get: (name: string) => string, io: CliIo): string[] | undefined {
  let env = io.env;
  if (config.source.mode === 'oidc' && config.source.login) {
    const token = cachedIdToken(cacheDir(get, io), config.source.login);
    if (!token) return undefined;
    env = { ...io.env, [LOGIN_TOKEN_VARIABLE]: token };
  }
  return identityProof(config, env, (path) => readFileSync(path));
}

/** One exchange for the configured source, with the CLI's context (its login's id-token, its redaction). */
export async function session(config: Config, io: CliIo, get: (name: string) => string): Promise<Session> {
  const env = providerEnv(config, get, io);
  // use-existing-credentials means "leave the job's credentials as they are", which a CLI printing credentials cannot do.
  const guarded = { ...config, guards: { ...config.guards, useExistingCredentials: false } };
  const { obtainGuardedSession } = await import('../providers/guarded-session.js');
  const outcome = await obtainGuardedSession(guarded, await context(config, io, get('verbose') === 'true', env));
  if (!('final' in outcome)) throw new Error('unreachable: use-existing-credentials is off');
  return outcome.final;
}

export async function credentialProcess(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  // A profile written with refresh-credentials: the answer comes from the job's endpoint, not an exchange.
  if (args.flags.has(ENDPOINT_URL_FLAG))
    return (await import('./endpoint-credential-process.js')).endpointCredentialProcess(args.flags, io);
  const { get, config } = await loadSettings(args, io, known);
  const verbose = get('verbose') === 'true';
  const obtain = () => session(config, io, get);
  const result =
    get('no-cache') === 'true'
      ? await obtain()
      : await cachedSession(
          config,
          {
            dir: cacheDir(get, io),
            marginMs:
              1000 *
              (get('refresh-margin-s')
                ? parseInteger(get('refresh-margin-s'), 'refresh-margin-s', 0, 43200, 'seconds')
                : DEFAULT_REFRESH_MARGIN_S),
            now: () => new Date(),
            proof: proofOf(config, get, io),
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
  const { get, config } = await loadSettings(args, io, known);
  const format = (get('format') || 'sh') as EnvFormat;
  if (!ENV_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${ENV_FORMATS.join(', ')}`);
  const result = await session(config, io, get);
  io.stdout(formatEnvironment(environmentFor(result, config.region), format));
  return 0;
}

export async function execCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  if (args.rest.length === 0)
    throw new UsageError('exec needs a command after --, e.g. exec --auth auth.yaml -- aws s3 ls');
  const { get, config } = await loadSettings(args, io, known);
  const result = await session(config, io, get);
  const env: Record<string, string | undefined> = { ...io.env };
  // A profile in the environment would make SDKs skip the credentials we hand over.
  delete env['AWS_PROFILE'];
  delete env['AWS_DEFAULT_PROFILE'];
  for (const [k, v] of environmentFor(result, config.region)) env[k] = v;
  return runChild(args.rest, env, io);
}

/** Runs `argv` with `env` on this terminal; its exit code (127 if it cannot start, 128 + n for signal n) comes back. */
export async function runChild(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const [command, ...rest] = argv as [string, ...string[]];
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

/** `login`: sign in at the identity provider in a browser, cache the id-token, exchange it, cache the credentials. */
export async function loginCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  const { get, config } = await loadSettings(args, io, known);
  if (config.source.mode !== 'oidc' || !config.source.login) {
    throw new InputError(
      'issuer',
      'is required for login',
      'Pass --issuer https://your-idp.example.com and --client-id <id>',
    );
  }
  const identity = config.source.login;
  const { login } = await import('./login/login.js');
  const port = get('port') ? parseInteger(get('port'), 'port', 1, 65535, 'port number') : undefined;
  const result = await login({
    issuer: identity.issuer,
    clientId: identity.clientId,
    ...(get('client-secret') ? { clientSecret: get('client-secret') } : {}),
    ...(port ? { port } : {}),
    openBrowser: get('no-browser') !== 'true',
    timeoutMs: 5 * 60_000,
    print: (line) => io.stderr(line + '\n'),
    env: io.env,
    ...(config.httpProxy ? { httpProxy: config.httpProxy } : {}),
  });
  const dir = cacheDir(get, io);
  saveIdToken(dir, identity, result.idToken, result.expiresAt);
  const obtained = await cachedSession(
    config,
    { dir, marginMs: 0, now: () => new Date(), debug: () => undefined, proof: proofOf(config, get, io) },
    () => session(config, io, get),
  );
  io.stderr(
    `Signed in as ${String(result.claims['sub'])} at ${identity.issuer}; credentials for ${obtained.assumedRoleArn ?? config.source.roleArn} until ${obtained.credentials.expiration?.toISOString() ?? 'unknown'}\n`,
  );
  return 0;
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}
