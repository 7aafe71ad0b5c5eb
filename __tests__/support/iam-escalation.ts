/**
 * "The escalation check": walks IAM policy documents (moto evaluates few conditions, so the documents are read, not
 * the service) and lists every published privilege-escalation action a document allows without the guard that closes
 * it. The actions are those of Rhino Security Labs' "AWS IAM Privilege Escalation" methods, Bishop Fox's
 * iam-vulnerable paths and AWS's guidance on delegating role creation with permissions boundaries; the condition keys
 * and which actions support them are from AWS's Service Authorization Reference (IAM, IoT).
 */

type Statement = Record<string, unknown>;
interface Document {
  Statement: Statement[] | Statement;
}

/** Which guard an action needs to be harmless, if any can make it so. */
type Guard =
  /** No guard makes it safe: it must not be allowed at all. */
  | 'never'
  /** Only with `iam:PermissionsBoundary` equal to the operator's boundary. */
  | 'boundary'
  /** The boundary, and `iam:PolicyARN` limited to the allowed managed policies. */
  | 'boundary+policy'
  /** Only to IoT's credentials provider (`iam:PassedToService`), only for gh-* roles. */
  | 'pass-to-iot'
  /** Only on gh-* IoT resources (IoT role aliases: what they name is checked by PassRole). */
  | 'gh-iot-only';

const ESCALATION_ACTIONS: Record<string, Guard> = {
  // Policy versions and default versions.
  'iam:CreatePolicyVersion': 'never',
  'iam:SetDefaultPolicyVersion': 'never',
  'iam:CreatePolicy': 'never',
  // Credentials of users.
  'iam:CreateAccessKey': 'never',
  'iam:CreateLoginProfile': 'never',
  'iam:UpdateLoginProfile': 'never',
  'iam:UploadSSHPublicKey': 'never',
  'iam:CreateUser': 'never',
  // Attach/put on users, groups and roles.
  'iam:AttachUserPolicy': 'never',
  'iam:AttachGroupPolicy': 'never',
  'iam:PutUserPolicy': 'never',
  'iam:PutGroupPolicy': 'never',
  'iam:PutRolePolicy': 'never',
  'iam:AddUserToGroup': 'never',
  'iam:AttachRolePolicy': 'boundary+policy',
  'iam:CreateRole': 'boundary',
  // Boundaries themselves.
  'iam:DeleteRolePermissionsBoundary': 'never',
  'iam:PutRolePermissionsBoundary': 'never',
  'iam:DeleteUserPermissionsBoundary': 'never',
  'iam:PutUserPermissionsBoundary': 'never',
  // Trust rewrites, and assuming what was rewritten.
  'iam:UpdateAssumeRolePolicy': 'never',
  'sts:AssumeRole': 'never',
  // Pass-role to compute (with what runs the passed role's credentials).
  'iam:PassRole': 'pass-to-iot',
  'ec2:RunInstances': 'never',
  'lambda:CreateFunction': 'never',
  'lambda:UpdateFunctionCode': 'never',
  'lambda:InvokeFunction': 'never',
  'lambda:CreateEventSourceMapping': 'never',
  'glue:CreateDevEndpoint': 'never',
  'glue:UpdateDevEndpoint': 'never',
  'cloudformation:CreateStack': 'never',
  'cloudformation:UpdateStack': 'never',
  'datapipeline:CreatePipeline': 'never',
  'ecs:RegisterTaskDefinition': 'never',
  'ecs:RunTask': 'never',
  'codebuild:CreateProject': 'never',
  'sagemaker:CreateNotebookInstance': 'never',
  'sagemaker:CreatePresignedNotebookInstanceUrl': 'never',
  'ssm:SendCommand': 'never',
  'ssm:StartSession': 'never',
  'ec2-instance-connect:SendSSHPublicKey': 'never',
  // IoT role aliases: credentials for the role an alias names.
  'iot:CreateRoleAlias': 'gh-iot-only',
  'iot:UpdateRoleAlias': 'gh-iot-only',
};

export interface EscalationLimits {
  boundaryArn: string;
  allowedPolicyArns: string[];
}

const statements = (doc: Document): Statement[] => [doc.Statement].flat();
const list = (v: unknown): string[] => (v === undefined ? [] : [v].flat().map(String));

/** IAM's wildcard match: `*` any run, `?` one character, case-insensitive (action names are). */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(action);
}

export function covers(st: Statement, action: string): boolean {
  if ('NotAction' in st) return !list(st['NotAction']).some((p) => actionMatches(p, action));
  return list(st['Action']).some((p) => actionMatches(p, action));
}

