/**
 * What every CLI command shares before its own output: the settings (flags, environment, --auth file) read into the
 * one validated config, and the one exchange run with the CLI's hooks (its redactor, its debug lines, a login's
 * cached id-token). No delivery rule of the action applies here: the CLI writes no profile and exports nothing.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { buildConfig } from '../config/build-config.js';
import type { Config } from '../config/model.js';
import type { Env } from '../config/sources/inputs.js';
import type { Session } from '../credentials.js';
import type { ExchangeHooks } from '../providers/exchange.js';
import { InputError } from '../errors.js';
import { platformTraits, cacheHome, type Platform } from '../platform.js';
import { identityProof } from './cache.js';
import { cachePrivacy, type CachePrivacy } from './private-file.js';
import { cachedIdToken, loadIdToken } from './login-session.js';
import { secretSettings, settingsReader } from './settings.js';
import { readText } from './read-text.js';
import type { ParsedArgs } from './args.js';

export interface CliIo {
  env: Env;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Registers a secret: stderr never shows it (nothing masks what the CLI prints). main.ts always gives it. */
  secret?: (value: string) => void;
  /** The operating system whose rules apply (the cache's place and privacy check); main.ts gives process.platform. */
  platform?: Platform;
}

export interface Settings {
  get: (name: string) => string;
  config: Config;
}

export async function loadSettings(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<Settings> {
  const authPath = args.flags.get('auth') ?? io.env['ASLC_AUTH'];
  let authFile: Map<string, string> | undefined;
  if (authPath) {
    const full = resolve(authPath);
    const text = readText(
      full,
      (code) =>
        new InputError('auth', `cannot read ${full} (${code})`, 'Point --auth at the auth.yaml that bootstrap wrote'),
    );
    const { parseAuthFile } = await import('../config/auth-file.js');
    authFile = parseAuthFile(text, full, dirname(full), known);
    for (const value of secretSettings(new Map(), io.env, authFile)) io.secret?.(value);
  }
  const get = settingsReader(args.flags, io.env, authFile);
  const usesLogin =
    get('issuer') !== '' && get('web-identity-token-file') === '' && get('web-identity-token-env') === '';
  const config = buildConfig(get, io.env, new Date(), homedir());
  for (const warning of config.warnings) io.stderr(`aws-short-lived-credentials: warning: ${warning}\n`);
  if (usesLogin && config.source.mode === 'oidc') {
    // The login's issuer and client are part of the identity: they key the cache like any other source setting.
    config.source.login = { issuer: get('issuer'), clientId: requireFlag(get, 'client-id') };
  }
  return { get, config };
}

function requireFlag(get: (name: string) => string, name: string): string {
  const value = get(name);
  if (!value) {
    throw new InputError(
      name,
      'is required with --issuer',
      `Pass --${name}, the OAuth client id registered for this CLI at the identity provider`,
    );
  }
  return value;
}

export interface CacheLocation {
  dir: string;
  privacy: CachePrivacy;
}

/** --cache-dir or the platform's default place, with the rule that proves its files private there. */
export function cacheLocation(get: (name: string) => string, io: Pick<CliIo, 'env' | 'platform'>): CacheLocation {
  const platform = io.platform ?? process.platform;
  const home = cacheHome(platform, io.env, homedir());
  const given = get('cache-dir');
  return {
    dir: given ? platformTraits(platform).path.resolve(given) : home.dir,
    privacy: cachePrivacy(platform, home.root),
  };
}

/** The identity proof for the cache key; a login's is its cached id-token, read even when expired. */
export function proofOf({ get, config }: Settings, io: Pick<CliIo, 'env' | 'platform'>): string[] | undefined {
  const source = config.source;
  if (source.mode === 'oidc' && source.login) {
    const idToken = cachedIdToken(cacheLocation(get, io), source.login);
    if (!idToken) return undefined;
    config = { ...config, source: { ...source, idToken } };
  }
  return identityProof(config, io.env, (path) => readFileSync(path));
}

/** The config with a login's cached id-token resolved into its source (a login that is not valid now throws). */
export function withLoginIdToken({ get, config }: Settings, io: Pick<CliIo, 'env' | 'platform'>): Config {
  const source = config.source;
  if (source.mode !== 'oidc' || !source.login) return config;
  const idToken = loadIdToken(cacheLocation(get, io), source.login, new Date());
  return { ...config, source: { ...source, idToken } };
}

/** The CLI's hooks for the exchange and the token sources: secrets kept off stderr, debug lines with --verbose. */
export function cliHooks(get: (name: string) => string, io: CliIo): ExchangeHooks {
  const verbose = get('verbose') === 'true';
  return {
    mask: (value) => io.secret?.(value),
    debug: (message) => {
      if (verbose) io.stderr(`debug: ${message}\n`);
    },
    warn: (message) => io.stderr(`aws-short-lived-credentials: warning: ${message}\n`),
  };
}

/** The one exchange with the CLI's hooks: a login's cached id-token resolved first, secrets kept off stderr. */
export async function obtain(settings: Settings, io: CliIo): Promise<Session> {
  const config = withLoginIdToken(settings, io);
  // Loaded only when an exchange happens: a cache hit needs no transport, SDK or certificate code.
  const { exchangeAnew } = await import('../providers/exchange.js');
  return exchangeAnew(config, cliHooks(settings.get, io));
}
