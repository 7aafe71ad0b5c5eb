/**
 * `bootstrap audit`: reads the account's roles (trust policies), the region's IoT policies and role aliases (with the
 * policies of each alias's role) and Roles Anywhere trust anchors and profiles, and applies audit-rules. Reads only;
 * the calls are the README's audit policy.
 */
import {
  GetPolicyCommand as GetIamPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeRoleAliasCommand,
  GetPolicyCommand,
  ListPoliciesCommand,
  ListRoleAliasesCommand,
} from '@aws-sdk/client-iot';
import type { ServiceEndpoints } from '../config/model.js';
import { auditIotPolicy, auditRoleAlias, auditRolesAnywhere, auditTrustPolicy, type Finding } from './audit-rules.js';
import { readRolesAnywhere } from './roles-anywhere-read.js';
import { parseDocument } from './policy-document.js';
import type { AuditResult } from './audit-report.js';
import { readIfPresent, sdkError, type BootstrapClients } from './discover.js';

const HINT = (permission: string) => `The audit needs ${permission} (see the README's audit policy)`;

async function call<T>(permission: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw sdkError(permission, err, HINT(permission));
  }
}

/** Like call, but a resource deleted between the listing and the read is skipped (undefined). */
const readOrSkip = <T>(permission: string, run: () => Promise<T>) => readIfPresent(permission, run, HINT(permission));

/** Where the Roles Anywhere reads go: the CLI's region and the AWS_ENDPOINT_URL(_ROLESANYWHERE) settings. */
export interface RolesAnywhereTarget {
  region: string;
  endpoints: ServiceEndpoints | undefined;
  now: () => Date;
}

export async function auditAccount(clients: BootstrapClients, target: RolesAnywhereTarget): Promise<AuditResult> {
  const roles = await auditRoles(clients);
  const iot = await auditIot(clients);
  const ra = await auditRolesAnywhereOf(clients, target, roles.trust);
  return {
    scanned: {
      roles: roles.count,
      iotPolicies: iot.policies,
      roleAliases: iot.aliases,
      ...('unread' in ra ? {} : { trustAnchors: ra.trustAnchors, profiles: ra.profiles }),
    },
    findings: [...roles.findings, ...iot.findings, ...ra.findings],
    ...('unread' in ra ? { unread: [ra.unread] } : {}),
  };
}

