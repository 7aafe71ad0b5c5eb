/**
 * The process environment is read once, by buildConfig, into typed fields of the config; the exchange then takes those
 * values and never the environment: driven with a config whose values differ from a hostile process.env, every request
 * follows the config (endpoints, the runner's token request, proxies, role-chaining's keys, the session tags).
 */
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildConfig } from '../../src/config/build-config.js';
import type { Config } from '../../src/config/model.js';
import { parseHandover, serializeHandover } from '../../src/delivery/endpoint/handover.js';
import { exchange } from '../../src/providers/exchange.js';
import { InputError } from '../../src/errors.js';
import type { HttpRequest, HttpResponse } from '../../src/http/request.js';
import { stsSessionXml } from '../support/sts-answers.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const JWT = 'eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln';
const OIDC = { 'aws-region': 'eu-west-2', 'role-to-assume': ROLE };
const RUNNER = {
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.config.example/idtoken?api-version=2.0',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'config-bearer',
};
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIACONFIGKEY0000001', AWS_SECRET_ACCESS_KEY: 'config-secret' };

/** Every variable the config reads, each pointing somewhere else: set in process.env while the exchange runs. */
const HOSTILE = {
  AWS_ENDPOINT_URL_STS: 'https://sts.hostile.example',
  AWS_ENDPOINT_URL: 'https://all.hostile.example',
  AWS_ENDPOINT_URL_ROLESANYWHERE: 'https://ra.hostile.example',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.hostile.example/x',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'hostile-bearer',
  HTTPS_PROXY: 'http://proxy.hostile.example:3128',
  https_proxy: 'http://proxy.hostile.example:3128',
  AWS_ACCESS_KEY_ID: 'AKIAHOSTILEKEY000001',
  AWS_SECRET_ACCESS_KEY: 'hostile-secret',
  GITHUB_REPOSITORY: 'hostile/repo',
  CI_JOB_JWT: 'hostile.jwt.value',
};
const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(HOSTILE)) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const build = (inputs: Record<string, string>, env: Record<string, string>): Config =>
  buildConfig((name) => inputs[name] ?? '', env, new Date(), '/home/runner');

/** The exchange over a recording transport that answers as the token endpoint and STS would. */
async function run(config: Config, hostile: Record<string, string> = HOSTILE): Promise<HttpRequest[]> {
  const seen: HttpRequest[] = [];
  Object.assign(process.env, hostile);
  await exchange(config, {
    mask: () => undefined,
    debug: () => undefined,
    http: async (req): Promise<HttpResponse> => {
      seen.push(req);
      if (req.method === 'GET') return { status: 200, headers: {}, body: JSON.stringify({ value: JWT }) };
      const form = new URLSearchParams(
        typeof req.body === 'string' ? req.body : Buffer.from(req.body ?? []).toString(),
      );
      const action = form.get('Action') ?? '';
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: stsSessionXml(action, {
          accessKeyId: 'ASIAFAKETRANSPORT001',
          secretAccessKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00',
          sessionToken: 'IQoJb3JpZ2luX2VjEFAKE',
          roleArn: form.get('RoleArn') ?? ROLE,
          expiration: new Date(Date.now() + 3600_000),
        }),
      };
    },
  });
  return seen;
}

const formOf = (req: HttpRequest) =>
  new URLSearchParams(typeof req.body === 'string' ? req.body : Buffer.from(req.body ?? []).toString());

test('endpoint variables: read into config.endpoints as the SDKs pick them, each URL kept unchecked until used', () => {
  assert.equal(build(OIDC, {}).endpoints, undefined);
  assert.deepEqual(build(OIDC, { AWS_ENDPOINT_URL: 'https://all.example', AWS_USE_FIPS_ENDPOINT: 'TRUE' }).endpoints, {
    sts: { variable: 'AWS_ENDPOINT_URL', url: 'https://all.example' },
    rolesAnywhere: { variable: 'AWS_ENDPOINT_URL', url: 'https://all.example' },
    fips: true,
  });
  assert.deepEqual(build(OIDC, { AWS_ENDPOINT_URL: 'https://all.example', AWS_ENDPOINT_URL_STS: 'x' }).endpoints?.sts, {
    variable: 'AWS_ENDPOINT_URL_STS',
    url: 'x',
  });
  const ignored = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'not a url' };
  assert.equal(build(OIDC, ignored).endpoints, undefined);
});

