/** Bootstrap planning and the policy documents it writes: pure, no AWS. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import {
  NEW_CERTIFICATE,
  iotDesired,
  oidcDesired,
  planDestroy,
  planIot,
  planOidc,
  planRevoke,
  planRotate,
  isNoop,
  destroyRole,
  type CertificateState,
  type IotState,
  type Step,
} from '../../src/bootstrap/plan.js';
import {
  OPERATOR_POLICY_NAME,
  assertTrustIsScoped,
  githubSubject,
  githubSubjects,
  githubTrustPolicy,
  subFormsFor,
  iotPolicyDocument,
  iotRoleTrustPolicy,
  OPERATOR_BOUNDARY_NAME,
  operatorBoundaryArn,
  operatorBoundaryDocument,
  operatorPolicyDocument,
  samePolicy,
} from '../../src/bootstrap/policies.js';

const PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const WANT = iotDesired('runner-1', 'eu-west-1');
const ALIAS_ARN = 'arn:aws:iot:eu-west-1:123456789012:rolealias/runner-1-role-alias';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/runner-1-role';

const summary = (steps: Step[]) =>
  steps.map((s) => `${s.action} ${s.resource} ${s.name}${s.target ? ` -> ${s.target}` : ''}`);

function cert(id: string, extra: Partial<CertificateState> = {}): CertificateState {
  return {
    id,
    arn: `arn:aws:iot:eu-west-1:123456789012:cert/${id}`,
    status: 'ACTIVE',
    attachedToThing: true,
    policies: ['runner-1-policy'],
    ...extra,
  };
}

/** Everything `bootstrap iot runner-1` creates, as discovery would find it. */
function complete(overrides: Partial<IotState> = {}): IotState {
  return {
    role: { arn: ROLE_ARN, trustPolicy: iotRoleTrustPolicy(), owned: true, attachedPolicyArns: [] },
    thingType: { owned: true, deprecated: false },
    thing: { owned: true },
    certificates: [cert('aaaa000000000001')],
    policy: {
      arn: 'arn:aws:iot:eu-west-1:123456789012:policy/runner-1-policy',
      document: iotPolicyDocument(ALIAS_ARN),
    },
    roleAlias: { arn: ALIAS_ARN, roleArn: ROLE_ARN, durationSeconds: 3600 },
    localCertificateId: 'aaaa000000000001',
    ...overrides,
  };
}

