/**
 * Every provider through the registry, over a fake transport that records each request and answers as the service
 * would: what goes out (host from the SDK's endpoint rules, the form, the signature, the client certificate) and what
 * comes back (one Session shape whatever the mode).
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfig } from '../../src/config/build-config.js';
import { obtainSession } from '../../src/providers/registry.js';
import { contextFor } from '../../src/providers/exchange.js';
import type { HttpRequest, HttpResponse } from '../../src/http/request.js';
import { stsSessionXml } from '../support/sts-answers.js';
import { createCa, issueCertificate } from '../standins/pki.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN = 'arn:aws:iam::210987654321:role/target';
const JWT = 'eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln';
const AKID = 'ASIAFAKETRANSPORT001';
const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00';
const TOKEN = 'IQoJb3JpZ2luX2VjEFAKE/TOKEN+VALUE=';

function stsXml(action: string, akid: string, roleArn: string, expiration: Date): string {
  return stsSessionXml(action, {
    accessKeyId: akid,
    secretAccessKey: SECRET,
    sessionToken: TOKEN,
    roleArn,
    expiration,
  });
}

interface Recorded extends HttpRequest {
  form?: URLSearchParams;
}

function fakeTransport(answer: (req: Recorded) => HttpResponse) {
  const seen: Recorded[] = [];
  const http = async (req: HttpRequest): Promise<HttpResponse> => {
    const body =
      req.body === undefined
        ? undefined
        : typeof req.body === 'string'
          ? req.body
          : Buffer.from(req.body).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const recorded: Recorded = {
      ...req,
      headers,
      ...(body !== undefined && req.method === 'POST' && !body.startsWith('{')
        ? { form: new URLSearchParams(body) }
        : {}),
    };
    seen.push(recorded);
    return answer(recorded);
  };
  return { seen, http };
}

const later = () => new Date(Date.now() + 3600_000);

function stsAnswers(req: Recorded): HttpResponse {
  if (req.method === 'GET') return { status: 200, headers: {}, body: JSON.stringify({ value: JWT }) };
  const action = req.form?.get('Action') ?? '';
  const akid = action === 'AssumeRole' ? 'ASIACHAINEDHOP00001' : AKID;
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: stsXml(action, akid, req.form?.get('RoleArn') ?? ROLE, later()),
  };
}

function config(inputs: Record<string, string>, env: Record<string, string> = {}) {
  return buildConfig((name) => inputs[name] ?? '', env, new Date(), '/home/runner');
}

const tokenEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-bearer',
};

async function run(inputs: Record<string, string>, env: Record<string, string>, answer = stsAnswers) {
  const { seen, http } = fakeTransport(answer);
  const masked: string[] = [];
  const cfg = config(inputs, env);
  const ctx = contextFor(cfg, { mask: (v) => masked.push(v), debug: () => undefined, http });
  const result = await obtainSession(cfg, ctx);
  return { seen, masked, result };
}

/** The SDK reads FIPS and dual-stack switches from process.env: set them for one call only. */
async function withProcessEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const k of Object.keys(vars)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

test("oidc: one token request, then AssumeRoleWithWebIdentity to the region's STS with the token in the form", async () => {
  const { seen, masked, result } = await run({ 'aws-region': 'eu-west-2', 'role-to-assume': ROLE }, tokenEnv);
  assert.equal(seen.length, 2);
  assert.equal(seen[0]!.method, 'GET');
  assert.equal(new URL(seen[0]!.url).searchParams.get('audience'), 'sts.amazonaws.com');
  assert.equal(seen[0]!.headers?.['authorization'], 'Bearer runner-bearer');
  assert.equal(new URL(seen[1]!.url).host, 'sts.eu-west-2.amazonaws.com');
  assert.equal(seen[1]!.form?.get('Action'), 'AssumeRoleWithWebIdentity');
  assert.equal(seen[1]!.form?.get('WebIdentityToken'), JWT);
  assert.equal(seen[1]!.form?.get('RoleArn'), ROLE);
  assert.equal(seen[1]!.headers?.['authorization'], undefined, 'AssumeRoleWithWebIdentity is unsigned');
  assert.equal(result.final.credentials.accessKeyId, AKID);
  assert.equal(result.final.assumedRoleArn, 'arn:aws:sts::123456789012:assumed-role/deploy/ci-session');
  assert.ok(masked.includes(SECRET) && masked.includes(TOKEN) && masked.includes(AKID));
});

