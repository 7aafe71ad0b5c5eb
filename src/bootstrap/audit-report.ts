/**
 * `bootstrap audit`'s reports (a table for a person, JSON for a script, SARIF 2.1.0 for code scanning) and its exit
 * rule (`--fail-on`). Pure.
 */
import { AUDIT_RULES, SEVERITIES, type AuditRule, type Finding, type Severity } from './audit-rules.js';

export const AUDIT_FORMATS = ['table', 'json', 'sarif'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];
export const FAIL_ON = [...SEVERITIES, 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** What was read; every report states it, so "no findings" cannot hide "nothing read". */
interface Scanned {
  roles: number;
  iotPolicies: number;
  roleAliases: number;
  /** Absent when the Roles Anywhere control plane was not read (see `unread`). */
  trustAnchors?: number;
  profiles?: number;
}

export interface AuditResult {
  scanned: Scanned;
  findings: Finding[];
  /** What was not read and why, one line each (denied, or not available in the region): not a failure. */
  unread?: string[];
}

/** Whether the findings fail the run: one at `failOn` or above (never with `none`). */
export function failsAt(findings: Finding[], failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const floor = SEVERITIES.indexOf(failOn);
  return findings.some((f) => SEVERITIES.indexOf(f.severity) >= floor);
}

/** The most severe first, then by resource, so two runs over the same account print the same report. */
function ordered(findings: Finding[]): Finding[] {
  const rank = (s: Severity) => -SEVERITIES.indexOf(s);
  return [...findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.arn.localeCompare(b.arn) ||
      (a.statement ?? -1) - (b.statement ?? -1) ||
      a.rule.localeCompare(b.rule),
  );
}

const RULE_WIDTH = Math.max(...Object.keys(AUDIT_RULES).map((r) => r.length));

function scannedLine(s: Scanned): string {
  const ra =
    s.trustAnchors !== undefined ? `, ${s.trustAnchors} trust anchors, ${s.profiles} Roles Anywhere profiles` : '';
  return `Read: ${s.roles} roles, ${s.iotPolicies} IoT policies, ${s.roleAliases} role aliases${ra}`;
}

/** One line per finding: severity, rule, message, statement. */
export function formatTable({ scanned, findings, unread = [] }: AuditResult): string {
  const lines = ordered(findings).map(
    (f) =>
      `${f.severity.padEnd(7)} ${f.rule.padEnd(RULE_WIDTH)} ${f.message}` +
      (f.statement !== undefined ? ` (statement ${f.sid ?? f.statement})` : ''),
  );
  const counts = SEVERITIES.map((s) => `${findings.filter((f) => f.severity === s).length} ${s}`)
    .reverse()
    .join(', ');
  return [
    scannedLine(scanned),
    ...unread,
    ...(lines.length ? lines : ['No findings.']),
    `Findings: ${counts}`,
    '',
  ].join('\n');
}

/** The JSON report's shape, version 1 (documented in the README; fields are only ever added). */
export function jsonReport({ scanned, findings, unread }: AuditResult): string {
  const summary = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length]));
  const out = ordered(findings).map((f) => ({
    rule: f.rule,
    severity: f.severity,
    kind: f.kind,
    name: f.name,
    arn: f.arn,
    ...(f.statement !== undefined ? { statement: f.statement } : {}),
    ...(f.sid !== undefined ? { sid: f.sid } : {}),
    message: f.message,
  }));
  return JSON.stringify(
    { version: 1, scanned, ...(unread?.length ? { unread } : {}), summary, findings: out },
    null,
    2,
  );
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const TOOL = 'aws-short-lived-credentials bootstrap audit';

/** SARIF 2.1.0, for GitHub code scanning: one result per finding, located at the resource (logical and by ARN). */
export function sarifReport({ findings, unread }: AuditResult): string {
  const ids = Object.keys(AUDIT_RULES) as AuditRule[];
  const rules = ids.map((id) => ({
    id,
    name: id,
    shortDescription: { text: AUDIT_RULES[id].text },
    fullDescription: { text: AUDIT_RULES[id].help },
    help: { text: AUDIT_RULES[id].help },
    defaultConfiguration: { level: AUDIT_RULES[id].severity },
    properties: { tags: ['security'] },
  }));
  const results = ordered(findings).map((f) => ({
    ruleId: f.rule,
    ruleIndex: ids.indexOf(f.rule),
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        logicalLocations: [{ name: f.name, fullyQualifiedName: f.arn, kind: 'resource' }],
        physicalLocation: { artifactLocation: { uri: f.arn } },
      },
    ],
    partialFingerprints: { resource: `${f.arn}#${f.statement ?? ''}#${f.rule}` },
  }));
  // What was not read rides as the run's notifications: the scan succeeded, with less in it.
  const invocations = unread?.length
    ? [
        {
          executionSuccessful: true,
          toolExecutionNotifications: unread.map((text) => ({ level: 'note', message: { text } })),
        },
      ]
    : undefined;
  return JSON.stringify(
    {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [{ tool: { driver: { name: TOOL, rules } }, ...(invocations ? { invocations } : {}), results }],
    },
    null,
    2,
  );
}

export function formatReport(format: AuditFormat, result: AuditResult): string {
  if (format === 'json') return `${jsonReport(result)}\n`;
  if (format === 'sarif') return `${sarifReport(result)}\n`;
  return formatTable(result);
}
