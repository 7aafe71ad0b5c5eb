/**
 * The runner's id-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): checks the bearer, and answers with a real RS256 JWT
 * for the requested audience, signed by a key it makes; its JWKS is served too. Faults: fail the first N, hang.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface TokenEndpoint {
  /** The value for ACTIONS_ID_TOKEN_REQUEST_URL (already has a query, as the runner's does). */
  url: string;
  bearer: string;
  /** Every token issued, for the secret ledger. */
  issued: string[];
  requests: Array<{ audience: string | null; authorized: boolean }>;
  failFirst(n: number, status?: number): void;
  hang(on: boolean): void;
  close(): Promise<void>;
}

export async function startTokenEndpoint(claims: Record<string, unknown> = {}): Promise<TokenEndpoint> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const bearer = `runner-${randomBytes(16).toString('hex')}`;
  const issued: string[] = [];
  const requests: TokenEndpoint['requests'] = [];
  let failures = 0;
  let failStatus = 500;
  let hanging = false;

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/.well-known/jwks') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] }));
      return;
    }
    const authorized = req.headers.authorization === `Bearer ${bearer}`;
    requests.push({ audience: url.searchParams.get('audience'), authorized });
    if (hanging) return;
    if (!authorized) {
      res.statusCode = 401;
      res.end('{"message":"bad bearer"}');
      return;
    }
    if (failures > 0) {
      failures--;
      res.statusCode = failStatus;
      res.end('{"message":"injected failure"}');
      return;
    }
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      aud: url.searchParams.get('audience') ?? 'https://github.com/octo-org',
      repository: 'octo-org/octo-repo',
      iat: now,
      nbf: now - 5,
      exp: now + 300,
      jti: randomBytes(8).toString('hex'),
      ...claims,
    };
    const token = jwt(payload, privateKey, kid);
    issued.push(token);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ count: 1, value: token }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/_apis/distributedtask/token?api-version=2.0`,
    bearer,
    issued,
    requests,
    failFirst(n, status = 500) {
      failures = n;
      failStatus = status;
    },
    hang(on) {
      hanging = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function jwt(payload: Record<string, unknown>, key: import('node:crypto').KeyObject, kid: string): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${enc({ alg: 'RS256', typ: 'JWT', kid })}.${enc(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
