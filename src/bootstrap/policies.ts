/**
 * The policy documents bootstrap writes (trust policies, the IoT policy), the ARNs they name, and how drift is judged.
 * Pure.
 */
import { InputError } from '../errors.js';
import { GITHUB_OIDC_HOST, providerIssuerId } from './issuer.js';

export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The mark bootstrap leaves on what it creates (tag, thing attribute, description); destroy checks it. */
export const CREATED_BY_KEY = 'created-by';
export const CREATED_BY_VALUE = 'aws-short-lived-credentials';

export type PolicyDocument = { Version: string; Statement: Array<Record<string, unknown>> };

/** Trust policy of the role the IoT credentials provider assumes. */
export function iotRoleTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  };
}

/**
 * The IoT policy on the certificate: the role alias only, and only when the request names a thing attached to the
 * certificate. `credentials-iot:ThingName` works in IAM policies only and `iot:Connection.Thing.ThingName` over MQTT
 * only, so the thing binding of the credentials provider is `credentials-iot:Connection.Thing.IsAttached` (the
 * provider also refuses an `x-amzn-iot-thingname` that is not attached to the certificate), and one policy per thing.
 */
export function iotPolicyDocument(roleAliasArn: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'iot:AssumeRoleWithCertificate',
        Resource: roleAliasArn,
        Condition: { Bool: { 'credentials-iot:Connection.Thing.IsAttached': 'true' } },
      },
    ],
  };
}

/**
 * The two forms of a GitHub job's `sub`: `legacy` names the owner and the repository (`repo:octo-org/octo-repo:...`);
 * `immutable` adds their numeric ids (`repo:octo-org@123456/octo-repo@789012:...`), which GitHub never reuses, so a
 * recycled name cannot match. Repositories created on github.com from 15 July 2026 on, renamed ones, and older ones
 * that opted in emit the immutable form; GitHub Enterprise Server emits the legacy one.
 */
export type SubForm = 'immutable' | 'legacy';

/** The day GitHub began emitting the immutable `sub` for every repository created on github.com. */
const IMMUTABLE_SUB_SINCE = '2026-07-15T00:00:00Z';

export interface GithubSubject {
  /** owner/name */
  repo: string;
  branch?: string;
  tag?: string;
  environment?: string;
  /** Jobs of pull_request events (`repo:...:pull_request`). */
  pullRequest?: boolean;
  /** GitHub's numeric ids of the owner and the repository, which the immutable form needs (`*` where unknown). */
  ids?: { owner?: number; repo?: number };
  /** The forms of `sub` the trust admits: legacy alone when not given. */
  forms?: SubForm[];
}

/** The `sub` claim a GitHub job's token carries for the given repository and branch, tag or environment. */
export function githubSubject(subject: GithubSubject, form: SubForm = 'legacy'): string {
  const { repo, branch, tag, environment, pullRequest } = subject;
  const given = [branch, tag, environment, pullRequest ? 'pull_request' : undefined].filter(
    (v) => v !== undefined && v !== '',
  );
  if (given.length > 1)
    throw new InputError(
      'branch',
      'only one of --branch, --tag, --environment and --pull-request can be given',
      'A token carries one of them in its sub claim; make one role per ref or environment',
    );
  if (repo === '*') return 'repo:*';
  const name = form === 'legacy' ? repo : immutableRepo(repo, subject.ids);
  if (branch) return `repo:${name}:ref:refs/heads/${branch}`;
  if (tag) return `repo:${name}:ref:refs/tags/${tag}`;
  if (environment) return `repo:${name}:environment:${environment}`;
  if (pullRequest) return `repo:${name}:pull_request`;
  return `repo:${name}:*`;
}

/** `owner@<owner id>/name@<repo id>`; an id not known (a wildcard name or owner) is `*`. */
function immutableRepo(repo: string, ids: GithubSubject['ids']): string {
  const [owner, name] = repo.split('/') as [string, string];
  const exact = !/[*?]/.test(repo);
  if (exact && (ids?.owner === undefined || ids.repo === undefined))
    throw new Error(`the immutable sub of ${repo} needs the owner's and the repository's ids`);
  return `${owner}@${ids?.owner ?? '*'}/${name}@${ids?.repo ?? '*'}`;
}

/** Every `sub` the trust admits, one per form asked for (one only for `repo:*`, which matches both). */
export function githubSubjects(subject: GithubSubject): string[] {
  const forms = subject.forms?.length ? subject.forms : (['legacy'] as SubForm[]);
  return [...new Set(forms.map((form) => githubSubject(subject, form)))];
}

