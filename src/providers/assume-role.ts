/** sts:AssumeRole with credentials already held: the `chain-role-arn` hop and `role-chaining` mode. */
import type { Config, EnvironmentSource } from '../config/model.js';
import { CHAINED_MAX_SECONDS } from '../config/action-inputs.js';
import type { Credentials, Session } from '../credentials.js';
import type { ProviderContext } from './context.js';
import type { Provider } from './registry.js';
import { callSts } from './sts.js';
import { runTags, sessionPolicyInput } from './session-params.js';

export async function assumeRoleWith(
  credentials: Credentials,
  roleArn: string,
  config: Config,
  ctx: ProviderContext,
  durationSeconds: number,
): Promise<Session> {
  const tags = config.session.sessionTags ? runTags(ctx.env) : [];
  return callSts(ctx, {
    action: 'AssumeRole',
    region: config.region,
    credentials,
    input: async () => ({
      RoleArn: roleArn,
      RoleSessionName: config.session.sessionName,
      DurationSeconds: durationSeconds,
      ...(config.session.externalId ? { ExternalId: config.session.externalId } : {}),
      ...sessionPolicyInput(config.session),
      ...(tags.length ? { Tags: tags } : {}),
    }),
  });
}

/** A hop from role credentials is role chaining: STS caps it at an hour, so ask for no more. */
export function chainedDuration(config: Config): number {
  return Math.min(config.session.durationSeconds, CHAINED_MAX_SECONDS);
}

/** `role-chaining: true`: the AWS_* credentials of the environment assume `role-to-assume`. */
export const roleChainingProvider: Provider<EnvironmentSource> = (source, config, ctx) =>
  assumeRoleWith(environmentCredentials(ctx.env), source.roleArn, config, ctx, config.session.durationSeconds);

export function environmentCredentials(env: Record<string, string | undefined>): Credentials {
  const credentials: Credentials = { accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: env['AWS_SECRET_ACCESS_KEY'] ?? '' };
  if (env['AWS_SESSION_TOKEN']) credentials.sessionToken = env['AWS_SESSION_TOKEN'];
  return credentials;
}
