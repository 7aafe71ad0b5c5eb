/**
 * Proxies, end to end: the bundled action behind a real proxy (tinyproxy). STS over plain HTTP is forwarded; HTTPS
 * (Roles Anywhere, verified by its stand-in) goes through a CONNECT tunnel with TLS end to end; NO_PROXY and the
 * http-proxy input are honoured; proxy credentials are sent and never printed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto, mintWithMoto, type Moto } from '../support/moto.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy.js';
import { createPkiDir, type CertificateFiles, type PkiDir } from '../standins/pki.js';
import { startRolesAnywhereStandIn, type RolesAnywhereStandIn } from '../standins/roles-anywhere-server.js';
import { errorAnnotation, runAction } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';

const ROLE = 'arn:aws:iam::123456789012:role/behind-proxy';
const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/aaaaaaaa-1111-2222-3333-444455556666';
const PROFILE = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/bbbbbbbb-1111-2222-3333-444455556666';

let moto: Moto;
let tokens: TokenEndpoint;
let proxy: Tinyproxy;
let authProxy: Tinyproxy;
let pki: PkiDir;
let leaf: CertificateFiles;
let ra: RolesAnywhereStandIn;
let caFile: string;
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  tokens = await startTokenEndpoint();
  proxy = await startTinyproxy();
  authProxy = await startTinyproxy({ basicAuth: { user: 'ci', password: 'proxy-pass-123' } });
  ledger.add('proxy password', 'proxy-pass-123');
  pki = createPkiDir();
  const root = pki.createRoot({ commonName: 'Proxy Test Root', keyType: 'ec-p256' });
  leaf = pki.issueLeaf(root, { commonName: 'proxied-runner', keyType: 'ec-p256' });
  ledger.add('private key', leaf.keyPem);
  ra = await startRolesAnywhereStandIn({
    trustAnchors: [{ arn: ANCHOR, caPem: root.certPem }],
    profiles: [{ arn: PROFILE, roleArns: [ROLE] }],
    credentials: (req) => mintWithMoto(moto.url, req.roleArn, req.roleSessionName, req.durationSeconds),
  });
  caFile = join(pki.dir, 'ra-ca.pem');
  writeFileSync(caFile, ra.caCertPem);
});
after(async () => {
  await ra?.close();
  pki?.remove();
  await authProxy?.close();
  await proxy?.close();
  await tokens?.close();
  await moto?.stop();
});

const oidcInputs = { 'aws-region': 'us-east-1', 'role-to-assume': ROLE };
const raInputs = () => ({
  'aws-region': 'us-east-1',
  'trust-anchor-arn': ANCHOR,
  'profile-arn': PROFILE,
  'role-to-assume': ROLE,
  certificate: leaf.certPem,
  'private-key': leaf.keyPem,
});
const oidcEnv = () => ({
  ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
  AWS_ENDPOINT_URL_STS: moto.url,
});
const raEnv = () => ({ AWS_ENDPOINT_URL_ROLESANYWHERE: ra.url, NODE_EXTRA_CA_CERTS: caFile });

describe('every request honours the proxy settings', () => {
  test('OIDC: the token request and STS go through HTTP_PROXY', async () => {
    const before = proxy.requests().length;
    const run = await runAction('main', { inputs: oidcInputs, env: { ...oidcEnv(), HTTP_PROXY: proxy.url } });
    assert.equal(run.code, 0, run.stdout);
    const seen = proxy.requests().slice(before);
    assert.ok(
      seen.some((r) => r.startsWith('GET http://127.0.0.1:') && r.includes('/_apis/distributedtask/token')),
      seen.join('\n'),
    );
    assert.ok(
      seen.some((r) => r === `POST ${moto.url}/`),
      seen.join('\n'),
    );
  });

  test('Roles Anywhere: HTTPS goes through a CONNECT tunnel; the stand-in still verifies the signature and chain', async () => {
    const before = proxy.requests().length;
    const requestsBefore = ra.requests.length;
    const run = await runAction('main', { inputs: raInputs(), env: { ...raEnv(), HTTPS_PROXY: proxy.url } });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(proxy.requests().slice(before), [`CONNECT ${new URL(ra.url).host}`]);
    assert.equal(ra.requests.length - requestsBefore, 1);
    assert.equal(ra.requests.at(-1)!.status, 201);
    ledger.addDelivered(run);
    ledger.assertNoLeak(run);
  });

  test('NO_PROXY keeps matching hosts direct', async () => {
    const before = proxy.requests().length;
    const run = await runAction('main', {
      inputs: raInputs(),
      env: { ...raEnv(), HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com,127.0.0.1' },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(proxy.requests().length, before);
  });

  test('the http-proxy input overrides the environment and carries Basic credentials, never printed', async () => {
    const url = new URL(authProxy.url);
    url.username = 'ci';
    url.password = 'proxy-pass-123';
    const before = authProxy.requests().length;
    const run = await runAction('main', {
      inputs: { ...raInputs(), 'http-proxy': url.toString() },
      env: { ...raEnv(), HTTPS_PROXY: 'http://127.0.0.1:9' },
    });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(authProxy.requests().length - before, 1);
    ledger.addDelivered(run);
    ledger.assertNoLeak(run);
  });

  test('wrong proxy credentials fail with a clear error naming the proxy, without the password', async () => {
    const run = await runAction('main', {
      inputs: {
        ...raInputs(),
        'http-proxy': 'http://ci:wrong-pass-456@' + new URL(authProxy.url).host,
        'retry-max-attempts': '1',
      },
      env: raEnv(),
    });
    assert.equal(run.code, 1);
    const error = errorAnnotation(run.stdout);
    assert.match(
      error,
      /rolesanywhere:CreateSession failed: EPROXYAUTH: proxy http:\/\/127\.0\.0\.1:\d+ refused CONNECT .* with HTTP 40[17]\. The proxy refused its credentials/,
    );
    assert.ok(!run.stdout.includes('wrong-pass-456') && !run.stderr.includes('wrong-pass-456'));
  });

  test('through the tunnel TLS checks who answers: a certificate for localhost only is refused for https://127.0.0.1, as direct', async () => {
    const root = pki.createRoot({ commonName: 'Localhost-only Root', keyType: 'ec-p256' });
    const server = pki.issueLeaf(root, { commonName: 'localhost', serverNames: ['localhost'] });
    const narrow = await startRolesAnywhereStandIn({
      trustAnchors: [{ arn: ANCHOR, caPem: pki.createRoot({ commonName: 'unused' }).certPem }],
      profiles: [{ arn: PROFILE, roleArns: [ROLE] }],
      tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: root.certPem },
    });
    try {
      const narrowCa = join(pki.dir, 'localhost-only-ca.pem');
      writeFileSync(narrowCa, root.certPem);
      const port = new URL(narrow.url).port;
      const attempt = (host: string, viaProxy: boolean) =>
        runAction('main', {
          inputs: { ...raInputs(), 'retry-max-attempts': '1' },
          env: {
            AWS_ENDPOINT_URL_ROLESANYWHERE: `https://${host}:${port}`,
            NODE_EXTRA_CA_CERTS: narrowCa,
            ...(viaProxy ? { HTTPS_PROXY: proxy.url } : {}),
          },
        });
      for (const viaProxy of [true, false]) {
        const before = narrow.requests.length;
        const run = await attempt('127.0.0.1', viaProxy);
        assert.equal(run.code, 1, run.stdout);
        assert.match(
          errorAnnotation(run.stdout),
          /rolesanywhere:CreateSession failed: ERR_TLS_CERT_ALTNAME_INVALID.*TLS certificate was not trusted/,
          viaProxy ? 'through the proxy' : 'direct',
        );
        assert.equal(narrow.requests.length, before, 'no request reached the server');
      }
      // The same server under the name its certificate holds is reached through the tunnel: the refusal was the name.
      const proxied = proxy.requests().length;
      const named = await attempt('localhost', true);
      assert.ok(narrow.requests.length > 0, named.stdout);
      assert.deepEqual(proxy.requests().slice(proxied), [`CONNECT localhost:${port}`]);
    } finally {
      await narrow.close();
    }
  });
});
