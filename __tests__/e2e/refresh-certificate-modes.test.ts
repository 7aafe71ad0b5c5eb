/**
 * refresh-credentials in the certificate modes: dist/main starts the endpoint, botocore (one long-lived client) calls
 * moto through it across refreshes, and every refresh is a fresh exchange signed with the certificate: a new mTLS
 * request at the IoT stand-in, a newly SigV4-X509-signed CreateSession at the Roles Anywhere stand-in. MinIO is refused.
 * Sessions of 900 s with refresh-margin-s 893 refresh every 7 s.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startIotStandIn,
  certificateFingerprint,
  DEFAULT_ROLE_ALIAS,
  type IotStandIn,
} from '../standins/iot-standin.js';
import { createIotTestPki, type IotTestPki } from '../standins/iot-test-pki.js';
import { createPkiDir, type CertificateFiles, type PkiDir } from '../standins/pki.js';
import { startRolesAnywhereStandIn, type RolesAnywhereStandIn } from '../standins/roles-anywhere-server.js';
import { mintWithMoto, startMoto, type Moto } from '../support/moto.js';
import { errorAnnotation, runAction, type RunResult } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';
import { botocoreCalls, jsSdkLongLivedCalls, keysSeen } from '../support/endpoint-clients.js';

const REFRESH_EVERY_S = 7;
const IOT_ROLE = 'arn:aws:iam::111122223333:role/ci-iot';
const ACCOUNT = '123456789012';
const ANCHOR = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/0f4a1c2e-1111-2222-3333-444455556666`;
const RA_PROFILE = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/9b8c7d6e-1111-2222-3333-444455556666`;
const RA_ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-from-certificate`;
const REFRESH = { 'refresh-credentials': 'true', 'refresh-margin-s': String(900 - REFRESH_EVERY_S) };

let moto: Moto;
let iotPki: IotTestPki;
let iot: IotStandIn;
let raPki: PkiDir;
let raLeaf: CertificateFiles;
let ra: RolesAnywhereStandIn;
let raCaFile: string;
/** The IoT sessions' length; the stand-in issues any (IoT's own minimum is 900 s). */
let iotSessionS = 900;
const iotPool: Array<{ accessKeyId: string; secretAccessKey: string; sessionToken: string }> = [];
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  for (let i = 0; i < 16; i++) iotPool.push(await mintWithMoto(moto.url, IOT_ROLE, `iot-refresh-${i}`, 3600));
  iotPki = await createIotTestPki();
  iot = await startIotStandIn({
    pki: iotPki,
    // Short sessions (moto's keys outlive them): with a margin of the length minus 7 s, a refresh every 7 s.
    credentials: () => {
      const c = iotPool.shift();
      if (!c) throw new Error('credential pool exhausted');
      for (const v of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) ledger.add('issued credential', v);
      return { ...c, expiration: new Date(Date.now() + iotSessionS * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') };
    },
  });
  iot.register(iotPki.clients.goodRsa.certPem, 'runner-7');
  ledger.add('IoT client private key', iotPki.clients.goodRsa.keyPem);

  raPki = createPkiDir();
  const root = raPki.createRoot({ commonName: 'Test Root CA', keyType: 'ec-p256' });
  raLeaf = raPki.issueLeaf(root, { commonName: 'runner-ec', keyType: 'ec-p256' });
  ledger.add('RA private key', raLeaf.keyPem);
  ra = await startRolesAnywhereStandIn({
    region: 'us-east-1',
    trustAnchors: [{ arn: ANCHOR, caPem: root.certPem }],
    profiles: [{ arn: RA_PROFILE, roleArns: [RA_ROLE] }],
    credentials: async (req) => mintWithMoto(moto.url, req.roleArn, req.roleSessionName, req.durationSeconds),
  });
  raCaFile = join(raPki.dir, 'standin-ca.pem');
  writeFileSync(raCaFile, ra.caCertPem);
});
after(async () => {
  await ra?.close();
  raPki?.remove();
  await iot?.close();
  await moto?.stop();
});

function laterStep(run: RunResult): Record<string, string> {
  return { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: moto.url };
}

async function stop(run: RunResult): Promise<void> {
  const post = await runAction('post', { workspace: run.workspace, state: run.state });
  assert.equal(post.code, 0, post.stdout + post.stderr);
  assert.match(post.stdout, /stopped \(asked to stop\): \d+ answers served/);
  ledger.assertNoLeak(post);
}

function iotInputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'aws-region': 'us-east-1',
    'iot-credential-endpoint': `https://${iot.endpointHost}:${iot.port}`,
    'role-alias': DEFAULT_ROLE_ALIAS,
    'thing-name': 'runner-7',
    certificate: iotPki.clients.goodRsa.certPem,
    'private-key': iotPki.clients.goodRsa.keyPem,
    'ca-certificate': iot.serverCaPem,
    ...REFRESH,
    ...extra,
  };
}

