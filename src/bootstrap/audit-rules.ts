/**
 * What `bootstrap audit` looks for, as pure rules over policy documents: trust policies that let a CI OIDC provider's
 * tokens or Roles Anywhere's certificates assume a role with too little checked, IoT policies that hand a role
 * alias's credentials to a certificate without tying it to a thing, and role aliases whose role can do more than a
 * device identity should. The findings are data; audit-report.ts prints them.
 */
import { DEFAULT_DURATION_SECONDS } from '../config/limits.js';
import { globMatches, statementsOf, valueList } from './policy-document.js';
import type { ProfileView, TrustAnchorView } from './roles-anywhere-read.js';

/** Lowest first: `--fail-on` compares by this order. */
export const SEVERITIES = ['note', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The kinds of resource a finding names, with the words the messages use. */
const KIND_WORDS = {
  role: 'role',
  'iot-policy': 'IoT policy',
  'role-alias': 'role alias',
  'trust-anchor': 'trust anchor',
  profile: 'Roles Anywhere profile',
} as const;
type ResourceKind = keyof typeof KIND_WORDS;

export interface Finding {
  rule: AuditRule;
  severity: Severity;
  kind: ResourceKind;
  /** The role's, IoT policy's, role alias's, trust anchor's or profile's name. */
  name: string;
  /** Its ARN, the SARIF location. */
  arn: string;
  /** The statement's index in the document (0-based) and its Sid when it has one. */
  statement?: number;
  sid?: string;
  message: string;
}

/** What makes a role broad, as the role-alias and Roles Anywhere rules say it. */
const BROAD =
  '* or the IAM actions that grant more (iam:PutRolePolicy, iam:AttachRolePolicy, iam:CreatePolicyVersion, ' +
  'iam:UpdateAssumeRolePolicy, ...)';

const longDurationHelp = (setting: string) =>
  `A leaked credential stays valid for ${setting} (up to 12 h). Keep ${DEFAULT_DURATION_SECONDS} s unless jobs ` +
  'need longer.';

/** Each rule: its severity, a one-line text (the finding's message), and why it matters with the fix (help). */
export const AUDIT_RULES = {
  'no-sub': {
    severity: 'error',
    text: 'no sub condition: every identity the provider issues tokens for is admitted',
    help:
      'Any job of any repository (or project) on that issuer can assume the role. Add a StringEquals (or ' +
      'StringLike) condition on <issuer>:sub naming the repository and ref.',
  },
  'any-repository': {
    severity: 'error',
    text: 'the sub condition matches repositories of any owner',
    help:
      'A wildcard or empty owner (repo:*, repo:*/app:*, project_path:*, a leading *) admits repositories ' +
      'anyone can create. Name the owner (or group) and repository literally.',
  },
  'no-aud': {
    severity: 'warning',
    text: 'no aud condition: tokens minted for any audience are admitted',
    help:
      'A token the job requested for another service (another audience) is accepted too. Add StringEquals ' +
      'on <issuer>:aud (sts.amazonaws.com for GitHub).',
  },
  'for-all-values': {
    severity: 'error',
    text: 'ForAllValues: in an Allow is true when the claim is missing, so the condition admits tokens without it',
    help:
      'ForAllValues: over an absent or empty key is true. Use the plain operator (single-valued claims) or ' +
      'ForAnyValue:.',
  },
  'like-without-wildcard': {
    severity: 'note',
    text: 'StringLike on a key none of whose values has a wildcard',
    help:
      'StringLike without * or ? matches exactly like StringEquals, but a later edit adding * widens it ' +
      'silently, and it often means a wildcard was meant and lost. Use StringEquals.',
  },
  'roles-anywhere-no-subject': {
    severity: 'warning',
    text:
      'trusts Roles Anywhere with no x509Subject or x509SAN condition: any certificate of the trust anchor ' +
      'is admitted',
    help:
      'Every certificate the anchor CA issued (or will issue) can assume the role through any profile ' +
      'listing it. Add a condition on aws:PrincipalTag/x509Subject/CN (or x509SAN/...) and an aws:SourceArn' +
      ' naming the trust anchor.',
  },
  'iot-no-thing-binding': {
    severity: 'warning',
    text: 'allows iot:AssumeRoleWithCertificate without a thing-attachment condition',
    help:
      'A certificate with this policy gets credentials even when it is attached to no thing, so detaching ' +
      'it from its thing does not stop it. Add Bool credentials-iot:Connection.Thing.IsAttached = true (as ' +
      'bootstrap iot writes).',
  },
  'iot-any-role-alias': {
    severity: 'error',
    text: 'allows iot:AssumeRoleWithCertificate on any role alias',
    help:
      'A certificate with this policy can take the credentials of every role alias in the account, other ' +
      "devices' and repositories' included. Name the one role alias's ARN as Resource.",
  },
  'role-alias-broad-role': {
    severity: 'error',
    text: "the alias's role can do everything or change IAM",
    help:
      `The role behind a role alias should hold what the device needs. One that allows ${BROAD}, in an attached ` +
      'or inline policy, turns any certificate with access to the alias into an account administrator.',
  },
  'role-alias-long-duration': {
    severity: 'note',
    text: `credentials live longer than the default ${DEFAULT_DURATION_SECONDS} s`,
    help: longDurationHelp("the alias's credentialDurationSeconds"),
  },
  'roles-anywhere-profile-no-subject': {
    severity: 'warning',
    text: 'hands out roles whose trust has no x509Subject or x509SAN condition',
    help:
      'Any certificate a trust anchor accepts can take these roles through this profile (each role has its own ' +
      'roles-anywhere-no-subject finding). Add a condition on aws:PrincipalTag/x509Subject/CN (or x509SAN/...) ' +
      "to each role's trust policy, or remove the role from the profile.",
  },
  'roles-anywhere-anchor-not-pinned': {
    severity: 'warning',
    text: 'roles of enabled profiles admit this trust anchor without naming it in aws:SourceArn',
    help:
      'Roles Anywhere sets aws:SourceArn to the trust anchor a certificate was verified by. A role whose trust ' +
      'has no aws:SourceArn condition (or a wildcard one) admits every trust anchor of the account, so whoever ' +
      'registers another CA (another team, or anyone allowed rolesanywhere:CreateTrustAnchor) can issue ' +
      "certificates with whatever subject the role expects and assume it. Name the anchor's ARN in ArnEquals " +
      'aws:SourceArn.',
  },
  'roles-anywhere-profile-broad-role': {
    severity: 'error',
    text: 'has no session policy and hands out a role that can do everything or change IAM',
    help:
      "A profile's managed policies and inline session policy cap what its sessions can do; without them, every " +
      `certificate the profile serves gets all of the role, and a role that allows ${BROAD} makes it an account ` +
      'administrator. Narrow the role, or give the profile a session policy.',
  },
  'roles-anywhere-profile-long-duration': {
    severity: 'note',
    text: `sessions live longer than the default ${DEFAULT_DURATION_SECONDS} s`,
    help: longDurationHelp("the profile's durationSeconds"),
  },
} as const satisfies Record<string, { severity: Severity; text: string; help: string }>;

export type AuditRule = keyof typeof AUDIT_RULES;

type Statement = Record<string, unknown>;
type ConditionBlock = Record<string, Record<string, unknown>>;

const actionMatches = (pattern: string, action: string) => globMatches(pattern, action, false);

/** Whether an Allow statement grants the action (through Action, or through NotAction not naming it). */
function grants(st: Statement, action: string): boolean {
  if (st['Effect'] !== 'Allow') return false;
  if (st['NotAction'] !== undefined) return !valueList(st['NotAction']).some((p) => actionMatches(p, action));
  return valueList(st['Action']).some((p) => actionMatches(p, action));
}

/** Every condition on a key (case-insensitive), with the operator that carries it. */
function conditionsOn(st: Statement, test: (key: string) => boolean): Array<{ operator: string; values: string[] }> {
  const out: Array<{ operator: string; values: string[] }> = [];
  const condition = (st['Condition'] ?? {}) as ConditionBlock;
  for (const [operator, block] of Object.entries(condition))
    for (const [key, value] of Object.entries(block ?? {}))
      if (test(key.toLowerCase())) out.push({ operator, values: valueList(value) });
  return out;
}

const hasWildcard = (value: string) => /[*?]/.test(value);

function finding(
  rule: AuditRule,
  kind: ResourceKind,
  name: string,
  arn: string,
  prefix: string,
  detail = '',
  where?: { index: number; st: Statement },
): Finding {
  return {
    rule,
    severity: AUDIT_RULES[rule].severity,
    kind,
    name,
    arn,
    ...(where ? { statement: where.index } : {}),
    ...(where && typeof where.st['Sid'] === 'string' ? { sid: where.st['Sid'] } : {}),
    message: `${KIND_WORDS[kind]} ${name}${prefix}: ${AUDIT_RULES[rule].text}${detail}`,
  };
}

/** The issuer (`<host>[/path]`) of a federated OIDC principal (`arn:...:oidc-provider/<host>[/path]`), or undefined. */
function oidcIssuer(principal: unknown): string | undefined {
  for (const arn of valueList((principal as { Federated?: unknown } | undefined)?.Federated)) {
    const m = /:oidc-provider\/(.+)$/.exec(arn);
    if (m) return m[1];
  }
  return undefined;
}

const ROLES_ANYWHERE = 'rolesanywhere.amazonaws.com';

function trustsRolesAnywhere(principal: unknown): boolean {
  return valueList((principal as { Service?: unknown } | undefined)?.Service).some(
    (s) => s.toLowerCase() === ROLES_ANYWHERE,
  );
}

function admitsRolesAnywhere(st: Statement): boolean {
  return trustsRolesAnywhere(st['Principal']) && grants(st, 'sts:AssumeRole');
}

/** A condition on the certificate's subject or SAN (the session tags Roles Anywhere sets) that is not a wildcard. */
function namesSubject(st: Statement): boolean {
  return conditionsOn(st, (k) => /^aws:principaltag\/x509(subject|san)\//.test(k)).some(({ values }) =>
    values.some((v) => v !== '*' && v !== ''),
  );
}

/**
 * The owner part of a `sub` in the shapes CI issuers use: GitHub's `repo:<owner>[@id]/<repo>...` (github.com, an
 * enterprise's issuer, Enterprise Server's `<host>/_services/token`) and GitLab's `project_path:<group>/<project>...`.
 * Undefined for any other shape.
 */
function subOwner(value: string): string | undefined {
  return /^(?:repo|project_path):([^/:]*)/i.exec(value)?.[1];
}

/** A sub pattern matching any repository, or repositories of any owner or group. */
function matchesAnyOwner(value: string, operator: string): boolean {
  const wildcards = /Like/i.test(operator);
  if (value === '' || (value === '*' && wildcards)) return true;
  const owner = subOwner(value);
  // Any other issuer's shape: only a leading wildcard is known to admit any owner.
  if (owner === undefined) return wildcards && /^[*?]/.test(value);
  return owner === '' || (wildcards && /^[^@]*[*?]/.test(owner));
}

/** StringLike keys (any set operator, IfExists or not) none of whose values has a wildcard. */
function likeWithoutWildcard(st: Statement): string[] {
  const keys: string[] = [];
  const condition = (st['Condition'] ?? {}) as ConditionBlock;
  for (const [operator, block] of Object.entries(condition)) {
    if (!/^(For(Any|All)Values:)?StringLike(IfExists)?$/i.test(operator)) continue;
    for (const [key, value] of Object.entries(block ?? {}))
      if (valueList(value).length > 0 && !valueList(value).some(hasWildcard)) keys.push(key);
  }
  return keys;
}

/** The rules on a role's trust policy: CI OIDC providers (any issuer) and Roles Anywhere. */
export function auditTrustPolicy(role: string, arn: string, document: unknown): Finding[] {
  const findings: Finding[] = [];
  statementsOf(document).forEach((st, index) => {
    const where = { index, st };
    const issuer = oidcIssuer(st['Principal']);
    if (issuer && grants(st, 'sts:AssumeRoleWithWebIdentity')) {
      const add = (rule: AuditRule, detail = '') =>
        findings.push(finding(rule, 'role', role, arn, ` trusts ${issuer}`, detail, where));
      const claim = (name: string) => (key: string) => key === `${issuer}:${name}`.toLowerCase();
      const subs = conditionsOn(st, claim('sub'));
      if (subs.length === 0) add('no-sub');
      const broad = subs.flatMap(({ operator, values }) => values.filter((v) => matchesAnyOwner(v, operator)));
      if (broad.length) add('any-repository', ` (${broad.join(', ')})`);
      if (conditionsOn(st, claim('aud')).length === 0) add('no-aud');
      if (Object.keys(st['Condition'] ?? {}).some((op) => /^ForAllValues:/i.test(op))) add('for-all-values');
      const exact = likeWithoutWildcard(st);
      if (exact.length) add('like-without-wildcard', ` (${exact.join(', ')})`);
    }
    if (admitsRolesAnywhere(st)) {
      const add = (rule: AuditRule, detail = '') =>
        findings.push(finding(rule, 'role', role, arn, ` trusts ${ROLES_ANYWHERE}`, detail, where));
      if (!namesSubject(st)) {
        const anchored = conditionsOn(st, (k) => k === 'aws:sourcearn').length > 0;
        add('roles-anywhere-no-subject', anchored ? '' : ', and no aws:SourceArn: of any trust anchor in the account');
      }
      const exact = likeWithoutWildcard(st);
      if (exact.length) add('like-without-wildcard', ` (${exact.join(', ')})`);
    }
  });
  return findings;
}

const ASSUME_WITH_CERTIFICATE = 'iot:AssumeRoleWithCertificate';

/** Condition keys that tie the credentials provider's caller to a thing the certificate is attached to. */
const THING_KEYS = [
  'credentials-iot:connection.thing.isattached',
  'iot:connection.thing.isattached',
  'credentials-iot:thingname',
  'iot:connection.thing.thingname',
];
const THING_VARIABLE = /\$\{(credentials-iot:ThingName|iot:Connection\.Thing\.ThingName)\}/i;

function bindsThing(st: Statement): boolean {
  if (valueList(st['Resource']).some((r) => THING_VARIABLE.test(r))) return true;
  return conditionsOn(st, (k) => THING_KEYS.includes(k)).some(
    ({ operator, values }) => !/IfExists$/i.test(operator) && values.some((v) => v.toLowerCase() !== 'false'),
  );
}

/** A resource pattern that covers more than one role alias: `*`, or a wildcard anywhere in the ARN's resource part. */
function anyRoleAlias(st: Statement): boolean {
  if (st['NotResource'] !== undefined) return true;
  return valueList(st['Resource']).some((r) => {
    const withoutVariables = r.replace(/\$\{[^}]*\}/g, '');
    return withoutVariables === '*' || hasWildcard(withoutVariables.split(':').slice(5).join(':'));
  });
}

