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
import { actionMatches, notDeniedByBoundary, openEscalations, unboundedWrites } from '../support/iam-escalation.js';

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
