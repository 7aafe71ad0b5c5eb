/**
 * `doctor`'s report, from what was read: the token's claims, the OIDC provider's audiences and thumbprints, each trust
 * statement's verdict with the check that fails (operator, key, expected values, the token's values), and what to
 * change. Every value from the token or the account is shown as data (quoted, escaped). Pure.
 */
import {
  admittingConditionLines,
  claimLines,
  shown,
  subjectForms,
  type TrustClaims,
} from '../providers/token-claims.js';
import {
  ACTION_FIX,
  AUDIENCE_FIX,
  CANNOT_TELL,
  DENY_FIX,
  ENVIRONMENT_SUB_HINT,
  EXPIRED,
  IMMUTABLE_SUB_HINT,
  LEGACY_SUB_HINT,
  NO_PROVIDER_FIX,
  PRINCIPAL_FIX,
  SIGNATURE_NOT_CHECKED,
} from './advice.js';
import type { ProviderFacts, Read } from './doctor.js';
import {
  evaluateTrust,
  type Check,
  type StatementResult,
  type Verdict,
  type WebIdentityContext,
} from './trust-evaluation.js';

export interface DoctorFacts {
  roleArn: string;
  providerArn: string;
  payload: Record<string, unknown>;
  claims: TrustClaims;
  context: WebIdentityContext;
  trust: Read<unknown>;
  provider: Read<ProviderFacts>;
  now: Date;
  /** The claims and the admitting Condition are already on screen (the action's refusal lines): not repeated. */
  claimsShown?: boolean;
}

export interface DoctorReport {
  verdict: Verdict;
  lines: string[];
}

/** A value as one line of data: JSON-quoted (control characters escaped), then format characters escaped too. */
const q = (value: string): string => shown(JSON.stringify(value));
const qs = (values: string[]): string => values.map(q).join(' or ');

export function doctorReport(facts: DoctorFacts): DoctorReport {
  const lines: string[] = facts.claimsShown
    ? []
    : [`Token claims (${SIGNATURE_NOT_CHECKED}):`, ...claimLines(facts.claims)];
  const exp = facts.payload['exp'];
  if (typeof exp === 'number' && exp * 1000 < facts.now.getTime())
    lines.push(`  Note: the token expired at ${new Date(exp * 1000).toISOString()}. ${EXPIRED}`);
  const fixes = new Set<string>();

  if (lines.length) lines.push('');
  lines.push(`OIDC provider ${facts.providerArn}:`);
  const provider = providerVerdict(facts, lines, fixes);

  lines.push('', `Trust policy of ${facts.roleArn}:`);
  let trust: Verdict;
  if ('denied' in facts.trust) {
    trust = 'unknown';
    lines.push(`  not read: these credentials may not call ${facts.trust.denied}, so the trust was not evaluated`);
  } else if ('absent' in facts.trust) {
    trust = 'no-match';
    lines.push('  the role does not exist (iam:GetRole answered NoSuchEntity): check --role-to-assume');
  } else {
    const evaluation = evaluateTrust(facts.trust.value, facts.context, facts.providerArn);
    trust = evaluation.verdict;
    for (const st of evaluation.statements) lines.push(...statementLines(st, facts, fixes));
    scopeFixes(evaluation.statements, facts.providerArn, fixes);
    if (evaluation.statements.length === 0) lines.push('  it has no statements');
  }

  const verdict = and(trust, provider);
  lines.push('');
  if (verdict === 'match') lines.push('Verdict: the trust admits this token.');
  else if (verdict === 'unknown') lines.push(`Verdict: cannot tell. ${CANNOT_TELL}`);
  else {
    lines.push('Verdict: this token is refused.');
    if (fixes.size) lines.push('What to change:', ...[...fixes].map((f) => `  - ${f}`));
    if (trust === 'no-match' && !facts.claimsShown) lines.push(...admittingConditionLines(facts.claims));
  }
  return { verdict, lines };
}

const and = (a: Verdict, b: Verdict): Verdict =>
  a === 'no-match' || b === 'no-match' ? 'no-match' : a === 'unknown' || b === 'unknown' ? 'unknown' : 'match';

function providerVerdict(facts: DoctorFacts, lines: string[], fixes: Set<string>): Verdict {
  if ('denied' in facts.provider) {
    lines.push(`  not read: these credentials may not call ${facts.provider.denied}; its audiences are not checked`);
    return 'unknown';
  }
  if ('absent' in facts.provider) {
    lines.push('  the account has no such provider: STS refuses every token of this issuer');
    fixes.add(NO_PROVIDER_FIX);
    return 'no-match';
  }
  const { clientIds, thumbprints } = facts.provider.value;
  lines.push(`  audiences (client ids): ${clientIds.map(q).join(', ') || '(none)'}`);
  lines.push(`  thumbprints: ${thumbprints.map(q).join(', ') || '(none)'}`);
  const aud = facts.context.keys.get(`${facts.context.issuer}:aud`.toLowerCase())?.values ?? [];
  const raw = facts.payload['aud'];
  const audiences = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.map(String) : aud;
  if (audiences.some((a) => clientIds.includes(a))) {
    lines.push(`  the token's aud ${qs(audiences)} is one of them`);
    return 'match';
  }
  lines.push(`  the token's aud ${audiences.length ? qs(audiences) : '(none)'} is not one of them: STS refuses it`);
  fixes.add(AUDIENCE_FIX);
  return 'no-match';
}

