/**
 * Carries out a plan, one step at a time. Every step is idempotent (an "already exists" or "not found" where that is
 * the goal counts as done), so re-running after a failure completes the work. A failed step's error names the step.
 */
import {
  AddClientIDToOpenIDConnectProviderCommand,
  AttachRolePolicyCommand,
  CreateOpenIDConnectProviderCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  UpdateAssumeRolePolicyCommand,
  PutRolePolicyCommand,
  DeleteRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  AttachPolicyCommand,
  AttachThingPrincipalCommand,
  CreateKeysAndCertificateCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleAliasCommand,
  CreateThingCommand,
  CreateThingTypeCommand,
  DeleteCertificateCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRoleAliasCommand,
  DeleteThingCommand,
  DeleteThingTypeCommand,
  DeprecateThingTypeCommand,
  DescribeRoleAliasCommand,
  DetachPolicyCommand,
  DetachThingPrincipalCommand,
  ListPolicyVersionsCommand,
  UpdateCertificateCommand,
  UpdateRoleAliasCommand,
} from '@aws-sdk/client-iot';
import { AwsError } from '../errors.js';
import { isNotFound, sdkError, type BootstrapClients } from './discover.js';
import {
  CREATED_BY_KEY,
  CREATED_BY_VALUE,
  NEW_CERTIFICATE,
  THING_TYPE_DESCRIPTION,
  type IotDesired,
  type IotState,
  type OidcDesired,
  type OidcState,
  type Step,
} from './plan.js';
import {
  GITHUB_OIDC_AUDIENCE,
  GITHUB_OIDC_HOST,
  githubTrustPolicy,
  iotPolicyDocument,
  iotRoleTrustPolicy,
} from './policies.js';

/** A certificate just minted; the caller stores it (the key is never printed). */
export interface NewCertificate {
  id: string;
  arn: string;
  certificatePem: string;
  privateKey: string;
  publicKey: string;
}

/** ARNs known so far: from discovery, then from the steps that create things. */
interface Resolved {
  roleArn?: string;
  roleAliasArn?: string;
  providerArn?: string;
  /** Certificate id -> ARN. */
  certificates: Map<string, string>;
  newCertificateId?: string;
}

export interface ApplyContext {
  clients: BootstrapClients;
  desired: { iot: IotDesired } | { oidc: OidcDesired };
  resolved: Resolved;
  /** Called right after CreateKeysAndCertificate, before any later step, so a failure after it loses no key. */
  onCertificate?: (cert: NewCertificate) => void | Promise<void>;
  /** One line per step done. */
  log?: (line: string) => void;
  /** Waits between tries of an eventually consistent delete; injectable so tests need not wait. */
  sleep?: (ms: number) => Promise<void>;
}

export function resolvedFromIot(state: IotState): Resolved {
  const r: Resolved = { certificates: new Map(state.certificates.map((c) => [c.id, c.arn])) };
  if (state.role) r.roleArn = state.role.arn;
  if (state.roleAlias) r.roleAliasArn = state.roleAlias.arn;
  return r;
}

export function resolvedFromOidc(state: OidcState): Resolved {
  const r: Resolved = { certificates: new Map() };
  if (state.role) r.roleArn = state.role.arn;
  if (state.provider) r.providerArn = state.provider.arn;
  return r;
}

const CREATED_BY_TAGS_IAM = [{ Key: CREATED_BY_KEY, Value: CREATED_BY_VALUE }];
const CREATED_BY_TAGS_IOT = [{ Key: CREATED_BY_KEY, Value: CREATED_BY_VALUE }];

/** Executes the steps in order; stops at the first failure with an error naming that step. */
export async function apply(steps: Step[], ctx: ApplyContext): Promise<void> {
  for (const [i, step] of steps.entries()) {
    if (step.action === 'exists' || step.action === 'drift') continue;
    try {
      await execute(step, ctx);
    } catch (err) {
      const label = `bootstrap step ${i + 1}/${steps.length} (${step.action} ${step.resource} ${step.name}${step.target ? ` -> ${step.target}` : ''})`;
      const done =
        'The steps before it are done; fix the cause and re-run the same command: what exists is found and reused';
      if (err instanceof AwsError)
        throw new AwsError(
          `${label}: ${err.call}`,
          err.code,
          err.serviceMessage,
          [err.hint, done].filter(Boolean).join('. '),
          false,
        );
      throw sdkError(label, err, done);
    }
    ctx.log?.(
      `  done       ${step.resource.padEnd(21)} ${step.action} ${step.name}${step.target ? ` -> ${step.target}` : ''}`,
    );
  }
}