describe('policy documents', () => {
  test('the IoT role trusts only the IoT credentials provider, for sts:AssumeRole', () => {
    assert.deepEqual(iotRoleTrustPolicy().Statement, [
      { Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
  });

  test('the IoT policy allows AssumeRoleWithCertificate on the one role alias, only for an attached thing', () => {
    const st = iotPolicyDocument(ALIAS_ARN).Statement;
    assert.equal(st.length, 1);
    assert.equal(st[0]!['Action'], 'iot:AssumeRoleWithCertificate');
    assert.equal(st[0]!['Resource'], ALIAS_ARN);
    assert.deepEqual(st[0]!['Condition'], { Bool: { 'credentials-iot:Connection.Thing.IsAttached': 'true' } });
  });

  test('the sub claim follows branch, tag, environment, or every ref of the repository', () => {
    assert.equal(githubSubject({ repo: 'o/r', branch: 'main' }), 'repo:o/r:ref:refs/heads/main');
    assert.equal(githubSubject({ repo: 'o/r', tag: 'v1.2.0' }), 'repo:o/r:ref:refs/tags/v1.2.0');
    assert.equal(githubSubject({ repo: 'o/r', environment: 'prod' }), 'repo:o/r:environment:prod');
    assert.equal(githubSubject({ repo: 'o/r' }), 'repo:o/r:*');
    assert.throws(() => githubSubject({ repo: 'o/r', branch: 'main', tag: 'v1' }), InputError);
  });

  test('an exact sub is StringEquals with the audience; a wildcard sub is StringLike', () => {
    const exact = githubTrustPolicy(PROVIDER, { repo: 'my-org/my-repo', branch: 'main' }, false).Statement[0]!;
    assert.deepEqual(exact['Principal'], { Federated: PROVIDER });
    assert.equal(exact['Action'], 'sts:AssumeRoleWithWebIdentity');
    assert.deepEqual(exact['Condition'], {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:ref:refs/heads/main',
      },
    });
    const any = githubTrustPolicy(PROVIDER, { repo: 'my-org/my-repo' }, false).Statement[0]!;
    assert.deepEqual(any['Condition'], {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:*' },
    });
  });

  test('documents compare by meaning, not by key order or single-item arrays', () => {
    assert.ok(
      samePolicy(
        {
          Version: '2012-10-17',
          Statement: [
            { Action: ['sts:AssumeRole'], Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' } },
          ],
        },
        iotRoleTrustPolicy(),
      ),
    );
    assert.ok(!samePolicy(iotPolicyDocument(ALIAS_ARN), iotPolicyDocument(ALIAS_ARN.replace('runner-1', 'runner-2'))));
  });
});

describe('the immutable sub (repo:owner@id/name@id)', () => {
  const ids = { owner: 123456, repo: 789012 };
  const SUB = 'token.actions.githubusercontent.com:sub';

  test('every subject kind has its immutable form, with the ids GitHub gives', () => {
    const immutable = (s: Parameters<typeof githubSubject>[0]) => githubSubject({ ...s, ids }, 'immutable');
    assert.equal(immutable({ repo: 'o/r', branch: 'main' }), 'repo:o@123456/r@789012:ref:refs/heads/main');
    assert.equal(immutable({ repo: 'o/r', tag: 'v1.2.0' }), 'repo:o@123456/r@789012:ref:refs/tags/v1.2.0');
    assert.equal(immutable({ repo: 'o/r', environment: 'prod' }), 'repo:o@123456/r@789012:environment:prod');
    assert.equal(immutable({ repo: 'o/r', pullRequest: true }), 'repo:o@123456/r@789012:pull_request');
    assert.equal(immutable({ repo: 'o/r' }), 'repo:o@123456/r@789012:*');
    assert.equal(githubSubject({ repo: 'o/r', pullRequest: true }), 'repo:o/r:pull_request');
    assert.throws(() => githubSubject({ repo: 'o/r', environment: 'prod', pullRequest: true }), InputError);
    // A wildcard name has no repository id: the owner's id still pins the account.
    assert.equal(githubSubject({ repo: 'o/app-*', ids: { owner: 123456 } }, 'immutable'), 'repo:o@123456/app-*@*:*');
    assert.throws(() => githubSubject({ repo: 'o/r' }, 'immutable'), /needs the owner's and the repository's ids/);
  });

  test('both forms are one condition key with two values; exact values stay StringEquals', () => {
    const subject = { repo: 'o/r', branch: 'main', ids, forms: ['immutable', 'legacy'] as const };
    const st = githubTrustPolicy(PROVIDER, { ...subject, forms: [...subject.forms] }, false).Statement[0]!;
    assert.deepEqual(st['Condition'], {
      StringEquals: {
        'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
        [SUB]: ['repo:o@123456/r@789012:ref:refs/heads/main', 'repo:o/r:ref:refs/heads/main'],
      },
    });
    const one = githubTrustPolicy(PROVIDER, { repo: 'o/r', ids, forms: ['immutable'] }, false).Statement[0]!;
    assert.deepEqual(one['Condition'], {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: { [SUB]: 'repo:o@123456/r@789012:*' },
    });
    assert.deepEqual(githubSubjects({ repo: '*', forms: ['immutable', 'legacy'] }), ['repo:*']);
  });

  test('an unknown owner id is a wildcard owner, refused without --i-understand-any-repo', () => {
    assert.throws(
      () => githubTrustPolicy(PROVIDER, { repo: 'o/app-*', forms: ['immutable'] }, false),
      (err: unknown) => err instanceof InputError && err.input === 'repo',
    );
  });

  test('auto: Enterprise Server legacy; created since 2026-07-15 immutable; older both', () => {
    assert.deepEqual(subFormsFor('auto', { enterpriseServer: true, createdAt: '2026-09-01T00:00:00Z' }), ['legacy']);
    assert.deepEqual(subFormsFor('auto', { enterpriseServer: false, createdAt: '2026-07-15T00:00:00Z' }), [
      'immutable',
    ]);
    assert.deepEqual(subFormsFor('auto', { enterpriseServer: false, createdAt: '2026-07-14T23:59:59Z' }), [
      'immutable',
      'legacy',
    ]);
    assert.deepEqual(subFormsFor('auto', { enterpriseServer: false }), ['immutable', 'legacy']);
    assert.deepEqual(subFormsFor('auto', { enterpriseServer: false, createdAt: 'garbage' }), ['immutable', 'legacy']);
    assert.deepEqual(subFormsFor('legacy', { enterpriseServer: false, createdAt: '2026-09-01T00:00:00Z' }), ['legacy']);
    assert.deepEqual(subFormsFor('immutable', { enterpriseServer: true }), ['immutable']);
    assert.deepEqual(subFormsFor('both', { enterpriseServer: true }), ['immutable', 'legacy']);
  });
});

describe('refusing a trust policy that lets every repository in', () => {
  for (const repo of ['*', '*/my-repo', 'my-*/my-repo', 'no-slash', 'a/b/c']) {
    test(`--repo '${repo}' is refused, naming --repo`, () => {
      assert.throws(
        () => githubTrustPolicy(PROVIDER, { repo }, false),
        (err: unknown) => err instanceof InputError && err.input === 'repo',
      );
    });
  }

  test('a wildcard repository name within one owner is allowed', () => {
    assert.doesNotThrow(() => githubTrustPolicy(PROVIDER, { repo: 'my-org/*' }, false));
  });

  test('--i-understand-any-repo allows repo:*', () => {
    const st = githubTrustPolicy(PROVIDER, { repo: '*' }, true).Statement[0]!;
    assert.deepEqual((st['Condition'] as Record<string, unknown>)['StringLike'], {
      'token.actions.githubusercontent.com:sub': 'repo:*',
    });
  });

  test('documents without a sub condition, or with repo:* or a wildcard owner, fail the check', () => {
    const doc = (cond: unknown) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Condition: cond }],
    });
    assert.throws(
      () =>
        assertTrustIsScoped(
          doc({ StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } }),
          false,
        ),
      InputError,
    );
    assert.throws(
      () => assertTrustIsScoped(doc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }), false),
      InputError,
    );
    assert.throws(
      () =>
        assertTrustIsScoped(
          doc({ StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:o/r:*', 'repo:*/r:*'] } }),
          false,
        ),
      InputError,
    );
    assert.doesNotThrow(() =>
      assertTrustIsScoped(doc({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } }), false),
    );
    assert.doesNotThrow(() => assertTrustIsScoped(doc({}), true));
  });

  test('oidcDesired refuses before anything is planned, and names the role after the repository', () => {
    assert.throws(() => oidcDesired({ repo: '*' }), InputError);
    assert.equal(oidcDesired({ repo: 'my-org/my-repo' }).roleName, 'github-my-org-my-repo');
  });
});

