/**
 * `login`: a person at a terminal signs in to an OpenID Connect provider in their browser (authorization code flow
 * with PKCE, loopback redirect) and gets back a verified id-token for AssumeRoleWithWebIdentity. The protocol is
 * openid-client's (discovery, PKCE, code exchange, id-token signature and claims with the nonce); this module adds
 * the loopback callback, the proxy, and errors that say what to do.
 */
import { spawn } from 'node:child_process';
import * as oidc from 'openid-client';
import { transportFetch } from './transport-fetch.js';
import { AwsError, InputError } from '../../errors.js';
import { idTokenHint, networkHint, tokenErrorHint } from './advice.js';
import { startCallbackServer } from './callback-server.js';

const DISCOVERY_CALL = 'OIDC discovery';
const TOKEN_CALL = 'OIDC token request';
const VERIFY_CALL = 'OIDC id-token verification';

export interface LoginOptions {
  issuer: string;
  clientId: string;
  /** Confidential clients only; sent with client_secret_basic (or _post when that is all the provider takes). */
  clientSecret?: string;
  /** `openid` is always requested. */
  scopes?: string[];
  port?: number;
  openBrowser: boolean;
  /** How long the person has to finish signing in. */
  timeoutMs: number;
  print: (line: string) => void;
  /** Where HTTPS_PROXY/HTTP_PROXY/NO_PROXY are read from (default: this process's environment). */
  env?: Record<string, string | undefined>;
  /** The http-proxy input: overrides HTTPS_PROXY/HTTP_PROXY. */
  httpProxy?: string;
}

export interface LoginResult {
  idToken: string;
  claims: Record<string, unknown>;
  expiresAt: Date;
}

/** The one-time values of a sign-in, kept in this process only. */
export interface SignInChecks {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** An id-token the library refused; `check` names the claim (iss, aud, exp, nonce, ...) or `signature`. */
export class IdTokenError extends AwsError {
  constructor(
    readonly check: string,
    problem: string,
  ) {
    super(VERIFY_CALL, 'InvalidIdToken', problem, idTokenHint(check), false);
  }
}

/** No single request to the provider waits longer than this. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Loopback hosts may use plain http: the traffic never leaves the machine (and tests run local providers). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Checks the --issuer value itself (https, or http on loopback; no query, fragment or credentials). Pure. */
function parseIssuer(issuer: string): URL {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new InputError(
      'issuer',
      'is not a URL',
      'Give the issuer URL, e.g. https://login.example.com/ or https://accounts.google.com',
    );
  }
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
    throw new InputError(
      'issuer',
      `uses ${url.protocol} on a host that is not loopback`,
      'Use the https:// issuer URL your identity provider documents',
    );
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InputError(
      'issuer',
      'has a query, fragment or credentials',
      'Give the bare issuer URL, exactly as the provider writes it in its tokens',
    );
  }
  return url;
}

/** Discovers the issuer and returns the client's configuration, the client authentication chosen from its metadata. */
export async function discoverClient(
  options: Pick<LoginOptions, 'issuer' | 'clientId' | 'clientSecret' | 'env' | 'httpProxy' | 'timeoutMs'>,
): Promise<oidc.Configuration> {
  if (!options.clientId)
    throw new InputError('client-id', 'is empty', 'Give the client (application) id registered at the provider');
  const issuer = parseIssuer(options.issuer);
  const customFetch = transportFetch({
    env: options.env ?? process.env,
    httpProxy: options.httpProxy,
    timeoutMs: options.timeoutMs,
  });
  const insecure = issuer.protocol === 'http:';
  const timeout = Math.ceil(Math.min(options.timeoutMs, REQUEST_TIMEOUT_MS) / 1000);
  let discovered: oidc.Configuration;
  try {
    discovered = await oidc.discovery(issuer, options.clientId, undefined, oidc.None(), {
      [oidc.customFetch]: customFetch,
      timeout,
      ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  } catch (err) {
    throw discoveryError(err, issuer.href);
  }
  const server = discovered.serverMetadata();
  const methods = server.code_challenge_methods_supported;
  if (Array.isArray(methods) && !server.supportsPKCE('S256')) {
    throw new InputError(
      'issuer',
      'the provider does not list S256 in code_challenge_methods_supported',
      'Enable PKCE with S256 for this provider (or its application settings)',
    );
  }
  const secret = options.clientSecret;
  const auth =
    secret === undefined
      ? oidc.None()
      : onlyPost(server.token_endpoint_auth_methods_supported)
        ? oidc.ClientSecretPost(secret)
        : oidc.ClientSecretBasic(secret);
  const config = new oidc.Configuration(server, options.clientId, secret, auth);
  config[oidc.customFetch] = customFetch;
  config.timeout = timeout;
  if (insecure) oidc.allowInsecureRequests(config);
  // openid-client trusts TLS for an id-token from the token endpoint; the signature is checked too, as it was here.
  oidc.enableNonRepudiationChecks(config);
  return config;
}

/** Fresh one-time values for a sign-in: the PKCE verifier, the state and the nonce. */
export function newSignInChecks(): SignInChecks {
  return { codeVerifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
}

/** The URL the browser opens: the provider's endpoint with the code-flow parameters. */
export async function authorizationUrl(
  config: oidc.Configuration,
  redirectUri: string,
  scopes: string[] | undefined,
  checks: SignInChecks,
): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: ['openid', ...(scopes ?? []).filter((s) => s && s !== 'openid')].join(' '),
    code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
    code_challenge_method: 'S256',
    state: checks.state,
    nonce: checks.nonce,
  });
}

