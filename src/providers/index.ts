/**
 * One entry for every source: config in, Session out. Each mode's code is imported only when that mode runs,
 * so the bundle's start-up cost is the chosen mode's alone.
 */
import type { Config } from '../config/model.js';
import type { Session } from '../credentials.js';
import type { ProviderContext } from './context.js';

export async function obtainSession(config: Config, ctx: ProviderContext): Promise<{ source: Session; final: Session }> {
  const source = config.source;
  const hop = config.chainRoleArn;
  let session: Session;
  switch (source.mode) {
    case 'oidc': {
      const { oidcSession } = await import('./oidc.js');
      session = await oidcSession(config, source, ctx, !hop);
      break;
    }
    case 'role-chaining': {
      const { assumeRoleWith, environmentCredentials } = await import('./assume-role.js');
      session = await assumeRoleWith(environmentCredentials(ctx.env), source.roleArn, config, ctx, config.session.durationSeconds);
      break;
    }
    case 'iot-certificate': {
      const { iotSession } = await import('./iot.js');
      session = await iotSession(source, ctx);
      break;
    }
    case 'roles-anywhere': {
      const { rolesAnywhereSession } = await import('./roles-anywhere.js');
      session = await rolesAnywhereSession(config, source, ctx);
      break;
    }
  }
  maskSession(session, ctx);
  if (!hop) return { source: session, final: session };
  const { assumeRoleWith, chainedDuration } = await import('./assume-role.js');
  const final = await assumeRoleWith(session.credentials, hop, config, ctx, chainedDuration(config));
  maskSession(final, ctx);
  return { source: session, final };
}

function maskSession(session: Session, ctx: ProviderContext): void {
  const c = session.credentials;
  for (const value of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) if (value) ctx.mask(value);
}
