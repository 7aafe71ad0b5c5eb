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
  CreatePolicyCommand as CreateManagedPolicyCommand,
  CreatePolicyVersionCommand as CreateManagedPolicyVersionCommand,
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
  NEW_CERTIFICATE,
  THING_TYPE_DESCRIPTION,
  type IotDesired,
  type IotState,
  type OidcDesired,
  type OidcState,
  type Change,
  type Step,
} from './plan.js';
import {
  CREATED_BY_KEY,
  CREATED_BY_VALUE,
  GITHUB_OIDC_AUDIENCE,
  githubTrustPolicy,
  iotPolicyDocument,
  iotRoleTrustPolicy,
} from './policies.js';
import type { GithubIssuer } from './issuer.js';
import { RERUN_AFTER_FAILED_STEP, THING_TYPE_DELETE_WAIT } from './advice.js';

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
  /** The managed policy an OIDC plan creates or finds (the operator boundary). */
  managedPolicyArn?: string;
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
  if (state.managedPolicy) r.managedPolicyArn = state.managedPolicy.arn;
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
      const label = `bootstrap step ${i + 1}/${steps.length} (${describeStep(step)})`;
      if (err instanceof AwsError)
        throw new AwsError(
          `${label}: ${err.call}`,
          err.code,
          err.serviceMessage,
          [err.hint, RERUN_AFTER_FAILED_STEP].filter(Boolean).join('. '),
          false,
        );
      throw sdkError(label, err, RERUN_AFTER_FAILED_STEP);
    }
    ctx.log?.(`  done       ${step.resource.padEnd(21)} ${step.action} ${step.name}${arrowTarget(step)}`);
  }
}

const arrowTarget = (step: Change): string => (step.target ? ` -> ${step.target}` : '');
const describeStep = (step: Change): string => `${step.action} ${step.resource} ${step.name}${arrowTarget(step)}`;

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
    // A missing input (need) found while building the request is ours, not the call's: not wrapped a second time.
    if (err instanceof AwsError) throw err;
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

/** The SHA-1 thumbprints of the CAs behind token.actions.githubusercontent.com, as GitHub published them. */
const GITHUB_THUMBPRINTS = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'];

function oidcIssuer(ctx: ApplyContext): GithubIssuer {
  if ('iot' in ctx.desired) throw new Error('an OIDC provider step in an IoT plan');
  return ctx.desired.oidc.issuer;
}

function trustPolicy(ctx: ApplyContext): string {
  if ('iot' in ctx.desired) return JSON.stringify(iotRoleTrustPolicy());
  const want = ctx.desired.oidc;
  return JSON.stringify(
    githubTrustPolicy(need(ctx.resolved.providerArn, 'the OIDC provider ARN'), want.subject, want.allowAnyRepo),
  );
}

/** Carries out one step: the handler of its kind. */
function execute(step: Change, ctx: ApplyContext): Promise<void> {
  // The table's type pairs each kind with its own step type; TypeScript cannot follow that through a computed key.
  const handle = HANDLERS[`${step.action} ${step.resource}` as keyof Handlers] as Handler<Change>;
  return handle(step, ctx);
}

type Handler<S extends Change> = (step: S, ctx: ApplyContext) => Promise<void>;

/** One handler per kind of change ("create iam-role"): a kind plan.ts adds without a handler here does not compile. */
type Handlers = { [S in Change as `${S['action']} ${S['resource']}`]: Handler<S> };

/** A handler that is one SDK call; `ok` as in `call`. */
function sends<S extends Change>(
  name: string,
  send: (step: S, ctx: ApplyContext) => Promise<unknown>,
  ok?: (err: unknown) => boolean,
): Handler<S> {
  return async (step, ctx) => {
    await call(name, () => send(step, ctx), ok);
  };
}

