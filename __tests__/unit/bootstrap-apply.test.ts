/** bootstrap/apply.ts over fake IAM and IoT clients that record each command: every kind of step, order, failures. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { IoTClient } from '@aws-sdk/client-iot';
import { apply, resolvedFromIot, type ApplyContext, type NewCertificate } from '../../src/bootstrap/apply.js';
import {
  NEW_CERTIFICATE,
  THING_TYPE_DESCRIPTION,
  iotDesired,
  oidcDesired,
  planIot,
  type Change,
  type IotState,
  type Step,
} from '../../src/bootstrap/plan.js';
import { githubTrustPolicy, iotPolicyDocument, iotRoleTrustPolicy } from '../../src/bootstrap/policies.js';
import { AwsError } from '../../src/errors.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/runner-1-role';
const ALIAS_ARN = 'arn:aws:iot:eu-west-1:123456789012:rolealias/runner-1-role-alias';
const PROVIDER_ARN = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
const CERT_ID = 'aaaa000000000001';
const CERT_ARN = `arn:aws:iot:eu-west-1:123456789012:cert/${CERT_ID}`;
const NEW_ID = 'bbbb000000000002';
const NEW_ARN = `arn:aws:iot:eu-west-1:123456789012:cert/${NEW_ID}`;
const MANAGED = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const TAGS_IAM = [{ Key: 'created-by', Value: 'aws-short-lived-credentials' }];
const TAGS_IOT = [{ Key: 'created-by', Value: 'aws-short-lived-credentials' }];
const DONE_HINT =
  'The steps before it are done; fix the cause and re-run the same command: what exists is found and reused';

const IOT = iotDesired('runner-1', 'eu-west-1', { durationSeconds: 1800, attributes: { 'github-repo': 'octo/app' } });
const INLINE = { name: 'operator', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] } };
const BOUNDARY = { name: 'boundary', document: { Version: '2012-10-17', Statement: [{ Effect: 'Deny' }] } };
const BOUNDARY_ARN = 'arn:aws:iam::123456789012:policy/boundary';
const OIDC = oidcDesired(
  { repo: 'octo/app', branch: 'main' },
  { roleName: 'gh-role', inlinePolicy: INLINE, managedPolicy: BOUNDARY },
);

/** One SDK call as the fake saw it: `iam:CreateRole` and the command's input. */
interface Call {
  call: string;
  input: Record<string, unknown>;
}

/** What a fake answers to a command (by name, e.g. `CreateRole`); a thrown error is the service's. */
type Answers = Record<string, (input: Record<string, unknown>) => unknown>;

const DEFAULT_ANSWERS: Answers = {
  CreateRole: () => ({ Role: { Arn: ROLE_ARN } }),
  CreateOpenIDConnectProvider: () => ({ OpenIDConnectProviderArn: PROVIDER_ARN }),
  CreateKeysAndCertificate: () => ({
    certificateId: NEW_ID,
    certificateArn: NEW_ARN,
    certificatePem: '-----BEGIN CERTIFICATE-----',
    keyPair: { PrivateKey: '-----BEGIN RSA PRIVATE KEY-----', PublicKey: '-----BEGIN PUBLIC KEY-----' },
  }),
  CreateRoleAlias: () => ({ roleAliasArn: ALIAS_ARN }),
  CreatePolicy: () => ({ Policy: { Arn: BOUNDARY_ARN } }),
};

function serviceError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

