/**
 * What `doctor` reads from the account, read-only: the role's trust policy (iam:GetRole) and the OIDC provider's
 * audiences and thumbprints (iam:GetOpenIDConnectProvider). A read that is denied is reported with the permission it
 * needs, so what can be evaluated still is; any other failure is an AwsError naming the call.
 */
import { GetOpenIDConnectProviderCommand, GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { isNotFound, sdkError } from '../bootstrap/discover.js';
import { parseDocument } from '../bootstrap/policy-document.js';
import { READ_FAILED } from './advice.js';

/** A read's outcome: the value, absent (NoSuchEntity), or refused for want of `permission`. */
export type Read<T> = { value: T } | { absent: true } | { denied: string };

export interface ProviderFacts {
  clientIds: string[];
  thumbprints: string[];
}

function isDenied(err: unknown): boolean {
  const e = err as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? e?.name ?? '';
  // A 403 that names invalid or expired credentials (InvalidClientTokenId, ExpiredToken) is not a denial: it is thrown.
  if (/^AccessDenied|^UnauthorizedOperation$|^Forbidden$/.test(code)) return true;
  return e?.$metadata?.httpStatusCode === 403 && !/Token|Signature|Credential/i.test(code);
}

async function read<T>(permission: string, run: () => Promise<T | undefined>): Promise<Read<T>> {
  try {
    const value = await run();
    return value === undefined ? { absent: true } : { value };
  } catch (err) {
    if (isNotFound(err)) return { absent: true };
    if (isDenied(err)) return { denied: permission };
    throw sdkError(permission, err, READ_FAILED);
  }
}

/** The role's trust policy as a document (IAM returns it URL-encoded). */
export function readTrustPolicy(iam: IAMClient, roleName: string): Promise<Read<unknown>> {
  return read('iam:GetRole', async () => {
    const role = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role;
    return role?.AssumeRolePolicyDocument ? parseDocument(role.AssumeRolePolicyDocument) : undefined;
  });
}

export function readProvider(iam: IAMClient, providerArn: string): Promise<Read<ProviderFacts>> {
  return read('iam:GetOpenIDConnectProvider', async () => {
    const got = await iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: providerArn }));
    return { clientIds: got.ClientIDList ?? [], thumbprints: got.ThumbprintList ?? [] };
  });
}
