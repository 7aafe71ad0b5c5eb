/**
 * The credential cache behind `credential-process`: one file per configuration (mode 0600, in a 0700 directory the
 * user owns), refreshed when less than a margin is left, and a lock so that many processes started at once cause one
 * exchange. A corrupt, foreign-owned or loosely permissioned entry is ignored, never trusted.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/model.js';
import type { Session } from '../credentials.js';
import { acquireLock } from '../delivery/file-lock.js';
import { writeAtomically } from '../delivery/profile-file.js';
import { isPrivateDirectory, isPrivateFile } from './private-file.js';

const ENTRY_VERSION = 1;

/** What identifies a configuration: everything that changes the credentials, with the passphrase left out. */
export function cacheKey(config: Config): string {
  const source = { ...config.source, passphrase: undefined };
  const identity = JSON.stringify({ v: ENTRY_VERSION, region: config.region, source, session: config.session, chain: config.chainRoleArn ?? null });
  return createHash('sha256').update(identity).digest('hex').slice(0, 40);
}

export function serialiseEntry(session: Session): string {
  const c = session.credentials;
  return JSON.stringify({ version: ENTRY_VERSION, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration?.toISOString(), assumedRoleArn: session.assumedRoleArn });
}

/** The session in an entry's text if it is well-formed and fresh for at least `marginMs` more; else undefined. */
export function parseEntry(text: string, now: Date, marginMs: number): Session | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (doc['version'] !== ENTRY_VERSION) return undefined;
  const { accessKeyId, secretAccessKey, sessionToken, expiration, assumedRoleArn } = doc;
  if (typeof accessKeyId !== 'string' || typeof secretAccessKey !== 'string' || typeof expiration !== 'string') return undefined;
  const expires = new Date(expiration);
  if (Number.isNaN(expires.getTime()) || expires.getTime() - now.getTime() < marginMs) return undefined;
  const session: Session = { credentials: { accessKeyId, secretAccessKey, expiration: expires } };
  if (typeof sessionToken === 'string') session.credentials.sessionToken = sessionToken;
  if (typeof assumedRoleArn === 'string') session.assumedRoleArn = assumedRoleArn;
  return session;
}

export interface CacheOptions {
  dir: string;
  marginMs: number;
  now: () => Date;
  debug: (message: string) => void;
}

/** Returns a fresh cached session, or runs `obtain` under the entry's lock and caches what it returns. */
export async function cachedSession(config: Config, options: CacheOptions, obtain: () => Promise<Session>): Promise<Session> {
  if (!prepareDirectory(options.dir, options.debug)) return obtain();
  const path = join(options.dir, `${cacheKey(config)}.json`);
  const hit = readEntry(path, options);
  if (hit) return hit;
  const release = await acquireLock(path, 'cache-dir');
  try {
    // Another process may have refreshed the entry while we waited for the lock.
    const refreshed = readEntry(path, options);
    if (refreshed) return refreshed;
    const session = await obtain();
    if (session.credentials.expiration) writeAtomically(path, serialiseEntry(session), 'cache-dir');
    return session;
  } finally {
    release();
  }
}

function readEntry(path: string, options: CacheOptions): Session | undefined {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return undefined;
  }
  if (!isPrivateFile(stat)) {
    options.debug(`cache entry ${path} is not a private file of this user; ignored`);
    return undefined;
  }
  const session = parseEntry(readFileSync(path, 'utf8'), options.now(), options.marginMs);
  if (!session) options.debug('cache entry missing, expiring or unreadable; refreshing');
  return session;
}

/** Creates the directory 0700; refuses one that another user owns or others can write. */
function prepareDirectory(dir: string, debug: (message: string) => void): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!isPrivateDirectory(stat)) {
      debug(`cache directory ${dir} is not private to this user; not caching`);
      return false;
    }
    return true;
  } catch {
    debug(`cache directory ${dir} cannot be created; not caching`);
    return false;
  }
}
