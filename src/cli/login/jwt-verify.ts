/**
 * Verifies an OpenID Connect id-token: its JWS signature against the issuer's JWKS, then the claims that bind it to
 * this issuer, this client and this sign-in. Pure: the clock and the keys are passed in. Messages say which check
 * failed and never carry the token or the nonce.
 */
import { constants, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { AwsError } from '../../errors.js';

export const VERIFY_CALL = 'OIDC id-token verification';

export interface Jwk {
  kty?: unknown;
  kid?: unknown;
  use?: unknown;
  alg?: unknown;
  key_ops?: unknown;
  n?: unknown;
  e?: unknown;
  crv?: unknown;
  x?: unknown;
  y?: unknown;
}

export interface Jwks {
  keys: Jwk[];
}

/** The check that rejected a token: tests and callers match on it rather than on wording. */
export type IdTokenCheck = 'format' | 'alg' | 'kid' | 'signature' | 'iss' | 'aud' | 'azp' | 'exp' | 'iat' | 'nbf' | 'nonce' | 'sub';

export class IdTokenError extends AwsError {
  constructor(readonly check: IdTokenCheck, problem: string, hint: string) {
    super(VERIFY_CALL, 'InvalidIdToken', `${check} check failed: ${problem}`, hint, false);
  }
}

export interface VerifyIdTokenOptions {
  issuer: string;
  clientId: string;
  /** The nonce sent in this sign-in's authorization request. */
  nonce: string;
  now: Date;
  /** Clock difference tolerated between this machine and the provider. */
  skewSeconds?: number;
}

export interface VerifiedIdToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  expiresAt: Date;
}

export const DEFAULT_SKEW_SECONDS = 60;

interface Algorithm {
  kty: 'RSA' | 'EC';
  crv?: 'P-256' | 'P-384';
  hash: 'sha256' | 'sha384';
  pss?: boolean;
  /** Raw r||s length for ECDSA (JWS uses IEEE P1363, not DER). */
  signatureBytes?: number;
}

const ALGORITHMS: Record<string, Algorithm> = {
  RS256: { kty: 'RSA', hash: 'sha256' },
  PS256: { kty: 'RSA', hash: 'sha256', pss: true },
  ES256: { kty: 'EC', crv: 'P-256', hash: 'sha256', signatureBytes: 64 },
  ES384: { kty: 'EC', crv: 'P-384', hash: 'sha384', signatureBytes: 96 },
};

const MIN_RSA_BITS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

const SIGN_IN_AGAIN = 'Sign in again';

/** Parses a JWKS document (the body of jwks_uri). Throws an IdTokenError('kid') when it holds no keys. */
export function parseJwks(body: string): Jwks {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    doc = undefined;
  }
  const keys = (doc as { keys?: unknown } | undefined)?.keys;
  if (!Array.isArray(keys)) {
    throw new IdTokenError('kid', 'the provider\'s jwks_uri did not return a JSON Web Key Set', 'Check the provider\'s jwks_uri in its OpenID configuration');
  }
  return { keys: keys.filter((k): k is Jwk => typeof k === 'object' && k !== null && !Array.isArray(k)) };
}

/** Verifies `token` and returns its header and claims; throws IdTokenError naming the failed check. */
export function verifyIdToken(token: string, jwks: Jwks, options: VerifyIdTokenOptions): VerifiedIdToken {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p)) || !parts[0] || !parts[1] || !parts[2]) {
    throw new IdTokenError('format', 'the id-token is not a signed JWT (three base64url parts)', 'Make sure the provider returns a signed id_token (JWS), not an encrypted one');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJson(headerPart, 'header');
  const claims = decodeJson(payloadPart, 'payload');

  const alg = header['alg'];
  if (typeof alg !== 'string') throw new IdTokenError('alg', 'the header has no alg', SIGN_IN_AGAIN);
  if (alg.toLowerCase() === 'none') {
    throw new IdTokenError('alg', 'alg "none" (an unsigned token) is refused', 'Configure the client at the provider to sign id-tokens with RS256, PS256, ES256 or ES384');
  }
  if (/^HS/i.test(alg)) {
    throw new IdTokenError('alg', `alg ${alg} (a shared-secret MAC) is refused`, 'Configure the client at the provider to sign id-tokens with RS256, PS256, ES256 or ES384');
  }
  const algorithm = ALGORITHMS[alg];
  if (!algorithm) {
    throw new IdTokenError('alg', `alg ${truncate(alg)} is not supported`, 'Configure the client at the provider to sign id-tokens with RS256, PS256, ES256 or ES384');
  }
  if (header['crit'] !== undefined) {
    throw new IdTokenError('format', 'the header has critical extensions (crit) this verifier does not understand', SIGN_IN_AGAIN);
  }

  const signature = Buffer.from(signaturePart, 'base64url');
  const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
  const keys = candidateKeys(jwks, header['kid'], alg, algorithm);
  if (!keys.some((key) => checkSignature(algorithm, key, signed, signature))) {
    throw new IdTokenError('signature', `the ${alg} signature does not verify against the provider's keys`, 'The token was not signed by the issuer; sign in again, and check nothing between you and the provider alters responses');
  }

  checkClaims(claims, options);
  return { header, claims, expiresAt: new Date((claims['exp'] as number) * 1000) };
}