/** Runs one SDK call, turning its error into an AwsError naming the call; `ok` lists error names that mean "done". */
async function call<T>(
  name: string,
  run: () => Promise<T>,
  ok: (err: unknown) => boolean = () => false,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (ok(err)) return undefined;
    throw sdkError(name, err, '');
  }
}

const named =
  (...names: string[]) =>
  (err: unknown): boolean =>
    names.includes((err as { name?: string })?.name ?? '');
const alreadyExists = named('EntityAlreadyExists', 'EntityAlreadyExistsException', 'ResourceAlreadyExistsException');

function iotWant(ctx: ApplyContext): IotDesired {
  if (!('iot' in ctx.desired)) throw new Error('an IoT step in a plan without IoT resources');
  return ctx.desired.iot;
}

function need(value: string | undefined, what: string): string {
  if (!value)
    throw new AwsError(
      'bootstrap',
      'MissingDependency',
      `${what} is not known yet`,
      'A step before this one should have created it; re-run the command',
      false,
    );
  return value;
}

function certificateArn(ctx: ApplyContext, id: string): string {
  const real = id === NEW_CERTIFICATE ? ctx.resolved.newCertificateId : id;
  return need(real ? ctx.resolved.certificates.get(real) : undefined, `the ARN of certificate ${id}`);
}

function certificateId(ctx: ApplyContext, id: string): string {
  return id === NEW_CERTIFICATE ? need(ctx.resolved.newCertificateId, 'the new certificate') : id;
}

function trustPolicy(ctx: ApplyContext): string {
  if ('iot' in ctx.desired) return JSON.stringify(iotRoleTrustPolicy());
  const want = ctx.desired.oidc;
  return JSON.stringify(
    githubTrustPolicy(need(ctx.resolved.providerArn, 'the OIDC provider ARN'), want.subject, want.allowAnyRepo),
  );
}

