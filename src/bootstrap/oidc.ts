/** `bootstrap oidc`: the account's GitHub OIDC provider (if missing) and a role only the given repository assumes. */
import { apply, resolvedFromOidc } from './apply.js';
import { createClients, discoverOidc, type BootstrapClients } from './discover.js';
import { destroyRole, oidcDesired, planOidc, type OidcDesired, type Step } from './plan.js';
import { InputError } from '../errors.js';
import { isEnterpriseServer, repositoryIds, type RepositoryIds } from './github.js';
import { checkPolicyArns } from './plan.js';
import {
  OPERATOR_BOUNDARY_NAME,
  OPERATOR_POLICY_NAME,
  operatorBoundaryArn,
  operatorBoundaryDocument,
  operatorPolicyDocument,
  subFormsFor,
  type GithubSubject,
} from './policies.js';
import { BOUNDARY_NEEDS_OPERATOR } from './operator-advice.js';
import { GITHUB_ISSUER, parseIssuer, serverIssuer, type GithubIssuer } from './issuer.js';
import { ISSUER_API_MISMATCH } from './trust-advice.js';

export type SubFormat = 'auto' | 'immutable' | 'legacy' | 'both';

interface OidcOptions extends Omit<GithubSubject, 'ids' | 'forms'> {
  region: string;
  roleName?: string;
  policyArns?: string[];
  /** Allows a trust policy that admits every repository (bare `repo:*`, a wildcard owner). */
  allowAnyRepo?: boolean;
  /** The role of the operator workflow: an inline policy with what `bootstrap sync` calls, in `region`. */
  operator?: boolean;
  /**
   * `--issuer`: the URL of the issuer the jobs' tokens come from. When not given: the Enterprise Server host's of
   * GITHUB_API_URL (`https://<host>/api/v3`), else github.com's.
   */
  issuer?: string;
  /** Which forms of `sub` the trust admits (see subFormsFor); auto when not given. */
  subFormat?: SubFormat;
  /** GITHUB_TOKEN and GITHUB_API_URL, for reading the repository's ids (a public repository needs no token). */
  github?: { token?: string; baseUrl?: string };
  /** Reads the ids; repositoryIds by default, tests may give their own. */
  lookupIds?: typeof repositoryIds;
  /** operator: the boundary of the roles sync makes, an existing managed policy (default: one created here). */
  operatorBoundaryArn?: string;
  /** operator: the managed policies sync may attach to the roles it makes (default: none). */
  operatorAllowedPolicyArns?: string[];
  dryRun?: boolean;
  clients?: BootstrapClients;
  log?: (line: string) => void;
}

interface OidcResult {
  steps: Step[];
  applied: boolean;
  desired: OidcDesired;
  /** The role's ARN, once it exists. */
  roleArn?: string;
  /** operator: the boundary sync gives every role, once known (the one given, or the one created). */
  boundaryArn?: string;
  notes: string[];
}

/**
 * The issuer to provision for, and the check that GITHUB_API_URL (which auto asks for the ids) is the same GitHub:
 * an Enterprise Server issuer with its own host's API or none given, github.com's issuers with github.com's API.
 */
export function resolveIssuer(given: string | undefined, apiUrl: string | undefined): GithubIssuer {
  const apiServer = isEnterpriseServer(apiUrl);
  if (!given) return apiServer ? serverIssuer(apiUrl!) : GITHUB_ISSUER;
  const issuer = parseIssuer(given);
  const sameHost = apiUrl !== undefined && apiServer && new URL(apiUrl).hostname === issuer.id.split('/')[0];
  if (issuer.kind === 'server' ? apiServer && !sameHost : apiServer)
    throw new InputError(
      'issuer',
      `'${given}' and GITHUB_API_URL '${apiUrl}' name different GitHubs`,
      ISSUER_API_MISMATCH,
    );
  return issuer;
}

function desiredFrom(options: OidcOptions): OidcDesired {
  const subject: GithubSubject = { repo: options.repo };
  if (options.branch) subject.branch = options.branch;
  if (options.tag) subject.tag = options.tag;
  if (options.environment) subject.environment = options.environment;
  if (options.pullRequest) subject.pullRequest = true;
  return oidcDesired(subject, {
    ...(options.roleName ? { roleName: options.roleName } : {}),
    ...(options.policyArns ? { policyArns: options.policyArns } : {}),
    allowAnyRepo: options.allowAnyRepo ?? false,
    issuer: resolveIssuer(options.issuer, options.github?.baseUrl),
    ...(options.operator ? operatorPolicies(options) : {}),
  });
}

/** The operator role's inline policy, and the boundary policy to create when none is given. */
function operatorPolicies(options: OidcOptions): Pick<OidcDesired, 'inlinePolicy' | 'managedPolicy'> {
  const partition = partitionOf(options.region);
  const given = options.operatorBoundaryArn;
  if (given) checkBoundaryArn(checkPolicyArns([given])[0]!);
  const limits = {
    boundaryArn: given || operatorBoundaryArn(partition),
    allowedPolicyArns: checkPolicyArns(options.operatorAllowedPolicyArns ?? []),
  };
  return {
    inlinePolicy: { name: OPERATOR_POLICY_NAME, document: operatorPolicyDocument(partition, options.region, limits) },
    ...(given ? {} : { managedPolicy: { name: OPERATOR_BOUNDARY_NAME, document: operatorBoundaryDocument() } }),
  };
}