/** The rules on an IoT policy; a policy that does not grant iot:AssumeRoleWithCertificate has none. */
export function auditIotPolicy(name: string, arn: string, document: unknown): Finding[] {
  const findings: Finding[] = [];
  statementsOf(document).forEach((st, index) => {
    if (!grants(st, ASSUME_WITH_CERTIFICATE)) return;
    const where = { index, st };
    if (!bindsThing(st)) findings.push(finding('iot-no-thing-binding', 'iot-policy', name, arn, '', '', where));
    if (anyRoleAlias(st)) {
      const resources =
        valueList(st['Resource']).join(', ') || `NotResource ${valueList(st['NotResource']).join(', ')}`;
      findings.push(finding('iot-any-role-alias', 'iot-policy', name, arn, '', ` (${resources})`, where));
    }
  });
  return findings;
}

/** Actions that make a role everything, or let it grant itself more. */
const ESCALATING_ACTIONS = [
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:PutUserPolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
];

/** The escalating actions an identity policy allows (`*` when it allows everything), whatever the resource. */
export function broadGrants(document: unknown): string[] {
  const out = new Set<string>();
  for (const st of statementsOf(document)) {
    if (st['Effect'] !== 'Allow') continue;
    if (valueList(st['Action']).includes('*')) out.add('*');
    else for (const action of ESCALATING_ACTIONS) if (grants(st, action)) out.add(action);
  }
  return [...out];
}

