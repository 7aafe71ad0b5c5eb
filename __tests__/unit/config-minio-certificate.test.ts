/** MinIO certificate mode's config source: its endpoint, its region and duration bounds, the inputs it refuses. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { buildConfig } from '../../src/config/build-config.js';
import type { Config } from '../../src/config/model.js';

const MINIO = {
  'minio-endpoint': 'https://minio.example.com:9000',
  certificate: '/certs/ci.pem',
  'private-key': '/certs/ci.key',
};

function build(values: Record<string, string>): Config {
  return buildConfig((name) => values[name] ?? '', {}, new Date('2024-06-01T12:00:00Z'), '/home/runner');
}

function throwsInput(values: Record<string, string>, input: string, ...patterns: RegExp[]): void {
  assert.throws(
    () => build(values),
    (err: unknown) => {
      assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
      assert.equal(err.input, input, err.message);
      for (const p of patterns) assert.match(err.message, p);
      return true;
    },
  );
}

test('minio-endpoint selects the mode; every certificate input reaches the source; the region defaults to us-east-1', () => {
  const config = build({
    ...MINIO,
    'certificate-chain': '/certs/chain.pem',
    'ca-certificate': '/certs/ca.pem',
    'private-key-passphrase': 'pw',
  });
  assert.deepEqual(config.source, {
    mode: 'minio-certificate',
    endpoint: 'https://minio.example.com:9000',
    certificate: '/certs/ci.pem',
    privateKey: '/certs/ci.key',
    certificateChain: '/certs/chain.pem',
    caCertificate: '/certs/ca.pem',
    passphrase: 'pw',
  });
  assert.equal(config.region, 'us-east-1');
  assert.equal(config.session.durationSeconds, 3600);
  assert.equal(build({ ...MINIO, 'aws-region': 'eu-central-1' }).region, 'eu-central-1');
  assert.equal(build({ ...MINIO, mode: 'minio-certificate' }).source.mode, 'minio-certificate');
});

test('the endpoint is normalised to https://host[:port]', () => {
  assert.equal(
    (build({ ...MINIO, 'minio-endpoint': 'https://MinIO.Example.com/' }).source as { endpoint: string }).endpoint,
    'https://minio.example.com',
  );
  assert.equal(
    (build({ ...MINIO, 'minio-endpoint': 'https://127.0.0.1:9000' }).source as { endpoint: string }).endpoint,
    'https://127.0.0.1:9000',
  );
});

test('plain http is refused, even to loopback: the certificate is the credential', () => {
  throwsInput(
    { ...MINIO, 'minio-endpoint': 'http://127.0.0.1:9000' },
    'minio-endpoint',
    /'http:\/\/127.0.0.1:9000' is not https/,
    /TLS handshake/,
  );
  throwsInput({ ...MINIO, 'minio-endpoint': 'http://minio.example.com' }, 'minio-endpoint', /clear text/);
  throwsInput(
    { ...MINIO, 'minio-endpoint': 'minio.example.com:9000' },
    'minio-endpoint',
    /does not start with https:\/\//,
  );
  throwsInput(
    { ...MINIO, 'minio-endpoint': 'https://minio.example.com/bucket' },
    'minio-endpoint',
    /has a path or query/,
  );
  throwsInput(
    { ...MINIO, 'minio-endpoint': 'https://user:secret@minio.example.com' },
    'minio-endpoint',
    /user name or password/,
  );
  assert.throws(
    () => build({ ...MINIO, 'minio-endpoint': 'https://user:hunter2@minio.example.com' }),
    (err: Error) => !err.message.includes('hunter2'),
  );
});

test("role-duration-seconds goes up to MinIO's 365 days, not STS's 12 hours", () => {
  assert.equal(build({ ...MINIO, 'role-duration-seconds': '31536000' }).session.durationSeconds, 31536000);
  assert.equal(build({ ...MINIO, 'role-duration-seconds': '900' }).session.durationSeconds, 900);
  throwsInput(
    { ...MINIO, 'role-duration-seconds': '31536001' },
    'role-duration-seconds',
    /out of range/,
    /from 900 to 31536000/,
  );
  throwsInput({ ...MINIO, 'role-duration-seconds': '600' }, 'role-duration-seconds', /out of range/);
});

test('chain-role-arn (and refresh-credentials) are refused with the reason', () => {
  throwsInput(
    { ...MINIO, 'chain-role-arn': 'arn:aws:iam::123456789012:role/x' },
    'chain-role-arn',
    /does not apply in minio-certificate mode: MinIO credentials are MinIO's own/,
    /Remove chain-role-arn/,
  );
  throwsInput(
    { ...MINIO, 'refresh-credentials': 'true' },
    'refresh-credentials',
    /does not apply in minio-certificate mode/,
  );
});

test('a certificate is required; the key may be inside a PKCS#12 certificate', () => {
  throwsInput({ 'minio-endpoint': MINIO['minio-endpoint'], 'private-key': '/k' }, 'certificate', /is required/);
  assert.equal(
    (
      build({ 'minio-endpoint': MINIO['minio-endpoint'], certificate: '/certs/ci.p12' }).source as {
        privateKey: string;
      }
    ).privateKey,
    '',
  );
});

test('aws-region stays required for the other modes, and a given one is still checked first', () => {
  throwsInput({ 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy' }, 'aws-region', /is required/);
  throwsInput(
    {
      'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'ci',
      certificate: 'c',
      'private-key': 'k',
    },
    'aws-region',
    /is required/,
  );
  throwsInput({ ...MINIO, 'aws-region': 'Frankfurt' }, 'aws-region', /is not an AWS region name/);
});

test('ca-certificate or certificate-chain with another mode is refused: they are shared, not selecting', () => {
  throwsInput(
    { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/deploy', 'certificate-chain': '/c' },
    'mode',
    /is inferred as oidc \(from role-to-assume\), but certificate-chain is not read in that mode/,
  );
});
