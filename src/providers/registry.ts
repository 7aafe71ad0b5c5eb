/**
 * Every source of credentials is one provider with one signature, found here by mode. A mode's code is imported only
 * when that mode runs, so a step pays for its own mode alone. The `chain-role-arn` hop composes with any of them.
 */
import type { Config, Source } from '../config/model.js';
import type { Session } from '../credentials.js';
import type { Provider, ProviderContext } from './context.js';

type Registry = { [M in Source['mode']]: () => Promise<Provider<Extract<Source, { mode: M }>>> };

const PROVIDERS: Registry = {
  oidc: async () => (await import('./oidc.js')).oidcProvider,
  'role-chaining': async () => (await import('./assume-role.js')).roleChainingProvider,
  'runner-identity': async () => (await import('./runner-identity.js')).runnerIdentityProvider,
  'iot-certificate': async () => (await import('./iot.js')).iotProvider,
  'roles-anywhere': async () => (await import('./roles-anywhere.js')).rolesAnywhereProvider,
  'minio-certificate': async () => (await import('./minio.js')).minioProvider,
};

async function providerFor<S extends Source>(source: S): Promise<Provider<S>> {
  return (await (PROVIDERS[source.mode] as () => Promise<Provider<S>>)()) as Provider<S>;
}

/** The mode's session, then the chained hop if any. Each session is masked the moment it exists. */
export async function obtainSession(
  config: Config,
  ctx: ProviderContext,
): Promise<{ source: Session; final: Session }> {
  const provider = await providerFor(config.source);
  const session = await provider(config.source, config, ctx);
  maskSession(session, ctx);
  if (!config.chainRoleArn) return { source: session, final: session };
  const { assumeRoleWith, chainedDuration, roleArnFor } = await import('./assume-role.js');
  const roleArn = await roleArnFor(config.chainRoleArn, session.credentials, session.assumedRoleArn, config, ctx);
  const final = await assumeRoleWith(session.credentials, roleArn, config, ctx, chainedDuration(config));
  maskSession(final, ctx);
  return { source: session, final };
}

function maskSession(session: Session, ctx: ProviderContext): void {
  const c = session.credentials;
  if (c.accessKeyId) ctx.mask(c.accessKeyId, 'access-key-id');
  for (const value of [c.secretAccessKey, c.sessionToken]) if (value) ctx.mask(value);
}
