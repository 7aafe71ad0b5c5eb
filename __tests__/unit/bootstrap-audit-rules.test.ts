/** bootstrap audit's rules: pure, each shape and what it must (and must not) be reported as. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/processes.js';
import {
  AUDIT_RULES,
  auditIotPolicy,
  auditRoleAlias,
  auditRolesAnywhere,
  auditTrustPolicy,
  broadGrants,
  type RoleAliasView,
  type RolesAnywhereView,
} from '../../src/bootstrap/audit-rules.js';
import type { ProfileView, TrustAnchorView } from '../../src/bootstrap/roles-anywhere-read.js';
import { githubTrustPolicy, iotPolicyDocument } from '../../src/bootstrap/policies.js';

const ACCOUNT = 'arn:aws:iam::123456789012';
const GH = `${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const GHES = `${ACCOUNT}:oidc-provider/ghes.example.com/_services/token`;
const GITLAB = `${ACCOUNT}:oidc-provider/gitlab.com`;
const rules = (doc: unknown) => auditTrustPolicy('r', `${ACCOUNT}:role/r`, doc).map((f) => f.rule);
const statement = (extra: Record<string, unknown>, provider = GH) => ({
  Effect: 'Allow',
  Principal: { Federated: provider },
  Action: 'sts:AssumeRoleWithWebIdentity',
  ...extra,
});
/** A trust with aud set and the sub condition under the given operator, on the provider's own keys. */
const withSub = (operator: string, value: unknown, provider = GH) => {
  const host = provider.split('oidc-provider/')[1]!;
  const aud = { [`${host}:aud`]: 'sts.amazonaws.com' };
  const sub = { [`${host}:sub`]: value };
  const condition =
    operator === 'StringEquals' ? { StringEquals: { ...aud, ...sub } } : { StringEquals: aud, [operator]: sub };
  return rules({ Statement: [statement({ Condition: condition }, provider)] });
};

test('every rule has a severity of SARIF level, a text and a help', () => {
  for (const [id, r] of Object.entries(AUDIT_RULES)) {
    assert.ok(['error', 'warning', 'note'].includes(r.severity), id);
    assert.ok(r.text.length > 10 && r.help.length > 20, id);
  }
});

test('what bootstrap oidc writes has no finding, in either sub form and with a wildcard ref', () => {
  assert.deepEqual(rules(githubTrustPolicy(GH, { repo: 'o/r', branch: 'main' }, false)), []);
  const both = githubTrustPolicy(
    GH,
    { repo: 'o/r', ids: { owner: 1, repo: 2 }, forms: ['immutable', 'legacy'] },
    false,
  );
  assert.deepEqual(rules(both), []);
  assert.deepEqual(rules(githubTrustPolicy(GH, { repo: 'o/r' }, false)), []);
  assert.deepEqual(rules(githubTrustPolicy(GHES, { repo: 'o/r', branch: 'main' }, false)), []);
});

test('any-repository on GitHub: repo:*, *, an empty or wildcard owner; not a wildcard after a named owner or id', () => {
  assert.deepEqual(withSub('StringLike', 'repo:*'), ['any-repository']);
  assert.deepEqual(withSub('StringLike', '*'), ['any-repository']);
  assert.deepEqual(withSub('StringLike', ['repo:o/r:*', 'repo:?rg/r:*']), ['any-repository']);
  assert.deepEqual(withSub('StringEquals', 'repo:/r:ref:x'), ['any-repository']);
  assert.deepEqual(withSub('StringLike', 'repo:o@12/r@*:*'), []);
  assert.deepEqual(withSub('StringLike', 'repo:o/*'), []);
  // StringEquals takes * literally: no repository is named '*'.
  assert.deepEqual(withSub('StringEquals', 'repo:*'), []);
});

test('any-repository on Enterprise Server hosts and an enterprise issuer: keys of <host>/_services/token', () => {
  assert.deepEqual(withSub('StringLike', 'repo:*/app:*', GHES), ['any-repository']);
  assert.deepEqual(withSub('StringLike', 'repo:org/app:*', GHES), []);
  const enterprise = `${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com/acme`;
  assert.deepEqual(withSub('StringLike', 'repo:*', enterprise), ['any-repository']);
  assert.deepEqual(rules({ Statement: [statement({}, enterprise)] }), ['no-sub', 'no-aud']);
});