describe('planIot', () => {
  test('from nothing: every resource is created, in dependency order', () => {
    assert.deepEqual(summary(planIot({ certificates: [] }, WANT)), [
      'create iam-role runner-1-role',
      'create thing-type runner-1-type',
      'create thing runner-1',
      `create certificate ${NEW_CERTIFICATE}`,
      'create role-alias runner-1-role-alias',
      'create iot-policy runner-1-policy',
      `attach iot-policy-attachment runner-1-policy -> ${NEW_CERTIFICATE}`,
      `attach thing-principal ${NEW_CERTIFICATE} -> runner-1`,
    ]);
  });

  test('when everything exists the plan is all "exists": no certificate is minted again', () => {
    const steps = planIot(complete(), WANT);
    assert.ok(isNoop(steps), summary(steps).join('\n'));
    assert.ok(!steps.some((s) => s.action === 'create'));
  });

  test('a managed policy is attached once, and found attached afterwards', () => {
    const want = iotDesired('runner-1', 'eu-west-1', { policyArns: ['arn:aws:iam::123456789012:policy/deploy'] });
    assert.ok(
      summary(planIot(complete(), want)).includes(
        'attach iam-role-policy arn:aws:iam::123456789012:policy/deploy -> runner-1-role',
      ),
    );
    const attached = complete({
      role: {
        arn: ROLE_ARN,
        trustPolicy: iotRoleTrustPolicy(),
        owned: true,
        attachedPolicyArns: ['arn:aws:iam::123456789012:policy/deploy'],
      },
    });
    assert.ok(isNoop(planIot(attached, want)));
  });

  test('a certificate minted by a run that stopped before attaching it is reused, not minted again', () => {
    const state = complete({
      certificates: [cert('bbbb000000000002', { attachedToThing: false, policies: [] })],
      localCertificateId: 'bbbb000000000002',
    });
    assert.deepEqual(
      summary(planIot(state, WANT)).filter((s) => !s.startsWith('exists')),
      [
        'attach iot-policy-attachment runner-1-policy -> bbbb000000000002',
        'attach thing-principal bbbb000000000002 -> runner-1',
      ],
    );
  });

  test('drifted documents are reported and replaced; a changed duration updates the alias', () => {
    const state = complete({
      role: {
        arn: ROLE_ARN,
        trustPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        owned: true,
        attachedPolicyArns: [],
      },
      policy: {
        arn: 'arn:aws:iot:eu-west-1:123456789012:policy/runner-1-policy',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
      },
    });
    const steps = summary(planIot(state, iotDesired('runner-1', 'eu-west-1', { durationSeconds: 900 })));
    for (const s of [
      'drift iam-role runner-1-role',
      'update iam-role runner-1-role',
      'update role-alias runner-1-role-alias',
      'drift iot-policy runner-1-policy',
      'update iot-policy runner-1-policy',
    ]) {
      assert.ok(steps.includes(s), `${s} missing from:\n${steps.join('\n')}`);
    }
  });

  test('names and durations are validated with the flag at fault', () => {
    assert.throws(
      () => iotDesired('bad name', 'eu-west-1'),
      (e: unknown) => e instanceof InputError && e.input === 'name',
    );
    assert.throws(
      () => iotDesired('ok', 'eu-west-1', { durationSeconds: 60 }),
      (e: unknown) => e instanceof InputError && e.input === 'duration-seconds',
    );
    assert.throws(
      () => iotDesired('ok', 'eu-west-1', { policyArns: ['ReadOnlyAccess'] }),
      (e: unknown) => e instanceof InputError && e.input === 'policy-arn',
    );
  });
});

