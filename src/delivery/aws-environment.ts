/** The AWS_* variables that carry a session to the AWS CLI and every SDK: one list, one mapping, for all front-ends. */
import type { Session } from '../credentials.js';

export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;
export const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;
/** Where the SDKs send S3 calls instead of AWS's S3 (MinIO's credentials are good only there). */
const S3_ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_S3';

/**
 * The session as variables. The session token is always set, empty when there is none, so an older token never pairs
 * with new keys.
 */
export function sessionEnvironment(session: Session, region: string): Array<[string, string]> {
  const c = session.credentials;
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ['AWS_SESSION_TOKEN', c.sessionToken ?? ''],
  ];
  if (c.expiration) vars.push(['AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString()]);
  for (const name of REGION_VARIABLES) vars.push([name, region]);
  if (session.serviceEndpoints?.s3) vars.push([S3_ENDPOINT_VARIABLE, session.serviceEndpoints.s3]);
  return vars;
}
