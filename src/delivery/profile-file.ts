/**
 * Read-modify-write of shared credentials/config files as one change: every file under its lock (taken in path order
 * so two writers cannot deadlock), each written to a temporary file with mode 0600 and renamed over the target so no
 * reader ever sees half a file, never through a symbolic link, and put back as it was if a later file fails.
 */
import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../errors.js';
import type { LockOptions } from './file-lock.js';
import { fileError } from './file-error.js';

export interface FileText {
  /** The file's text ('' when it does not exist). */
  text: string;
  existed: boolean;
}

/** The new text of each file to change; null deletes it; a file left out stays as it is. */
export type FilePlan = Map<string, string | null>;

/**
 * Locks and reads `paths` (made absolute), lets `plan` decide every file's new text from all of them, then writes them.
 * Either every planned file is written, or each file already written is put back and the error thrown.
 */
export async function editFiles(
  paths: readonly string[],
  input: string,
  plan: (files: ReadonlyMap<string, FileText>) => FilePlan,
  options: LockOptions = {},
): Promise<ReadonlyMap<string, FileText>> {
  const unique = [...new Set(paths.map((p) => resolve(p)))].sort();
  const releases: Array<() => void> = [];
  try {
    for (const path of unique) {
      refuseSymlink(path, input);
      try {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      } catch (err) {
        throw fileError(input, path, err);
      }
      // The lock library loads only for an edit: the CLI's cache and login write files with no lock of their own here.
      const { acquireLock } = await import('./file-lock.js');
      releases.push(await acquireLock(path, input, options));
    }
    const before = new Map<string, FileText>();
    for (const path of unique) {
      refuseSymlink(path, input);
      before.set(path, readText(path, input));
    }
    const changes = [...plan(before)].filter(
      ([path, after]) => after !== before.get(path)?.text || (after !== null && !before.get(path)?.existed),
    );
    const done: string[] = [];
    try {
      for (const [path, after] of changes) {
        if (!before.has(path)) throw new Error(`planned a file that was not locked: ${path}`);
        if (after === null) {
          if (before.get(path)!.existed) unlinkSync(path);
        } else {
          writeAtomically(path, after, input);
        }
        done.push(path);
      }
    } catch (err) {
      putBack(done, before, input, err);
      throw err;
    }
    return before;
  } finally {
    for (const release of releases.reverse()) release();
  }
}

function putBack(done: string[], before: ReadonlyMap<string, FileText>, input: string, cause: unknown): void {
  const failed: string[] = [];
  for (const path of done.reverse()) {
    const was = before.get(path)!;
    try {
      if (was.existed) writeAtomically(path, was.text, input);
      else rmSync(path, { force: true });
    } catch {
      failed.push(path);
    }
  }
  if (failed.length > 0) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new InputError(
      input,
      `${why}; and putting back ${failed.join(', ')} as it was failed too`,
      `Check ${failed.join(', ')} by hand: it may hold credentials this step wrote`,
    );
  }
}

function readText(path: string, input: string): FileText {
  try {
    return { text: readFileSync(path, 'utf8'), existed: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(input, path, err);
    return { text: '', existed: false };
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
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file could not be made or is gone; the first failure is the one to report.
    }
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
    throw new InputError(
      input,
      `${path} is a symbolic link, which this action will not write through`,
      'Point it at a regular file, or remove the link',
    );
  }
}

/**
 * A shared file's text, null when it does not exist; any other failure is an InputError naming `variable`, the file's
 * path and code, then `consequence` (what the step cannot do without it) and `fix`.
 */
export async function readIfPresent(
  path: string,
  variable: string,
  consequence: string,
  fix: string,
): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return null;
    throw new InputError(variable, `${path} cannot be read (${code})${consequence}`, fix);
  }
}
