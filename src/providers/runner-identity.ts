/**
 * The runner's own AWS identity assumes role-to-assume. The base comes from the AWS SDK's own providers (instance
 * metadata, container endpoint, Pod Identity) or, for IRSA's token file, from the OIDC exchange; this file only picks
 * the one config/runner-identity.ts names. The SDK reads AWS_EC2_METADATA_SERVICE_ENDPOINT(_MODE) and
 * AWS_EC2_METADATA_V1_DISABLED itself; the container values are passed from the config.
 */
import type { RunnerIdentitySource } from '../config/model.js';
import { describeRunnerBase, type RunnerBase } from '../config/runner-identity.js';
import type { Credentials, Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import { assumeRoleWith, chainedDuration, roleArnFor } from './assume-role.js';
import type { Provider, ProviderContext } from './context.js';
import { RUNNER_CHAINING_FIX, RUNNER_NO_ID_TOKEN_FIX } from './network-advice.js';
import { oidcProvider } from './oidc.js';

export const runnerIdentityProvider: Provider<RunnerIdentitySource> = async (source, config, ctx) => {
  const base = await baseSession(source, config, ctx);
  const c = base.credentials;
  if (c.accessKeyId) ctx.mask(c.accessKeyId, 'access-key-id');
  for (const value of [c.secretAccessKey, c.sessionToken]) if (value) ctx.mask(value);
  const roleArn = await roleArnFor(source.roleArn, base.credentials, base.assumedRoleArn, config, ctx);
  // The base is a role's session (an instance profile's, a task's), so this hop is role chaining: an hour at most.
  return assumeRoleWith(base.credentials, roleArn, config, ctx, chainedDuration(config));
};

async function baseSession(
  source: RunnerIdentitySource,
  config: Parameters<Provider>[1],
  ctx: ProviderContext,
): Promise<Session> {
  const { base } = source;
  if (base.kind === 'web-identity-file') {
    const oidc = {
      mode: 'oidc' as const,
      roleArn: base.roleArn,
      audience: 'sts.amazonaws.com',
      tokenFile: base.tokenFile,
    };
    // The token file's role is the base: the session policies belong to role-to-assume's hop.
    const { inlinePolicy: _inline, ...session } = config.session;
    return oidcProvider(oidc, { ...config, session: { ...session, managedPolicyArns: [] } }, ctx);
  }
  try {
    return { credentials: await sdkCredentials(base, ctx) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const fix = source.reason === 'no-id-token' ? RUNNER_NO_ID_TOKEN_FIX : RUNNER_CHAINING_FIX;
    const why = source.reason === 'no-id-token' ? ' (tried because the job has no id-token)' : '';
    throw new AwsError(
      `the runner's own AWS identity from ${describeRunnerBase(base)}${why}`,
      'CredentialsUnavailable',
      message,
      fix,
      false,
    );
  }
}

async function sdkCredentials(base: Exclude<RunnerBase, { kind: 'web-identity-file' }>, ctx: ProviderContext) {
  // The SDK's own timeouts and retries (IMDS: 1 s, none; container: 1 s, 3), as configure-aws-credentials has them:
  // a runner off AWS learns within a second that it has no instance profile.
  let identity: { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date };
  if (base.kind === 'instance-profile') {
    const { fromInstanceMetadata } = await import('@smithy/credential-provider-imds');
    identity = await fromInstanceMetadata()();
  } else {
    const { fromHttp } = await import('@aws-sdk/credential-provider-http');
    identity = await fromHttp({
      ...(base.fullUri ? { awsContainerCredentialsFullUri: base.fullUri } : {}),
      ...(base.relativeUri ? { awsContainerCredentialsRelativeUri: base.relativeUri } : {}),
      ...(base.tokenFile ? { awsContainerAuthorizationTokenFile: base.tokenFile } : {}),
    })();
  }
  ctx.debug(`runner credentials: obtained from ${describeRunnerBase(base)}`);
  const credentials: Credentials = { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey };
  if (identity.sessionToken) credentials.sessionToken = identity.sessionToken;
  if (identity.expiration) credentials.expiration = identity.expiration;
  return credentials;
}
