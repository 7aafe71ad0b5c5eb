/** The longer problems and fixes the config's checks report: kept here so the checks read as checks. */

export const IOT_DURATION_FIX =
  'Remove it, or change the alias: aws iot update-role-alias --role-alias <alias> --credential-duration-seconds <n>';

export function ignoredTagsWarning(input: string, mode: string): string {
  return (
    `Input '${input}' is ignored: no sts:AssumeRole call is made in ${mode} mode, and only that call takes ` +
    "session tags. The tags of an OIDC session come from the id-token's https://aws.amazon.com/tags claim; " +
    'add chain-role-arn to hop into a tagged session'
  );
}

export function cleartextProblem(shown: string): string {
  return (
    `'${shown}' is plain http:// to a host that is not loopback, ` +
    'so tokens and signed requests would cross the network in clear text'
  );
}

export function unknownInputProblem(unknown: readonly string[]): string {
  const others = unknown.length > 1 ? ` (nor ${unknown.length > 2 ? 'are' : 'is'} ${unknown.slice(1).join(', ')})` : '';
  return `is not an input of this action${others}; the runner would only have warned`;
}

export const MODE_NOT_INFERRED =
  'cannot be inferred: a certificate is given without iot-credential-endpoint/role-alias (IoT), ' +
  'trust-anchor-arn/profile-arn (Roles Anywhere) or minio-endpoint (MinIO)';

export const NO_MODE_FIX =
  'For OIDC set role-to-assume; for a certificate set iot-credential-endpoint and role-alias, ' +
  'trust-anchor-arn and profile-arn, or minio-endpoint';

export function strayInputsProblem(mode: string, from: string, stray: string): string {
  return `is inferred as ${mode} (from ${from}), but ${stray} not read in that mode`;
}

export function chainingClashProblem(clash: string): string {
  return `is true, which uses the credentials already in the environment, but ${clash} also set`;
}

export function staticKeysProblem(given: readonly string[]): string {
  const others = given.length > 1 ? ` (nor ${given.slice(1).join(', ')})` : '';
  return `is not accepted: this action never takes long-lived access keys${others}`;
}

export const FORCE_SKIP_OIDC_FIX =
  'Give web-identity-token-file, set role-chaining: true to use credentials an earlier step exported, ' +
  'or remove force-skip-oidc';

export function missingProfileProblem(profile: string, file: string, sectionFound: boolean): string {
  const missing = sectionFound ? 'aws_access_key_id and aws_secret_access_key in that profile' : 'such profile';
  return `is true and AWS_PROFILE is '${profile}', but ${file} has no ${missing}`;
}

export const UNWRITABLE_JOB_PROFILE =
  'is set to a name this step cannot write as a profile, ' +
  'and the JS SDK would read that profile instead of the credentials exported';

export const MINIO_TLS_FIX =
  'MinIO reads the client certificate from the TLS handshake: use https:// ' +
  '(and MINIO_IDENTITY_TLS_ENABLE=on on the server)';

export const NO_BASE_FOR_CHAINING =
  'is true but no AWS credentials are in the environment, and AWS_EC2_METADATA_DISABLED=true rules out the ' +
  "runner's instance profile";

export const NO_BASE_WITHOUT_ID_TOKEN =
  'has no credentials to assume it with: the job has no id-token, the environment no AWS_* keys or AWS_PROFILE, ' +
  "and AWS_EC2_METADATA_DISABLED=true rules out the runner's instance profile";

export const NO_BASE_FIX =
  "Give the job 'permissions: id-token: write', run a step that exports AWS credentials first, " +
  'or unset AWS_EC2_METADATA_DISABLED on a runner with an instance profile';

export const SOURCE_IDENTITY_FIX =
  'Use 2 to 64 characters from letters, digits and +=,.@_- that do not start with aws:, ' +
  'or run (gha-<run id>-<attempt>, from GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT)';

export const SOURCE_IDENTITY_NO_RUN =
  'is run, but GITHUB_RUN_ID (and GITHUB_RUN_ATTEMPT) are not set to run numbers, so there is no run to name';

export function ignoredSourceIdentityWarning(mode: string): string {
  return (
    `Input 'source-identity' sets no source identity: no sts:AssumeRole call is made in ${mode} mode, and only that ` +
    "call takes one (an OIDC session's comes from the id-token's https://aws.amazon.com/source_identity claim); add " +
    'chain-role-arn to hop into a session that carries it'
  );
}

export function ignoredDiagnoseWarning(mode: string): string {
  return (
    `Input 'diagnose' has no effect in ${mode} mode: it explains STS refusing a web identity (OIDC mode) from the ` +
    "role's trust policy; here the step prints the refusing service's own message"
  );
}
