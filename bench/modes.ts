/** The modes the benchmark times: each sets up its loopback peer and returns the step's inputs and environment. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto } from '../__tests__/support/moto.js';
import { startTokenEndpoint } from '../__tests__/standins/token-endpoint.js';
import { createIotTestPki } from '../__tests__/standins/iot-test-pki.js';
import { startIotStandIn, DEFAULT_ROLE_ALIAS } from '../__tests__/standins/iot-standin.js';
import { createPkiDir } from '../__tests__/standins/pki.js';
import { startRolesAnywhereStandIn } from '../__tests__/standins/roles-anywhere-server.js';
import { startHttpsFront } from './https-front.js';
import { startDelayFront } from './delay-front.js';

export interface BenchMode {
  name: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
  close(): Promise<void>;
}

const ROLE = 'arn:aws:iam::123456789012:role/bench';

export async function oidcMode(): Promise<BenchMode> {
  const moto = await startMoto();
  const tokens = await startTokenEndpoint();
  return {
    name: 'oidc',
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
      AWS_ENDPOINT_URL_STS: moto.url,
      GITHUB_RUN_ID: '1',
    },
    close: async () => {
      await tokens.close();
      await moto.stop();
    },
  };
}

/** What a hosted runner's round trips cost (issue 22): each id-token request held 120 ms, each STS request 90 ms. */
export const RUNNER_LATENCY_MS = { idToken: 120, sts: 90 };

/** OIDC with a delaying front before the token endpoint and before moto: where a real runner's step spends its time. */
export async function oidcLatencyMode(): Promise<BenchMode> {
  const moto = await startMoto();
  const tokens = await startTokenEndpoint();
  const tokenFront = await startDelayFront(tokens.url, RUNNER_LATENCY_MS.idToken);
  const stsFront = await startDelayFront(moto.url, RUNNER_LATENCY_MS.sts);
  return {
    name: 'oidc-latency',
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: tokenFront.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
      AWS_ENDPOINT_URL_STS: stsFront.url,
      GITHUB_RUN_ID: '1',
    },
    close: async () => {
      await tokenFront.close();
      await stsFront.close();
      await tokens.close();
      await moto.stop();
    },
  };
}

/** OIDC against moto behind TLS, as against real STS: the fair baseline for the certificate modes, which use TLS too. */
async function oidcTlsMode(): Promise<BenchMode> {
  const moto = await startMoto();
  const front = await startHttpsFront(moto.url);
  const tokens = await startTokenEndpoint();
  return {
    name: 'oidc-tls',
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
      AWS_ENDPOINT_URL_STS: front.url,
      NODE_EXTRA_CA_CERTS: front.caFile,
      GITHUB_RUN_ID: '1',
    },
    close: async () => {
      await tokens.close();
      await front.close();
      await moto.stop();
    },
  };
}

/** nginx with ssl_verify_client answering for `localhost`, so the step needs no resolver tricks. */
async function iotMode(): Promise<BenchMode> {
  const pki = await createIotTestPki({ endpointHost: 'localhost' });
  const iot = await startIotStandIn({ pki });
  iot.register(pki.clients.goodEc.certPem, 'bench-thing');
  return {
    name: 'iot-certificate',
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': `https://localhost:${iot.port}`,
      'role-alias': DEFAULT_ROLE_ALIAS,
      'thing-name': 'bench-thing',
      certificate: pki.clients.goodEc.certPath,
      'private-key': pki.clients.goodEc.keyPath,
      'ca-certificate': iot.serverCaPem,
    },
    env: {},
    close: () => iot.close(),
  };
}

/** The stand-in's CA goes in NODE_EXTRA_CA_CERTS as one small file: the cost the runner avoids is the system bundle's. */
async function rolesAnywhereMode(): Promise<BenchMode> {
  const pki = createPkiDir();
  const root = pki.createRoot({ commonName: 'Bench Root', keyType: 'ec-p256' });
  const leaf = pki.issueLeaf(root, { commonName: 'bench', keyType: 'ec-p256' });
  const anchor = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/aaaaaaaa-0000-0000-0000-000000000000';
  const profile = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/bbbbbbbb-0000-0000-0000-000000000000';
  const ra = await startRolesAnywhereStandIn({
    trustAnchors: [{ arn: anchor, caPem: root.certPem }],
    profiles: [{ arn: profile, roleArns: [ROLE] }],
  });
  const caFile = join(pki.dir, 'ra-ca.pem');
  writeFileSync(caFile, ra.caCertPem);
  return {
    name: 'roles-anywhere',
    inputs: {
      'aws-region': 'us-east-1',
      'trust-anchor-arn': anchor,
      'profile-arn': profile,
      'role-to-assume': ROLE,
      certificate: leaf.certPath,
      'private-key': leaf.keyPath,
    },
    env: { AWS_ENDPOINT_URL_ROLESANYWHERE: ra.url, NODE_EXTRA_CA_CERTS: caFile },
    close: async () => {
      await ra.close();
      pki.remove();
    },
  };
}

export async function benchModes(): Promise<BenchMode[]> {
  return [await oidcMode(), await oidcTlsMode(), await iotMode(), await rolesAnywhereMode()];
}
