/**
 * Bootstrap planning: from what exists (a discovered state) and what is wanted, the ordered steps that get there (the
 * documents they write are policies.ts'). Pure: no SDK, no files, no clock.
 */
import { DEFAULT_DURATION_SECONDS, STS_MAX_DURATION_SECONDS, STS_MIN_DURATION_SECONDS } from '../config/limits.js';
import { InputError } from '../errors.js';
import { NO_PERMISSIONS } from './advice.js';
import { roleOutsideBoundary, trustChangedUnderOperator } from './operator-advice.js';
import {
  arnAccount,
  CREATED_BY_KEY,
  CREATED_BY_VALUE,
  GITHUB_OIDC_AUDIENCE,
  githubSubjects,
  githubTrustPolicy,
  iotPolicyDocument,
  iotRoleTrustPolicy,
  oidcProviderArn,
  roleAliasArn,
  samePolicy,
  type GithubSubject,
  type PolicyDocument,
} from './policies.js';
import { GITHUB_ISSUER, type GithubIssuer } from './issuer.js';

/**
 * What bootstrap can do to each kind of resource. Every step may also only report: `exists` (nothing to do) or `drift`
 * (what differs, before the `update` that fixes it). apply.ts has a handler for each pair, or does not compile.
 */
interface Changes {
  'iam-role': 'create' | 'update' | 'delete';
  'iam-role-policy': 'attach' | 'detach';
  'iam-role-inline-policy': 'create' | 'update' | 'delete';
  'iam-managed-policy': 'create' | 'update';
  'oidc-provider': 'create' | 'update';
  'thing-type': 'create' | 'delete';
  thing: 'create' | 'delete';
  certificate: 'create' | 'deactivate' | 'delete';
  'role-alias': 'create' | 'update' | 'delete';
  'iot-policy': 'create' | 'update' | 'delete';
  'iot-policy-attachment': 'attach' | 'detach';
  'thing-principal': 'attach' | 'detach';
}

type StepResource = keyof Changes;
type Report = 'exists' | 'drift';

interface StepOf<Action extends string, Resource extends StepResource> {
  action: Action;
  resource: Resource;
  /** The resource's name (a certificate's id, a managed policy's ARN, or NEW_CERTIFICATE). */
  name: string;
  /** One line for people: what is there, what will change. */
  detail: string;
  /** For attachments: what `name` is attached to (a certificate id, a thing or role name). */
  target?: string;
  /** For `deactivate`: the status a certificate is set to. */
  status?: 'INACTIVE' | 'REVOKED';
}

/** One member per (action, resource) pair that exists: a planner cannot write a step that nothing carries out. */
export type Step = {
  [R in StepResource]: { [A in Changes[R] | Report]: StepOf<A, R> }[Changes[R] | Report];
}[StepResource];

/** A step that changes something: what apply carries out, one handler per kind. */
export type Change = Exclude<Step, { action: Report }>;

/** Stands for the certificate a `create certificate` step mints, in the steps that follow it. */
export const NEW_CERTIFICATE = '(new certificate)';

export const THING_TYPE_DESCRIPTION = `${CREATED_BY_KEY} ${CREATED_BY_VALUE} bootstrap`;

export interface IotDesired {
  name: string;
  region: string;
  roleName: string;
  thingName: string;
  thingTypeName: string;
  policyName: string;
  roleAliasName: string;
  durationSeconds: number;
  policyArns: string[];
  /** Thing attributes beside the created-by mark (e.g. the GitHub repository a thing serves). */
  attributes: Record<string, string>;
  /** The permissions boundary the role is created with (sync's roles: the operator's boundary). */
  permissionsBoundaryArn?: string;
}