test("any-repository on GitLab's project_path:<group>/<project>:ref_type:<type>:ref:<ref>", () => {
  assert.deepEqual(withSub('StringLike', 'project_path:*', GITLAB), ['any-repository']);
  assert.deepEqual(withSub('StringLike', 'project_path:*/app:ref_type:branch:ref:main', GITLAB), ['any-repository']);
  assert.deepEqual(withSub('StringLike', 'project_path:my-*/app:*', GITLAB), ['any-repository']);
  assert.deepEqual(withSub('StringEquals', 'project_path:/app:ref_type:branch:ref:main', GITLAB), ['any-repository']);
  assert.deepEqual(withSub('StringLike', 'project_path:group/sub/app:ref_type:branch:ref:*', GITLAB), []);
  assert.deepEqual(withSub('StringEquals', 'project_path:group/app:ref_type:branch:ref:main', GITLAB), []);
});

test('any other issuer: a leading wildcard or an empty sub admits anyone; a named prefix does not', () => {
  const other = `${ACCOUNT}:oidc-provider/oidc.circleci.com/org/1234`;
  assert.deepEqual(withSub('StringLike', '*:project/5678', other), ['any-repository']);
  assert.deepEqual(withSub('StringEquals', '', other), ['any-repository']);
  assert.deepEqual(withSub('StringLike', 'org/1234/project/5678/*', other), []);
});

test('no-sub, no-aud, for-all-values; Deny, other actions and principals are not audited', () => {
  const found = auditTrustPolicy('r', 'arn', { Statement: { ...statement({ Action: ['sts:*'] }), Sid: 'CI' } });
  assert.deepEqual(
    found.map((f) => [f.rule, f.sid, f.statement]),
    [
      ['no-sub', 'CI', 0],
      ['no-aud', 'CI', 0],
    ],
  );
  // An action pattern that covers AssumeRoleWithWebIdentity is a grant too.
  assert.deepEqual(rules({ Statement: [statement({ Action: 'sts:AssumeRoleWith*' })] }), ['no-sub', 'no-aud']);
  assert.deepEqual(rules({ Statement: [statement({ Effect: 'Deny' })] }), []);
  assert.deepEqual(rules({ Statement: [statement({ Action: 'sts:AssumeRole' })] }), []);
  assert.deepEqual(rules({ Statement: [{ Effect: 'Allow', Principal: { Service: 'x' }, Action: '*' }] }), []);
  assert.deepEqual(rules(undefined), []);
  assert.deepEqual(rules('not a document'), []);
  assert.deepEqual(rules({ Statement: [null, 3] }), []);
  assert.deepEqual(withSub('ForAllValues:StringLike', 'repo:o/r:*'), ['for-all-values']);
  assert.deepEqual(withSub('ForAnyValue:StringLike', 'repo:o/r:*'), []);
});

test('like-without-wildcard: a StringLike key none of whose values has * or ?; a mixed list is fine', () => {
  assert.deepEqual(withSub('StringLike', 'repo:o/r:ref:refs/heads/main'), ['like-without-wildcard']);
  assert.deepEqual(withSub('StringLikeIfExists', ['repo:o/r:ref:a', 'repo:o/r:ref:b']), ['like-without-wildcard']);
  assert.deepEqual(withSub('StringLike', ['repo:o/r:ref:refs/heads/main', 'repo:o/r:environment:*']), []);
  const found = auditTrustPolicy('deploy', 'arn', {
    Statement: [statement({ Condition: { StringLike: { 'token.actions.githubusercontent.com:aud': 'x' } } })],
  });
  assert.deepEqual(
    found.map((f) => f.rule),
    ['no-sub', 'like-without-wildcard'],
  );
  assert.equal(found[1]!.severity, 'note');
  assert.match(found[1]!.message, /\(token\.actions\.githubusercontent\.com:aud\)$/);
});

