/**
 * The fetch openid-client calls, over the same context and transport as every exchange: the same proxy rules
 * (http-proxy, HTTPS_PROXY/HTTP_PROXY, NO_PROXY), loopback-only cleartext, bounded bodies and retry policy. Reads
 * (discovery, keys) are retried on transient failures; the code exchange is sent once, since a code is single-use.
 */
import type * as oidc from 'openid-client';
import { AwsError } from '../../errors.js';
import { NetworkError } from '../../http/request.js';
import { proxyVariables } from '../../config/proxy.js';
import { createProviderContext, retrying } from '../../providers/context.js';

const ATTEMPT_TIMEOUT_MS = 15_000;

export interface TransportFetchOptions {
  env: Record<string, string | undefined>;
  httpProxy?: string | undefined;
  /** The whole sign-in's bound. */
  timeoutMs: number;
}

export function transportFetch(options: TransportFetchOptions): oidc.CustomFetch {
  const ctx = createProviderContext({
    proxyVariables: proxyVariables(options.env),
    retry: { maxAttempts: 3, timeoutMs: options.timeoutMs },
    httpProxy: options.httpProxy,
    mask: () => undefined,
    debug: () => undefined,
  });
  return (async (url: string, init: oidc.CustomFetchOptions) => {
    const method = (init.method ?? 'GET').toUpperCase() === 'POST' ? 'POST' : 'GET';
    const headers: Record<string, string> = {};
    new Headers(init.headers as ConstructorParameters<typeof Headers>[0]).forEach((value, name) => {
      headers[name] = value;
    });
    const body = init.body === undefined || init.body === null ? undefined : String(init.body);
    // What the last attempt saw: retrying() rewraps its error, so the answer to hand back is kept here.
    let lastResponse: Response | undefined;
    let lastNetworkError: NetworkError | undefined;
    const once = async (_attempt: number, timeoutMs: number): Promise<Response> => {
      const res = await ctx.http({
        url,
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        timeoutMs: Math.min(timeoutMs, ATTEMPT_TIMEOUT_MS),
        proxy: ctx.proxyFor(url),
      });
      const response = new Response(res.body, {
        status: res.status,
        headers: Object.entries(res.headers).filter((e): e is [string, string] => e[1] !== undefined),
      });
      if (method === 'GET' && (res.status >= 500 || res.status === 429)) {
        lastResponse = response;
        throw new AwsError(`GET ${new URL(url).origin}`, `HTTP ${res.status}`, '', '', true);
      }
      return response;
    };
    if (method === 'POST') return once(1, ATTEMPT_TIMEOUT_MS);
    try {
      return await retrying(ctx, `GET ${new URL(url).origin}`, async (attempt, timeoutMs) => {
        try {
          return await once(attempt, timeoutMs);
        } catch (err) {
          // Resets and timeouts are worth another read; the rest (DNS, TLS, a proxy's refusal) surface as they are.
          if (err instanceof NetworkError && (err.code === 'ECONNRESET' || err.code === 'ETIMEDOUT')) {
            lastNetworkError = err;
            lastResponse = undefined;
            throw new AwsError(`GET ${new URL(url).origin}`, err.code, '', '', true);
          }
          throw err;
        }
      });
    } catch (err) {
      // Still failing after the retries: hand the sign-in the network error it explains (or the last answer's status).
      if (lastResponse) return lastResponse;
      if (lastNetworkError) throw lastNetworkError;
      throw err;
    }
  }) as unknown as oidc.CustomFetch;
}
