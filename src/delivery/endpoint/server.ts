/**
 * A local credentials endpoint in the form the AWS SDKs' container credential provider reads
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI + an authorization token): loopback only, every request authorized, every
 * answer from memory. `answerRequest` decides; `startCredentialsEndpoint` is the HTTP server around it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountOfArn } from '../../config/arn.js';
import { printable } from '../../errors.js';
import { advertisedExpiration, type Answer } from './schedule.js';
import { CHALLENGE_HEADER, PROOF_HEADER, replyProof } from './proof.js';

export interface EndpointRequest {
  method: string;
  /** The request target as sent (path and query). */
  target: string;
  host: string | undefined;
  authorization: string | undefined;
  remoteAddress: string | undefined;
}

export interface EndpointSecrets {
  /** The random path, `/` included. */
  path: string;
  token: string;
  port: number;
}

export interface EndpointReply {
  status: number;
  body: string;
  /** The request asked the endpoint to stop (the post step's DELETE). */
  stop?: boolean;
}

/** Refused requests logged one by one; later ones are only counted. */
export const LOGGED_REFUSALS = 20;

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** Compared in constant time: digests of equal length, so neither length nor content leaks through timing. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function error(status: number, code: string, message: string): EndpointReply {
  return { status, body: JSON.stringify({ Code: code, Message: message }) };
}

/** The reply to one request. Pure: the current answer is passed in. */
export function answerRequest(req: EndpointRequest, secrets: EndpointSecrets, current: () => Answer): EndpointReply {
  if (!req.remoteAddress || !LOOPBACK.test(req.remoteAddress))
    return error(403, 'Forbidden', 'only this machine may ask');
  // A page in a browser reaching 127.0.0.1 under another name (DNS rebinding) carries that name in Host.
  const hosts = [`127.0.0.1:${secrets.port}`, `localhost:${secrets.port}`];
  if (!req.host || !hosts.includes(req.host.toLowerCase())) return error(403, 'Forbidden', 'unexpected Host header');
  if (req.authorization === undefined || req.authorization === '') {
    return error(
      401,
      'Unauthorized',
      'no Authorization header: set AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or AWS_CONTAINER_AUTHORIZATION_TOKEN as exported',
    );
  }
  if (!tokenMatches(req.authorization, secrets.token))
    return error(403, 'Forbidden', "the authorization token is not this endpoint's");
  if (req.target !== secrets.path) return error(404, 'NotFound', 'no such path');
  if (req.method === 'DELETE') return { status: 200, body: '{"Stopping":true}', stop: true };
  if (req.method !== 'GET') return error(405, 'MethodNotAllowed', 'use GET');
  const answer = current();
  // 5xx: botocore shows the body's text, and the JS SDK retries before giving up with the status.
  if ('error' in answer) return error(503, 'CredentialsUnavailable', answer.error);
  const c = answer.session.credentials;
  const doc: Record<string, string> = {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    Token: c.sessionToken ?? '',
    Expiration: c.expiration
      ? new Date(advertisedExpiration(c.expiration.getTime(), answer.refreshAt)).toISOString()
      : '',
  };
  const account = accountOfArn(answer.session.assumedRoleArn ?? '');
  if (account) doc['AccountId'] = account;
  return { status: 200, body: JSON.stringify(doc) };
}

export interface RunningEndpoint {
  port: number;
  url: string;
  /** Resolves when a DELETE asked the endpoint to stop. */
  stopRequested: Promise<void>;
  stats: { answers: number; refused: number; latenciesUs: number[] };
  close(): Promise<void>;
}

export interface EndpointOptions {
  path: string;
  token: string;
  /** 0 for a free port. */
  port: number;
  current(): Answer;
  log(line: string): void;
  /** Keep the last this many answer latencies (for the soak benchmark). */
  keepLatencies?: number;
}

/** Listens on 127.0.0.1 only; never logs a header, a token or a credential. */
export async function startCredentialsEndpoint(options: EndpointOptions): Promise<RunningEndpoint> {
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (requestStop = resolve));
  const stats: RunningEndpoint['stats'] = { answers: 0, refused: 0, latenciesUs: [] };
  const secrets: EndpointSecrets = { path: options.path, token: options.token, port: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const reply = answerRequest(
      {
        method: req.method ?? '',
        target: req.url ?? '',
        host: req.headers.host,
        authorization: req.headers.authorization,
        remoteAddress: req.socket.remoteAddress,
      },
      secrets,
      options.current,
    );
    // Every reply to a challenge is signed, refusals included: a client learns it talks to us before sending the token.
    const challenge = req.headers[CHALLENGE_HEADER];
    const proof = replyProof(
      options.token,
      typeof challenge === 'string' ? challenge : undefined,
      reply.status,
      reply.body,
    );
    res.writeHead(reply.status, {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      ...(proof ? { [PROOF_HEADER]: proof } : {}),
    });
    res.end(reply.body);
    if (reply.status === 200 && !reply.stop) {
      stats.answers++;
      if (options.keepLatencies) {
        // A ring: the last keepLatencies answers, without shifting an array on every request.
        stats.latenciesUs[(stats.answers - 1) % options.keepLatencies] =
          Number(process.hrtime.bigint() - started) / 1000;
      }
    } else if (reply.status !== 200) {
      stats.refused++;
      // One local process can send thousands a second: the first few say why, the rest are counted (see the stop line).
      if (stats.refused <= LOGGED_REFUSALS)
        options.log(
          `refused ${printable(req.method ?? '?', 20)} with ${reply.status} (${JSON.parse(reply.body).Message as string})`,
        );
      if (stats.refused === LOGGED_REFUSALS) options.log('further refused requests are counted, not logged');
    }
    if (reply.stop) requestStop();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  secrets.port = (server.address() as AddressInfo).port;
  return {
    port: secrets.port,
    url: `http://127.0.0.1:${secrets.port}${options.path}`,
    stopRequested,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