async function execute(step: Step, ctx: ApplyContext): Promise<void> {
  const { iam, iot } = ctx.clients;
  const key = `${step.action} ${step.resource}`;
  switch (key) {
    case 'create iam-role': {
      const created = await call(
        'iam:CreateRole',
        () =>
          iam.send(
            new CreateRoleCommand({
              RoleName: step.name,
              AssumeRolePolicyDocument: trustPolicy(ctx),
              Description: `Created by aws-short-lived-credentials bootstrap`,
              Tags: CREATED_BY_TAGS_IAM,
            }),
          ),
        alreadyExists,
      );
      ctx.resolved.roleArn =
        created?.Role?.Arn ??
        (await call('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: step.name }))))?.Role?.Arn;
      return;
    }
    case 'update iam-role':
      await call('iam:UpdateAssumeRolePolicy', () =>
        iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: step.name, PolicyDocument: trustPolicy(ctx) })),
      );
      return;
    case 'delete iam-role':
      await call('iam:DeleteRole', () => iam.send(new DeleteRoleCommand({ RoleName: step.name })), isNotFound);
      return;
    case 'attach iam-role-policy':
      await call('iam:AttachRolePolicy', () =>
        iam.send(new AttachRolePolicyCommand({ RoleName: need(step.target, 'the role'), PolicyArn: step.name })),
      );
      return;
    case 'detach iam-role-policy':
      await call(
        'iam:DetachRolePolicy',
        () => iam.send(new DetachRolePolicyCommand({ RoleName: need(step.target, 'the role'), PolicyArn: step.name })),
        isNotFound,
      );
      return;
    case 'create iam-role-inline-policy':
    case 'update iam-role-inline-policy': {
      const policy = 'oidc' in ctx.desired ? ctx.desired.oidc.inlinePolicy : undefined;
      const document = need(
        policy?.name === step.name ? JSON.stringify(policy.document) : undefined,
        `the document of ${step.name}`,
      );
      await call('iam:PutRolePolicy', () =>
        iam.send(
          new PutRolePolicyCommand({
            RoleName: need(step.target, 'the role'),
            PolicyName: step.name,
            PolicyDocument: document,
          }),
        ),
      );
      return;
    }
    case 'delete iam-role-inline-policy':
      await call(
        'iam:DeleteRolePolicy',
        () => iam.send(new DeleteRolePolicyCommand({ RoleName: need(step.target, 'the role'), PolicyName: step.name })),
        isNotFound,
      );
      return;
    case 'create oidc-provider': {
      const created = await call('iam:CreateOpenIDConnectProvider', () =>
        iam.send(
          new CreateOpenIDConnectProviderCommand({
            Url: `https://${GITHUB_OIDC_HOST}`,
            ClientIDList: [GITHUB_OIDC_AUDIENCE],
            // IAM no longer checks thumbprints for this issuer, but older API versions require one; these are GitHub's.
            ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'],
            Tags: CREATED_BY_TAGS_IAM,
          }),
        ),
      );
      ctx.resolved.providerArn = need(created?.OpenIDConnectProviderArn, 'the OIDC provider ARN');
      return;
    }
    case 'update oidc-provider':
      await call('iam:AddClientIDToOpenIDConnectProvider', () =>
        iam.send(
          new AddClientIDToOpenIDConnectProviderCommand({
            OpenIDConnectProviderArn: need(ctx.resolved.providerArn, 'the OIDC provider ARN'),
            ClientID: GITHUB_OIDC_AUDIENCE,
          }),
        ),
      );
      return;
    case 'create thing-type':
      await call(
        'iot:CreateThingType',
        () =>
          iot.send(
            new CreateThingTypeCommand({
              thingTypeName: step.name,
              thingTypeProperties: { thingTypeDescription: THING_TYPE_DESCRIPTION },
              tags: CREATED_BY_TAGS_IOT,
            }),
          ),
        alreadyExists,
      );
      return;
    case 'delete thing-type':
      await call(
        'iot:DeprecateThingType',
        () => iot.send(new DeprecateThingTypeCommand({ thingTypeName: step.name })),
        isNotFound,
      );
      await deleteThingType(ctx, step.name);
      return;
    case 'create thing':
      await call(
        'iot:CreateThing',
        () =>
          iot.send(
            new CreateThingCommand({
              thingName: step.name,
              thingTypeName: iotWant(ctx).thingTypeName,
              attributePayload: { attributes: { ...iotWant(ctx).attributes, [CREATED_BY_KEY]: CREATED_BY_VALUE } },
            }),
          ),
        alreadyExists,
      );
      return;
    case 'delete thing':
      await call('iot:DeleteThing', () => iot.send(new DeleteThingCommand({ thingName: step.name })), isNotFound);
      return;
    case 'create certificate': {
      const out = await call('iot:CreateKeysAndCertificate', () =>
        iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true })),
      );
      const cert: NewCertificate = {
        id: need(out?.certificateId, 'the new certificate id'),
        arn: need(out?.certificateArn, 'the new certificate ARN'),
        certificatePem: need(out?.certificatePem, 'the new certificate'),
        privateKey: need(out?.keyPair?.PrivateKey, 'the new private key'),
        publicKey: out?.keyPair?.PublicKey ?? '',
      };
      ctx.resolved.certificates.set(cert.id, cert.arn);
      ctx.resolved.newCertificateId = cert.id;
      await ctx.onCertificate?.(cert);
      return;
    }
    case 'deactivate certificate':
      await call('iot:UpdateCertificate', () =>
        iot.send(
          new UpdateCertificateCommand({
            certificateId: certificateId(ctx, step.name),
            newStatus: step.status ?? 'INACTIVE',
          }),
        ),
      );
      return;
    case 'delete certificate':
      await deleteCertificate(ctx, certificateId(ctx, step.name));
      return;
    case 'create role-alias': {
      const want = iotWant(ctx);
      const created = await call(
        'iot:CreateRoleAlias',
        () =>
          iot.send(
            new CreateRoleAliasCommand({
              roleAlias: step.name,
              roleArn: need(ctx.resolved.roleArn, 'the role ARN'),
              credentialDurationSeconds: want.durationSeconds,
              tags: CREATED_BY_TAGS_IOT,
            }),
          ),
        alreadyExists,
      );
      ctx.resolved.roleAliasArn =
        created?.roleAliasArn ??
        (await call('iot:DescribeRoleAlias', () => iot.send(new DescribeRoleAliasCommand({ roleAlias: step.name }))))
          ?.roleAliasDescription?.roleAliasArn;
      return;
    }
    case 'update role-alias':
      await call('iot:UpdateRoleAlias', () =>
        iot.send(
          new UpdateRoleAliasCommand({
            roleAlias: step.name,
            roleArn: need(ctx.resolved.roleArn, 'the role ARN'),
            credentialDurationSeconds: iotWant(ctx).durationSeconds,
          }),
        ),
      );
      return;
    case 'delete role-alias':
      await call(
        'iot:DeleteRoleAlias',
        () => iot.send(new DeleteRoleAliasCommand({ roleAlias: step.name })),
        isNotFound,
      );
      return;
    case 'create iot-policy': {
      const doc = JSON.stringify(iotPolicyDocument(need(ctx.resolved.roleAliasArn, 'the role alias ARN')));
      await call(
        'iot:CreatePolicy',
        () =>
          iot.send(new CreatePolicyCommand({ policyName: step.name, policyDocument: doc, tags: CREATED_BY_TAGS_IOT })),
        alreadyExists,
      );
      return;
    }
    case 'update iot-policy': {
      const doc = JSON.stringify(iotPolicyDocument(need(ctx.resolved.roleAliasArn, 'the role alias ARN')));
      // A policy keeps at most five versions: make room by dropping the oldest one that is not the default.
      const versions =
        (await call('iot:ListPolicyVersions', () => iot.send(new ListPolicyVersionsCommand({ policyName: step.name }))))
          ?.policyVersions ?? [];
      if (versions.length >= 5) {
        const oldest = versions
          .filter((v) => !v.isDefaultVersion)
          .sort((a, b) => Number(a.versionId) - Number(b.versionId))[0];
        if (oldest?.versionId)
          await call(
            'iot:DeletePolicyVersion',
            () =>
              iot.send(new DeletePolicyVersionCommand({ policyName: step.name, policyVersionId: oldest.versionId })),
            isNotFound,
          );
      }
      await call('iot:CreatePolicyVersion', () =>
        iot.send(new CreatePolicyVersionCommand({ policyName: step.name, policyDocument: doc, setAsDefault: true })),
      );
      return;
    }
    case 'delete iot-policy': {
      const versions =
        (
          await call(
            'iot:ListPolicyVersions',
            () => iot.send(new ListPolicyVersionsCommand({ policyName: step.name })),
            isNotFound,
          )
        )?.policyVersions ?? [];
      for (const v of versions.filter((x) => !x.isDefaultVersion)) {
        await call(
          'iot:DeletePolicyVersion',
          () => iot.send(new DeletePolicyVersionCommand({ policyName: step.name, policyVersionId: v.versionId })),
          isNotFound,
        );
      }
      await call('iot:DeletePolicy', () => iot.send(new DeletePolicyCommand({ policyName: step.name })), isNotFound);
      return;
    }
    case 'attach iot-policy-attachment':
      await call('iot:AttachPolicy', () =>
        iot.send(
          new AttachPolicyCommand({
            policyName: step.name,
            target: certificateArn(ctx, need(step.target, 'the certificate')),
          }),
        ),
      );
      return;
    case 'detach iot-policy-attachment':
      await call(
        'iot:DetachPolicy',
        () =>
          iot.send(
            new DetachPolicyCommand({
              policyName: step.name,
              target: certificateArn(ctx, need(step.target, 'the certificate')),
            }),
          ),
        isNotFound,
      );
      return;
    case 'attach thing-principal':
      await call('iot:AttachThingPrincipal', () =>
        iot.send(
          new AttachThingPrincipalCommand({
            thingName: need(step.target, 'the thing'),
            principal: certificateArn(ctx, step.name),
          }),
        ),
      );
      return;
    case 'detach thing-principal':
      await call(
        'iot:DetachThingPrincipal',
        () =>
          iot.send(
            new DetachThingPrincipalCommand({
              thingName: need(step.target, 'the thing'),
              principal: certificateArn(ctx, step.name),
            }),
          ),
        isNotFound,
      );
      return;
    default:
      throw new AwsError(
        'bootstrap',
        'UnknownStep',
        `no way to '${key}'`,
        'This is a bug in bootstrap; please report it',
        false,
      );
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Detaching is eventually consistent: a delete right after it can still see the attachment, so it is tried again. */
async function deleteCertificate(ctx: ApplyContext, id: string): Promise<void> {
  const wait = ctx.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.clients.iot.send(new DeleteCertificateCommand({ certificateId: id }));
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (named('DeleteConflictException')(err) && attempt < 6) {
        await wait(2000);
        continue;
      }
      throw sdkError('iot:DeleteCertificate', err, '');
    }
  }
}

/** A thing type can be deleted only five minutes after it was deprecated. */
async function deleteThingType(ctx: ApplyContext, name: string): Promise<void> {
  try {
    await ctx.clients.iot.send(new DeleteThingTypeCommand({ thingTypeName: name }));
  } catch (err) {
    if (isNotFound(err)) return;
    const hint = named('InvalidRequestException')(err)
      ? 'AWS IoT deletes a thing type only 5 minutes after it was deprecated (bootstrap just did that); re-run destroy after that'
      : '';
    throw sdkError('iot:DeleteThingType', err, hint);
  }
}
