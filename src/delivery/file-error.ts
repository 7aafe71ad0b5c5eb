/** A file-system failure, as the error of the input that named the path. Apart from the lock, which few paths need. */
import { InputError } from '../errors.js';

/** A file-system failure as an InputError on the input that named the path. */
export function fileError(input: string, path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const why: Record<string, string> = {
    ENOTDIR: 'a component of the path is a file, not a directory',
    EEXIST: 'a component of the path is a file, not a directory',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENAMETOOLONG: 'the name is too long',
  };
  return new InputError(
    input,
    `cannot write ${path} (${code}${why[code] ? `: ${why[code]}` : ''})`,
    'Choose a path the job can write, in a directory it owns',
  );
}
