/**
 * How the STS stand-in authenticates a caller, both ways AWS does: an OIDC id-token checked against the trusted
 * issuers' keys (AssumeRoleWithWebIdentity), and a SigV4 signature recomputed with the stored secret by
 * `@smithy/signature-v4`, an implementation independent of the project's own signer (AssumeRole, GetCallerIdentity).
 */
import { createPublicKey, timingSafeEqual, verify } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { faults } from './sts-standin-wire.js';

// ---- OIDC id-tokens -------------------------------------------------------------------------------------------

export interface TrustedIssuer {
  /** The token's `iss`, exactly, e.g. https://token.actions.githubusercontent.com. */
  issuer: string;
  /** Its key set: a URL to fetch it from (the token endpoint's `/.well-known/jwks`), or the set itself. */
  jwks?: string | { keys: JsonWebKey[] };
  /** Or a single public key (PEM or KeyObject). */
  publicKey?: KeyObject | string;
  /** Accepted `aud` values (the IAM OIDC provider's client ids). */
  audiences: string[];
}

export type IdTokenClaims = Record<string, unknown> & {
  iss: string;
  sub?: string;
  aud: string | string[];
  exp: number;
};

const ALGORITHMS: Record<string, { hash: string; ieee?: true }> = {
  RS256: { hash: 'sha256' },
  RS384: { hash: 'sha384' },
  RS512: { hash: 'sha512' },
  ES256: { hash: 'sha256', ieee: true },
  ES384: { hash: 'sha384', ieee: true },
  ES512: { hash: 'sha512', ieee: true },
};

const NOT_A_JWT = 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
const NOT_VALIDATED =
  'The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.';
const NO_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

/** The OIDC providers "in the account": verifies id-tokens against them. */
export class TrustedIssuers {
  private readonly issuers: TrustedIssuer[] = [];
  /** Keys fetched from a JWKS URL, by URL; fetched again once when a `kid` is not found. */
  private readonly fetched = new Map<string, Array<{ kid?: string; key: KeyObject }>>();

  constructor(issuers: TrustedIssuer[] = []) {
    for (const issuer of issuers) this.add(issuer);
  }

  add(issuer: TrustedIssuer): void {
    if (!issuer.jwks && !issuer.publicKey) throw new Error(`trusted issuer ${issuer.issuer}: give jwks or publicKey`);
    this.issuers.push(issuer);
  }

  /** The token's claims if STS would accept it at `now`; otherwise the StsFault STS answers with. */
  async verify(token: string, now: Date): Promise<IdTokenClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw faults.invalidIdentityToken(NOT_A_JWT);
    const header = decodeJson(parts[0]!);
    const claims = decodeJson(parts[1]!);
    if (!header || !claims) throw faults.invalidIdentityToken(NOT_A_JWT);

    const iss = typeof claims['iss'] === 'string' ? claims['iss'] : '';
    const matching = this.issuers.filter((i) => i.issuer === iss);
    if (matching.length === 0)
      throw faults.invalidIdentityToken(`No OpenIDConnect provider found in your account for ${iss}`);

    const algorithm = ALGORITHMS[String(header['alg'])];
    if (!algorithm) throw faults.invalidIdentityToken(NOT_VALIDATED);
    const kid = typeof header['kid'] === 'string' ? header['kid'] : undefined;
    const key = await this.findKey(matching, kid);
    const signature = Buffer.from(parts[2]!, 'base64url');
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    let valid = false;
    try {
      valid = verify(algorithm.hash, signed, algorithm.ieee ? { key, dsaEncoding: 'ieee-p1363' } : key, signature);
    } catch {
      valid = false;
    }
    if (!valid) throw faults.invalidIdentityToken(NOT_VALIDATED);

    const audiences = new Set(matching.flatMap((i) => i.audiences));
    const aud = claims['aud'];
    const tokenAudiences = Array.isArray(aud) ? aud : [aud];
    if (!tokenAudiences.some((a) => typeof a === 'string' && audiences.has(a)))
      throw faults.invalidIdentityToken('Incorrect token audience');

