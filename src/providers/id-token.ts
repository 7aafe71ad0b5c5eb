/** Sources of an OIDC id-token: the GitHub runner's endpoint, a file, or an environment variable. */
import { AwsError, InputError } from '../errors.js';
import type { ProviderContext } from './context.js';
import { networkFailure, retrying, send } from './context.js';
import type { OidcSource } from '../config/model.js';
import { requireSecureEndpoint } from '../config/endpoint-url.js';
import type { HttpRequest } from '../http/request.js';
import { NO_ID_TOKEN_FIX } from './network-advice.js';

const CALL = 'GitHub OIDC token request';

/** Seconds before a token's `exp` at which it is fetched again rather than sent. */
const REFRESH_MARGIN_S = 60;

/** Returns a function that yields a token fit to send now, fetching or re-reading only when needed. */
export function idTokenSource(source: OidcSource, ctx: ProviderContext): () => Promise<string> {
  if (source.idToken !== undefined) {
    const token = source.idToken;
    ctx.mask(token);
    return async () => token;
  }
  if (source.tokenFile) return async () => readTokenFile(source.tokenFile!, ctx);
  if (source.tokenEnv) return async () => readTokenEnv(source.tokenEnv!, source.tokenEnvValue, ctx);
  let cached: string | undefined;
  return async () => {
    const exp = cached ? tokenExpiry(cached) : undefined;
    if (!cached || (exp !== undefined && exp * 1000 - ctx.clock.now() < REFRESH_MARGIN_S * 1000)) {
      cached = await fetchRunnerToken(source, ctx);
    }
    return cached;
  };
}

function readTokenFile(path: string, ctx: ProviderContext): string {
  if (JWT_SHAPE.test(path.trim())) {
    // The token itself was given as the path: mask it, and never repeat it in the error.
    ctx.mask(path.trim());
    throw new InputError(
      'web-identity-token-file',
      'looks like a JWT (the id-token itself), not a path (not shown)',
      "Write the token to a file and give that file's path, or use web-identity-token-env",
    );
  }
  let token: string;
  try {
    token = ctx.readFile(path).toString('utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(
      'web-identity-token-file',
      `cannot read ${path} (${code})`,
      'Point it at the file your OIDC issuer writes the token to, readable by the job',
    );
  }
  if (!token)
    throw new InputError(
      'web-identity-token-file',
      `${path} is empty`,
      'Write the id-token (a JWT) to the file before this step',
    );
  ctx.mask(token);
  checkJwtShape(token, 'web-identity-token-file');
  return token;
}

function readTokenEnv(name: string, value: string | undefined, ctx: ProviderContext): string {
  const token = (value ?? '').trim();
  if (!token)
    throw new InputError(
      'web-identity-token-env',
      `the environment variable ${name} is empty or unset`,
      "Name the variable your CI system puts the job's id-token in",
    );
  ctx.mask(token);
  checkJwtShape(token, 'web-identity-token-env');
  return token;
}

const JWT_SHAPE = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/;

function checkJwtShape(token: string, input: string): void {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
    throw new InputError(
      input,
      'does not hold a JWT (three base64url parts separated by dots)',
      'Give the raw id-token, not JSON around it or a file of several lines',
    );
  }
}

/** The `exp` claim of a JWT, read without verifying (STS verifies); undefined when unreadable. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
}

async function fetchRunnerToken(source: OidcSource, ctx: ProviderContext): Promise<string> {
  if (!source.runnerRequest) {
    throw new AwsError(
      CALL,
      'IdTokenUnavailable',
      'ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set',
      NO_ID_TOKEN_FIX,
      false,
    );
  }
  const { url, bearer } = source.runnerRequest;
  ctx.mask(bearer);
  const request = runnerTokenRequest(url, bearer, source.audience);
  return retrying(ctx, CALL, async (_attempt, timeoutMs) => {
    const res = await send(ctx, { ...request, timeoutMs }, (err) =>
      networkFailure(CALL, err, 'check ACTIONS_ID_TOKEN_REQUEST_URL'),
    );
    if (res.status !== 200) {
      const retryable = res.status === 429 || res.status >= 500;
      const hint =
        res.status === 401 || res.status === 403
          ? "The runner refused the token request: give the job 'permissions: id-token: write'"
          : '';
      throw new AwsError(CALL, `HTTP ${res.status}`, '', hint, retryable);
    }
    let token: unknown;
    try {
      token = (JSON.parse(res.body) as { value?: unknown }).value;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || !token)
      throw new AwsError(CALL, 'MalformedResponse', 'the answer has no token value', '', true);
    ctx.mask(token);
    return token;
  });
}

/**
 * The runner's id-token request for `audience`, before its timeout and proxy (the action's entry also sends it early).
 */
export function runnerTokenRequest(
  url: string,
  bearer: string,
  audience: string,
): Omit<HttpRequest, 'timeoutMs' | 'proxy'> {
  // The bearer and the token it buys travel on this URL: never in clear text off this machine.
  const full = requireSecureEndpoint(url, 'ACTIONS_ID_TOKEN_REQUEST_URL');
  full.searchParams.set('audience', audience);
  return {
    url: full.toString(),
    method: 'GET',
    headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
  };
}
