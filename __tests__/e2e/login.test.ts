/**
 * The terminal `login` flow against a real OpenID Connect provider (oidc-provider) on loopback: discovery, PKCE,
 * the provider's own login and consent pages driven as a browser would, the loopback callback, the code exchange
 * and the id-token verification (openid-client's). A stand-in provider that spoils its id-tokens shows the checks
 * refuse another issuer, audience or nonce, an expired token and a bad signature.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  login,
  authorizationUrl,
  discoverClient,
  IdTokenError,
  newSignInChecks,
  redeemCallback,
  type LoginOptions,
  type LoginResult,
} from '../../src/cli/login/login.js';
import { startCallbackServer } from '../../src/cli/login/callback-server.js';
import { AwsError } from '../../src/errors.js';
import { startLocalOidcProvider, SUBJECT, type LocalOidcProvider } from '../standins/local-oidc-provider.js';
import { startOidcTokenStandin, type OidcTokenStandin } from '../standins/oidc-token-standin.js';
import { startTinyproxy } from '../support/tinyproxy.js';
import { browse, type BrowserVisit, type ScriptedBrowserOptions } from '../support/scripted-browser.js';

const TIMEOUT_MS = 30_000;
const PERSON = { login: SUBJECT, password: 'any password will do' };

let idp: LocalOidcProvider;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

before(async () => {
  idp = await startLocalOidcProvider(await freePort());
});
after(async () => {
  await idp?.close();
});

interface Run {
  result: Promise<LoginResult>;
  printed: string[];
  authorizationUrl: URL;
  browser: Promise<BrowserVisit>;
}

/** Starts login() and, once it prints the URL, signs in through the provider's pages like a person would. */
async function runLogin(
  overrides: Partial<LoginOptions> = {},
  browser: Partial<ScriptedBrowserOptions> = {},
): Promise<Run> {
  const printed: string[] = [];
  let urlPrinted!: (url: URL) => void;
  const printedUrl = new Promise<URL>((resolve) => (urlPrinted = resolve));
  const result = login({
    issuer: idp.issuer,
    clientId: idp.publicClientId,
    openBrowser: false,
    timeoutMs: TIMEOUT_MS,
    print: (line) => {
      printed.push(line);
      if (line.startsWith('http')) urlPrinted(new URL(line));
    },
    ...overrides,
  });
  result.catch(() => undefined);
  const url = await Promise.race([
    printedUrl,
    result.then(() => {
      throw new Error('login returned before printing a URL');
    }),
  ]);
  return { result, printed, authorizationUrl: url, browser: browse(url.toString(), { fill: PERSON, ...browser }) };
}

function rejectedBecause(check: string) {
  return (err: unknown) => {
    assert.ok(err instanceof IdTokenError, String(err));
    assert.equal(err.check, check);
    return true;
  };
}

