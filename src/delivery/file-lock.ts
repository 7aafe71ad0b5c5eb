/**
 * A lock beside the file it guards (`<path>.lock`), so that processes editing the same file (two steps, the CLI and
 * the action, twenty `aws` commands at once) take turns. proper-lockfile makes it a directory (mkdir is atomic) whose
 * mtime the holder refreshes; a lock whose mtime stopped moving was left by a process that is gone and is taken over.
 * Around it: every wait sleeps and ends at the caller's deadline, anything at `<path>.lock` other than a lock directory
 * of this user fails at once, and release removes the lock only while it is still the one this process made.
 */
import * as fs from 'node:fs';
import lockfile from 'proper-lockfile';
import { InputError } from '../errors.js';

export interface LockOptions {
  /** Epoch milliseconds after which waiting gives up; default 15 s from the call. */
  deadline?: number;
}

const DEFAULT_WAIT_MS = 15000;
/** A holder refreshes its lock every STALE_MS / 2; a lock not refreshed for STALE_MS has lost its holder. */
const STALE_MS = 10000;

/** Takes `<path>.lock`, waiting (sleeping) while another process holds it; returns the release function. */
export async function acquireLock(path: string, input: string, options: LockOptions = {}): Promise<() => void> {
  const lockPath = `${path}.lock`;
  const deadline = options.deadline ?? Date.now() + DEFAULT_WAIT_MS;
  for (;;) {
    let ours: string | undefined;
    // Removal goes through here, so neither release nor the exit handler removes a lock another process has taken.
    const guardedFs = {
      ...fs,
      rmdirSync: (p: fs.PathLike) => {
        if (ours !== undefined && identity(String(p)) !== ours) return;
        fs.rmdirSync(p);
      },
    };
    try {
      const release = lockfile.lockSync(path, {
        realpath: false,
        stale: STALE_MS,
        lockfilePath: lockPath,
        fs: guardedFs,
        onCompromised: () => undefined,
      });
      ours = identity(lockPath);
      return () => {
        try {
          release();
        } catch {
          // ERELEASED: the lock was taken over as stale, so there is nothing of ours to remove.
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw lockError(input, lockPath, err);
    }
    const problem = foreignLock(lockPath);
    if (problem)
      throw new InputError(
        input,
        `${lockPath} ${problem}`,
        `Remove ${lockPath} if no other process is writing ${path}, or choose another path`,
      );
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new InputError(
        input,
        `${lockPath} is held by another process and was not released in time`,
        `Another process is writing ${path}; if none is, remove ${lockPath}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 50 + Math.random() * 100)));
  }
}

/** Which lock directory this is: a new one made after ours was removed differs in inode or birth time. */
function identity(lockPath: string): string | undefined {
  try {
    const stat = fs.lstatSync(lockPath);
    return `${stat.dev}:${stat.ino}:${stat.birthtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Why what sits at `lockPath` is not a lock worth waiting for, or undefined when it is one. */
function foreignLock(lockPath: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(lockPath);
  } catch {
    return undefined; // Released between our attempt and this look: try again.
  }
  if (stat.isSymbolicLink()) return 'is a symbolic link, not a lock';
  if (!stat.isDirectory()) return 'is not a lock directory (a file left by another program or an older version)';
  if (process.getuid && stat.uid !== process.getuid())
    return `is a lock of another user (uid ${stat.uid}), which this user cannot take over`;
  return undefined;
}

function lockError(input: string, lockPath: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new InputError(
    input,
    `cannot take the lock ${lockPath} (${code}${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ''})`,
    'Choose a path in a directory this job can write and owns',
  );
}
