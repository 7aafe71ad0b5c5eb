/** Reads what exists in the account, through the SDK, into the state the planner takes. Reads only; NotFound: absent */
import {
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListOpenIDConnectProvidersCommand,
  GetOpenIDConnectProviderCommand,
  ListRoleTagsCommand,
  ListRolePoliciesCommand,
  GetRolePolicyCommand,
  GetPolicyVersionCommand,
  ListPoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeCertificateCommand,
  DescribeRoleAliasCommand,
  DescribeThingCommand,
  DescribeThingTypeCommand,
  GetPolicyCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListThingPrincipalsCommand,
} from '@aws-sdk/client-iot';
import { AwsError } from '../errors.js';
import {
  THING_TYPE_DESCRIPTION,
  type CertificateState,
  type IotDesired,
  type IotState,
  type OidcDesired,
  type OidcState,
  type RoleState,
} from './plan.js';
import { CREATED_BY_KEY, CREATED_BY_VALUE } from './policies.js';
import { providerIssuerId } from './issuer.js';
import { parseDocument } from './policy-document.js';

export interface BootstrapClients {
  iam: IAMClient;
  iot: IoTClient;
}

/** Clients on the standard credential chain; `AWS_ENDPOINT_URL(_IAM/_IOT)` and `AWS_MAX_ATTEMPTS` act as in any SDK. */
export function createClients(
  region: string,
  maxAttempts?: number,
  retryMode?: 'standard' | 'adaptive',
): BootstrapClients {
  // 'adaptive' also slows the client down after a Throttling answer, for runs that make many calls (sync).
  const common = { region, ...(maxAttempts ? { maxAttempts } : {}), ...(retryMode ? { retryMode } : {}) };
  return { iam: new IAMClient(common), iot: new IoTClient(common) };
}

export function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  return ['NoSuchEntity', 'NoSuchEntityException', 'ResourceNotFoundException', 'NotFoundException'].includes(
    e?.name ?? e?.Code ?? '',
  );
}

/** An SDK error as an AwsError naming the call; no request data enters it. */
export function sdkError(call: string, err: unknown, hint: string): AwsError {
  const e = err as { name?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? e?.name ?? 'Error';
  const status = e?.$metadata?.httpStatusCode;
  const message = (e?.message ?? '').replace(/\s+/g, ' ').trim().replace(/\.+$/, '').slice(0, 300);
  return new AwsError(
    call,
    status && !message.includes(String(status)) ? `${code} (HTTP ${status})` : code,
    message === code ? '' : message,
    hint,
    false,
  );
}

const READ_STATE_HINT = 'Reading the current state failed; check the credentials, region and permissions, then re-run';

/** A read whose resource may be absent (or deleted since it was listed): undefined then; any other failure thrown. */
export async function readIfPresent<T>(
  call: string,
  run: () => Promise<T>,
  hint = READ_STATE_HINT,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw sdkError(call, err, hint);
  }
}

async function discoverRole(iam: IAMClient, roleName: string): Promise<RoleState | undefined> {
  const got = await readIfPresent('iam:GetRole', () => iam.send(new GetRoleCommand({ RoleName: roleName })));
  const role = got?.Role;
  if (!role?.Arn) return undefined;
  const tags =
    role.Tags ??
    (await readIfPresent('iam:ListRoleTags', () => iam.send(new ListRoleTagsCommand({ RoleName: roleName }))))?.Tags ??
    [];
  const attached: string[] = [];
  let marker: string | undefined;
  do {
    const page = await readIfPresent('iam:ListAttachedRolePolicies', () =>
      iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker })),
    );
    for (const p of page?.AttachedPolicies ?? []) if (p.PolicyArn) attached.push(p.PolicyArn);
    marker = page?.IsTruncated ? page.Marker : undefined;
  } while (marker);
  const inline: Record<string, unknown> = {};
  marker = undefined;
  do {
    const page = await readIfPresent('iam:ListRolePolicies', () =>
      iam.send(new ListRolePoliciesCommand({ RoleName: roleName, Marker: marker })),
    );
    for (const name of page?.PolicyNames ?? []) {
      const got = await readIfPresent('iam:GetRolePolicy', () =>
        iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: name })),
      );
      if (got) inline[name] = parseDocument(got.PolicyDocument);
    }
    marker = page?.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return {
    arn: role.Arn,
    trustPolicy: parseDocument(role.AssumeRolePolicyDocument),
    owned: tags.some((t) => t.Key === CREATED_BY_KEY && t.Value === CREATED_BY_VALUE),
    attachedPolicyArns: attached,
    inlinePolicies: inline,
    ...(role.PermissionsBoundary?.PermissionsBoundaryArn
      ? { permissionsBoundaryArn: role.PermissionsBoundary.PermissionsBoundaryArn }
      : {}),
  };
}

/**
 * What exists of `bootstrap iot <name>`. `localCertificateId` is the certificate whose files are on disk;
 * `retiredCertificateIds` those bootstrap detached earlier (IoT certificates carry no tags to find them by).
 */