/** The values a statement's condition gives `key` under `operator` (both compared as IAM does: keys case-insensitive). */
function conditionValues(st: Statement, operator: string, key: string): string[] | undefined {
  const cond = (st['Condition'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [op, block] of Object.entries(cond)) {
    if (op !== operator) continue;
    for (const [k, v] of Object.entries(block)) if (k.toLowerCase() === key.toLowerCase()) return list(v);
  }
  return undefined;
}

/** Denied whatever the request: an unconditional Deny on every resource. */
export function alwaysDenied(doc: Document, action: string): boolean {
  return statements(doc).some(
    (st) =>
      st['Effect'] === 'Deny' &&
      !st['Condition'] &&
      list(st['Resource']).includes('*') &&
      !('NotResource' in st) &&
      covers(st, action),
  );
}

/** Why one allowing statement leaves the action open, or undefined when its guard holds. */
function open(st: Statement, action: string, guard: Guard, limits: EscalationLimits): string | undefined {
  if ('NotResource' in st) return 'NotResource';
  const resources = list(st['Resource']);
  const boundary = conditionValues(st, 'StringEquals', 'iam:PermissionsBoundary');
  const hasBoundary = boundary !== undefined && boundary.length === 1 && boundary[0] === limits.boundaryArn;
  switch (guard) {
    case 'never':
      return 'allowed';
    case 'boundary':
      return hasBoundary ? undefined : 'without the boundary condition';
    case 'boundary+policy': {
      if (!hasBoundary) return 'without the boundary condition';
      const arns =
        conditionValues(st, 'ArnEquals', 'iam:PolicyARN') ?? conditionValues(st, 'StringEquals', 'iam:PolicyARN');
      if (!arns) return 'without an iam:PolicyARN condition';
      const outside = arns.filter((a) => a.includes('*') || !limits.allowedPolicyArns.includes(a));
      return outside.length ? `iam:PolicyARN admits ${outside.join(', ')}` : undefined;
    }
    case 'pass-to-iot': {
      const to = conditionValues(st, 'StringEquals', 'iam:PassedToService');
      if (!to || to.length !== 1 || to[0] !== 'credentials.iot.amazonaws.com') return 'to any service';
      const wide = resources.filter((r) => !/:role\/gh-\*$/.test(r));
      return wide.length ? `on ${wide.join(', ')}` : undefined;
    }
    case 'gh-iot-only': {
      // A resource that can name a role alias other than gh-*: '*', 'arn:...:*', or another alias pattern.
      const wide = resources.filter(
        (r) => r === '*' || /:\*$/.test(r) || (/:rolealias\//.test(r) && !/:rolealias\/gh-\*$/.test(r)),
      );
      return wide.length ? `on ${wide.join(', ')}` : undefined;
    }
  }
}

/** Every escalation action the document allows without its guard: "action: why" lines, empty when none is open. */
export function openEscalations(doc: Document, limits: EscalationLimits): string[] {
  const found: string[] = [];
  for (const [action, guard] of Object.entries(ESCALATION_ACTIONS)) {
    if (alwaysDenied(doc, action)) continue;
    for (const st of statements(doc)) {
      if (st['Effect'] !== 'Allow' || !covers(st, action)) continue;
      const why = open(st, action, guard, limits);
      if (why) found.push(`${action}: ${why} (statement ${String(st['Sid'] ?? '?')})`);
    }
  }
  return found;
}

/** Every IAM create, put or attach the document allows, with whether it carries the boundary condition. */
export function unboundedWrites(doc: Document, limits: EscalationLimits): string[] {
  const found: string[] = [];
  for (const st of statements(doc)) {
    if (st['Effect'] !== 'Allow') continue;
    for (const action of list(st['Action']).filter((a) => /^iam:(Create|Put|Attach)/i.test(a))) {
      if (alwaysDenied(doc, action)) continue;
      const boundary = conditionValues(st, 'StringEquals', 'iam:PermissionsBoundary');
      if (!boundary || boundary.length !== 1 || boundary[0] !== limits.boundaryArn) found.push(action);
    }
  }
  return found;
}

/** The escalation actions a boundary document does not deny outright (those a bounded role could still call). */
export function notDeniedByBoundary(boundary: Document): string[] {
  return Object.entries(ESCALATION_ACTIONS)
    .filter(([action]) => action.startsWith('iam:') && !alwaysDenied(boundary, action))
    .map(([action]) => action);
}