function checkBoundaryArn(arn: string): void {
  if (arn.includes('*'))
    throw new InputError('operator-boundary-arn', `'${arn}' has a wildcard`, 'Give the one boundary policy by its ARN');
}

/** The partition a region belongs to. */
function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/**
 * The forms of `sub` to admit and the ids they need. GitHub is asked only when an immutable form may be written and
 * the owner is named; for `*` and a wildcard owner the immutable form has `*` for the ids. The issuer decides whether
 * this is Enterprise Server (resolveIssuer keeps GITHUB_API_URL consistent with it).
 */
async function resolveSubject(
  subject: GithubSubject,
  issuer: GithubIssuer,
  options: OidcOptions,
): Promise<GithubSubject> {
  const format = options.subFormat ?? 'auto';
  const enterpriseServer = issuer.kind === 'server';
  const [owner, name] = subject.repo.split('/') as [string, string | undefined];
  const named = name !== undefined && !/[*?]/.test(owner);
  if (format === 'legacy' || (format === 'auto' && enterpriseServer) || !named)
    return { ...subject, forms: subFormsFor(format, { enterpriseServer }) };
  const ids: RepositoryIds = await (options.lookupIds ?? repositoryIds)(options.github ?? {}, owner, name);
  const forms = subFormsFor(format, {
    enterpriseServer,
    ...(ids.createdAt ? { createdAt: ids.createdAt } : {}),
  });
  return {
    ...subject,
    forms,
    ids: { owner: ids.ownerId, ...(ids.repoId !== undefined ? { repo: ids.repoId } : {}) },
  };
}

export async function bootstrapOidc(options: OidcOptions): Promise<OidcResult> {
  if (!options.operator && (options.operatorBoundaryArn || options.operatorAllowedPolicyArns?.length))
    throw new InputError('operator-boundary-arn', ...BOUNDARY_NEEDS_OPERATOR);
  const checked = desiredFrom(options);
  const desired = { ...checked, subject: await resolveSubject(checked.subject, checked.issuer, options) };
  const clients = options.clients ?? createClients(options.region);
  const state = await discoverOidc(clients, desired);
  const steps = planOidc(state, desired);
  const result: OidcResult = { steps, applied: false, desired, notes: [] };
  if (state.role) result.roleArn = state.role.arn;
  const boundary = options.operatorBoundaryArn || state.managedPolicy?.arn;
  if (options.operator && boundary) result.boundaryArn = boundary;
  if (options.dryRun) return result;
  const resolved = resolvedFromOidc(state);
  await apply(steps, { clients, desired: { oidc: desired }, resolved, ...(options.log ? { log: options.log } : {}) });
  result.applied = true;
  if (resolved.roleArn) result.roleArn = resolved.roleArn;
  if (options.operator && !options.operatorBoundaryArn && resolved.managedPolicyArn)
    result.boundaryArn = resolved.managedPolicyArn;
  if (!desired.policyArns.length && !desired.inlinePolicy)
    result.notes.push('The role has no permissions yet: attach policies to it (or re-run with --policy-arn).');
  return result;
}

/** Removes the role `bootstrap oidc` created (never the account's OIDC provider, which other roles may trust). */
export async function destroyOidc(options: {
  region: string;
  roleName: string;
  dryRun?: boolean;
  clients?: BootstrapClients;
  log?: (line: string) => void;
}): Promise<{ steps: Step[]; applied: boolean; notes: string[] }> {
  const clients = options.clients ?? createClients(options.region);
  const desired: OidcDesired = {
    subject: { repo: '-/-' },
    issuer: GITHUB_ISSUER,
    roleName: options.roleName,
    policyArns: [],
    allowAnyRepo: true,
  };
  const { role } = await discoverOidc(clients, desired);
  const steps = destroyRole(role, options.roleName);
  const notes = ['The GitHub OIDC provider is kept: it is shared by every role of the account that trusts GitHub.'];
  if (!role) notes.unshift(`No role ${options.roleName}; nothing to remove.`);
  if (options.dryRun) return { steps, applied: false, notes };
  await apply(steps, {
    clients,
    desired: { oidc: desired },
    resolved: resolvedFromOidc({}),
    ...(options.log ? { log: options.log } : {}),
  });
  return { steps, applied: true, notes };
}

export function oidcWorkflowSnippet(region: string, roleArn: string): string {
  return [
    'permissions:',
    '  id-token: write',
    '  contents: read',
    '...',
    '      - uses: aws-short-lived-credentials/aws-short-lived-credentials@v1',
    '        with:',
    `          aws-region: ${region}`,
    `          role-to-assume: ${roleArn}`,
  ].join('\n');
}