/** The resources `bootstrap iot <name>` manages, named after `name`. */
export function iotDesired(
  name: string,
  region: string,
  options: {
    durationSeconds?: number;
    policyArns?: string[];
    thingTypeName?: string;
    attributes?: Record<string, string>;
    permissionsBoundaryArn?: string;
  } = {},
): IotDesired {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(name)) {
    throw new InputError(
      'name',
      `'${name}' cannot name a thing, role and role alias`,
      'Use 1 to 100 letters, digits, - and _ (e.g. bootstrap iot my-repo-runner)',
    );
  }
  const duration = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
  if (!Number.isInteger(duration) || duration < STS_MIN_DURATION_SECONDS || duration > STS_MAX_DURATION_SECONDS) {
    throw new InputError(
      'duration-seconds',
      `${duration} is out of range`,
      `Use a whole number of seconds from ${STS_MIN_DURATION_SECONDS} to ${STS_MAX_DURATION_SECONDS}`,
    );
  }
  return {
    name,
    region,
    roleName: `${name}-role`,
    thingName: name,
    thingTypeName: options.thingTypeName ?? `${name}-type`,
    policyName: `${name}-policy`,
    roleAliasName: `${name}-role-alias`,
    durationSeconds: duration,
    policyArns: checkPolicyArns(options.policyArns ?? []),
    attributes: options.attributes ?? {},
    ...(options.permissionsBoundaryArn ? { permissionsBoundaryArn: options.permissionsBoundaryArn } : {}),
  };
}

export function checkPolicyArns(arns: string[]): string[] {
  for (const arn of arns) {
    if (!/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/.test(arn)) {
      throw new InputError(
        'policy-arn',
        `'${arn}' is not a managed policy ARN`,
        'Give arn:aws:iam::<account>:policy/<name> (or arn:aws:iam::aws:policy/<name>); separate several with commas',
      );
    }
  }
  return [...new Set(arns)];
}

export interface RoleState {
  arn: string;
  trustPolicy: unknown;
  /** Carries the created-by tag. */
  owned: boolean;
  attachedPolicyArns: string[];
  /** The role's permissions boundary (a managed policy's ARN), if it has one. */
  permissionsBoundaryArn?: string;
  /** Inline policy documents by name. */
  inlinePolicies?: Record<string, unknown>;
}

export interface CertificateState {
  id: string;
  arn: string;
  status: string;
  attachedToThing: boolean;
  /** Names of the IoT policies attached to it. */
  policies: string[];
}

