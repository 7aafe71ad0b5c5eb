/**
 * The action's `diagnose: true` end to end: the bundled main step, a runner token endpoint issuing a real RS256 token
 * for a job in an environment, the STS stand-in refusing it by the role's trust (moto's STS does not evaluate trust),
 * and moto as IAM (behind a recording fault proxy) holding that role and the OIDC provider. With the runner's own
 * credentials the log names the failing condition; without them, one line says what it needs; a denied read says the
 * same; a failing read is one warning; without the input nothing extra happens and IAM is not called. The step fails
 * with STS's AccessDenied every time, and never prints the token.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { startMoto, type Moto } from '../support/moto.js';
import { startFaultProxy, type FaultProxy } from '../standins/fault-proxy.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';
import { startStsStandIn, tokenEndpointJwks, type StsStandIn } from '../standins/sts-standin.js';
import { githubClaims, trustAdmits } from '../support/trust-match.js';
import { errorAnnotation, runAction, type RunResult } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';

const HOST = 'token.actions.githubusercontent.com';
const ACCOUNT = '123456789012'; // moto's
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${HOST}`;
const REPO = { owner: 'octo-org', ownerId: 123456, name: 'octo-repo', id: 789012 };
const IMMUTABLE_MAIN = 'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main';
const ENVIRONMENT_SUB = 'repo:octo-org@123456/octo-repo@789012:environment:prod';
const RUNNER_KEYS = { AWS_ACCESS_KEY_ID: 'AKIARUNNEROWNKEY0001', AWS_SECRET_ACCESS_KEY: 'runner-own-secret-key' };

/** The role's trust: the repository's main branch only; the job runs in the prod environment, so STS refuses it. */
const TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'GitHubMain',
      Effect: 'Allow',
      Principal: { Federated: PROVIDER },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com', [`${HOST}:sub`]: IMMUTABLE_MAIN } },
    },
  ],
};

let moto: Moto;
let iam: FaultProxy;
let tokens: TokenEndpoint;
let sts: StsStandIn;
let roleArn: string;
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  iam = await startFaultProxy(moto.url);
  const admin = new IAMClient({
    region: 'us-east-1',
    endpoint: moto.url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  await admin.send(
    new CreateOpenIDConnectProviderCommand({
      Url: `https://${HOST}`,
      ClientIDList: ['sts.amazonaws.com'],
      ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
    }),
  );
  const role = await admin.send(
    new CreateRoleCommand({ RoleName: 'diagnose-main', AssumeRolePolicyDocument: JSON.stringify(TRUST) }),
  );
  admin.destroy();
  roleArn = role.Role!.Arn!;
  const claims = { ...githubClaims(REPO, 'refs/heads/main', 'immutable', 'environment:prod'), environment: 'prod' };
  tokens = await startTokenEndpoint(claims);
  ledger.add('runner bearer', tokens.bearer);
  sts = await startStsStandIn({
    trustedIssuers: [
      { issuer: `https://${HOST}`, jwks: tokenEndpointJwks(tokens.url), audiences: ['sts.amazonaws.com'] },
    ],
    trustWebIdentity: (_role, got) => trustAdmits(TRUST, got),
  });
});
after(async () => {
  await sts?.close();
  await tokens?.close();
  await iam?.close();
  await moto?.stop();
});

async function step(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  const run = await runAction('main', {
    inputs: { 'aws-region': 'us-east-1', 'role-to-assume': roleArn, ...inputs },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_ENDPOINT_URL_IAM: iam.url,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...env,
    },
  });
  for (const t of tokens.issued) ledger.add('id-token', t);
  ledger.add('runner secret key', RUNNER_KEYS.AWS_SECRET_ACCESS_KEY);
  // Refused, whatever the diagnosis found: STS's answer is the step's error, and no token or key is printed.
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(errorAnnotation(run.stdout), /sts:AssumeRoleWithWebIdentity failed: AccessDenied/);
  assert.equal(sts.requests.at(-1)?.code, 'AccessDenied');
  ledger.assertNoLeak(run);
  return run;
}

const lines = (run: RunResult) => run.stdout.split(/\r?\n/);
const iamActions = (from: number) => iam.requests.slice(from).map((r) => r.params.get('Action'));