test('a bad endpoint variable fails only the exchange that uses it, naming the variable', async () => {
  // IoT mode calls no STS: a plain-http AWS_ENDPOINT_URL (a MinIO or local stand-in's) does not stop the config.
  const iot = build(
    {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': 'abc123.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'ci',
      certificate: '/c.pem',
      'private-key': '/k.pem',
    },
    { AWS_ENDPOINT_URL: 'http://minio.internal:9000' },
  );
  assert.equal(iot.endpoints?.sts?.url, 'http://minio.internal:9000');
  const oidc = build({ ...OIDC, 'web-identity-token-file': '/t' }, { AWS_ENDPOINT_URL_STS: 'http://sts.internal' });
  await assert.rejects(run(oidc), (err: unknown) => err instanceof InputError && err.input === 'AWS_ENDPOINT_URL_STS');
});

test('OIDC: the runner request and the token variable are read into the source, only where they are used', () => {
  assert.deepEqual(build(OIDC, RUNNER).source, {
    mode: 'oidc',
    roleArn: ROLE,
    audience: 'sts.amazonaws.com',
    runnerRequest: { url: RUNNER.ACTIONS_ID_TOKEN_REQUEST_URL, bearer: 'config-bearer' },
  });
  // No bearer, no id-token: as configure-aws-credentials, the runner's own AWS identity is the base.
  assert.equal(build(OIDC, { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t' }).source.mode, 'runner-identity');
  const byFile = build({ ...OIDC, 'web-identity-token-file': '/t' }, RUNNER).source;
  assert.ok(!('runnerRequest' in byFile), 'a token file needs no runner request');
  assert.deepEqual(build({ ...OIDC, 'web-identity-token-env': 'CI_JOB_JWT' }, { ...RUNNER, CI_JOB_JWT: JWT }).source, {
    mode: 'oidc',
    roleArn: ROLE,
    audience: 'sts.amazonaws.com',
    tokenEnv: 'CI_JOB_JWT',
    tokenEnvValue: JWT,
  });
});

test('proxy variables: lower-case names first, absent when none is set', () => {
  assert.equal(build(OIDC, {}).proxyVariables, undefined);
  assert.deepEqual(
    build(OIDC, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', HTTP_PROXY: 'p:3', NO_PROXY: 'a' })
      .proxyVariables,
    { https: 'http://lower:1', http: 'p:3', noProxy: 'a' },
  );
});

test('the run context is read only when an sts:AssumeRole hop sends tags; the AWS_* keys only when used', () => {
  const env = { GITHUB_REPOSITORY: 'octo/repo', GITHUB_RUN_ID: '42', ...KEYS, ...RUNNER };
  assert.equal(build(OIDC, env).runContext, undefined);
  assert.equal(build(OIDC, env).environmentCredentials, undefined);
  const chained = build({ ...OIDC, 'chain-role-arn': ROLE }, env);
  assert.equal(chained.runContext?.repository, 'octo/repo');
  assert.equal(chained.runContext?.runId, '42');
  assert.equal(
    build({ ...OIDC, 'chain-role-arn': ROLE, 'role-skip-session-tagging': 'true' }, env).runContext,
    undefined,
  );
  assert.deepEqual(build({ ...OIDC, 'use-existing-credentials': 'true' }, env).environmentCredentials, {
    accessKeyId: KEYS.AWS_ACCESS_KEY_ID,
    secretAccessKey: 'config-secret',
  });
  const chaining = build({ ...OIDC, 'role-chaining': 'true' }, { ...env, AWS_SESSION_TOKEN: 'tok' });
  assert.equal(chaining.environmentCredentials?.sessionToken, 'tok');
});

test('OIDC from the runner: the token request and STS follow the config, not a hostile process.env', async () => {
  const config = build(OIDC, { ...RUNNER, AWS_ENDPOINT_URL_STS: 'https://sts.config.example' });
  const seen = await run(config);
  assert.equal(seen.length, 2);
  assert.equal(new URL(seen[0]!.url).host, 'token.config.example');
  assert.equal(seen[0]!.headers?.['authorization'], 'Bearer config-bearer');
  assert.equal(new URL(seen[1]!.url).host, 'sts.config.example');
  for (const req of seen) assert.equal(req.proxy, undefined, 'no proxy in the config: none is used');
});

test("the config's proxy and token variable are used, not process.env's", async () => {
  const config = build(
    { ...OIDC, 'web-identity-token-env': 'CI_JOB_JWT' },
    { HTTPS_PROXY: 'http://proxy.config.example:8080', CI_JOB_JWT: JWT },
  );
  // Where the config names no endpoint the SDK's own rules pick one, and they read process.env as they read
  // ~/.aws/config: the endpoint variables are left out of this hostile environment.
  const { AWS_ENDPOINT_URL_STS: _s, AWS_ENDPOINT_URL: _a, ...hostile } = HOSTILE;
  const seen = await run(config, hostile);
  assert.equal(seen.length, 1);
  assert.equal(new URL(seen[0]!.url).host, 'sts.eu-west-2.amazonaws.com');
  assert.equal(seen[0]!.proxy?.host, 'proxy.config.example:8080');
  assert.equal(formOf(seen[0]!).get('WebIdentityToken'), JWT);
});

test("role-chaining signs with the config's keys and tags the config's run, whatever process.env holds", async () => {
  const config = build(
    { ...OIDC, 'role-chaining': 'true' },
    { ...KEYS, GITHUB_REPOSITORY: 'octo/repo', AWS_ENDPOINT_URL_STS: 'https://sts.config.example' },
  );
  const seen = await run(config);
  assert.equal(seen.length, 1);
  assert.equal(new URL(seen[0]!.url).host, 'sts.config.example');
  assert.match(seen[0]!.headers?.['authorization'] ?? '', /Credential=AKIACONFIGKEY0000001\//);
  const form = formOf(seen[0]!);
  assert.equal(form.get('Action'), 'AssumeRole');
  assert.equal(form.get('Tags.member.2.Key'), 'Repository');
  assert.equal(form.get('Tags.member.2.Value'), 'octo/repo');
});

test("Roles Anywhere's endpoint comes from its own variable before the global one", () => {
  const ra = {
    'aws-region': 'us-east-1',
    'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a1b2',
    'profile-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/p1',
    'role-to-assume': ROLE,
    certificate: '/c.pem',
  };
  const env = { AWS_ENDPOINT_URL_ROLESANYWHERE: 'https://ra.config.example', AWS_ENDPOINT_URL: 'https://all.example' };
  assert.deepEqual(build(ra, env).endpoints, {
    sts: { variable: 'AWS_ENDPOINT_URL', url: 'https://all.example' },
    rolesAnywhere: { variable: 'AWS_ENDPOINT_URL_ROLESANYWHERE', url: 'https://ra.config.example' },
  });
});

test("the refreshing endpoint's handover carries what the main step read, so a refresh needs no environment", () => {
  const config = build(
    { ...OIDC, 'chain-role-arn': ROLE },
    {
      ...RUNNER,
      AWS_ENDPOINT_URL_STS: 'https://sts.config.example',
      NO_PROXY: 'internal.example',
      GITHUB_REPOSITORY: 'octo/repo',
    },
  );
  const session = { credentials: { accessKeyId: 'ASIAFAKETRANSPORT001', secretAccessKey: 's' } };
  const handover = parseHandover(
    serializeHandover({
      config,
      session,
      obtainedAt: 1,
      path: `/${'a'.repeat(16)}`,
      token: 't'.repeat(32),
      maxLifetimeMs: 1,
    }),
  );
  assert.deepEqual(handover.config.endpoints, config.endpoints);
  assert.deepEqual(handover.config.proxyVariables, { noProxy: 'internal.example' });
  assert.deepEqual(handover.config.runContext, config.runContext);
  assert.deepEqual(handover.config.source, config.source);
});
