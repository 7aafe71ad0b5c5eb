/**
 * The operator role's policy and boundary (policies.ts) under the escalation check (__tests__/support/iam-escalation.ts):
 * no published privilege-escalation path is open, and the check finds each one a weaker document would open.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  operatorBoundaryArn,
  operatorBoundaryDocument,
  operatorPolicyDocument,
  type PolicyDocument,
} from '../../src/bootstrap/policies.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes.js';
import {
  actionMatches,
  alwaysDenied,
  covers,
  notDeniedByBoundary,
  openEscalations,
  unboundedWrites,
} from '../support/iam-escalation.js';

const ALLOWED = ['arn:aws:iam::123456789012:policy/deploy'];
const LIMITS = { boundaryArn: operatorBoundaryArn('aws'), allowedPolicyArns: ALLOWED };
const DOCUMENT = operatorPolicyDocument('aws', 'eu-west-1', LIMITS);

/** The document with one statement changed (by Sid). */
function edited(sid: string, change: (s: Record<string, unknown>) => Record<string, unknown>): PolicyDocument {
  return { ...DOCUMENT, Statement: DOCUMENT.Statement.map((s) => (s['Sid'] === sid ? change({ ...s }) : s)) };
}
const withoutCondition = (s: Record<string, unknown>) => {
  delete s['Condition'];
  return s;
};

describe('the escalation check over the operator policy', () => {
  test('no published path is open, and every create, put and attach carries the boundary', () => {
    assert.deepEqual(openEscalations(DOCUMENT, LIMITS), []);
    assert.deepEqual(unboundedWrites(DOCUMENT, LIMITS), []);
  });

  test('without an allow-list the operator may attach no managed policy at all', () => {
    const none = operatorPolicyDocument('aws', 'eu-west-1', { ...LIMITS, allowedPolicyArns: [] });
    const actions = none.Statement.filter((s) => s['Effect'] === 'Allow').flatMap((s) => [s['Action']].flat());
    assert.ok(!actions.includes('iam:AttachRolePolicy'));
    assert.deepEqual(openEscalations(none, { ...LIMITS, allowedPolicyArns: [] }), []);
  });

  test('the check finds what the issue found: unconditioned create, attach and pass-role', () => {
    assert.match(openEscalations(edited('CreateBoundedRoles', withoutCondition), LIMITS).join('\n'), /iam:CreateRole/);
    assert.match(
      openEscalations(edited('AttachAllowedPoliciesToBoundedRoles', withoutCondition), LIMITS).join('\n'),
      /iam:AttachRolePolicy: without the boundary/,
    );
    assert.match(
      openEscalations(edited('PassRepositoryRolesToIot', withoutCondition), LIMITS).join('\n'),
      /iam:PassRole: to any service/,
    );
    const admin = edited('AttachAllowedPoliciesToBoundedRoles', (s) => ({
      ...s,
      Condition: {
        StringEquals: { 'iam:PermissionsBoundary': LIMITS.boundaryArn },
        ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' },
      },
    }));
    assert.match(openEscalations(admin, LIMITS).join('\n'), /iam:PolicyARN admits .*AdministratorAccess/);
  });

  test('a trust rewrite, policy versions, keys, users and boundary removal are found when allowed', () => {
    for (const action of [
      'iam:UpdateAssumeRolePolicy',
      'iam:CreatePolicyVersion',
      'iam:SetDefaultPolicyVersion',
      'iam:CreateAccessKey',
      'iam:CreateLoginProfile',
      'iam:AttachUserPolicy',
      'iam:PutGroupPolicy',
      'iam:DeleteRolePermissionsBoundary',
      'lambda:CreateFunction',
    ]) {
      const doc = {
        Statement: [
          ...DOCUMENT.Statement.filter((s) => s['Effect'] === 'Allow'),
          { Sid: 'Added', Effect: 'Allow', Action: action.replace(/[A-Z][a-z]+$/, '*'), Resource: '*' },
        ],
      };
      assert.match(openEscalations(doc, LIMITS).join('\n'), new RegExp(`${action}: allowed`), action);
    }
  });

  test("the operator's explicit Deny closes a path another policy on its role would open", () => {
    const widened = { Statement: [...DOCUMENT.Statement, { Effect: 'Allow', Action: 'iam:*Policy*', Resource: '*' }] };
    const open = openEscalations(widened, LIMITS).map((l) => l.split(':').slice(0, 2).join(':'));
    for (const denied of ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion']) assert.ok(!open.includes(denied));
    assert.ok(open.includes('iam:PutRolePolicy'), 'not in the Deny, so found');
  });

  test('role aliases only on gh-* aliases', () => {
    const wide = edited('ManageRepositoryThings', (s) => ({ ...s, Resource: '*' }));
    assert.match(openEscalations(wide, LIMITS).join('\n'), /iot:CreateRoleAlias: on \*/);
  });
});

describe("the boundary of sync's roles", () => {
  test('denies every IAM action of the published paths, whatever policy is attached', () => {
    assert.deepEqual(notDeniedByBoundary(operatorBoundaryDocument()), []);
    const weaker = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    assert.ok(notDeniedByBoundary(weaker).includes('iam:CreateAccessKey'));
  });

  test('wildcards match as IAM matches them, case-insensitively', () => {
    assert.ok(actionMatches('iam:Create*', 'iam:CreatePolicyVersion'));
    assert.ok(actionMatches('IAM:createrole', 'iam:CreateRole'));
    assert.ok(actionMatches('iam:?reateRole', 'iam:CreateRole'));
    assert.ok(!actionMatches('iam:Create*', 'iam:PutRolePolicy'));
  });
});

/** The rows of the README's blast-radius table: actions, resources, condition keys, allowed or not. */
function blastRadiusRows(): Array<{ what: string; actions: string[]; on: string[]; keys: string[]; allowed: string }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- operator-blast-radius -->');
  assert.ok(start > 0, 'the README has the table');
  const lines = readme.slice(start).split('\n').slice(1);
  const end = lines.findIndex((l) => !l.trim().startsWith('|'));
  const ticks = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return lines.slice(2, end).map((row) => {
    const [what, actions, on, keys, allowed] = row
      .trim()
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim());
    return { what: what!, actions: ticks(actions!), on: ticks(on!), keys: ticks(keys!), allowed: allowed! };
  });
}

