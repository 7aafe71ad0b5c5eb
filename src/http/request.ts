/**
 * One HTTP(S) request with a hard deadline covering connect, TLS, headers and body. Node's own http/https modules:
 * they do mutual TLS natively and cost a fraction of an HTTP library's start-up. https is loaded only when used.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { describeProxy } from './proxy.js';

export interface TlsClientOptions {
  /** Client certificate, key and trust, prepared once for every attempt (see iot-tls.ts). */
  secureContext?: import('node:tls').SecureContext;
  servername?: string;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: OutgoingHttpHeaders;
  body?: string;
  timeoutMs: number;
  tls?: TlsClientOptions;
  /** Send through this HTTP proxy (CONNECT tunnel for https, so TLS and the client certificate stay end to end). */
  proxy?: URL;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A failure below HTTP: refused, reset, timed out, TLS alert. `code` is Node's error code or `ETIMEDOUT`. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Responses larger than this are not credentials: stop reading rather than buffer without bound. */
const MAX_BODY_BYTES = 1 << 20;

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const isHttps = url.protocol === 'https:';
  const mod = isHttps ? await import('node:https') : await import('node:http');
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, res?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) {
        request.destroy();
        reject(err);
      } else resolve(res!);
    };
    const options: import('node:https').RequestOptions = {
      method: req.method,
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (isHttps ? 443 : 80),
      path: url.pathname + url.search,
      headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}) },
      agent: false,
    };
    if (isHttps) {
      options.minVersion = 'TLSv1.2';
      options.servername = req.tls?.servername ?? (isIpAddress(url.hostname) ? undefined : url.hostname);
      // https passes it through to tls.connect; its RequestOptions type does not list it.
      if (req.tls?.secureContext) (options as import('node:tls').ConnectionOptions).secureContext = req.tls.secureContext;
    }
    if (req.proxy && !isHttps) {
      // Plain http through a proxy: the absolute URL goes to the proxy itself.
      options.hostname = req.proxy.hostname;
      options.port = req.proxy.port || 80;
      options.path = url.toString();
      options.headers = { ...options.headers, host: url.host, ...proxyAuthorization(req.proxy) };
    } else if (req.proxy) {
      const proxy = req.proxy;
      // An agent of our own whose sockets are TLS over a CONNECT tunnel (request-level createConnection is ignored
      // once an agent is involved, and agent: false creates one).
      const agent = new (mod as typeof import('node:https')).Agent({ keepAlive: false });
      agent.createConnection = ((_opts: unknown, oncreate: (err: Error | null, socket?: import('node:net').Socket) => void) => {
        openTunnel(proxy, url, req.timeoutMs).then(
          async (tunnel) => oncreate(null, await tunnelTls(tunnel, options)),
          (err: Error) => oncreate(err),
        );
        return undefined;
      }) as never;
      options.agent = agent;
    }
    const request = mod.request(options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) finish(new NetworkError('EMSGSIZE', `response from ${url.host} exceeds ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('aborted', () => finish(new NetworkError('ECONNRESET', `connection to ${url.host} was reset while reading the response`)));
      res.on('error', (err: NodeJS.ErrnoException) => finish(toNetworkError(err, url.host)));
    });
    const timer = setTimeout(
      () => finish(new NetworkError('ETIMEDOUT', `no complete response from ${url.host} within ${Math.round(req.timeoutMs)} ms`)),
      req.timeoutMs,
    );
    request.on('error', (err: NodeJS.ErrnoException) => finish(toNetworkError(err, url.host)));
    request.end(req.body);
  });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (!proxy.username) return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

/** Asks the proxy for a raw TCP tunnel to the target (HTTP CONNECT). */
async function openTunnel(proxy: URL, target: URL, timeoutMs: number): Promise<import('node:net').Socket> {
  const http = await import('node:http');
  const authority = `${target.hostname}:${target.port || 443}`;
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: proxy.hostname,
      port: proxy.port || 80,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...proxyAuthorization(proxy) },
      agent: false,
      timeout: timeoutMs,
    });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) return resolve(socket);
      socket.destroy();
      // 407 is the standard answer; some proxies (tinyproxy) answer 401.
      const code = res.statusCode === 407 || res.statusCode === 401 ? 'EPROXYAUTH' : 'EPROXY';
      reject(new NetworkError(code, `proxy ${describeProxy(proxy)} refused CONNECT ${authority} with HTTP ${res.statusCode}`));
    });
    req.on('timeout', () => req.destroy(new NetworkError('ETIMEDOUT', `proxy ${describeProxy(proxy)} did not open a tunnel in time`)));
    req.on('error', (err: NodeJS.ErrnoException) => reject(err instanceof NetworkError ? err : new NetworkError(err.code ?? 'EPROXY', `proxy ${describeProxy(proxy)}: ${err.message}`)));
    req.end();
  });
}

/** TLS to the target over the tunnel: SNI, verification and the client certificate exactly as without a proxy. */
async function tunnelTls(socket: import('node:net').Socket, options: import('node:https').RequestOptions): Promise<import('node:net').Socket> {
  // Already loaded with https, so importing it here costs nothing more.
  const { connect } = await import('node:tls');
  return connect({
    socket,
    servername: options.servername as string | undefined,
    minVersion: options.minVersion,
    secureContext: (options as import('node:tls').ConnectionOptions).secureContext,
  } as import('node:tls').ConnectionOptions);
}

function toNetworkError(err: NodeJS.ErrnoException, host: string): NetworkError {
  if (err instanceof NetworkError) return err;
  const code = err.code ?? 'ERR_NETWORK';
  return new NetworkError(code, `talking to ${host}: ${err.message}`);
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