/** A context with fake clients: both record into `calls`, `events` also gets each log line and each new certificate. */
function fakeContext(
  options: { oidc?: boolean; answers?: Answers; resolved?: Partial<ApplyContext['resolved']> } = {},
) {
  const calls: Call[] = [];
  const events: string[] = [];
  const sleeps: number[] = [];
  const certificates: NewCertificate[] = [];
  const answers = { ...DEFAULT_ANSWERS, ...options.answers };
  const client = (service: string) => ({
    send: async (command: { input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '');
      calls.push({ call: `${service}:${name}`, input: command.input });
      events.push(`${service}:${name}`);
      return answers[name]?.(command.input) ?? {};
    },
  });
  const ctx: ApplyContext = {
    clients: { iam: client('iam') as unknown as IAMClient, iot: client('iot') as unknown as IoTClient },
    desired: options.oidc ? { oidc: OIDC } : { iot: IOT },
    resolved: {
      roleArn: ROLE_ARN,
      roleAliasArn: ALIAS_ARN,
      providerArn: PROVIDER_ARN,
      managedPolicyArn: BOUNDARY_ARN,
      certificates: new Map([[CERT_ID, CERT_ARN]]),
      ...options.resolved,
    },
    onCertificate: (cert) => {
      certificates.push(cert);
      events.push(`onCertificate ${cert.id}`);
    },
    log: (line) => events.push(line.trim().replace(/\s+/g, ' ')),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { ctx, calls, events, sleeps, certificates };
}

/** The listed input fields of each call, so that a case names what matters to it. */
function shaped(calls: Call[], expected: Call[]): Call[] {
  return calls.map((c, i) => ({
    call: c.call,
    input: Object.fromEntries(Object.keys(expected[i]?.input ?? {}).map((k) => [k, c.input[k]])),
  }));
}

interface Case<S extends Change> {
  step: S;
  oidc?: boolean;
  answers?: Answers;
  calls: Call[];
  /** What the step leaves for the steps after it. */
  then?: (ctx: ApplyContext, certificates: NewCertificate[]) => void;
}

// Keyed like apply's handler table: a kind of step added to plan.ts without a case here does not compile.
const CASES: { [S in Change as `${S['action']} ${S['resource']}`]: Case<S> } = {
  'create iam-role': {
    step: { action: 'create', resource: 'iam-role', name: 'runner-1-role', detail: '' },
    answers: { CreateRole: () => ({ Role: { Arn: 'arn:aws:iam::123456789012:role/made-now' } }) },
    calls: [
      {
        call: 'iam:CreateRole',
        input: {
          RoleName: 'runner-1-role',
          AssumeRolePolicyDocument: JSON.stringify(iotRoleTrustPolicy()),
          Tags: TAGS_IAM,
        },
      },
    ],
    then: (ctx) => assert.equal(ctx.resolved.roleArn, 'arn:aws:iam::123456789012:role/made-now'),
  },
  'update iam-role': {
    step: { action: 'update', resource: 'iam-role', name: 'gh-role', detail: '' },
    oidc: true,
    calls: [
      {
        call: 'iam:UpdateAssumeRolePolicy',
        input: {
          RoleName: 'gh-role',
          PolicyDocument: JSON.stringify(githubTrustPolicy(PROVIDER_ARN, { repo: 'octo/app', branch: 'main' }, false)),
        },
      },
    ],
  },
  'delete iam-role': {
    step: { action: 'delete', resource: 'iam-role', name: 'old-role', detail: '' },
    calls: [{ call: 'iam:DeleteRole', input: { RoleName: 'old-role' } }],
  },
  'attach iam-role-policy': {
    step: { action: 'attach', resource: 'iam-role-policy', name: MANAGED, target: 'runner-1-role', detail: '' },
    calls: [{ call: 'iam:AttachRolePolicy', input: { RoleName: 'runner-1-role', PolicyArn: MANAGED } }],
  },
  'detach iam-role-policy': {
    step: { action: 'detach', resource: 'iam-role-policy', name: MANAGED, target: 'old-role', detail: '' },
    calls: [{ call: 'iam:DetachRolePolicy', input: { RoleName: 'old-role', PolicyArn: MANAGED } }],
  },
  'create iam-role-inline-policy': {
    step: { action: 'create', resource: 'iam-role-inline-policy', name: 'operator', target: 'gh-role', detail: '' },
    oidc: true,
    calls: [
      {
        call: 'iam:PutRolePolicy',
        input: { RoleName: 'gh-role', PolicyName: 'operator', PolicyDocument: JSON.stringify(INLINE.document) },
      },
    ],
  },
  'update iam-role-inline-policy': {
    step: { action: 'update', resource: 'iam-role-inline-policy', name: 'operator', target: 'gh-role', detail: '' },
    oidc: true,
    calls: [
      {
        call: 'iam:PutRolePolicy',
        input: { RoleName: 'gh-role', PolicyName: 'operator', PolicyDocument: JSON.stringify(INLINE.document) },
      },
    ],
  },
  'delete iam-role-inline-policy': {
    step: { action: 'delete', resource: 'iam-role-inline-policy', name: 'extra', target: 'old-role', detail: '' },
    calls: [{ call: 'iam:DeleteRolePolicy', input: { RoleName: 'old-role', PolicyName: 'extra' } }],
  },
  'create iam-managed-policy': {
    step: { action: 'create', resource: 'iam-managed-policy', name: 'boundary', detail: '' },
    oidc: true,
    calls: [
      {
        call: 'iam:CreatePolicy',
        input: { PolicyName: 'boundary', PolicyDocument: JSON.stringify(BOUNDARY.document), Tags: TAGS_IAM },
      },
    ],
    then: (ctx) => assert.equal(ctx.resolved.managedPolicyArn, BOUNDARY_ARN),
  },
  'update iam-managed-policy': {
    step: { action: 'update', resource: 'iam-managed-policy', name: 'boundary', detail: '' },
    oidc: true,
    calls: [
      {
        call: 'iam:CreatePolicyVersion',
        input: { PolicyArn: BOUNDARY_ARN, PolicyDocument: JSON.stringify(BOUNDARY.document), SetAsDefault: true },
      },
    ],
  },
  'create oidc-provider': {
    step: { action: 'create', resource: 'oidc-provider', name: 'token.actions.githubusercontent.com', detail: '' },
    oidc: true,
    answers: { CreateOpenIDConnectProvider: () => ({ OpenIDConnectProviderArn: 'arn:provider/made-now' }) },
    calls: [
      {
        call: 'iam:CreateOpenIDConnectProvider',
        input: {
          Url: 'https://token.actions.githubusercontent.com',
          ClientIDList: ['sts.amazonaws.com'],
          Tags: TAGS_IAM,
        },
      },
    ],
    then: (ctx) => assert.equal(ctx.resolved.providerArn, 'arn:provider/made-now'),
  },
  'update oidc-provider': {
    step: { action: 'update', resource: 'oidc-provider', name: 'token.actions.githubusercontent.com', detail: '' },
    oidc: true,
    calls: [
      {
        call: 'iam:AddClientIDToOpenIDConnectProvider',
        input: { OpenIDConnectProviderArn: PROVIDER_ARN, ClientID: 'sts.amazonaws.com' },
      },
    ],
  },
  'create thing-type': {
    step: { action: 'create', resource: 'thing-type', name: 'runner-1-type', detail: '' },
    calls: [
      {
        call: 'iot:CreateThingType',
        input: {
          thingTypeName: 'runner-1-type',
          thingTypeProperties: { thingTypeDescription: THING_TYPE_DESCRIPTION },
          tags: TAGS_IOT,
        },
      },
    ],
  },
  'delete thing-type': {
    step: { action: 'delete', resource: 'thing-type', name: 'old-type', detail: '' },
    calls: [
      { call: 'iot:DeprecateThingType', input: { thingTypeName: 'old-type' } },
      { call: 'iot:DeleteThingType', input: { thingTypeName: 'old-type' } },
    ],
  },
  'create thing': {
    step: { action: 'create', resource: 'thing', name: 'runner-1', detail: '' },
    calls: [
      {
        call: 'iot:CreateThing',
        input: {
          thingName: 'runner-1',
          thingTypeName: 'runner-1-type',
          attributePayload: { attributes: { 'github-repo': 'octo/app', 'created-by': 'aws-short-lived-credentials' } },
        },
      },
    ],
  },
  'delete thing': {
    step: { action: 'delete', resource: 'thing', name: 'old-thing', detail: '' },
    calls: [{ call: 'iot:DeleteThing', input: { thingName: 'old-thing' } }],
  },
  'create certificate': {
    step: { action: 'create', resource: 'certificate', name: NEW_CERTIFICATE, detail: '' },
    calls: [{ call: 'iot:CreateKeysAndCertificate', input: { setAsActive: true } }],
    then: (ctx, certificates) => {
      assert.equal(ctx.resolved.newCertificateId, NEW_ID);
      assert.equal(ctx.resolved.certificates.get(NEW_ID), NEW_ARN);
      assert.deepEqual(certificates, [
        {
          id: NEW_ID,
          arn: NEW_ARN,
          certificatePem: '-----BEGIN CERTIFICATE-----',
          privateKey: '-----BEGIN RSA PRIVATE KEY-----',
          publicKey: '-----BEGIN PUBLIC KEY-----',
        },
      ]);
    },
  },
  'deactivate certificate': {
    step: { action: 'deactivate', resource: 'certificate', name: CERT_ID, status: 'REVOKED', detail: '' },
    calls: [{ call: 'iot:UpdateCertificate', input: { certificateId: CERT_ID, newStatus: 'REVOKED' } }],
  },
  'delete certificate': {
    step: { action: 'delete', resource: 'certificate', name: CERT_ID, detail: '' },
    calls: [{ call: 'iot:DeleteCertificate', input: { certificateId: CERT_ID } }],
  },
  'create role-alias': {
    step: { action: 'create', resource: 'role-alias', name: 'runner-1-role-alias', detail: '' },
    answers: { CreateRoleAlias: () => ({ roleAliasArn: 'arn:alias/made-now' }) },
    calls: [
      {
        call: 'iot:CreateRoleAlias',
        input: {
          roleAlias: 'runner-1-role-alias',
          roleArn: ROLE_ARN,
          credentialDurationSeconds: 1800,
          tags: TAGS_IOT,
        },
      },
    ],
    then: (ctx) => assert.equal(ctx.resolved.roleAliasArn, 'arn:alias/made-now'),
  },
  'update role-alias': {
    step: { action: 'update', resource: 'role-alias', name: 'runner-1-role-alias', detail: '' },
    calls: [
      {
        call: 'iot:UpdateRoleAlias',
        input: { roleAlias: 'runner-1-role-alias', roleArn: ROLE_ARN, credentialDurationSeconds: 1800 },
      },
    ],
  },
  'delete role-alias': {
    step: { action: 'delete', resource: 'role-alias', name: 'old-alias', detail: '' },
    calls: [{ call: 'iot:DeleteRoleAlias', input: { roleAlias: 'old-alias' } }],
  },
  'create iot-policy': {
    step: { action: 'create', resource: 'iot-policy', name: 'runner-1-policy', detail: '' },
    calls: [
      {
        call: 'iot:CreatePolicy',
        input: {
          policyName: 'runner-1-policy',
          policyDocument: JSON.stringify(iotPolicyDocument(ALIAS_ARN)),
          tags: TAGS_IOT,
        },
      },
    ],
  },
  'update iot-policy': {
    step: { action: 'update', resource: 'iot-policy', name: 'runner-1-policy', detail: '' },
    // Five versions kept: the oldest that is not the default (2, the default being 1) goes first.
    answers: {
      ListPolicyVersions: () => ({
        policyVersions: ['5', '1', '3', '2', '4'].map((v) => ({ versionId: v, isDefaultVersion: v === '1' })),
      }),
    },
    calls: [
      { call: 'iot:ListPolicyVersions', input: { policyName: 'runner-1-policy' } },
      { call: 'iot:DeletePolicyVersion', input: { policyName: 'runner-1-policy', policyVersionId: '2' } },
      {
        call: 'iot:CreatePolicyVersion',
        input: {
          policyName: 'runner-1-policy',
          policyDocument: JSON.stringify(iotPolicyDocument(ALIAS_ARN)),
          setAsDefault: true,
        },
      },
    ],
  },
  'delete iot-policy': {
    step: { action: 'delete', resource: 'iot-policy', name: 'old-policy', detail: '' },
    answers: {
      ListPolicyVersions: () => ({
        policyVersions: ['3', '2', '1'].map((v) => ({ versionId: v, isDefaultVersion: v === '3' })),
      }),
    },
    calls: [
      { call: 'iot:ListPolicyVersions', input: { policyName: 'old-policy' } },
      { call: 'iot:DeletePolicyVersion', input: { policyName: 'old-policy', policyVersionId: '2' } },
      { call: 'iot:DeletePolicyVersion', input: { policyName: 'old-policy', policyVersionId: '1' } },
      { call: 'iot:DeletePolicy', input: { policyName: 'old-policy' } },
    ],
  },
  'attach iot-policy-attachment': {
    step: { action: 'attach', resource: 'iot-policy-attachment', name: 'runner-1-policy', target: CERT_ID, detail: '' },
    calls: [{ call: 'iot:AttachPolicy', input: { policyName: 'runner-1-policy', target: CERT_ARN } }],
  },
  'detach iot-policy-attachment': {
    step: { action: 'detach', resource: 'iot-policy-attachment', name: 'old-policy', target: CERT_ID, detail: '' },
    calls: [{ call: 'iot:DetachPolicy', input: { policyName: 'old-policy', target: CERT_ARN } }],
  },
  'attach thing-principal': {
    step: { action: 'attach', resource: 'thing-principal', name: CERT_ID, target: 'runner-1', detail: '' },
    calls: [{ call: 'iot:AttachThingPrincipal', input: { thingName: 'runner-1', principal: CERT_ARN } }],
  },
  'detach thing-principal': {
    step: { action: 'detach', resource: 'thing-principal', name: CERT_ID, target: 'old-thing', detail: '' },
    calls: [{ call: 'iot:DetachThingPrincipal', input: { thingName: 'old-thing', principal: CERT_ARN } }],
  },
};

describe('each kind of step reaches its handler with its data', () => {
  for (const [kind, c] of Object.entries(CASES) as Array<[string, Case<Change>]>) {
    test(kind, async () => {
      const { ctx, calls, events, certificates } = fakeContext({
        ...(c.oidc ? { oidc: true } : {}),
        ...(c.answers ? { answers: c.answers } : {}),
      });
      await apply([c.step], ctx);
      assert.deepEqual(shaped(calls, c.calls), c.calls);
      const [action, resource] = kind.split(' ');
      assert.equal(
        events.at(-1),
        `done ${resource} ${action} ${c.step.name}${c.step.target ? ` -> ${c.step.target}` : ''}`,
      );
      c.then?.(ctx, certificates);
    });
  }
});

describe('a plan is applied in order', () => {
  // A role whose trust drifted, a thing type already there, nothing else yet.
  const state: IotState = {
    role: { arn: ROLE_ARN, trustPolicy: { Statement: [] }, owned: true, attachedPolicyArns: [] },
    thingType: { owned: true, deprecated: false },
    certificates: [],
  };

  test('step after step, reports (exists, drift) skipped, each ARN a step makes used by the steps after it', async () => {
    const steps = planIot(state, IOT);
    assert.deepEqual(
      steps.map((s) => `${s.action} ${s.resource}`),
      [
        'drift iam-role',
        'update iam-role',
        'exists thing-type',
        'create thing',
        'create certificate',
        'create role-alias',
        'create iot-policy',
        'attach iot-policy-attachment',
        'attach thing-principal',
      ],
    );
    const made = 'arn:aws:iot:eu-west-1:123456789012:rolealias/made-now';
    const { ctx, calls, events } = fakeContext({ answers: { CreateRoleAlias: () => ({ roleAliasArn: made }) } });
    ctx.resolved = resolvedFromIot(state);
    await apply(steps, ctx);
    assert.deepEqual(events, [
      'iam:UpdateAssumeRolePolicy',
      'done iam-role update runner-1-role',
      'iot:CreateThing',
      'done thing create runner-1',
      'iot:CreateKeysAndCertificate',
      // Before any later step: a failure after this point loses no key.
      `onCertificate ${NEW_ID}`,
      `done certificate create ${NEW_CERTIFICATE}`,
      'iot:CreateRoleAlias',
      'done role-alias create runner-1-role-alias',
      'iot:CreatePolicy',
      'done iot-policy create runner-1-policy',
      'iot:AttachPolicy',
      `done iot-policy-attachment attach runner-1-policy -> ${NEW_CERTIFICATE}`,
      'iot:AttachThingPrincipal',
      `done thing-principal attach ${NEW_CERTIFICATE} -> runner-1`,
    ]);
    const input = (call: string) => calls.find((c) => c.call === call)?.input;
    assert.equal(input('iot:CreateRoleAlias')?.['roleArn'], ROLE_ARN);
    assert.equal(input('iot:CreatePolicy')?.['policyDocument'], JSON.stringify(iotPolicyDocument(made)));
    assert.equal(input('iot:AttachPolicy')?.['target'], NEW_ARN);
    assert.equal(input('iot:AttachThingPrincipal')?.['principal'], NEW_ARN);
  });

  test('a plan of reports only calls nothing and logs nothing', async () => {
    const { ctx, events } = fakeContext();
    await apply(
      [
        { action: 'exists', resource: 'thing', name: 'runner-1', detail: '' },
        { action: 'drift', resource: 'iot-policy', name: 'runner-1-policy', detail: '' },
      ],
      ctx,
    );
    assert.deepEqual(events, []);
  });
});

describe('a failed step stops the plan, named in the error', () => {
  const steps: Step[] = [
    { action: 'exists', resource: 'iam-role', name: 'runner-1-role', detail: '' },
    { action: 'attach', resource: 'iam-role-policy', name: MANAGED, target: 'runner-1-role', detail: '' },
    { action: 'delete', resource: 'thing-type', name: 'old-type', detail: '' },
    { action: 'delete', resource: 'thing', name: 'old-thing', detail: '' },
  ];

  test("the service's error: its call, code and message, behind the step's number and kind", async () => {
    const { ctx, events } = fakeContext({
      answers: {
        DeprecateThingType: () => {
          throw serviceError('AccessDeniedException', 'not authorized to perform iot:DeprecateThingType.', 403);
        },
      },
    });
    const err = await apply(steps, ctx).then(
      () => assert.fail('apply should have failed'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof AwsError);
    assert.equal(err.call, 'bootstrap step 3/4 (delete thing-type old-type): iot:DeprecateThingType');
    assert.equal(err.code, 'AccessDeniedException (HTTP 403)');
    assert.equal(err.serviceMessage, 'not authorized to perform iot:DeprecateThingType');
    assert.equal(err.hint, DONE_HINT);
    assert.equal(err.retryable, false);
    // Step 2 is done and logged, step 3 failed at its first call, step 4 never started.
    assert.deepEqual(events, [
      'iam:AttachRolePolicy',
      `done iam-role-policy attach ${MANAGED} -> runner-1-role`,
      'iot:DeprecateThingType',
    ]);
  });

  test("a handler's own hint comes first, then what to do about the steps before", async () => {
    const { ctx } = fakeContext({
      answers: {
        DeleteThingType: () => {
          throw serviceError('InvalidRequestException', 'Thing type old-type was deprecated only now');
        },
      },
    });
    await assert.rejects(apply(steps, ctx), (e: unknown) => {
      assert.ok(e instanceof AwsError);
      assert.equal(e.call, 'bootstrap step 3/4 (delete thing-type old-type): iot:DeleteThingType');
      assert.equal(
        e.hint,
        `AWS IoT deletes a thing type only 5 minutes after it was deprecated (bootstrap just did that); re-run destroy after that. ${DONE_HINT}`,
      );
      return true;
    });
  });

  test("an error that is not AWS's (the certificate could not be stored) is named by the step alone", async () => {
    const { ctx, calls } = fakeContext();
    ctx.onCertificate = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const plan: Step[] = [
      { action: 'create', resource: 'certificate', name: NEW_CERTIFICATE, detail: '' },
      { action: 'attach', resource: 'thing-principal', name: NEW_CERTIFICATE, target: 'runner-1', detail: '' },
    ];
    await assert.rejects(apply(plan, ctx), (e: unknown) => {
      assert.ok(e instanceof AwsError);
      assert.equal(e.call, `bootstrap step 1/2 (create certificate ${NEW_CERTIFICATE})`);
      assert.equal(e.code, 'Error');
      assert.equal(e.serviceMessage, 'ENOSPC: no space left on device');
      assert.equal(e.hint, DONE_HINT);
      return true;
    });
    assert.deepEqual(
      calls.map((c) => c.call),
      ['iot:CreateKeysAndCertificate'],
    );
  });

  test('a step whose input no earlier step produced fails before calling anything', async () => {
    const { ctx, calls } = fakeContext({ resolved: { roleAliasArn: undefined } });
    const plan: Step[] = [{ action: 'create', resource: 'iot-policy', name: 'runner-1-policy', detail: '' }];
    await assert.rejects(apply(plan, ctx), (e: unknown) => {
      assert.ok(e instanceof AwsError);
      assert.equal(e.call, 'bootstrap step 1/1 (create iot-policy runner-1-policy): bootstrap');
      assert.equal(e.code, 'MissingDependency');
      assert.equal(e.serviceMessage, 'the role alias ARN is not known yet');
      assert.equal(e.hint, `A step before this one should have created it; re-run the command. ${DONE_HINT}`);
      return true;
    });
    assert.deepEqual(calls, []);
  });

  test('so does one whose missing input is found while its request is built, and the error says so once', async () => {
    const { ctx, calls } = fakeContext();
    const plan: Step[] = [
      { action: 'attach', resource: 'thing-principal', name: NEW_CERTIFICATE, target: 'runner-1', detail: '' },
    ];
    await assert.rejects(apply(plan, ctx), (e: unknown) => {
      assert.ok(e instanceof AwsError);
      assert.equal(e.call, `bootstrap step 1/1 (attach thing-principal ${NEW_CERTIFICATE} -> runner-1): bootstrap`);
      assert.equal(e.code, 'MissingDependency');
      assert.equal(e.serviceMessage, `the ARN of certificate ${NEW_CERTIFICATE} is not known yet`);
      return true;
    });
    assert.deepEqual(calls, []);
  });
});

describe('what already is as the step wants counts as done', () => {
  test('a create that finds the resource there reads its ARN instead', async () => {
    const { ctx, calls } = fakeContext({
      resolved: { roleArn: undefined },
      answers: {
        CreateRole: () => {
          throw serviceError('EntityAlreadyExists', 'Role with name runner-1-role already exists.', 409);
        },
        GetRole: (input) => ({ Role: { Arn: `arn:aws:iam::123456789012:role/${String(input['RoleName'])}` } }),
      },
    });
    await apply([{ action: 'create', resource: 'iam-role', name: 'runner-1-role', detail: '' }], ctx);
    assert.deepEqual(
      calls.map((c) => c.call),
      ['iam:CreateRole', 'iam:GetRole'],
    );
    assert.equal(ctx.resolved.roleArn, ROLE_ARN);
  });

  test('a delete or detach of what is gone is done; any other refusal is not', async () => {
    const gone = () => {
      throw serviceError('ResourceNotFoundException', 'no such thing', 404);
    };
    const { ctx, events } = fakeContext({ answers: { DeleteThing: gone, DetachThingPrincipal: gone } });
    await apply(
      [
        { action: 'detach', resource: 'thing-principal', name: CERT_ID, target: 'old-thing', detail: '' },
        { action: 'delete', resource: 'thing', name: 'old-thing', detail: '' },
      ],
      ctx,
    );
    assert.equal(events.filter((e) => e.startsWith('done ')).length, 2);
    // Attaching is not deleting: NotFound there is a failure.
    const attach = fakeContext({ answers: { AttachThingPrincipal: gone } });
    await assert.rejects(
      apply([{ action: 'attach', resource: 'thing-principal', name: CERT_ID, target: 'gone', detail: '' }], attach.ctx),
      (e: unknown) => e instanceof AwsError && e.code === 'ResourceNotFoundException (HTTP 404)',
    );
  });

  test('a certificate still attached a moment ago is deleted on a later try, five waits of 2 s at most', async () => {
    let conflicts = 2;
    const first = fakeContext({
      answers: {
        DeleteCertificate: () => {
          if (conflicts-- > 0) throw serviceError('DeleteConflictException', 'still attached', 409);
          return {};
        },
      },
    });
    await apply([{ action: 'delete', resource: 'certificate', name: CERT_ID, detail: '' }], first.ctx);
    assert.equal(first.calls.length, 3);
    assert.deepEqual(first.sleeps, [2000, 2000]);

    const always = fakeContext({
      answers: {
        DeleteCertificate: () => {
          throw serviceError('DeleteConflictException', 'still attached', 409);
        },
      },
    });
    await assert.rejects(
      apply([{ action: 'delete', resource: 'certificate', name: CERT_ID, detail: '' }], always.ctx),
      (e: unknown) =>
        e instanceof AwsError &&
        e.call === `bootstrap step 1/1 (delete certificate ${CERT_ID}): iot:DeleteCertificate` &&
        e.code === 'DeleteConflictException (HTTP 409)',
    );
    assert.equal(always.calls.length, 6);
    assert.deepEqual(always.sleeps, [2000, 2000, 2000, 2000, 2000]);
  });
});

test("a role sync creates carries the operator's boundary (CreateRole's PermissionsBoundary)", async () => {
  const { ctx, calls } = fakeContext();
  ctx.desired = { iot: iotDesired('gh-runner', 'eu-west-1', { permissionsBoundaryArn: BOUNDARY_ARN }) };
  await apply([{ action: 'create', resource: 'iam-role', name: 'gh-runner-role', detail: '' }], ctx);
  assert.equal(calls[0]?.input['PermissionsBoundary'], BOUNDARY_ARN);
  const plain = fakeContext();
  await apply([{ action: 'create', resource: 'iam-role', name: 'runner-1-role', detail: '' }], plain.ctx);
  assert.equal('PermissionsBoundary' in plain.calls[0]!.input, false);
});
