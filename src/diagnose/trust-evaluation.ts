/**
 * Whether a role's trust policy lets a web-identity token assume the role (sts:AssumeRoleWithWebIdentity), evaluated
 * as IAM's condition-operator reference describes, from the token's claims only: each statement's Principal (the IAM
 * OIDC provider of the token's issuer), Action and Condition. Where the answer depends on what the doctor cannot see
 * (a global key such as aws:SourceIp, an operator it does not evaluate, a policy variable) the verdict is `unknown`,
 * never a guess. Pure: the claims, the document and the provider's ARN in, data out.
 *
 * The rules, from IAM's reference: every operator block and every key in it must hold (AND); the values listed for a
 * key are alternatives (OR), and for a negated operator (StringNotEquals, StringNotLike) the request value must match
 * none of them. A key absent from the request makes a condition false, except that negated operators, `...IfExists`
 * and `ForAllValues:` are then true, `ForAnyValue:` false, and `Null` tests exactly that. Key names are
 * case-insensitive; values are case-sensitive except for the `IgnoreCase` operators. `StringLike` reads `*` as any
 * run of characters and `?` as one. An explicit Deny that holds refuses whatever an Allow says.
 */
import { globMatches, valueList } from '../bootstrap/policy-document.js';

/** Kleene's three values: `unknown` where the outcome depends on something the token does not carry. */
export type Verdict = 'match' | 'no-match' | 'unknown';

const ACTION = 'sts:AssumeRoleWithWebIdentity';

/** The issuer-specific keys IAM puts in the request context of a web-identity call, each with its token values. */
export interface WebIdentityContext {
  /** `iss` without `https://` and trailing slashes: the provider's name and the keys' prefix. */
  issuer: string;
  /** By lower-cased key name (`<issuer>:sub`). */
  keys: Map<string, { key: string; values: string[] }>;
}

/**
 * GitHub's claims IAM exposes as `token.actions.githubusercontent.com:<claim>` (AWS STS, January 2026: identity
 * provider specific claims); other claims of the token are not keys a trust policy can test.
 */
const GITHUB_KEYS = [
  'actor',
  'actor_id',
  'job_workflow_ref',
  'repository',
  'repository_id',
  'workflow',
  'ref',
  'environment',
  'enterprise_id',
];
const GITHUB_ISSUER = /^token\.actions\.githubusercontent\.com(\/|$)/i;
const GOOGLE_ISSUER = 'accounts.google.com';

/** A claim as IAM's string values: a string or number as one, an array of strings as several, else absent. */
function claimValues(value: unknown): string[] | undefined {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) return value as string[];
  return undefined;
}

/** The issuer id of an `iss` claim, the way IAM names the provider (`oidc-provider/<id>`). */
function issuerId(iss: string): string {
  return iss.replace(/^https:\/\//i, '').replace(/\/+$/, '');
}

/**
 * The keys IAM's "Available keys for AWS web identity federation" maps from a token: `<issuer>:aud` (for Google the
 * `azp` claim when present, with `aud` as `:oaud`), `<issuer>:sub`, `<issuer>:amr`, and GitHub's claim keys.
 */
export function webIdentityContext(payload: Record<string, unknown>): WebIdentityContext | undefined {
  const iss = claimValues(payload['iss']);
  if (!iss || iss.length !== 1) return undefined;
  const issuer = issuerId(iss[0]!);
  const keys = new Map<string, { key: string; values: string[] }>();
  const put = (name: string, value: unknown) => {
    const values = claimValues(value);
    const key = `${issuer}:${name}`;
    if (values) keys.set(key.toLowerCase(), { key, values });
  };
  const google = issuer.toLowerCase() === GOOGLE_ISSUER;
  put('aud', google && payload['azp'] !== undefined ? payload['azp'] : payload['aud']);
  if (google) put('oaud', payload['aud']);
  put('sub', payload['sub']);
  put('amr', payload['amr']);
  if (GITHUB_ISSUER.test(issuer)) for (const name of GITHUB_KEYS) put(name, payload[name]);
  return { issuer, keys };
}

/** One check of a statement that did not hold (or could not be decided), as data for the report. */
export type Check =
  | { kind: 'principal'; verdict: Verdict; expected: string; actual: string[] }
  | { kind: 'action'; verdict: Verdict; actual: string[]; not: boolean }
  | {
      kind: 'condition';
      verdict: Verdict;
      operator: string;
      key: string;
      expected: string[];
      /** The token's values for the key; undefined when the request has no such key. */
      actual: string[] | undefined;
      /** Why the verdict is unknown, or what the user should know besides. */
      note?: string;
    };

export interface StatementResult {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  verdict: Verdict;
  /** The checks that did not hold or could not be decided; empty when the statement matches. */
  checks: Check[];
}

export interface TrustEvaluation {
  /** `match`: the trust admits the token. */
  verdict: Verdict;
  statements: StatementResult[];
}

const and = (vs: Verdict[]): Verdict =>
  vs.includes('no-match') ? 'no-match' : vs.includes('unknown') ? 'unknown' : 'match';
const or = (vs: Verdict[]): Verdict =>
  vs.includes('match') ? 'match' : vs.includes('unknown') ? 'unknown' : 'no-match';
const not = (v: Verdict): Verdict => (v === 'match' ? 'no-match' : v === 'no-match' ? 'match' : 'unknown');

/** An Action (or NotAction) pattern: `*` and `?` wildcards, case-insensitive as IAM matches action names. */
const actionMatches = (pattern: string) => globMatches(pattern, ACTION, false);

/** Evaluates every statement of the trust policy for this token, assumed through `providerArn`. */
export function evaluateTrust(document: unknown, context: WebIdentityContext, providerArn: string): TrustEvaluation {
  const doc = (document ?? {}) as { Version?: unknown; Statement?: unknown };
  const raw = doc.Statement;
  const statements = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []) as Array<
    Record<string, unknown>
  >;
  // Policy variables (and the ${*} ${?} ${$} escapes) exist only in version 2012-10-17; before it `${` is literal.
  const variables = doc.Version === '2012-10-17';
  const results = statements.map((st, index) => evaluateStatement(st, index, context, providerArn, variables));
  const allow = or(results.filter((r) => r.effect === 'Allow').map((r) => r.verdict));
  const deny = or(results.filter((r) => r.effect === 'Deny').map((r) => r.verdict));
  return { verdict: and([allow, not(deny)]), statements: results };
}

