/** MinIO error codes → advice and the retry flag, per MinIO's source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minioAdvice, minioError } from '../../src/providers/minio-errors.js';

test('certificate problems name their cause and are not retried', () => {
  assert.match(
    minioAdvice(400, 'InvalidClientCertificate', 'x509: certificate signed by unknown authority').hint,
    /certs\/CAs/,
  );
  assert.match(
    minioAdvice(400, 'InvalidClientCertificate', 'x509: certificate has expired or is not yet valid: current time')
      .hint,
    /renew/,
  );
  assert.match(
    minioAdvice(400, 'InvalidClientCertificate', 'x509: certificate specifies an incompatible key usage').hint,
    /clientAuth/,
  );
  assert.match(minioAdvice(400, 'MissingParameter', 'No client certificate provided').hint, /no client certificate/i);
  assert.match(
    minioAdvice(400, 'MissingParameter', 'certificate is not valid for client authentication').hint,
    /clientAuth/,
  );
  assert.match(minioAdvice(400, 'MissingParameter', 'certificate subject CN cannot be empty').hint, /CN=<policy name>/);
  assert.match(
    minioAdvice(400, 'InvalidParameterValue', 'More than one client certificate provided').hint,
    /one end-entity/,
  );
  assert.match(minioAdvice(400, 'TooManyIntermediateCAs', '').hint, /10/);
  for (const code of [
    'InvalidClientCertificate',
    'MissingParameter',
    'InvalidParameterValue',
    'TooManyIntermediateCAs',
    'InsecureConnection',
    'AccessDenied',
    'BadRequest',
  ]) {
    assert.equal(minioAdvice(400, code, 'x').retryable, false, code);
  }
});

test('the duration error points at role-duration-seconds with MinIO bounds', () => {
  assert.match(
    minioAdvice(400, 'MissingParameter', 'invalid token expiry').hint,
    /role-duration-seconds .*900 .*31536000/,
  );
});

test('a CN naming no policy is a 500 that retrying will not fix; other 500s and 503s are retried', () => {
  const noPolicy = minioAdvice(
    500,
    'InternalError',
    'specified policy consoleAdmin, not found Specified canned policy does not exist',
  );
  assert.deepEqual(
    { retryable: noPolicy.retryable, names: /mc admin policy create/.test(noPolicy.hint) },
    { retryable: false, names: true },
  );
  assert.deepEqual(
    minioAdvice(500, 'InternalError', 'We encountered an internal error generating credentials, please try again.'),
    { hint: '', retryable: true },
  );
  assert.deepEqual(minioAdvice(503, 'STSIAMNotInitialized', 'STS IAM not initialized, please try again.'), {
    hint: '',
    retryable: true,
  });
  assert.deepEqual(minioAdvice(503, 'STSNotInitialized', 'STS API not initialized, please try again.'), {
    hint: '',
    retryable: true,
  });
});

test('identity TLS switched off on the server is not retried and names MINIO_IDENTITY_TLS_ENABLE', () => {
  const off = minioAdvice(503, 'STSNotInitialized', "STS API 'AssumeRoleWithCertificate' is disabled");
  assert.equal(off.retryable, false);
  assert.match(off.hint, /MINIO_IDENTITY_TLS_ENABLE=on/);
});

test('unknown codes fall back on the status; the AwsError carries call, code and message', () => {
  assert.deepEqual(minioAdvice(502, 'SomethingNew', ''), { hint: '', retryable: true });
  assert.deepEqual(minioAdvice(429, 'SlowDown', ''), { hint: '', retryable: true });
  assert.deepEqual(minioAdvice(404, 'SomethingNew', ''), { hint: '', retryable: false });
  const err = minioError(400, 'InvalidClientCertificate', 'x509: certificate signed by unknown authority');
  assert.equal(err.call, 'minio:AssumeRoleWithCertificate');
  assert.match(
    err.message,
    /^minio:AssumeRoleWithCertificate failed: InvalidClientCertificate: x509: certificate signed by unknown authority\. MinIO does not trust/,
  );
  assert.equal(minioError(502, '', '').code, 'HTTP 502');
});