export interface IotState {
  role?: RoleState;
  thingType?: { owned: boolean; deprecated: boolean };
  thing?: { owned: boolean };
  /** Certificates attached to the thing, and the one whose files are on disk (attached or not). */
  certificates: CertificateState[];
  policy?: { arn: string; document: unknown };
  roleAlias?: { arn: string; roleArn: string; durationSeconds: number };
  /** Id of the certificate whose key bootstrap wrote under the output directory, if any. */
  localCertificateId?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// IoT plans

/** Steps that create or complete what `bootstrap iot <name>` provides; an empty change set is all `exists`. */
export function planIot(state: IotState, want: IotDesired): Step[] {
  const steps: Step[] = [...planIotBase(state, want)];
  const active = state.certificates.filter((c) => c.status === 'ACTIVE' && c.attachedToThing);
  const local = state.certificates.find((c) => c.id === state.localCertificateId && c.status === 'ACTIVE');
  let certs: Array<CertificateState | undefined>;
  if (active.length > 0) {
    certs = active;
    for (const c of active)
      steps.push({
        action: 'exists',
        resource: 'certificate',
        name: c.id,
        detail:
          c.id === state.localCertificateId
            ? 'ACTIVE, its key is in the output directory'
            : 'ACTIVE (its key is not in the output directory: run bootstrap rotate to mint one there)',
      });
  } else if (local) {
    certs = [local];
    steps.push({
      action: 'exists',
      resource: 'certificate',
      name: local.id,
      detail: 'ACTIVE, minted by a run that stopped half-way; reused',
    });
  } else {
    certs = [undefined];
    steps.push({
      action: 'create',
      resource: 'certificate',
      name: NEW_CERTIFICATE,
      detail: 'CreateKeysAndCertificate, set active; key written with mode 0600',
    });
  }
  steps.push(...planAlias(state, want), ...planPolicy(state, want));
  for (const c of certs) steps.push(...attachCertificate(c, want));
  return steps;
}

function planIotBase(state: IotState, want: IotDesired): Step[] {
  const boundary = want.permissionsBoundaryArn;
  if (boundary && state.role && state.role.permissionsBoundaryArn !== boundary)
    throw new InputError('operator-boundary-arn', ...roleOutsideBoundary(want.roleName, state.role, boundary));
  // The operator may not rewrite a trust policy: one that changed is for the account's administrators to look at.
  if (boundary && state.role && !samePolicy(state.role.trustPolicy, iotRoleTrustPolicy()))
    throw new InputError('operator-boundary-arn', ...trustChangedUnderOperator(want.roleName));
  const steps = planRole(
    state.role,
    want.roleName,
    iotRoleTrustPolicy(),
    'trusts credentials.iot.amazonaws.com',
    want.policyArns,
    boundary,
  );
  steps.push(
    state.thingType
      ? {
          action: 'exists',
          resource: 'thing-type',
          name: want.thingTypeName,
          detail: state.thingType.deprecated ? 'deprecated' : '',
        }
      : {
          action: 'create',
          resource: 'thing-type',
          name: want.thingTypeName,
          detail: `tagged ${CREATED_BY_KEY}=${CREATED_BY_VALUE}`,
        },
    state.thing
      ? {
          action: 'exists',
          resource: 'thing',
          name: want.thingName,
          detail: state.thing.owned ? '' : 'not created by bootstrap; reused',
        }
      : {
          action: 'create',
          resource: 'thing',
          name: want.thingName,
          detail: `type ${want.thingTypeName}, attribute ${CREATED_BY_KEY}=${CREATED_BY_VALUE}`,
        },
  );
  return steps;
}

/** Role create / drift+update / exists, then its managed-policy attachments. */
function planRole(
  role: RoleState | undefined,
  roleName: string,
  trust: unknown,
  trustSummary: string,
  policyArns: string[],
  boundary?: string,
): Step[] {
  const steps: Step[] = [];
  const boundaryNote = boundary ? `; boundary ${boundary}` : '';
  if (!role)
    steps.push({
      action: 'create',
      resource: 'iam-role',
      name: roleName,
      detail: `${trustSummary}; tagged ${CREATED_BY_KEY}=${CREATED_BY_VALUE}${boundaryNote}${policyArns.length ? '' : NO_PERMISSIONS}`,
    });
  else if (!samePolicy(role.trustPolicy, trust)) {
    steps.push(
      {
        action: 'drift',
        resource: 'iam-role',
        name: roleName,
        detail: 'trust policy differs from the one bootstrap writes',
      },
      { action: 'update', resource: 'iam-role', name: roleName, detail: `UpdateAssumeRolePolicy: ${trustSummary}` },
    );
  } else
    steps.push({
      action: 'exists',
      resource: 'iam-role',
      name: roleName,
      detail: role.owned ? trustSummary : `${trustSummary}; not created by bootstrap, reused`,
    });
  for (const arn of policyArns) {
    steps.push(
      role?.attachedPolicyArns.includes(arn)
        ? { action: 'exists', resource: 'iam-role-policy', name: arn, target: roleName, detail: 'attached' }
        : { action: 'attach', resource: 'iam-role-policy', name: arn, target: roleName, detail: `to role ${roleName}` },
    );
  }
  return steps;
}

function planAlias(state: IotState, want: IotDesired): Step[] {
  const alias = state.roleAlias;
  if (!alias)
    return [
      {
        action: 'create',
        resource: 'role-alias',
        name: want.roleAliasName,
        detail: `for role ${want.roleName}, ${want.durationSeconds} s`,
      },
    ];
  const wrongRole = state.role !== undefined && alias.roleArn !== state.role.arn;
  const wrongDuration = alias.durationSeconds !== want.durationSeconds;
  if (wrongRole || wrongDuration) {
    const changes = [
      wrongRole && `role ${alias.roleArn} -> ${want.roleName}`,
      wrongDuration && `duration ${alias.durationSeconds} -> ${want.durationSeconds} s`,
    ];
    return [
      {
        action: 'update',
        resource: 'role-alias',
        name: want.roleAliasName,
        detail: changes.filter(Boolean).join(', '),
      },
    ];
  }
  return [{ action: 'exists', resource: 'role-alias', name: want.roleAliasName, detail: `${alias.durationSeconds} s` }];
}

/** The role alias ARN the policy must name: the alias's own, else built from the policy's account. */
function expectedAliasArn(state: IotState, want: IotDesired): string | undefined {
  if (state.roleAlias) return state.roleAlias.arn;
  const from = state.policy?.arn ?? state.role?.arn;
  if (!from) return undefined;
  const { partition, account } = arnAccount(from);
  return roleAliasArn(partition, want.region, account, want.roleAliasName);
}

function planPolicy(state: IotState, want: IotDesired): Step[] {
  if (!state.policy)
    return [
      {
        action: 'create',
        resource: 'iot-policy',
        name: want.policyName,
        detail: `iot:AssumeRoleWithCertificate on role alias ${want.roleAliasName}, thing attached`,
      },
    ];
  const aliasArn = expectedAliasArn(state, want);
  if (aliasArn && !samePolicy(state.policy.document, iotPolicyDocument(aliasArn))) {
    return [
      {
        action: 'drift',
        resource: 'iot-policy',
        name: want.policyName,
        detail: 'document differs from the one bootstrap writes',
      },
      {
        action: 'update',
        resource: 'iot-policy',
        name: want.policyName,
        detail: 'new default policy version (CreatePolicyVersion --set-as-default)',
      },
    ];
  }
  return [{ action: 'exists', resource: 'iot-policy', name: want.policyName, detail: '' }];
}

function attachCertificate(c: CertificateState | undefined, want: IotDesired): Step[] {
  const id = c?.id ?? NEW_CERTIFICATE;
  return [
    c?.policies.includes(want.policyName)
      ? { action: 'exists', resource: 'iot-policy-attachment', name: want.policyName, target: id, detail: 'attached' }
      : {
          action: 'attach',
          resource: 'iot-policy-attachment',
          name: want.policyName,
          target: id,
          detail: 'policy to certificate',
        },
    c?.attachedToThing
      ? { action: 'exists', resource: 'thing-principal', name: id, target: want.thingName, detail: 'attached' }
      : {
          action: 'attach',
          resource: 'thing-principal',
          name: id,
          target: want.thingName,
          detail: 'certificate to thing',
        },
  ];
}

function requireBase(state: IotState, want: IotDesired, command: string): void {
  if (!state.thing || !state.policy || !state.roleAlias) {
    const missing = [!state.thing && 'thing', !state.policy && 'IoT policy', !state.roleAlias && 'role alias'];
    throw new InputError(
      'name',
      `'${want.name}' has no complete bootstrap (${missing.filter(Boolean).join(', ')} missing) for ${command}`,
      `Run 'bootstrap iot ${want.name}' first`,
    );
  }
}

/**
 * Rotation: a new certificate attached beside the old ones, then the old ones deactivated and detached. A rotation
 * that stopped half-way is completed rather than started again (the certificate on disk is the new one).
 */
export function planRotate(state: IotState, want: IotDesired): Step[] {
  requireBase(state, want, 'rotate');
  const local = state.certificates.find((c) => c.id === state.localCertificateId && c.status === 'ACTIVE');
  const others = state.certificates.filter((c) => c.id !== local?.id && c.attachedToThing);
  const steps: Step[] = [];
  let fresh: CertificateState | undefined;
  let old: CertificateState[];
  const localComplete = local && local.attachedToThing && local.policies.includes(want.policyName);
  if (local && (!localComplete || others.length > 0)) {
    fresh = local;
    old = others;
    steps.push({
      action: 'exists',
      resource: 'certificate',
      name: local.id,
      detail: 'the new certificate of a rotation that stopped half-way; reused',
    });
  } else {
    old = state.certificates.filter((c) => c.attachedToThing);
    steps.push({
      action: 'create',
      resource: 'certificate',
      name: NEW_CERTIFICATE,
      detail: 'CreateKeysAndCertificate, set active; files switched to it',
    });
  }
  steps.push(...attachCertificate(fresh, want));
  for (const c of old) steps.push(...retire(c, want, 'INACTIVE'));
  return steps;
}

/** Revocation: each certificate of the thing (or the one named) set REVOKED and detached from policy and thing. */
export function planRevoke(state: IotState, want: IotDesired, certificateId?: string): Step[] {
  const targets = certificateId
    ? state.certificates.filter((c) => c.id === certificateId)
    : state.certificates.filter((c) => c.attachedToThing || c.id === state.localCertificateId);
  if (certificateId && targets.length === 0)
    throw new InputError(
      'certificate-id',
      `certificate ${certificateId} is not one of ${want.name}'s`,
      `List them with: aws iot list-thing-principals --thing-name ${want.thingName}`,
    );
  if (targets.length === 0)
    return [
      {
        action: 'exists',
        resource: 'certificate',
        name: '-',
        detail: `${want.thingName} has no certificate; nothing to revoke`,
      },
    ];
  return targets.flatMap((c) => retire(c, want, 'REVOKED'));
}

function retire(c: CertificateState, want: IotDesired, status: 'INACTIVE' | 'REVOKED'): Step[] {
  const steps: Step[] = [];
  if (c.status === 'ACTIVE' || (status === 'REVOKED' && c.status !== 'REVOKED'))
    steps.push({ action: 'deactivate', resource: 'certificate', name: c.id, status, detail: `set ${status}` });
  for (const p of c.policies)
    steps.push({
      action: 'detach',
      resource: 'iot-policy-attachment',
      name: p,
      target: c.id,
      detail: 'policy from certificate',
    });
  if (c.attachedToThing)
    steps.push({
      action: 'detach',
      resource: 'thing-principal',
      name: c.id,
      target: want.thingName,
      detail: 'certificate from thing',
    });
  return steps;
}

/** Removal, in reverse order of creation, of what bootstrap created; anything else is named and kept. */
export function planDestroy(state: IotState, want: IotDesired): Step[] {
  const steps: Step[] = [];
  const kept = (resource: StepResource, name: string, why: string): Step => ({
    action: 'exists',
    resource,
    name,
    detail: `kept: ${why}`,
  });
  const thingOwned = state.thing?.owned === true;
  const aliasArn = expectedAliasArn(state, want);
  const policyOwned =
    state.policy !== undefined &&
    aliasArn !== undefined &&
    samePolicy(state.policy.document, iotPolicyDocument(aliasArn));
  for (const c of state.certificates) {
    if (c.attachedToThing && !thingOwned && c.id !== state.localCertificateId) {
      // Not minted here: kept, but freed of bootstrap's policy so that the policy can go.
      if (policyOwned && c.policies.includes(want.policyName))
        steps.push({
          action: 'detach',
          resource: 'iot-policy-attachment',
          name: want.policyName,
          target: c.id,
          detail: 'policy from certificate',
        });
      steps.push(kept('certificate', c.id, 'attached to a thing bootstrap did not create'));
      continue;
    }
    const foreign = c.policies.filter((p) => p !== want.policyName);
    steps.push(...retire({ ...c, policies: c.policies.filter((p) => p === want.policyName) }, want, 'INACTIVE'));
    if (foreign.length) steps.push(kept('certificate', c.id, `other policies attached (${foreign.join(', ')})`));
    else steps.push({ action: 'delete', resource: 'certificate', name: c.id, detail: '' });
  }
  if (state.policy) {
    steps.push(
      policyOwned
        ? { action: 'delete', resource: 'iot-policy', name: want.policyName, detail: 'with its other versions' }
        : kept('iot-policy', want.policyName, 'its document is not the one bootstrap writes'),
    );
  }
  if (state.roleAlias) {
    steps.push(
      state.role?.owned && state.roleAlias.roleArn === state.role.arn
        ? { action: 'delete', resource: 'role-alias', name: want.roleAliasName, detail: '' }
        : kept('role-alias', want.roleAliasName, 'it does not point at a role bootstrap created'),
    );
  }
  if (state.thing)
    steps.push(
      thingOwned
        ? { action: 'delete', resource: 'thing', name: want.thingName, detail: '' }
        : kept('thing', want.thingName, `no ${CREATED_BY_KEY} attribute`),
    );
  steps.push(...destroyRole(state.role, want.roleName));
  // Last: AWS IoT deletes a thing type only 5 minutes after deprecating it, so this step may need a second run.
  if (state.thingType)
    steps.push(
      state.thingType.owned
        ? { action: 'delete', resource: 'thing-type', name: want.thingTypeName, detail: 'deprecated first' }
        : kept('thing-type', want.thingTypeName, 'not described as created by bootstrap'),
    );
  return steps;
}

export function destroyRole(role: RoleState | undefined, roleName: string): Step[] {
  if (!role) return [];
  if (!role.owned)
    return [{ action: 'exists', resource: 'iam-role', name: roleName, detail: `kept: no ${CREATED_BY_KEY} tag` }];
  return [
    ...role.attachedPolicyArns.map((arn): Step => ({
      action: 'detach',
      resource: 'iam-role-policy',
      name: arn,
      target: roleName,
      detail: `from role ${roleName}`,
    })),
    // IAM deletes a role only once it has no inline policies left.
    ...Object.keys(role.inlinePolicies ?? {}).map((name): Step => ({
      action: 'delete',
      resource: 'iam-role-inline-policy',
      name,
      target: roleName,
      detail: '',
    })),
    { action: 'delete', resource: 'iam-role', name: roleName, detail: '' },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// OIDC plans

export interface OidcDesired {
  subject: GithubSubject;
  /** The issuer the provider is for and the trust names. */
  issuer: GithubIssuer;
  roleName: string;
  policyArns: string[];
  allowAnyRepo: boolean;
  /** An inline policy the role carries (the operator role's). */
  inlinePolicy?: { name: string; document: PolicyDocument };
  /** A managed policy created beside the role (the boundary of the roles the operator makes). */
  managedPolicy?: { name: string; document: PolicyDocument };
}

export function oidcDesired(
  subject: GithubSubject,
  options: {
    roleName?: string;
    policyArns?: string[];
    allowAnyRepo?: boolean;
    issuer?: GithubIssuer;
    inlinePolicy?: { name: string; document: PolicyDocument };
    managedPolicy?: { name: string; document: PolicyDocument };
  } = {},
): OidcDesired {
  const allowAnyRepo = options.allowAnyRepo ?? false;
  const issuer = options.issuer ?? GITHUB_ISSUER;
  // Validates the repository and refuses an any-repository trust before anything else happens.
  githubTrustPolicy(oidcProviderArn('aws', '000000000000', issuer.id), subject, allowAnyRepo);
  const roleName = options.roleName || `github-${subject.repo.replace(/[^A-Za-z0-9+=,.@_-]+/g, '-')}`.slice(0, 64);
  if (!/^[A-Za-z0-9+=,.@_-]{1,64}$/.test(roleName))
    throw new InputError(
      'role-name',
      `'${roleName}' is not an IAM role name`,
      'Use 1 to 64 letters, digits and +=,.@_-',
    );
  return {
    subject,
    issuer,
    roleName,
    policyArns: checkPolicyArns(options.policyArns ?? []),
    allowAnyRepo,
    ...(options.inlinePolicy ? { inlinePolicy: options.inlinePolicy } : {}),
    ...(options.managedPolicy ? { managedPolicy: options.managedPolicy } : {}),
  };
}

export interface OidcState {
  provider?: { arn: string; clientIds: string[] };
  role?: RoleState;
  /** The desired managed policy as found: its ARN and default version's document. */
  managedPolicy?: { arn: string; document: unknown };
}

export function planOidc(state: OidcState, want: OidcDesired): Step[] {
  const steps: Step[] = [];
  const issuer = want.issuer.id;
  if (!state.provider)
    steps.push({
      action: 'create',
      resource: 'oidc-provider',
      name: issuer,
      detail: `audience ${GITHUB_OIDC_AUDIENCE}`,
    });
  else if (!state.provider.clientIds.includes(GITHUB_OIDC_AUDIENCE))
    steps.push({
      action: 'update',
      resource: 'oidc-provider',
      name: issuer,
      detail: `add audience ${GITHUB_OIDC_AUDIENCE}`,
    });
  else steps.push({ action: 'exists', resource: 'oidc-provider', name: issuer, detail: '' });
  if (want.managedPolicy) steps.push(planManagedPolicy(state.managedPolicy, want.managedPolicy));
  const from = state.provider?.arn ?? state.role?.arn;
  const { partition, account } = from ? arnAccount(from) : { partition: 'aws', account: '' };
  const trust = state.provider?.arn ?? (account ? oidcProviderArn(partition, account, issuer) : undefined);
  // Without a provider ARN nothing exists yet: the role is created after the provider, so there is nothing to compare.
  const expected = trust ? githubTrustPolicy(trust, want.subject, want.allowAnyRepo) : null;
  steps.push(
    ...planRole(
      state.role,
      want.roleName,
      expected,
      `trusts ${githubSubjects(want.subject).join(' or ')} (aud ${GITHUB_OIDC_AUDIENCE})`,
      want.policyArns,
    ),
  );
  if (want.inlinePolicy) {
    const { name, document } = want.inlinePolicy;
    const current = state.role?.inlinePolicies?.[name];
    if (current === undefined)
      steps.push({
        action: 'create',
        resource: 'iam-role-inline-policy',
        name,
        target: want.roleName,
        detail: 'PutRolePolicy',
      });
    else if (!samePolicy(current, document)) {
      steps.push(
        {
          action: 'drift',
          resource: 'iam-role-inline-policy',
          name,
          target: want.roleName,
          detail: 'document differs from the one bootstrap writes',
        },
        { action: 'update', resource: 'iam-role-inline-policy', name, target: want.roleName, detail: 'PutRolePolicy' },
      );
    } else
      steps.push({ action: 'exists', resource: 'iam-role-inline-policy', name, target: want.roleName, detail: '' });
  }
  return steps;
}

function planManagedPolicy(found: OidcState['managedPolicy'], want: { name: string; document: PolicyDocument }): Step {
  if (!found) return { action: 'create', resource: 'iam-managed-policy', name: want.name, detail: 'CreatePolicy' };
  if (samePolicy(found.document, want.document))
    return { action: 'exists', resource: 'iam-managed-policy', name: want.name, detail: found.arn };
  return {
    action: 'update',
    resource: 'iam-managed-policy',
    name: want.name,
    detail: `CreatePolicyVersion (default): the document differs from the one bootstrap writes`,
  };
}

/** Lines a person reads: one per step, aligned. */
export function formatPlan(steps: Step[]): string {
  return steps
    .map((s) => {
      const label = s.action === 'update' ? 'change' : s.action;
      const name = s.target ? `${s.name} -> ${s.target}` : s.name;
      return `  ${label.padEnd(10)} ${s.resource.padEnd(21)} ${name}${s.detail ? `  (${s.detail})` : ''}`;
    })
    .join('\n');
}

/** True when applying the plan would call nothing that writes. */
export function isNoop(steps: Step[]): boolean {
  return steps.every((s) => s.action === 'exists');
}
