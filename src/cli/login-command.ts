/** `login`: sign in at the identity provider in a browser, cache the id-token, exchange it, cache the credentials. */
import { parseInteger } from '../config/values.js';
import { InputError } from '../errors.js';
import { cachedSession } from './cache.js';
import { saveIdToken } from './login-session.js';
import { cacheLocation, loadSettings, obtain, proofOf, type CliIo } from './load-settings.js';
import type { ParsedArgs } from './args.js';

export async function loginCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  const settings = await loadSettings(args, io, known);
  const { get, config } = settings;
  if (config.source.mode !== 'oidc' || !config.source.login) {
    throw new InputError(
      'issuer',
      'is required for login',
      'Pass --issuer https://your-idp.example.com and --client-id <id>',
    );
  }
  const identity = config.source.login;
  const { login } = await import('./login/login.js');
  const port = get('port') ? parseInteger(get('port'), 'port', 1, 65535, 'port number') : undefined;
  const result = await login({
    issuer: identity.issuer,
    clientId: identity.clientId,
    ...(get('client-secret') ? { clientSecret: get('client-secret') } : {}),
    ...(port ? { port } : {}),
    openBrowser: get('no-browser') !== 'true',
    timeoutMs: 5 * 60_000,
    print: (line) => io.stderr(line + '\n'),
    env: io.env,
    ...(config.httpProxy ? { httpProxy: config.httpProxy } : {}),
  });
  const cache = cacheLocation(get, io);
  saveIdToken(cache.dir, identity, result.idToken, result.expiresAt);
  const obtained = await cachedSession(
    config,
    { ...cache, marginMs: 0, now: () => new Date(), debug: () => undefined, proof: proofOf(settings, io) },
    () => obtain(settings, io),
  );
  const role = obtained.assumedRoleArn ?? config.source.roleArn;
  const until = obtained.credentials.expiration?.toISOString() ?? 'unknown';
  io.stderr(
    `Signed in as ${String(result.claims['sub'])} at ${identity.issuer}; credentials for ${role} until ${until}\n`,
  );
  return 0;
}
