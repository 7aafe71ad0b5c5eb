/**
 * An OpenID Connect provider reduced to the code flow, written from OpenID Connect Core 1.0 and RFC 7636, whose
 * id-tokens a test can spoil: discovery, JWKS, /authorize (no pages: it redirects straight back with a code) and
 * /token (checks the PKCE verifier, then signs the id-token's claims after `tamper` has changed them). It is how the
 * login's id-token checks are shown to refuse another issuer, audience, nonce, an expired token or a bad signature.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

interface TokenTamper {
  /** Changes the claims before signing. */
  claims?: (claims: Record<string, unknown>) => Record<string, unknown>;
  /** Flips a bit of the signature after signing. */
  breakSignature?: boolean;
}

export interface OidcTokenStandin {
  issuer: string;
  clientId: string;
  /** The spoiling applied to the next id-tokens (until changed). */
  tamper: TokenTamper;
  close(): Promise<void>;
}

export async function startOidcTokenStandin(): Promise<OidcTokenStandin> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(6).toString('hex');
  const grants = new Map<string, { clientId: string; redirectUri: string; nonce: string | null; challenge: string }>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const standin: OidcTokenStandin = { issuer, clientId: 'standin-cli', tamper: {}, close: async () => undefined };

  const json = (res: import('node:http').ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['none'],
      });
    }
    if (url.pathname === '/jwks')
      return json(res, 200, { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] });
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      const redirect = new URL(p.get('redirect_uri') ?? '');
      if (p.get('response_type') !== 'code' || p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
        redirect.searchParams.set('error', 'invalid_request');
      } else {
        const code = randomBytes(16).toString('base64url');
        grants.set(code, {
          clientId: p.get('client_id') ?? '',
          redirectUri: p.get('redirect_uri') ?? '',
          nonce: p.get('nonce'),
          challenge: p.get('code_challenge')!,
        });
        redirect.searchParams.set('code', code);
      }
      if (p.get('state') !== null) redirect.searchParams.set('state', p.get('state')!);
      res.writeHead(302, { location: redirect.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const grant = grants.get(form.get('code') ?? '');
        grants.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (
          !grant ||
          grant.redirectUri !== form.get('redirect_uri') ||
          grant.clientId !== form.get('client_id') ||
          createHash('sha256').update(verifier).digest('base64url') !== grant.challenge
        ) {
          return json(res, 400, {
            error: 'invalid_grant',
            error_description: 'code, redirect_uri, client or PKCE verifier do not match',
          });
        }
        const now = Math.floor(Date.now() / 1000);
        let claims: Record<string, unknown> = {
          iss: issuer,
          sub: 'standin-user',
          aud: grant.clientId,
          iat: now,
          exp: now + 600,
        };
        if (grant.nonce !== null) claims['nonce'] = grant.nonce;
        claims = standin.tamper.claims?.(claims) ?? claims;
        const signed = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
        const signature = sign('sha256', Buffer.from(signed), privateKey);
        if (standin.tamper.breakSignature) signature[0]! ^= 0x80;
        json(res, 200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 600,
          id_token: `${signed}.${signature.toString('base64url')}`,
        });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  standin.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return standin;
}