const HANDLERS: Handlers = {
  'create iam-role': async (step, ctx) => {
    const { iam } = ctx.clients;
    const created = await call(
      'iam:CreateRole',
      () =>
        iam.send(
          new CreateRoleCommand({
            RoleName: step.name,
            AssumeRolePolicyDocument: trustPolicy(ctx),
            Description: `Created by aws-short-lived-credentials bootstrap`,
            Tags: CREATED_BY_TAGS_IAM,
            ...('iot' in ctx.desired && ctx.desired.iot.permissionsBoundaryArn
              ? { PermissionsBoundary: ctx.desired.iot.permissionsBoundaryArn }
              : {}),
          }),
        ),
      alreadyExists,
    );
    ctx.resolved.roleArn =
      created?.Role?.Arn ??
      (await call('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: step.name }))))?.Role?.Arn;
  },
  'update iam-role': sends('iam:UpdateAssumeRolePolicy', (step, ctx) =>
    ctx.clients.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: step.name, PolicyDocument: trustPolicy(ctx) })),
  ),
  'delete iam-role': sends(
    'iam:DeleteRole',
    (step, ctx) => ctx.clients.iam.send(new DeleteRoleCommand({ RoleName: step.name })),
    isNotFound,
  ),
  'attach iam-role-policy': sends('iam:AttachRolePolicy', (step, ctx) =>
    ctx.clients.iam.send(new AttachRolePolicyCommand({ RoleName: roleOf(step), PolicyArn: step.name })),
  ),
  'detach iam-role-policy': sends(
    'iam:DetachRolePolicy',
    (step, ctx) => ctx.clients.iam.send(new DetachRolePolicyCommand({ RoleName: roleOf(step), PolicyArn: step.name })),
    isNotFound,
  ),
  'create iam-role-inline-policy': putInlinePolicy,
  'update iam-role-inline-policy': putInlinePolicy,
  'delete iam-role-inline-policy': sends(
    'iam:DeleteRolePolicy',
    (step, ctx) => ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: roleOf(step), PolicyName: step.name })),
    isNotFound,
  ),
  'create iam-managed-policy': async (step, ctx) => {
    const created = await call('iam:CreatePolicy', () =>
      ctx.clients.iam.send(
        new CreateManagedPolicyCommand({
          PolicyName: step.name,
          PolicyDocument: managedPolicyDocument(step, ctx),
          Description: `Created by aws-short-lived-credentials bootstrap`,
          Tags: CREATED_BY_TAGS_IAM,
        }),
      ),
    );
    ctx.resolved.managedPolicyArn = created?.Policy?.Arn;
  },
  'update iam-managed-policy': async (step, ctx) => {
    const arn = need(ctx.resolved.managedPolicyArn, `the ARN of ${step.name}`);
    await call('iam:CreatePolicyVersion', () =>
      ctx.clients.iam.send(
        new CreateManagedPolicyVersionCommand({
          PolicyArn: arn,
          PolicyDocument: managedPolicyDocument(step, ctx),
          SetAsDefault: true,
        }),
      ),
    );
  },
  'create oidc-provider': async (_step, ctx) => {
    const issuer = oidcIssuer(ctx);
    const created = await call('iam:CreateOpenIDConnectProvider', () =>
      ctx.clients.iam.send(
        new CreateOpenIDConnectProviderCommand({
          Url: issuer.url,
          ClientIDList: [GITHUB_OIDC_AUDIENCE],
          // IAM no longer checks thumbprints for GitHub's issuers, but older API versions require one; these are
          // GitHub's. A GitHub Enterprise Server host's are its own: without a list IAM reads the host's certificate.
          ...(issuer.kind === 'server' ? {} : { ThumbprintList: GITHUB_THUMBPRINTS }),
          Tags: CREATED_BY_TAGS_IAM,
        }),
      ),
    );
    ctx.resolved.providerArn = need(created?.OpenIDConnectProviderArn, 'the OIDC provider ARN');
  },
  'update oidc-provider': sends('iam:AddClientIDToOpenIDConnectProvider', (_step, ctx) =>
    ctx.clients.iam.send(
      new AddClientIDToOpenIDConnectProviderCommand({
        OpenIDConnectProviderArn: need(ctx.resolved.providerArn, 'the OIDC provider ARN'),
        ClientID: GITHUB_OIDC_AUDIENCE,
      }),
    ),
  ),
  'create thing-type': sends(
    'iot:CreateThingType',
    (step, ctx) =>
      ctx.clients.iot.send(
        new CreateThingTypeCommand({
          thingTypeName: step.name,
          thingTypeProperties: { thingTypeDescription: THING_TYPE_DESCRIPTION },
          tags: CREATED_BY_TAGS_IOT,
        }),
      ),
    alreadyExists,
  ),
  'delete thing-type': async (step, ctx) => {
    await call(
      'iot:DeprecateThingType',
      () => ctx.clients.iot.send(new DeprecateThingTypeCommand({ thingTypeName: step.name })),
      isNotFound,
    );
    await deleteThingType(ctx, step.name);
  },
  'create thing': sends(
    'iot:CreateThing',
    (step, ctx) =>
      ctx.clients.iot.send(
        new CreateThingCommand({
          thingName: step.name,
          thingTypeName: iotWant(ctx).thingTypeName,
          attributePayload: { attributes: { ...iotWant(ctx).attributes, [CREATED_BY_KEY]: CREATED_BY_VALUE } },
        }),
      ),
    alreadyExists,
  ),
  'delete thing': sends(
    'iot:DeleteThing',
    (step, ctx) => ctx.clients.iot.send(new DeleteThingCommand({ thingName: step.name })),
    isNotFound,
  ),
  'create certificate': async (_step, ctx) => {
    const out = await call('iot:CreateKeysAndCertificate', () =>
      ctx.clients.iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true })),
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
  },
  'deactivate certificate': sends('iot:UpdateCertificate', (step, ctx) =>
    ctx.clients.iot.send(
      new UpdateCertificateCommand({
        certificateId: certificateId(ctx, step.name),
        newStatus: step.status ?? 'INACTIVE',
      }),
    ),
  ),
  'delete certificate': async (step, ctx) => {
    await deleteCertificate(ctx, certificateId(ctx, step.name));
  },
  'create role-alias': async (step, ctx) => {
    const { iot } = ctx.clients;
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
  },
  'update role-alias': sends('iot:UpdateRoleAlias', (step, ctx) =>
    ctx.clients.iot.send(
      new UpdateRoleAliasCommand({
        roleAlias: step.name,
        roleArn: need(ctx.resolved.roleArn, 'the role ARN'),
        credentialDurationSeconds: iotWant(ctx).durationSeconds,
      }),
    ),
  ),
  'delete role-alias': sends(
    'iot:DeleteRoleAlias',
    (step, ctx) => ctx.clients.iot.send(new DeleteRoleAliasCommand({ roleAlias: step.name })),
    isNotFound,
  ),
  'create iot-policy': sends(
    'iot:CreatePolicy',
    (step, ctx) =>
      ctx.clients.iot.send(
        new CreatePolicyCommand({ policyName: step.name, policyDocument: iotPolicy(ctx), tags: CREATED_BY_TAGS_IOT }),
      ),
    alreadyExists,
  ),
  'update iot-policy': async (step, ctx) => {
    const { iot } = ctx.clients;
    const doc = iotPolicy(ctx);
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
          () => iot.send(new DeletePolicyVersionCommand({ policyName: step.name, policyVersionId: oldest.versionId })),
          isNotFound,
        );
    }
    await call('iot:CreatePolicyVersion', () =>
      iot.send(new CreatePolicyVersionCommand({ policyName: step.name, policyDocument: doc, setAsDefault: true })),
    );
  },
  'delete iot-policy': async (step, ctx) => {
    const { iot } = ctx.clients;
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
  },
  'attach iot-policy-attachment': sends('iot:AttachPolicy', (step, ctx) =>
    ctx.clients.iot.send(new AttachPolicyCommand(policyAttachment(step, ctx))),
  ),
  'detach iot-policy-attachment': sends(
    'iot:DetachPolicy',
    (step, ctx) => ctx.clients.iot.send(new DetachPolicyCommand(policyAttachment(step, ctx))),
    isNotFound,
  ),
  'attach thing-principal': sends('iot:AttachThingPrincipal', (step, ctx) =>
    ctx.clients.iot.send(new AttachThingPrincipalCommand(thingPrincipal(step, ctx))),
  ),
  'detach thing-principal': sends(
    'iot:DetachThingPrincipal',
    (step, ctx) => ctx.clients.iot.send(new DetachThingPrincipalCommand(thingPrincipal(step, ctx))),
    isNotFound,
  ),
};