function checkClaims(claims: Record<string, unknown>, options: VerifyIdTokenOptions): void {
  const skew = options.skewSeconds ?? DEFAULT_SKEW_SECONDS;
  const now = Math.floor(options.now.getTime() / 1000);

  const iss = claims['iss'];
  if (iss !== options.issuer) {
    const found = typeof iss === 'string' ? `'${truncate(iss)}'` : 'no issuer';
    throw new IdTokenError('iss', `the token names ${found}, not '${options.issuer}'`, 'The token comes from another issuer than --issuer; sign in again with the right --issuer');
  }

  const aud = claims['aud'];
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (!audiences.every((a): a is string => typeof a === 'string') || audiences.length === 0) {
    throw new IdTokenError('aud', 'the token has no valid aud claim', SIGN_IN_AGAIN);
  }
  if (!audiences.includes(options.clientId)) {
    throw new IdTokenError('aud', `the token was issued for another audience, not client '${options.clientId}'`, 'Check --client-id is the application the provider issued the token to');
  }
  const azp = claims['azp'];
  if (azp !== undefined && azp !== options.clientId) {
    throw new IdTokenError('azp', `the token's authorized party is another client, not '${options.clientId}'`, 'Check --client-id is the application the provider issued the token to');
  }
  if (audiences.length > 1 && azp === undefined) {
    throw new IdTokenError('azp', 'the token has several audiences and no azp claim naming this client', 'Configure the provider to issue id-tokens for this client alone, or with azp');
  }

  const exp = claims['exp'];
  if (!isNumericDate(exp)) throw new IdTokenError('exp', 'the token has no numeric exp claim', SIGN_IN_AGAIN);
  if (now >= exp + skew) {
    throw new IdTokenError('exp', `the token expired at ${iso(exp)}`, 'Sign in again; if this repeats, check this machine\'s clock');
  }
  const iat = claims['iat'];
  if (!isNumericDate(iat)) throw new IdTokenError('iat', 'the token has no numeric iat claim', SIGN_IN_AGAIN);
  if (iat > now + skew) {
    throw new IdTokenError('iat', `the token claims to be issued in the future (${iso(iat)})`, 'Check this machine\'s clock, then sign in again');
  }
  if (iat > exp) throw new IdTokenError('iat', 'the token was issued after it expires', SIGN_IN_AGAIN);
  const nbf = claims['nbf'];
  if (nbf !== undefined) {
    if (!isNumericDate(nbf)) throw new IdTokenError('nbf', 'the token\'s nbf claim is not a number', SIGN_IN_AGAIN);
    if (nbf > now + skew) {
      throw new IdTokenError('nbf', `the token is not valid before ${iso(nbf)}`, 'Check this machine\'s clock, then sign in again');
    }
  }

  const nonce = claims['nonce'];
  if (typeof nonce !== 'string' || !sameString(nonce, options.nonce)) {
    throw new IdTokenError('nonce', typeof nonce === 'string' ? 'the token\'s nonce is not the one this sign-in sent' : 'the token carries no nonce', 'The token was not issued for this sign-in (replayed or mixed up); sign in again');
  }

  const sub = claims['sub'];
  if (typeof sub !== 'string' || !sub) throw new IdTokenError('sub', 'the token has no subject (sub)', SIGN_IN_AGAIN);
}

/** The keys that may have signed a token with this kid and alg; throws when there are none to try. */
function candidateKeys(jwks: Jwks, kid: unknown, alg: string, algorithm: Algorithm): KeyObject[] {
  const fits = (jwk: Jwk): boolean =>
    jwk.kty === algorithm.kty &&
    (algorithm.crv === undefined || jwk.crv === algorithm.crv) &&
    (jwk.use === undefined || jwk.use === 'sig') &&
    (jwk.alg === undefined || jwk.alg === alg) &&
    (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')));
  let chosen: Jwk[];
  if (typeof kid === 'string') {
    const named = jwks.keys.filter((k) => k.kid === kid);
    if (named.length === 0) {
      throw new IdTokenError('kid', 'the provider\'s JWKS has no key with the token\'s kid', 'The provider may have rotated its keys; sign in again');
    }
    chosen = named.filter(fits);
    if (chosen.length === 0) throw new IdTokenError('kid', `the key named by the token's kid is not a ${alg} signing key`, SIGN_IN_AGAIN);
  } else {
    chosen = jwks.keys.filter(fits);
    if (chosen.length === 0) throw new IdTokenError('kid', `the provider's JWKS has no ${alg} signing key`, SIGN_IN_AGAIN);
  }
  const keys = chosen.map(importKey).filter((k): k is KeyObject => k !== undefined);
  if (keys.length === 0) throw new IdTokenError('kid', `the provider's ${alg} keys are malformed or too weak`, 'Fix the provider\'s JWKS');
  return keys;
}

function importKey(jwk: Jwk): KeyObject | undefined {
  try {
    const key =
      jwk.kty === 'RSA'
        ? createPublicKey({ key: { kty: 'RSA', n: jwk.n as string, e: jwk.e as string }, format: 'jwk' })
        : createPublicKey({ key: { kty: 'EC', crv: jwk.crv as string, x: jwk.x as string, y: jwk.y as string }, format: 'jwk' });
    if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return undefined;
    return key;
  } catch {
    return undefined;
  }
}

function checkSignature(algorithm: Algorithm, key: KeyObject, signed: Buffer, signature: Buffer): boolean {
  if (algorithm.signatureBytes !== undefined && signature.length !== algorithm.signatureBytes) return false;
  try {
    if (algorithm.kty === 'EC') return verify(algorithm.hash, signed, { key, dsaEncoding: 'ieee-p1363' }, signature);
    if (algorithm.pss) {
      // RFC 7518 section 3.5: the salt is as long as the hash.
      return verify(algorithm.hash, signed, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
    }
    return verify(algorithm.hash, signed, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

function decodeJson(part: string, what: 'header' | 'payload'): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IdTokenError('format', `the id-token's ${what} is not a JSON object`, SIGN_IN_AGAIN);
  }
  return value as Record<string, unknown>;
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function iso(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}

function truncate(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}