describe('refresh-credentials in the certificate modes', () => {
  test('IoT certificate: every refresh is a new mTLS request with the certificate; botocore follows the new keys', async () => {
    const before = iot.requests.length;
    const run = await runAction('main', {
      inputs: iotInputs(),
      env: { GITHUB_RUN_ID: '9' },
      // The detached endpoint inherits NODE_OPTIONS, so it resolves the endpoint host to the stand-in too.
      hosts: { [iot.endpointHost]: '127.0.0.1' },
      killAfterMs: 30_000,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.exported['AWS_CONTAINER_CREDENTIALS_FULL_URI'] ?? '', /^http:\/\/127\.0\.0\.1:\d+\//);
    const calls = await botocoreCalls(laterStep(run), (2 * REFRESH_EVERY_S + 3) * 1000, 300);
    await stop(run);
    assert.deepEqual(
      calls.filter((c) => !c.ok),
      [],
      'every call succeeds',
    );
    const keys = keysSeen(calls);
    assert.ok(keys.length >= 3, `the access key changed on each refresh (saw ${keys.length})`);
    const made = iot.requests.slice(before);
    assert.ok(
      made.length >= 3 && made.length <= 4,
      `${made.length} requests at the stand-in: the first exchange and one per refresh`,
    );
    const fingerprint = certificateFingerprint(iotPki.clients.goodRsa.certPem);
    for (const r of made) {
      assert.equal(r.clientVerify, 'SUCCESS');
      assert.equal(r.clientFingerprint, fingerprint, 'each refresh presented the certificate');
      assert.equal(r.status, 200);
    }
    ledger.assertNoLeak(run, { envMayHoldCredentials: false });
  });

  test('Roles Anywhere: every refresh is a CreateSession signed anew with the key; botocore follows the new keys', async () => {
    const before = ra.requests.length;
    const run = await runAction('main', {
      inputs: {
        'aws-region': 'us-east-1',
        'trust-anchor-arn': ANCHOR,
        'profile-arn': RA_PROFILE,
        'role-to-assume': RA_ROLE,
        'role-duration-seconds': '900',
        certificate: raLeaf.certPem,
        'private-key': raLeaf.keyPem,
        ...REFRESH,
      },
      env: { AWS_ENDPOINT_URL_ROLESANYWHERE: ra.url, NODE_EXTRA_CA_CERTS: raCaFile, GITHUB_RUN_ID: '77' },
      killAfterMs: 30_000,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const calls = await botocoreCalls(laterStep(run), (2 * REFRESH_EVERY_S + 3) * 1000, 300);
    await stop(run);
    for (const c of ra.issued)
      for (const v of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) ledger.add('issued credential', v);
    assert.deepEqual(
      calls.filter((c) => !c.ok),
      [],
      'every call succeeds',
    );
    assert.ok(keysSeen(calls).length >= 3, `the access key changed on each refresh (saw ${keysSeen(calls).length})`);
    const made = ra.requests.slice(before);
    assert.ok(
      made.length >= 3 && made.length <= 4,
      `${made.length} CreateSession requests: the first exchange and one per refresh`,
    );
    for (const r of made) assert.equal(r.status, 201, 'the stand-in verified the signature, chain and date');
    // A new signature each time: the request date moved on, so nothing was replayed.
    const signatures = new Set(made.map((r) => String(r.headers['authorization'])));
    const dates = new Set(made.map((r) => String(r.headers['x-amz-date'])));
    assert.equal(signatures.size, made.length, 'each refresh was signed anew');
    assert.equal(dates.size, made.length, 'each signature is dated when it was made');
    ledger.assertNoLeak(run, { envMayHoldCredentials: false });
  });

  test('the JS SDK: one long-lived STSClient and IAMClient follow the refreshes (sessions short enough for its 5-minute window)', async () => {
    // 310-second sessions refreshed every 7 s: each new session is 303 s from expiry, and the JS SDK re-asks within
    // 300 s of the Expiration it was told, so it picks up every refresh about 3 s after it happens.
    iotSessionS = 310;
    try {
      const run = await runAction('main', {
        inputs: iotInputs({ 'refresh-margin-s': String(310 - REFRESH_EVERY_S) }),
        env: { GITHUB_RUN_ID: '9' },
        hosts: { [iot.endpointHost]: '127.0.0.1' },
        killAfterMs: 30_000,
      });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const calls = await jsSdkLongLivedCalls(laterStep(run), (2 * REFRESH_EVERY_S + 4) * 1000, 300);
      await stop(run);
      assert.deepEqual(
        calls.filter((c) => !c.ok),
        [],
        'every call succeeds',
      );
      const keys = keysSeen(calls);
      assert.ok(
        keys.length >= 3,
        `the long-lived clients moved to each new key (saw ${keys.length} in ${calls.length} calls)`,
      );
      ledger.assertNoLeak(run, { envMayHoldCredentials: false });
    } finally {
      iotSessionS = 900;
    }
  });

  test('MinIO certificate mode refuses refresh-credentials before any exchange', async () => {
    const run = await runAction('main', {
      inputs: {
        'aws-region': 'us-east-1',
        'minio-endpoint': 'https://minio.example.test:9000',
        certificate: raLeaf.certPem,
        'private-key': raLeaf.keyPem,
        'refresh-credentials': 'true',
      },
    });
    assert.equal(run.code, 1);
    assert.match(errorAnnotation(run.stdout), /refresh-credentials.*does not apply in minio-certificate mode/s);
    assert.equal(run.state['credentials-endpoint'], undefined);
    assert.equal(run.exported['AWS_CONTAINER_CREDENTIALS_FULL_URI'], undefined);
  });
});
