/** Reading the IoT credentials provider's answers: the credentials, or an error turned into advice. Pure. */
import type { IotSource } from '../config/model.js';
import type { Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import { validateSession } from './validate-session.js';

const CALL = 'iot:AssumeRoleWithCertificate';

/** The credentials in a 200 answer from `endpoint`, checked field by field (validate-session.ts). */
export function parseIotCredentials(body: string, now: Date, endpoint: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AwsError(
      CALL,
      'MalformedResponse',
      'HTTP 200 with a body that is not JSON',
      'Check that iot-credential-endpoint is the credentials provider, not a proxy or the data endpoint',
      false,
    );
  }
  const c = (parsed as { credentials?: Record<string, unknown> } | null)?.credentials;
  const fields = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'] as const;
  if (!c || fields.some((f) => typeof c[f] !== 'string' || c[f] === '')) {
    throw new AwsError(
      CALL,
      'MalformedResponse',
      'HTTP 200 without credentials.accessKeyId/secretAccessKey/sessionToken/expiration',
      'Check that iot-credential-endpoint is the credentials provider',
      false,
    );
  }
  return validateSession(
    {
      credentials: {
        accessKeyId: c['accessKeyId'] as string,
        secretAccessKey: c['secretAccessKey'] as string,
        sessionToken: c['sessionToken'] as string,
        expiration: new Date(c['expiration'] as string),
      },
    },
    { call: CALL, endpoint, now },
  );
}

export function iotError(status: number, body: string, source: Pick<IotSource, 'roleAlias' | 'thingName'>): AwsError {
  let message = '';
  try {
    message = String((JSON.parse(body) as { message?: unknown }).message ?? '');
  } catch {
    message = body.slice(0, 200).replace(/\s+/g, ' ');
  }
  const retryable = status === 429 || status >= 500;
  return new AwsError(CALL, `HTTP ${status}`, message, retryable ? '' : iotHint(status, message, source), retryable);
}

function iotHint(status: number, message: string, source: Pick<IotSource, 'roleAlias' | 'thingName'>): string {
  if (status === 403 && /thing name/i.test(message)) {
    return source.thingName
      ? `thing-name '${source.thingName}' must be the thing the certificate is attached to (aws iot list-principal-things --principal <certificate-arn>)`
      : "The IoT policy's condition needs the thing name: set thing-name to the thing the certificate is attached to";
  }
  if (status === 403) {
    return `Check that the certificate is ACTIVE and attached to the thing, and that its IoT policy allows iot:AssumeRoleWithCertificate on the role alias '${source.roleAlias}' (arn:aws:iot:<region>:<account>:rolealias/${source.roleAlias})`;
  }
  if (status === 404) {
    return `The role alias '${source.roleAlias}' does not exist in the endpoint's account and region: check role-alias (aws iot list-role-aliases)`;
  }
  if (status === 400) {
    return "The role alias's role cannot be assumed: its trust policy must allow credentials.iot.amazonaws.com to sts:AssumeRole, and the alias's credentialDurationSeconds must not exceed the role's maximum session duration";
  }
  if (status === 401) {
    return 'The endpoint did not accept the certificate: register it with AWS IoT in this region and make it ACTIVE';
  }
  return '';
}

/** The fix when the credentials provider refuses the client certificate in the TLS handshake. */
export const IOT_CERTIFICATE_REFUSED_FIX =
  "Register the certificate (or its CA) with AWS IoT in the endpoint's region and make it ACTIVE; " +
  'a revoked or unknown certificate is refused here';
