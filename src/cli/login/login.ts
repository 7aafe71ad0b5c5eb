/**
 * `login`: a person at a terminal signs in to an OpenID Connect provider in their browser (authorization code flow
 * with PKCE, loopback redirect) and gets back a verified id-token for AssumeRoleWithWebIdentity.
 */
import { spawn } from 'node:child_process';
import { AwsError, InputError } from '../../errors.js';
import { httpRequest, NetworkError } from '../../http/request.js';
import { networkFailure } from '../../providers/context.js';
import { startCallbackServer } from './callback-server.js';
import { discover, type OidcMetadata } from './discovery.js';
import { parseJwks, verifyIdToken, type Jwks } from './jwt-verify.js';
import { codeChallengeS256, createCodeVerifier, createNonce, createState } from './pkce.js';

export const TOKEN_CALL = 'OIDC token request';
export const JWKS_CALL = 'OIDC JWKS request';

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
  now?: () => Date;
}

export interface LoginResult {
  idToken: string;
  claims: Record<string, unknown>;
  expiresAt: Date;
}

/** No single request to the provider waits longer than this. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Signs in through the browser and returns a verified id-token. The token is never printed. */
export async function login(options: LoginOptions): Promise<LoginResult> {
  if (!options.clientId) throw new InputError('client-id', 'is empty', 'Give the client (application) id registered at the provider');
  const now = options.now ?? (() => new Date());
  const requestTimeoutMs = Math.min(options.timeoutMs, REQUEST_TIMEOUT_MS);
  const metadata = await discover(options.issuer, requestTimeoutMs);

  const verifier = createCodeVerifier();
  const state = createState();
  const nonce = createNonce();
  const server = await startCallbackServer({
    port: options.port,
    state,
    timeoutMs: options.timeoutMs,
    issuer: { value: metadata.issuer, required: metadata.issParameterSupported },
  });
  try {
    const url = authorizationUrl(metadata, {
      clientId: options.clientId,
      redirectUri: server.redirectUri,
      scopes: options.scopes,
      state,
      nonce,
      codeChallenge: codeChallengeS256(verifier),
    });
    options.print('Open this URL in a browser to sign in:');
    options.print(url);
    if (options.openBrowser) openBrowser(url);
    const code = await server.waitForCode();
    const idToken = await exchangeCode(metadata, {
      code,
      codeVerifier: verifier,
      redirectUri: server.redirectUri,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      timeoutMs: requestTimeoutMs,
    });
    const jwks = await fetchJwks(metadata, requestTimeoutMs);
    const verified = verifyIdToken(idToken, jwks, { issuer: metadata.issuer, clientId: options.clientId, nonce, now: now() });
    return { idToken, claims: verified.claims, expiresAt: verified.expiresAt };
  } finally {
    await server.close();
  }
}

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[] | undefined;
  state: string;
  nonce: string;
  codeChallenge: string;
}

/** The URL the browser opens: the provider's endpoint with the code-flow parameters (keeping any it already has). */
export function authorizationUrl(metadata: OidcMetadata, request: AuthorizationRequest): string {
  const url = new URL(metadata.authorizationEndpoint);
  const scopes = ['openid', ...(request.scopes ?? []).filter((s) => s && s !== 'openid')];
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', request.clientId);
  url.searchParams.set('redirect_uri', request.redirectUri);
  url.searchParams.set('scope', scopes.join(' '));
  url.searchParams.set('state', request.state);
  url.searchParams.set('nonce', request.nonce);
  url.searchParams.set('code_challenge', request.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
  clientSecret: string | undefined;
  timeoutMs: number;
}

/** Redeems the authorization code at the token endpoint and returns the (still unverified) id_token. */
export async function exchangeCode(metadata: OidcMetadata, exchange: CodeExchange): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code: exchange.code,
    redirect_uri: exchange.redirectUri,
    code_verifier: exchange.codeVerifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (exchange.clientSecret === undefined) {
    form.set('client_id', exchange.clientId);
  } else if (clientAuthMethod(metadata) === 'client_secret_basic') {
    // RFC 6749 section 2.3.1: both halves are form-encoded before base64.
    const pair = `${formEncode(exchange.clientId)}:${formEncode(exchange.clientSecret)}`;
    headers['authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    form.set('client_id', exchange.clientId);
    form.set('client_secret', exchange.clientSecret);
  }

  let res;
  try {
    res = await httpRequest({ url: metadata.tokenEndpoint, method: 'POST', headers, body: form.toString(), timeoutMs: exchange.timeoutMs });
  } catch (err) {
    if (err instanceof NetworkError) throw networkFailure(TOKEN_CALL, err, 'check the provider\'s token_endpoint');
    throw err;
  }
  const body = parseJsonObject(res.body);
  if (res.status !== 200) {
    const code = typeof body?.['error'] === 'string' ? body['error'].replace(/[^\w.-]/g, '').slice(0, 64) || `HTTP${res.status}` : `HTTP${res.status}`;
    const description = typeof body?.['error_description'] === 'string' ? body['error_description'].replace(/\p{Cc}/gu, ' ').slice(0, 300) : '';
    throw new AwsError(TOKEN_CALL, code, description, tokenErrorHint(code, exchange.clientSecret !== undefined), res.status >= 500 || res.status === 429);
  }
  const idToken = body?.['id_token'];
  if (typeof idToken !== 'string' || !idToken) {
    throw new AwsError(TOKEN_CALL, 'MissingIdToken', 'the token response has no id_token', 'The provider must issue an id-token: the openid scope is requested, so check the application is an OpenID Connect one', false);
  }
  return idToken;
}

/** The provider's signing keys. */
export async function fetchJwks(metadata: OidcMetadata, timeoutMs: number): Promise<Jwks> {
  let res;
  try {
    res = await httpRequest({ url: metadata.jwksUri, method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
  } catch (err) {
    if (err instanceof NetworkError) throw networkFailure(JWKS_CALL, err, 'check the provider\'s jwks_uri');
    throw err;
  }
  if (res.status !== 200) {
    throw new AwsError(JWKS_CALL, `HTTP${res.status}`, '', 'The provider could not serve its signing keys; try again later', res.status >= 500 || res.status === 429);
  }
  return parseJwks(res.body);
}

/** client_secret_basic unless the provider lists only client_secret_post. */
function clientAuthMethod(metadata: OidcMetadata): 'client_secret_basic' | 'client_secret_post' {
  const methods = metadata.tokenEndpointAuthMethods;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) return 'client_secret_post';
  return 'client_secret_basic';
}

function tokenErrorHint(code: string, confidential: boolean): string {
  switch (code) {
    case 'invalid_client':
      return confidential
        ? 'Check --client-id and --client-secret'
        : 'Check --client-id; if the application is confidential, give --client-secret';
    case 'invalid_grant':
      return 'The code was refused (expired, used twice, or a PKCE or redirect URI mismatch); sign in again';
    case 'unauthorized_client':
      return 'Allow the authorization code grant for this application at the provider';
    default:
      return '';
  }
}

/** Best effort: the URL is printed anyway, so a missing or failing opener is not an error. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]]
      : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', `"${url}"`]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is the way in.
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
