/** sts:AssumeRole with credentials already held: the `chain-role-arn` hop and `role-chaining` mode. */
import type { Config, EnvironmentSource } from '../config/model.js';
import { isRoleName } from '../config/build-config.js';
import { CHAINED_MAX_SECONDS } from '../config/limits.js';
import { profileCredentials } from '../config/profile-credentials.js';
import { runContextFromEnv } from '../config/session-tags.js';
import type { Credentials, Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import type { ProviderContext } from './context.js';
import type { Provider } from './context.js';
import { callSts, getCallerIdentity } from './sts.js';
import { sessionPolicyInput, sessionTagInput } from './session-params.js';
import { refusesSourceIdentity, sourceIdentityDroppedWarning } from './sts-errors.js';

export async function assumeRoleWith(
  credentials: Credentials,
  roleArn: string,
  config: Config,
  ctx: ProviderContext,
  durationSeconds: number,
): Promise<Session> {
  const run = config.session.sessionTags ? (config.runContext ?? runContextFromEnv({})) : undefined;
  const hop = (dropDroppable: boolean, sourceIdentity: string | undefined) =>
    callSts(ctx, {
      action: 'AssumeRole',
      region: config.region,
      credentials,
      input: async () => ({
        RoleArn: roleArn,
        RoleSessionName: config.session.sessionName,
        DurationSeconds: durationSeconds,
        ...(config.session.externalId ? { ExternalId: config.session.externalId } : {}),
        ...(sourceIdentity ? { SourceIdentity: sourceIdentity } : {}),
        ...sessionPolicyInput(config.session),
        ...(run ? sessionTagInput(config.session, run, dropDroppable) : {}),
      }),
    });
  // A trust policy without sts:SetSourceIdentity refuses the hop: it is assumed once more without one, with a warning.
  const sourceIdentity = config.session.sourceIdentity;
  const withOrWithout = (dropDroppable: boolean) =>
    hop(dropDroppable, sourceIdentity).catch((err: unknown) => {
      if (!sourceIdentity || !refusesSourceIdentity(err)) throw err;
      ctx.warn(sourceIdentityDroppedWarning(roleArn, sourceIdentity));
      return hop(dropDroppable, undefined);
    });
  try {
    return await withOrWithout(false);
  } catch (err) {
    // The tags' packed size counts against the session; the run's convenience tags go first, as the peer does.
    if (!(err instanceof AwsError) || err.code !== 'PackedPolicyTooLarge' || !run) throw err;
    ctx.debug(
      'sts:AssumeRole: the session tags were too large; trying once more without EventName, BaseRef, HeadRef, RunId, Job, TriggeringActor',
    );
    return withOrWithout(true);
  }
}

/** A hop from role credentials is role chaining: STS caps it at an hour, so ask for no more. */
export function chainedDuration(config: Config): number {
  return Math.min(config.session.durationSeconds, CHAINED_MAX_SECONDS);
}

/**
 * A role ARN for `role`: itself, or for a bare name the role in the account (and partition) of the credentials
 * that assume it, from their session ARN when known, else from sts:GetCallerIdentity.
 */
export async function roleArnFor(
  role: string,
  credentials: Credentials,
  knownArn: string | undefined,
  config: Config,
  ctx: ProviderContext,
): Promise<string> {
  if (!isRoleName(role)) return role;
  const arn = knownArn ?? (await getCallerIdentity(ctx, config.region, credentials)).arn;
  const [, partition, , , account] = arn.split(':');
  return `arn:${partition}:iam::${account}:role/${role.replace(/^role\//, '')}`;
}

/** `role-chaining: true`: the AWS_* credentials of the environment assume `role-to-assume`. */
export const roleChainingProvider: Provider<EnvironmentSource> = async (source, config, ctx) => {
  const credentials = source.profile
    ? readProfileCredentials(source.profile, ctx)
    : (config.environmentCredentials ?? { accessKeyId: '', secretAccessKey: '' });
  const roleArn = await roleArnFor(source.roleArn, credentials, undefined, config, ctx);
  return assumeRoleWith(credentials, roleArn, config, ctx, config.session.durationSeconds);
};

function readProfileCredentials(profile: { name: string; credentialsFile: string }, ctx: ProviderContext): Credentials {
  let text = '';
  try {
    text = ctx.readFile(profile.credentialsFile).toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return profileCredentials(text, profile.name, profile.credentialsFile);
}
