/**
 * One HTTP(S) request through undici, with a hard deadline covering connect, TLS, headers and body, a bounded body,
 * and the proxy chosen by proxy.ts (undici's ProxyAgent opens the CONNECT tunnel and verifies TLS through it exactly
 * as on a direct connection). The only way out of the process for every request, the SDK's included (sdk-handler.ts).
 */
import type { SecureContext } from 'node:tls';
import type { Dispatcher } from 'undici';
import { Agent, ProxyAgent } from './undici.js';
import { describeProxy } from '../config/proxy.js';
import { isLoopbackHost } from '../config/endpoint-url.js';

interface TlsClientOptions {
  /** Client certificate, key and trust, prepared once for every attempt (see providers/client-tls.ts). */
  secureContext?: SecureContext;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs: number;
  tls?: TlsClientOptions;
  /** Send through this HTTP proxy (a CONNECT tunnel, so TLS and the client certificate stay end to end). */
  proxy?: URL | undefined;
  /** Stop reading past this many bytes (default 1 MiB: larger answers are not credentials). */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

/** A failure below HTTP: refused, reset, timed out, TLS alert, proxy refusal. `code` is Node's, or one of ours. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1 << 20;

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  requireSafeScheme(url);
  const dispatcher = dispatcherFor(req, url);
  const signal = AbortSignal.timeout(Math.max(1, Math.round(req.timeoutMs)));
  try {
    const res = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: req.method,
      headers: req.headers ?? {},
      body: req.body ?? null,
      signal,
      headersTimeout: req.timeoutMs,
      bodyTimeout: req.timeoutMs,
    });
    const body = await readBounded(res.body, req.maxBodyBytes ?? MAX_BODY_BYTES, url.host);
    return { status: res.statusCode, headers: flatHeaders(res.headers), body };
  } catch (err) {
    if (signal.aborted)
      throw new NetworkError(
        'ETIMEDOUT',
        `no complete response from ${url.host} within ${Math.round(req.timeoutMs)} ms`,
      );
    throw toNetworkError(err, url, req.proxy);
  } finally {
    dispatcher.destroy().catch(() => undefined);
  }
}

const SAFE_SCHEMES = 'only https, or http to a loopback address (127.0.0.0/8, [::1], localhost), is allowed';

/** Plain http carries tokens and signatures in the clear: only to a host written as loopback. */
function requireSafeScheme(url: URL): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
  throw new NetworkError(
    'EINSECURE',
    `refusing to send a credential request to ${url.protocol}//${url.host} in cleartext: ${SAFE_SCHEMES}`,
  );
}

function dispatcherFor(req: HttpRequest, url: URL): Dispatcher {
  const tls = {
    minVersion: 'TLSv1.2' as const,
    ...(req.tls?.secureContext ? { secureContext: req.tls.secureContext } : {}),
  };
  const timeouts = { connectTimeout: req.timeoutMs, headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs };
  // Plain http goes to the proxy in absolute form (many proxies refuse CONNECT to port 80); https is tunnelled.
  if (req.proxy) return new ProxyAgent({ uri: req.proxy.href, requestTls: tls, proxyTunnel: false, ...timeouts });
  return new Agent({ connect: { ...tls, timeout: req.timeoutMs }, ...timeouts });
}

async function readBounded(body: AsyncIterable<Buffer>, max: number, host: string): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw new NetworkError('EMSGSIZE', `response from ${host} exceeds ${max} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers))
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/** undici's and Node's failures under the codes the providers reason about. */
function toNetworkError(err: unknown, url: URL, proxy: URL | undefined): NetworkError {
  if (err instanceof NetworkError) return err;
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const message = e.message ?? String(err);
  const tunnel = /Proxy response \((\d+)\)/.exec(message);
  if (proxy && tunnel) {
    // 407 is the standard answer; some proxies (tinyproxy) answer 401.
    const status = Number(tunnel[1]);
    const code = status === 407 || status === 401 ? 'EPROXYAUTH' : 'EPROXY';
    return new NetworkError(
      code,
      `proxy ${describeProxy(proxy)} refused CONNECT ${url.hostname}:${url.port || 443} with HTTP ${status}`,
    );
  }
  const raw = e.cause?.code ?? e.code ?? 'ERR_NETWORK';
  const code = UNDICI_CODES[raw] ?? raw;
  return new NetworkError(
    code,
    `talking to ${url.host}${proxy ? ` through proxy ${describeProxy(proxy)}` : ''}: ${e.cause?.message ?? message}`,
  );
}

const UNDICI_CODES: Record<string, string> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
};
