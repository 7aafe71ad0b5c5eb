/**
 * The credential cache behind `credential-process`: one file per identity and configuration (mode 0600, in a 0700
 * directory the user owns; on Windows, inside the user's own %LOCALAPPDATA%: see private-file.ts), refreshed when less than a margin is left, and a lock so that many processes started at
 * once cause one exchange. A corrupt, foreign-owned or loosely permissioned entry is ignored, never trusted; expired
 * entries are removed.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/model.js';
import type { Session } from '../credentials.js';
import type { CachePrivacy } from './private-file.js';

/** 2: keys carry a proof of identity and leave a defaulted session name out (version 1 entries are never read). */
const ENTRY_VERSION = 2;
const ENTRY_NAME = /^[0-9a-f]{40}\.json$/;

function sha256(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * What proves the identity the credentials belong to, as digests: the token, the certificate and key, the base
 * credentials. Two configurations that differ only in who they are never share an entry. Undefined when the proof
 * cannot be read (the exchange will then say why). `readFile` and `env` are passed in so this stays testable.
 */
export function identityProof(
  config: Config,
  env: Record<string, string | undefined>,
  readFile: (path: string) => Buffer,
): string[] | undefined {
  const source = config.source;
  const content = (value: string): string | undefined => {
    // Inline PEM or base64 is its own content; anything else is a path, read as the provider will read it.
    if (value.includes('-----BEGIN')) return sha256(value.trim());
    try {
      return sha256(readFile(value));
    } catch {
      return /^[A-Za-z0-9+/=\s]{64,}$/.test(value) ? sha256(value.replace(/\s/g, '')) : undefined;
    }
  };
  const all = (values: Array<string | undefined>): string[] | undefined =>
    values.every((v) => v !== undefined) ? (values as string[]) : undefined;
  // Every certificate mode is proved by its certificate, key and chain, whichever mode it is.
  if ('certificate' in source) {
    const chain = 'certificateChain' in source ? source.certificateChain : undefined;
    return all([
      content(source.certificate),
      source.privateKey ? content(source.privateKey) : '',
      chain ? content(chain) : '',
    ])?.map((digest, i) => `${['certificate', 'private-key', 'certificate-chain'][i]}:${digest}`);
  }
  switch (source.mode) {
    case 'oidc': {
      if (source.login) return source.idToken ? [`token:${sha256(source.idToken)}`] : undefined;
      if (source.tokenFile) {
        try {
          return [`token:${sha256(readFile(source.tokenFile).toString('utf8').trim())}`];
        } catch {
          return undefined;
        }
      }
      if (source.tokenEnv) {
        const token = env[source.tokenEnv]?.trim();
        return token ? [`token:${sha256(token)}`] : undefined;
      }
      const bearer = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
      return bearer ? [`runner:${sha256(bearer)}`, `url:${env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? ''}`] : undefined;
    }
    case 'role-chaining': {
      const id = env['AWS_ACCESS_KEY_ID'];
      const secret = env['AWS_SECRET_ACCESS_KEY'];
      return id && secret
        ? [`access-key-id:${id}`, `secret:${sha256(secret)}`, `session-token:${sha256(env['AWS_SESSION_TOKEN'] ?? '')}`]
        : undefined;
    }
  }
}

/**
 * The entry's name: the identity proof and everything that changes the credentials. Left out: the passphrase (it
 * only opens the key, which the proof covers) and a session name the user did not choose (it is made from the clock,
 * and would give every call its own entry). Pure.
 */
export function cacheKey(config: Config, proof: readonly string[]): string {
  // The proof covers what these hold (the token, the runner's bearer); the key stays what it was before they were read.
  const source = {
    ...config.source,
    passphrase: undefined,
    idToken: undefined,
    tokenEnvValue: undefined,
    runnerRequest: undefined,
  };
  const session = {
    ...config.session,
    sessionName: config.session.sessionNameGiven ? config.session.sessionName : undefined,
  };
  const identity = JSON.stringify({
    v: ENTRY_VERSION,
    region: config.region,
    source,
    session,
    chain: config.chainRoleArn ?? null,
    proof,
  });
  return sha256(identity).slice(0, 40);
}

export function serialiseEntry(session: Session): string {
  const c = session.credentials;
  return JSON.stringify({
    version: ENTRY_VERSION,
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration?.toISOString(),
    assumedRoleArn: session.assumedRoleArn,
  });
}

/** The session in an entry's text if it is well-formed and fresh for at least `marginMs` more; else undefined. Pure. */
export function parseEntry(text: string, now: Date, marginMs: number): Session | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const { version, accessKeyId, secretAccessKey, sessionToken, expiration, assumedRoleArn } = doc as Record<
    string,
    unknown
  >;
  if (version !== ENTRY_VERSION) return undefined;
  if (
    typeof accessKeyId !== 'string' ||
    !accessKeyId ||
    typeof secretAccessKey !== 'string' ||
    !secretAccessKey ||
    typeof expiration !== 'string'
  )
    return undefined;
  const expires = new Date(expiration);
  if (Number.isNaN(expires.getTime()) || expires.getTime() - now.getTime() < marginMs) return undefined;
  const session: Session = { credentials: { accessKeyId, secretAccessKey, expiration: expires } };
  if (typeof sessionToken === 'string') session.credentials.sessionToken = sessionToken;
  if (typeof assumedRoleArn === 'string') session.assumedRoleArn = assumedRoleArn;
  return session;
}

