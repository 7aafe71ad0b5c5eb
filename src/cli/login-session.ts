/**
 * `login` and the commands that use its result: the id-token from an interactive sign-in is cached (mode 0600, like
 * credentials) per issuer and client, and later commands exchange it without printing it. A command that finds no
 * valid login says how to sign in; it never starts a browser on its own (the AWS CLI would hang waiting for it).
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeAtomically } from '../delivery/profile-file.js';
import type { CachePrivacy } from './private-file.js';
import { signInAgain } from './login/advice.js';

export interface LoginIdentity {
  issuer: string;
  clientId: string;
}

function tokenPath(cacheDir: string, identity: LoginIdentity): string {
  const key = createHash('sha256')
    .update(JSON.stringify([identity.issuer, identity.clientId]))
    .digest('hex')
    .slice(0, 40);
  return join(cacheDir, `${key}.id-token.json`);
}

export function saveIdToken(cacheDir: string, identity: LoginIdentity, idToken: string, expiresAt: Date): void {
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  writeAtomically(
    tokenPath(cacheDir, identity),
    JSON.stringify({ version: 1, ...identity, idToken, expiresAt: expiresAt.toISOString() }),
    'cache-dir',
  );
}

/** The cached id-token whatever its expiry (it names the login's identity in the cache's key), if private. */
export function cachedIdToken(
  cache: { dir: string; privacy: CachePrivacy },
  identity: LoginIdentity,
): string | undefined {
  try {
    const path = tokenPath(cache.dir, identity);
    if (!cache.privacy.file(path, lstatSync(path))) return undefined;
    const doc = JSON.parse(readFileSync(path, 'utf8')) as { idToken?: unknown };
    return typeof doc.idToken === 'string' ? doc.idToken : undefined;
  } catch {
    return undefined;
  }
}

/** The cached id-token if it is ours, private, and valid for at least another minute. */
export function loadIdToken(cache: { dir: string; privacy: CachePrivacy }, identity: LoginIdentity, now: Date): string {
  const path = tokenPath(cache.dir, identity);
  const relogin = signInAgain(identity.issuer, identity.clientId);
  let doc: { idToken?: unknown; expiresAt?: unknown };
  try {
    const stat = lstatSync(path);
    if (!cache.privacy.file(path, stat)) {
      throw new InputError('issuer', 'the cached login is not a private file of this user', relogin);
    }
    doc = JSON.parse(readFileSync(path, 'utf8')) as typeof doc;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError('issuer', `there is no login for this issuer and client id`, relogin);
  }
  const expires = typeof doc.expiresAt === 'string' ? Date.parse(doc.expiresAt) : NaN;
  if (typeof doc.idToken !== 'string' || !(expires - now.getTime() > 60_000)) {
    throw new InputError('issuer', 'the login for this issuer has expired', relogin);
  }
  return doc.idToken;
}