function evaluateStatement(
  st: Record<string, unknown>,
  index: number,
  context: WebIdentityContext,
  providerArn: string,
  variables: boolean,
): StatementResult {
  const checks: Check[] = [];
  const principal = principalVerdict(st, providerArn);
  checks.push({ kind: 'principal', verdict: principal.verdict, expected: providerArn, actual: principal.actual });
  const notAction = st['Action'] === undefined && st['NotAction'] !== undefined;
  const actions = valueList(notAction ? st['NotAction'] : st['Action']);
  const listed = actions.some(actionMatches);
  checks.push({
    kind: 'action',
    verdict: listed !== notAction ? 'match' : 'no-match',
    actual: actions,
    not: notAction,
  });
  const condition = st['Condition'];
  if (condition && typeof condition === 'object') {
    for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
      for (const [key, expected] of Object.entries((block ?? {}) as Record<string, unknown>))
        checks.push(evaluateCondition(operator, key, valueList(expected), context, variables));
    }
  }
  return {
    index,
    ...(typeof st['Sid'] === 'string' && st['Sid'] !== '' ? { sid: st['Sid'] } : {}),
    effect: st['Effect'] === 'Deny' ? 'Deny' : 'Allow',
    verdict: and(checks.map((c) => c.verdict)),
    checks: checks.filter((c) => c.verdict !== 'match'),
  };
}

/** Principal `*`, or Federated naming the provider (or `*`); NotPrincipal the other way round. */
function principalVerdict(st: Record<string, unknown>, providerArn: string): { verdict: Verdict; actual: string[] } {
  const negated = st['Principal'] === undefined && st['NotPrincipal'] !== undefined;
  const principal = negated ? st['NotPrincipal'] : st['Principal'];
  let names: string[];
  let listed: boolean;
  if (principal === '*') {
    names = ['*'];
    listed = true;
  } else if (principal && typeof principal === 'object') {
    const entries = Object.entries(principal as Record<string, unknown>);
    names = entries.flatMap(([type, v]) => valueList(v).map((x) => `${type}: ${x}`));
    const federated = valueList((principal as { Federated?: unknown }).Federated);
    listed = federated.includes(providerArn) || federated.includes('*');
  } else {
    names = [];
    listed = false;
  }
  return { verdict: listed !== negated ? 'match' : 'no-match', actual: names };
}

const BASES = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'Null',
] as const;
type Base = (typeof BASES)[number];

interface Operator {
  set?: 'ForAnyValue' | 'ForAllValues';
  base: Base;
  ifExists: boolean;
}

/** `[ForAnyValue:|ForAllValues:]<base>[IfExists]`, or undefined for an operator the doctor does not evaluate. */
export function parseOperator(name: string): Operator | undefined {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(.+?)(IfExists)?$/i.exec(name);
  if (!m) return undefined;
  const base = BASES.find((b) => b.toLowerCase() === m[2]!.toLowerCase());
  if (!base || (base === 'Null' && (m[1] || m[3]))) return undefined;
  const set = m[1] ? (m[1].toLowerCase() === 'foranyvalue' ? 'ForAnyValue' : 'ForAllValues') : undefined;
  return { ...(set ? { set } : {}), base, ifExists: m[3] !== undefined };
}

