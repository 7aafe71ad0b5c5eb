/**
 * Reading MinIO's AssumeRoleWithCertificate answers (cmd/sts-handlers.go, cmd/sts-errors.go): the credentials of an
 * `AssumeRoleWithCertificateResponse`, or the code and message of an error body. Pure: the body and the time in.
 * Every value is checked (validate-session.ts) before it leaves, since it ends up in environment files and profiles.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import { MINIO_SHAPES, validateSession } from './validate-session.js';

export const MINIO_CALL = 'minio:AssumeRoleWithCertificate';

/** minio-go reads at most this much of an answer; anything longer is not MinIO's. */
const MAX_BODY = 1 << 20;
const MAX_MESSAGE = 500;
/** internal/config/identity/tls: MinIO issues certificate credentials for at most 365 days. */
const MINIO_MAX_LIFETIME_MS = 365 * 24 * 3600_000;

// Go marshals time.Time as RFC 3339, in UTC for MinIO's answers; fractions are allowed, other forms are not.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  // Go's encoder writes ' and " as &#39; and &#34;: numeric references must be decoded.
  htmlEntities: true,
  processEntities: true,
});

function malformed(problem: string): AwsError {
  return new AwsError(
    MINIO_CALL,
    'MalformedResponse',
    problem,
    'Check that the MinIO endpoint is the MinIO server itself, not a proxy or a load balancer page',
    false,
  );
}

/** The XML as a tree, or undefined when it is not XML this parser will read (too long, a DOCTYPE, not well formed). */
function readXml(body: string): Record<string, unknown> | undefined {
  // MinIO never sends a DTD; refusing one keeps entity expansion out entirely.
  if (body.length > MAX_BODY || /<!DOCTYPE/i.test(body)) return undefined;
  try {
    // The parser is lenient (it reads `</Expiration` without `>`); the validator insists on well-formed XML.
    if (XMLValidator.validate(body) !== true) return undefined;
    const tree = parser.parse(body) as unknown;
    return tree && typeof tree === 'object' ? (tree as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A child element that occurs once, as an object; undefined otherwise. */
function element(parent: unknown, name: string): Record<string, unknown> | undefined {
  if (!parent || typeof parent !== 'object' || !Object.hasOwn(parent, name)) return undefined;
  const value = (parent as Record<string, unknown>)[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A child element that occurs once with text only; undefined otherwise (missing, repeated, or with children). */
function text(parent: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!parent || !Object.hasOwn(parent, name)) return undefined;
  const value = parent[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The session in a 200 answer; an AwsError naming what was wrong otherwise. The structure is read here; the values go
 * through the check every exchange's answer passes (validate-session.ts), with MinIO's shapes and session bounds.
 */
export function parseMinioCredentials(body: string, now: Date, endpoint: string): Session {
  const tree = readXml(body);
  if (!tree) throw malformed('HTTP 200 with a body that is not readable XML');
  const result = element(element(tree, 'AssumeRoleWithCertificateResponse'), 'AssumeRoleWithCertificateResult');
  const c = element(result, 'Credentials');
  if (!c)
    throw malformed('HTTP 200 without AssumeRoleWithCertificateResponse/AssumeRoleWithCertificateResult/Credentials');
  const field = (name: string): string => {
    const value = text(c, name);
    if (value === undefined)
      throw malformed(`the answer's Credentials/${name} is missing or not a single text element`);
    return value;
  };
  const [accessKeyId, secretAccessKey, sessionToken, written] = [
    'AccessKeyId',
    'SecretAccessKey',
    'SessionToken',
    'Expiration',
  ].map(field) as [string, string, string, string];
  const expiration = new Date(written);
  if (!RFC3339.test(written) || Number.isNaN(expiration.getTime()))
    throw malformed("the answer's Credentials/Expiration is not an RFC 3339 time");
  return validateSession(
    { credentials: { accessKeyId, secretAccessKey, sessionToken, expiration } },
    {
      call: MINIO_CALL,
      endpoint,
      now,
      maxLifetimeMs: MINIO_MAX_LIFETIME_MS,
      shapes: MINIO_SHAPES,
      clockHint:
        "Check this machine's clock and the client certificate's notAfter: MinIO never issues credentials past it",
    },
  );
}

export interface MinioErrorBody {
  code: string;
  message: string;
}

/**
 * The code and message of an error answer: STS's `<ErrorResponse><Error>…` or, for requests no STS route takes,
 * S3's `<Error>…`. Undefined when the body is neither. The message is flattened to one line and shortened.
 */
export function parseMinioError(body: string): MinioErrorBody | undefined {
  const tree = readXml(body);
  if (!tree) return undefined;
  const error = element(element(tree, 'ErrorResponse'), 'Error') ?? element(tree, 'Error');
  const code = text(error, 'Code');
  if (code === undefined || !/^[A-Za-z0-9.]{1,64}$/.test(code)) return undefined;
  return { code, message: oneLine(text(error, 'Message') ?? '') };
}

function oneLine(message: string): string {
  const flat = message.replace(/[\x00-\x1f\x7f\u2028\u2029]+/g, ' ').trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}
