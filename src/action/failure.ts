/** The one line a failed step prints: our own errors as they are, anything else without its stack or payload. */
import { isKnownError } from '../errors.js';

export function failureMessage(err: unknown): string {
  if (isKnownError(err)) return err.message;
  // An unexpected error may carry request data; print its kind and message only, never the object.
  const e = err as { name?: unknown; message?: unknown };
  return `Unexpected ${typeof e?.name === 'string' ? e.name : 'error'}: ${typeof e?.message === 'string' ? e.message : String(err)}`;
}
