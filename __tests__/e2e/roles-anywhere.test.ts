/**
 * Roles Anywhere mode end to end: dist/ run as the runner runs it against a stand-in that verifies SigV4-X509 the way
 * AWS does (signature, chain to the trust anchor, dates), minting credentials through moto so the AWS CLI can use them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPkiDir, type CertificateFiles, type PkiDir } from '../standins/pki.js';
import { startRolesAnywhereStandIn, type RolesAnywhereStandIn } from '../standins/roles-anywhere-server.js';
import { mintWithMoto, startMoto, type Moto } from '../support/moto.js';
import { errorAnnotation, newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';
import { runAwsCli } from '../support/aws-cli.js';
import { nodeBinaries } from '../support/processes.js';

const ACCOUNT = '123456789012';
const ANCHOR = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/0f4a1c2e-1111-2222-3333-444455556666`;
const PROFILE = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/9b8c7d6e-1111-2222-3333-444455556666`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-from-certificate`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/not-in-profile`;

let pki: PkiDir;
let root: CertificateFiles;
let intermediate: CertificateFiles;
let rsaLeaf: CertificateFiles;
let ecLeaf: CertificateFiles;
let ecP384Leaf: CertificateFiles;
let expiredLeaf: CertificateFiles;
let strangerLeaf: CertificateFiles;
let standIn: RolesAnywhereStandIn;
let moto: Moto;
let caFile: string;
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  pki = createPkiDir();
  root = pki.createRoot({ commonName: 'Test Root CA', keyType: 'ec-p384' });
  intermediate = pki.issueIntermediate(root, { commonName: 'Test Issuing CA', keyType: 'rsa2048' });
  rsaLeaf = pki.issueLeaf(intermediate, {
    commonName: 'runner-rsa',
    keyType: 'rsa2048',
    serialHex: '8F' + '11'.repeat(19),
  });
  ecLeaf = pki.issueLeaf(root, { commonName: 'runner-ec', keyType: 'ec-p256' });
  ecP384Leaf = pki.issueLeaf(root, { commonName: 'runner-ec384', keyType: 'ec-p384' });
  expiredLeaf = pki.issueLeaf(root, {
    commonName: 'runner-expired',
    keyType: 'ec-p256',
    notBefore: new Date(Date.now() - 3 * 86400e3),
    notAfter: new Date(Date.now() - 86400e3),
  });
  const strangerRoot = pki.createRoot({ commonName: 'Unknown CA', keyType: 'ec-p256' });
  strangerLeaf = pki.issueLeaf(strangerRoot, { commonName: 'stranger', keyType: 'ec-p256' });
  for (const c of [rsaLeaf, ecLeaf, ecP384Leaf, expiredLeaf, strangerLeaf])
    ledger.add(`${c.commonName} private key`, c.keyPem);
  standIn = await startRolesAnywhereStandIn({
    region: 'us-east-1',
    trustAnchors: [{ arn: ANCHOR, caPem: root.certPem }],
    profiles: [{ arn: PROFILE, roleArns: [ROLE] }],
    credentials: async (req) => mintWithMoto(moto.url, req.roleArn, req.roleSessionName, req.durationSeconds),
  });
  caFile = join(pki.dir, 'standin-ca.pem');
  writeFileSync(caFile, standIn.caCertPem);
});
after(async () => {
  await standIn?.close();
  pki?.remove();
  await moto?.stop();
});

const base = { 'aws-region': 'us-east-1', 'trust-anchor-arn': ANCHOR, 'profile-arn': PROFILE, 'role-to-assume': ROLE };

async function main(inputs: Record<string, string>, node?: string): Promise<RunResult> {
  // The stand-in's server certificate is trusted the way a user trusts a private endpoint: NODE_EXTRA_CA_CERTS.
  const run = await runAction('main', {
    inputs: { ...base, ...inputs },
    env: { AWS_ENDPOINT_URL_ROLESANYWHERE: standIn.url, NODE_EXTRA_CA_CERTS: caFile, GITHUB_RUN_ID: '77' },
    ...(node ? { node } : {}),
  });
  ledger.addDelivered(run);
  for (const c of standIn.issued)
    for (const v of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) ledger.add('issued credential', v);
  return run;
}

function laterStepEnv(run: RunResult): Record<string, string> {
  return { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: moto.url };
}

describe('Roles Anywhere mode through the bundled action', () => {
  for (const node of nodeBinaries()) {
    test(`RSA certificate with an intermediate, PEM text from secrets (${node.name})`, async () => {
      const before = standIn.requests.length;
      const run = await main(
        { certificate: rsaLeaf.certPem, 'private-key': rsaLeaf.keyPem, 'certificate-chain': intermediate.certPem },
        node.path,
      );
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const req = standIn.requests.at(-1)!;
      assert.equal(standIn.requests.length - before, 1);
      assert.equal(req.status, 201);
      assert.match(
        String(req.headers['authorization']),
        /^AWS4-X509-RSA-SHA256 Credential=\d+\/\d{8}\/us-east-1\/rolesanywhere\/aws4_request/,
      );
      assert.equal(req.headers['x-amz-x509-chain'], intermediate.certDer.toString('base64'));
      const body = JSON.parse(req.body) as Record<string, unknown>;
      assert.deepEqual(body, { durationSeconds: 3600, profileArn: PROFILE, roleArn: ROLE, trustAnchorArn: ANCHOR });
      assert.ok(run.exported['AWS_ACCESS_KEY_ID']?.startsWith('ASIA'));
      assert.match(
        run.outputs['aws-assumed-role-arn'] ?? '',
        /^arn:aws:sts::123456789012:assumed-role\/ci-from-certificate\//,
      );
      ledger.assertNoLeak(run);
      const cli = runAwsCli(['sts', 'get-caller-identity'], laterStepEnv(run));
      assert.equal(cli.code, 0, cli.stderr);
      assert.equal((cli.json as { Arn: string }).Arn, run.outputs['aws-assumed-role-arn']);
    });
  }

  test('EC P-256 certificate and key from file paths, with a chosen session name and duration', async () => {
    const run = await main({
      certificate: ecLeaf.certPath,
      'private-key': ecLeaf.keyPath,
      'role-session-name': 'build-42',
      'role-duration-seconds': '1800',
    });
    assert.equal(run.code, 0, run.stdout);
    const req = standIn.requests.at(-1)!;
    assert.match(String(req.headers['authorization']), /^AWS4-X509-ECDSA-SHA256 /);
    assert.equal(req.headers['x-amz-x509-chain'], undefined);
    assert.deepEqual(JSON.parse(req.body), {
      durationSeconds: 1800,
      profileArn: PROFILE,
      roleArn: ROLE,
      trustAnchorArn: ANCHOR,
      roleSessionName: 'build-42',
    });
    assert.equal(
      run.outputs['aws-assumed-role-arn'],
      `arn:aws:sts::${ACCOUNT}:assumed-role/ci-from-certificate/build-42`,
    );
  });

  test('EC P-384 key, encrypted PKCS#8 with a passphrase', async () => {
    const passphrase = 'correct horse battery staple';
    ledger.add('passphrase', passphrase);
    const encrypted = execFileSync(
      'openssl',
      ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', `pass:${passphrase}`],
      { input: ecP384Leaf.keyPem },
    ).toString();
    const run = await main({
      certificate: ecP384Leaf.certPem,
      'private-key': encrypted,
      'private-key-passphrase': passphrase,
    });
    assert.equal(run.code, 0, run.stdout);
    assert.ok(run.stdout.split('\n').includes(`::add-mask::${passphrase}`), 'the passphrase is masked');
    ledger.assertNoLeak(run);
  });

  test('a PKCS#12 file with its passphrase, no private-key input', async () => {
    const passphrase = 'p12-secret-passphrase';
    ledger.add('p12 passphrase', passphrase);
    const p12 = join(newWorkspace().dir, 'runner.p12');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      rsaLeaf.keyPath,
      '-in',
      rsaLeaf.certPath,
      '-certfile',
      intermediate.certPath,
      '-passout',
      `pass:${passphrase}`,
      '-out',
      p12,
    ]);
    const run = await main({ certificate: p12, 'private-key-passphrase': passphrase });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(
      standIn.requests.at(-1)!.headers['x-amz-x509-chain'],
      intermediate.certDer.toString('base64'),
      'the chain comes from the bundle',
    );
    ledger.assertNoLeak(run);
  });
});

describe('Roles Anywhere errors', () => {
  async function failing(inputs: Record<string, string>, expect: RegExp, calls: number): Promise<void> {
    const before = standIn.requests.length;
    const run = await main(inputs);
    assert.equal(run.code, 1, run.stdout);
    assert.match(errorAnnotation(run.stdout), expect);
    assert.equal(standIn.requests.length - before, calls, `${calls} request(s) to Roles Anywhere`);
    assert.equal(run.files.env, '');
    ledger.assertNoLeak(run);
  }

  test('a key that does not belong to the certificate is refused before any call', () =>
    failing(
      { certificate: ecLeaf.certPem, 'private-key': ecP384Leaf.keyPem },
      /Input 'private-key': does not belong to the certificate/,
      0,
    ));

  test('an expired certificate says when it expired, before any call', () =>
    failing(
      { certificate: expiredLeaf.certPem, 'private-key': expiredLeaf.keyPem },
      /Input 'certificate': .*expired/,
      0,
    ));

  test('a wrong passphrase names private-key-passphrase', async () => {
    const encrypted = execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', 'pass:right-one'], {
      input: ecLeaf.keyPem,
    }).toString();
    ledger.add('wrong passphrase', 'wrong-one-here');
    await failing(
      { certificate: ecLeaf.certPem, 'private-key': encrypted, 'private-key-passphrase': 'wrong-one-here' },
      /private-key-passphrase/,
      0,
    );
  });

  test('a chain in the wrong order is refused before any call', () =>
    failing(
      { certificate: rsaLeaf.certPem, 'private-key': rsaLeaf.keyPem, 'certificate-chain': root.certPem },
      /Input 'certificate-chain'/,
      0,
    ));

  test('a certificate from a CA the trust anchor does not hold gets AccessDenied with advice, not retried', () =>
    failing(
      { certificate: strangerLeaf.certPem, 'private-key': strangerLeaf.keyPem },
      /rolesanywhere:CreateSession failed: AccessDeniedException: .*trust anchor holds the CA/,
      1,
    ));

  test('a role the profile does not list gets AccessDenied', () =>
    failing(
      { certificate: ecLeaf.certPem, 'private-key': ecLeaf.keyPem, 'role-to-assume': OTHER_ROLE },
      /AccessDeniedException/,
      1,
    ));

  test('a clock ten minutes off is reported as a signature/clock problem', async () => {
    standIn.setClockOffsetMs(10 * 60_000);
    try {
      await failing({ certificate: ecLeaf.certPem, 'private-key': ecLeaf.keyPem }, /AccessDeniedException.*clock/i, 1);
    } finally {
      standIn.setClockOffsetMs(0);
    }
  });

  test('throttling and a 500 are retried, each attempt freshly signed', async () => {
    const before = standIn.requests.length;
    standIn.queue(
      { kind: 'status', status: 429, errorType: 'ThrottlingException', message: 'Rate exceeded' },
      { kind: 'status', status: 500 },
    );
    const run = await main({ certificate: ecLeaf.certPem, 'private-key': ecLeaf.keyPem });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(standIn.requests.length - before, 3);
  });

  test('a reset connection is retried; an endpoint that never answers ends within action-timeout-s', async () => {
    standIn.queue({ kind: 'reset' });
    const retried = await main({ certificate: ecLeaf.certPem, 'private-key': ecLeaf.keyPem });
    assert.equal(retried.code, 0, retried.stdout);
    standIn.queue({ kind: 'hang' }); // one attempt takes the whole 3 s budget
    const hung = await main({ certificate: ecLeaf.certPem, 'private-key': ecLeaf.keyPem, 'action-timeout-s': '3' });
    assert.equal(hung.code, 1);
    assert.ok(hung.elapsedMs < 10000, `ended in ${hung.elapsedMs} ms`);
    assert.match(errorAnnotation(hung.stdout), /rolesanywhere:CreateSession failed: (ETIMEDOUT|Timeout)/);
  });
});
