/**
 * The SigV4 canonical request, shared by both signers: the HMAC one (sigv4.ts, STS AssumeRole hops) and the X.509 one
 * (sigv4-x509.ts, Roles Anywhere). Pure.
 */
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ`, the form of `X-Amz-Date`. */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface CanonicalizableRequest {
  method: string;
  /** The path before percent-encoding, e.g. `/sessions`. */
  path: string;
  /** Query parameters before encoding; pairs when a name repeats. */
  query?: Record<string, string> | ReadonlyArray<readonly [string, string]>;
  headers: Record<string, string>;
  body: string | Buffer;
}

// AWS's helper leaves these out of the signature: they are set or rewritten by transports and proxies.
const UNSIGNED_HEADERS = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);

/** The SigV4 canonical request for `req` and its `SignedHeaders` list (every header given but the unsigned ones). */
export function canonicalRequest(req: CanonicalizableRequest): { text: string; signedHeaders: string } {
  const values = new Map<string, string[]>();
  for (const [name, value] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    if (UNSIGNED_HEADERS.has(lower)) continue;
    values.set(lower, [...(values.get(lower) ?? []), value.trim().replace(/\s+/g, ' ')]);
  }
  const names = [...values.keys()].sort();
  const signedHeaders = names.join(';');
  const pairs = Array.isArray(req.query) ? req.query : Object.entries(req.query ?? {});
  const query = pairs
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const text = [
    req.method.toUpperCase(),
    req.path.split('/').map(uriEncode).join('/') || '/',
    query,
    names.map((n) => `${n}:${(values.get(n) ?? []).join(',')}\n`).join(''),
    signedHeaders,
    sha256Hex(req.body),
  ].join('\n');
  return { text, signedHeaders };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
