/** Asserting that parsers of user input fail with an InputError that names the input and echoes no secret. */
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';

/** The base64 body lines of every PEM block in `pem` (what must never appear in a message). */
function bodyLines(pem: string): string[] {
  return pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith('-----') && !l.includes(':'));
}

/**
 * Asserts `fn` throws an InputError for `input` whose message names that input and carries none of `secrets`
 * (PEM texts, checked line by line, or passphrases). Returns the error for further checks.
 */
export function expectInputError(fn: () => unknown, input: string, secrets: string[] = []): InputError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.equal(caught.input, input);
  assert.ok(caught.message.includes(`'${input}'`), `message should name '${input}': ${caught.message}`);
  for (const secret of secrets) {
    const pieces = secret.includes('-----BEGIN') ? bodyLines(secret) : [secret];
    for (const piece of pieces)
      assert.ok(!caught.message.includes(piece), `message leaks secret material: ${caught.message}`);
  }
  return caught;
}

/** Asserts `fn` throws an InputError for `input` whose message matches every pattern. */
export function throwsInput(fn: () => unknown, input: string, ...patterns: RegExp[]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.equal(err.input, input);
    for (const p of patterns) assert.match(err.message, p);
    return true;
  });
}