export interface RoleAliasView {
  name: string;
  arn: string;
  roleArn: string;
  durationSeconds: number;
  /** The role's policies (attached managed and inline), by name, with their documents (undefined: unreadable). */
  policies: Array<{ name: string; document: unknown }>;
}

/** The rules on a role alias and the role it names. */
export function auditRoleAlias(alias: RoleAliasView): Finding[] {
  const findings: Finding[] = [];
  const role = alias.roleArn.split('/').pop() ?? alias.roleArn;
  const prefix = ` (role ${role})`;
  const broad = alias.policies.flatMap((p) => {
    const actions = broadGrants(p.document);
    return actions.length ? [`${p.name}: ${actions.join(', ')}`] : [];
  });
  if (broad.length)
    findings.push(
      finding('role-alias-broad-role', 'role-alias', alias.name, alias.arn, prefix, ` (${broad.join('; ')})`),
    );
  if (alias.durationSeconds > DEFAULT_DURATION_SECONDS)
    findings.push(
      finding('role-alias-long-duration', 'role-alias', alias.name, alias.arn, prefix, ` (${alias.durationSeconds} s)`),
    );
  return findings;
}

/** The operators under which an aws:SourceArn condition admits only the ARNs its values match. */
const SOURCE_ARN_OPERATORS = /^(ForAnyValue:)?(StringEquals|StringLike|ArnEquals|ArnLike)(IfExists)?$/i;

