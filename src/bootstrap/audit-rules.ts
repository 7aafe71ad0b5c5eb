/**
 * What `bootstrap audit` looks for in a role's trust policy: statements that let a CI OIDC provider's tokens assume
 * the role with too little checked (no `sub`, a `sub` matching any repository or owner, no `aud`, `ForAllValues:` in
 * an allow, which is true when the claim is missing). Pure; the findings are data, reported as text or SARIF.
 */

type Severity = 'error' | 'warning';

export interface Finding {
  rule: AuditRule;
  severity: Severity;
  role: string;
  /** The role's ARN, the SARIF location. */
  arn: string;
  /** The statement's index in the trust policy (0-based) and its Sid when it has one. */
  statement: number;
  sid?: string;
  message: string;
}

const AUDIT_RULES = {
  'no-sub': { severity: 'error', text: 'no sub condition: every identity the provider issues tokens for is admitted' },
  'any-repository': { severity: 'error', text: 'the sub condition matches repositories of any owner' },
  'no-aud': { severity: 'warning', text: 'no aud condition: tokens minted for any audience are admitted' },
  'for-all-values': {
    severity: 'error',
    text: 'ForAllValues: in an Allow is true when the claim is missing, so the condition admits tokens without it',
  },
} as const satisfies Record<string, { severity: Severity; text: string }>;

type AuditRule = keyof typeof AUDIT_RULES;

type Statement = Record<string, unknown>;

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** The issuer host of a federated OIDC principal (`arn:...:oidc-provider/<host>`), or undefined. */
function oidcIssuer(principal: unknown): string | undefined {
  const federated = list((principal as { Federated?: unknown } | undefined)?.Federated);
  for (const arn of federated) {
    const m = /:oidc-provider\/(.+)$/.exec(arn);
    if (m) return m[1];
  }
  return undefined;
}

function allowsWebIdentity(st: Statement): boolean {
  return list(st['Action']).some((a) => /^(\*|sts:\*|sts:AssumeRoleWithWebIdentity)$/i.test(a));
}

/** The values of every condition on `<issuer>:<claim>`, with the operators that carry them. */
function conditionValues(st: Statement, issuer: string, claim: string): Array<{ operator: string; values: string[] }> {
  const out: Array<{ operator: string; values: string[] }> = [];
  const condition = (st['Condition'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [operator, block] of Object.entries(condition)) {
    for (const [key, value] of Object.entries(block ?? {}))
      if (key.toLowerCase() === `${issuer}:${claim}`.toLowerCase()) out.push({ operator, values: list(value) });
  }
  return out;
}

/** A sub pattern matching any repository, or repositories of any owner (GitHub's `repo:<owner>/...` shape). */
function matchesAnyOwner(value: string, operator: string): boolean {
  const wildcards = /Like/i.test(operator);
  if (value === '*' && wildcards) return true;
  const owner = /^repo:([^/:]*)/.exec(value)?.[1];
  if (owner === undefined) return wildcards && /^[*?]/.test(value);
  return owner === '' || (wildcards && /^[^@]*[*?]/.test(owner));
}

export function auditTrustPolicy(role: string, arn: string, document: unknown): Finding[] {
  const raw = (document as { Statement?: unknown } | undefined)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : []) as Statement[];
  const findings: Finding[] = [];
  statements.forEach((st, index) => {
    if (st['Effect'] !== 'Allow' || !allowsWebIdentity(st)) return;
    const issuer = oidcIssuer(st['Principal']);
    if (!issuer) return;
    const add = (rule: AuditRule, detail = '') =>
      findings.push({
        rule,
        severity: AUDIT_RULES[rule].severity,
        role,
        arn,
        statement: index,
        ...(typeof st['Sid'] === 'string' ? { sid: st['Sid'] } : {}),
        message: `role ${role} trusts ${issuer}: ${AUDIT_RULES[rule].text}${detail}`,
      });
    const subs = conditionValues(st, issuer, 'sub');
    if (subs.length === 0) add('no-sub');
    const broad = subs.flatMap(({ operator, values }) => values.filter((v) => matchesAnyOwner(v, operator)));
    if (broad.length) add('any-repository', ` (${broad.join(', ')})`);
    if (conditionValues(st, issuer, 'aud').length === 0) add('no-aud');
    const condition = Object.keys((st['Condition'] ?? {}) as object);
    if (condition.some((op) => /^ForAllValues:/i.test(op))) add('for-all-values');
  });
  return findings;
}

/** One line per finding, for a person. */
export function formatFindings(findings: Finding[]): string {
  if (findings.length === 0) return 'No findings: every role that trusts an OIDC provider checks sub and aud.\n';
  return findings
    .map((f) => `${f.severity.padEnd(7)} ${f.rule.padEnd(15)} ${f.message} (statement ${f.sid ?? f.statement})`)
    .join('\n')
    .concat('\n');
}

/** SARIF 2.1.0, for GitHub code scanning: one result per finding, located at the role's ARN. */
export function sarifReport(findings: Finding[]): string {
  const rules = Object.entries(AUDIT_RULES).map(([id, r]) => ({
    id,
    shortDescription: { text: r.text },
    defaultConfiguration: { level: r.severity },
  }));
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'aws-short-lived-credentials bootstrap audit', rules } },
          results: findings.map((f) => ({
            ruleId: f.rule,
            ruleIndex: Object.keys(AUDIT_RULES).indexOf(f.rule),
            level: f.severity,
            message: { text: f.message },
            locations: [
              {
                logicalLocations: [{ name: f.role, fullyQualifiedName: f.arn, kind: 'resource' }],
                physicalLocation: { artifactLocation: { uri: f.arn } },
              },
            ],
            partialFingerprints: { role: `${f.arn}#${f.statement}#${f.rule}` },
          })),
        },
      ],
    },
    null,
    2,
  );
}