/**
 * Trust policy of a role for GitHub Actions jobs of one repository; refuses one that would admit any repository. The
 * condition keys are those of the issuer the provider stands for (`<host/path>:sub`), so the two cannot disagree.
 */
export function githubTrustPolicy(providerArn: string, subject: GithubSubject, allowAnyRepo: boolean): PolicyDocument {
  checkRepo(subject.repo, allowAnyRepo);
  const subs = githubSubjects(subject);
  const value = subs.length === 1 ? subs[0]! : subs;
  const issuer = providerIssuerId(providerArn) ?? GITHUB_OIDC_HOST;
  const aud = { [`${issuer}:aud`]: GITHUB_OIDC_AUDIENCE };
  const sub = { [`${issuer}:sub`]: value };
  // One StringEquals block when every sub is exact; StringLike for the sub when one has a wildcard.
  const condition = subs.some((s) => /[*?]/.test(s))
    ? { StringEquals: aud, StringLike: sub }
    : { StringEquals: { ...aud, ...sub } };
  const doc: PolicyDocument = {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition,
      },
    ],
  };
  assertTrustIsScoped(doc, allowAnyRepo);
  return doc;
}

/**
 * Which forms of `sub` to admit, the rule `--sub-format auto` follows: GitHub Enterprise Server emits only the legacy
 * form; on github.com a repository created since IMMUTABLE_SUB_SINCE emits only the immutable one; an older one emits
 * the legacy form unless it opted in or was renamed, which GitHub's API does not tell, so both are admitted.
 */
export function subFormsFor(
  format: 'auto' | 'immutable' | 'legacy' | 'both',
  repository: { enterpriseServer: boolean; createdAt?: string },
): SubForm[] {
  if (format === 'immutable') return ['immutable'];
  if (format === 'legacy') return ['legacy'];
  if (format === 'both') return ['immutable', 'legacy'];
  if (repository.enterpriseServer) return ['legacy'];
  const created = repository.createdAt ? Date.parse(repository.createdAt) : NaN;
  return created >= Date.parse(IMMUTABLE_SUB_SINCE) ? ['immutable'] : ['immutable', 'legacy'];
}

function checkRepo(repo: string, allowAnyRepo: boolean): void {
  if (allowAnyRepo && repo === '*') return;
  const m = /^([^/]+)\/([^/]+)$/.exec(repo);
  if (!m) throw new InputError('repo', `'${repo}' is not owner/name`, 'Give the repository as --repo my-org/my-repo');
  const [, owner, name] = m as unknown as [string, string, string];
  if (owner.includes('*') || owner.includes('?')) {
    if (!allowAnyRepo)
      throw new InputError(
        'repo',
        `'${repo}' has a wildcard owner, which lets repositories of every GitHub account assume the role`,
        'Name the owner (my-org/my-repo), or pass --i-understand-any-repo if that is really wanted',
      );
    return;
  }
  if (!/^[A-Za-z0-9_.-]+$/.test(owner))
    throw new InputError(
      'repo',
      `owner '${owner}' is not a GitHub account name`,
      'Give the repository as --repo my-org/my-repo',
    );
  if (!/^[A-Za-z0-9_.*-]+$/.test(name))
    throw new InputError(
      'repo',
      `name '${name}' is not a repository name`,
      'Give the repository as --repo my-org/my-repo',
    );
}

/**
 * Throws unless every web-identity statement of the document limits `sub` to one owner: no `sub` condition, a bare
 * `repo:*`, `*`, or a wildcard in the owner admit every repository on GitHub.
 */
export function assertTrustIsScoped(doc: PolicyDocument, allowAnyRepo: boolean): void {
  if (allowAnyRepo) return;
  for (const st of doc.Statement) {
    const cond = (st['Condition'] ?? {}) as Record<string, Record<string, unknown>>;
    const federated = (st['Principal'] as { Federated?: unknown } | undefined)?.Federated;
    const issuer = (typeof federated === 'string' && providerIssuerId(federated)) || GITHUB_OIDC_HOST;
    const subs: string[] = [];
    for (const block of Object.values(cond)) {
      for (const [key, value] of Object.entries(block)) {
        if (key.toLowerCase() === `${issuer}:sub`.toLowerCase())
          subs.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
      }
    }
    if (subs.length === 0)
      throw new InputError(
        'repo',
        'the trust policy has no sub condition, so every repository on GitHub could assume the role',
        'Give --repo owner/name (and --branch, --tag or --environment), or pass --i-understand-any-repo',
      );
    for (const s of subs) {
      const owner = /^repo:([^/:]*)/.exec(s)?.[1];
      if (owner === undefined || owner === '' || /[*?]/.test(owner)) {
        throw new InputError(
          'repo',
          `the trust policy admits '${s}', which matches repositories of every GitHub account`,
          'Name the owner and repository (--repo my-org/my-repo), or pass --i-understand-any-repo',
        );
      }
    }
  }
}