describe('login against oidc-provider', () => {
  let first: { result: LoginResult; printed: string[]; authorizationUrl: URL; page: BrowserVisit };

  before(async () => {
    const run = await runLogin();
    const [result, page] = await Promise.all([run.result, run.browser]);
    first = { result, printed: run.printed, authorizationUrl: run.authorizationUrl, page };
  });

  test('a public client signs in with PKCE and gets a verified id-token for the right subject, audience and nonce', () => {
    const { result, authorizationUrl: url, page } = first;
    assert.equal(result.claims['sub'], SUBJECT);
    assert.equal(result.claims['aud'], idp.publicClientId);
    assert.equal(result.claims['iss'], idp.issuer);
    assert.equal(result.claims['nonce'], url.searchParams.get('nonce'));
    assert.equal(result.expiresAt.getTime(), (result.claims['exp'] as number) * 1000);
    assert.ok(result.expiresAt.getTime() > Date.now());
    assert.equal(result.idToken.split('.').length, 3);
    // The browser ended on our callback page.
    assert.equal(page.status, 200);
    assert.match(page.body, /You are signed in/);
    assert.match(page.url, /^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
  });

  test('the authorization request carries PKCE S256, state and nonce; the id-token is never printed', () => {
    const { authorizationUrl: url, printed, result } = first;
    assert.equal(url.origin + url.pathname, `${idp.issuer}/auth`);
    assert.equal(url.searchParams.get('response_type'), 'code');
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.match(url.searchParams.get('code_challenge') ?? '', /^[\w-]{43}$/);
    assert.match(url.searchParams.get('state') ?? '', /^[\w-]{43}$/);
    assert.equal(url.searchParams.get('scope'), 'openid');
    assert.match(url.searchParams.get('redirect_uri') ?? '', /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const output = printed.join('\n');
    assert.ok(!output.includes(result.idToken));
    for (const part of result.idToken.split('.')) assert.ok(!output.includes(part));
  });

  test('a confidential client with client_secret_basic on a fixed --port gets an ES256 id-token', async () => {
    const run = await runLogin({
      clientId: idp.confidentialClientId,
      clientSecret: idp.confidentialClientSecret,
      port: idp.confidentialPort,
      scopes: ['openid', 'profile'],
    });
    const [result] = await Promise.all([run.result, run.browser]);
    assert.equal(
      run.authorizationUrl.searchParams.get('redirect_uri'),
      `http://127.0.0.1:${idp.confidentialPort}/callback`,
    );
    assert.equal(run.authorizationUrl.searchParams.get('scope'), 'openid profile');
    assert.equal(result.claims['sub'], SUBJECT);
    assert.equal(result.claims['aud'], idp.confidentialClientId);
    const header = JSON.parse(Buffer.from(result.idToken.split('.')[0]!, 'base64url').toString('utf8')) as {
      alg: string;
      kid: string;
    };
    assert.equal(header.alg, 'ES256');
    assert.equal(header.kid, 'ec-signing');
  });

  test('a wrong client secret is reported against the token request, without the secret', async () => {
    const wrong = 'not-the-secret-value';
    const run = await runLogin({ clientId: idp.confidentialClientId, clientSecret: wrong, port: idp.confidentialPort });
    await run.browser;
    await assert.rejects(run.result, (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.equal(err.call, 'OIDC token request');
      assert.equal(err.code, 'invalid_client');
      assert.match(err.message, /--client-secret/);
      assert.ok(!err.message.includes(wrong) && !err.message.includes(idp.confidentialClientSecret));
      return true;
    });
  });

  test('a tampered state on the callback is answered 400, and the sign-in goes on to complete with the right one', async () => {
    let genuine: URL | undefined;
    const run = await runLogin(
      {},
      {
        rewrite: (url) => {
          if (url.pathname !== '/callback' || !url.searchParams.has('state')) return url;
          genuine = url;
          const tampered = new URL(url);
          tampered.searchParams.set('state', `${url.searchParams.get('state')}-tampered`);
          return tampered;
        },
      },
    );
    const page = await run.browser;
    assert.equal(page.status, 400);
    assert.match(page.body, /state this sign-in did not send/);
    const settled = await Promise.race([
      run.result.then(
        () => 'settled',
        () => 'settled',
      ),
      new Promise((r) => setTimeout(() => r('waiting'), 300)),
    ]);
    assert.equal(settled, 'waiting', 'a foreign callback does not end the sign-in');
    const res = await fetch(genuine!);
    assert.equal(res.status, 200);
    await res.text();
    assert.equal((await run.result).claims['sub'], SUBJECT);
  });

  test('cancelling at the provider comes back as access_denied', async () => {
    const run = await runLogin(
      {},
      {
        follow: (html, url) => {
          const href = /<a href="([^"]*\/abort)"/.exec(html)?.[1];
          return href ? new URL(href, url) : undefined;
        },
      },
    );
    const page = await run.browser;
    assert.equal(page.status, 400);
    await assert.rejects(run.result, (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.equal(err.call, 'OIDC authorization');
      assert.equal(err.code, 'access_denied');
      assert.match(err.message, /refused or cancelled/);
      return true;
    });
  });

  /** A sign-in built from login's own steps, so a test can change what the code is redeemed with. */
  async function signInSteps(
    spoil: (checks: ReturnType<typeof newSignInChecks>) => ReturnType<typeof newSignInChecks>,
  ): Promise<{ result: Promise<LoginResult>; code: string }> {
    const config = await discoverClient({
      issuer: idp.issuer,
      clientId: idp.publicClientId,
      timeoutMs: TIMEOUT_MS,
      env: {},
    });
    const checks = newSignInChecks();
    const server = await startCallbackServer({
      state: checks.state,
      timeoutMs: TIMEOUT_MS,
      issuer: { value: idp.issuer, required: true },
    });
    try {
      const url = await authorizationUrl(config, server.redirectUri, undefined, checks);
      const [callback] = await Promise.all([server.waitForCallback(), browse(url.href, { fill: PERSON })]);
      const result = redeemCallback(config, callback, spoil(checks));
      result.catch(() => undefined);
      return { result, code: callback.searchParams.get('code')! };
    } finally {
      await server.close();
    }
  }

  test('a token whose nonce is not the one this sign-in sent is rejected', async () => {
    const { result } = await signInSteps((checks) => ({ ...checks, nonce: newSignInChecks().nonce }));
    await assert.rejects(result, rejectedBecause('nonce'));
  });

  test('the code cannot be redeemed without the PKCE verifier that goes with it', async () => {
    const { result, code } = await signInSteps((checks) => ({
      ...checks,
      codeVerifier: newSignInChecks().codeVerifier,
    }));
    await assert.rejects(
      result,
      (err: unknown) => err instanceof AwsError && err.code === 'invalid_grant' && !err.message.includes(code),
    );
  });

  test(
    'with --no-browser unset, the URL is handed to xdg-open; a missing opener changes nothing',
    { skip: process.platform !== 'linux' && 'xdg-open is the Linux opener' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'login-opener-'));
      const saved = process.env['PATH'];
      try {
        // A stand-in xdg-open that records the URL it was asked to open.
        const record = join(dir, 'opened.txt');
        writeFileSync(join(dir, 'xdg-open'), `#!/bin/sh\nprintf '%s' "$1" > '${record}'\n`);
        chmodSync(join(dir, 'xdg-open'), 0o755);
        process.env['PATH'] = dir;
        const run = await runLogin({ openBrowser: true });
        await Promise.all([run.result, run.browser]);
        for (let i = 0; i < 100 && !existsSync(record); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(readFileSync(record, 'utf8'), run.authorizationUrl.toString());

        rmSync(join(dir, 'xdg-open'));
        const without = await runLogin({ openBrowser: true });
        const [result] = await Promise.all([without.result, without.browser]);
        assert.equal(result.claims['sub'], SUBJECT);
      } finally {
        process.env['PATH'] = saved;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe('the id-token checks, against a provider that spoils its tokens', () => {
  let standin: OidcTokenStandin;
  before(async () => {
    standin = await startOidcTokenStandin();
  });
  after(async () => {
    await standin?.close();
  });

  /** A login whose "browser" only follows the redirects: the stand-in has no pages. */
  async function signIn(env: Record<string, string> = {}): Promise<LoginResult> {
    let visit: Promise<Response> | undefined;
    const result = login({
      issuer: standin.issuer,
      clientId: standin.clientId,
      openBrowser: false,
      timeoutMs: TIMEOUT_MS,
      env,
      print: (line) => {
        if (line.startsWith('http')) visit = fetch(line);
      },
    });
    try {
      return await result;
    } finally {
      await (await visit)?.text();
    }
  }

  test('control: an unspoilt token is accepted', async () => {
    standin.tamper = {};
    assert.equal((await signIn()).claims['sub'], 'standin-user');
  });

  test('the provider is reached through HTTP_PROXY, unless NO_PROXY names it', async () => {
    standin.tamper = {};
    const proxy = await startTinyproxy();
    try {
      const port = new URL(standin.issuer).port;
      assert.equal((await signIn({ HTTP_PROXY: proxy.url })).claims['sub'], 'standin-user');
      const through = proxy.requests().filter((r) => r.includes(`127.0.0.1:${port}`));
      // The one transport: plain http goes to the proxy in absolute form, as every other request does (https would tunnel).
      assert.ok(
        through.length > 0 && through.every((r) => new RegExp(`^(GET|POST) http://127\\.0\\.0\\.1:${port}/`).test(r)),
        `the provider was reached through the proxy: ${through.join(' | ')}`,
      );
      const before = proxy.requests().length;
      await signIn({ HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
      assert.equal(proxy.requests().length, before, 'NO_PROXY hosts are reached directly');
    } finally {
      await proxy.close();
    }
  });

  const spoilt: Array<[string, string, OidcTokenStandin['tamper']]> = [
    ['another issuer', 'iss', { claims: (c) => ({ ...c, iss: 'https://impostor.example.com' }) }],
    ['another audience', 'aud', { claims: (c) => ({ ...c, aud: 'another-client' }) }],
    ['another nonce', 'nonce', { claims: (c) => ({ ...c, nonce: 'not-the-one-sent' }) }],
    ['no nonce', 'nonce', { claims: ({ nonce: _n, ...c }) => c }],
    [
      'an expired token',
      'exp',
      { claims: (c) => ({ ...c, iat: (c['iat'] as number) - 7200, exp: (c['iat'] as number) - 3600 }) },
    ],
    ['a flipped signature bit', 'signature', { breakSignature: true }],
  ];
  for (const [what, check, tamper] of spoilt) {
    test(`${what} is refused (${check})`, async () => {
      standin.tamper = tamper;
      await assert.rejects(signIn(), (err: unknown) => {
        rejectedBecause(check)(err);
        assert.match((err as Error).message, /^OIDC id-token verification failed: InvalidIdToken: /);
        return true;
      });
    });
  }
});
