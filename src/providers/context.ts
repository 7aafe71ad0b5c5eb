/** What a provider may use from the outside world: all of it passed in, so tests can drive every path. */
import { readFileSync } from 'node:fs';
import type { RetryClock } from '../retry.js';
import { systemClock, withRetry } from '../retry.js';
import { AwsError } from '../errors.js';
import { httpRequest, NetworkError, type HttpRequest, type HttpResponse } from '../http/request.js';
import { proxyFor } from '../config/proxy.js';
import type { Config, Source } from '../config/model.js';
import type { Session } from '../credentials.js';

/** Every source of credentials: one function of this shape, found by mode in registry.ts. */
export type Provider<S extends Source = Source> = (source: S, config: Config, ctx: ProviderContext) => Promise<Session>;

export interface ProviderContext {
  env: Record<string, string | undefined>;
  clock: RetryClock;
  /** Epoch ms by which the whole exchange must be over (action-timeout-s). */
  deadline: number;
  maxAttempts: number;
  /** Registers a secret with the log masker the moment it is known. */
  mask(value: string): void;
  debug(message: string): void;
  readFile(path: string): Buffer;
  /** The proxy for a request to `url` (http-proxy, HTTPS_PROXY/HTTP_PROXY, NO_PROXY), or undefined. */
  proxyFor(url: string): URL | undefined;
  /** The `sts-endpoint` input: overrides the SDK's endpoint rules for STS. */
  stsEndpoint?: string;
  /** The transport every request goes through, the SDK's included (a fake one in unit tests). */
  http(req: HttpRequest): Promise<HttpResponse>;
}

export interface ContextOptions {
  env: Record<string, string | undefined>;
  retry: { maxAttempts: number; timeoutMs: number };
  httpProxy?: string | undefined;
  stsEndpoint?: string | undefined;
  /** The `no-proxy` input: hosts reached directly, added to NO_PROXY. */
  noProxy?: string | undefined;
  mask(value: string): void;
  debug(message: string): void;
  clock?: RetryClock;
  readFile?(path: string): Buffer;
  http?(req: HttpRequest): Promise<HttpResponse>;
}

/** The one way the action and the CLI build a provider's world: deadline from now, proxies from the env and inputs. */
export function createProviderContext(options: ContextOptions): ProviderContext {
  const clock = options.clock ?? systemClock;
  return {
    env: options.env,
    clock,
    deadline: clock.now() + options.retry.timeoutMs,
    maxAttempts: options.retry.maxAttempts,
    mask: options.mask,
    debug: options.debug,
    readFile: options.readFile ?? ((path) => readFileSync(path)),
    proxyFor: (url) => proxyFor(new URL(url), withNoProxy(options.env, options.noProxy), options.httpProxy),
    ...(options.stsEndpoint ? { stsEndpoint: options.stsEndpoint } : {}),
    http: options.http ?? httpRequest,
  };
}

/** NO_PROXY with the `no-proxy` input's hosts added (the lower-case form is the one read first). */
function withNoProxy(
  env: Record<string, string | undefined>,
  extra: string | undefined,
): Record<string, string | undefined> {
  if (!extra) return env;
  const merged = [env['no_proxy'] || env['NO_PROXY'], extra].filter(Boolean).join(',');
  return { ...env, no_proxy: merged, NO_PROXY: merged };
}

const TRANSIENT_NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
]);

/** What to do about a network failure no retry will change, by its code. */
const NETWORK_HINTS: Record<string, string> = {
  EPROXYAUTH: 'The proxy refused its credentials: check the user and password in http-proxy or HTTPS_PROXY',
  EPROXY: 'The proxy would not open a tunnel: check http-proxy / HTTPS_PROXY, and NO_PROXY for hosts to reach directly',
  EINSECURE: 'Use an https:// endpoint: tokens, signatures and credentials never cross the network in cleartext',
};

const UNTRUSTED_SERVER =
  "The server's TLS certificate was not trusted; TLS verification stays on: fix the endpoint, " +
  'or add its CA (NODE_EXTRA_CA_CERTS, or ca-certificate for IoT)';

/**
 * A network failure as an AwsError: transient ones retried, the rest (DNS, TLS) explained. `untrustedHint` replaces
 * the advice for a server certificate that was not trusted.
 */
export function networkFailure(
  call: string,
  err: NetworkError,
  endpointHint: string,
  untrustedHint = UNTRUSTED_SERVER,
): AwsError {
  if (TRANSIENT_NETWORK.has(err.code)) return new AwsError(call, err.code, err.message, '', true);
  let hint = NETWORK_HINTS[err.code] ?? '';
  if (err.code === 'ENOTFOUND') hint = `The host name does not resolve: ${endpointHint}`;
  else if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/i.test(err.code)) hint = untrustedHint;
  return new AwsError(call, err.code, err.message, hint, false);
}

/** Runs a call's attempts within the context's bounds (retry-max-attempts, action-timeout-s), logging each retry. */
export function retrying<T>(
  ctx: ProviderContext,
  call: string,
  attempt: (n: number, timeoutMs: number) => Promise<T>,
): Promise<T> {
  return withRetry(
    call,
    attempt,
    { maxAttempts: ctx.maxAttempts, deadline: ctx.deadline },
    ctx.clock,
    (err, n, delay) => ctx.debug(`${call}: attempt ${n} failed with ${err.code}; retrying in ${delay} ms`),
  );
}

/** One request through the context's proxy; a failure below HTTP becomes the AwsError `toAwsError` makes of it. */
export async function send(
  ctx: ProviderContext,
  req: Omit<HttpRequest, 'proxy'>,
  toAwsError: (err: NetworkError) => AwsError,
): Promise<HttpResponse> {
  try {
    return await ctx.http({ ...req, proxy: ctx.proxyFor(req.url) });
  } catch (err) {
    if (err instanceof NetworkError) throw toAwsError(err);
    throw err;
  }
}
