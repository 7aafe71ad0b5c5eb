/** Reading Roles Anywhere CreateSession answers: credentials, or an error with advice. Pure. */
import type { Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import { validateSession } from './validate-session.js';

const CALL = 'rolesanywhere:CreateSession';

interface CredentialSetEntry {
  assumedRoleUser?: { arn?: unknown };
  credentials?: Record<string, unknown>;
}

/** The credentials in a 2xx answer from `endpoint`, checked field by field (validate-session.ts). */
export function parseCreateSession(body: string, now: Date, endpoint: string): Session {
  let entry: CredentialSetEntry | undefined;
  try {
    entry = (JSON.parse(body) as { credentialSet?: CredentialSetEntry[] }).credentialSet?.[0];
  } catch {
    entry = undefined;
  }
  const c = entry?.credentials;
  if (
    !c ||
    ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'].some(
      (f) => typeof c[f] !== 'string' || c[f] === '',
    )
  ) {
    throw new AwsError(
      CALL,
      'MalformedResponse',
      'success without credentialSet[0].credentials',
      'Check that the endpoint is IAM Roles Anywhere',
      false,
    );
  }
  const session: Session = {
    credentials: {
      accessKeyId: c['accessKeyId'] as string,
      secretAccessKey: c['secretAccessKey'] as string,
      sessionToken: c['sessionToken'] as string,
      expiration: new Date(c['expiration'] as string),
    },
  };
  const arn = entry?.assumedRoleUser?.arn;
  if (arn !== undefined) {
    if (typeof arn !== 'string')
      throw new AwsError(
        CALL,
        'InvalidResponse',
        'credentialSet[0].assumedRoleUser.arn is not a string',
        'Check that the endpoint is IAM Roles Anywhere',
        false,
      );
    session.assumedRoleArn = arn;
  }
  return validateSession(session, { call: CALL, endpoint, now });
}

export function rolesAnywhereError(status: number, errorType: string | string[] | undefined, body: string): AwsError {
  let message = '';
  try {
    message = String((JSON.parse(body) as { message?: unknown }).message ?? '');
  } catch {
    message = body.slice(0, 200).replace(/\s+/g, ' ');
  }
  // x-amzn-ErrorType can carry a suffix after ':' (a documentation URL).
  const code = (Array.isArray(errorType) ? errorType[0] : errorType)?.split(':')[0] || `HTTP ${status}`;
  const retryable = status === 429 || status >= 500 || code === 'ThrottlingException';
  return new AwsError(CALL, code, message, retryable ? '' : hint(code, message), retryable);
}

function hint(code: string, message: string): string {
  if (code === 'AccessDeniedException') {
    if (/signature/i.test(message))
      return "The signature was rejected: check this machine's clock (AWS allows 5 minutes of skew) and that private-key belongs to certificate";
    if (/date|time|skew|expired|not yet valid/i.test(message))
      return "Check this machine's clock and the certificate's validity period";
    return 'Check that the trust anchor holds the CA that issued the certificate (and certificate-chain carries any intermediates), that the trust anchor and profile are enabled, that the profile lists role-to-assume, and that the role trusts rolesanywhere.amazonaws.com with sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity';
  }
  if (code === 'ValidationException') {
    if (/duration/i.test(message))
      return "Lower role-duration-seconds to the profile's and role's maximum session duration";
    if (/session ?name/i.test(message))
      return 'The profile does not accept role session names: remove role-session-name, or enable acceptRoleSessionName on the profile';
    return 'Check trust-anchor-arn, profile-arn and role-to-assume';
  }
  if (code === 'ResourceNotFoundException')
    return 'Check trust-anchor-arn and profile-arn, and that they are in the same region';
  return '';
}
