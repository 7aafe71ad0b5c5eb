/** What the CLI trusts on disk: files only this user can read, directories only this user can write. */
import type { Stats } from 'node:fs';

function ownedByThisUser(stat: Stats): boolean {
  return !process.getuid || stat.uid === process.getuid();
}

/** A regular file of this user that no one else can read or write (a cache entry, a cached login). */
export function isPrivateFile(stat: Stats): boolean {
  return stat.isFile() && ownedByThisUser(stat) && (stat.mode & 0o077) === 0;
}

/** A directory of this user that no one else can write into. */
export function isPrivateDirectory(stat: Stats): boolean {
  return stat.isDirectory() && ownedByThisUser(stat) && (stat.mode & 0o022) === 0;
}
