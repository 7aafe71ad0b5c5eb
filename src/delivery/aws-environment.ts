/** The AWS_* variables that carry a session to the AWS CLI and every SDK: one list, one mapping, for all front-ends. */
import type { Session } from '../credentials.js';
import type { Env } from '../config/sources/inputs.js';

export const CREDENTIAL_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
] as const;
export const REGION_VARIABLES = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const;
/** Where the SDKs send S3 calls instead of AWS's S3 (MinIO's credentials are good only there). */
const S3_ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_S3';
/** Exported beside it with the same value: which S3 endpoint this action set, so a later step may take it back. */
const S3_ENDPOINT_MARK = 'ASLC_MINIO_S3_ENDPOINT';

/**
 * The S3 endpoint an earlier step of this action exported (still as it set it), for a step that delivers credentials
 * without one: AWS credentials must not be sent to a MinIO host. One the user set is never touched.
 */
export function staleS3Endpoint(env: Env): string | undefined {
  const value = env[S3_ENDPOINT_VARIABLE];
  return value && value === env[S3_ENDPOINT_MARK] ? value : undefined;
}

/** The action's mark beside an exported S3 endpoint; both are cleared to take it back. */
export const S3_ENDPOINT_VARIABLES = [S3_ENDPOINT_VARIABLE, S3_ENDPOINT_MARK] as const;

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