export async function discoverIot(
  clients: BootstrapClients,
  want: IotDesired,
  localCertificateId?: string,
  retiredCertificateIds: string[] = [],
): Promise<IotState> {
  const { iot } = clients;
  const state: IotState = { certificates: [] };
  const role = await discoverRole(clients.iam, want.roleName);
  if (role) state.role = role;
  const type = await readIfPresent('iot:DescribeThingType', () =>
    iot.send(new DescribeThingTypeCommand({ thingTypeName: want.thingTypeName })),
  );
  if (type) {
    state.thingType = {
      owned: type.thingTypeProperties?.thingTypeDescription === THING_TYPE_DESCRIPTION,
      deprecated: type.thingTypeMetadata?.deprecated === true,
    };
  }
  const thing = await readIfPresent('iot:DescribeThing', () =>
    iot.send(new DescribeThingCommand({ thingName: want.thingName })),
  );
  const attachedIds = new Set<string>();
  if (thing) {
    state.thing = { owned: thing.attributes?.[CREATED_BY_KEY] === CREATED_BY_VALUE };
    let nextToken: string | undefined;
    do {
      const page = await readIfPresent('iot:ListThingPrincipals', () =>
        iot.send(new ListThingPrincipalsCommand({ thingName: want.thingName, nextToken })),
      );
      for (const p of page?.principals ?? []) {
        const id = /:cert\/([0-9a-f]+)$/.exec(p)?.[1];
        if (id) attachedIds.add(id);
      }
      nextToken = page?.nextToken;
    } while (nextToken);
  }
  const ids = [
    ...new Set([...attachedIds, ...(localCertificateId ? [localCertificateId] : []), ...retiredCertificateIds]),
  ];
  for (const id of ids) {
    const cert = await discoverCertificate(iot, id, attachedIds.has(id));
    if (cert) state.certificates.push(cert);
  }
  if (localCertificateId) state.localCertificateId = localCertificateId;
  const policy = await readIfPresent('iot:GetPolicy', () =>
    iot.send(new GetPolicyCommand({ policyName: want.policyName })),
  );
  if (policy?.policyArn) state.policy = { arn: policy.policyArn, document: parseDocument(policy.policyDocument) };
  const alias = (
    await readIfPresent('iot:DescribeRoleAlias', () =>
      iot.send(new DescribeRoleAliasCommand({ roleAlias: want.roleAliasName })),
    )
  )?.roleAliasDescription;
  if (alias?.roleAliasArn)
    state.roleAlias = {
      arn: alias.roleAliasArn,
      roleArn: alias.roleArn ?? '',
      durationSeconds: alias.credentialDurationSeconds ?? 3600,
    };
  return state;
}

async function discoverCertificate(
  iot: IoTClient,
  id: string,
  attachedToThing: boolean,
): Promise<CertificateState | undefined> {
  const desc = (
    await readIfPresent('iot:DescribeCertificate', () =>
      iot.send(new DescribeCertificateCommand({ certificateId: id })),
    )
  )?.certificateDescription;
  if (!desc?.certificateArn) return undefined;
  const policies: string[] = [];
  let marker: string | undefined;
  do {
    const page = await readIfPresent('iot:ListAttachedPolicies', () =>
      iot.send(new ListAttachedPoliciesCommand({ target: desc.certificateArn, marker })),
    );
    for (const p of page?.policies ?? []) if (p.policyName) policies.push(p.policyName);
    marker = page?.nextMarker;
  } while (marker);
  return { id, arn: desc.certificateArn, status: desc.status ?? 'UNKNOWN', attachedToThing, policies };
}

/** What exists of `bootstrap oidc`: the account's provider for the issuer and the role. */
export async function discoverOidc(clients: BootstrapClients, want: OidcDesired): Promise<OidcState> {
  const { iam } = clients;
  const state: OidcState = {};
  const list = await readIfPresent('iam:ListOpenIDConnectProviders', () =>
    iam.send(new ListOpenIDConnectProvidersCommand({})),
  );
  const arn = list?.OpenIDConnectProviderList?.map((p) => p.Arn ?? '').find(
    (a) => providerIssuerId(a) === want.issuer.id,
  );
  if (arn) {
    const got = await readIfPresent('iam:GetOpenIDConnectProvider', () =>
      iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })),
    );
    if (got) state.provider = { arn, clientIds: got.ClientIDList ?? [] };
  }
  const role = await discoverRole(iam, want.roleName);
  if (role) state.role = role;
  if (want.managedPolicy) {
    const found = await discoverManagedPolicy(iam, want.managedPolicy.name);
    if (found) state.managedPolicy = found;
  }
  return state;
}

/** The account's own managed policy of that name, with its default version's document. */
async function discoverManagedPolicy(iam: IAMClient, name: string): Promise<OidcState['managedPolicy']> {
  let marker: string | undefined;
  do {
    const page = await readIfPresent('iam:ListPolicies', () =>
      iam.send(new ListPoliciesCommand({ Scope: 'Local', Marker: marker })),
    );
    const policy = page?.Policies?.find((p) => p.PolicyName === name);
    if (policy?.Arn) {
      const version = await readIfPresent('iam:GetPolicyVersion', () =>
        iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId })),
      );
      return { arn: policy.Arn, document: parseDocument(version?.PolicyVersion?.Document) };
    }
    marker = page?.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return undefined;
}
