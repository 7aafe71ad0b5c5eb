/**
 * How the AWS IoT credentials provider answers `GET /role-aliases/<alias>/credentials`, as a pure function.
 * Status codes and message texts follow observed responses of the real service (see the order of checks below);
 * texts marked "guess" were not observed and only keep the shape `{"message": ...}`.
 */

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601 UTC without milliseconds, as the service sends it: 2026-11-23T14:00:00Z. */
  expiration: string;
}

export interface RoleAliasSpec {
  roleArn: string;
  /** The alias's credentialDurationSeconds; 3600 when absent, as CreateRoleAlias defaults. */
  credentialDurationSeconds?: number;
  /** The IAM role's MaxSessionDuration; 3600 when absent, as IAM defaults. */
  roleMaxSessionDurationSeconds?: number;
  /** False models a role that is missing or whose trust policy omits credentials.iot.amazonaws.com. */
  roleAssumable?: boolean;
}

export interface CertificateRecord {
  /** The thing the certificate is attached to; null when attached to none. */
  thingName: string | null;
  active: boolean;
  /** Whether an attached IoT policy allows iot:AssumeRoleWithCertificate at all. */
  allowsAssumeRoleWithCertificate: boolean;
  /** Role aliases the policy's Resource covers; '*' for all. */
  roleAliases: '*' | string[];
}

export interface MintContext {
  thingName: string | null;
  roleAlias: string;
  roleArn: string;
  durationSeconds: number;
  /** SHA-1 of the client certificate's DER, lowercase hex (nginx's $ssl_client_fingerprint). */
  fingerprint: string;
  now: Date;
}

export interface CredentialsRequest {
  method: string;
  path: string;
  /** The x-amzn-iot-thingname header, if sent. */
  thingName?: string;
  /** nginx's $ssl_client_verify: SUCCESS, NONE or FAILED:<reason>. */
  clientVerify: string;
  fingerprint: string;
}

export interface CredentialsAnswer {
  status: number;
  /** The message for errors; absent on success. */
  message?: string;
  /** x-amzn-ErrorType, only where the real header value was observed. */
  errorType?: string;
  credentials?: IssuedCredentials;
  /** Set when the path named a role alias; recorded for tests. */
  roleAlias?: string;
}

export interface CredentialsState {
  certificates: ReadonlyMap<string, CertificateRecord>;
  /** Certificates are known by fingerprint alone (nginx checked only that the client holds the key). */
  registeredOnly?: boolean;
  roleAliases: ReadonlyMap<string, RoleAliasSpec>;
}

export const MESSAGES = {
  invalidThingName: 'Invalid thing name passed',
  accessDenied: 'Access Denied',
  certificateInvalid: 'Certificate is invalid on this endpoint',
  roleAliasMissing: 'Role alias does not exist',
  roleNotAssumable: 'Unable to assume the role, or the role to assume does not exist',
  durationTooLong: 'The requested CredentialDurationSeconds exceeds the MaxSessionDuration set for the role',
  notFound: 'Not Found', // guess: observed for wrong hosts, not for wrong paths on this one
} as const;

const CREDENTIALS_PATH = /^\/role-aliases\/([^/?]+)\/credentials(?:\?.*)?$/;

function denied(message: string, roleAlias?: string): CredentialsAnswer {
  return {
    status: 403,
    message,
    errorType: 'AccessDeniedException',
    ...(roleAlias === undefined ? {} : { roleAlias }),
  };
}

/**
 * Decides the answer. Order of checks: certificate known and active, thing name, policy, alias exists,
 * role assumable, duration within the role's maximum. `mint` is called only on success.
 */
export function decideCredentialsAnswer(
  request: CredentialsRequest,
  state: CredentialsState,
  now: Date,
  mint: (context: MintContext) => IssuedCredentials,
): CredentialsAnswer {
  const match = CREDENTIALS_PATH.exec(request.path);
  if (request.method !== 'GET' || !match?.[1]) return { status: 404, message: MESSAGES.notFound };
  let roleAlias: string;
  try {
    roleAlias = decodeURIComponent(match[1]);
  } catch {
    return { status: 404, message: MESSAGES.notFound };
  }
  // nginx drops unverified connections before they get here; this keeps the backend honest if that ever changes.
  const presented =
    request.clientVerify === 'SUCCESS' ||
    (state.registeredOnly === true && request.clientVerify.startsWith('FAILED') && request.fingerprint !== '');
  if (!presented) return denied(MESSAGES.accessDenied, roleAlias);

  const certificate = state.certificates.get(request.fingerprint);
  if (!certificate) return denied(MESSAGES.certificateInvalid, roleAlias);
  if (!certificate.active) return denied(MESSAGES.accessDenied, roleAlias);
  // Without the header the service does not check the thing; a wrong or unattached thing is refused.
  if (request.thingName !== undefined && request.thingName !== certificate.thingName) {
    return denied(MESSAGES.invalidThingName, roleAlias);
  }
  const coversAlias = certificate.roleAliases === '*' || certificate.roleAliases.includes(roleAlias);
  if (!certificate.allowsAssumeRoleWithCertificate || !coversAlias) return denied(MESSAGES.accessDenied, roleAlias);

  const alias = state.roleAliases.get(roleAlias);
  if (!alias) return { status: 404, message: MESSAGES.roleAliasMissing, roleAlias };
  if (alias.roleAssumable === false) return { status: 400, message: MESSAGES.roleNotAssumable, roleAlias };
  const durationSeconds = alias.credentialDurationSeconds ?? 3600;
  if (durationSeconds > (alias.roleMaxSessionDurationSeconds ?? 3600)) {
    return { status: 400, message: MESSAGES.durationTooLong, roleAlias };
  }
  const credentials = mint({
    thingName: certificate.thingName,
    roleAlias,
    roleArn: alias.roleArn,
    durationSeconds,
    fingerprint: request.fingerprint,
    now,
  });
  return { status: 200, credentials, roleAlias };
}

/** Formats a time the way the service does: second precision, trailing Z. */
export function formatExpiration(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}
