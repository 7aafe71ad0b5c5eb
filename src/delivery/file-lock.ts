/**
 * A lock file beside the file it guards (`<path>.lock`, created exclusively), so that processes editing the same file
 * (two steps, the CLI and the action, twenty `aws` commands at once) take turns. A lock left by a dead process is
 * taken over once it is stale.
 */
import { closeSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { InputError } from '../errors.js';

const LOCK_WAIT_MS = 15000;
/** A lock older than this was left by a process that died; it is taken over. */
const LOCK_STALE_MS = 30000;

/** Takes `<path>.lock`, waiting while another process holds it; returns the release function. */
export async function acquireLock(path: string, input: string): Promise<() => void> {
  const lockPath = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(input, lockPath, err);
    }
    try {
      if (Date.now() - statSync(lockPath).mtimeMs > LOCK_STALE_MS) rmSync(lockPath, { force: true });
    } catch {
      // The holder released it between our attempts: try again at once.
      continue;
    }
    if (Date.now() - started > LOCK_WAIT_MS) {
      throw new InputError(input, `${lockPath} has been held for over ${LOCK_WAIT_MS / 1000}s`, 'Another process is writing the file; if none is, delete the lock file');
    }
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
  }
}

/** A file-system failure as an InputError on the input that named the path. */
export function fileError(input: string, path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new InputError(input, `cannot write ${path} (${code})`, 'Choose a path the job can write, in a directory it owns');
}