/**
 * Whether a Roles Anywhere statement admits sessions verified by `anchorArn` without naming it: no aws:SourceArn
 * condition, or every one that matches the anchor does so through a wildcard (which matches anchors made later too).
 * A statement whose aws:SourceArn does not match the anchor does not admit it at all.
 */
function admitsAnchorUnpinned(st: Statement, anchorArn: string): boolean {
  const conditions = conditionsOn(st, (k) => k === 'aws:sourcearn').filter(({ operator }) =>
    SOURCE_ARN_OPERATORS.test(operator),
  );
  if (conditions.length === 0) return true;
  const wildcards = (operator: string) => !/^(ForAnyValue:)?StringEquals/i.test(operator);
  const matches = ({ operator, values }: { operator: string; values: string[] }) =>
    values.some((v) => (wildcards(operator) ? globMatches(v, anchorArn, true) : v === anchorArn));
  if (!conditions.every(matches)) return false;
  // Pinned when one condition (they are ANDed) lists only literal ARNs.
  return !conditions.some(({ operator, values }) => !wildcards(operator) || !values.some(hasWildcard));
}

export interface RolesAnywhereView {
  trustAnchors: TrustAnchorView[];
  profiles: ProfileView[];
  /** A role's trust policy, by ARN; undefined when the account has no such role. */
  trustOf: (roleArn: string) => unknown;
  /** A role's policies (as RoleAliasView's), by ARN; read for the roles of profiles without session policies. */
  policiesOf: (roleArn: string) => Array<{ name: string; document: unknown }>;
}

