/**
 * `bootstrap iot|rotate|revoke --github-repo` end to end: the bundled CLI against moto (IAM, IoT) and the GitHub REST
 * stand-in; the secret values the stand-in opens are handed to dist/main as a workflow would, and obtain credentials
 * from the mTLS IoT stand-in once it knows the certificates moto issued (as AWS IoT knows its own).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeCertificateCommand, IoTClient, ListThingPrincipalsCommand } from '@aws-sdk/client-iot';
import { startMoto, type Moto } from '../support/moto.js';
import { startFaultProxy, type FaultProxy, type RecordedRequest } from '../standins/fault-proxy.js';
import { startGithubStandIn, type GithubStandIn } from '../standins/github-api-standin.js';
import { startIotStandIn, type IotStandIn } from '../standins/iot-standin.js';
import { createIotTestPki } from '../standins/iot-test-pki.js';
import { runAction } from '../support/action-runner.js';
import { ROOT, collect } from '../support/processes.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const NAME = 'gh-runner';
const REPO = 'octo/app';
const TOKEN = 'ghs_e2etoken00000000000000000000000000';
// Nothing listens here: the new certificate is checked by signature (the IoT stand-in only knows registered ones).
const UNREACHABLE_ENDPOINT = 'https://127.0.0.1:9';

let moto: Moto;
let proxy: FaultProxy;
let gh: GithubStandIn;
let iotEndpoint: IotStandIn;
let iot: IoTClient;
let dir: string;

before(async () => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  gh = await startGithubStandIn({ token: TOKEN });
  gh.addRepository(REPO);
  const pki = await createIotTestPki({ endpointHost: 'localhost' });
  iotEndpoint = await startIotStandIn({
    pki,
    clientVerification: 'registered-only',
    roleAliases: { [`${NAME}-role-alias`]: { roleArn: `arn:aws:iam::123456789012:role/${NAME}-role` } },
  });
  iot = new IoTClient({
    region: 'us-east-1',
    endpoint: moto.url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  dir = mkdtempSync(join(tmpdir(), 'bootstrap-github-'));
});
after(async () => {
  iot?.destroy();
  await iotEndpoint?.close();
  await gh?.close();
  await proxy?.close();
  await moto?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  awsWrites: string[];
  githubWrites: number;
}

async function bootstrap(args: string[]): Promise<Run> {
  const since = proxy.requests.length;
  const ghSince = gh.writes().length;
  const child = spawn(
    process.execPath,
    [
      CLI,
      'bootstrap',
      ...args,
      '--aws-region',
      'us-east-1',
      '--github-repo',
      REPO,
      '--iot-credential-endpoint',
      UNREACHABLE_ENDPOINT,
    ],
    {
      cwd: dir,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: dir,
        AWS_ENDPOINT_URL: proxy.url,
        AWS_ACCESS_KEY_ID: 'testing',
        AWS_SECRET_ACCESS_KEY: 'testing',
        AWS_MAX_ATTEMPTS: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: gh.url,
        ASLC_GITHUB_WRITE_INTERVAL_MS: '0',
      },
    },
  );
  const done = await collect(child);
  return { ...done, awsWrites: awsWrites(proxy.requests.slice(since)), githubWrites: gh.writes().length - ghSince };
}

/** IAM: non-Get/List actions; IoT REST: anything but GET (and the read-only POST of ListAttachedPolicies). */
function awsWrites(requests: RecordedRequest[]): string[] {
  return requests
    .map((r) => {
      const action = r.params.get('Action');
      if (action) return /^(Get|List)/.test(action) ? '' : `iam:${action}`;
      return r.method === 'GET' || (r.method === 'POST' && r.path.startsWith('/attached-policies/'))
        ? ''
        : `iot:${r.method} ${r.path.split('?')[0]}`;
    })
    .filter(Boolean);
}