test('roles-anywhere-no-subject: Roles Anywhere trust with no x509Subject/x509SAN condition', () => {
  const ra = (condition?: Record<string, unknown>) => ({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: ['rolesanywhere.amazonaws.com'] },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
  const anchor = { ArnEquals: { 'aws:SourceArn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a' } };
  const [none] = auditTrustPolicy('ra', 'arn', ra());
  assert.equal(none!.rule, 'roles-anywhere-no-subject');
  assert.match(none!.message, /no aws:SourceArn/);
  assert.deepEqual(rules(ra(anchor)), ['roles-anywhere-no-subject']);
  assert.doesNotMatch(auditTrustPolicy('ra', 'arn', ra(anchor))[0]!.message, /SourceArn/);
  // The issuer names the CA the anchor already pins: not a subject.
  assert.deepEqual(rules(ra({ ...anchor, StringEquals: { 'aws:PrincipalTag/x509Issuer/CN': 'My CA' } })), [
    'roles-anywhere-no-subject',
  ]);
  // A subject condition of * admits every subject.
  assert.deepEqual(rules(ra({ ...anchor, StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*' } })), [
    'roles-anywhere-no-subject',
  ]);
  assert.deepEqual(rules(ra({ ...anchor, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'runner-1' } })), []);
  assert.deepEqual(rules(ra({ ...anchor, StringLike: { 'aws:principaltag/x509SAN/DNS': 'ci-*.example.com' } })), []);
  assert.deepEqual(rules(ra({ ...anchor, StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'runner-1' } })), [
    'like-without-wildcard',
  ]);
  // The IoT credentials provider's trust (what bootstrap iot writes) is neither.
  assert.deepEqual(
    rules({
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    }),
    [],
  );
});

const ALIAS = 'arn:aws:iot:us-east-1:123456789012:rolealias/runner-role-alias';
const iotRules = (doc: unknown) =>
  auditIotPolicy('p', 'arn:aws:iot:us-east-1:123456789012:policy/p', doc).map((f) => f.rule);
const iotStatement = (extra: Record<string, unknown>) => ({
  Statement: [{ Effect: 'Allow', Action: 'iot:AssumeRoleWithCertificate', Resource: ALIAS, ...extra }],
});

test('IoT policies: what bootstrap iot writes has no finding; each thing binding is accepted', () => {
  assert.deepEqual(iotRules(iotPolicyDocument(ALIAS)), []);
  assert.deepEqual(
    iotRules(iotStatement({ Condition: { Bool: { 'iot:Connection.Thing.IsAttached': ['true'] } } })),
    [],
  );
  assert.deepEqual(iotRules(iotStatement({ Condition: { StringEquals: { 'credentials-iot:ThingName': 'r1' } } })), []);
  assert.deepEqual(
    iotRules(iotStatement({ Resource: 'arn:aws:iot:us-east-1:123456789012:rolealias/${credentials-iot:ThingName}' })),
    [],
  );
  // Policies that do not hand out credentials are not this audit's business.
  assert.deepEqual(iotRules({ Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] }), []);
  assert.deepEqual(iotRules(iotStatement({ Effect: 'Deny' })), []);
});

test('iot-no-thing-binding: no condition, IsAttached false, or only IfExists', () => {
  assert.deepEqual(iotRules(iotStatement({})), ['iot-no-thing-binding']);
  assert.deepEqual(
    iotRules(iotStatement({ Condition: { Bool: { 'credentials-iot:Connection.Thing.IsAttached': 'false' } } })),
    ['iot-no-thing-binding'],
  );
  assert.deepEqual(
    iotRules(iotStatement({ Condition: { StringEqualsIfExists: { 'credentials-iot:ThingName': 'r1' } } })),
    ['iot-no-thing-binding'],
  );
  assert.deepEqual(iotRules({ Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: ALIAS }] }), [
    'iot-no-thing-binding',
  ]);
  assert.deepEqual(iotRules({ Statement: [{ Effect: 'Allow', NotAction: 'iot:Publish', Resource: ALIAS }] }), [
    'iot-no-thing-binding',
  ]);
});