/** Names `bootstrap sync` gives what it creates start with this; the operator role may touch only those. */
export const SYNC_NAME_PREFIX = 'gh-';
export const OPERATOR_POLICY_NAME = 'aws-short-lived-credentials-sync';
/** The managed policy `bootstrap oidc --operator` creates as the permissions boundary of every role sync makes. */
export const OPERATOR_BOUNDARY_NAME = 'aws-short-lived-credentials-sync-boundary';
/** The service the operator may pass its roles to: IoT's credentials provider, which sync's role aliases name. */
const IOT_CREDENTIALS_SERVICE = 'credentials.iot.amazonaws.com';

/** What bounds the operator: the boundary every role it makes must carry, and the managed policies it may attach. */
export interface OperatorLimits {
  boundaryArn: string;
  allowedPolicyArns: string[];
}

/**
 * The ARN of the boundary `bootstrap oidc --operator` creates, in the account of whoever the policy is evaluated for
 * (`aws:PrincipalAccount`, a policy variable IAM substitutes in condition values): the policy needs no account id.
 */
export function operatorBoundaryArn(partition: string): string {
  return `arn:${partition}:iam::\${aws:PrincipalAccount}:policy/${OPERATOR_BOUNDARY_NAME}`;
}

/**
 * IAM actions that change identities or their permissions: a role sync made may call none of them, so no role the
 * operator hands out can grant itself (or make) anything beyond the managed policies it was given.
 */
const IDENTITY_WRITES = [
  'iam:Add*',
  'iam:Attach*',
  'iam:Change*',
  'iam:Create*',
  'iam:Deactivate*',
  'iam:Delete*',
  'iam:Detach*',
  'iam:Enable*',
  'iam:PassRole',
  'iam:Put*',
  'iam:Remove*',
  'iam:Reset*',
  'iam:Resync*',
  'iam:Set*',
  'iam:Tag*',
  'iam:Untag*',
  'iam:Update*',
  'iam:Upload*',
  'organizations:*',
  'account:*',
];

/**
 * The permissions boundary of every role sync makes: whatever its attached policies allow, except identity changes.
 * A workload that must pass a role (to Lambda, ECS...) needs a boundary of the account's own (--operator-boundary-arn).
 */
export function operatorBoundaryDocument(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'UpToTheAttachedPolicies', Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'NoIdentityChanges', Effect: 'Deny', Action: IDENTITY_WRITES, Resource: '*' },
    ],
  };
}

/**
 * The inline policy of the role the operator workflow assumes: the IoT and IAM calls `bootstrap sync` makes, on
 * resources named gh-* in one region. Every role it creates carries `limits.boundaryArn`, and only the managed
 * policies of `limits.allowedPolicyArns` can be attached (none when the list is empty), so it hands out at most those.
 * It cannot rewrite a trust policy, remove or change a boundary, or make policy versions, keys or users. IoT cannot
 * scope certificate actions by tag or condition, so those reach the region's certificates (README, The operator).
 */
