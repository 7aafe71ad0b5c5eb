/** Parsing of scalar inputs: booleans, integers, regions, session names, policies. Pure. */
import { InputError } from '../errors.js';

/** A profile name this project writes and reads back: what the AWS CLI and every SDK accept in both files. */
export const PROFILE_NAME = /^[\w+=,.@-]{1,64}$/;
/** An AWS region code (us-east-1, cn-north-1, us-gov-west-1). */
export const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** Every service here issues upper-case letters and digits (AWS's ASIA..., MinIO's 20 characters). */
export const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

export function parseBoolean(value: string, input: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(input, `'${value}' is not a boolean`, 'Use true or false');
}

export function parseInteger(value: string, input: string, min: number, max: number, unit: string): number {
  if (!/^\d+$/.test(value)) {
    throw new InputError(
      input,
      `'${value}' is not a whole number`,
      `Use a whole number of ${unit} from ${min} to ${max}`,
    );
  }
  const n = Number(value);
  if (n < min || n > max) {
    throw new InputError(input, `${n} is out of range`, `Use a whole number of ${unit} from ${min} to ${max}`);
  }
  return n;
}

export function parseRegion(value: string, input: string): string {
  if (value === '') {
    throw new InputError(input, 'is required', 'Set it to the AWS region to use, e.g. aws-region: us-east-1');
  }
  if (!REGION.test(value)) {
    throw new InputError(
      input,
      `'${value}' is not an AWS region name`,
      'Use a region code such as us-east-1 or eu-west-2',
    );
  }
  return value;
}

/** Characters STS allows in a role session name, 2..64 of them. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export function parseSessionName(value: string, input: string): string {
  if (!SESSION_NAME.test(value)) {
    throw new InputError(
      input,
      `'${value}' is not a valid role session name`,
      'Use 2 to 64 characters from letters, digits and +=,.@_-',
    );
  }
  return value;
}

/** Turns any text into a valid session name: other characters become '-', then cut to 64 and padded to 2. */
export function sanitiseSessionName(text: string): string {
  const cleaned = text.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return cleaned.length >= 2 ? cleaned : cleaned.padEnd(2, '_');
}

/** The default session name: the run's id and attempt, so CloudTrail ties the session to the run. */
export function defaultSessionName(env: Record<string, string | undefined>, now: Date): string {
  const runId = env['GITHUB_RUN_ID'];
  if (runId) return sanitiseSessionName(`GitHubActions-${runId}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`);
  return sanitiseSessionName(`aws-short-lived-credentials-${Math.floor(now.getTime() / 1000)}`);
}

/** STS limits an inline session policy to 2048 characters once white space outside strings is removed. */
const INLINE_POLICY_MAX = 2048;

export function parseInlinePolicy(value: string, input: string): string | undefined {
  if (value === '') return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch (err) {
    throw new InputError(
      input,
      `is not valid JSON (${(err as Error).message})`,
      'Give an IAM policy document as JSON, e.g. {"Version":"2012-10-17","Statement":[...]}',
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('Statement' in doc)) {
    throw new InputError(
      input,
      'is JSON but not an IAM policy document (no "Statement")',
      'Give an object with "Version" and "Statement"',
    );
  }
  const compact = JSON.stringify(doc);
  if (compact.length > INLINE_POLICY_MAX) {
    throw new InputError(
      input,
      `is ${compact.length} characters without white space, above STS's limit of ${INLINE_POLICY_MAX}`,
      'Shorten the policy, or use managed-session-policies',
    );
  }
  return compact;
}

/** Splits a multi-line input into its non-empty lines (commas also separate, as users write both). */
export function parseList(value: string): string[] {
  return value
    .split(/[\r\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