describe('diagnose: true after STS refuses the job', () => {
  test("with the runner's own credentials: the failing sub condition, masked, printed as data", async () => {
    const seen = iam.requests.length;
    const run = await step({ diagnose: 'true', 'mask-aws-account-id': 'true' }, RUNNER_KEYS);
    const out = lines(run);
    const heading = out.findIndex((l) => l.startsWith('Diagnosis (diagnose: true)'));
    assert.ok(heading > 0, run.stdout);
    assert.ok(
      out.includes(`      StringEquals "${HOST}:sub" expects "${IMMUTABLE_MAIN}"; the token has "${ENVIRONMENT_SUB}"`),
      run.stdout,
    );
    assert.ok(out.includes('    Statement[0] (Sid "GitHubMain"), Allow: refuses this token:'));
    assert.ok(out.some((l) => /the job ran in an environment/.test(l)));
    assert.ok(out.includes(`  OIDC provider ${PROVIDER}:`));
    assert.ok(out.includes('    audiences (client ids): "sts.amazonaws.com"'));
    assert.ok(out.includes('  Verdict: this token is refused.'));
    // After the claims the refusal prints, before the error; the claims are not printed twice.
    const claims = out.findIndex((l) => l.startsWith('The token this job sent claims'));
    const error = out.findIndex((l) => l.startsWith('::error::'));
    assert.ok(claims >= 0 && claims < heading && heading < error);
    assert.equal(out.filter((l) => l.startsWith(`  sub: `)).length, 1);
    // The account is masked before any line names it; no line the diagnosis printed is a workflow command.
    const mask = out.indexOf(`::add-mask::${ACCOUNT}`);
    assert.ok(mask >= 0 && mask < claims);
    assert.equal(out.filter((l) => l === `::add-mask::${ACCOUNT}`).length, 1, 'masked once');
    out.forEach((line, i) => {
      if (line.includes(ACCOUNT) && i !== mask) assert.ok(i > mask, `line ${i + 1} names the account before the mask`);
    });
    for (const line of out.slice(heading, error)) assert.ok(!/^\s*::/.test(line), line);
    assert.ok(!out.some((l) => l.startsWith('::warning::')), run.stdout);
    // Read with the runner's keys, read-only.
    assert.deepEqual(iamActions(seen).sort(), ['GetOpenIDConnectProvider', 'GetRole']);
    for (const r of iam.requests.slice(seen))
      assert.match(String(r.headers['authorization']), /Credential=AKIARUNNEROWNKEY0001\//);
  });

  test('without credentials on the runner: one line naming iam:GetRole and iam:GetOpenIDConnectProvider', async () => {
    const seen = iam.requests.length;
    const run = await step({ diagnose: 'true' });
    const needs = lines(run).filter((l) => l.startsWith('diagnose:'));
    assert.equal(needs.length, 1, run.stdout);
    assert.match(needs[0]!, /^diagnose: not run: the runner has no AWS credentials of its own\./);
    assert.ok(needs[0]!.includes(`iam:GetRole on ${roleArn}`));
    assert.ok(needs[0]!.includes(`iam:GetOpenIDConnectProvider on ${PROVIDER}`));
    assert.ok(!run.stdout.includes('Diagnosis (diagnose: true)'));
    assert.equal(iam.requests.length, seen, 'IAM was not called');
  });

  test('the read denied: the same one line, saying the credentials may not call iam:GetRole', async () => {
    const denied = { kind: 'status', status: 403, code: 'AccessDenied', message: 'not authorized' } as const;
    iam.queue(denied, denied);
    const run = await step({ diagnose: 'true' }, RUNNER_KEYS);
    iam.clearFaults();
    const needs = lines(run).filter((l) => l.startsWith('diagnose:'));
    assert.equal(needs.length, 1, run.stdout);
    assert.match(needs[0]!, /may not call iam:GetRole\. It needs AWS credentials of the runner's own/);
    assert.ok(!run.stdout.includes('Diagnosis (diagnose: true)'));
  });

  test('a diagnosis that fails (IAM answering 500) is one warning; the step fails with AccessDenied as before', async () => {
    const failure = { kind: 'status', status: 500, code: 'InternalFailure', message: 'injected' } as const;
    iam.queue(failure, failure, failure, failure);
    const run = await step({ diagnose: 'true' }, RUNNER_KEYS);
    iam.clearFaults();
    const warnings = lines(run).filter((l) => l.startsWith('::warning::'));
    assert.equal(warnings.length, 1, run.stdout);
    assert.match(warnings[0]!, /^::warning::diagnose: the diagnosis could not be made .*InternalFailure/);
    assert.ok(!run.stdout.includes('Diagnosis (diagnose: true)'));
  });

  test('without diagnose: nothing beyond the refusal, and IAM is not called even with credentials at hand', async () => {
    const seen = iam.requests.length;
    const run = await step({}, RUNNER_KEYS);
    assert.ok(run.stdout.includes('The token this job sent claims'));
    assert.ok(!/Diagnosis \(diagnose: true\)|^diagnose:|::warning::/m.test(run.stdout), run.stdout);
    assert.equal(iam.requests.length, seen);
  });

  test('diagnose is a boolean input', async () => {
    const run = await runAction('main', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': roleArn, diagnose: 'yes' },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer },
    });
    assert.equal(run.code, 1);
    assert.match(errorAnnotation(run.stdout), /Input 'diagnose': 'yes' is not a boolean/);
  });
});