test('iot-any-role-alias: *, a wildcard alias or account, NotResource; not a named alias', () => {
  const bound = { Condition: { Bool: { 'credentials-iot:Connection.Thing.IsAttached': 'true' } } };
  assert.deepEqual(iotRules(iotStatement({ ...bound, Resource: '*' })), ['iot-any-role-alias']);
  assert.deepEqual(
    iotRules(iotStatement({ ...bound, Resource: 'arn:aws:iot:us-east-1:123456789012:rolealias/gh-*' })),
    ['iot-any-role-alias'],
  );
  assert.deepEqual(iotRules(iotStatement({ ...bound, Resource: [ALIAS, 'arn:aws:iot:*:*:rolealias/x'] })), []);
  assert.deepEqual(
    iotRules(iotStatement({ ...bound, Resource: undefined, NotResource: 'arn:aws:iot:*:*:rolealias/admin' })),
    ['iot-any-role-alias'],
  );
  const [f] = auditIotPolicy('open', 'arn:p', iotStatement({ Resource: '*' })).filter(
    (x) => x.rule === 'iot-any-role-alias',
  );
  assert.equal(f!.severity, 'error');
  assert.equal(f!.kind, 'iot-policy');
  assert.match(f!.message, /^IoT policy open: .*\(\*\)$/);
});

test('broadGrants: *, and the IAM actions that grant more, through Action patterns or NotAction', () => {
  const allow = (s: Record<string, unknown>) => ({ Statement: [{ Effect: 'Allow', Resource: '*', ...s }] });
  assert.deepEqual(broadGrants(allow({ Action: '*' })), ['*']);
  assert.deepEqual(broadGrants(allow({ Action: ['s3:GetObject', 'iam:PutRolePolicy'] })), ['iam:PutRolePolicy']);
  assert.ok(broadGrants(allow({ Action: 'iam:*' })).includes('iam:AttachRolePolicy'));
  assert.ok(broadGrants(allow({ NotAction: 's3:*' })).includes('iam:CreatePolicyVersion'));
  assert.deepEqual(broadGrants(allow({ NotAction: 'iam:*' })), []);
  assert.deepEqual(broadGrants(allow({ Action: ['s3:*', 'iam:Get*', 'iam:List*'] })), []);
  assert.deepEqual(broadGrants({ Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] }), []);
  assert.deepEqual(broadGrants(undefined), []);
});

test('role aliases: broad role (error) and a duration past the default (note), each named', () => {
  const alias = (extra: Partial<RoleAliasView>): RoleAliasView => ({
    name: 'runner-role-alias',
    arn: ALIAS,
    roleArn: 'arn:aws:iam::123456789012:role/ci/runner-role',
    durationSeconds: 3600,
    policies: [{ name: 'ReadOnly', document: { Statement: [{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }] } }],
    ...extra,
  });
  assert.deepEqual(auditRoleAlias(alias({})), []);
  assert.deepEqual(auditRoleAlias(alias({ policies: [{ name: 'gone', document: undefined }] })), []);
  const admin = {
    name: 'AdministratorAccess',
    document: { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
  };
  const [broad] = auditRoleAlias(alias({ policies: [admin] }));
  assert.equal(broad!.rule, 'role-alias-broad-role');
  assert.equal(broad!.severity, 'error');
  assert.match(broad!.message, /^role alias runner-role-alias \(role runner-role\): .*\(AdministratorAccess: \*\)$/);
  const long = auditRoleAlias(alias({ durationSeconds: 43200 }));
  assert.deepEqual(
    long.map((f) => [f.rule, f.severity]),
    [['role-alias-long-duration', 'note']],
  );
  assert.match(long[0]!.message, /43200 s/);
});

// ---- Roles Anywhere: trust anchors and profiles ----------------------------------------------------------------

const RA = 'arn:aws:rolesanywhere:eu-west-1:123456789012';
const anchorArn = (id: string) => `${RA}:trust-anchor/${id}`;
const raAnchor = (id: string, enabled = true): TrustAnchorView => ({
  name: id,
  arn: anchorArn(id),
  enabled,
  sourceType: 'CERTIFICATE_BUNDLE',
});
const raProfile = (name: string, roles: string[], extra: Partial<ProfileView> = {}): ProfileView => ({
  name,
  arn: `${RA}:profile/${name}`,
  enabled: true,
  roleArns: roles.map((r) => `${ACCOUNT}:role/${r}`),
  managedPolicyArns: [],
  durationSeconds: 3600,
  ...extra,
});
/** A Roles Anywhere trust with the given conditions. */
const raTrust = (condition?: Record<string, unknown>) => ({
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      ...(condition ? { Condition: condition } : {}),
    },
  ],
});
const SUBJECT = { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'runner-1' } };
const pinned = (...ids: string[]) => ({ ...SUBJECT, ArnEquals: { 'aws:SourceArn': ids.map(anchorArn) } });
const raFindings = (
  view: Partial<RolesAnywhereView> & { trust: Record<string, unknown>; policies?: Record<string, unknown> },
) =>
  auditRolesAnywhere({
    trustAnchors: view.trustAnchors ?? [raAnchor('a')],
    profiles: view.profiles ?? [],
    trustOf: (arn) => view.trust[arn.split('/').pop()!],
    policiesOf: (arn) => {
      const document = view.policies?.[arn.split('/').pop()!];
      return document ? [{ name: 'inline', document }] : [];
    },
  }).map((f) => `${f.kind} ${f.name} ${f.rule}`);

