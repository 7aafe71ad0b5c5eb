/**
 * What the CLI trusts on disk: files only this user can read, directories only this user can write. On POSIX that is
 * read from the owner and mode bits; on Windows Node reports no meaningful mode bits (every file reads 0666 or 0444),
 * so there a file is trusted only inside the user's own %LOCALAPPDATA%, which Windows' default ACL gives that user
 * (with SYSTEM and Administrators) alone. Pure but for the uid of this process.
 */
import type { Stats } from 'node:fs';
import { platformTraits, type Platform } from '../platform.js';

export interface CachePrivacy {
  /** Which rule decides, for the debug line. */
  how: string;
  /** A regular file of this user that no one else can read or write (a cache entry, a cached login). */
  file(path: string, stat: Stats): boolean;
  /** A directory of this user that no one else can write into. */
  directory(path: string, stat: Stats): boolean;
}

function ownedByThisUser(stat: Stats): boolean {
  return !process.getuid || stat.uid === process.getuid();
}

const MODE_BITS: CachePrivacy = {
  how: 'Unix owner and mode bits (entries 0600 in a 0700 directory of this user)',
  file: (_path, stat) => stat.isFile() && ownedByThisUser(stat) && (stat.mode & 0o077) === 0,
  directory: (_path, stat) => stat.isDirectory() && ownedByThisUser(stat) && (stat.mode & 0o022) === 0,
};

/**
 * The rule for `platform`; `perUserRoot` is the directory Windows keeps for this user alone (%LOCALAPPDATA%). A path
 * outside it (a --cache-dir elsewhere) is never trusted, nor a link or junction inside it (lstat reads the link).
 */
export function cachePrivacy(platform: Platform, perUserRoot: string): CachePrivacy {
  const { path, cachePrivacy: rule } = platformTraits(platform);
  if (rule === 'mode-bits') return MODE_BITS;
  const inside = (p: string) => {
    if (!path.isAbsolute(perUserRoot) || !path.isAbsolute(p)) return false;
    const rel = path.relative(path.resolve(perUserRoot), path.resolve(p));
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
  };
  return {
    how: `the per-user directory %LOCALAPPDATA% (${perUserRoot}), private by Windows' default ACL; Windows reports no Unix mode bits`,
    file: (p, stat) => stat.isFile() && inside(p),
    directory: (p, stat) => stat.isDirectory() && inside(p),
  };
}
