/** What `doctor` tells the user: the longer hints and fixes of its report. */

export const READ_FAILED = 'Check the credentials (the standard chain: AWS_PROFILE, AWS_ACCESS_KEY_ID, ...) and region';

export const NOT_A_JWT =
  'Give the raw id-token (three base64url parts separated by dots) with an iss claim: the token your job sends to STS';

export const NO_OIDC_TOKEN =
  'doctor diagnoses web-identity (OIDC) trust: give --role-to-assume with --web-identity-token-file, --web-identity-token-env or --issuer (a login), not a certificate mode';

export const SIGNATURE_NOT_CHECKED =
  'read from its payload; the signature is not checked, as STS checks it, and the token itself is not shown';

export const EXPIRED =
  'STS refuses an expired token whatever the trust says (InvalidIdentityToken); the verdict below is about the trust only';

export const NO_PROVIDER_FIX =
  "Create the provider for this issuer (bootstrap oidc creates GitHub's; or aws iam create-open-id-connect-provider --url <iss> --client-id-list <aud>)";

export const AUDIENCE_FIX =
  "Add the audience to the provider (aws iam add-client-id-to-open-id-connect-provider), or request the token for an audience the provider lists (the action's and CLI's audience input)";

export const PRINCIPAL_FIX = 'Name the token\'s provider in the statement: "Principal": {"Federated": "<arn>"}';

export const ACTION_FIX = 'Allow the action the exchange calls: "Action": "sts:AssumeRoleWithWebIdentity"';

export const DENY_FIX =
  'An explicit Deny matches this token: remove it, or narrow its Condition so it leaves this job out';

export const IMMUTABLE_SUB_HINT =
  "this repository's tokens carry the immutable sub (repo:owner@id/name@id:...); the policy names it by name only: admit the immutable form (bootstrap oidc --sub-format auto writes it)";

export const LEGACY_SUB_HINT =
  'the token carries the name-only sub, and the policy expects the immutable form (repo:owner@id/name@id:...): admit the name-only form too, or opt the repository in to immutable subjects';

export const ENVIRONMENT_SUB_HINT =
  'the job ran in an environment, so its sub names the environment (...:environment:<name>), not the branch: admit the environment (bootstrap oidc --environment)';

export const CANNOT_TELL =
  'Some conditions depend on what the token does not carry; the report names them. STS decides those when the job calls it.';

/** `diagnose: true`: the one line printed instead of the report when the runner's credentials cannot read the role. */
export function diagnoseNeeds(why: string, roleArn: string, providerArn: string): string {
  return (
    `diagnose: not run: ${why}. It needs AWS credentials of the runner's own (the SDK's default chain: an instance ` +
    `profile, a task role, AWS_* variables or a profile) allowed iam:GetRole on ${roleArn} and ` +
    `iam:GetOpenIDConnectProvider on ${providerArn}`
  );
}

export const NO_RUNNER_CREDENTIALS = 'the runner has no AWS credentials of its own';

export const TRUST_READ_DENIED = "the runner's AWS credentials may not call iam:GetRole";

export const NO_ISSUER =
  'diagnose: not run: the refused token has no single iss claim, so there is no OIDC provider to evaluate it against';

export const DIAGNOSIS_HEADING =
  "Diagnosis (diagnose: true), from the role's trust policy and the OIDC provider read with the runner's own AWS credentials:";
