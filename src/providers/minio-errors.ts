/**
 * What MinIO's AssumeRoleWithCertificate errors mean and whether to try again, per MinIO's source (cmd/sts-handlers.go,
 * cmd/sts-errors.go, internal/config/identity/tls, cmd/iam-store.go). Pure.
 */
import { AwsError } from '../errors.js';
import { MINIO_CALL } from './minio-response.js';

export interface MinioAdvice {
  hint: string;
  retryable: boolean;
}

const CERTIFICATE_INPUTS = 'the certificate and private-key inputs';

/** The advice for one error code and message; the message picks between causes that share a code. */
export function minioAdvice(status: number, code: string, message: string): MinioAdvice {
  const fix = (hint: string): MinioAdvice => ({ hint, retryable: false });
  switch (code) {
    case 'InvalidClientCertificate':
      if (/unknown authority/i.test(message)) {
        return fix(
          "MinIO does not trust the certificate's issuer: add that CA to the server's certs/CAs directory, and send any intermediate CAs with the certificate",
        );
      }
      if (/expired or is not yet valid/i.test(message))
        return fix(
          "The client certificate (or a CA in its chain) is expired or not yet valid: renew it, and check this machine's clock",
        );
      if (/key usage/i.test(message))
        return fix(
          'The client certificate needs extendedKeyUsage clientAuth (TLS Web Client Authentication), in the certificate and in any CA in its chain that restricts usages',
        );
      return fix(
        'MinIO rejected the client certificate: check that a CA MinIO trusts issued it, that it is valid now and allows client authentication',
      );
    case 'MissingParameter':
      if (/No client certificate/i.test(message)) {
        return fix(
          `MinIO received no client certificate: check ${CERTIFICATE_INPUTS}, and that nothing between this job and MinIO terminates TLS (the endpoint must be MinIO itself)`,
        );
      }
      if (/invalid token expiry/i.test(message))
        return fix('role-duration-seconds must be a whole number from 900 to 31536000 (365 days)');
      if (/CN cannot be empty/i.test(message))
        return fix("MinIO maps the certificate's subject CN to a policy: issue the certificate with CN=<policy name>");
      if (/not valid for client authentication/i.test(message))
        return fix('The client certificate needs extendedKeyUsage clientAuth (TLS Web Client Authentication)');
      return fix('');
    case 'InvalidParameterValue':
      if (/More than one client certificate/i.test(message))
        return fix(`Send one end-entity certificate (plus CA certificates): check ${CERTIFICATE_INPUTS}`);
      return fix('');
    case 'TooManyIntermediateCAs':
      return fix(
        'MinIO accepts at most 10 CA certificates with the client certificate: send only the chain up to a CA MinIO trusts',
      );
    case 'InsecureConnection':
      return fix('AssumeRoleWithCertificate needs TLS: use an https:// MinIO endpoint');
    case 'STSNotInitialized':
      if (/disabled/i.test(message))
        return fix(
          'Certificate STS is off on this MinIO server: start it with MINIO_IDENTITY_TLS_ENABLE=on (and a TLS certificate)',
        );
      return { hint: '', retryable: true };
    case 'STSIAMNotInitialized':
      return { hint: '', retryable: true };
    case 'InternalError':
      // SetTempUser fails this way when the CN names no policy: a configuration error, not a passing one.
      if (/specified policy .*not found/i.test(message)) {
        return fix(
          "The certificate's subject CN must name a MinIO policy (or a comma-separated list with at least one): create it (mc admin policy create) or issue a certificate with CN=<policy name>",
        );
      }
      return { hint: '', retryable: true };
    case 'AccessDenied':
      return fix('MinIO refused to issue credentials for this request: check the server policy for the certificate CN');
    case 'BadRequest':
      if (/unsupported API call/i.test(message))
        return fix(
          'The server has no AssumeRoleWithCertificate API here: check that the endpoint is a MinIO server recent enough to have it (2021-07 or later)',
        );
      return fix('');
    default:
      return { hint: '', retryable: status === 429 || status >= 500 };
  }
}

/** The AwsError for an error answer; `code` '' (a body that was not MinIO's) is reported by HTTP status. */
export function minioError(status: number, code: string, message: string): AwsError {
  const advice = minioAdvice(status, code, message);
  return new AwsError(MINIO_CALL, code || `HTTP ${status}`, message, advice.hint, advice.retryable);
}

/** The fix when MinIO's server certificate is not trusted. */
export const MINIO_UNTRUSTED_SERVER_FIX =
  "MinIO's server certificate is not trusted; TLS verification stays on: give its CA in ca-certificate " +
  '(on-premises MinIO is usually signed by a private CA)';
