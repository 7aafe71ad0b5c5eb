/** AWS Signature Version 4 with an access key (HMAC-SHA256), for STS AssumeRole hops. Pure: clock passed in. */
import { createHmac } from 'node:crypto';
import type { Credentials } from '../credentials.js';
import { amzDate, canonicalRequest as canonical, sha256Hex, uriEncode } from './canonical-request.js';

export { amzDate, sha256Hex, uriEncode };

export interface SignableRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The canonical request of a request given by URL (its path and query read from the URL). */
export function canonicalRequest(req: SignableRequest): { text: string; signedHeaders: string } {
  const url = new URL(req.url);
  return canonical({
    method: req.method,
    path: url.pathname.split('/').map((s) => decodeURIComponent(s)).join('/'),
    query: [...url.searchParams.entries()],
    headers: req.headers,
    body: req.body,
  });
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