const roleName = (roleArn: string) => roleArn.split('/').pop() ?? roleArn;

/**
 * The rules on the Roles Anywhere control plane: enabled profiles and the roles they hand out, enabled trust anchors
 * and the roles that admit them. Disabled ones vend no session and are not reported; where a trust anchor's CA lives
 * (ACM PCA or a bundle) is not a finding.
 */
export function auditRolesAnywhere(view: RolesAnywhereView): Finding[] {
  const findings: Finding[] = [];
  const profiles = view.profiles.filter((p) => p.enabled);
  const raStatements = (roleArn: string) => statementsOf(view.trustOf(roleArn)).filter(admitsRolesAnywhere);
  for (const p of profiles) {
    const add = (rule: AuditRule, detail: string) => findings.push(finding(rule, 'profile', p.name, p.arn, '', detail));
    const open = p.roleArns.filter((r) => raStatements(r).some((st) => !namesSubject(st)));
    if (open.length) add('roles-anywhere-profile-no-subject', ` (${open.map(roleName).join(', ')})`);
    if (p.managedPolicyArns.length === 0 && !p.sessionPolicy) {
      const broad = p.roleArns.flatMap((r) =>
        view.policiesOf(r).flatMap((policy) => {
          const actions = broadGrants(policy.document);
          return actions.length ? [`role ${roleName(r)}, policy ${policy.name}: ${actions.join(', ')}`] : [];
        }),
      );
      if (broad.length) add('roles-anywhere-profile-broad-role', ` (${broad.join('; ')})`);
    }
    if (p.durationSeconds > DEFAULT_DURATION_SECONDS)
      add('roles-anywhere-profile-long-duration', ` (${p.durationSeconds} s)`);
  }
  const anchors = view.trustAnchors.filter((a) => a.enabled);
  for (const anchor of anchors) {
    const exposed = new Map<string, string[]>();
    for (const p of profiles)
      for (const r of p.roleArns)
        if (raStatements(r).some((st) => admitsAnchorUnpinned(st, anchor.arn)))
          exposed.set(r, [...(exposed.get(r) ?? []), p.name]);
    if (exposed.size === 0) continue;
    const roles = [...exposed].map(([r, through]) => `${roleName(r)} through ${through.join(', ')}`).join('; ');
    const others = anchors.length - 1;
    const also =
      others === 0
        ? ''
        : others === 1
          ? '; the other enabled trust anchor can take them too'
          : `; the ${others} other enabled trust anchors can take them too`;
    findings.push(
      finding('roles-anywhere-anchor-not-pinned', 'trust-anchor', anchor.name, anchor.arn, '', ` (${roles}${also})`),
    );
  }
  return findings;
}