/** The IoT endpoint learns moto's certificates (status, thing) as AWS IoT's credentials provider knows its own. */
async function mirrorCertificates(): Promise<void> {
  const principals = (await iot.send(new ListThingPrincipalsCommand({ thingName: NAME }))).principals ?? [];
  const attached = new Set(principals.map((p) => p.split('/').pop()));
  for (const id of seen) {
    const d = (await iot.send(new DescribeCertificateCommand({ certificateId: id }))).certificateDescription!;
    iotEndpoint.register(d.certificatePem!, attached.has(id) ? NAME : null, { active: d.status === 'ACTIVE' });
  }
}
const seen = new Set<string>();

/** dist/main with what the repository holds, as `${{ secrets.* }}` and `${{ vars.* }}` would pass it. */
function runWithRepository(
  secrets: { certificate: string; key: string } = {
    certificate: gh.secret(REPO, 'IOT_CERTIFICATE')!,
    key: gh.secret(REPO, 'IOT_PRIVATE_KEY')!,
  },
) {
  return runAction('main', {
    inputs: {
      'aws-region': gh.variable(REPO, 'IOT_AWS_REGION')!,
      // The stored endpoint is the one given at bootstrap; the workflow here reaches the stand-in instead.
      'iot-credential-endpoint': `https://localhost:${iotEndpoint.port}`,
      'role-alias': gh.variable(REPO, 'IOT_ROLE_ALIAS')!,
      'thing-name': gh.variable(REPO, 'IOT_THING_NAME')!,
      certificate: secrets.certificate,
      'private-key': secrets.key,
      'ca-certificate': iotEndpoint.serverCaPem,
    },
  });
}