describe('rotate, revoke, destroy', () => {
  test('rotate mints a certificate, attaches it, then deactivates and detaches the old one', () => {
    assert.deepEqual(summary(planRotate(complete(), WANT)), [
      `create certificate ${NEW_CERTIFICATE}`,
      `attach iot-policy-attachment runner-1-policy -> ${NEW_CERTIFICATE}`,
      `attach thing-principal ${NEW_CERTIFICATE} -> runner-1`,
      'deactivate certificate aaaa000000000001',
      'detach iot-policy-attachment runner-1-policy -> aaaa000000000001',
      'detach thing-principal aaaa000000000001 -> runner-1',
    ]);
  });

  test('a rotation that stopped half-way is completed, not started again', () => {
    const state = complete({
      certificates: [cert('aaaa000000000001'), cert('cccc000000000003')],
      localCertificateId: 'cccc000000000003',
    });
    assert.deepEqual(
      summary(planRotate(state, WANT)).filter((s) => !s.startsWith('exists')),
      [
        'deactivate certificate aaaa000000000001',
        'detach iot-policy-attachment runner-1-policy -> aaaa000000000001',
        'detach thing-principal aaaa000000000001 -> runner-1',
      ],
    );
  });

  test('rotate without a bootstrap says to run bootstrap iot first', () => {
    assert.throws(() => planRotate({ certificates: [] }, WANT), /bootstrap iot runner-1/);
  });

  test('revoke sets REVOKED and detaches from policy and thing', () => {
    const steps = planRevoke(complete(), WANT);
    assert.deepEqual(summary(steps), [
      'deactivate certificate aaaa000000000001',
      'detach iot-policy-attachment runner-1-policy -> aaaa000000000001',
      'detach thing-principal aaaa000000000001 -> runner-1',
    ]);
    assert.equal(steps[0]!.status, 'REVOKED');
  });

  test('destroy removes in reverse order and the thing type last', () => {
    assert.deepEqual(summary(planDestroy(complete(), WANT)), [
      'deactivate certificate aaaa000000000001',
      'detach iot-policy-attachment runner-1-policy -> aaaa000000000001',
      'detach thing-principal aaaa000000000001 -> runner-1',
      'delete certificate aaaa000000000001',
      'delete iot-policy runner-1-policy',
      'delete role-alias runner-1-role-alias',
      'delete thing runner-1',
      'delete iam-role runner-1-role',
      'delete thing-type runner-1-type',
    ]);
  });

  test('destroy keeps what carries no created-by mark', () => {
    const state = complete({
      role: {
        arn: ROLE_ARN,
        trustPolicy: iotRoleTrustPolicy(),
        owned: false,
        attachedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      },
      thing: { owned: false },
      thingType: { owned: false, deprecated: false },
      policy: {
        arn: 'arn:aws:iot:eu-west-1:123456789012:policy/runner-1-policy',
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] },
      },
      // A certificate someone else put on the thing: not the one whose key bootstrap wrote.
      localCertificateId: undefined,
    });
    delete state.localCertificateId;
    const steps = planDestroy(state, WANT);
    assert.deepEqual(
      steps.filter((s) => s.action === 'delete' || s.action === 'detach'),
      [],
    );
    assert.ok(
      steps.every((s) => s.action === 'exists' && s.detail.startsWith('kept')),
      summary(steps).join('\n'),
    );
  });
});

