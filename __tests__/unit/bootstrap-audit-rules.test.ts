/** bootstrap audit's rules on trust policies: pure, each shape and what it must (and must not) be reported as. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditTrustPolicy, formatFindings, sarifReport } from '../../src/bootstrap/audit-rules.js';
import { githubTrustPolicy } from '../../src/bootstrap/policies.js';

const GH = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const GITLAB = 'arn:aws:iam::123456789012:oidc-provider/gitlab.example.com';
const rules = (doc: unknown) => auditTrustPolicy('r', 'arn:aws:iam::123456789012:role/r', doc).map((f) => f.rule);
const statement = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: { Federated: GH },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...extra,
});

test('what bootstrap oidc writes has no finding, in either sub form', () => {
  assert.deepEqual(rules(githubTrustPolicy(GH, { repo: 'o/r', branch: 'main' }, false)), []);
  const both = githubTrustPolicy(
    GH,
    { repo: 'o/r', ids: { owner: 1, repo: 2 }, forms: ['immutable', 'legacy'] },
    false,
  );
  assert.deepEqual(rules(both), []);
});

test('any-repository: repo:*, *, an empty or wildcard owner; not a wildcard after a named owner or id', () => {
  const aud = { 'token.actions.githubusercontent.com:aud': 'x' };
  const sub = (operator: string, value: unknown) => {
    const block = { 'token.actions.githubusercontent.com:sub': value };
    const condition =
      operator === 'StringEquals' ? { StringEquals: { ...aud, ...block } } : { StringEquals: aud, [operator]: block };
    return rules({ Statement: [statement({ Condition: condition })] });
  };
  assert.deepEqual(sub('StringLike', 'repo:*'), ['any-repository']);
  assert.deepEqual(sub('StringLike', '*'), ['any-repository']);
  assert.deepEqual(sub('StringLike', ['repo:o/r:*', 'repo:?rg/r:*']), ['any-repository']);
  assert.deepEqual(sub('StringEquals', 'repo:/r:ref:x'), ['any-repository']);
  assert.deepEqual(sub('StringLike', 'repo:o@12/r@*:*'), []);
  assert.deepEqual(sub('StringLike', 'repo:o/*'), []);
  // StringEquals takes * literally: no repository is named '*'.
  assert.deepEqual(sub('StringEquals', 'repo:*'), []);
});

test('a single Statement object, sts:* and Sid are read; Deny, other actions and Service principals are not audited', () => {
  const found = auditTrustPolicy('r', 'arn', { Statement: { ...statement({ Action: ['sts:*'] }), Sid: 'CI' } });
  assert.deepEqual(
    found.map((f) => [f.rule, f.sid]),
    [
      ['no-sub', 'CI'],
      ['no-aud', 'CI'],
    ],
  );
  assert.deepEqual(rules({ Statement: [statement({ Effect: 'Deny' })] }), []);
  assert.deepEqual(rules({ Statement: [statement({ Action: 'sts:AssumeRole' })] }), []);
  assert.deepEqual(rules({ Statement: [{ Effect: 'Allow', Principal: { Service: 'x' }, Action: '*' }] }), []);
  assert.deepEqual(rules(undefined), []);
  assert.deepEqual(rules('not a document'), []);
});

test('other issuers are audited by their own keys', () => {
  const doc = {
    Statement: [
      statement({
        Principal: { Federated: GITLAB },
        Condition: {
          StringEquals: { 'gitlab.example.com:aud': 'x' },
          'ForAllValues:StringLike': { 'gitlab.example.com:sub': 'project_path:g/*' },
        },
      }),
    ],
  };
  assert.deepEqual(rules(doc), ['for-all-values']);
});

test('text and SARIF name the role, the rule and the statement', () => {
  const findings = auditTrustPolicy('deploy', 'arn:aws:iam::123456789012:role/deploy', { Statement: [statement({})] });
  assert.match(
    formatFindings(findings),
    /^error\s+no-sub\s+role deploy trusts token\.actions\.githubusercontent\.com: .*\(statement 0\)$/m,
  );
  assert.match(formatFindings([]), /No findings/);
  const sarif = JSON.parse(sarifReport(findings)) as {
    version: string;
    runs: Array<{ results: Array<{ ruleId: string }> }>;
  };
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(
    sarif.runs[0]!.results.map((r) => r.ruleId),
    ['no-sub', 'no-aud'],
  );
});