test('bootstrap iot --github-repo: secrets sealed into the repository work in a workflow; the key is nowhere else', async () => {
  const run = await bootstrap(['iot', NAME]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.deepEqual(gh.secretNames(REPO), ['IOT_CERTIFICATE', 'IOT_PRIVATE_KEY']);
  const key = gh.secret(REPO, 'IOT_PRIVATE_KEY')!;
  assert.match(key, /-----BEGIN (RSA )?PRIVATE KEY-----/);
  const body = key.split('\n').find((l) => l.length > 40)!;
  assert.ok(!run.stdout.includes(body) && !run.stderr.includes(body), 'the key is never printed');
  assert.equal(existsSync(join(dir, 'output')), false, 'no files without --out');
  assert.equal(gh.variable(REPO, 'IOT_THING_NAME'), NAME);
  assert.equal(gh.variable(REPO, 'IOT_ROLE_ALIAS'), `${NAME}-role-alias`);
  assert.equal(gh.variable(REPO, 'IOT_AWS_REGION'), 'us-east-1');
  assert.equal(gh.variable(REPO, 'IOT_CREATED_BY'), `aws-short-lived-credentials ${NAME}`);
  assert.equal(gh.variable(REPO, 'IOT_CERTIFICATE_ID_NEXT'), undefined);
  assert.match(run.stdout, /secrets\.IOT_PRIVATE_KEY/);
  assert.match(run.stdout, /vars\.IOT_CREDENTIAL_ENDPOINT/);
  seen.add(gh.variable(REPO, 'IOT_CERTIFICATE_ID')!);
  await mirrorCertificates();
  const action = await runWithRepository();
  assert.equal(action.code, 0, action.stdout);
  assert.match(action.exported['AWS_ACCESS_KEY_ID'] ?? '', /^ASIA/);

  const again = await bootstrap(['iot', NAME]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(again.awsWrites, [], 'a second run writes nothing to AWS');
  assert.equal(again.githubWrites, 0, 'nor to GitHub');
});

test('rotate: a dry run writes nothing; the real one delivers a verified certificate, then retires the old one', async () => {
  const oldId = gh.variable(REPO, 'IOT_CERTIFICATE_ID')!;
  const old = { certificate: gh.secret(REPO, 'IOT_CERTIFICATE')!, key: gh.secret(REPO, 'IOT_PRIVATE_KEY')! };
  const dry = await bootstrap(['rotate', NAME, '--dry-run']);
  assert.equal(dry.code, 0, dry.stderr);
  assert.deepEqual(dry.awsWrites, []);
  assert.equal(dry.githubWrites, 0);
  assert.match(dry.stdout, /put secret IOT_PRIVATE_KEY/);

  const run = await bootstrap(['rotate', NAME]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  const newId = gh.variable(REPO, 'IOT_CERTIFICATE_ID')!;
  assert.notEqual(newId, oldId);
  assert.match(run.stdout, /checked by signature only/);
  const oldDesc = (await iot.send(new DescribeCertificateCommand({ certificateId: oldId }))).certificateDescription!;
  assert.equal(oldDesc.status, 'INACTIVE');
  const principals = (await iot.send(new ListThingPrincipalsCommand({ thingName: NAME }))).principals ?? [];
  assert.deepEqual(
    principals.map((p) => p.split('/').pop()),
    [newId],
    'only the new certificate is attached',
  );
  seen.add(newId);
  await mirrorCertificates();
  assert.equal((await runWithRepository()).code, 0, 'the new secrets work');
  assert.equal((await runWithRepository(old)).code, 1, 'the old pair is refused');
});

test('a rotation that stops half-way (GitHub fails on the secret) is named, keeps the pipeline working, and a re-run completes it', async () => {
  const before = { id: gh.variable(REPO, 'IOT_CERTIFICATE_ID')!, key: gh.secret(REPO, 'IOT_PRIVATE_KEY')! };
  gh.failNext((method, path) => method === 'PUT' && path.endsWith('/secrets/IOT_PRIVATE_KEY'));
  const failed = await bootstrap(['rotate', NAME]);
  assert.notEqual(failed.code, 0);
  assert.match(failed.stderr + failed.stdout, /github:PUT write a secret of octo\/app failed: HTTP 502/);
  const pending = gh.variable(REPO, 'IOT_CERTIFICATE_ID_NEXT');
  assert.ok(pending, 'the pending certificate is recorded');
  assert.equal(
    (await iot.send(new DescribeCertificateCommand({ certificateId: before.id }))).certificateDescription!.status,
    'ACTIVE',
    'the old certificate still works',
  );
  seen.add(pending);

  const rerun = await bootstrap(['rotate', NAME]);
  assert.equal(rerun.code, 0, rerun.stderr + rerun.stdout);
  assert.match(rerun.stdout, /stopped after minting certificate/);
  const final = gh.variable(REPO, 'IOT_CERTIFICATE_ID')!;
  assert.ok(final !== before.id && final !== pending);
  assert.equal(gh.variable(REPO, 'IOT_CERTIFICATE_ID_NEXT'), undefined);
  for (const id of [before.id, pending])
    assert.equal(
      (await iot.send(new DescribeCertificateCommand({ certificateId: id }))).certificateDescription!.status,
      'INACTIVE',
    );
  seen.add(final);
  await mirrorCertificates();
  assert.equal((await runWithRepository()).code, 0);
});

test('revoke: the certificate is REVOKED in AWS and the secrets and variables are gone', async () => {
  const id = gh.variable(REPO, 'IOT_CERTIFICATE_ID')!;
  const key = { certificate: gh.secret(REPO, 'IOT_CERTIFICATE')!, key: gh.secret(REPO, 'IOT_PRIVATE_KEY')! };
  const run = await bootstrap(['revoke', NAME]);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.equal(
    (await iot.send(new DescribeCertificateCommand({ certificateId: id }))).certificateDescription!.status,
    'REVOKED',
  );
  assert.deepEqual(gh.secretNames(REPO), []);
  assert.deepEqual(gh.variableNames(REPO), []);
  await mirrorCertificates();
  assert.equal((await runWithRepository(key)).code, 1, 'the revoked pair obtains nothing');
});
