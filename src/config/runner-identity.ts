/**
 * The runner's own AWS identity (a self-hosted runner on EC2, ECS, CodeBuild or EKS) as the base for role-to-assume,
 * when the step has no id-token, token file or keys: as configure-aws-credentials falls back to the SDK's default
 * chain. Which of the SDK's sources the environment points at is decided here, in the SDK's order (web identity file,
 * container endpoint, instance metadata). Pure.
 */
import type { Env } from './sources/inputs.js';

export type RunnerBase =
  /** IRSA: AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN. */
  | { kind: 'web-identity-file'; tokenFile: string; roleArn: string }
  /** ECS/CodeBuild (relative or full URI) or EKS Pod Identity (full URI with an authorization token file). */
  | { kind: 'container' | 'pod-identity'; fullUri?: string; relativeUri?: string; tokenFile?: string }
  /** EC2's instance profile over IMDS; the SDK reads AWS_EC2_METADATA_SERVICE_ENDPOINT(_MODE) and _V1_DISABLED. */
  | { kind: 'instance-profile' };

/** The base the SDK's default chain would use after the environment's keys and profiles; undefined when none can. */
export function runnerBaseOf(env: Env): RunnerBase | undefined {
  const tokenFile = env['AWS_WEB_IDENTITY_TOKEN_FILE'];
  const roleArn = env['AWS_ROLE_ARN'];
  if (tokenFile && roleArn) return { kind: 'web-identity-file', tokenFile, roleArn };
  const fullUri = env['AWS_CONTAINER_CREDENTIALS_FULL_URI'];
  const relativeUri = env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'];
  if (relativeUri || fullUri) {
    const authFile = env['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE'];
    return {
      // The SDK prefers the relative URI; Pod Identity is the full URI with a token file.
      kind: !relativeUri && authFile ? 'pod-identity' : 'container',
      ...(relativeUri ? { relativeUri } : { fullUri: fullUri as string }),
      ...(authFile ? { tokenFile: authFile } : {}),
    };
  }
  if (env['AWS_EC2_METADATA_DISABLED']?.toLowerCase() === 'true') return undefined;
  return { kind: 'instance-profile' };
}

/** Where the base came from, for the step's notice: names the source and its location, never a credential. */
export function describeRunnerBase(base: RunnerBase): string {
  switch (base.kind) {
    case 'web-identity-file':
      return `the web identity token file ${base.tokenFile} (IRSA, for ${base.roleArn})`;
    // The URI's path may name the task's credentials: only its host is shown.
    case 'pod-identity':
      return `EKS Pod Identity (AWS_CONTAINER_CREDENTIALS_FULL_URI at ${hostOf(base.fullUri)})`;
    case 'container':
      return base.relativeUri
        ? 'the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI at 169.254.170.2)'
        : `the container credentials endpoint (AWS_CONTAINER_CREDENTIALS_FULL_URI at ${hostOf(base.fullUri)})`;
    case 'instance-profile':
      return 'the EC2 instance profile (instance metadata, IMDSv2)';
  }
}

function hostOf(uri: string | undefined): string {
  try {
    return new URL(uri ?? '').host;
  } catch {
    return 'an unparsable URL';
  }
}

/** The step's notice: which base assumed the role, and why that base rather than an id-token or keys. */
export function runnerIdentityNotice(base: RunnerBase, reason: 'no-id-token' | 'role-chaining'): string {
  const why =
    reason === 'no-id-token'
      ? 'the step uses no id-token (the job has no id-token: write, or force-skip-oidc is true), token file or AWS_* keys'
      : 'role-chaining found no AWS_* keys or AWS_PROFILE';
  return `role-to-assume was assumed with the runner's own AWS identity from ${describeRunnerBase(base)}: ${why}`;
}
