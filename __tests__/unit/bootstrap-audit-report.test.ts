/** bootstrap audit's reports and exit rule: pure, over findings the rules really produce. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditIotPolicy, auditRoleAlias, auditTrustPolicy, type Finding } from '../../src/bootstrap/audit-rules.js';
import {
  FAIL_ON,
  failsAt,
  formatReport,
  formatTable,
  jsonReport,
  sarifReport,
  type AuditResult,
} from '../../src/bootstrap/audit-report.js';
import { sarifErrors } from '../support/sarif-schema.js';

const GH = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const POLICY = 'arn:aws:iot:us-east-1:123456789012:policy/open';
const ALIAS = 'arn:aws:iot:us-east-1:123456789012:rolealias/long';

/** One finding of each severity: no-sub (error), no-aud (warning), like-without-wildcard and long duration (note). */
const errorAndWarning = auditTrustPolicy('deploy', ROLE, {
  Statement: [{ Effect: 'Allow', Principal: { Federated: GH }, Action: 'sts:AssumeRoleWithWebIdentity', Sid: 'CI' }],
});
const warningOnly = auditIotPolicy('open', POLICY, {
  Statement: [{ Effect: 'Allow', Action: 'iot:AssumeRoleWithCertificate', Resource: ALIAS }],
});
const noteOnly = auditRoleAlias({ name: 'long', arn: ALIAS, roleArn: ROLE, durationSeconds: 7200, policies: [] });
const all: Finding[] = [...noteOnly, ...warningOnly, ...errorAndWarning];
const result = (findings: Finding[]): AuditResult => ({
  scanned: { roles: 3, iotPolicies: 2, roleAliases: 1 },
  findings,
});

test('--fail-on: a finding at the severity or above fails; none never does', () => {
  assert.deepEqual(FAIL_ON, ['note', 'warning', 'error', 'none']);
  const table: Array<[Finding[], Record<string, boolean>]> = [
    [all, { error: true, warning: true, note: true, none: false }],
    [warningOnly, { error: false, warning: true, note: true, none: false }],
    [noteOnly, { error: false, warning: false, note: true, none: false }],
    [[], { error: false, warning: false, note: false, none: false }],
  ];
  for (const [findings, expected] of table)
    for (const [failOn, fails] of Object.entries(expected))
      assert.equal(failsAt(findings, failOn as never), fails, `${findings.map((f) => f.rule).join()} at ${failOn}`);
});

test('table: what was read, the most severe first, the statement, and the counts', () => {
  const lines = formatTable(result(all)).trimEnd().split('\n');
  assert.equal(lines[0], 'Read: 3 roles, 2 IoT policies, 1 role aliases');
  assert.deepEqual(
    lines.slice(1, -1).map((l) => l.split(/\s+/).slice(0, 2).join(' ')),
    ['error no-sub', 'warning no-aud', 'warning iot-no-thing-binding', 'note role-alias-long-duration'],
  );
  assert.match(lines[1]!, /role deploy trusts token\.actions\.githubusercontent\.com: .*\(statement CI\)$/);
  assert.equal(lines.at(-1), 'Findings: 1 error, 2 warning, 1 note');
  assert.match(formatTable(result([])), /^Read: .*\nNo findings\.\nFindings: 0 error, 0 warning, 0 note\n$/);
  assert.equal(formatReport('table', result(all)), formatTable(result(all)));
});

test('json: version 1, what was read, counts per severity, one object per finding with its resource', () => {
  const doc = JSON.parse(jsonReport(result(all))) as {
    version: number;
    scanned: Record<string, number>;
    summary: Record<string, number>;
    findings: Array<Record<string, unknown>>;
  };
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.scanned, { roles: 3, iotPolicies: 2, roleAliases: 1 });
  assert.deepEqual(doc.summary, { note: 1, warning: 2, error: 1 });
  assert.deepEqual(doc.findings[0], {
    rule: 'no-sub',
    severity: 'error',
    kind: 'role',
    name: 'deploy',
    arn: ROLE,
    statement: 0,
    sid: 'CI',
    message: errorAndWarning[0]!.message,
  });
  const alias = doc.findings.find((f) => f['kind'] === 'role-alias')!;
  assert.equal(alias['arn'], ALIAS);
  assert.equal('statement' in alias, false);
  assert.deepEqual(JSON.parse(formatReport('json', result([]))).findings, []);
});

test('sarif: valid SARIF 2.1.0, levels error/warning/note, each result naming its resource and rule', () => {
  for (const findings of [all, []]) {
    const log = JSON.parse(sarifReport(result(findings))) as {
      version: string;
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; defaultConfiguration: { level: string } }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          locations: Array<{ logicalLocations: Array<{ name: string; fullyQualifiedName: string }> }>;
        }>;
      }>;
    };
    assert.deepEqual(sarifErrors(log), []);
    assert.equal(log.version, '2.1.0');
    const [run] = log.runs;
    assert.equal(run!.results.length, findings.length);
    for (const r of run!.results) {
      const rule = run!.tool.driver.rules[r.ruleIndex]!;
      assert.equal(rule.id, r.ruleId);
      assert.equal(r.level, rule.defaultConfiguration.level);
    }
  }
  const log = JSON.parse(sarifReport(result(all)));
  assert.deepEqual(
    log.runs[0].results.map((r: { level: string }) => r.level),
    ['error', 'warning', 'warning', 'note'],
  );
  assert.deepEqual(log.runs[0].results.at(-1).locations[0].logicalLocations[0], {
    name: 'long',
    fullyQualifiedName: ALIAS,
    kind: 'resource',
  });
  // The validator is not a rubber stamp: a level outside SARIF's is refused.
  log.runs[0].results[0].level = 'critical';
  assert.ok(sarifErrors(log).some((e) => e.includes('/runs/0/results/0/level')));
  assert.equal(formatReport('sarif', result(all)), `${sarifReport(result(all))}\n`);
});

test('Roles Anywhere read: its counts among what was read; not read: one line in the table, data in JSON and SARIF', () => {
  const read = { ...result(all), scanned: { roles: 3, iotPolicies: 2, roleAliases: 1, trustAnchors: 2, profiles: 4 } };
  assert.match(
    formatTable(read),
    /^Read: 3 roles, 2 IoT policies, 1 role aliases, 2 trust anchors, 4 Roles Anywhere profiles$/m,
  );
  const line = 'Roles Anywhere not read: rolesanywhere:ListTrustAnchors was denied (...)';
  const unread = { ...result(all), unread: [line] };
  const table = formatTable(unread).split('\n');
  assert.deepEqual(table.slice(0, 2), ['Read: 3 roles, 2 IoT policies, 1 role aliases', line]);
  const json = JSON.parse(jsonReport(unread)) as { unread: string[]; scanned: Record<string, number> };
  assert.deepEqual(json.unread, [line]);
  assert.deepEqual(Object.keys(json.scanned), ['roles', 'iotPolicies', 'roleAliases']);
  assert.equal((JSON.parse(jsonReport(read)) as { unread?: unknown }).unread, undefined);
  const sarif = JSON.parse(sarifReport(unread)) as {
    runs: Array<{ invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }> }>;
  };
  assert.deepEqual(sarifErrors(sarif), []);
  assert.deepEqual(sarif.runs[0]!.invocations, [
    { executionSuccessful: true, toolExecutionNotifications: [{ level: 'note', message: { text: line } }] },
  ]);
});
