/**
 * IoT certificate mode end to end: dist/ run as the runner runs it against nginx with ssl_verify_client standing in
 * for the IoT credentials provider (real mTLS, SNI, CRL), credentials minted through moto so the AWS CLI can use them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startIotStandIn, DEFAULT_ROLE_ALIAS, type IotStandIn } from '../standins/iot-standin.js';
import { createIotTestPki, type IotTestPki } from '../standins/iot-test-pki.js';
import { mintWithMoto, startMoto, type Moto } from '../support/moto.js';
import { errorAnnotation, newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';
import { runAwsCli } from '../support/aws-cli.js';
import { nodeBinaries } from '../support/processes.js';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy.js';

const ROLE = 'arn:aws:iam::111122223333:role/ci-iot';
const THING = 'runner-7';

let pki: IotTestPki;
let iot: IotStandIn;
let moto: Moto;
let proxy: Tinyproxy;
/** Credentials moto recognises, minted ahead because the stand-in mints synchronously. */
const pool: Array<{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }> = [];
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  for (let i = 0; i < 40; i++) pool.push(await mintWithMoto(moto.url, ROLE, `iot-${i}`, 3600));
  pki = await createIotTestPki();
  iot = await startIotStandIn({
    pki,
    credentials: () => {
      const c = pool.shift();
      if (!c) throw new Error('credential pool exhausted');
      for (const v of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) ledger.add('issued credential', v);
      return { ...c, expiration: c.expiration.replace(/\.\d{3}Z$/, 'Z') };
    },
  });
  iot.register(pki.clients.goodRsa.certPem, THING);
  iot.register(pki.clients.goodEc.certPem, 'runner-ec');
  iot.register(pki.clients.expired.certPem, THING);
  iot.register(pki.clients.revoked.certPem, THING);
  for (const c of Object.values(pki.clients)) ledger.add('client private key', c.keyPem);
  proxy = await startTinyproxy();
});
after(async () => {
  await proxy?.close();
  await iot?.close();
  await moto?.stop();
});

function inputs(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'aws-region': 'us-east-1',
    'iot-credential-endpoint': `https://${iot.endpointHost}:${iot.port}`,
    'role-alias': DEFAULT_ROLE_ALIAS,
    'thing-name': THING,
    certificate: pki.clients.goodRsa.certPem,
    'private-key': pki.clients.goodRsa.keyPem,
    'ca-certificate': iot.serverCaPem,
    ...extra,
  };
}

async function main(
  extra: Record<string, string> = {},
  options: { node?: string; env?: Record<string, string> } = {},
): Promise<RunResult> {
  const run = await runAction('main', {
    inputs: inputs(extra),
    env: { GITHUB_RUN_ID: '9', ...options.env },
    hosts: { [iot.endpointHost]: '127.0.0.1' },
    ...(options.node ? { node: options.node } : {}),
  });
  ledger.addDelivered(run);
  return run;
}