/** A policy value with its ${...} variables: the three escapes are literals, any other variable is unresolved. */
type Piece = { literal: string } | { wildcard: '*' | '?' } | { variable: string };

function pieces(value: string, variables: boolean, wildcards: boolean): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < value.length) {
    if (variables && value.startsWith('${', i) && value.indexOf('}', i) > 0) {
      const end = value.indexOf('}', i);
      const name = value.slice(i + 2, end);
      out.push(name === '*' || name === '?' || name === '$' ? { literal: name } : { variable: name });
      i = end + 1;
    } else if (wildcards && (value[i] === '*' || value[i] === '?')) {
      out.push({ wildcard: value[i] as '*' | '?' });
      i++;
    } else {
      out.push({ literal: value[i]! });
      i++;
    }
  }
  return out;
}

/** Whether one policy value matches one request value under the base operator's positive form. */
function valueMatches(base: Base, policy: string, actual: string, variables: boolean): Verdict {
  const wildcards = base === 'StringLike' || base === 'StringNotLike';
  const parts = pieces(policy, variables, wildcards);
  if (parts.some((p) => 'variable' in p)) return 'unknown';
  if (!wildcards) {
    const text = parts.map((p) => (p as { literal: string }).literal).join('');
    const ignoreCase = base === 'StringEqualsIgnoreCase' || base === 'StringNotEqualsIgnoreCase';
    return (ignoreCase ? text.toLowerCase() === actual.toLowerCase() : text === actual) ? 'match' : 'no-match';
  }
  const re = parts
    .map((p) =>
      'wildcard' in p
        ? p.wildcard === '*'
          ? '[\\s\\S]*'
          : '[\\s\\S]'
        : (p as { literal: string }).literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${re}$`, 'u').test(actual) ? 'match' : 'no-match';
}

/** Keys of a web-identity provider are host-prefixed (`<host>:<claim>`); service and global keys are not. */
function isProviderKey(key: string): boolean {
  const prefix = key.slice(0, key.lastIndexOf(':'));
  return prefix.includes('.');
}

function evaluateCondition(
  operatorName: string,
  key: string,
  expected: string[],
  context: WebIdentityContext,
  variables: boolean,
): Check {
  const base = { kind: 'condition' as const, operator: operatorName, key, expected };
  const operator = parseOperator(operatorName);
  const entry = context.keys.get(key.toLowerCase());
  const actual = entry?.values;
  if (!operator) {
    return { ...base, verdict: 'unknown', actual, note: `the doctor does not evaluate ${operatorName}` };
  }
  if (!key.toLowerCase().startsWith(`${context.issuer.toLowerCase()}:`) && !isProviderKey(key)) {
    return {
      ...base,
      verdict: 'unknown',
      actual,
      note: 'a key of the request, not of the token: the doctor cannot see it',
    };
  }
  const verdict = conditionVerdict(operator, expected, actual, variables);
  const note =
    actual === undefined && key.toLowerCase().startsWith(`${context.issuer.toLowerCase()}:`)
      ? 'the request has no such key (the token lacks the claim, or IAM exposes no key for it)'
      : actual === undefined
        ? `a key of another provider than ${context.issuer}: absent from this request`
        : undefined;
  return { ...base, verdict, actual, ...(note ? { note } : {}) };
}

/** One key's verdict, from the operator, the policy's values and the request's values (undefined: absent). */
export function conditionVerdict(
  op: Operator,
  expected: string[],
  actual: string[] | undefined,
  variables = true,
): Verdict {
  const absent = actual === undefined || actual.length === 0;
  if (op.base === 'Null') {
    // "true": the key must be absent; "false": present. Several values are alternatives.
    return or(expected.map((e) => ((e.toLowerCase() === 'true') === absent ? 'match' : 'no-match')));
  }
  const negated =
    op.base === 'StringNotEquals' || op.base === 'StringNotEqualsIgnoreCase' || op.base === 'StringNotLike';
  if (absent) {
    if (op.ifExists || op.set === 'ForAllValues') return 'match';
    if (op.set === 'ForAnyValue') return 'no-match';
    return negated ? 'match' : 'no-match';
  }
  const positive = (v: string): Verdict => or(expected.map((p) => valueMatches(op.base, p, v, variables)));
  // One request value against the operator: a negated operator holds when the value matches none of the list.
  const holds = (v: string): Verdict => (negated ? not(positive(v)) : positive(v));
  if (op.set === 'ForAllValues') return and(actual.map(holds));
  if (op.set === 'ForAnyValue') return or(actual.map(holds));
  // A plain operator on a key with several values (an `aud` array): a positive one holds when any value matches, a
  // negated one when none does.
  return negated ? and(actual.map(holds)) : or(actual.map(holds));
}
