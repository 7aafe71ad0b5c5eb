/** Which STS failures are worth retrying, and what to tell the user about the rest. Pure. */
import { AwsError } from '../errors.js';
import { refusalReport, tokenPayload } from './token-claims.js';

const TRANSIENT_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'PriorRequestNotComplete',
  'IDPCommunicationError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
]);

export type StsCall = 'sts:AssumeRoleWithWebIdentity' | 'sts:AssumeRole' | 'sts:GetCallerIdentity';

export function stsError(call: StsCall, status: number, code: string, message: string): AwsError {
  const retryable = TRANSIENT_CODES.has(code) || status === 429 || status >= 500;
  return new AwsError(
    call,
    code || `HTTP ${status}`,
    message,
    retryable ? '' : stsHint(call, code, message),
    retryable,
  );
}

function stsHint(call: StsCall, code: string, message: string): string {
  switch (code) {
    case 'AccessDenied':
      if (call === 'sts:AssumeRoleWithWebIdentity') {
        return "Check the role's trust policy: its Principal must be the account's OIDC provider (token.actions.githubusercontent.com), its 'sub' condition must match this job (repo:<owner>/<repo>:ref:..., :environment:..., or :pull_request; repositories created since 15 July 2026 send repo:<owner>@<owner id>/<repo>@<repo id>:...) and its 'aud' condition the audience input (default sts.amazonaws.com). The lines above show what the token claimed and a condition that admits it";
      }
      if (SET_SOURCE_IDENTITY.test(message)) return SOURCE_IDENTITY_REFUSED_HINT;
      if (/session tags|TagSession/i.test(message)) {
        return "The role's trust policy must also allow sts:TagSession, or set role-skip-session-tagging: true";
      }
      return "Check that the calling identity may sts:AssumeRole this role and that the role's trust policy names it (and role-external-id matches, if the trust policy requires one)";
    case 'InvalidIdentityToken':
      return 'The id-token was rejected: check that an IAM OIDC identity provider exists for the issuer and lists the audience as a client id';
    case 'IDPRejectedClaim':
      return "The OIDC provider's settings rejected a claim: compare the claims shown above with the provider's audiences (client ids) and the role's trust policy";
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return 'The token or credentials used had expired; re-run the job, and make sure the token is fetched right before this step';
    case 'MalformedPolicyDocument':
      return 'Fix inline-session-policy: it must be a valid IAM policy document';
    case 'PackedPolicyTooLarge':
      return 'The session policies or tags are too large: shorten inline-session-policy, list fewer managed-session-policies, or set role-skip-session-tagging: true';
    case 'RegionDisabledException':
      return 'STS is not activated in this region for the account: activate it in IAM account settings, or use another aws-region';
    case 'ValidationError':
      if (/DurationSeconds exceeds the 1 hour session limit/i.test(message)) {
        return 'Sessions reached by role chaining last at most 1 hour: set role-duration-seconds to 3600 or less';
      }
      if (/DurationSeconds exceeds the MaxSessionDuration/i.test(message)) {
        return "Lower role-duration-seconds, or raise the role's maximum session duration (aws iam update-role --max-session-duration)";
      }
      return 'Check role-to-assume, role-session-name, role-duration-seconds and the session policies';
    case 'InvalidClientTokenId':
    case 'SignatureDoesNotMatch':
      return 'The credentials used to call STS are invalid: check the credentials that this step starts from';
    default:
      return '';
  }
}

const SET_SOURCE_IDENTITY = /sts:SetSourceIdentity/;

const SOURCE_IDENTITY_REFUSED_HINT =
  "The role's trust policy must also allow sts:SetSourceIdentity: add it to the Action of the statement that admits " +
  "this caller (a role's session also needs sts:SetSourceIdentity in its permissions). A session that already carries " +
  'a source identity passes it to every role it assumes, with or without the source-identity input';

/** sts:AssumeRole refused because the role's trust (or the caller's permissions) does not allow sts:SetSourceIdentity. */
export function refusesSourceIdentity(err: unknown): boolean {
  return err instanceof AwsError && err.code === 'AccessDenied' && SET_SOURCE_IDENTITY.test(err.serviceMessage);
}

/** The warning when a hop is assumed once more without its source identity. */
export function sourceIdentityDroppedWarning(roleArn: string, sourceIdentity: string): string {
  return (
    `sts:AssumeRole of ${roleArn} refused source identity '${sourceIdentity}' (not authorized to perform ` +
    'sts:SetSourceIdentity), so the role was assumed without one and CloudTrail shows no source identity for it. ' +
    `To keep it, add "sts:SetSourceIdentity" to the Action of the statement in ${roleArn}'s trust policy that admits ` +
    "this caller (for a role's session, allow sts:SetSourceIdentity in its permissions too)"
  );
}

/** STS's answers that mean the role or the OIDC provider did not admit the token, which the token's claims explain. */
const REFUSALS = new Set(['AccessDenied', 'InvalidIdentityToken', 'IDPRejectedClaim']);

/** A refusal of a web identity, with lines to print before it: what the token claimed and what would admit it. */
class WebIdentityRefused extends AwsError {
  constructor(
    err: AwsError,
    readonly details: readonly string[],
    /** What a diagnosis needs: the role asked for and the token's payload (never the token or its signature). */
    readonly refused: RefusedWebIdentity,
  ) {
    super(err.call, err.code, err.serviceMessage, err.hint, false);
  }
}

export interface RefusedWebIdentity {
  roleArn: string;
  payload: Record<string, unknown>;
}

/** `err` with the report of `token`'s claims when it is STS refusing that web identity; otherwise `err` itself. */
export function withTokenClaims(err: unknown, token: string, roleArn: string): unknown {
  if (!(err instanceof AwsError) || err.call !== 'sts:AssumeRoleWithWebIdentity' || !REFUSALS.has(err.code)) return err;
  const details = refusalReport(token);
  const payload = tokenPayload(token);
  return details.length && payload ? new WebIdentityRefused(err, details, { roleArn, payload }) : err;
}

/** Lines a front-end prints before the error's message (each one line of data, never a command); none for most. */
export function errorDetails(err: unknown): readonly string[] {
  return err instanceof WebIdentityRefused ? err.details : [];
}

/** The role and the token's payload of a refused web identity, for a diagnosis; undefined for any other error. */
export function refusedWebIdentity(err: unknown): RefusedWebIdentity | undefined {
  return err instanceof WebIdentityRefused ? err.refused : undefined;
}
