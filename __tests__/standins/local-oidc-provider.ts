/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 for the login tests: two native clients
 * with loopback redirect URIs, PKCE S256 required, one fixed account (SUBJECT), the package's own dev login and
 * consent pages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

export const SUBJECT = 'user-7f3a';

export interface LocalOidcProvider {
  issuer: string;
  publicClientId: string;
  confidentialClientId: string;
  confidentialClientSecret: string;
  /** The only port the confidential client may redirect to (its redirect URI is registered with the port). */
  confidentialPort: number;
  close(): Promise<void>;
}

export async function startLocalOidcProvider(confidentialPort: number): Promise<LocalOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const secret = randomBytes(24).toString('base64url');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'login-cli',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // Native clients may use any port on a registered loopback redirect URI (RFC 8252 section 7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: 'login-cli-confidential',
        client_secret: secret,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
        redirect_uris: [`http://127.0.0.1:${confidentialPort}/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: {
      keys: [
        { ...rsa, kid: 'rsa-signing', use: 'sig' },
        { ...ec, kid: 'ec-signing', use: 'sig' },
      ],
    },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    pkce: { methods: ['S256'], required: () => true },
    // Explicit lifetimes (seconds): the defaults work but print a notice each.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    // One account: the dev login page takes any password, and the login name typed is the account id.
    findAccount: async (_ctx, id) =>
      id === SUBJECT ? { accountId: SUBJECT, claims: async () => ({ sub: SUBJECT }) } : undefined,
  });
  // The browser only sees "server_error": put the cause where a failing test shows it.
  provider.on('server_error', (_ctx: unknown, err: unknown) => console.error('oidc-provider server_error:', err));
  server.on('request', provider.callback());

  return {
    issuer,
    publicClientId: 'login-cli',
    confidentialClientId: 'login-cli-confidential',
    confidentialClientSecret: secret,
    confidentialPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
