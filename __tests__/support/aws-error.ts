/** Asserting a permanent AwsError: its code, its message's content, and no control character in it. */
import assert from 'node:assert/strict';
import { AwsError } from '../../src/errors.js';

export function failsPermanently(fn: () => unknown, code: RegExp, ...patterns: RegExp[]): AwsError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof AwsError, `expected AwsError, got ${String(caught)}`);
  assert.match(caught.code, code);
  assert.equal(caught.retryable, false);
  for (const p of patterns) assert.match(caught.message, p);
  assert.doesNotMatch(caught.message, /\p{Cc}/u);
  return caught;
}
