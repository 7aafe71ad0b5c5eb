/** A file the user named, read as text; a failure becomes the caller's error, given the system's code (ENOENT...). */
import { readFileSync } from 'node:fs';

export function readText(path: string, failure: (code: string) => Error): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw failure((err as NodeJS.ErrnoException).code ?? 'error');
  }
}
