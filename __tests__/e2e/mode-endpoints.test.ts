/**
 * No endpoint from one mode leaks into another: a minio-certificate step points a profile at the MinIO host (a
 * `services` pointer), then an OIDC step of the same job delivers AWS credentials. botocore, reading the files a later
 * step reads, must resolve S3 to AWS again, or AWS credentials would be sent to the MinIO host.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { oidcStepEnv, useOidcPeers } from '../support/oidc-peers.js';
import { runAction, type Workspace } from '../support/action-runner.js';
import { startMinioStandIn, type MinioStandIn } from '../standins/minio-standin.js';
import { createCa, issueCertificate } from '../standins/pki.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const clientCa = createCa('MinIO Client CA');
const publisher = issueCertificate(clientCa, { commonName: 'ci-publish', clientAuth: true });
const peers = useOidcPeers();
let minio: MinioStandIn;

before(async () => {
  minio = await startMinioStandIn({ clientCaPems: [clientCa.certPem], policies: ['ci-publish'] });
});
after(async () => {
  await minio?.close();
});

/** The S3 endpoint botocore resolves for a later step with this environment (no request is sent). */
function botocoreS3Endpoint(env: Record<string, string>): string {
  const script = "import boto3; print(boto3.session.Session().client('s3', region_name='us-east-1').meta.endpoint_url)";
  const run = spawnSync('python3', ['-c', script], {
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

async function minioStep(extra: Record<string, string>) {
  const inputs = {
    'minio-endpoint': minio.url,
    certificate: publisher.certPem,
    'private-key': publisher.keyPem,
    'ca-certificate': minio.serverCaPem,
    ...extra,
  };
  const run = await runAction('main', { inputs });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return { ...run, inputs };
}

/** An OIDC step of the same job after `first`: the runner gives it what earlier steps exported. */
const oidcStepAfter = (first: { workspace: Workspace; exported: Record<string, string> }, extra = {}) =>
  runAction('main', {
    workspace: first.workspace,
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, ...extra },
    env: { ...first.exported, ...oidcStepEnv(peers) },
  });

const laterStep = (workspace: Workspace, exported: Record<string, string>) => ({
  ...exported,
  HOME: workspace.home,
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE12',
  AWS_SECRET_ACCESS_KEY: 'x',
});

test("env delivery after a MinIO profile step: the active profile's services pointer is removed, and the step says so", async () => {
  const first = await minioStep({ profile: 'default', 'output-env-credentials': 'false' });
  const configFile = first.exported['AWS_CONFIG_FILE']!;
  assert.match(readFileSync(configFile, 'utf8'), /services = aslc-default/);
  assert.equal(botocoreS3Endpoint(laterStep(first.workspace, first.exported)), minio.url, 'botocore goes to MinIO');

  const second = await oidcStepAfter(first);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(
    second.stdout,
    /::notice::services = aslc-default in \[default\] of .*config, written by an earlier MinIO step of this action, is removed/,
  );
  const config = readFileSync(configFile, 'utf8');
  assert.doesNotMatch(config, /^services = aslc-default$/m);
  const later = laterStep(first.workspace, { ...first.exported, ...second.exported });
  assert.equal(botocoreS3Endpoint(later), 'https://s3.amazonaws.com');

  // The MinIO step's own post step still removes its section, and leaves no pointer behind.
  // The runner gives each post step its own step's inputs and state.
  const post = await runAction('post', { workspace: first.workspace, inputs: first.inputs, state: first.state });
  assert.equal(post.code, 0, post.stdout + post.stderr);
  let left = '';
  try {
    left = readFileSync(configFile, 'utf8');
  } catch {
    // removed with everything else the MinIO step created
  }
  assert.doesNotMatch(left, /aslc-default/);
});

test('profile delivery over a MinIO profile (overwrite-aws-profile): the pointer goes with the keys it served', async () => {
  const first = await minioStep({ profile: 'ci', 'output-env-credentials': 'false' });
  const env = laterStep(first.workspace, first.exported);
  assert.equal(botocoreS3Endpoint({ ...env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }), minio.url);

  const second = await oidcStepAfter(first, { profile: 'ci', 'overwrite-aws-profile': 'true' });
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(second.stdout, /::notice::services = aslc-ci in \[profile ci\] of .*is removed/);
  assert.equal(second.state['profile-receipt']?.includes('clearedServices'), false, 'not kept in the state');
  const config = readFileSync(first.exported['AWS_CONFIG_FILE']!, 'utf8');
  assert.doesNotMatch(config, /^services = aslc-ci$/m);
  assert.equal(
    botocoreS3Endpoint({ ...env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }),
    'https://s3.amazonaws.com',
  );
});

test('a services pointer the user wrote is theirs: an OIDC step leaves it', async () => {
  const first = await minioStep({ profile: 'default', 'output-env-credentials': 'false' });
  const configFile = first.exported['AWS_CONFIG_FILE']!;
  const mine = readFileSync(configFile, 'utf8').replace('services = aslc-default', 'services = my-endpoints');
  writeFileSync(configFile, mine);
  const second = await oidcStepAfter(first);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.doesNotMatch(second.stdout, /services = /);
  assert.equal(readFileSync(configFile, 'utf8'), mine);
});

test("the README's scope example: MinIO in aws-profile, AWS in the environment; each reaches its own S3", async () => {
  const first = await minioStep({ 'aws-profile': 'minio' });
  assert.equal(first.exported['AWS_PROFILE'], undefined, 'aws-profile alone exports nothing');
  const second = await oidcStepAfter(first);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.doesNotMatch(second.stdout, /services = /);
  const later = laterStep(first.workspace, { ...first.exported, ...second.exported });
  assert.equal(botocoreS3Endpoint(later), 'https://s3.amazonaws.com');
  assert.equal(botocoreS3Endpoint({ ...later, AWS_PROFILE: 'minio' }), minio.url);
});
