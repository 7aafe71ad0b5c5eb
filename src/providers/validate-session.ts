/**
 * The check every exchange's answer passes before anything uses it: each credential field has AWS's shape, the
 * expiration is a real date in a sane window, the assumed-role ARN follows its grammar. A value outside fails the
 * step: it would otherwise be written into env files, credentials files and logs that treat newlines as structure.
 * Pure. Errors name the endpoint and the field, never the value.
 */
import { describeUrl } from '../config/endpoint-url.js';
import { ACCESS_KEY_ID } from '../config/values.js';
import { SOURCE_IDENTITY } from '../config/source-identity.js';
import type { Session } from '../credentials.js';
import { AwsError } from '../errors.js';

export interface SessionSource {
  /** Where the answer came from, as it may be printed (user information is never shown). */
  endpoint: string;
  now: Date;
  /** The longest session the service can issue; default 12 hours (STS, IoT, Roles Anywhere); MinIO's is 365 days. */
  maxLifetimeMs?: number;
  /** The call named in the error, e.g. `sts:AssumeRoleWithWebIdentity`. */
  call?: string;
  /** The shape of each credential field; default AWS's. */
  shapes?: CredentialShapes;
  /** What to check when the expiration is out of range; default: the clock and the session length on the AWS side. */
  clockHint?: string;
}

/** What each credential field of one kind of service looks like: printable, unspaced, bounded, whatever the service. */
export interface CredentialShapes {
  accessKeyId: RegExp;
  secretAccessKey: RegExp;
  sessionToken: RegExp;
}

const DEFAULT_MAX_LIFETIME_MS = 12 * 3600_000;
/** Clock difference tolerated between this machine and the service. */
export const CLOCK_SKEW_MS = 5 * 60_000;

// AWS documents AccessKeyId as 16..128 word characters; every key it issues is upper-case letters and digits.
// Secrets are 40 base64 characters today; the bound leaves room without letting a document through.
const SECRET_ACCESS_KEY = /^[A-Za-z0-9+/=]{16,128}$/;
// Session tokens are base64 of no fixed size (session tags and policies grow them): a few KB in practice.
const SESSION_TOKEN = /^[A-Za-z0-9+/=]{16,16384}$/;
const AWS_SHAPES: CredentialShapes = {
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET_ACCESS_KEY,
  sessionToken: SESSION_TOKEN,
};

/**
 * MinIO's (internal/auth): a 20-character access key of upper-case letters and digits, a 40-character base64 secret,
 * and a session token that is a JWT (base64url parts joined by dots), which grows with a session policy.
 */
export const MINIO_SHAPES: CredentialShapes = {
  accessKeyId: ACCESS_KEY_ID,
  secretAccessKey: SECRET_ACCESS_KEY,
  sessionToken: /^(?=[\w.-]{16,65536}$)[\w-]+\.[\w-]+\.[\w-]*$/,
};

// arn:<partition>:sts::<account>:assumed-role/<role name>/<session name>; a role path never appears in it.
const ASSUMED_ROLE_ARN = /^arn:aws(?:-[a-z]+)*:sts::\d{12}:assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64}$/;

/** Returns `session` unchanged when every field has its expected shape; throws a non-retryable AwsError otherwise. */
export function validateSession(session: Session, source: SessionSource): Session {
  const fail = (
    field: string,
    problem: string,
    hint = 'The endpoint is not AWS, or something altered its answer: check the endpoint setting and any proxy in between',
  ) =>
    new AwsError(
      source.call ?? 'credentials exchange',
      'InvalidResponse',
      `the answer from ${describeUrl(source.endpoint)} has ${problem} in ${field}`,
      hint,
      false,
    );
  const { credentials } = session;
  const shapes = source.shapes ?? AWS_SHAPES;
  checkShape(credentials.accessKeyId, shapes.accessKeyId, 'accessKeyId', fail);
  checkShape(credentials.secretAccessKey, shapes.secretAccessKey, 'secretAccessKey', fail);
  checkShape(credentials.sessionToken, shapes.sessionToken, 'sessionToken', fail);
  if (session.assumedRoleArn !== undefined)
    checkShape(session.assumedRoleArn, ASSUMED_ROLE_ARN, 'assumedRoleArn', fail);
  if (session.sourceIdentity !== undefined) checkShape(session.sourceIdentity, SOURCE_IDENTITY, 'sourceIdentity', fail);

  const expiration = credentials.expiration;
  if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime())) throw fail('expiration', 'no readable date');
  const clockHint = source.clockHint ?? "Check this machine's clock, and the session length configured on the AWS side";
  if (expiration.getTime() <= source.now.getTime()) {
    throw fail('expiration', `a time already past (${expiration.toISOString()})`, clockHint);
  }
  const latest = source.now.getTime() + (source.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS) + CLOCK_SKEW_MS;
  if (expiration.getTime() > latest) {
    throw fail(
      'expiration',
      `a time further ahead than any session this service issues (${expiration.toISOString()})`,
      clockHint,
    );
  }
  return session;
}

/** Describes a bad value by its length and the kind of character at fault: safe to print, unlike the value. */
function checkShape(
  value: unknown,
  pattern: RegExp,
  field: string,
  fail: (field: string, problem: string) => AwsError,
): void {
  if (typeof value !== 'string' || value === '') throw fail(field, 'no value');
  if (pattern.test(value)) return;
  throw fail(field, `a value of unexpected shape (${value.length} characters${offendingKind(value)})`);
}

function offendingKind(value: string): string {
  if (/\p{Cc}/u.test(value)) return ', including a control character';
  if (/[^\x20-\x7e]/.test(value)) return ', including a non-ASCII character';
  if (/\s/.test(value)) return ', including white space';
  return '';
}