test('destroy deletes the certificate bootstrap minted even on a thing it did not create, and frees its own policy from the others', () => {
  const state = complete({
    thing: { owned: false },
    certificates: [cert('aaaa000000000001'), cert('dddd000000000004')],
  });
  assert.deepEqual(
    summary(planDestroy(state, WANT)).filter((s) => !s.startsWith('exists')),
    [
      'deactivate certificate aaaa000000000001',
      'detach iot-policy-attachment runner-1-policy -> aaaa000000000001',
      'detach thing-principal aaaa000000000001 -> runner-1',
      'delete certificate aaaa000000000001',
      'detach iot-policy-attachment runner-1-policy -> dddd000000000004',
      'delete iot-policy runner-1-policy',
      'delete role-alias runner-1-role-alias',
      'delete iam-role runner-1-role',
      'delete thing-type runner-1-type',
    ],
  );
});

describe('planOidc', () => {
  const want = oidcDesired({ repo: 'my-org/my-repo', branch: 'main' });

  test('creates the provider when the account lacks it, then the role', () => {
    assert.deepEqual(summary(planOidc({}, want)), [
      'create oidc-provider token.actions.githubusercontent.com',
      'create iam-role github-my-org-my-repo',
    ]);
  });

  test('reuses the provider; a role trusting another ref drifts and is updated', () => {
    const role = {
      arn: 'arn:aws:iam::123456789012:role/github-my-org-my-repo',
      trustPolicy: githubTrustPolicy(PROVIDER, { repo: 'my-org/my-repo', branch: 'dev' }, false),
      owned: true,
      attachedPolicyArns: [],
    };
    assert.deepEqual(summary(planOidc({ provider: { arn: PROVIDER, clientIds: ['sts.amazonaws.com'] }, role }, want)), [
      'exists oidc-provider token.actions.githubusercontent.com',
      'drift iam-role github-my-org-my-repo',
      'update iam-role github-my-org-my-repo',
    ]);
    const same = { ...role, trustPolicy: githubTrustPolicy(PROVIDER, want.subject, false) };
    assert.ok(isNoop(planOidc({ provider: { arn: PROVIDER, clientIds: ['sts.amazonaws.com'] }, role: same }, want)));
  });

  test('a provider without the sts.amazonaws.com audience gets it added', () => {
    assert.equal(planOidc({ provider: { arn: PROVIDER, clientIds: ['other'] } }, want)[0]!.action, 'update');
  });
});