function statementName(st: StatementResult): string {
  return `Statement[${st.index}]${st.sid !== undefined ? ` (Sid ${q(st.sid)})` : ''}, ${st.effect}`;
}

function statementLines(st: StatementResult, facts: DoctorFacts, fixes: Set<string>): string[] {
  const name = statementName(st);
  if (st.effect === 'Deny') {
    if (st.verdict === 'match') {
      fixes.add(`${DENY_FIX} (${name})`);
      return [`  ${name}: matches this token, and an explicit Deny refuses it`];
    }
    if (st.verdict === 'no-match') return [`  ${name}: does not apply to this token`];
    return [`  ${name}: cannot tell whether it applies:`, ...st.checks.map((c) => `    ${checkLine(c)}`)];
  }
  // An Allow for another principal, or for other actions, is not about this token: one line; the fix, if no Allow
  // names the provider or the action at all, is the report's.
  const failed = (kind: Check['kind']) => st.checks.find((c) => c.kind === kind && c.verdict === 'no-match');
  if (failed('principal') || failed('action'))
    return [`  ${name}: not for this token: ${checkLine((failed('principal') ?? failed('action'))!)}`];
  if (st.verdict === 'match') return [`  ${name}: admits this token`];
  const head = st.verdict === 'unknown' ? 'cannot tell' : 'refuses this token';
  const out = [`  ${name}: ${head}:`];
  for (const check of st.checks) {
    out.push(`    ${checkLine(check)}`);
    const hint = check.kind === 'condition' && check.verdict === 'no-match' ? subHint(check, facts) : undefined;
    if (hint) fixes.add(hint);
  }
  return out;
}

/** The fix when no Allow statement is for the token's provider, or none of those for the action. */
function scopeFixes(statements: StatementResult[], providerArn: string, fixes: Set<string>): void {
  const allows = statements.filter((st) => st.effect === 'Allow');
  const forProvider = allows.filter((st) => !st.checks.some((c) => c.kind === 'principal' && c.verdict === 'no-match'));
  if (forProvider.length === 0) fixes.add(PRINCIPAL_FIX.replace('<arn>', providerArn));
  else if (forProvider.every((st) => st.checks.some((c) => c.kind === 'action' && c.verdict === 'no-match')))
    fixes.add(ACTION_FIX);
}

function checkLine(check: Check): string {
  const mark = check.verdict === 'unknown' ? 'cannot tell: ' : '';
  if (check.kind === 'principal') {
    const named = check.actual.map(q).join(', ') || '(none)';
    return `${mark}Principal ${named}; the token's provider is ${q(check.expected)}`;
  }
  if (check.kind === 'action') {
    const verb = check.not ? 'NotAction excludes' : 'Action does not include';
    return `${mark}${verb} sts:AssumeRoleWithWebIdentity (${check.actual.map(q).join(', ') || 'none'})`;
  }
  const expects = `${check.operator} ${q(check.key)} expects ${qs(check.expected) || '(nothing)'}`;
  if (check.verdict === 'unknown') return `${mark}${expects}: ${check.note ?? 'not evaluated'}`;
  const actual =
    check.actual === undefined ? 'the request has no such key' : `the token has ${check.actual.map(q).join(', ')}`;
  return `${expects}; ${actual}${check.note ? ` (${check.note})` : ''}`;
}

/** A `sub` that differs from what the policy expects in one of the ways that trip people up, named. */
function subHint(check: Extract<Check, { kind: 'condition' }>, facts: DoctorFacts): string | undefined {
  if (!/:sub$/i.test(check.key)) return undefined;
  const sub = facts.claims.sub;
  if (sub === undefined) return undefined;
  const forms = subjectForms(facts.claims);
  if (forms.length === 2) {
    const [immutable, legacy] = forms as [string, string];
    if (sub === immutable && check.expected.includes(legacy)) return `${check.key}: ${IMMUTABLE_SUB_HINT}`;
    if (sub === legacy && check.expected.includes(immutable)) return `${check.key}: ${LEGACY_SUB_HINT}`;
  }
  if (/:environment:/.test(sub) && check.expected.some((e) => /:ref:refs\//.test(e)))
    return `${check.key}: ${ENVIRONMENT_SUB_HINT}`;
  return undefined;
}