test('Roles Anywhere: a profile and anchor set up as documented (subject, pinned anchor, session policy) have none', () => {
  const trust = { good: raTrust(pinned('a', 'b')) };
  const profiles = [raProfile('p', ['good'])];
  assert.deepEqual(raFindings({ trustAnchors: [raAnchor('a'), raAnchor('b')], profiles, trust }), []);
  // An anchor the role does not name cannot use it at all: nothing to report for it.
  assert.deepEqual(raFindings({ trustAnchors: [raAnchor('c')], profiles, trust }), []);
  // Where the anchor's CA lives is not a finding.
  assert.deepEqual(
    raFindings({ trustAnchors: [{ ...raAnchor('a'), sourceType: 'AWS_ACM_PCA' }], profiles, trust }),
    [],
  );
});

test('roles-anywhere-profile-no-subject: an enabled profile handing out a role with no subject condition', () => {
  const trust = { open: raTrust({ ArnEquals: { 'aws:SourceArn': anchorArn('a') } }), good: raTrust(pinned('a')) };
  const found = auditRolesAnywhere({
    trustAnchors: [raAnchor('a')],
    profiles: [raProfile('p', ['good', 'open'])],
    trustOf: (arn) => trust[arn.split('/').pop()! as keyof typeof trust],
    policiesOf: () => [],
  });
  assert.deepEqual(
    found.map((f) => [f.rule, f.severity, f.kind, f.arn]),
    [['roles-anywhere-profile-no-subject', 'warning', 'profile', `${RA}:profile/p`]],
  );
  assert.match(found[0]!.message, /^Roles Anywhere profile p: .*\(open\)$/);
  // A wildcard subject is no subject; a disabled profile vends nothing; a role of no Roles Anywhere trust is not one.
  const star = {
    open: raTrust({
      ArnEquals: { 'aws:SourceArn': anchorArn('a') },
      StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*' },
    }),
  };
  assert.deepEqual(raFindings({ profiles: [raProfile('p', ['open'])], trust: star }), [
    'profile p roles-anywhere-profile-no-subject',
  ]);
  assert.deepEqual(raFindings({ profiles: [raProfile('p', ['open'], { enabled: false })], trust }), []);
  assert.deepEqual(raFindings({ profiles: [raProfile('p', ['gone'])], trust }), []);
});

