/** What a provider may use from the outside world: all of it passed in, so tests can drive every path. */
import { readFileSync } from 'node:fs';
import type { RetryClock } from '../retry.js';
import { systemClock, withRetry } from '../retry.js';
import { AwsError } from '../errors.js';
import { httpRequest, NetworkError, type HttpRequest, type HttpResponse } from '../http/request.js';
import { chooseProxy, type ProxyVariables } from '../config/proxy.js';
import type { Config, EndpointSetting, Source } from '../config/model.js';
import type { UserAgentField } from '../config/run-user-agent.js';
import type { Session } from '../credentials.js';
import { UNTRUSTED_SERVER_FIX } from './network-advice.js';

/** Every source of credentials: one function of this shape, found by mode in registry.ts. */
export type Provider<S extends Source = Source> = (source: S, config: Config, ctx: ProviderContext) => Promise<Session>;

export interface ProviderContext {
  clock: RetryClock;
  /** Epoch ms by which the whole exchange must be over (action-timeout-s). */
  deadline: number;
  maxAttempts: number;
  /**
   * Registers a secret with the log masker the moment it is known; `kind` names the values a front-end may choose to
   * leave readable (an access key id is an identifier, shown in the summary when CloudTrail correlation is asked for).
   */
  mask(value: string, kind?: MaskKind): void;
  debug(message: string): void;
  /** Something the user should act on that did not stop the exchange (a hop retried without its source identity). */
  warn(message: string): void;
  readFile(path: string): Buffer;
  /** The proxy for a request to `url` (http-proxy, HTTPS_PROXY/HTTP_PROXY, NO_PROXY), or undefined. */
  proxyFor(url: string): URL | undefined;
  /** The `sts-endpoint` input: overrides the SDK's endpoint rules for STS. */
  stsEndpoint?: string;
  /** AWS_ENDPOINT_URL_STS (or AWS_ENDPOINT_URL) as read into the config, checked when STS is called. */
  stsEndpointSetting?: EndpointSetting;
  /** The transport every request goes through, the SDK's included (a fake one in unit tests). */
  http(req: HttpRequest): Promise<HttpResponse>;
  /** What STS's User-Agent adds to the SDK's: this project's name and the run's `md/` fields. */
  stsUserAgent?: Array<[string, string?]>;
}

/** What a masked value is, where it is not simply a secret. */
export type MaskKind = 'access-key-id';

export interface ContextOptions {
  retry: { maxAttempts: number; timeoutMs: number };
  httpProxy?: string | undefined;
  /** The environment's proxy variables, as read into the config. */
  proxyVariables?: ProxyVariables | undefined;
  stsEndpoint?: string | undefined;
  stsEndpointSetting?: EndpointSetting | undefined;
  /** The `no-proxy` input: hosts reached directly, added to NO_PROXY. */
  noProxy?: string | undefined;
  /** The run's User-Agent fields, as read into the config. */
  userAgentFields?: UserAgentField[] | undefined;
  mask(value: string, kind?: MaskKind): void;
  debug(message: string): void;
  /** Default: the debug lines. */
  warn?(message: string): void;
  clock?: RetryClock;
  readFile?(path: string): Buffer;
  http?(req: HttpRequest): Promise<HttpResponse>;
}

/** The one way the action and the CLI build a provider's world: deadline from now, proxies from the config. */
export function createProviderContext(options: ContextOptions): ProviderContext {
  const clock = options.clock ?? systemClock;
  const proxies = withNoProxy(options.proxyVariables ?? {}, options.noProxy);
  return {
    clock,
    deadline: clock.now() + options.retry.timeoutMs,
    maxAttempts: options.retry.maxAttempts,
    mask: options.mask,
    debug: options.debug,
    warn: options.warn ?? ((message) => options.debug(`warning: ${message}`)),
    readFile: options.readFile ?? ((path) => readFileSync(path)),
    proxyFor: (url) => chooseProxy(new URL(url), proxies, options.httpProxy),
    ...(options.stsEndpoint ? { stsEndpoint: options.stsEndpoint } : {}),
    ...(options.stsEndpointSetting ? { stsEndpointSetting: options.stsEndpointSetting } : {}),
    http: options.http ?? httpRequest,
    stsUserAgent: [
      ['aws-short-lived-credentials'],
      ...(options.userAgentFields ?? []).map(({ label, value }): [string, string] => ['md', `${label}#${value}`]),
    ],
  };
}

/** NO_PROXY with the `no-proxy` input's hosts added. */
function withNoProxy(variables: ProxyVariables, extra: string | undefined): ProxyVariables {
  if (!extra) return variables;
  return { ...variables, noProxy: [variables.noProxy, extra].filter(Boolean).join(',') };
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

/**
 * A network failure as an AwsError: transient ones retried, the rest (DNS, TLS) explained. `untrustedHint` replaces
 * the advice for a server certificate that was not trusted.
 */
export function networkFailure(
  call: string,
  err: NetworkError,
  endpointHint: string,
  untrustedHint = UNTRUSTED_SERVER_FIX,
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
