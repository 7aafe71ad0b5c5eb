/**
 * PKCE (RFC 7636) and the two one-time values of an authorization request: `state` (ties the callback to this
 * terminal) and `nonce` (ties the id-token to this request). No I/O; randomness is passed in so tests can fix it.
 */
import { createHash, randomBytes } from 'node:crypto';

export type RandomSource = (size: number) => Buffer;

/** RFC 7636 section 4.1: 43 to 128 characters from the unreserved set. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A code verifier of `length` characters (43..128), base64url of fresh random bytes. */
export function createCodeVerifier(length = 64, random: RandomSource = randomBytes): string {
  if (!Number.isInteger(length) || length < 43 || length > 128) {
    throw new RangeError(`a PKCE code verifier is 43 to 128 characters long, not ${length}`);
  }
  // Each base64url character carries 6 bits: draw enough bytes, then cut to the exact length.
  return random(Math.ceil((length * 6) / 8)).toString('base64url').slice(0, length);
}

/** True when `value` may be sent as a code_verifier. */
export function isCodeVerifier(value: string): boolean {
  return VERIFIER.test(value);
}

/** The S256 code_challenge: base64url(SHA-256(ASCII(verifier))). */
export function codeChallengeS256(verifier: string): string {
  if (!isCodeVerifier(verifier)) throw new RangeError('a PKCE code verifier must be 43 to 128 unreserved characters');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable `state` value (256 bits). */
export function createState(random: RandomSource = randomBytes): string {
  return random(32).toString('base64url');
}

/** An unguessable `nonce` value (256 bits). */
export function createNonce(random: RandomSource = randomBytes): string {
  return random(32).toString('base64url');
}
