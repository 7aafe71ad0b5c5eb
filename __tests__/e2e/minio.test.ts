/**
 * minio-certificate end to end: dist/ run as the runner runs it against the MinIO stand-in (client certificates
 * verified as MinIO verifies them, CN → policy, MinIO's errors), then the real AWS CLI with only what the step left
 * behind (the exported variables, or the profile) puts an object through the stand-in's S3 front into moto.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { errorAnnotation, runAction, type RunResult } from '../support/action-runner.js';
import { collect, ROOT } from '../support/processes.js';
import { runAwsCliAsync } from '../support/aws-cli.js';
import { startMinioStandIn, type MinioStandIn } from '../standins/minio-standin.js';
import { startMoto, type Moto } from '../support/moto.js';
import { createCa, issueCertificate } from '../standins/pki.js';
import { SecretLedger } from '../support/secrets.js';

const HOUR = 3600_000;
const clientCa = createCa('MinIO Client CA');
const otherCa = createCa('Some Other CA');
const publisher = issueCertificate(clientCa, { commonName: 'ci-publish', clientAuth: true });
const noPolicy = issueCertificate(clientCa, { commonName: 'consoleAdmin', clientAuth: true });
const untrusted = issueCertificate(otherCa, { commonName: 'ci-publish', clientAuth: true });
const serverOnly = issueCertificate(clientCa, { commonName: 'ci-publish', serverAuth: true });
const MOTO_KEYS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' };
const BUCKET = 'ci-artifacts';

let moto: Moto;
let minio: MinioStandIn;
let disabled: MinioStandIn;
let dir: string;
let serverCaFile: string;
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  dir = mkdtempSync(join(tmpdir(), 'aslc-minio-e2e-'));
  minio = await startMinioStandIn({
    clientCaPems: [clientCa.certPem],
    policies: ['ci-publish'],
    s3Upstream: { url: moto.url, accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  disabled = await startMinioStandIn({
    clientCaPems: [clientCa.certPem],
    policies: ['ci-publish'],
    identityTlsEnabled: false,
  });
  serverCaFile = join(dir, 'minio-ca.pem');
  writeFileSync(serverCaFile, minio.serverCaPem);
  const mb = await runAwsCliAsync(['--endpoint-url', moto.url, 's3', 'mb', `s3://${BUCKET}`], {
    ...MOTO_KEYS,
    HOME: dir,
  });
  assert.equal(mb.code, 0, mb.stderr);
  for (const c of [publisher, noPolicy, untrusted, serverOnly]) ledger.add('client private key', c.keyPem);
});
after(async () => {
  await disabled?.close();
  await minio?.close();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function inputs(extra: Record<string, string> = {}, server = () => minio): Record<string, string> {
  return {
    'minio-endpoint': server().url,
    certificate: publisher.certPem,
    'private-key': publisher.keyPem,
    'ca-certificate': server().serverCaPem,
    ...extra,
  };
}

const stsCount = (server: MinioStandIn) => server.requests.filter((r) => r.kind === 'sts').length;

/** The object read back from moto with moto's own keys: proof it went through MinIO's S3 front. */
async function readFromMoto(key: string): Promise<string> {
  const out = join(dir, `back-${Date.now()}`);
  const get = await runAwsCliAsync(
    ['--endpoint-url', moto.url, 's3api', 'get-object', '--bucket', BUCKET, '--key', key, out],
    { ...MOTO_KEYS, HOME: dir },
  );
  assert.equal(get.code, 0, get.stderr);
  return readFileSync(out, 'utf8');
}

describe('success', () => {
  let run: RunResult;
  before(async () => {
    run = await runAction('main', { inputs: inputs({ 'role-duration-seconds': '7200' }) });
  });

  test('exports the credentials, the default region and AWS_ENDPOINT_URL_S3; outputs aws-expiration; masks; summary', () => {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    ledger.addDelivered(run);
    ledger.assertNoLeak(run);
    const issued = minio.issued.at(-1)!;
    assert.equal(run.exported['AWS_ACCESS_KEY_ID'], issued.accessKeyId);
    assert.equal(run.exported['AWS_SESSION_TOKEN'], issued.sessionToken);
    assert.equal(run.exported['AWS_ENDPOINT_URL_S3'], minio.url);
    assert.equal(run.exported['AWS_REGION'], 'us-east-1', 'aws-region defaults to us-east-1 for MinIO');
    assert.equal(run.outputs['aws-expiration'], issued.expiration.toISOString());
    assert.ok(Math.abs(issued.expiration.getTime() - Date.now() - 2 * HOUR) < 60_000, 'DurationSeconds reached MinIO');
    assert.equal(run.outputs['aws-assumed-role-arn'], undefined, 'MinIO reports no AWS role');
    for (const secret of [issued.accessKeyId, issued.secretAccessKey, issued.sessionToken])
      assert.ok(run.stdout.includes(`::add-mask::${secret}`), 'masked');
    assert.match(run.summary, /\| Mode \| minio-certificate \|/);
    assert.ok(run.summary.includes(`| Endpoints | S3: ${minio.url} |`), run.summary);
    assert.equal(new URL(minio.requests.at(-1)!.url, 'https://x').searchParams.get('DurationSeconds'), '7200');
  });

  test('the AWS CLI, with only the exported variables (and the CA bundle), copies an object to MinIO with no --endpoint-url', async () => {
    const file = join(dir, 'artefact.txt');
    writeFileSync(file, 'build 42\n');
    const cp = await runAwsCliAsync(['s3', 'cp', file, `s3://${BUCKET}/env/artefact.txt`], {
      ...run.exported,
      AWS_CA_BUNDLE: serverCaFile,
      HOME: run.workspace.home,
    });
    assert.equal(cp.code, 0, cp.stderr);
    assert.equal(await readFromMoto('env/artefact.txt'), 'build 42\n');
    assert.ok(
      minio.requests.some((r) => r.kind === 's3' && r.method === 'PUT' && r.status === 200),
      'the PUT went through MinIO, signed with the issued keys',
    );
  });
});

