/** Delivery through the local credentials endpoint: the variables that point every SDK at it, and none that shadow it. */
import type { ActionsOutput } from './actions-output.js';

export const ENDPOINT_URL_VARIABLE = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const ENDPOINT_TOKEN_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
export const ENDPOINT_TOKEN_FILE_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';

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
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_CREDENTIAL_EXPIRATION',
    ENDPOINT_TOKEN_VARIABLE,
  ])
    out.exportVariable(name, '');
  out.exportVariable(ENDPOINT_URL_VARIABLE, endpoint.url);
  out.exportVariable(ENDPOINT_TOKEN_FILE_VARIABLE, endpoint.tokenFile);
  out.exportVariable('AWS_REGION', region);
  out.exportVariable('AWS_DEFAULT_REGION', region);
}
