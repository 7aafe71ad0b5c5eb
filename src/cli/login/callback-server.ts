/**
 * The loopback redirect target of a terminal sign-in (RFC 8252): one HTTP server on 127.0.0.1 that waits for the
 * browser to come back to /callback, checks the state, answers with a short page, and closes itself. A callback
 * with another state is refused and the wait goes on: only this sign-in's browser can end it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsError, InputError } from '../../errors.js';
import { providerErrorHint, SIGN_IN_FROM_THIS_TAB } from './advice.js';

const AUTHORIZE_CALL = 'OIDC authorization';
const CALLBACK_PATH = '/callback';

export interface CallbackServerOptions {
  /** 0 or absent: any free port. Some providers need the exact redirect URI registered, hence a fixed one. */
  port?: number;
  /** The state sent in the authorization request. */
  state: string;
  /** How long to wait for the browser before giving up. */
  timeoutMs: number;
  /** RFC 9207 mix-up defence: a callback's `iss` must equal `value`, and be present when `required`. */
  issuer?: { value: string; required: boolean };
}

export interface CallbackServer {
  /** http://127.0.0.1:<port>/callback, to send as redirect_uri. */
  redirectUri: string;
  port: number;
  /** Resolves with the callback URL as the browser sent it (code, state, iss), once its state is this sign-in's. */
  waitForCallback(): Promise<URL>;
  /** Resolves with the authorization code; rejects on a provider error, a callback without code or the timeout. */
  waitForCode(): Promise<string>;
  /** Stops listening (idempotent); a pending waitForCode() rejects. */
  close(): Promise<void>;
}

/** Starts listening and returns once the port is bound. */
export async function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  const requested = options.port ?? 0;
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    throw new InputError(
      'port',
      `${String(requested)} is not a TCP port`,
      'Give a port from 1024 to 65535, or 0 for any free one',
    );
  }

  let settle!: { resolve: (callback: URL) => void; reject: (err: Error) => void };
  const outcome = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  // Callers may await later (or never, when an earlier step fails): a rejection must not go unhandled meanwhile.
  outcome.catch(() => undefined);
  let settled = false;
  let redirectUri = '';

  const server = createServer((req, res) => {
    const result = handle(req, res);
    if (result === undefined) return;
    if (result instanceof AwsError && result.code === 'StateMismatch') {
      // Anyone on this machine (or a stale tab) can hit the port: a foreign callback must not end the real sign-in.
      page(
        res,
        400,
        'Sign-in failed',
        `${result.serviceMessage}. Finish the sign-in in the tab this terminal opened; you can close this window.`,
      );
      return;
    }
    if (settled) {
      page(res, 409, 'Sign-in already finished', 'This sign-in has already finished. You can close this window.');
      return;
    }
    settled = true;
    if (result instanceof Error) {
      page(
        res,
        400,
        'Sign-in failed',
        `${reason(result)}. Return to the terminal for details; you can close this window.`,
      );
      finish(result);
    } else {
      page(res, 200, 'Signed in', 'You are signed in. Return to the terminal; you can close this window.');
      finish(null, result);
    }
  });

  const handle = (req: IncomingMessage, res: ServerResponse): URL | Error | undefined => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== CALLBACK_PATH) {
      page(res, 404, 'Not found', 'Nothing here.');
      return undefined;
    }
    if (req.method !== 'GET') {
      page(res, 405, 'Method not allowed', 'The sign-in callback accepts GET only.');
      return undefined;
    }
    const problem = readCallback(url.searchParams, options, redirectUri);
    return problem ?? new URL(`${redirectUri}${url.search}`);
  };

  let timer: NodeJS.Timeout | undefined;
  const finish = (err: Error | null, callback?: URL): void => {
    settled = true;
    clearTimeout(timer);
    if (err) settle.reject(err);
    else settle.resolve(callback!);
    // Let the answer reach the browser, then refuse keep-alive reuse so the process can exit.
    server.close();
    setImmediate(() => server.closeIdleConnections());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, requested)));
    server.listen(requested, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
  timer = setTimeout(() => {
    if (settled) return;
    finish(
      new AwsError(
        AUTHORIZE_CALL,
        'ETIMEDOUT',
        `no browser came back to ${redirectUri} within ${Math.round(options.timeoutMs / 1000)} s`,
        'Open the printed URL in a browser on this machine and finish signing in; allow more time if you need it',
        false,
      ),
    );
  }, options.timeoutMs);
  timer.unref();

  return {
    redirectUri,
    port,
    waitForCallback: () => outcome,
    waitForCode: () => outcome.then((callback) => callback.searchParams.get('code')!),
    close: async () => {
      if (!settled)
        finish(
          new AwsError(AUTHORIZE_CALL, 'Cancelled', 'the sign-in was stopped before the browser came back', '', false),
        );
      server.closeAllConnections();
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}

/** Reads a callback's query: undefined when it carries this sign-in's code, else the error that explains why not. */
function readCallback(params: URLSearchParams, options: CallbackServerOptions, redirectUri: string): Error | undefined {
  if (params.get('state') !== options.state) {
    return new AwsError(
      AUTHORIZE_CALL,
      'StateMismatch',
      'the browser came back with a state this sign-in did not send',
      SIGN_IN_FROM_THIS_TAB,
      false,
    );
  }
  const iss = params.get('iss');
  if (options.issuer && (iss !== null || options.issuer.required) && iss !== options.issuer.value) {
    return new AwsError(
      AUTHORIZE_CALL,
      'IssuerMismatch',
      iss === null
        ? 'the authorization response does not name its issuer'
        : 'the authorization response comes from another issuer than --issuer',
      'Sign in again; if this repeats, check that --issuer is the provider the browser signs in to',
      false,
    );
  }
  const error = params.get('error');
  if (error !== null) {
    const code = error.replace(/[^\w.-]/g, '').slice(0, 64) || 'error';
    const description = (params.get('error_description') ?? '').replace(/[\p{Cc}]/gu, ' ').slice(0, 300);
    return new AwsError(AUTHORIZE_CALL, code, description, providerErrorHint(code, redirectUri), false);
  }
  const code = params.get('code');
  if (!code) {
    return new AwsError(
      AUTHORIZE_CALL,
      'MissingCode',
      'the browser came back without an authorization code',
      'Sign in again; the provider must use the authorization code flow (response_type=code)',
      false,
    );
  }
  return undefined;
}

function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE') {
    return new InputError(
      'port',
      `127.0.0.1:${port} is already in use`,
      'Choose another --port (and register its redirect URI at the provider), or stop what holds it',
    );
  }
  if (err.code === 'EACCES') {
    return new InputError('port', `this user may not listen on port ${port}`, 'Choose a --port from 1024 to 65535');
  }
  return new InputError(
    'port',
    `cannot listen on 127.0.0.1:${port} (${err.code ?? 'error'})`,
    'Choose another --port, or 0 for any free one',
  );
}

/** What the browser's page says went wrong: the provider's own words where there are any. */
const reason = (err: Error): string => (err instanceof AwsError ? err.serviceMessage || err.code : err.message);

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body =
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:sans-serif;margin:3em"><h1>${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(text)}</p></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
