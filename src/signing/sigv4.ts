/** AWS Signature Version 4 with an access key (HMAC-SHA256), for STS AssumeRole hops. Pure: clock passed in. */
import { createHash, createHmac } from 'node:crypto';
import type { Credentials } from '../credentials.js';

export interface SignableRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `YYYYMMDDTHHMMSSZ`, the form of `X-Amz-Date`. */
export function amzDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` leaves !'()* alone). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The canonical request and its signed-header list, from headers already set on the request. */
export function canonicalRequest(req: SignableRequest): { text: string; signedHeaders: string } {
  const url = new URL(req.url);
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = Object.entries(req.headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const signedHeaders = headers.map(([k]) => k).join(';');
  const text = [
    req.method,
    url.pathname.split('/').map((s) => uriEncode(decodeURIComponent(s))).join('/') || '/',
    query,
    headers.map(([k, v]) => `${k}:${v}\n`).join(''),
    signedHeaders,
    sha256Hex(req.body),
  ].join('\n');
  return { text, signedHeaders };
}

/** Returns the request's headers plus `host`, `x-amz-date`, the session token and `authorization`. */
export function signRequest(
  req: SignableRequest,
  credentials: Credentials,
  region: string,
  service: string,
  now: Date,
): Record<string, string> {
  const date = amzDate(now);
  const headers: Record<string, string> = { ...req.headers, host: new URL(req.url).host, 'x-amz-date': date };
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const { text, signedHeaders } = canonicalRequest({ ...req, headers });
  const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', date, scope, sha256Hex(text)].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(date.slice(0, 8)).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  headers['authorization'] = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return headers;
}
