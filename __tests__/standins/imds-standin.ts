/**
 * EC2's instance metadata service with IMDSv2 required (HttpTokens=required), as AWS documents it ("Use the Instance
 * Metadata Service to access instance metadata", "Retrieve security credentials from instance metadata"): a session
 * token from `PUT /latest/api/token` with a TTL of 1 to 21600 seconds, every GET carrying it (401 without or with a
 * wrong or expired one), the instance profile's role listed under iam/security-credentials/ and its credentials as
 * JSON beneath. `hopLimitExceeded` stands in for a container behind one more hop than the hop limit allows: the
 * token's response never arrives.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface ImdsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
}

export interface ImdsStandIn {
  /** For AWS_EC2_METADATA_SERVICE_ENDPOINT. */
  url: string;
  /** Every request: method, path, and whether it carried a valid session token. */
  requests: Array<{ method: string; path: string; token: 'valid' | 'invalid' | 'none' }>;
  hopLimitExceeded(on: boolean): void;
  close(): Promise<void>;
}

const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';
const MAX_TTL_SECONDS = 21600;

export async function startImdsStandIn(role: string, credentials: ImdsCredentials): Promise<ImdsStandIn> {
  const tokens = new Map<string, number>();
  const requests: ImdsStandIn['requests'] = [];
  let hanging = false;
  const held = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://169.254.169.254').pathname;
    const given = req.headers['x-aws-ec2-metadata-token'];
    const expiry = typeof given === 'string' ? tokens.get(given) : undefined;
    const token = given === undefined ? 'none' : expiry !== undefined && expiry > Date.now() ? 'valid' : 'invalid';
    requests.push({ method: req.method ?? '', path, token });
    const answer = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain', ...headers });
      res.end(body);
    };

    if (path === '/latest/api/token') {
      if (req.method !== 'PUT') return answer(405, '');
      // IMDS refuses token requests that came through a proxy.
      if (req.headers['x-forwarded-for'] !== undefined) return answer(403, '');
      const ttlHeader = req.headers['x-aws-ec2-metadata-token-ttl-seconds'];
      const ttl = typeof ttlHeader === 'string' && /^\d+$/.test(ttlHeader) ? Number(ttlHeader) : NaN;
      if (!(ttl >= 1 && ttl <= MAX_TTL_SECONDS)) return answer(400, '');
      if (hanging) {
        held.add(res);
        return;
      }
      const value = randomBytes(32).toString('base64');
      tokens.set(value, Date.now() + ttl * 1000);
      return answer(200, value, { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) });
    }
    if (req.method !== 'GET') return answer(405, '');
    if (token !== 'valid') return answer(401, '');
    if (path === CREDENTIALS_PATH) return answer(200, role);
    if (path === `${CREDENTIALS_PATH}${role}`) {
      const body = {
        Code: 'Success',
        LastUpdated: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        Type: 'AWS-HMAC',
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        Token: credentials.sessionToken,
        Expiration: credentials.expiration.replace(/\.\d+Z$/, 'Z'),
      };
      return answer(200, JSON.stringify(body, null, 2));
    }
    return answer(404, '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    hopLimitExceeded(on) {
      hanging = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of held) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