test('profile delivery: aws s3 cp with AWS_PROFILE reaches MinIO through the [services] section; the post step removes it', async () => {
  const run = await runAction('main', { inputs: inputs({ profile: 'minio', 'output-env-credentials': 'false' }) });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.exported['AWS_ENDPOINT_URL_S3'], undefined, 'no env delivery asked');
  const config = readFileSync(run.exported['AWS_CONFIG_FILE']!, 'utf8');
  assert.match(config, /\[profile minio\]\nregion = us-east-1\nservices = aslc-minio\n/);
  const file = join(dir, 'profile-artefact.txt');
  writeFileSync(file, 'from the profile\n');
  const env = {
    AWS_PROFILE: run.exported['AWS_PROFILE'],
    AWS_CONFIG_FILE: run.exported['AWS_CONFIG_FILE'],
    AWS_SHARED_CREDENTIALS_FILE: run.exported['AWS_SHARED_CREDENTIALS_FILE'],
    AWS_CA_BUNDLE: serverCaFile,
    HOME: run.workspace.home,
  };
  const cp = await runAwsCliAsync(['s3', 'cp', file, `s3://${BUCKET}/profile/artefact.txt`], env);
  assert.equal(cp.code, 0, cp.stderr);
  assert.equal(await readFromMoto('profile/artefact.txt'), 'from the profile\n');

  const post = await runAction('post', { workspace: run.workspace, state: run.state });
  assert.equal(post.code, 0, post.stdout + post.stderr);
  assert.ok(
    !existsSync(run.exported['AWS_CONFIG_FILE']!) ||
      !readFileSync(run.exported['AWS_CONFIG_FILE']!, 'utf8').includes('aslc-minio'),
    'services section and pointer removed',
  );
});

describe("MinIO's errors give advice and end the step at once", () => {
  const cases: Array<{ title: string; extra: Record<string, string>; server?: () => MinioStandIn; expect: RegExp }> = [
    {
      title: 'a certificate from a CA MinIO does not trust',
      extra: { certificate: untrusted.certPem, 'private-key': untrusted.keyPem },
      expect:
        /InvalidClientCertificate: x509: certificate signed by unknown authority\. MinIO does not trust the certificate's issuer: add that CA to the server's certs\/CAs directory/,
    },
    {
      title: 'a CN that names no policy (HTTP 500 InternalError)',
      extra: { certificate: noPolicy.certPem, 'private-key': noPolicy.keyPem },
      expect: /InternalError: specified policy consoleAdmin, not found.*subject CN must name a MinIO policy/,
    },
    {
      title: 'a certificate without the client-auth EKU',
      extra: { certificate: serverOnly.certPem, 'private-key': serverOnly.keyPem },
      expect: /incompatible key usage\. The client certificate needs extendedKeyUsage clientAuth/,
    },
    {
      title: 'identity TLS switched off on the server',
      extra: {},
      server: () => disabled,
      expect: /STSNotInitialized: .*MINIO_IDENTITY_TLS_ENABLE=on/,
    },
  ];
  for (const c of cases) {
    test(c.title, async () => {
      const server = (c.server ?? (() => minio))();
      const before = stsCount(server);
      const run = await runAction('main', { inputs: inputs({ ...c.extra, 'retry-max-attempts': '5' }, () => server) });
      assert.equal(run.code, 1);
      assert.match(errorAnnotation(run.stdout), c.expect);
      assert.equal(stsCount(server) - before, 1, 'one request: not retried');
      assert.equal(run.files.env, '', 'nothing exported');
      ledger.assertNoLeak(run);
    });
  }
});

