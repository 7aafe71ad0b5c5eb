/**
 * A stand-in for the IAM Roles Anywhere control plane's reads (moto has no Roles Anywhere service): ListTrustAnchors
 * (GET /trustanchors) and ListProfiles (GET /profiles), REST-JSON with `nextToken`/`pageSize` in the query, as the
 * service model (botocore's rolesanywhere/2018-05-10/service-2.json) defines them. Plain HTTP on 127.0.0.1, like moto.
 *
 * Each request is authenticated as AWS authenticates a REST-JSON call: a SigV4 Authorization header scoped to the
 * region and `rolesanywhere`, signing host and x-amz-date, a date within five minutes, a known access key (and its
 * session token), and the signature recomputed by `@smithy/signature-v4` (sts-standin-auth.ts). Failures answer with
 * the service's error names in `x-amzn-ErrorType` and `{"message": ...}`. Calls can be denied per action. The model
 * gives pageSize no bounds; the 1..1000 here are the stand-in's own.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseAmzDate, parseAuthorization, signatureMatches, type ReceivedRequest } from './sts-standin-auth.js';

const MAX_SKEW_MS = 5 * 60_000;

/** A TrustAnchorDetail as the API returns it (any field may be set, to send what AWS would not). */
type TrustAnchorDetail = Record<string, unknown>;
/** A ProfileDetail as the API returns it. */
type ProfileDetail = Record<string, unknown>;

type ListAction = 'ListTrustAnchors' | 'ListProfiles';

interface Caller {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface RolesAnywhereControlOptions {
  /** Default `us-east-1`; the Credential scope must name it. */
  region?: string;
  callers: Caller[];
  trustAnchors: TrustAnchorDetail[];
  profiles: ProfileDetail[];
  /** Items per page when the request sets no pageSize; default 50. */
  pageSize?: number;
  /** Actions answered with AccessDeniedException. */
  deny?: ListAction[];
}

interface Recorded {
  action: ListAction | undefined;
  query: Record<string, string>;
  status: number;
  errorType?: string;
  accessKeyId?: string;
}

export interface RolesAnywhereControlStandIn {
  url: string;
  requests: Recorded[];
  close(): Promise<void>;
}

class Fault extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const ROUTES: Record<string, { action: ListAction; items: 'trustAnchors' | 'profiles' }> = {
  '/trustanchors': { action: 'ListTrustAnchors', items: 'trustAnchors' },
  '/profiles': { action: 'ListProfiles', items: 'profiles' },
};

export async function startRolesAnywhereControlStandIn(
  options: RolesAnywhereControlOptions,
): Promise<RolesAnywhereControlStandIn> {
  const region = options.region ?? 'us-east-1';
  const requests: Recorded[] = [];
  // Opaque tokens, as AWS's are: an offset under this instance's MAC, so a made-up token is refused.
  const tokenKey = randomBytes(32);
  const tokenFor = (action: string, offset: number) => {
    const body = `${action}:${offset}`;
    const mac = createHmac('sha256', tokenKey).update(body).digest('base64url');
    return Buffer.from(`${body}:${mac}`).toString('base64url');
  };
  const offsetOf = (action: string, token: string): number => {
    const [name, offset, mac] = Buffer.from(token, 'base64url').toString('utf8').split(':');
    const expected = createHmac('sha256', tokenKey).update(`${name}:${offset}`).digest('base64url');
    if (name !== action || mac !== expected || !/^\d+$/.test(offset ?? ''))
      throw new Fault(400, 'ValidationException', 'Invalid pagination token');
    return Number(offset);
  };

  async function authenticate(req: ReceivedRequest): Promise<Caller> {
    const header = req.headers['authorization'];
    if (typeof header !== 'string')
      throw new Fault(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    let auth;
    try {
      auth = parseAuthorization(header);
    } catch {
      throw new Fault(
        403,
        'IncompleteSignatureException',
        `Authorization header is not a complete AWS4-HMAC-SHA256 header.`,
      );
    }
    const caller = options.callers.find((c) => c.accessKeyId === auth.accessKeyId);
    if (!caller || (caller.sessionToken ?? undefined) !== (req.headers['x-amz-security-token'] ?? undefined))
      throw new Fault(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (auth.service !== 'rolesanywhere' || auth.region !== region)
      throw new Fault(
        403,
        'InvalidSignatureException',
        `Credential should be scoped to a valid region and service 'rolesanywhere' in '${region}'.`,
      );
    if (!auth.signedHeaders.includes('host'))
      throw new Fault(403, 'InvalidSignatureException', `'Host' must be a 'SignedHeader' in the AWS Authorization.`);
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate || !auth.signedHeaders.includes('x-amz-date') || auth.scopeDate !== amzDate.slice(0, 8))
      throw new Fault(403, 'InvalidSignatureException', 'Date in Credential scope does not match X-Amz-Date.');
    if (Math.abs(signingDate.getTime() - Date.now()) > MAX_SKEW_MS)
      throw new Fault(403, 'InvalidSignatureException', `Signature expired: ${amzDate} is outside five minutes.`);
    if (!(await signatureMatches(req, auth, caller.secretAccessKey, signingDate)))
      throw new Fault(
        403,
        'InvalidSignatureException',
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
          'Access Key and signing method. Consult the service documentation for details.',
      );
    return caller;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received: ReceivedRequest = {
      method: req.method ?? '',
      url: req.url ?? '/',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const url = new URL(received.url, 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const route = ROUTES[url.pathname];
    const record: Recorded = { action: route?.action, query, status: 200 };
    requests.push(record);
    const answer = (status: number, body: unknown, errorType?: string) => {
      record.status = status;
      if (errorType) record.errorType = errorType;
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-requestid': randomBytes(16).toString('hex'),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const caller = await authenticate(received);
      record.accessKeyId = caller.accessKeyId;
      if (!route || received.method !== 'GET') throw new Fault(404, 'UnknownOperationException', 'Unknown operation');
      if (options.deny?.includes(route.action))
        throw new Fault(403, 'AccessDeniedException', `not authorized to perform: rolesanywhere:${route.action}`);
      const all = route.items === 'trustAnchors' ? options.trustAnchors : options.profiles;
      let size = options.pageSize ?? 50;
      if (query['pageSize'] !== undefined) {
        size = Number(query['pageSize']);
        if (!Number.isInteger(size) || size < 1 || size > 1000)
          throw new Fault(400, 'ValidationException', 'pageSize must be between 1 and 1000');
      }
      if (query['nextToken'] !== undefined && (query['nextToken'].length < 1 || query['nextToken'].length > 10_000))
        throw new Fault(400, 'ValidationException', 'nextToken must be between 1 and 10000 characters');
      const start = query['nextToken'] ? offsetOf(route.action, query['nextToken']) : 0;
      const page = all.slice(start, start + size);
      const next = start + size < all.length ? { nextToken: tokenFor(route.action, start + size) } : {};
      answer(200, { [route.items]: page, ...next });
    } catch (err) {
      if (err instanceof Fault) answer(err.status, { message: err.message }, err.type);
      else answer(500, { message: 'Internal failure' }, 'InternalServerException');
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
