/**
 * OpenID Connect discovery: fetch `<issuer>/.well-known/openid-configuration` and keep only what the login flow
 * needs, after checking it can be trusted (exact issuer, https endpoints, S256 PKCE).
 */
import { AwsError, InputError } from '../../errors.js';
import { httpRequest, NetworkError } from '../../http/request.js';
import { networkFailure } from '../../providers/context.js';

export const DISCOVERY_CALL = 'OIDC discovery';

export interface OidcMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** token_endpoint_auth_methods_supported, when the provider lists it. */
  tokenEndpointAuthMethods: string[] | undefined;
  /** RFC 9207: the provider adds `iss` to every authorization response, so its absence is an error. */
  issParameterSupported: boolean;
}

/** Loopback hosts may use plain http: the traffic never leaves the machine (and tests run local providers). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** https, or http to a loopback host. */
export function isTrustedEndpoint(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Checks the --issuer value itself and returns its discovery URL. */
export function discoveryUrl(issuer: string): string {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new InputError('issuer', 'is not a URL', 'Give the issuer URL, e.g. https://login.example.com/ or https://accounts.google.com');
  }
  if (!isTrustedEndpoint(url)) {
    throw new InputError('issuer', `uses ${url.protocol} on a host that is not loopback`, 'Use the https:// issuer URL your identity provider documents');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError('issuer', 'has a query, fragment or credentials', 'Give the bare issuer URL, exactly as the provider writes it in its tokens');
  }
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/** Validates a discovery document for `issuer`. Pure. */
export function parseDiscoveryDocument(issuer: string, body: string): OidcMetadata {
  const where = discoveryUrl(issuer);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError('issuer', `${where} did not return a JSON object`, 'Check --issuer: it is the URL in front of /.well-known/openid-configuration');
  }
  const meta = doc as Record<string, unknown>;
  if (meta['issuer'] !== issuer) {
    const named = typeof meta['issuer'] === 'string' ? `'${truncate(meta['issuer'])}'` : 'no issuer';
    const fix = typeof meta['issuer'] === 'string'
      ? `Pass --issuer exactly as the provider names itself (including any trailing slash): ${truncate(meta['issuer'])}`
      : 'Point --issuer at an OpenID Connect provider';
    throw new InputError('issuer', `the provider's configuration names ${named}, not '${issuer}'`, fix);
  }
  const endpoint = (field: string): string => {
    const value = meta[field];
    if (typeof value !== 'string' || !value) {
      throw new InputError('issuer', `the provider's configuration has no ${field}`, 'Use an OpenID Connect provider that supports the authorization code flow');
    }
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InputError('issuer', `the provider's ${field} is not a URL`, 'Fix the provider\'s OpenID configuration');
    }
    if (!isTrustedEndpoint(url)) {
      throw new InputError('issuer', `the provider's ${field} is not https`, 'Only https endpoints are used (plain http only on loopback); fix the provider\'s configuration');
    }
    return value;
  };
  const methods = stringList(meta['code_challenge_methods_supported']);
  if (methods && !methods.includes('S256')) {
    throw new InputError('issuer', 'the provider does not list S256 in code_challenge_methods_supported', 'Enable PKCE with S256 for this provider (or its application settings)');
  }
  const responseTypes = stringList(meta['response_types_supported']);
  if (responseTypes && !responseTypes.includes('code')) {
    throw new InputError('issuer', 'the provider does not support response_type=code', 'Use a provider that supports the authorization code flow');
  }
  return {
    issuer,
    authorizationEndpoint: endpoint('authorization_endpoint'),
    tokenEndpoint: endpoint('token_endpoint'),
    jwksUri: endpoint('jwks_uri'),
    tokenEndpointAuthMethods: stringList(meta['token_endpoint_auth_methods_supported']),
    issParameterSupported: meta['authorization_response_iss_parameter_supported'] === true,
  };
}

/** Fetches and validates the issuer's discovery document. */
export async function discover(issuer: string, timeoutMs: number): Promise<OidcMetadata> {
  const url = discoveryUrl(issuer);
  let res;
  try {
    res = await httpRequest({ url, method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
  } catch (err) {
    if (err instanceof NetworkError) throw networkFailure(DISCOVERY_CALL, err, 'check --issuer');
    throw err;
  }
  if (res.status === 404) {
    throw new InputError('issuer', `${url} answered HTTP 404`, 'Check --issuer: it is the URL in front of /.well-known/openid-configuration');
  }
  if (res.status !== 200) {
    throw new AwsError(DISCOVERY_CALL, `HTTP${res.status}`, '', `The provider could not serve ${url}; try again later`, res.status >= 500 || res.status === 429);
  }
  return parseDiscoveryDocument(issuer, res.body);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function truncate(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}...` : value;
}