export function operatorPolicyDocument(partition: string, region: string, limits: OperatorLimits): PolicyDocument {
  const iot = (type: string) => `arn:${partition}:iot:${region}:*:${type}/${SYNC_NAME_PREFIX}*`;
  const roles = `arn:${partition}:iam::*:role/${SYNC_NAME_PREFIX}*`;
  const bounded = { StringEquals: { 'iam:PermissionsBoundary': limits.boundaryArn } };
  const statements: Array<Record<string, unknown>> = [
    {
      Sid: 'FindAndCertify',
      Effect: 'Allow',
      // No resource-level permissions for these.
      Action: ['iot:ListThings', 'iot:DescribeEndpoint', 'iot:CreateKeysAndCertificate'],
      Resource: '*',
    },
    {
      Sid: 'RegionCertificates',
      Effect: 'Allow',
      // Certificates have no names or tags IAM can test: the region's (sync acts only on those of its gh-* things).
      Action: ['iot:DescribeCertificate', 'iot:UpdateCertificate', 'iot:DeleteCertificate', 'iot:ListAttachedPolicies'],
      Resource: `arn:${partition}:iot:${region}:*:cert/*`,
    },
    {
      Sid: 'ManageRepositoryThings',
      Effect: 'Allow',
      Action: [
        'iot:DescribeThingType',
        'iot:CreateThingType',
        'iot:DeprecateThingType',
        'iot:DeleteThingType',
        'iot:DescribeThing',
        'iot:CreateThing',
        'iot:DeleteThing',
        'iot:ListThingPrincipals',
        'iot:AttachThingPrincipal',
        'iot:DetachThingPrincipal',
        'iot:GetPolicy',
        'iot:CreatePolicy',
        'iot:CreatePolicyVersion',
        'iot:ListPolicyVersions',
        'iot:DeletePolicyVersion',
        'iot:DeletePolicy',
        'iot:AttachPolicy',
        'iot:DetachPolicy',
        'iot:DescribeRoleAlias',
        'iot:CreateRoleAlias',
        'iot:UpdateRoleAlias',
        'iot:DeleteRoleAlias',
        'iot:TagResource',
      ],
      Resource: [
        iot('thing'),
        iot('thingtype'),
        iot('policy'),
        iot('rolealias'),
        `arn:${partition}:iot:${region}:*:cert/*`,
      ],
    },
    {
      Sid: 'ReadAndRemoveRepositoryRoles',
      Effect: 'Allow',
      Action: ['iam:GetRole', 'iam:ListRoleTags', 'iam:DeleteRole', 'iam:ListAttachedRolePolicies'],
      Resource: roles,
    },
    {
      Sid: 'ListInlinePoliciesOfRepositoryRoles',
      Effect: 'Allow',
      Action: ['iam:ListRolePolicies', 'iam:GetRolePolicy'],
      Resource: roles,
    },
    {
      Sid: 'CreateBoundedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateRole',
      Resource: roles,
      Condition: bounded,
    },
    {
      Sid: 'TagRolesWithTheMarkOnly',
      Effect: 'Allow',
      // Authorizes the created-by tag CreateRole carries, and nothing but that tag.
      Action: 'iam:TagRole',
      Resource: roles,
      Condition: {
        'ForAllValues:StringEquals': { 'aws:TagKeys': [CREATED_BY_KEY] },
        StringEquals: { [`aws:RequestTag/${CREATED_BY_KEY}`]: CREATED_BY_VALUE },
      },
    },
    {
      Sid: 'DetachFromBoundedRoles',
      Effect: 'Allow',
      Action: 'iam:DetachRolePolicy',
      Resource: roles,
      Condition: bounded,
    },
    {
      Sid: 'PassRepositoryRolesToIot',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: roles,
      Condition: { StringEquals: { 'iam:PassedToService': IOT_CREDENTIALS_SERVICE } },
    },
    {
      Sid: 'NeverChangeBoundariesOrPolicyVersions',
      Effect: 'Deny',
      Action: [
        'iam:DeleteRolePermissionsBoundary',
        'iam:PutRolePermissionsBoundary',
        'iam:DeleteUserPermissionsBoundary',
        'iam:PutUserPermissionsBoundary',
        'iam:CreatePolicyVersion',
        'iam:SetDefaultPolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:UpdateAssumeRolePolicy',
      ],
      Resource: '*',
    },
  ];
  if (limits.allowedPolicyArns.length)
    statements.splice(statements.length - 2, 0, {
      Sid: 'AttachAllowedPoliciesToBoundedRoles',
      Effect: 'Allow',
      Action: 'iam:AttachRolePolicy',
      Resource: roles,
      Condition: { ...bounded, ArnEquals: { 'iam:PolicyARN': [...limits.allowedPolicyArns].sort() } },
    });
  return { Version: '2012-10-17', Statement: statements };
}

export function roleAliasArn(partition: string, region: string, account: string, alias: string): string {
  return `arn:${partition}:iot:${region}:${account}:rolealias/${alias}`;
}

export function oidcProviderArn(partition: string, account: string, issuerId: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${issuerId}`;
}

/** Partition and account of an ARN (`arn:aws:iam::123456789012:role/x` → aws, 123456789012). */
export function arnAccount(arn: string): { partition: string; account: string } {
  const parts = arn.split(':');
  return { partition: parts[1] ?? 'aws', account: parts[4] ?? '' };
}

/** Policy documents compared by meaning: key order, and `x` versus `[x]`, do not matter. */
export function samePolicy(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) {
    const items = v.map(canonical);
    if (items.length === 1) return items[0];
    return items
      .map((i) => JSON.stringify(i))
      .sort()
      .map((s) => JSON.parse(s) as unknown);
  }
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([k, x]) => [k, canonical(x)]),
    );
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// Desired resources and discovered state
