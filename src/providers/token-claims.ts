/**
 * What a refused web-identity token claimed, for the user to compare with the role's trust policy: the claims trust
 * policies match, read from the token's payload (never verified, and never the token or its signature), each shown
 * as data, and the condition block that would admit the job, with `sub` in both of GitHub's forms. Pure.
 */

/** The claims trust policies match, in the order they are shown. */
const TRUST_CLAIMS = [
  'iss',
  'aud',
  'sub',
  'repository',
  'repository_id',
  'repository_owner_id',
  'ref',
  'environment',
  'job_workflow_ref',
  'event_name',
] as const;

type TrustClaim = (typeof TRUST_CLAIMS)[number];
export type TrustClaims = Partial<Record<TrustClaim, string>>;

/** A payload longer than this is not a CI token's; a claim longer than MAX_CLAIM is cut. */
const MAX_PAYLOAD = 16384;
const MAX_CLAIM = 300;

/** A JWT's payload as JSON (never verified), or undefined when the token is not a JWT with an object payload. */
export function tokenPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1]!.length > MAX_PAYLOAD || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  return payload as Record<string, unknown>;
}

/** The trust claims of a JWT, or undefined when the token is not a JWT with a JSON object payload. */
export function trustClaims(token: string): TrustClaims | undefined {
  const payload = tokenPayload(token);
  return payload && payloadClaims(payload);
}

/** The trust claims of a token's payload, each as one string (an array joined), cut at MAX_CLAIM. */
export function payloadClaims(payload: Record<string, unknown>): TrustClaims {
  const claims: TrustClaims = {};
  for (const name of TRUST_CLAIMS) {
    const value = payload[name];
    const text =
      typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : Array.isArray(value) && value.every((v) => typeof v === 'string')
          ? value.join(', ')
          : undefined;
    if (text !== undefined) claims[name] = text.length > MAX_CLAIM ? `${text.slice(0, MAX_CLAIM)}…` : text;
  }
  return claims;
}

/** Control, format (bidi) and line-separator characters as visible \uXXXX escapes: a claim is one line of data. */
export function shown(value: string): string {
  return value.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

/**
 * The `sub` values that name this job: the immutable form (`repo:owner@id/name@id:...`, when the token carries the
 * ids) first, then the name-only form. A `sub` that is not GitHub's default shape (a customized template, another
 * issuer) is given as it is.
 */
export function subjectForms(claims: TrustClaims): string[] {
  const sub = claims.sub;
  if (sub === undefined) return [];
  const m = /^repo:[^:]+:([\s\S]+)$/.exec(sub);
  const repository = /^([^/@:]+)\/([^/@:]+)$/.exec(claims.repository ?? '');
  if (!m || !repository) return [sub];
  const [, owner, name] = repository as unknown as [string, string, string];
  const context = m[1]!;
  const legacy = `repo:${owner}/${name}:${context}`;
  const ownerId = claims.repository_owner_id;
  const repoId = claims.repository_id;
  if (!ownerId || !repoId || !/^\d+$/.test(ownerId) || !/^\d+$/.test(repoId)) return [legacy];
  return [`repo:${owner}@${ownerId}/${name}@${repoId}:${context}`, legacy];
}

/** The Condition block that admits these claims: aud and sub (both forms) with StringEquals; undefined without iss. */
export function admittingCondition(claims: TrustClaims): Record<string, Record<string, string | string[]>> | undefined {
  const issuer = claims.iss?.replace(/^https:\/\//, '').replace(/\/+$/, '');
  const subs = subjectForms(claims);
  if (!issuer || subs.length === 0) return undefined;
  return {
    StringEquals: {
      ...(claims.aud !== undefined ? { [`${issuer}:aud`]: claims.aud } : {}),
      [`${issuer}:sub`]: subs.length === 1 ? subs[0]! : subs,
    },
  };
}

/** The lines printed before the error: the claims, then the condition that would admit the job. */
export function refusalReport(token: string): string[] {
  const claims = trustClaims(token);
  if (!claims) return [];
  return [
    'The token this job sent claims (read from its payload; the token itself is not shown):',
    ...claimLines(claims),
    ...admittingConditionLines(claims),
  ];
}

/** One `  name: value` line per trust claim the token has, each value shown as data. */
export function claimLines(claims: TrustClaims): string[] {
  return TRUST_CLAIMS.filter((name) => claims[name] !== undefined).map((name) => `  ${name}: ${shown(claims[name]!)}`);
}

/** A heading and the Condition block that admits these claims, as lines of data; none without iss or sub. */
export function admittingConditionLines(claims: TrustClaims): string[] {
  const condition = admittingCondition(claims);
  if (!condition) return [];
  const forms = subjectForms(claims).length > 1 ? ' (sub in both forms: keep the one your repository emits)' : '';
  // JSON escapes control characters; shown() the rest, so every line stays one line of data.
  return [
    `A trust policy Condition that admits this job${forms}:`,
    ...JSON.stringify({ Condition: condition }, null, 2)
      .split('\n')
      .slice(1, -1)
      .map((line) => shown(line)),
  ];
}
