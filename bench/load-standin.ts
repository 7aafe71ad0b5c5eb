/**
 * STS under load, for the matrix benchmark and its test: an STS front that forwards to moto but enforces STS's request
 * quota as a token bucket per account, answering STS's real throttling error; and a runner id-token endpoint that fails
 * a share of requests. Both on 127.0.0.1, both counting what they saw.
 */
import { createServer, request, Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { jwt } from '../__tests__/standins/token-endpoint.js';

export interface LoadStandInOptions {
  /** moto's URL: every request that is neither throttled nor failed is forwarded there. */
  upstream: string;
  /** Sustained STS requests per second per account. */
  ratePerSecond: number;
  /** Requests an idle account may send at once. */
  burst: number;
  /** Added before each STS answer, throttled or not (STS's own latency). */
  stsLatencyMs?: number;
  /** Share (0..1) of admitted STS requests answered 503 ServiceUnavailable instead of forwarded. */
  stsUnavailableShare?: number;
  /** Answer every STS request with this error (a permanent failure such as AccessDenied), none forwarded. */
  stsDeny?: { status: number; code: string; message: string };
  /** Share (0..1) of token requests that fail; half of the failures are 5xx answers, half connection resets. */
  tokenFailureShare?: number;
  tokenLatencyMs?: number;
  /** Seed for the fault draws, so a run's faults can be replayed. */
  seed?: number;
}

export interface LoadCounters {
  stsRequests: number;
  throttled: number;
  unavailable: number;
  denied: number;
  forwarded: number;
  /** Requests that were the first of their call (per job, per action, per credential), and the rest. */
  firstAttempts: number;
  retries: number;
  throttledRetries: number;
  byAction: Record<string, number>;
  /** STS requests seen per job (RoleSessionName, or the job whose credentials signed the request). */
  byJob: Record<string, number>;
  tokenRequests: number;
  tokenFailures: number;
  tokenResets: number;
  tokenUnauthorized: number;
}

export interface LoadStandIn {
  stsUrl: string;
  /** The value for ACTIONS_ID_TOKEN_REQUEST_URL. */
  tokenUrl: string;
  bearer: string;
  counters: LoadCounters;
  close(): Promise<void>;
}

/** The body STS sends with an error, as its query protocol defines it. */
function stsErrorBody(code: string, message: string, type: 'Sender' | 'Receiver'): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

const THROTTLING = { status: 400, code: 'Throttling', message: 'Rate exceeded' } as const;

/** A token bucket: `burst` tokens, refilled continuously at `rate` per second. Pure but for the clock passed in. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** mulberry32: a small seeded generator, so the faults of a run can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MAX_BODY = 64 * 1024;
const UPSTREAM_TIMEOUT_MS = 30000;

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.destroy();
        resolve(undefined);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

/** The access key id a SigV4 request was signed with, if any. */
function signingKeyId(req: IncomingMessage): string | undefined {
  return /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
}

const accountOfArn = (arn: string | null): string | undefined =>
  arn ? /^arn:aws[\w-]*:iam::(\d{12}):/.exec(arn)?.[1] : undefined;

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

async function listen(server: Server, sockets: Set<Socket>): Promise<number> {
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function startLoadStandIn(options: LoadStandInOptions): Promise<LoadStandIn> {
  const random = seededRandom(options.seed ?? 1);
  const counters: LoadCounters = {
    stsRequests: 0,
    throttled: 0,
    unavailable: 0,
    denied: 0,
    forwarded: 0,
    firstAttempts: 0,
    retries: 0,
    throttledRetries: 0,
    byAction: {},
    byJob: {},
    tokenRequests: 0,
    tokenFailures: 0,
    tokenResets: 0,
    tokenUnauthorized: 0,
  };
  const buckets = new Map<string, TokenBucket>();
  // Credentials handed out through us, so a signed call (AssumeRole, GetCallerIdentity) is charged to its account and job.
  const issuedKeys = new Map<string, { account: string; job: string }>();
  // Calls that have been tried and not yet answered with success: a further request for one of them is a retry.
  const pending = new Set<string>();
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const stsSockets = new Set<Socket>();
  const tokenSockets = new Set<Socket>();

  const answer = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(stsErrorBody(code, message, status >= 500 ? 'Receiver' : 'Sender'));
  };

  const forward = (
    req: IncomingMessage,
    body: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> =>
    new Promise((resolve) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'connection') headers[k] = v;
      headers['content-length'] = String(Buffer.byteLength(body));
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: req.url,
          method: req.method,
          headers,
          agent,
          timeout: UPSTREAM_TIMEOUT_MS,
        },
        (up) => {
          const chunks: Buffer[] = [];
          up.on('data', (c: Buffer) => chunks.push(c));
          up.on('end', () =>
            resolve({
              status: up.statusCode ?? 502,
              headers: { 'content-type': String(up.headers['content-type'] ?? 'text/xml') },
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      out.on('timeout', () => out.destroy(new Error('upstream timeout')));
      out.on('error', (err) =>
        resolve({
          status: 502,
          headers: { 'content-type': 'text/xml' },
          body: stsErrorBody('InternalFailure', `stand-in: moto did not answer (${err.message})`, 'Receiver'),
        }),
      );
      out.end(body);
    });

  const sts = createServer(async (req, res) => {
    const body = await readBody(req);
    if (body === undefined) return;
    const params = new URLSearchParams(body);
    const action = params.get('Action') ?? 'unknown';
    const keyId = signingKeyId(req);
    const signer = keyId ? issuedKeys.get(keyId) : undefined;
    const job = params.get('RoleSessionName') ?? signer?.job ?? 'unknown';
    const account = accountOfArn(params.get('RoleArn')) ?? signer?.account ?? 'unknown';
    const call = `${job}|${action}|${keyId ?? ''}`;

    counters.stsRequests++;
    counters.byAction[action] = (counters.byAction[action] ?? 0) + 1;
    counters.byJob[job] = (counters.byJob[job] ?? 0) + 1;
    const retry = pending.has(call);
    if (retry) counters.retries++;
    else counters.firstAttempts++;
    pending.add(call);

    await sleep(options.stsLatencyMs ?? 0);
    if (options.stsDeny) {
      counters.denied++;
      return answer(res, options.stsDeny.status, options.stsDeny.code, options.stsDeny.message);
    }
    let bucket = buckets.get(account);
    if (!bucket) buckets.set(account, (bucket = new TokenBucket(options.ratePerSecond, options.burst, Date.now())));
    if (!bucket.take(Date.now())) {
      counters.throttled++;
      if (retry) counters.throttledRetries++;
      return answer(res, THROTTLING.status, THROTTLING.code, THROTTLING.message);
    }
    if (random() < (options.stsUnavailableShare ?? 0)) {
      counters.unavailable++;
      return answer(res, 503, 'ServiceUnavailable', 'Service is unable to handle request.');
    }
    counters.forwarded++;
    const up = await forward(req, body);
    if (up.status === 200) {
      pending.delete(call);
      const issued = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(up.body)?.[1];
      if (issued && account !== 'unknown') issuedKeys.set(issued, { account, job });
    }
    res.writeHead(up.status, up.headers);
    res.end(up.body);
  });

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(8).toString('hex');
  const bearer = `runner-${randomBytes(16).toString('hex')}`;
  const tokens = createServer(async (req, res) => {
    counters.tokenRequests++;
    req.resume();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    await sleep(options.tokenLatencyMs ?? 0);
    if (req.method !== 'GET' || req.headers.authorization !== `Bearer ${bearer}`) {
      counters.tokenUnauthorized++;
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end('{"message":"bad bearer"}');
    }
    const draw = random();
    const share = options.tokenFailureShare ?? 0;
    if (draw < share / 2) {
      counters.tokenResets++;
      return req.socket.destroy();
    }
    if (draw < share) {
      counters.tokenFailures++;
      res.writeHead(503, { 'content-type': 'application/json' });
      return res.end('{"message":"injected failure"}');
    }
    const now = Math.floor(Date.now() / 1000);
    const token = jwt(
      {
        iss: 'https://token.actions.githubusercontent.com',
        sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
        aud: url.searchParams.get('audience') ?? 'https://github.com/octo-org',
        repository: 'octo-org/octo-repo',
        iat: now,
        nbf: now - 5,
        exp: now + 300,
        jti: randomBytes(8).toString('hex'),
      },
      privateKey,
      kid,
    );
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ count: 1, value: token }));
  });

  const stsPort = await listen(sts, stsSockets);
  const tokenPort = await listen(tokens, tokenSockets);
  const closeServer = (server: Server, sockets: Set<Socket>) =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return {
    stsUrl: `http://127.0.0.1:${stsPort}`,
    tokenUrl: `http://127.0.0.1:${tokenPort}/_apis/distributedtask/token?api-version=2.0`,
    bearer,
    counters,
    close: async () => {
      await Promise.all([closeServer(sts, stsSockets), closeServer(tokens, tokenSockets)]);
      agent.destroy();
    },
  };
}