test('roles-anywhere-anchor-not-pinned: no aws:SourceArn, or one matching the anchor only through a wildcard', () => {
  const cases: Array<[string, Record<string, unknown>, boolean]> = [
    ['no SourceArn', SUBJECT, true],
    ['ArnLike any anchor', { ...SUBJECT, ArnLike: { 'aws:SourceArn': `${RA}:trust-anchor/*` } }, true],
    [
      'ArnEquals with a wildcard (ArnEquals takes them too)',
      { ...SUBJECT, ArnEquals: { 'aws:SourceArn': `${RA}:*` } },
      true,
    ],
    [
      'literal and a wildcard in one list',
      { ...SUBJECT, ArnEquals: { 'aws:SourceArn': [anchorArn('a'), `${RA}:*`] } },
      true,
    ],
    ['only a negated operator', { ...SUBJECT, ArnNotEquals: { 'aws:SourceArn': anchorArn('z') } }, true],
    ['ArnEquals naming it', pinned('a'), false],
    [
      'StringEquals naming it',
      { ...SUBJECT, StringEquals: { ...SUBJECT.StringEquals, 'aws:SourceArn': anchorArn('a') } },
      false,
    ],
    ['a wildcard ANDed with a literal', { ...pinned('a'), ArnLike: { 'aws:SourceArn': `${RA}:*` } }, false],
    ['naming another anchor only', pinned('b'), false],
    [
      'StringEquals with a * (literal there)',
      { StringEquals: { ...SUBJECT.StringEquals, 'aws:SourceArn': `${RA}:trust-anchor/*` } },
      false,
    ],
  ];
  for (const [what, condition, reported] of cases)
    assert.deepEqual(
      raFindings({ profiles: [raProfile('p', ['r'])], trust: { r: raTrust(condition) } }),
      reported ? ['trust-anchor a roles-anywhere-anchor-not-pinned'] : [],
      what,
    );
  // One finding per enabled anchor, naming the roles and the profiles they come through, and the other anchors.
  const found = auditRolesAnywhere({
    trustAnchors: [raAnchor('a'), raAnchor('b'), raAnchor('off', false)],
    profiles: [raProfile('p1', ['r']), raProfile('p2', ['r', 'ok']), raProfile('p3', ['r'], { enabled: false })],
    trustOf: (arn) => (arn.endsWith('/r') ? raTrust(SUBJECT) : raTrust(pinned('a', 'b'))),
    policiesOf: () => [],
  });
  assert.deepEqual(
    found.map((f) => [f.name, f.severity, f.message.replace(/^.*\(/, '(')]),
    [
      ['a', 'warning', '(r through p1, p2; the other enabled trust anchor can take them too)'],
      ['b', 'warning', '(r through p1, p2; the other enabled trust anchor can take them too)'],
    ],
  );
  // A role in no enabled profile is not reachable through any anchor.
  assert.deepEqual(
    raFindings({ profiles: [raProfile('p', ['r'], { enabled: false })], trust: { r: raTrust(SUBJECT) } }),
    [],
  );
});

test('roles-anywhere-profile-broad-role and -long-duration: session policies cap a broad role; 3600 s is the line', () => {
  const trust = { admin: raTrust(pinned('a')), narrow: raTrust(pinned('a')) };
  const policies = {
    admin: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    narrow: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
  };
  assert.deepEqual(raFindings({ profiles: [raProfile('p', ['narrow', 'admin'])], trust, policies }), [
    'profile p roles-anywhere-profile-broad-role',
  ]);
  const capped = [
    raProfile('m', ['admin'], { managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
    raProfile('s', ['admin'], { sessionPolicy: '{"Statement":[]}' }),
    raProfile('n', ['narrow']),
  ];
  assert.deepEqual(raFindings({ profiles: capped, trust, policies }), []);
  assert.deepEqual(
    raFindings({
      profiles: [
        raProfile('long', ['narrow'], { durationSeconds: 3601 }),
        raProfile('ok', ['narrow'], { durationSeconds: 3600 }),
      ],
      trust,
      policies,
    }),
    ['profile long roles-anywhere-profile-long-duration'],
  );
});

test("the README's rules table lists every rule with its severity, and no other", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning|note) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(
    rows.sort(),
    Object.entries(AUDIT_RULES)
      .map(([id, r]) => `${id} ${r.severity}`)
      .sort(),
  );
});
