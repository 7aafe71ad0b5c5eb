/**
 * Read-modify-write of a shared credentials/config file: under a lock file so that concurrent writers (two steps,
 * the CLI and the action) both land, written to a temporary file with mode 0600 and renamed over the target so no
 * reader ever sees half a file, and never through a symbolic link.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';
import { acquireLock, fileError } from './file-lock.js';

export interface FileEdit {
  /** The file's text before the edit ('' when it did not exist). */
  before: string;
  existed: boolean;
}

/** Applies `edit` to the file's text atomically under its lock. `edit` returning null deletes the file. */
export async function editFile(path: string, input: string, edit: (text: string, existed: boolean) => string | null): Promise<FileEdit> {
  refuseSymlink(path, input);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const release = await acquireLock(path, input);
  try {
    refuseSymlink(path, input);
    let before = '';
    let existed = true;
    try {
      before = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(input, path, err);
      existed = false;
    }
    const after = edit(before, existed);
    if (after === null) {
      if (existed) unlinkSync(path);
    } else if (after !== before || !existed) {
      writeAtomically(path, after, input);
    }
    return { before, existed };
  } finally {
    release();
  }
}

/** Writes `text` to `path` with mode 0600 via a sibling temporary file and rename. */
export function writeAtomically(path: string, text: string, input: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw fileError(input, path, err);
  }
}

function refuseSymlink(path: string, input: string): void {
  let isLink = false;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return;
  }
  if (isLink) {
    throw new InputError(input, `${path} is a symbolic link, which this action will not write through`, 'Point it at a regular file, or remove the link');
  }
}
