/**
 * STS's query protocol as the STS stand-in speaks it: the faults it answers with (code, HTTP status, message as AWS
 * words them), the XML shapes of answers and errors, and the parameter checks STS applies before anything else.
 */
import { randomUUID } from 'node:crypto';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An STS error answer: thrown anywhere in the stand-in, rendered as `<ErrorResponse>`. */
export class StsFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const faults = {
  validation: (message: string) => new StsFault(400, 'ValidationError', message),
  invalidIdentityToken: (message: string) => new StsFault(400, 'InvalidIdentityToken', message),
  expiredIdentityToken: (message: string) => new StsFault(400, 'ExpiredTokenException', message),
  idpCommunication: (message: string) => new StsFault(400, 'IDPCommunicationError', message),
  accessDenied: (message: string) => new StsFault(403, 'AccessDenied', message),
  invalidClientTokenId: () =>
    new StsFault(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.'),
  expiredToken: () => new StsFault(403, 'ExpiredToken', 'The security token included in the request is expired'),
  signatureDoesNotMatch: (message?: string) =>
    new StsFault(
      403,
      'SignatureDoesNotMatch',
      message ??
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    ),
  incompleteSignature: (message: string) => new StsFault(403, 'IncompleteSignature', message),
  missingAuthenticationToken: () =>
    new StsFault(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token'),
  malformedPolicy: (message: string) => new StsFault(400, 'MalformedPolicyDocument', message),
};

function escapeXml(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** `{ A: 'x', B: { C: 'y' } }` → `<A>x</A><B><C>y</C></B>`; undefined members are left out. */
function xmlElements(members: XmlMembers): string {
  return Object.entries(members)
    .filter((e): e is [string, string | XmlMembers] => e[1] !== undefined)
    .map(([tag, value]) => `<${tag}>${typeof value === 'string' ? escapeXml(value) : xmlElements(value)}</${tag}>`)
    .join('');
}
export interface XmlMembers {
  [tag: string]: string | XmlMembers | undefined;
}

export function resultXml(action: string, result: XmlMembers): string {
  return (
    `<${action}Response xmlns="${NAMESPACE}">` +
    `<${action}Result>${xmlElements(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>\n`
  );
}

export function errorXml(fault: StsFault): string {
  const type = fault.status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACE}">` +
    `<Error>${xmlElements({ Type: type, Code: fault.code, Message: fault.message })}</Error>` +
    `<RequestId>${randomUUID()}</RequestId>` +
    `</ErrorResponse>\n`
  );
}

/** `2024-05-01T12:00:00Z`: STS's form of an expiration (no fractional seconds). */
export function stsTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface ParsedRoleArn {
  partition: string;
  account: string;
  /** The role's name without its path: what an assumed-role ARN carries. */
  name: string;
}

export function parseRoleArn(arn: string): ParsedRoleArn | undefined {
  const match = /^arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return match ? { partition: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}

/**
 * The checks STS makes on the parameters common to AssumeRole and AssumeRoleWithWebIdentity, with its wording;
 * several failures are reported together, as AWS does. Returns the duration in seconds.
 */
export function checkAssumeParams(params: Record<string, string>): { role: ParsedRoleArn; durationSeconds: number } {
  const problems: string[] = [];
  const roleArn = params['RoleArn'];
  const sessionName = params['RoleSessionName'];
  const duration = params['DurationSeconds'];
  const value = (v: string | undefined) => (v === undefined ? 'null' : `'${v}'`);

  if (roleArn === undefined)
    problems.push(`Value null at 'roleArn' failed to satisfy constraint: Member must not be null`);
  else if (roleArn.length < 20 || roleArn.length > 2048)
    problems.push(
      `Value ${value(roleArn)} at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048`,
    );
  if (sessionName === undefined)
    problems.push(`Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null`);
  else {
    if (!/^[\w+=,.@-]*$/.test(sessionName))
      problems.push(
        `Value ${value(sessionName)} at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
      );
    if (sessionName.length < 2 || sessionName.length > 64)
      problems.push(
        `Value ${value(sessionName)} at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64`,
      );
  }
  let durationSeconds = 3600;
  if (duration !== undefined) {
    durationSeconds = /^\d+$/.test(duration) ? Number(duration) : NaN;
    if (Number.isNaN(durationSeconds))
      problems.push(
        `Value ${value(duration)} at 'durationSeconds' failed to satisfy constraint: Member must be a number`,
      );
    else if (durationSeconds < 900)
      problems.push(
        `Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
      );
    else if (durationSeconds > 43200)
      problems.push(
        `Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200`,
      );
  }
  if (problems.length > 0) {
    throw faults.validation(
      `${problems.length} validation error${problems.length > 1 ? 's' : ''} detected: ${problems.join('; ')}`,
    );
  }
  const role = parseRoleArn(roleArn!);
  if (!role) throw faults.validation('Request ARN is invalid');

  const policy = params['Policy'];
  if (policy !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(policy);
    } catch {
      throw faults.malformedPolicy('Syntax errors in policy.');
    }
    if (typeof document !== 'object' || document === null || !('Statement' in document))
      throw faults.malformedPolicy('Syntax errors in policy.');
  }
  for (let i = 1; params[`PolicyArns.member.${i}.arn`] !== undefined; i++) {
    const arn = params[`PolicyArns.member.${i}.arn`]!;
    if (!/^arn:aws[\w-]*:iam::(\d{12}|aws):policy\/.+$/.test(arn))
      throw faults.validation(
        `Value '${arn}' at 'policyArns.${i}.member.arn' failed to satisfy constraint: Member must be a valid IAM policy ARN`,
      );
  }
  return { role, durationSeconds };
}

/** `Tags.member.N.Key/Value` of an AssumeRole call, checked as STS does. */
export function sessionTags(params: Record<string, string>): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let i = 1; params[`Tags.member.${i}.Key`] !== undefined; i++) {
    const key = params[`Tags.member.${i}.Key`]!;
    const tagValue = params[`Tags.member.${i}.Value`] ?? '';
    if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u.test(key))
      throw faults.validation(
        `Value '${key}' at 'tags.${i}.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`,
      );
    if (tagValue.length > 256)
      throw faults.validation(
        `Value at 'tags.${i}.member.value' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    if (Object.keys(tags).some((k) => k.toLowerCase() === key.toLowerCase()))
      throw faults.validation('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    tags[key] = tagValue;
  }
  if (Object.keys(tags).length > 50)
    throw faults.validation(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    );
  return tags;
}