test('a hostile answer (a newline in the session token) is refused and nothing is exported', async () => {
  const ca = createCa('Hostile CA');
  const cert = issueCertificate(ca, { commonName: 'hostile', serverAuth: true, ipAddresses: ['127.0.0.1'] });
  const exp = new Date(Date.now() + HOUR).toISOString().replace('.000Z', 'Z');
  const body = `<AssumeRoleWithCertificateResponse><AssumeRoleWithCertificateResult><Credentials><AccessKeyId>Q3AM3UQ867SPQQA43P2F</AccessKeyId><SecretAccessKey>zuf+tfteSlswRu7BJ86wekitnifILbZam1KYY3TG</SecretAccessKey><SessionToken>eyJh.eyJi.c2ln&#10;AWS_ACCESS_KEY_ID=stolen</SessionToken><Expiration>${exp}</Expiration></Credentials></AssumeRoleWithCertificateResult></AssumeRoleWithCertificateResponse>`;
  const server: Server = createServer(
    { cert: cert.certPem, key: cert.keyPem, requestCert: true, rejectUnauthorized: false },
    (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(body),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const run = await runAction('main', {
      inputs: {
        'minio-endpoint': url,
        certificate: publisher.certPem,
        'private-key': publisher.keyPem,
        'ca-certificate': ca.certPem,
      },
    });
    assert.equal(run.code, 1);
    assert.match(
      errorAnnotation(run.stdout),
      /minio:AssumeRoleWithCertificate failed: (MalformedResponse|InvalidResponse)/,
    );
    assert.doesNotMatch(run.stdout, /stolen/);
    assert.equal(run.files.env, '');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("the server's certificate is verified: without ca-certificate the private CA is not trusted, and the advice says so", async () => {
  const run = await runAction('main', { inputs: { ...inputs(), 'ca-certificate': '' } });
  assert.equal(run.code, 1);
  assert.match(errorAnnotation(run.stdout), /server certificate is not trusted.*ca-certificate/);
});

describe('the CLI: the same mode for a developer', () => {
  const certFile = () => join(dir, 'cli-cert.pem');
  const keyFile = () => join(dir, 'cli-key.pem');
  const cli = (args: string[]) => {
    writeFileSync(certFile(), publisher.certPem);
    writeFileSync(keyFile(), publisher.keyPem, { mode: 0o600 });
    const flags = [
      '--minio-endpoint',
      minio.url,
      '--certificate',
      certFile(),
      '--private-key',
      keyFile(),
      '--ca-certificate',
      serverCaFile,
    ];
    return collect(
      spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'index.js'), args[0]!, ...flags, ...args.slice(1)], {
        env: { PATH: process.env['PATH'] ?? '', HOME: dir },
      }),
    );
  };

  test('env prints AWS_ENDPOINT_URL_S3 beside the credentials', async () => {
    const res = await cli(['env', '--format', 'json']);
    assert.equal(res.code, 0, res.stderr);
    const vars = JSON.parse(res.stdout) as Record<string, string>;
    assert.equal(vars['AWS_ENDPOINT_URL_S3'], minio.url);
    assert.equal(vars['AWS_ACCESS_KEY_ID'], minio.issued.at(-1)!.accessKeyId);
    assert.equal(vars['AWS_REGION'], 'us-east-1');
  });

  test('exec runs aws s3 cp against MinIO with no flag but the CA bundle', async () => {
    const file = join(dir, 'cli-artefact.txt');
    writeFileSync(file, 'from the CLI\n');
    const res = await collect(
      spawn(
        process.execPath,
        [
          join(ROOT, 'dist', 'cli', 'index.js'),
          'exec',
          '--minio-endpoint',
          minio.url,
          '--certificate',
          certFile(),
          '--private-key',
          keyFile(),
          '--ca-certificate',
          serverCaFile,
          '--',
          'aws',
          's3',
          'cp',
          file,
          `s3://${BUCKET}/cli/artefact.txt`,
        ],
        {
          env: {
            PATH: process.env['PATH'] ?? '',
            HOME: dir,
            AWS_CA_BUNDLE: serverCaFile,
            AWS_EC2_METADATA_DISABLED: 'true',
          },
        },
      ),
    );
    assert.equal(res.code, 0, res.stderr);
    assert.equal(await readFromMoto('cli/artefact.txt'), 'from the CLI\n');
  });

  test("credential-process prints the credentials in the AWS CLI's format", async () => {
    const res = await cli(['credential-process', '--no-cache']);
    assert.equal(res.code, 0, res.stderr);
    const doc = JSON.parse(res.stdout) as Record<string, unknown>;
    assert.equal(doc['Version'], 1);
    assert.equal(doc['AccessKeyId'], minio.issued.at(-1)!.accessKeyId);
  });
});
