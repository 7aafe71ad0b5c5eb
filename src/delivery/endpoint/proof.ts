/**
 * How a client tells the job's endpoint from another process on its port (one that bound it after the endpoint died):
 * the client sends a fresh challenge, and the endpoint signs its reply (challenge, status, body) with its token. Only
 * a process that holds the token can sign, and the token itself never has to be sent to find out. Pure.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CHALLENGE_HEADER = 'x-aslc-challenge';
export const PROOF_HEADER = 'x-aslc-proof';
const CHALLENGE = /^[0-9a-f]{64}$/;

export function newChallenge(): string {
  return randomBytes(32).toString('hex');
}

/** The signature of one reply, or undefined when the challenge is not one a client of ours sends. */
export function replyProof(
  token: string,
  challenge: string | undefined,
  status: number,
  body: string,
): string | undefined {
  if (challenge === undefined || !CHALLENGE.test(challenge)) return undefined;
  return createHmac('sha256', token).update(`aslc-endpoint-reply\n${challenge}\n${status}\n${body}`).digest('hex');
}

/** True when `proof` signs this reply to `challenge` with `token`. */
export function proofHolds(token: string, challenge: string, status: number, body: string, proof: unknown): boolean {
  const expected = Buffer.from(replyProof(token, challenge, status, body) ?? '', 'hex');
  const given = typeof proof === 'string' && /^[0-9a-f]{64}$/.test(proof) ? Buffer.from(proof, 'hex') : undefined;
  return given !== undefined && expected.length === given.length && timingSafeEqual(expected, given);
}