    const seconds = Math.floor(now.getTime() / 1000);
    const exp = claims['exp'];
    if (typeof exp !== 'number') throw faults.invalidIdentityToken('Missing a required claim: exp');
    if (seconds >= exp)
      throw faults.expiredIdentityToken(
        `Token expired: current date/time ${seconds} must be before the expiration date/time${exp}`,
      );
    const nbf = claims['nbf'];
    if (typeof nbf === 'number' && nbf > seconds + 60)
      throw faults.invalidIdentityToken(
        `Token is not yet valid: current date/time ${seconds} is before the not-before date/time ${nbf}`,
      );
    return claims as IdTokenClaims;
  }

  private async findKey(issuers: TrustedIssuer[], kid: string | undefined): Promise<KeyObject> {
    for (const refresh of [false, true]) {
      const keys: Array<{ kid?: string; key: KeyObject }> = [];
      for (const issuer of issuers) keys.push(...(await this.keysOf(issuer, refresh)));
      const found =
        kid === undefined
          ? keys.length === 1
            ? keys[0]
            : undefined
          : keys.find((k) => k.kid === kid || k.kid === undefined);
      if (found) return found.key;
      if (!issuers.some((i) => typeof i.jwks === 'string')) break;
    }
    throw faults.invalidIdentityToken(NO_KEY);
  }

  private async keysOf(issuer: TrustedIssuer, refresh: boolean): Promise<Array<{ kid?: string; key: KeyObject }>> {
    const keys: Array<{ kid?: string; key: KeyObject }> = [];
    if (issuer.publicKey)
      keys.push({ key: typeof issuer.publicKey === 'string' ? createPublicKey(issuer.publicKey) : issuer.publicKey });
    if (typeof issuer.jwks === 'object') keys.push(...jwksKeys(issuer.jwks.keys));
    if (typeof issuer.jwks === 'string') {
      const url = issuer.jwks;
      if (refresh || !this.fetched.has(url)) this.fetched.set(url, jwksKeys(await fetchJwks(url)));
      keys.push(...this.fetched.get(url)!);
    }
    return keys;
  }
}

async function fetchJwks(url: string): Promise<JsonWebKey[]> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { keys?: JsonWebKey[] };
    return Array.isArray(body.keys) ? body.keys : [];
  } catch {
    // STS answers an unreachable provider with this retryable error.
    throw faults.idpCommunication(NO_KEY);
  }
}

function jwksKeys(keys: JsonWebKey[]): Array<{ kid?: string; key: KeyObject }> {
  return keys.flatMap((jwk) => {
    try {
      const key = createPublicKey({ key: jwk, format: 'jwk' });
      return [typeof jwk['kid'] === 'string' ? { kid: jwk['kid'], key } : { key }];
    } catch {
      return [];
    }
  });
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

// ---- SigV4 ----------------------------------------------------------------------------------------------------

export interface ReceivedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface SigV4Authorization {
  accessKeyId: string;
  /** `YYYYMMDD` of the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Reads the `Authorization` header; IncompleteSignature when it is not a whole SigV4 header. */
export function parseAuthorization(header: string): SigV4Authorization {
  const match = /^AWS4-HMAC-SHA256 (.*)$/.exec(header.trim());
  if (!match)
    throw faults.incompleteSignature(
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header and the 'AWS4-HMAC-SHA256' algorithm.`,
    );
  const fields = new Map<string, string>();
  for (const part of match[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!fields.get(name)) throw faults.incompleteSignature(`Authorization header requires '${name}' parameter.`);
  }
  const scope = fields.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]!)) {
    throw faults.incompleteSignature(
      `Credential should be scoped to a valid region, service and date: <key>/<YYYYMMDD>/<region>/<service>/aws4_request.`,
    );
  }
  return {
    accessKeyId: scope[0]!,
    scopeDate: scope[1]!,
    region: scope[2]!,
    service: scope[3]!,
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
  };
}

/** `20240501T120000Z` → Date, or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Recomputes the request's signature from the headers it says it signed, its date, scope and body, with `secret`;
 * true when it equals the signature sent.
 */
export async function signatureMatches(
  req: ReceivedRequest,
  auth: SigV4Authorization,
  secret: string,
  signingDate: Date,
): Promise<boolean> {
  const url = new URL(req.url, 'http://stand-in');
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const prior = query[name];
    query[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return false;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const token = auth.signedHeaders.includes('x-amz-security-token') ? headers['x-amz-security-token'] : undefined;
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) },
    sha256: Sha256Js,
    applyChecksum: false,
    // S3 signs the path as sent; every other service encodes it once more.
    uriEscapePath: auth.service !== 's3',
  });
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: headers['host'] ?? '',
      path: url.pathname,
      query,
      headers,
      body: req.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const computed = /Signature=([0-9a-f]+)/.exec(String(signed.headers['authorization']))?.[1] ?? '';
  const sent = Buffer.from(auth.signature);
  return computed.length === sent.length && timingSafeEqual(Buffer.from(computed), sent);
}