describe('IoT certificate mode through the bundled action', () => {
  for (const node of nodeBinaries()) {
    test(`RSA certificate from secrets: mTLS with SNI and thing name, masked env the AWS CLI uses (${node.name})`, async () => {
      const before = iot.requests.length;
      const run = await main({}, { node: node.path });
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const req = iot.requests.at(-1)!;
      assert.equal(iot.requests.length - before, 1);
      assert.equal(req.serverName, iot.endpointHost, 'SNI is the endpoint host');
      assert.equal(req.clientVerify, 'SUCCESS');
      assert.equal(req.thingName, THING);
      assert.equal(req.path, `/role-aliases/${DEFAULT_ROLE_ALIAS}/credentials`);
      assert.match(req.tlsProtocol, /TLSv1\.[23]/);
      for (const name of [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_CREDENTIAL_EXPIRATION',
      ])
        assert.ok(run.exported[name], name);
      ledger.assertNoLeak(run);
      const cli = runAwsCli(['sts', 'get-caller-identity'], {
        ...run.exported,
        HOME: run.workspace.home,
        AWS_ENDPOINT_URL: moto.url,
      });
      assert.equal(cli.code, 0, cli.stderr);
      assert.match((cli.json as { Arn: string }).Arn, /^arn:aws:sts::111122223333:assumed-role\/ci-iot\/iot-\d+$/);
    });
  }

  test('EC key from files, written to a profile; the post step removes it', async () => {
    const home = newWorkspace();
    const run = await runAction('main', {
      inputs: inputs({
        certificate: pki.clients.goodEc.certPath,
        'private-key': pki.clients.goodEc.keyPath,
        'thing-name': 'runner-ec',
        profile: 'iot',
        'output-env-credentials': 'false',
      }),
      env: {},
      hosts: { [iot.endpointHost]: '127.0.0.1' },
      workspace: home,
    });
    assert.equal(run.code, 0, run.stdout);
    const file = join(home.home, '.aws', 'credentials');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.match(readFileSync(file, 'utf8'), /^\[iot\]\naws_access_key_id = ASIA/);
    const post = await runAction('post', { state: run.state, workspace: home });
    assert.equal(post.code, 0);
    assert.throws(() => statSync(file), 'the file the step created is gone');
  });

  test('an encrypted key opens with private-key-passphrase; CRLF and escaped newlines in secrets are accepted', async () => {
    const passphrase = 'iot-key-passphrase';
    ledger.add('passphrase', passphrase);
    const encrypted = execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-v2',
      'aes-256-cbc',
      '-passout',
      `pass:${passphrase}`,
      '-in',
      pki.clients.goodRsa.keyPath,
    ]).toString();
    const run = await main({
      'private-key': encrypted.replace(/\n/g, '\\n'),
      certificate: pki.clients.goodRsa.certPem.replace(/\n/g, '\r\n'),
      'private-key-passphrase': passphrase,
    });
    assert.equal(run.code, 0, run.stdout);
    ledger.assertNoLeak(run);
  });

  test('through an HTTPS proxy the client certificate is still presented end to end (CONNECT)', async () => {
    // The proxy resolves the endpoint itself, so this stand-in answers to a name the system resolver knows.
    const localPki = await createIotTestPki({ endpointHost: 'localhost' });
    const local = await startIotStandIn({
      pki: localPki,
      credentials: () => ({
        ...pool.shift()!,
        expiration: new Date(Date.now() + 3600e3).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
    });
    try {
      local.register(localPki.clients.goodRsa.certPem, THING);
      ledger.add('client private key', localPki.clients.goodRsa.keyPem);
      const before = proxy.requests().length;
      const run = await runAction('main', {
        inputs: inputs({
          'iot-credential-endpoint': `https://localhost:${local.port}`,
          certificate: localPki.clients.goodRsa.certPem,
          'private-key': localPki.clients.goodRsa.keyPem,
          'ca-certificate': local.serverCaPem,
        }),
        env: { HTTPS_PROXY: proxy.url },
      });
      assert.equal(run.code, 0, run.stdout);
      assert.deepEqual(proxy.requests().slice(before), [`CONNECT localhost:${local.port}`]);
      assert.equal(
        local.requests.at(-1)!.clientVerify,
        'SUCCESS',
        'nginx verified the client certificate through the tunnel',
      );
      assert.equal(local.requests.at(-1)!.serverName, 'localhost');
      ledger.addDelivered(run);
      ledger.assertNoLeak(run);
    } finally {
      await local.close();
    }
  });

  test('a connection reset in the middle of the body is retried', async () => {
    const before = iot.requests.length;
    iot.setFault({ kind: 'reset-mid-body' }, 1);
    const run = await main();
    assert.equal(run.code, 0, run.stdout);
    assert.equal(iot.requests.length - before, 2);
  });

  test('429 and 500 are retried', async () => {
    const before = iot.requests.length;
    iot.setFault({ kind: 'status', status: 429 }, 1);
    const run1 = await main();
    assert.equal(run1.code, 0, run1.stdout);
    iot.setFault({ kind: 'status', status: 500 }, 2);
    const run2 = await main();
    assert.equal(run2.code, 0, run2.stdout);
    assert.equal(iot.requests.length - before, 5);
  });
});

