/** `bootstrap audit`: reads every role's trust policy (ListRoles only; nothing is written) and applies audit-rules. */
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { auditTrustPolicy, type Finding } from './audit-rules.js';
import { sdkError, type BootstrapClients } from './discover.js';

export async function auditRoles(
  clients: Pick<BootstrapClients, 'iam'>,
): Promise<{ roles: number; findings: Finding[] }> {
  const findings: Finding[] = [];
  let roles = 0;
  let marker: string | undefined;
  do {
    let page;
    try {
      page = await clients.iam.send(new ListRolesCommand({ Marker: marker }));
    } catch (err) {
      throw sdkError('iam:ListRoles', err, 'The audit needs iam:ListRoles on the account');
    }
    for (const role of page.Roles ?? []) {
      roles++;
      const raw = role.AssumeRolePolicyDocument;
      if (!raw || !role.RoleName || !role.Arn) continue;
      findings.push(...auditTrustPolicy(role.RoleName, role.Arn, parseDocument(raw)));
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return { roles, findings };
}

/** IAM returns policy documents URL-encoded. */
function parseDocument(raw: string): unknown {
  try {
    return JSON.parse(raw.trimStart().startsWith('{') ? raw : decodeURIComponent(raw)) as unknown;
  } catch {
    return undefined;
  }
}