async function auditRoles(
  clients: Pick<BootstrapClients, 'iam'>,
): Promise<{ count: number; findings: Finding[]; trust: Map<string, unknown> }> {
  const findings: Finding[] = [];
  const trust = new Map<string, unknown>();
  let count = 0;
  let marker: string | undefined;
  do {
    const page = await call('iam:ListRoles', () => clients.iam.send(new ListRolesCommand({ Marker: marker })));
    for (const role of page.Roles ?? []) {
      count++;
      const raw = role.AssumeRolePolicyDocument;
      if (!raw || !role.RoleName || !role.Arn) continue;
      const document = parseDocument(raw);
      trust.set(role.Arn, document);
      findings.push(...auditTrustPolicy(role.RoleName, role.Arn, document));
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return { count, findings, trust };
}

/** The control plane's rules; when it cannot be read (denied, not in the region) the reason, and no findings. */
async function auditRolesAnywhereOf(
  clients: BootstrapClients,
  target: RolesAnywhereTarget,
  trust: Map<string, unknown>,
): Promise<{ findings: Finding[] } & ({ trustAnchors: number; profiles: number } | { unread: string })> {
  // The credentials the IAM and IoT calls are signed with (the SDK's standard chain).
  const read = await readRolesAnywhere({ ...target, credentials: () => clients.iam.config.credentials() });
  if ('unread' in read) return { findings: [], unread: read.unread };
  const policies = new Map<string, Array<{ name: string; document: unknown }>>();
  const cache = new Map<string, Promise<unknown>>();
  for (const p of read.profiles)
    if (p.enabled && p.managedPolicyArns.length === 0 && !p.sessionPolicy)
      for (const r of p.roleArns) if (!policies.has(r)) policies.set(r, await rolePolicies(clients, r, cache));
  const findings = auditRolesAnywhere({
    ...read,
    trustOf: (arn) => trust.get(arn),
    policiesOf: (arn) => policies.get(arn) ?? [],
  });
  return { findings, trustAnchors: read.trustAnchors.length, profiles: read.profiles.length };
}

async function auditIot(
  clients: BootstrapClients,
): Promise<{ policies: number; aliases: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let policies = 0;
  let marker: string | undefined;
  do {
    const page = await call('iot:ListPolicies', () => clients.iot.send(new ListPoliciesCommand({ marker })));
    for (const p of page.policies ?? []) {
      if (!p.policyName || !p.policyArn) continue;
      policies++;
      const name = p.policyName;
      const got = await readOrSkip('iot:GetPolicy', () => clients.iot.send(new GetPolicyCommand({ policyName: name })));
      if (got?.policyDocument) findings.push(...auditIotPolicy(name, p.policyArn, parseDocument(got.policyDocument)));
    }
    marker = page.nextMarker || undefined;
  } while (marker);

  const policyCache = new Map<string, Promise<unknown>>();
  let aliases = 0;
  marker = undefined;
  do {
    const page = await call('iot:ListRoleAliases', () => clients.iot.send(new ListRoleAliasesCommand({ marker })));
    for (const roleAlias of page.roleAliases ?? []) {
      const described = await readOrSkip('iot:DescribeRoleAlias', () =>
        clients.iot.send(new DescribeRoleAliasCommand({ roleAlias })),
      );
      const d = described?.roleAliasDescription;
      if (!d?.roleAlias || !d.roleAliasArn || !d.roleArn) continue;
      aliases++;
      findings.push(
        ...auditRoleAlias({
          name: d.roleAlias,
          arn: d.roleAliasArn,
          roleArn: d.roleArn,
          durationSeconds: d.credentialDurationSeconds ?? 0,
          policies: await rolePolicies(clients, d.roleArn, policyCache),
        }),
      );
    }
    marker = page.nextMarker || undefined;
  } while (marker);
  return { policies, aliases, findings };
}

/** The attached managed policies' default versions and the inline policies of a role; none when it is gone. */
async function rolePolicies(
  clients: Pick<BootstrapClients, 'iam'>,
  roleArn: string,
  cache: Map<string, Promise<unknown>>,
): Promise<Array<{ name: string; document: unknown }>> {
  const RoleName = roleArn.split('/').pop() ?? '';
  const out: Array<{ name: string; document: unknown }> = [];
  let marker: string | undefined;
  do {
    const page = await readOrSkip('iam:ListAttachedRolePolicies', () =>
      clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName, Marker: marker })),
    );
    for (const p of page?.AttachedPolicies ?? []) {
      if (!p.PolicyArn) continue;
      const arn = p.PolicyArn;
      if (!cache.has(arn)) cache.set(arn, managedDocument(clients, arn));
      out.push({ name: p.PolicyName ?? arn, document: await cache.get(arn) });
    }
    marker = page?.IsTruncated ? page.Marker : undefined;
  } while (marker);
  do {
    const page = await readOrSkip('iam:ListRolePolicies', () =>
      clients.iam.send(new ListRolePoliciesCommand({ RoleName, Marker: marker })),
    );
    for (const PolicyName of page?.PolicyNames ?? []) {
      const got = await readOrSkip('iam:GetRolePolicy', () =>
        clients.iam.send(new GetRolePolicyCommand({ RoleName, PolicyName })),
      );
      if (got?.PolicyDocument) out.push({ name: PolicyName, document: parseDocument(got.PolicyDocument) });
    }
    marker = page?.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return out;
}

async function managedDocument(clients: Pick<BootstrapClients, 'iam'>, PolicyArn: string): Promise<unknown> {
  const policy = await readOrSkip('iam:GetPolicy', () => clients.iam.send(new GetIamPolicyCommand({ PolicyArn })));
  const VersionId = policy?.Policy?.DefaultVersionId;
  if (!VersionId) return undefined;
  const version = await readOrSkip('iam:GetPolicyVersion', () =>
    clients.iam.send(new GetPolicyVersionCommand({ PolicyArn, VersionId })),
  );
  const raw = version?.PolicyVersion?.Document;
  return raw ? parseDocument(raw) : undefined;
}