describe('the operator role (bootstrap oidc --operator)', () => {
  const limits = {
    boundaryArn: operatorBoundaryArn('aws'),
    allowedPolicyArns: ['arn:aws:iam::123456789012:policy/deploy'],
  };
  const document = operatorPolicyDocument('aws', 'eu-west-1', limits);
  const want = oidcDesired(
    { repo: 'my-org/operator', branch: 'main' },
    { inlinePolicy: { name: OPERATOR_POLICY_NAME, document } },
  );
  const role = {
    arn: 'arn:aws:iam::123456789012:role/github-my-org-operator',
    trustPolicy: githubTrustPolicy(PROVIDER, want.subject, false),
    owned: true,
    attachedPolicyArns: [],
  };
  const provider = { arn: PROVIDER, clientIds: ['sts.amazonaws.com'] };

  test('the inline policy is created, left alone when equal, replaced when it drifted', () => {
    assert.deepEqual(summary(planOidc({}, want)).slice(-1), [
      `create iam-role-inline-policy ${OPERATOR_POLICY_NAME} -> github-my-org-operator`,
    ]);
    assert.ok(
      isNoop(
        planOidc(
          {
            provider,
            role: { ...role, inlinePolicies: { [OPERATOR_POLICY_NAME]: JSON.parse(JSON.stringify(document)) } },
          },
          want,
        ),
      ),
    );
    const widened = {
      ...document,
      Statement: [...document.Statement, { Effect: 'Allow', Action: '*', Resource: '*' }],
    };
    assert.deepEqual(
      summary(
        planOidc({ provider, role: { ...role, inlinePolicies: { [OPERATOR_POLICY_NAME]: widened } } }, want),
      ).slice(-2),
      [
        `drift iam-role-inline-policy ${OPERATOR_POLICY_NAME} -> github-my-org-operator`,
        `update iam-role-inline-policy ${OPERATOR_POLICY_NAME} -> github-my-org-operator`,
      ],
    );
  });

  test('destroying a role deletes its inline policies first, as IAM requires', () => {
    assert.deepEqual(
      summary(destroyRole({ ...role, inlinePolicies: { [OPERATOR_POLICY_NAME]: document } }, 'github-my-org-operator')),
      [
        `delete iam-role-inline-policy ${OPERATOR_POLICY_NAME} -> github-my-org-operator`,
        'delete iam-role github-my-org-operator',
      ],
    );
  });

  test('the policy names only gh-* things, types, policies, aliases and roles in the region, and passes roles only to IoT', () => {
    const named = document.Statement.filter((s) => s['Resource'] !== '*');
    for (const s of named) {
      for (const r of [s['Resource']].flat() as string[])
        assert.match(
          r,
          /^arn:aws:(iot:eu-west-1:\*:(thing|thingtype|policy|rolealias)\/gh-\*|iot:eu-west-1:\*:cert\/\*|iam::\*:role\/gh-\*)$/,
          r,
        );
    }
    const pass = document.Statement.find((s) => s['Action'] === 'iam:PassRole')!;
    assert.deepEqual(pass['Condition'], { StringEquals: { 'iam:PassedToService': 'credentials.iot.amazonaws.com' } });
    const actions = document.Statement.filter((s) => s['Effect'] === 'Allow').flatMap(
      (s) => [s['Action']].flat() as string[],
    );
    assert.ok(
      actions.every((a) => /^(iot|iam):[A-Z][A-Za-z]+$/.test(a)),
      'no wildcard action',
    );
    assert.equal(new Set(actions).size, actions.length, 'each action once');
    assert.ok(
      !actions.some((a) => /^iam:(Put|Create)(Role)?Policy|iam:CreateUser|iam:PutRolePolicy/.test(a)),
      'no way to write an inline or managed policy',
    );
  });
});

