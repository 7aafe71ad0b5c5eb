/**
 * One HTTP(S) request with a hard deadline covering connect, TLS, headers and body. Node's own http/https modules:
 * they do mutual TLS natively and cost a fraction of an HTTP library's start-up. https is loaded only when used.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

export interface TlsClientOptions {
  cert?: string;
  key?: import('node:crypto').KeyObject | string;
  ca?: string[];
  servername?: string;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers?: OutgoingHttpHeaders;
  body?: string;
  timeoutMs: number;
  tls?: TlsClientOptions;
  /** Connect here instead of the URL's host (tests reach a real-looking host name on loopback). */
  lookupAddress?: string;
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
      if (req.tls?.cert) options.cert = req.tls.cert;
      if (req.tls?.key) options.key = req.tls.key as never;
      if (req.tls?.ca) options.ca = req.tls.ca;
    }
    if (req.lookupAddress) {
      const address = req.lookupAddress;
      options.lookup = ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (opts?.all) cb(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
        else cb(null, address, address.includes(':') ? 6 : 4);
      }) as never;
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

function toNetworkError(err: NodeJS.ErrnoException, host: string): NetworkError {
  const code = err.code ?? 'ERR_NETWORK';
  return new NetworkError(code, `talking to ${host}: ${err.message}`);
}

function isIpAddress(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