describe("the README's blast-radius table, row by row against the generated policy", () => {
  const rows = blastRadiusRows();
  const allows = (action: string) => DOCUMENT.Statement.filter((s) => s['Effect'] === 'Allow' && covers(s, action));

  test('the table has rows of both kinds', () => {
    assert.ok(rows.filter((r) => r.allowed.startsWith('yes')).length >= 5);
    assert.ok(rows.filter((r) => r.allowed.startsWith('no')).length >= 5);
  });

  for (const row of rows) {
    test(`the operator role ${row.what}: ${row.allowed.startsWith('yes') ? 'yes' : 'no'}`, () => {
      assert.ok(row.actions.length > 0);
      for (const action of row.actions) {
        const statements = allows(action);
        if (row.allowed.startsWith('no')) {
          assert.ok(statements.length === 0 || alwaysDenied(DOCUMENT, action), `${action} is allowed`);
          if (row.allowed.includes('denied')) assert.ok(alwaysDenied(DOCUMENT, action), `${action} is not denied`);
          continue;
        }
        assert.ok(statements.length > 0 && !alwaysDenied(DOCUMENT, action), `${action} is not allowed`);
        for (const st of statements) {
          for (const r of [st['Resource']].flat() as string[])
            assert.ok(
              row.on.some((p) => (p === '*' ? r === '*' : r.endsWith(`:${p}`))),
              `${action} on ${r}, not ${row.on.join(', ')}`,
            );
          const keys = Object.values((st['Condition'] ?? {}) as Record<string, Record<string, unknown>>).flatMap(
            (block) => Object.keys(block),
          );
          assert.deepEqual(keys.sort(), [...row.keys].sort(), `${action}: condition keys`);
        }
      }
    });
  }

  test('every action the policy allows is in a row that says so', () => {
    const listed = new Set(rows.filter((r) => r.allowed.startsWith('yes')).flatMap((r) => r.actions));
    const allowed = DOCUMENT.Statement.filter((s) => s['Effect'] === 'Allow').flatMap(
      (s) => [s['Action']].flat() as string[],
    );
    assert.deepEqual(
      allowed.filter((a) => !listed.has(a)),
      [],
    );
  });
});