/** Redeems the callback's code with the PKCE verifier and returns the id-token once its signature and claims hold. */
export async function redeemCallback(
  config: oidc.Configuration,
  callback: URL,
  checks: SignInChecks,
): Promise<LoginResult> {
  let tokens;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    throw tokenError(err, config.clientMetadata().client_secret !== undefined);
  }
  const claims = tokens.claims();
  const idToken = tokens.id_token;
  if (!claims || !idToken) throw new IdTokenError('format', 'the token response has no id_token');
  return { idToken, claims: { ...claims }, expiresAt: new Date(claims.exp * 1000) };
}

/** Signs in through the browser and returns a verified id-token. The token is never printed. */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const config = await discoverClient(options);
  const metadata = config.serverMetadata();
  const checks = newSignInChecks();
  const server = await startCallbackServer({
    port: options.port,
    state: checks.state,
    timeoutMs: options.timeoutMs,
    issuer: { value: metadata.issuer, required: metadata.authorization_response_iss_parameter_supported === true },
  });
  try {
    const url = await authorizationUrl(config, server.redirectUri, options.scopes, checks);
    options.print('Open this URL in a browser to sign in:');
    options.print(url.href);
    if (options.openBrowser) openBrowser(url.href);
    return await redeemCallback(config, await server.waitForCallback(), checks);
  } finally {
    await server.close();
  }
}

function onlyPost(methods: unknown): boolean {
  return Array.isArray(methods) && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
}

/** A failure below HTTP (refused, DNS, TLS, proxy), as undici reports it inside fetch's TypeError. */
function networkCode(err: unknown): string | undefined {
  let cause: unknown = err;
  for (let i = 0; i < 5 && cause; i++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('OAUTH_')) return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function discoveryError(err: unknown, issuer: string): Error {
  const where = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  if (err instanceof oidc.ClientError) {
    const status = (err.cause as { status?: unknown } | undefined)?.status;
    if (status === 404)
      return new InputError(
        'issuer',
        `${where} answered HTTP 404`,
        'Check --issuer: it is the URL in front of /.well-known/openid-configuration',
      );
    if (typeof status === 'number')
      return new AwsError(
        DISCOVERY_CALL,
        `HTTP${status}`,
        '',
        `The provider could not serve ${where}; try again later`,
        status >= 500 || status === 429,
      );
    if (/issuer does not match/.test(err.message)) {
      return new InputError(
        'issuer',
        `the provider's configuration names another issuer, not '${issuer}'`,
        'Pass --issuer exactly as the provider names itself in its OpenID configuration (including any trailing slash)',
      );
    }
    if (err.code === 'OAUTH_HTTP_REQUEST_FORBIDDEN')
      return new InputError(
        'issuer',
        "the provider's configuration names an endpoint that is not https",
        "Only https endpoints are used (plain http only on loopback); fix the provider's configuration",
      );
    return new InputError(
      'issuer',
      `${where} is not a usable OpenID configuration (${err.message})`,
      'Point --issuer at an OpenID Connect provider',
    );
  }
  const code = networkCode(err);
  if (code)
    return new AwsError(
      DISCOVERY_CALL,
      code,
      `cannot reach ${where}`,
      networkHint(code, 'check --issuer'),
      code === 'ECONNRESET' || code === 'ETIMEDOUT',
    );
  return err as Error;
}

function tokenError(err: unknown, confidential: boolean): Error {
  if (err instanceof oidc.WWWAuthenticateChallengeError) {
    // A 401 with WWW-Authenticate: the client authentication was refused.
    const named = err.cause[0]?.parameters.error;
    const code =
      typeof named === 'string' ? named.replace(/[^\w.-]/g, '').slice(0, 64) || 'invalid_client' : 'invalid_client';
    return new AwsError(TOKEN_CALL, code, '', tokenErrorHint(code, confidential), false);
  }
  if (err instanceof oidc.ResponseBodyError) {
    const code = err.error.replace(/[^\w.-]/g, '').slice(0, 64) || `HTTP${err.status}`;
    const description = (err.error_description ?? '').replace(/\p{Cc}/gu, ' ').slice(0, 300);
    return new AwsError(
      TOKEN_CALL,
      code,
      description,
      tokenErrorHint(code, confidential),
      err.status >= 500 || err.status === 429,
    );
  }
  if (err instanceof oidc.ClientError) {
    const cause = err.cause as { message?: string; code?: string; cause?: { claim?: unknown } } | undefined;
    const problem = (cause?.message ?? err.message).replace(/\p{Cc}/gu, ' ').slice(0, 200);
    const claim = typeof cause?.cause?.claim === 'string' ? cause.cause.claim : undefined;
    if (claim) return new IdTokenError(claim, problem);
    const named = /"(iss|aud|azp|nonce|exp|iat|nbf|sub|alg)"/.exec(problem)?.[1];
    if (named) return new IdTokenError(named, problem);
    if (/signature/i.test(problem)) return new IdTokenError('signature', problem);
    return new AwsError(
      TOKEN_CALL,
      err.code ?? 'InvalidResponse',
      problem,
      'Sign in again; if this repeats, check --issuer and the application settings at the provider',
      false,
    );
  }
  const code = networkCode(err);
  if (code)
    return new AwsError(
      TOKEN_CALL,
      code,
      'the token endpoint could not be reached',
      networkHint(code, "check the provider's token_endpoint"),
      code === 'ECONNRESET' || code === 'ETIMEDOUT',
    );
  return err as Error;
}

/** Best effort: the URL is printed anyway, so a missing or failing opener is not an error. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', `"${url}"`]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], {
      stdio: 'ignore',
      detached: true,
      windowsVerbatimArguments: process.platform === 'win32',
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is the way in.
  }
}