describe("the operator's boundary (bootstrap oidc --operator, bootstrap sync)", () => {
  const managedPolicy = { name: OPERATOR_BOUNDARY_NAME, document: operatorBoundaryDocument() };
  const want = oidcDesired({ repo: 'my-org/operator', branch: 'main' }, { managedPolicy });
  const arn = `arn:aws:iam::123456789012:policy/${OPERATOR_BOUNDARY_NAME}`;
  const boundaryStep = (state: Parameters<typeof planOidc>[0]) =>
    summary(planOidc(state, want)).filter((l) => l.includes('iam-managed-policy'));

  test('the boundary policy is created, left alone when equal, given a new default version when it drifted', () => {
    assert.deepEqual(boundaryStep({}), [`create iam-managed-policy ${OPERATOR_BOUNDARY_NAME}`]);
    const same = JSON.parse(JSON.stringify(operatorBoundaryDocument())) as unknown;
    assert.deepEqual(boundaryStep({ managedPolicy: { arn, document: same } }), [
      `exists iam-managed-policy ${OPERATOR_BOUNDARY_NAME}`,
    ]);
    assert.deepEqual(boundaryStep({ managedPolicy: { arn, document: { Version: '2012-10-17', Statement: [] } } }), [
      `update iam-managed-policy ${OPERATOR_BOUNDARY_NAME}`,
    ]);
  });

  const bounded = iotDesired('gh-octo-app', 'eu-west-1', { permissionsBoundaryArn: arn });
  const role = { arn: ROLE_ARN, trustPolicy: iotRoleTrustPolicy(), owned: true, attachedPolicyArns: [] };

  test('a role sync would create is created with the boundary; one that has it is reused', () => {
    assert.match(
      planIot({ certificates: [] }, bounded).find((s) => s.resource === 'iam-role')!.detail,
      new RegExp(`boundary ${arn}`),
    );
    const steps = planIot({ role: { ...role, permissionsBoundaryArn: arn }, certificates: [] }, bounded);
    assert.equal(steps.find((s) => s.resource === 'iam-role')!.action, 'exists');
  });

  test('a role without that boundary, or whose trust changed, is refused: the operator may not fix either', () => {
    assert.throws(
      () => planIot({ role, certificates: [] }, bounded),
      (e: unknown) => e instanceof InputError && /without a permissions boundary/.test(e.message),
    );
    assert.throws(
      () =>
        planIot(
          { role: { ...role, permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/other' }, certificates: [] },
          bounded,
        ),
      /with the boundary arn:aws:iam::123456789012:policy\/other/,
    );
    assert.throws(
      () =>
        planIot(
          { role: { ...role, permissionsBoundaryArn: arn, trustPolicy: { Statement: [] } }, certificates: [] },
          bounded,
        ),
      /no longer trusts only credentials\.iot\.amazonaws\.com/,
    );
  });
});
