/**
 * The MinIO certificate-STS stand-in: MinIO's answers for each way a certificate or a parameter can be wrong, the S3
 * front that checks the issued credentials and forwards to moto, and MinIO's own Go client (minio-go) against it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { buildMinioGoClient, fixTlsIdentitySource, runMinioGoClient, type GoBuild } from './minio-go-client.js';
import { expirySeconds, MinioFault, startMinioStandIn, type MinioStandIn } from './minio-standin.js';
import { startMoto, type Moto } from '../support/moto.js';
import { createCa, issueCertificate, type IssuedCertificate } from './pki.js';
import { collect } from '../support/processes.js';
import { parseMinioCredentials, parseMinioError } from '../../src/providers/minio-response.js';
import { createPkiDir, type PkiDir } from './pki.js';
import { runAwsCliAsync } from '../support/aws-cli.js';

const HOUR = 3600_000;
const clientCa = createCa('MinIO Client CA');
const otherCa = createCa('Some Other CA');
const readwrite = issueCertificate(clientCa, { commonName: 'readwrite', clientAuth: true });
const twoPolicies = issueCertificate(clientCa, { commonName: 'nope,readwrite', clientAuth: true });
const noPolicy = issueCertificate(clientCa, { commonName: 'consoleAdmin', clientAuth: true });
const untrusted = issueCertificate(otherCa, { commonName: 'readwrite', clientAuth: true });
const serverOnly = issueCertificate(clientCa, { commonName: 'readwrite', serverAuth: true });
const noUsage = issueCertificate(clientCa, { commonName: 'readwrite' });
const expired = issueCertificate(clientCa, {
  commonName: 'readwrite',
  clientAuth: true,
  notBefore: new Date(Date.now() - 3 * HOUR),
  notAfter: new Date(Date.now() - HOUR),
});
const longLived = issueCertificate(clientCa, {
  commonName: 'readwrite',
  clientAuth: true,
  notAfter: new Date(Date.now() + 2 * 365 * 24 * HOUR),
});
const shortLived = issueCertificate(clientCa, {
  commonName: 'readwrite',
  clientAuth: true,
  notAfter: new Date(Date.now() + 20 * 60_000),
});

let minio: MinioStandIn;
let disabled: MinioStandIn;
let lenient: MinioStandIn;
let moto: Moto;
let pki: PkiDir;
let dir: string;

before(async () => {
  moto = await startMoto();
  const s3Upstream = { url: moto.url, accessKeyId: 'AKIAMOTOUPSTREAM0001', secretAccessKey: 'moto-secret' };
  minio = await startMinioStandIn({
    clientCaPems: [clientCa.certPem],
    policies: ['readwrite', 'readonly'],
    s3Upstream,
  });
  disabled = await startMinioStandIn({
    clientCaPems: [clientCa.certPem],
    policies: ['readwrite'],
    identityTlsEnabled: false,
  });
  lenient = await startMinioStandIn({ clientCaPems: [clientCa.certPem], policies: ['readwrite'], skipVerify: true });
  pki = createPkiDir();
  dir = await mkdtemp(join(tmpdir(), 'minio-standin-'));
});
after(async () => {
  await Promise.all([minio?.close(), disabled?.close(), lenient?.close(), moto?.stop()]);
  pki?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, htmlEntities: true });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: Record<string, any>;
}

function post(
  server: MinioStandIn,
  query: string,
  client: { certPem: string; keyPem: string } | null = readwrite,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/?${query}`,
        ca: server.serverCaPem,
        ...(client ? { cert: client.certPem, key: client.keyPem } : {}),
        ...(body ? { headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body: xml.parse(text) as Record<string, any>,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const STS = 'Action=AssumeRoleWithCertificate&Version=2011-06-15';

function stsError(answer: Answer): { status: number; code: string; message: string } {
  const error = answer.body['ErrorResponse']?.['Error'];
  assert.ok(error, `not an STS ErrorResponse: ${answer.text}`);
  assert.equal(answer.body['ErrorResponse']['@_xmlns'], 'https://sts.amazonaws.com/doc/2011-06-15/');
  assert.equal(error['Type'], '', 'MinIO never fills in <Type>');
  assert.equal(answer.body['ErrorResponse']['RequestId'], answer.headers['x-amz-request-id']);
  // The provider's parser reads the same from the stand-in's bytes.
  assert.deepEqual(parseMinioError(answer.text), { code: error['Code'], message: error['Message'] });
  return { status: answer.status, code: error['Code'], message: error['Message'] };
}

function credentialsOf(answer: Answer): Record<string, string> {
  assert.equal(answer.status, 200, answer.text);
  const response = answer.body['AssumeRoleWithCertificateResponse'];
  assert.equal(response['@_xmlns'], 'https://sts.amazonaws.com/doc/2011-06-15/');
  assert.equal(response['ResponseMetadata']['RequestId'], answer.headers['x-amz-request-id']);
  const credentials = response['AssumeRoleWithCertificateResult']['Credentials'];
  const session = parseMinioCredentials(answer.text, new Date(), 'https://localhost');
  assert.deepEqual(session.credentials, {
    accessKeyId: credentials['AccessKeyId'],
    secretAccessKey: credentials['SecretAccessKey'],
    sessionToken: credentials['SessionToken'],
    expiration: new Date(credentials['Expiration']),
  });
  return credentials;
}

test('a trusted certificate whose CN names a policy gets MinIO-shaped credentials for an hour by default', async () => {
  const before = Math.floor(Date.now() / 1000);
  const answer = await post(minio, STS);
  const c = credentialsOf(answer);
  assert.match(c['AccessKeyId']!, /^[0-9A-Z]{20}$/);
  assert.match(c['SecretAccessKey']!, /^[A-Za-z0-9+]{40}$/);
  assert.match(
    c['Expiration']!,
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    'whole seconds, as Go marshals time.Unix(exp, 0)',
  );
  const [header, claims] = c['SessionToken']!.split('.')
    .slice(0, 2)
    .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
  assert.deepEqual(header, { alg: 'HS512', typ: 'JWT' });
  assert.equal(claims?.['sub'], 'readwrite');
  assert.equal(claims?.['parent'], 'tls=readwrite');
  const expiresIn = Date.parse(c['Expiration']!) / 1000 - before;
  assert.ok(expiresIn >= 3599 && expiresIn <= 3601, `expires in ${expiresIn} s`);
  assert.equal(minio.issued.at(-1)?.accessKeyId, c['AccessKeyId']);
  assert.equal(answer.headers['content-type'], 'application/xml');
});

test('DurationSeconds is read from the query, within 900 s .. 365 days; a form body is ignored', async () => {
  const c = credentialsOf(await post(minio, `${STS}&DurationSeconds=900`));
  const expiresIn = Date.parse(c['Expiration']!) - Date.now();
  assert.ok(expiresIn > 890_000 && expiresIn <= 900_000, `expires in ${expiresIn} ms`);
  const year = credentialsOf(await post(minio, `${STS}&DurationSeconds=31536000`, longLived));
  assert.ok(
    Date.parse(year['Expiration']!) > Date.now() + 300 * 24 * HOUR,
    'a year is allowed when the certificate lasts',
  );
  for (const bad of ['899', '31536001', 'abc', '1e3', '0x400', ' 900', '-900', '99999999999999999999']) {
    assert.deepEqual(
      stsError(await post(minio, `${STS}&DurationSeconds=${encodeURIComponent(bad)}`)),
      { status: 400, code: 'MissingParameter', message: 'invalid token expiry' },
      bad,
    );
  }
  const form = credentialsOf(await post(minio, STS, readwrite, 'DurationSeconds=100'));
  const formExpiresIn = Date.parse(form['Expiration']!) - Date.now();
  assert.ok(formExpiresIn > 3590_000, 'DurationSeconds=100 in the body is not read: the default hour applies');
});

test('Go Atoi rules for DurationSeconds, directly', () => {
  assert.equal(expirySeconds(null), 3600);
  assert.equal(expirySeconds(''), 3600);
  assert.equal(expirySeconds('+900'), 900);
  assert.equal(expirySeconds('0000900'), 900);
  assert.throws(() => expirySeconds('900.0'), MinioFault);
});

test('the credentials never outlive the certificate', async () => {
  const c = credentialsOf(await post(minio, `${STS}&DurationSeconds=3600`, shortLived));
  const expiration = Date.parse(c['Expiration']!);
  assert.ok(
    expiration <= Date.parse(shortLived.cert.validTo),
    `${c['Expiration']} is after the certificate's ${shortLived.cert.validTo}`,
  );
  assert.ok(expiration > Date.now() + 18 * 60_000);
});

test('certificate refusals, as MinIO words them', async () => {
  assert.deepEqual(stsError(await post(minio, STS, untrusted)), {
    status: 400,
    code: 'InvalidClientCertificate',
    message: 'x509: certificate signed by unknown authority',
  });
  assert.deepEqual(stsError(await post(minio, STS, expired)), {
    status: 400,
    code: 'InvalidClientCertificate',
    message: 'x509: certificate has expired or is not yet valid',
  });
  assert.deepEqual(stsError(await post(minio, STS, serverOnly)), {
    status: 400,
    code: 'InvalidClientCertificate',
    message: 'x509: certificate specifies an incompatible key usage',
  });
  assert.deepEqual(stsError(await post(minio, STS, null)), {
    status: 400,
    code: 'MissingParameter',
    message: 'No client certificate provided',
  });
  // Go's verifier treats a certificate without extended key usage as fit for any purpose.
  credentialsOf(await post(minio, STS, noUsage));
});

test('a CN that names no policy is MinIO 500 InternalError; a CN listing one that exists is enough', async () => {
  const before = minio.issued.length;
  assert.deepEqual(stsError(await post(minio, STS, noPolicy)), {
    status: 500,
    code: 'InternalError',
    message: 'specified policy consoleAdmin, not found Specified canned policy does not exist',
  });
  assert.equal(minio.issued.length, before, 'nothing issued');
  credentialsOf(await post(minio, STS, twoPolicies));
});

test('a chain through an intermediate the client sends is verified; without the intermediate it is unknown', async () => {
  const root = pki.createRoot({ commonName: 'Chain Root' });
  const intermediate = pki.issueIntermediate(root, { commonName: 'Chain Intermediate' });
  const leaf = pki.issueLeaf(intermediate, { commonName: 'readonly' });
  const chained = await startMinioStandIn({ clientCaPems: [root.certPem], policies: ['readonly'] });
  try {
    credentialsOf(await post(chained, STS, { certPem: leaf.certPem + intermediate.certPem, keyPem: leaf.keyPem }));
    assert.equal(
      stsError(await post(chained, STS, { certPem: leaf.certPem, keyPem: leaf.keyPem })).message,
      'x509: certificate signed by unknown authority',
    );
  } finally {
    await chained.close();
  }
});

test('identity TLS switched off: no certificate is asked for and STS answers 503 STSNotInitialized', async () => {
  assert.deepEqual(stsError(await post(disabled, STS)), {
    status: 503,
    code: 'STSNotInitialized',
    message: "STS API 'AssumeRoleWithCertificate' is disabled",
  });
});

test('skip-verify trusts any issuer but still wants the client-auth usage', async () => {
  credentialsOf(await post(lenient, STS, untrusted));
  assert.deepEqual(stsError(await post(lenient, STS, noUsage)), {
    status: 400,
    code: 'MissingParameter',
    message: 'certificate is not valid for client authentication',
  });
  assert.deepEqual(stsError(await post(lenient, STS, serverOnly)), {
    status: 400,
    code: 'MissingParameter',
    message: 'certificate is not valid for client authentication',
  });
  assert.deepEqual(stsError(await post(lenient, STS, expired)), {
    status: 500,
    code: 'InternalError',
    message: 'Invalid arguments specified',
  });
});

test('a wrong Version or Action is no STS route: MinIO answers with its S3 catch-all error', async () => {
  for (const query of [
    'Action=AssumeRoleWithCertificate&Version=2010-01-01',
    'Action=AssumeRoleWithCertificat&Version=2011-06-15',
    'Action=AssumeRoleWithCertificate',
  ]) {
    const answer = await post(minio, query);
    assert.equal(answer.status, 400, query);
    assert.equal(answer.body['Error']?.['Code'], 'BadRequest', answer.text);
    assert.equal(answer.body['Error']?.['Message'], "An unsupported API call for method: POST at '/'");
    assert.deepEqual(parseMinioError(answer.text), {
      code: 'BadRequest',
      message: "An unsupported API call for method: POST at '/'",
    });
  }
});

test('the TLS handshake asks for a client certificate without naming acceptable CAs (and not at all when off)', async () => {
  const out = await sClient(minio);
  assert.match(out, /Client Certificate Types:/, 'a CertificateRequest was sent');
  assert.match(out, /No client certificate CA names sent/);
  assert.match(out, /Verify return code: 0 \(ok\)/, 'the server certificate verifies against the stand-in CA');
  assert.doesNotMatch(
    await sClient(disabled),
    /Client Certificate Types:/,
    'MinIO sets RequestClientCert only with identity TLS on',
  );
});

async function sClient(server: MinioStandIn): Promise<string> {
  const caPath = join(dir, `server-ca-${server.port}.pem`);
  await writeFile(caPath, server.serverCaPem);
  const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${server.port}`, '-CAfile', caPath, '-tls1_2'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end('Q\n');
  const { stdout, stderr } = await collect(child);
  return stdout + stderr;
}

// ---- S3 through the stand-in ------------------------------------------------------------------------------------

test('aws s3 with the issued credentials lands an object in moto; wrong keys or token are refused', async () => {
  const c = credentialsOf(await post(minio, STS));
  const caPath = join(dir, 'server-ca.pem');
  const file = join(dir, 'object.txt');
  await writeFile(caPath, minio.serverCaPem);
  await writeFile(file, 'hello from the minio stand-in\n');
  const env = {
    AWS_ACCESS_KEY_ID: c['AccessKeyId'],
    AWS_SECRET_ACCESS_KEY: c['SecretAccessKey'],
    AWS_SESSION_TOKEN: c['SessionToken'],
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CA_BUNDLE: caPath,
    HOME: dir,
  };
  const s3 = (args: string[], e: Record<string, string | undefined> = env) =>
    runAwsCliAsync(['--endpoint-url', minio.url, ...args], e);
  const mb = await s3(['s3', 'mb', 's3://standin-bucket']);
  assert.equal(mb.code, 0, mb.stderr);
  const cp = await s3(['s3', 'cp', file, 's3://standin-bucket/dir/object.txt']);
  assert.equal(cp.code, 0, cp.stderr);

  // Read back from moto directly, with moto's own credentials: the object really landed there.
  const direct = await runAwsCliAsync(
    [
      '--endpoint-url',
      moto.url,
      's3api',
      'get-object',
      '--bucket',
      'standin-bucket',
      '--key',
      'dir/object.txt',
      join(dir, 'back.txt'),
    ],
    {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: 'us-east-1',
      HOME: dir,
    },
  );
  assert.equal(direct.code, 0, direct.stderr);
  assert.equal(await readFile(join(dir, 'back.txt'), 'utf8'), 'hello from the minio stand-in\n');

  const badSecret = await s3(['s3api', 'list-objects-v2', '--bucket', 'standin-bucket'], {
    ...env,
    AWS_SECRET_ACCESS_KEY: 'wrong',
  });
  assert.notEqual(badSecret.code, 0);
  assert.match(badSecret.stderr, /SignatureDoesNotMatch/);
  const noToken = await s3(['s3api', 'list-objects-v2', '--bucket', 'standin-bucket'], {
    ...env,
    AWS_SESSION_TOKEN: undefined,
  });
  assert.match(noToken.stderr, /InvalidTokenId/);
  const unknown = await s3(['s3api', 'list-objects-v2', '--bucket', 'standin-bucket'], {
    ...env,
    AWS_ACCESS_KEY_ID: 'AKIANOTISSUEDHERE000',
  });
  assert.match(unknown.stderr, /InvalidAccessKeyId/);
  const list = await s3(['s3api', 'list-objects-v2', '--bucket', 'standin-bucket']);
  assert.equal(list.code, 0, list.stderr);
  assert.deepEqual(
    (list.json as { Contents: Array<{ Key: string }> }).Contents.map((o) => o.Key),
    ['dir/object.txt'],
  );
});

// ---- MinIO's own Go client ----------------------------------------------------------------------------------------

let build: GoBuild;
async function goClient(): Promise<GoBuild> {
  build ??= await buildMinioGoClient();
  return build;
}

async function files(name: string, cert: IssuedCertificate, server: MinioStandIn) {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  const caPath = join(dir, `${name}-server-ca.pem`);
  await writeFile(certPath, cert.certPem, { mode: 0o600 });
  await writeFile(keyPath, cert.keyPem, { mode: 0o600 });
  await writeFile(caPath, server.serverCaPem);
  return { endpoint: server.url, certPath, keyPath, caPath };
}

test('minio-go (NewSTSCertificateIdentity) gets credentials from the stand-in and parses them', async () => {
  const { binary, buildMs, goVersion } = await goClient();
  console.log(`minio-go client: ${goVersion}, build ${buildMs ? `${buildMs} ms` : 'cached'}`);
  const before = Date.now();
  const answer = await runMinioGoClient(binary, {
    ...(await files('go-readwrite', readwrite, minio)),
    durationSeconds: 1800,
  });
  assert.equal(answer.exitCode, 0, `${answer.stderr}\n${JSON.stringify(answer)}`);
  const issued = minio.issued.at(-1)!;
  assert.equal(answer.accessKeyId, issued.accessKeyId);
  assert.equal(answer.secretAccessKey, issued.secretAccessKey);
  assert.equal(answer.sessionToken, issued.sessionToken);
  // minio-go refreshes at 80 % of the lifetime it read: proof it parsed <Expiration>.
  const refreshIn = Date.parse(answer.refreshAt!) - before;
  assert.ok(refreshIn > 1800_000 * 0.75 && refreshIn < 1800_000 * 0.85, `refresh in ${refreshIn} ms`);
  const seen = minio.requests.at(-1)!;
  assert.equal(seen.method, 'POST');
  assert.match(seen.url, /[?&]DurationSeconds=1800(&|$)/, 'the fixed minio-go sends the duration in the query');
  assert.match(seen.url, /Action=AssumeRoleWithCertificate/);
});

test('minio-go sends an untrusted certificate (no CA names asked for) and decodes InvalidClientCertificate', async () => {
  const { binary } = await goClient();
  const answer = await runMinioGoClient(binary, await files('go-untrusted', untrusted, minio));
  assert.equal(answer.exitCode, 3, answer.stderr);
  assert.deepEqual(answer.error && { code: answer.error.code, type: answer.error.goType }, {
    code: 'InvalidClientCertificate',
    type: 'credentials.ErrorResponse',
  });
  assert.equal(answer.error?.message, 'x509: certificate signed by unknown authority');
  assert.match(answer.error?.requestId ?? '', /^[0-9A-F]+$/);
});

test('minio-go decodes the other STS errors: no policy, identity TLS off', async () => {
  const { binary } = await goClient();
  const none = await runMinioGoClient(binary, await files('go-no-policy', noPolicy, minio));
  assert.equal(none.error?.code, 'InternalError');
  const off = await runMinioGoClient(binary, await files('go-disabled', readwrite, disabled));
  assert.equal(off.error?.code, 'STSNotInitialized');
  assert.equal(off.error?.goType, 'credentials.ErrorResponse');
});

test("Debian's minio-go as shipped panics before sending; the overlay's fix is what makes it work", async () => {
  const requestsBefore = minio.requests.length;
  const shipped = await buildMinioGoClient({ fixed: false });
  const answer = await runMinioGoClient(shipped.binary, await files('go-shipped', readwrite, minio));
  assert.equal(answer.exitCode, 2, 'Go exits 2 on a panic');
  assert.match(answer.stderr, /panic: assignment to entry in nil map/);
  assert.equal(minio.requests.length, requestsBefore, 'nothing reached the server');
  assert.throws(() => fixTlsIdentitySource('package credentials\n'), /not the version this fix was written for/);
});