test("oidc: the SDK's endpoint rules: ISO partitions, China, FIPS and dual-stack", async () => {
  const host = async (region: string, vars: Record<string, string> = {}) =>
    withProcessEnv(
      vars,
      async () => new URL((await run({ 'aws-region': region, 'role-to-assume': ROLE }, tokenEnv)).seen[1]!.url).host,
    );
  assert.equal(await host('us-iso-east-1'), 'sts.us-iso-east-1.c2s.ic.gov');
  assert.equal(await host('us-isob-east-1'), 'sts.us-isob-east-1.sc2s.sgov.gov');
  assert.equal(await host('cn-north-1'), 'sts.cn-north-1.amazonaws.com.cn');
  assert.equal(await host('us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }), 'sts-fips.us-east-1.amazonaws.com');
  assert.equal(await host('us-east-1', { AWS_USE_DUALSTACK_ENDPOINT: 'true' }), 'sts.us-east-1.api.aws');
});

test('oidc: AWS_ENDPOINT_URL_STS is where the request goes', async () => {
  const { seen } = await run(
    { 'aws-region': 'us-east-1', 'role-to-assume': ROLE },
    { ...tokenEnv, AWS_ENDPOINT_URL_STS: 'https://sts.internal.example:8443' },
  );
  assert.equal(new URL(seen[1]!.url).host, 'sts.internal.example:8443');
});

test("chain-role-arn: AssumeRole signed with the first session's key, tagged with the run", async () => {
  const env = { ...tokenEnv, GITHUB_REPOSITORY: 'octo/repo', GITHUB_RUN_ID: '7', GITHUB_ACTOR: 'octocat' };
  const { seen, result } = await run(
    { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'chain-role-arn': CHAIN },
    env,
  );
  assert.equal(seen.length, 3);
  const hop = seen[2]!;
  assert.equal(hop.form?.get('Action'), 'AssumeRole');
  assert.equal(hop.form?.get('RoleArn'), CHAIN);
  assert.match(
    hop.headers?.['authorization'] ?? '',
    new RegExp(`^AWS4-HMAC-SHA256 Credential=${AKID}/\\d{8}/us-east-1/sts/aws4_request`),
  );
  assert.equal(hop.headers?.['x-amz-security-token'], TOKEN);
  assert.equal(hop.form?.get('Tags.member.1.Key'), 'GitHub');
  assert.equal(hop.form?.get('Tags.member.2.Value'), 'octo/repo');
  assert.equal(result.source.credentials.accessKeyId, AKID);
  assert.equal(result.final.credentials.accessKeyId, 'ASIACHAINEDHOP00001');
});

test("sts: a throttled attempt is retried by the project's policy alone (the SDK sends once per attempt)", async () => {
  let posts = 0;
  const { seen, result } = await run(
    { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'retry-max-attempts': '3' },
    tokenEnv,
    (req) => {
      if (req.method === 'POST' && ++posts === 1) {
        return {
          status: 400,
          headers: {},
          body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>',
        };
      }
      return stsAnswers(req);
    },
  );
  assert.equal(posts, 2);
  assert.equal(seen.filter((r) => r.method === 'GET').length, 1, 'one id-token for both attempts');
  assert.equal(result.final.credentials.accessKeyId, AKID);
});

test("sts: AccessDenied is not retried and keeps AWS's message", async () => {
  let posts = 0;
  await assert.rejects(
    run({ 'aws-region': 'us-east-1', 'role-to-assume': ROLE }, tokenEnv, (req) => {
      if (req.method === 'GET') return stsAnswers(req);
      posts++;
      return {
        status: 403,
        headers: {},
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>',
      };
    }),
    /sts:AssumeRoleWithWebIdentity failed: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\. Check the role's trust policy/,
  );
  assert.equal(posts, 1);
});

const ca = createCa('Registry Test CA');
const leaf = issueCertificate(ca, { commonName: 'device-1', clientAuth: true });
after(() => undefined);

test("iot-certificate: one GET to the role alias over the client certificate, IoT's JSON as a Session", async () => {
  const { seen, result } = await run(
    {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'c1abc.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'ci-alias',
      'thing-name': 'device-1',
      certificate: leaf.certPem,
      'private-key': leaf.keyPem,
    },
    {},
    () => ({
      status: 200,
      headers: {},
      body: JSON.stringify({
        credentials: {
          accessKeyId: AKID,
          secretAccessKey: SECRET,
          sessionToken: TOKEN,
          expiration: later().toISOString(),
        },
      }),
    }),
  );
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.url, 'https://c1abc.credentials.iot.us-east-1.amazonaws.com/role-aliases/ci-alias/credentials');
  assert.equal(seen[0]!.headers?.['x-amzn-iot-thingname'], 'device-1');
  assert.ok(seen[0]!.tls?.secureContext, 'the client certificate goes in the TLS handshake');
  assert.equal(result.final.credentials.accessKeyId, AKID);
});

test('roles-anywhere: CreateSession signed with the certificate (SigV4-X509), its JSON as a Session', async () => {
  const ra = {
    'aws-region': 'us-east-1',
    'trust-anchor-arn':
      'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/11111111-2222-3333-4444-555555555555',
    'profile-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/11111111-2222-3333-4444-666666666666',
    'role-to-assume': ROLE,
    certificate: leaf.certPem,
    'private-key': leaf.keyPem,
  };
  const { seen, result } = await run(ra, {}, () => ({
    status: 201,
    headers: {},
    body: JSON.stringify({
      credentialSet: [
        {
          credentials: {
            accessKeyId: AKID,
            secretAccessKey: SECRET,
            sessionToken: TOKEN,
            expiration: later().toISOString(),
          },
          assumedRoleUser: { arn: 'arn:aws:sts::123456789012:assumed-role/deploy/ci-session' },
        },
      ],
    }),
  }));
  assert.equal(seen.length, 1);
  assert.equal(new URL(seen[0]!.url).host, 'rolesanywhere.us-east-1.amazonaws.com');
  assert.match(
    seen[0]!.headers?.['authorization'] ?? '',
    /^AWS4-X509-ECDSA-SHA256 Credential=\d+\/\d{8}\/us-east-1\/rolesanywhere\/aws4_request/,
  );
  assert.equal(result.final.credentials.accessKeyId, AKID);
});
