/** OIDC mode: the job's id-token → STS AssumeRoleWithWebIdentity. */
import type { Config, OidcSource } from '../config/model.js';
import type { Session } from '../credentials.js';
import type { ProviderContext } from './context.js';
import { idTokenSource } from './id-token.js';
import { callSts } from './sts.js';
import { sessionPolicyParams } from './session-params.js';

export async function oidcSession(config: Config, source: OidcSource, ctx: ProviderContext, applyPolicies: boolean): Promise<Session> {
  const token = idTokenSource(source, ctx);
  return callSts(ctx, {
    action: 'AssumeRoleWithWebIdentity',
    region: config.region,
    params: async () => ({
      RoleArn: source.roleArn,
      RoleSessionName: config.session.sessionName,
      WebIdentityToken: await token(),
      DurationSeconds: String(config.session.durationSeconds),
      ...(applyPolicies ? sessionPolicyParams(config.session) : {}),
    }),
  });
}