/** The role an attachment or inline policy belongs to. */
const roleOf = (step: Change): string => need(step.target, 'the role');

const iotPolicy = (ctx: ApplyContext): string =>
  JSON.stringify(iotPolicyDocument(need(ctx.resolved.roleAliasArn, 'the role alias ARN')));

/** The policy and certificate of an attach or detach of an IoT policy. */
const policyAttachment = (step: Change, ctx: ApplyContext) => ({
  policyName: step.name,
  target: certificateArn(ctx, need(step.target, 'the certificate')),
});

/** The thing and certificate of an attach or detach of a thing principal. */
const thingPrincipal = (step: Change, ctx: ApplyContext) => ({
  thingName: need(step.target, 'the thing'),
  principal: certificateArn(ctx, step.name),
});

function managedPolicyDocument(step: Change, ctx: ApplyContext): string {
  const policy = 'oidc' in ctx.desired ? ctx.desired.oidc.managedPolicy : undefined;
  return need(policy?.name === step.name ? JSON.stringify(policy.document) : undefined, `the document of ${step.name}`);
}

/** Create and update alike: PutRolePolicy writes the whole document. */
async function putInlinePolicy(
  step: Extract<Change, { resource: 'iam-role-inline-policy' }>,
  ctx: ApplyContext,
): Promise<void> {
  const policy = 'oidc' in ctx.desired ? ctx.desired.oidc.inlinePolicy : undefined;
  const document = need(
    policy?.name === step.name ? JSON.stringify(policy.document) : undefined,
    `the document of ${step.name}`,
  );
  await call('iam:PutRolePolicy', () =>
    ctx.clients.iam.send(
      new PutRolePolicyCommand({
        RoleName: roleOf(step),
        PolicyName: step.name,
        PolicyDocument: document,
      }),
    ),
  );
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
    const hint = named('InvalidRequestException')(err) ? THING_TYPE_DELETE_WAIT : '';
    throw sdkError('iot:DeleteThingType', err, hint);
  }
}