/** True when an entry's text is of no further use: unreadable, of another version, or past its expiration. Pure. */
function isSpentEntry(text: string, now: Date): boolean {
  return parseEntry(text, now, 0) === undefined;
}

export interface CacheOptions {
  dir: string;
  /** How entries and the directory are proved private on this platform. */
  privacy: CachePrivacy;
  marginMs: number;
  now: () => Date;
  debug: (message: string) => void;
  /** The identity proof (identityProof); undefined: the identity cannot be established, so nothing is cached. */
  proof: readonly string[] | undefined;
}

/** Returns a fresh cached session, or runs `obtain` under the entry's lock and caches what it returns. */
export async function cachedSession(
  config: Config,
  options: CacheOptions,
  obtain: () => Promise<Session>,
): Promise<Session> {
  if (!options.proof) {
    options.debug('the identity behind this configuration cannot be read; not caching');
    return obtain();
  }
  if (!prepareDirectory(options)) return obtain();
  const path = join(options.dir, `${cacheKey(config, options.proof)}.json`);
  const hit = readEntry(path, options);
  if (hit) return hit;
  // Only a miss loads the lock and the writer: a hit is a read, and every `aws` command pays for what it loads.
  const [{ acquireLock }, { writeAtomically }] = await Promise.all([
    import('../delivery/file-lock.js'),
    import('../delivery/profile-file.js'),
  ]);
  const release = await acquireLock(path, 'cache-dir');
  try {
    // Another process may have refreshed the entry while we waited for the lock.
    const refreshed = readEntry(path, options);
    if (refreshed) return refreshed;
    const session = await obtain();
    if (session.credentials.expiration) writeAtomically(path, serialiseEntry(session), 'cache-dir');
    pruneSpentEntries(options.dir, options.now(), path);
    return session;
  } finally {
    release();
  }
}

/**
 * Removes entries that can never be used again, so the directory does not grow by one file per expired session.
 * Best effort: a file another process renames in meanwhile costs at most one more exchange.
 */
function pruneSpentEntries(dir: string, now: Date, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (!ENTRY_NAME.test(name) || path === keep) continue;
    try {
      if (!lstatSync(path).isFile()) continue;
      if (isSpentEntry(readFileSync(path, 'utf8'), now)) rmSync(path, { force: true });
    } catch {
      // Unreadable or gone: not ours to worry about.
    }
  }
}

function readEntry(path: string, options: CacheOptions): Session | undefined {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (!options.privacy.file(path, stat)) {
    options.debug(`cache entry ${path} is not a private file of this user; ignored`);
    return undefined;
  }
  const session = parseEntry(readFileSync(path, 'utf8'), options.now(), options.marginMs);
  if (!session) options.debug('cache entry missing, expiring or unreadable; refreshing');
  return session;
}

/** Creates the directory 0700; refuses one the platform's privacy rule does not prove this user's alone. */
function prepareDirectory({ dir, privacy, debug }: CacheOptions): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!privacy.directory(dir, stat)) {
      debug(`cache directory ${dir} is not private to this user by ${privacy.how}; not caching`);
      return false;
    }
    debug(`cache directory ${dir}: privacy checked by ${privacy.how}`);
    return true;
  } catch {
    debug(`cache directory ${dir} cannot be created; not caching`);
    return false;
  }
}
