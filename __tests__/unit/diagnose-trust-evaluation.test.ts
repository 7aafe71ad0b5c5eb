/**
 * The trust evaluator against IAM's condition-operator reference: each operator, wildcards, IfExists, Null, the set
 * operators on missing and multi-valued claims, case rules, Deny, the Federated principal, the Action, and GitHub's
 * two sub forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  conditionVerdict,
  evaluateTrust,
  parseOperator,
  webIdentityContext,
  type Verdict,
} from '../../src/diagnose/trust-evaluation.js';
import { GITHUB_PUSH_CLAIMS } from '../support/github-claims.js';

const HOST = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${HOST}`;
const SUB = `${HOST}:sub`;
const AUD = `${HOST}:aud`;

const TOKEN = { ...GITHUB_PUSH_CLAIMS, environment: undefined as string | undefined };

const context = (claims: Record<string, unknown> = TOKEN) => webIdentityContext(claims)!;

function policy(condition: unknown, extra: Record<string, unknown> = {}, version = '2012-10-17') {
  return {
    Version: version,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
        ...extra,
      },
    ],
  };
}

const verdict = (doc: unknown, claims: Record<string, unknown> = TOKEN): Verdict =>
  evaluateTrust(doc, context(claims), PROVIDER).verdict;

const op = (name: string) => parseOperator(name)!;

test('the request context: iss names the keys; aud, sub, amr and the GitHub claims IAM exposes; nothing else', () => {
  const ctx = context({ ...TOKEN, iss: `https://${HOST}/`, amr: ['a', 'b'], run_id: '42', repository_id: 789012 });
  assert.equal(ctx.issuer, HOST);
  assert.deepEqual(ctx.keys.get(SUB)?.values, [TOKEN.sub]);
  assert.deepEqual(ctx.keys.get(`${HOST}:amr`)?.values, ['a', 'b']);
  assert.deepEqual(ctx.keys.get(`${HOST}:repository_id`)?.values, ['789012'], 'numbers are strings');
  assert.equal(ctx.keys.get(`${HOST}:run_id`), undefined, 'IAM has no key for run_id');
  assert.equal(ctx.keys.get(`${HOST}:repository_owner_id`), undefined, 'nor for repository_owner_id');
  // Another issuer has no GitHub keys; Google's aud key is azp when the token has one, its aud is oaud.
  const other = context({ iss: 'https://gitlab.example.com', aud: 'x', sub: 's', repository: 'a/b' });
  assert.equal(other.keys.get('gitlab.example.com:repository'), undefined);
  const google = context({ iss: 'https://accounts.google.com', aud: 'web', azp: 'android', sub: '1' });
  assert.deepEqual(google.keys.get('accounts.google.com:aud')?.values, ['android']);
  assert.deepEqual(google.keys.get('accounts.google.com:oaud')?.values, ['web']);
  assert.equal(webIdentityContext({ sub: 'no issuer' }), undefined);
  assert.equal(webIdentityContext({ iss: ['a', 'b'] }), undefined);
});

test('parseOperator: the set qualifiers, the base operators and IfExists; others are not evaluated', () => {
  assert.deepEqual(op('StringEquals'), { base: 'StringEquals', ifExists: false });
  assert.deepEqual(op('ForAnyValue:StringLikeIfExists'), { set: 'ForAnyValue', base: 'StringLike', ifExists: true });
  assert.deepEqual(op('ForAllValues:StringNotEqualsIgnoreCase'), {
    set: 'ForAllValues',
    base: 'StringNotEqualsIgnoreCase',
    ifExists: false,
  });
  for (const other of ['NumericEquals', 'Bool', 'ArnLike', 'DateGreaterThan', 'NullIfExists', 'ForAnyValue:Null'])
    assert.equal(parseOperator(other), undefined, other);
});

test('StringEquals is exact and case-sensitive; values of a key are alternatives', () => {
  assert.equal(conditionVerdict(op('StringEquals'), ['a', 'b'], ['b']), 'match');
  assert.equal(conditionVerdict(op('StringEquals'), ['a', 'b'], ['B']), 'no-match');
  assert.equal(conditionVerdict(op('StringEquals'), ['a*'], ['abc']), 'no-match', 'no wildcards');
  assert.equal(conditionVerdict(op('StringEquals'), ['a'], undefined), 'no-match', 'a missing key');
});

test('StringNotEquals holds when the value matches none of the list, and for a missing key', () => {
  assert.equal(conditionVerdict(op('StringNotEquals'), ['a', 'b'], ['c']), 'match');
  assert.equal(conditionVerdict(op('StringNotEquals'), ['a', 'b'], ['b']), 'no-match');
  assert.equal(conditionVerdict(op('StringNotEquals'), ['a'], undefined), 'match');
});

test('the IgnoreCase operators compare without case', () => {
  assert.equal(conditionVerdict(op('StringEqualsIgnoreCase'), ['Repo:Octo'], ['repo:octo']), 'match');
  assert.equal(conditionVerdict(op('StringEqualsIgnoreCase'), ['repo:octo'], ['repo:other']), 'no-match');
  assert.equal(conditionVerdict(op('StringNotEqualsIgnoreCase'), ['REPO:OCTO'], ['repo:octo']), 'no-match');
  assert.equal(conditionVerdict(op('StringNotEqualsIgnoreCase'), ['REPO:OCTO'], ['repo:x']), 'match');
});

test('StringLike: * is any run (: and / included, empty too), ? exactly one character, the rest literal', () => {
  const like = (pattern: string, value: string) => conditionVerdict(op('StringLike'), [pattern], [value]);
  assert.equal(like('repo:octo-org/*', 'repo:octo-org/octo-repo:ref:refs/heads/main'), 'match');
  assert.equal(like('repo:octo-org/*', 'repo:octo-org/'), 'match');
  assert.equal(like('repo:octo-org/*', 'repo:Octo-org/x'), 'no-match', 'case-sensitive');
  assert.equal(like('v?', 'v1'), 'match');
  assert.equal(like('v?', 'v'), 'no-match');
  assert.equal(like('v?', 'v12'), 'no-match');
  assert.equal(like('a.b', 'axb'), 'no-match', 'a dot is a dot');
  assert.equal(like('(x)+[y]', '(x)+[y]'), 'match', 'regular-expression characters are literal');
  assert.equal(like('*', 'line\nbreak'), 'match');
  assert.equal(conditionVerdict(op('StringNotLike'), ['repo:evil/*'], ['repo:octo/x']), 'match');
  assert.equal(conditionVerdict(op('StringNotLike'), ['repo:evil/*', 'repo:octo/*'], ['repo:octo/x']), 'no-match');
});

test('policy variables: ${*} ${?} ${$} are literals; any other variable cannot be decided; 2008-10-17 has none', () => {
  assert.equal(conditionVerdict(op('StringLike'), ['a${*}'], ['a*']), 'match');
  assert.equal(conditionVerdict(op('StringLike'), ['a${*}'], ['abc']), 'no-match', '${*} is not a wildcard');
  assert.equal(conditionVerdict(op('StringEquals'), ['${$}{x}${?}'], ['${x}?']), 'match');
  assert.equal(conditionVerdict(op('StringEquals'), ['${aws:username}'], ['bob']), 'unknown');
  assert.equal(conditionVerdict(op('StringNotEquals'), ['${aws:username}'], ['bob']), 'unknown');
  assert.equal(conditionVerdict(op('StringEquals'), ['${aws:username}'], ['${aws:username}'], false), 'match');
  // Through a document: the Version decides.
  const doc = (version: string) => policy({ StringEquals: { [SUB]: '${aws:username}' } }, {}, version);
  assert.equal(verdict(doc('2012-10-17')), 'unknown');
  assert.equal(verdict(doc('2008-10-17')), 'no-match');
});

test('...IfExists: a missing key holds; a present one is compared', () => {
  assert.equal(conditionVerdict(op('StringEqualsIfExists'), ['prod'], undefined), 'match');
  assert.equal(conditionVerdict(op('StringEqualsIfExists'), ['prod'], ['dev']), 'no-match');
  assert.equal(conditionVerdict(op('StringLikeIfExists'), ['p*'], ['prod']), 'match');
});

test('Null: "true" wants the key absent, "false" present', () => {
  assert.equal(conditionVerdict(op('Null'), ['true'], undefined), 'match');
  assert.equal(conditionVerdict(op('Null'), ['true'], ['x']), 'no-match');
  assert.equal(conditionVerdict(op('Null'), ['false'], ['x']), 'match');
  assert.equal(conditionVerdict(op('Null'), ['false'], undefined), 'no-match');
});

test('ForAnyValue: any request value matching any policy value; a missing key is false (IfExists: true)', () => {
  assert.equal(conditionVerdict(op('ForAnyValue:StringEquals'), ['a'], ['x', 'a']), 'match');
  assert.equal(conditionVerdict(op('ForAnyValue:StringEquals'), ['a'], ['x', 'y']), 'no-match');
  assert.equal(conditionVerdict(op('ForAnyValue:StringEquals'), ['a'], undefined), 'no-match');
  assert.equal(conditionVerdict(op('ForAnyValue:StringEquals'), ['a'], []), 'no-match');
  assert.equal(conditionVerdict(op('ForAnyValue:StringEqualsIfExists'), ['a'], undefined), 'match');
  assert.equal(conditionVerdict(op('ForAnyValue:StringNotEquals'), ['a'], ['a', 'b']), 'match', 'b is not a');
  assert.equal(conditionVerdict(op('ForAnyValue:StringNotEquals'), ['a'], ['a']), 'no-match');
});

test('ForAllValues: every request value matching some policy value; a missing key is TRUE', () => {
  assert.equal(conditionVerdict(op('ForAllValues:StringEquals'), ['a', 'b'], ['a', 'b']), 'match');
  assert.equal(conditionVerdict(op('ForAllValues:StringEquals'), ['a', 'b'], ['a', 'c']), 'no-match');
  assert.equal(conditionVerdict(op('ForAllValues:StringEquals'), ['a'], undefined), 'match');
  assert.equal(
    conditionVerdict(op('ForAllValues:StringLike'), ['repo:octo/*'], ['repo:octo/a', 'repo:x/b']),
    'no-match',
  );
  assert.equal(conditionVerdict(op('ForAllValues:StringNotEquals'), ['a'], ['b', 'c']), 'match');
  assert.equal(conditionVerdict(op('ForAllValues:StringNotEquals'), ['a'], ['b', 'a']), 'no-match');
});

test('a multi-valued aud: a plain operator holds when any value matches; a negated one when none does', () => {
  const claims = { ...TOKEN, aud: ['sts.amazonaws.com', 'https://github.com/octo-org'] };
  assert.equal(verdict(policy({ StringEquals: { [AUD]: 'sts.amazonaws.com' } }), claims), 'match');
  assert.equal(verdict(policy({ StringEquals: { [AUD]: 'other' } }), claims), 'no-match');
  assert.equal(verdict(policy({ StringNotEquals: { [AUD]: 'https://github.com/octo-org' } }), claims), 'no-match');
  assert.equal(verdict(policy({ 'ForAllValues:StringEquals': { [AUD]: 'sts.amazonaws.com' } }), claims), 'no-match');
  assert.equal(verdict(policy({ 'ForAnyValue:StringEquals': { [AUD]: 'sts.amazonaws.com' } }), claims), 'match');
});

test("ForAllValues: in an Allow admits a token that lacks the claim (why audit flags it); ForAnyValue: doesn't", () => {
  const { environment: _drop, ...noEnvironment } = TOKEN;
  const env = `${HOST}:environment`;
  assert.equal(verdict(policy({ 'ForAllValues:StringEquals': { [env]: 'prod' } }), noEnvironment), 'match');
  assert.equal(verdict(policy({ 'ForAnyValue:StringEquals': { [env]: 'prod' } }), noEnvironment), 'no-match');
  assert.equal(verdict(policy({ StringEquals: { [env]: 'prod' } }), { ...TOKEN, environment: 'prod' }), 'match');
});

test('key names are case-insensitive; values are not', () => {
  const upper = 'Token.Actions.GitHubUserContent.com:SUB';
  assert.equal(verdict(policy({ StringEquals: { [upper]: TOKEN.sub } })), 'match');
  assert.equal(verdict(policy({ StringEquals: { [SUB]: TOKEN.sub.toUpperCase() } })), 'no-match');
  assert.equal(verdict(policy({ StringEqualsIgnoreCase: { [SUB]: TOKEN.sub.toUpperCase() } })), 'match');
  assert.equal(verdict(policy({ stringequals: { [SUB]: TOKEN.sub } })), 'match', 'operator names too');
});

test('every operator block and every key must hold; the failing one is named with expected and actual values', () => {
  const doc = policy({
    StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org/octo-repo:ref:refs/heads/main' },
    StringLike: { [`${HOST}:job_workflow_ref`]: 'octo-org/octo-repo/*' },
  });
  const result = evaluateTrust(doc, context(), PROVIDER);
  assert.equal(result.verdict, 'no-match');
  assert.deepEqual(result.statements[0]!.checks, [
    {
      kind: 'condition',
      verdict: 'no-match',
      operator: 'StringEquals',
      key: SUB,
      expected: ['repo:octo-org/octo-repo:ref:refs/heads/main'],
      actual: [TOKEN.sub],
    },
  ]);
});

test('both sub forms: a policy with both admits either token; one with the legacy form only refuses the immutable', () => {
  const immutable = TOKEN.sub;
  const legacy = 'repo:octo-org/octo-repo:ref:refs/heads/main';
  const both = policy({ StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: [immutable, legacy] } });
  assert.equal(verdict(both), 'match');
  assert.equal(verdict(both, { ...TOKEN, sub: legacy }), 'match');
  const legacyOnly = policy({ StringEquals: { [SUB]: legacy } });
  assert.equal(verdict(legacyOnly), 'no-match');
  assert.equal(verdict(legacyOnly, { ...TOKEN, sub: legacy }), 'match');
  // An owner wildcard written for names does not match the immutable owner@id form with a literal owner.
  assert.equal(verdict(policy({ StringLike: { [SUB]: 'repo:octo-org/*' } })), 'no-match');
  assert.equal(verdict(policy({ StringLike: { [SUB]: 'repo:octo-org@123456/*' } })), 'match');
});

test('an environment token against a branch policy is refused', () => {
  const env = { ...TOKEN, sub: 'repo:octo-org@123456/octo-repo@789012:environment:prod', environment: 'prod' };
  assert.equal(verdict(policy({ StringEquals: { [SUB]: TOKEN.sub } }), env), 'no-match');
});

test('the Federated principal must be the provider of the token issuer; * admits; another type does not apply', () => {
  const other = policy(null, { Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' } });
  const r = evaluateTrust(other, context(), PROVIDER);
  assert.equal(r.verdict, 'no-match');
  assert.deepEqual(r.statements[0]!.checks[0], {
    kind: 'principal',
    verdict: 'no-match',
    expected: PROVIDER,
    actual: ['Federated: arn:aws:iam::111122223333:oidc-provider/gitlab.com'],
  });
  assert.equal(verdict(policy(null, { Principal: { Federated: ['x', PROVIDER] } })), 'match');
  assert.equal(verdict(policy(null, { Principal: '*' })), 'match');
  assert.equal(verdict(policy(null, { Principal: { Service: 'ec2.amazonaws.com' } })), 'no-match');
  // An enterprise issuer's provider is its own: the github.com provider does not admit its tokens.
  const enterprise = context({ ...TOKEN, iss: `https://${HOST}/octo-ent` });
  const enterpriseProvider = `arn:aws:iam::111122223333:oidc-provider/${enterprise.issuer}`;
  assert.equal(evaluateTrust(policy(null), enterprise, enterpriseProvider).verdict, 'no-match');
  const own = policy(null, { Principal: { Federated: enterpriseProvider } });
  assert.equal(evaluateTrust(own, enterprise, enterpriseProvider).verdict, 'match');
});

test('Action: the exact action, wildcards, any case; NotAction; a wrong action refuses', () => {
  for (const action of ['sts:AssumeRoleWithWebIdentity', 'sts:*', '*', 'STS:assumerolewithwebidentity', 'sts:Assume*'])
    assert.equal(verdict(policy(null, { Action: action })), 'match', action);
  assert.equal(verdict(policy(null, { Action: ['sts:AssumeRole', 'sts:TagSession'] })), 'no-match');
  assert.equal(verdict(policy(null, { Action: 'sts:AssumeRoleWithSAML' })), 'no-match');
  const notAction = (v: string) => {
    const doc = policy(null);
    delete (doc.Statement[0] as Record<string, unknown>)['Action'];
    (doc.Statement[0] as Record<string, unknown>)['NotAction'] = v;
    return doc;
  };
  assert.equal(verdict(notAction('sts:AssumeRole')), 'match');
  assert.equal(verdict(notAction('sts:*')), 'no-match');
});

test('an explicit Deny that matches refuses whatever an Allow says; one that does not match changes nothing', () => {
  const allow = policy({ StringEquals: { [SUB]: TOKEN.sub } }).Statement[0]!;
  const deny = (condition: unknown) => ({
    Version: '2012-10-17',
    Statement: [
      allow,
      {
        Sid: 'NoMain',
        Effect: 'Deny',
        Principal: { Federated: PROVIDER },
        Action: 'sts:*',
        Condition: condition,
      },
    ],
  });
  const hit = evaluateTrust(deny({ StringLike: { [SUB]: '*:ref:refs/heads/main' } }), context(), PROVIDER);
  assert.equal(hit.verdict, 'no-match');
  assert.equal(hit.statements[1]!.verdict, 'match');
  assert.equal(hit.statements[1]!.sid, 'NoMain');
  assert.equal(verdict(deny({ StringLike: { [SUB]: '*:ref:refs/heads/dev' } })), 'match');
});

test('what the token cannot decide is unknown, never a guess; a match elsewhere still admits', () => {
  const ip = policy({ StringEquals: { [SUB]: TOKEN.sub }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } });
  const r = evaluateTrust(ip, context(), PROVIDER);
  assert.equal(r.verdict, 'unknown');
  assert.match(JSON.stringify(r.statements[0]!.checks), /does not evaluate IpAddress/);
  assert.equal(verdict(policy({ StringEquals: { 'sts:RoleSessionName': 'x' } })), 'unknown');
  // A known failure outweighs an unknown in the same statement; another statement that matches admits.
  assert.equal(verdict(policy({ StringEquals: { [SUB]: 'nope', 'aws:SourceIp': 'x' } })), 'no-match');
  const two = { Version: '2012-10-17', Statement: [...ip.Statement, ...policy(null).Statement] };
  assert.equal(verdict(two), 'match');
  // A key of another provider is simply absent from this request.
  assert.equal(verdict(policy({ StringEquals: { 'accounts.google.com:aud': 'x' } })), 'no-match');
  assert.equal(verdict(policy({ StringNotEquals: { 'accounts.google.com:aud': 'x' } })), 'match');
});

test('hostile documents: no statements, a single statement object, junk values', () => {
  assert.equal(verdict({}), 'no-match');
  assert.equal(verdict(null), 'no-match');
  assert.equal(verdict({ Statement: policy(null).Statement[0] }), 'match', 'Statement as an object');
  assert.equal(verdict(policy({ StringEquals: null })), 'match', 'an empty block tests nothing');
  assert.equal(verdict(policy({ StringEquals: { [SUB]: [] } })), 'no-match', 'no values match nothing');
  assert.equal(verdict(policy({ StringEquals: { [`${HOST}:repository_id`]: 789012 } })), 'match', 'numbers');
});
