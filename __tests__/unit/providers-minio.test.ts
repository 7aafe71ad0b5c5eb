/**
 * minio-certificate through the registry over a fake transport answering as MinIO does (cmd/sts-handlers.go): what
 * goes out (one POST, the parameters in the query, the client certificate in the TLS context), what comes back (a
 * Session with the S3 endpoint), which errors are retried, and that MinIO's JWT-shaped answers pass validateSession
 * while a hostile one does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfig } from '../../src/config/build-config.js';
import { createProviderContext } from '../../src/providers/context.js';
import { obtainSession } from '../../src/providers/registry.js';
import { AwsError } from '../../src/errors.js';
import type { HttpRequest, HttpResponse } from '../../src/http/request.js';
import { createCa, issueCertificate } from '../standins/pki.js';

const ENDPOINT = 'https://minio.internal.example:9000';
const AKID = 'Q3AM3UQ867SPQQA43P2F';
const SECRET = 'zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG';
const JWT =
  'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDAwMDAsInBhcmVudCI6InRscz1jaS1wdWJsaXNoIn0.dGhlLXNpZ25hdHVyZV9wYXJ0LQ';
const ca = createCa('MinIO Client CA');
const leaf = issueCertificate(ca, { commonName: 'ci-publish', clientAuth: true });

function okXml(expiration: Date, token = JWT): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<AssumeRoleWithCertificateResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithCertificateResult><Credentials><AccessKeyId>${AKID}</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey><SessionToken>${token}</SessionToken><Expiration>${expiration.toISOString().replace('.000Z', 'Z')}</Expiration></Credentials></AssumeRoleWithCertificateResult><ResponseMetadata><RequestId>17A</RequestId></ResponseMetadata></AssumeRoleWithCertificateResponse>`;
}

function errorXml(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type></Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>17B</RequestId></ErrorResponse>`;
}

async function run(answers: Array<(req: HttpRequest) => HttpResponse>, extra: Record<string, string> = {}) {
  const seen: HttpRequest[] = [];
  const masked: string[] = [];
  const inputs: Record<string, string> = {
    'minio-endpoint': ENDPOINT,
    certificate: leaf.certPem,
    'private-key': leaf.keyPem,
    'retry-max-attempts': '3',
    ...extra,
  };
  const config = buildConfig((name) => inputs[name] ?? '', {}, new Date(), '/home/runner');
  const clock = { now: () => Date.now(), sleep: async () => undefined, random: () => 0.5 };
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    seen.push(req);
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    return answer(req);
  };
  const ctx = createProviderContext({
    retry: config.retry,
    mask: (v) => masked.push(v),
    debug: () => undefined,
    http,
    clock,
  });
  try {
    return { seen, masked, result: await obtainSession(config, ctx), error: undefined };
  } catch (error) {
    return { seen, masked, result: undefined, error: error as Error };
  }
}

const inAnHour = () => new Date(Date.now() + 3600_000);
const ok = (req: HttpRequest): HttpResponse => ({
  status: 200,
  headers: { 'content-type': 'application/xml' },
  body: okXml(inAnHour()),
});
const fault = (status: number, code: string, message: string) => (): HttpResponse => ({
  status,
  headers: {},
  body: errorXml(code, message),
});

test('one POST with Action, Version and DurationSeconds in the query, the certificate in the TLS context; a Session for the S3 endpoint', async () => {
  const { seen, masked, result } = await run([ok], { 'role-duration-seconds': '7200' });
  assert.equal(seen.length, 1);
  const url = new URL(seen[0]!.url);
  assert.equal(`${url.protocol}//${url.host}`, ENDPOINT);
  assert.equal(seen[0]!.method, 'POST');
  assert.equal(seen[0]!.body, undefined, 'MinIO reads no body for this call');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    Action: 'AssumeRoleWithCertificate',
    Version: '2011-06-15',
    DurationSeconds: '7200',
  });
  assert.ok(seen[0]!.tls?.secureContext, 'the client certificate goes in the handshake');
  assert.equal(result?.final.credentials.accessKeyId, AKID);
  assert.equal(result?.final.credentials.sessionToken, JWT, "a JWT session token is MinIO's shape, accepted");
  assert.deepEqual(result?.final.serviceEndpoints, { s3: ENDPOINT });
  assert.equal(result?.final.assumedRoleArn, undefined);
  for (const secret of [AKID, SECRET, JWT]) assert.ok(masked.includes(secret), 'every credential is masked');
});

test('a PKCS#12 certificate is accepted as in Roles Anywhere', async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, readFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'minio-p12-'));
  try {
    writeFileSync(join(dir, 'c.pem'), leaf.certPem);
    writeFileSync(join(dir, 'k.pem'), leaf.keyPem);
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      join(dir, 'c.pem'),
      '-inkey',
      join(dir, 'k.pem'),
      '-passout',
      'pass:p12pass',
      '-out',
      join(dir, 'c.p12'),
    ]);
    const { result, error } = await run([ok], {
      'private-key': '',
      certificate: readFileSync(join(dir, 'c.p12')).toString('base64'),
      'private-key-passphrase': 'p12pass',
    });
    assert.equal(error, undefined, error?.message);
    assert.equal(result?.final.credentials.accessKeyId, AKID);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("InternalError for a CN with no policy is MinIO's configuration error: advice at once, no retry", async () => {
  const { seen, error } = await run([
    fault(500, 'InternalError', 'specified policy ci-publish, not found Specified canned policy does not exist'),
  ]);
  assert.equal(seen.length, 1, 'not retried as a 5xx');
  assert.ok(error instanceof AwsError);
  assert.equal(error.code, 'InternalError');
  assert.match(error.message, /subject CN must name a MinIO policy/);
});

test('the other MinIO errors become advice and are not retried', async () => {
  const cases: Array<[number, string, string, RegExp]> = [
    [400, 'InvalidClientCertificate', 'x509: certificate signed by unknown authority', /certs\/CAs/],
    [400, 'InvalidClientCertificate', 'x509: certificate specifies an incompatible key usage', /clientAuth/],
    [503, 'STSNotInitialized', "STS API 'AssumeRoleWithCertificate' is disabled", /MINIO_IDENTITY_TLS_ENABLE=on/],
    [400, 'MissingParameter', 'invalid token expiry', /900 to 31536000/],
    [400, 'MissingParameter', 'certificate is not valid for client authentication', /extendedKeyUsage clientAuth/],
  ];
  for (const [status, code, message, advice] of cases) {
    const { seen, error } = await run([fault(status, code, message)]);
    assert.equal(seen.length, 1, `${code}: not retried`);
    assert.ok(error instanceof AwsError, code);
    assert.match(error.message, advice);
  }
});

test('a truly transient error (IAM not yet initialised, a bare 503) is retried within retry-max-attempts', async () => {
  const init = await run([fault(503, 'STSIAMNotInitialized', 'STS IAM is not initialized'), ok]);
  assert.equal(init.seen.length, 2);
  assert.equal(init.result?.final.credentials.accessKeyId, AKID);
  const bare = await run([() => ({ status: 503, headers: {}, body: '<html>Service Unavailable</html>' })]);
  assert.equal(bare.seen.length, 3, 'retried up to retry-max-attempts');
  assert.match(bare.error?.message ?? '', /HTTP 503/);
});

test('hostile answers are refused before anything uses them', async () => {
  const answers: Array<[string, string]> = [
    ['a newline in the token', okXml(inAnHour(), `${JWT}&#10;AWS_ACCESS_KEY_ID=stolen`)],
    ['a token that is not a JWT', okXml(inAnHour(), 'not-a-jwt-but-long-enough')],
    ['an expiry past 365 days', okXml(new Date(Date.now() + 400 * 86400_000))],
  ];
  for (const [what, body] of answers) {
    const { error, masked } = await run([() => ({ status: 200, headers: {}, body })]);
    assert.ok(error instanceof AwsError, what);
    assert.match(error.code, /InvalidResponse|MalformedResponse/, what);
    assert.ok(!error.message.includes('stolen'), `${what}: the value is not echoed`);
    assert.ok(!masked.includes(AKID), `${what}: nothing delivered or masked`);
  }
});

test("an expiry within MinIO's 365 days passes, though it is past STS's 12 hours", async () => {
  const { result, error } = await run(
    [() => ({ status: 200, headers: {}, body: okXml(new Date(Date.now() + 300 * 86400_000)) })],
    { 'role-duration-seconds': '25920000' },
  );
  assert.equal(error, undefined, error?.message);
  assert.ok(result);
});