describe('IoT errors', () => {
  async function failing(
    extra: Record<string, string>,
    expect: RegExp,
    calls: number,
    env: Record<string, string> = {},
  ): Promise<RunResult> {
    const before = iot.requests.length;
    const run = await main(extra, { env });
    assert.equal(run.code, 1, run.stdout);
    assert.match(errorAnnotation(run.stdout), expect);
    assert.equal(iot.requests.length - before, calls, `${calls} request(s) reached the service`);
    assert.equal(run.files.env, '');
    ledger.assertNoLeak(run);
    for (const c of Object.values(pki.clients)) {
      const body = c.keyPem.split('\n').find((l) => l.length > 40)!;
      assert.ok(!run.stdout.includes(body), 'no PEM body line in the output');
    }
    return run;
  }

  test('an expired certificate is refused before any call, saying when it expired', async () => {
    await failing(
      { certificate: pki.clients.expired.certPem, 'private-key': pki.clients.expired.keyPem },
      /Input 'certificate': .*expired/,
      0,
    );
  });

  test('a key that does not match the certificate is refused before any call', async () => {
    await failing(
      { 'private-key': pki.clients.goodEc.keyPem },
      /Input 'private-key': does not belong to the certificate/,
      0,
    );
  });

  test('a missing passphrase for an encrypted key names private-key-passphrase', async () => {
    const encrypted = execFileSync('openssl', [
      'pkcs8',
      '-topk8',
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:x-secret',
      '-in',
      pki.clients.goodRsa.keyPath,
    ]).toString();
    await failing({ 'private-key': encrypted }, /private-key-passphrase/, 0);
  });

  test('a value that is neither PEM nor a file says which it looked like', async () => {
    await failing({ certificate: '/nonexistent/cert.pem' }, /Input 'certificate'.*\/nonexistent\/cert\.pem/, 0);
  });

  test('a certificate from an unknown CA is refused by the endpoint, not retried, with advice', async () => {
    await failing(
      {
        certificate: pki.clients.unknownCa.certPem,
        'private-key': pki.clients.unknownCa.keyPem,
        'retry-max-attempts': '3',
      },
      /iot:AssumeRoleWithCertificate failed: .*(refused the client certificate|ECONNRESET|socket hang up)/,
      0,
    );
  });

  test('a revoked certificate is refused by the endpoint', async () => {
    await failing(
      {
        certificate: pki.clients.revoked.certPem,
        'private-key': pki.clients.revoked.keyPem,
        'retry-max-attempts': '2',
      },
      /iot:AssumeRoleWithCertificate failed/,
      0,
    );
  });

  test('a wrong thing name gets 403 Invalid thing name passed, with the fix', async () => {
    await failing(
      { 'thing-name': 'someone-elses-thing' },
      /HTTP 403: Invalid thing name passed\. thing-name 'someone-elses-thing' must be the thing the certificate is attached to/,
      1,
    );
  });

  test('an unknown role alias gets 404 with the fix', async () => {
    await failing({ 'role-alias': 'no-such-alias' }, /HTTP 404: .*The role alias 'no-such-alias' does not exist/, 1);
  });

  test('an inactive certificate gets 403 Access Denied with what to check', async () => {
    iot.register(pki.clients.goodRsa.certPem, THING, { active: false });
    try {
      await failing({}, /HTTP 403: Access Denied\. Check that the certificate is ACTIVE and attached to the thing/, 1);
    } finally {
      iot.register(pki.clients.goodRsa.certPem, THING);
    }
  });

  test('a 200 with a malformed body, or with expired credentials, is an error', async () => {
    iot.setFault({ kind: 'malformed-body' }, 1);
    await failing({}, /MalformedResponse/, 1);
    iot.setFault({ kind: 'expired-credentials' }, 1);
    await failing({}, /InvalidResponse: .*in expiration/, 1);
  });

  test('an endpoint that never answers ends within action-timeout-s', async () => {
    iot.setFault({ kind: 'hang' });
    try {
      const run = await failing({ 'action-timeout-s': '3' }, /ETIMEDOUT|action-timeout-s/, 1);
      assert.ok(run.elapsedMs < 10000, `ended in ${run.elapsedMs} ms`);
    } finally {
      iot.clearFault();
    }
  });

  test('an endpoint that trickles one byte a second ends within action-timeout-s', async () => {
    iot.setFault({ kind: 'slow-body' });
    try {
      const run = await failing({ 'action-timeout-s': '3' }, /ETIMEDOUT|action-timeout-s/, 1);
      assert.ok(run.elapsedMs < 10000, `ended in ${run.elapsedMs} ms`);
    } finally {
      iot.clearFault();
    }
  });
});
