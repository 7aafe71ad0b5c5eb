/**
 * Delivery through the local credentials endpoint: the variables that point every SDK at it, and those that shadow it.
 */
import type { ActionsOutput } from '../actions-output.js';
import { CREDENTIAL_VARIABLES, REGION_VARIABLES } from '../aws-environment.js';

export const ENDPOINT_URL_VARIABLE = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const ENDPOINT_TOKEN_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const ENDPOINT_TOKEN_FILE_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';

/** botocore and the JS SDK assume a role from these before the container provider. */
export const WEB_IDENTITY_VARIABLES = ['AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_SESSION_NAME'] as const;

/**
 * What every SDK reads before a full container URI, and would use instead of the endpoint: static keys, a profile,
 * web identity, a relative container URI, and a token file (preferred to the token variable).
 */
export const SHADOWING_VARIABLES = [
  ...CREDENTIAL_VARIABLES,
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  ...WEB_IDENTITY_VARIABLES,
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  ENDPOINT_TOKEN_FILE_VARIABLE,
];

/**
 * Static keys win over the endpoint in every SDK, so earlier ones are cleared: an empty value counts as unset in
 * botocore, the AWS CLI and the JS SDK. The token goes in a file: botocore and the JS SDK prefer a token file to the
 * variable, so a file exported by an earlier step (EKS Pod Identity's) would otherwise be sent instead of ours.
 */
export function exportEndpointEnvironment(
  out: ActionsOutput,
  endpoint: { url: string; tokenFile: string },
  region: string,
): void {
  for (const name of [...CREDENTIAL_VARIABLES, ENDPOINT_TOKEN_VARIABLE]) out.exportVariable(name, '');
  out.exportVariable(ENDPOINT_URL_VARIABLE, endpoint.url);
  out.exportVariable(ENDPOINT_TOKEN_FILE_VARIABLE, endpoint.tokenFile);
  for (const name of REGION_VARIABLES) out.exportVariable(name, region);
}
