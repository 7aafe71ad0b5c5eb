/** Which proxy a request goes through: `http-proxy` if given, else HTTPS_PROXY/HTTP_PROXY, minus NO_PROXY. Pure. */
import { InputError } from '../errors.js';

type Env = Record<string, string | undefined>;

/**
 * HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the environment set them (each lower-case name first, as curl reads them).
 */
export interface ProxyVariables {
  https?: string;
  http?: string;
  noProxy?: string;
}

/** The proxy variables of `env`, read once; undefined when it sets none. A bad URL is refused where it is used. */
export function proxyVariables(env: Env): ProxyVariables | undefined {
  const read = (name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
  const variables: ProxyVariables = {};
  const [https, http, noProxy] = [read('https_proxy'), read('http_proxy'), read('no_proxy')];
  if (https) variables.https = https;
  if (http) variables.http = http;
  if (noProxy) variables.noProxy = noProxy;
  return https || http || noProxy ? variables : undefined;
}

/** The proxy URL for `target`, or undefined for a direct connection. `explicit` is the `http-proxy` input. */
export function proxyFor(target: URL, env: Env, explicit?: string): URL | undefined {
  return chooseProxy(target, proxyVariables(env) ?? {}, explicit);
}

/** As proxyFor, from variables already read (the config's). */
export function chooseProxy(target: URL, variables: ProxyVariables, explicit?: string): URL | undefined {
  const raw = explicit || (target.protocol === 'https:' ? variables.https : variables.http);
  if (!raw) return undefined;
  if (noProxyMatches(target, variables.noProxy ?? '')) return undefined;
  return parseProxyUrl(raw, explicit ? 'http-proxy' : target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY');
}

export function parseProxyUrl(raw: string, input: string): URL {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new InputError(
      input,
      'is not a proxy URL',
      'Use http://host:port (credentials, if any, as http://user:password@host:port)',
    );
  }
  if (url.protocol !== 'http:') {
    throw new InputError(
      input,
      `uses ${url.protocol.replace(':', '')}, which is not supported`,
      'Use an http:// proxy; HTTPS requests are tunnelled through it with CONNECT, so TLS stays end to end',
    );
  }
  return url;
}

/**
 * NO_PROXY as curl reads it: `*`, host names (a leading dot or not: the name and its subdomains), IPs, optional
 * `:port`.
 */
export function noProxyMatches(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const entry of noProxy
    .split(/[\s,]+/)
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)) {
    if (entry === '*') return true;
    // A bare IPv6 address has colons of its own: only a bracketed one can carry a port.
    const match =
      entry.split(':').length > 2 && !entry.startsWith('[')
        ? [entry, entry, undefined]
        : /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry);
    if (!match) continue;
    const [, name = '', entryPort] = match;
    if (entryPort && entryPort !== port) continue;
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** A proxy URL safe to print: without its credentials. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}
