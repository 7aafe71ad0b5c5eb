/**
 * A request handler for the AWS SDK's clients over this project's one transport (request.ts): the same proxy rules,
 * loopback-only cleartext, bounded bodies and per-attempt deadline as every other request. The SDK's own retries are
 * switched off (maxAttempts: 1) by the caller; retrying is the provider's policy, not two policies multiplied.
 */
import { Readable } from 'node:stream';
import { HttpResponse, buildQueryString } from '@smithy/core/protocols';
import type { HttpRequest as SdkRequest } from '@smithy/types';
import type { HttpRequest, HttpResponse as TransportResponse } from './request.js';

export interface SdkRequestHandler {
  handle(request: SdkRequest): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

/** `settings()` is read per request: the caller sets the attempt's timeout and proxy before each send. */
export interface HandlerSettings {
  timeoutMs: number;
  proxyFor(url: string): URL | undefined;
  http(req: HttpRequest): Promise<TransportResponse>;
}

export function sdkRequestHandler(settings: () => HandlerSettings): SdkRequestHandler {
  return {
    async handle(request) {
      const query = buildQueryString(request.query ?? {});
      const port = request.port ? `:${request.port}` : '';
      const url = `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
      const headers: Record<string, string> = {};
      // undici derives host and content-length from the URL and body; the signed values are the same.
      for (const [name, value] of Object.entries(request.headers))
        if (!/^(host|content-length)$/i.test(name)) headers[name] = value;
      const { timeoutMs, proxyFor, http } = settings();
      const res = await http({
        url,
        method: request.method === 'GET' ? 'GET' : 'POST',
        headers,
        ...(request.body !== undefined && request.body !== null ? { body: request.body as string | Uint8Array } : {}),
        timeoutMs,
        proxy: proxyFor(url),
      });
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) responseHeaders[name] = value;
      return {
        response: new HttpResponse({
          statusCode: res.status,
          headers: responseHeaders,
          body: Readable.from([Buffer.from(res.body, 'utf8')]),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  };
}
