/**
 * OIDC mode end to end: dist/ run as the runner runs it, a runner token endpoint serving signed JWTs, moto as STS
 * (behind a recording fault proxy), and the AWS CLI reading what the step delivered.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto, type Moto } from '../support/moto.js';
import { startFaultProxy, type FaultProxy } from '../standins/fault-proxy.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';
import { startStsStandIn, tokenEndpointJwks } from '../standins/sts-standin.js';
import { githubTrustPolicy } from '../../src/bootstrap/policies.js';
import { trustAdmits } from '../support/trust-match.js';
import { errorAnnotation, newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { SecretLedger } from '../support/secrets.js';
import { runAwsCli } from '../support/aws-cli.js';
import { nodeBinaries } from '../support/processes.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN_ROLE = 'arn:aws:iam::210987654321:role/target';

let moto: Moto;
let sts: FaultProxy;
let tokens: TokenEndpoint;
const ledger = new SecretLedger();

before(async () => {
  moto = await startMoto();
  sts = await startFaultProxy(moto.url);
  tokens = await startTokenEndpoint();
  ledger.add('runner bearer', tokens.bearer);
});
after(async () => {
  await tokens?.close();
  await sts?.close();
  await moto?.stop();
});

function runnerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
    AWS_ENDPOINT_URL_STS: sts.url,
    GITHUB_RUN_ID: '1234',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    ...extra,
  };
}

async function main(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  node?: string,
): Promise<RunResult> {
  const run = await runAction('main', {
    inputs: { 'aws-region': 'us-east-1', ...inputs },
    env: runnerEnv(env),
    ...(node ? { node } : {}),
  });
  for (const t of tokens.issued) ledger.add('id-token', t);
  ledger.addDelivered(run);
  return run;
}

/** The environment a later step sees: the exported variables and nothing else of ours. */
function laterStepEnv(run: RunResult): Record<string, string> {
  return { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: moto.url };
}

describe('OIDC mode through the bundled action', () => {
  for (const node of nodeBinaries()) {
    test(`exports masked credentials the AWS CLI uses (${node.name})`, async () => {
      const requestsBefore = tokens.requests.length;
      const run = await main({ 'role-to-assume': ROLE }, {}, node.path);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      assert.equal(tokens.requests.length - requestsBefore, 1);
      assert.deepEqual(tokens.requests.at(-1), { audience: 'sts.amazonaws.com', authorized: true });

      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
        assert.ok(run.exported[name], `${name} exported`);
      assert.equal(run.exported['AWS_REGION'], 'us-east-1');
      assert.equal(run.exported['AWS_DEFAULT_REGION'], 'us-east-1');
      assert.ok(Date.parse(run.exported['AWS_CREDENTIAL_EXPIRATION'] ?? '') > Date.now());
      const lines = run.stdout.split('\n');
      const firstMask = lines.findIndex((l) => l === `::add-mask::${run.exported['AWS_SECRET_ACCESS_KEY']}`);
      const firstInfo = lines.findIndex((l) => l.startsWith('Credentials for'));
      assert.ok(firstMask >= 0 && firstMask < firstInfo, 'the secret key is masked before the success line');
      ledger.assertNoLeak(run);

      assert.equal(run.outputs['aws-account-id'], '123456789012');
      assert.equal(
        run.outputs['aws-assumed-role-arn'],
        'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions-1234-2',
      );
      assert.equal(run.outputs['aws-expiration'], run.exported['AWS_CREDENTIAL_EXPIRATION']);
      assert.equal(run.outputs['aws-access-key-id'], undefined);
      assert.match(run.summary, /\| Mode \| oidc \|/);
      assert.match(run.summary, /GitHubActions-1234-2/);

      const sent = sts.requests.at(-1)!.params;
      assert.equal(sent.get('Action'), 'AssumeRoleWithWebIdentity');
      assert.equal(sent.get('RoleArn'), ROLE);
      assert.equal(sent.get('DurationSeconds'), '3600');
      assert.equal(sent.get('WebIdentityToken'), tokens.issued.at(-1));
      assert.equal(sts.requests.at(-1)!.headers['authorization'], undefined, 'AssumeRoleWithWebIdentity is unsigned');

      const cli = runAwsCli(['sts', 'get-caller-identity'], laterStepEnv(run));
      assert.equal(cli.code, 0, cli.stderr);
      assert.deepEqual((cli.json as { Arn: string }).Arn, run.outputs['aws-assumed-role-arn']);
    });
  }

  test('writes a profile the AWS CLI reads; other profiles survive byte for byte; the post step removes only ours', async () => {
    const home = join(newWorkspace().dir, 'aws');
    mkdirSync(home);
    const credentialsFile = join(home, 'credentials');
    const original =
      '# team credentials\r\n[other]\r\naws_access_key_id = AKIAOTHEROTHEROTHER1\r\naws_secret_access_key = keep-me\r\n';
    writeFileSync(credentialsFile, original);
    chmodSync(credentialsFile, 0o644);

    const run = await main({
      'role-to-assume': ROLE,
      'credentials-file': credentialsFile,
      profile: 'ci',
      'output-env-credentials': 'false',
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(
      run.exported['AWS_ACCESS_KEY_ID'],
      undefined,
      'no env credentials when output-env-credentials is false',
    );
    assert.equal(run.exported['AWS_SHARED_CREDENTIALS_FILE'], credentialsFile);
    assert.equal(run.exported['AWS_CONFIG_FILE'], join(home, 'config'));
    assert.equal(run.exported['AWS_PROFILE'], 'ci');
    assert.equal(statSync(credentialsFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(home, 'config')).mode & 0o777, 0o600);
    const written = readFileSync(credentialsFile, 'utf8');
    assert.ok(written.startsWith(original), 'the other profile and the comment are untouched');
    assert.match(written, /\r\n\[ci\]\r\naws_access_key_id = ASIA/);
    ledger.add('profile secret', /aws_secret_access_key = (.+)\r\n/.exec(written.slice(original.length))?.[1]);
    ledger.add('profile token', /aws_session_token = (.+)\r\n/.exec(written)?.[1]);
    ledger.assertNoLeak(run, { outputsMayHoldCredentials: false, envMayHoldCredentials: false });

    const cliEnv = { ...run.exported, HOME: run.workspace.home, AWS_ENDPOINT_URL: moto.url };
    const who = runAwsCli(['sts', 'get-caller-identity'], cliEnv);
    assert.equal(who.code, 0, who.stderr);
    assert.equal((who.json as { Arn: string }).Arn, run.outputs['aws-assumed-role-arn']);
    const list = runAwsCli(['configure', 'list'], cliEnv);
    assert.match(list.stdout, /profile\s+ci\s+manual\s+--profile|profile\s+ci\s+env/);
    assert.match(list.stdout, /region\s+us-east-1\s+config-file/);

    const post = await runAction('post', { state: run.state, workspace: run.workspace });
    assert.equal(post.code, 0, post.stdout + post.stderr);
    assert.equal(readFileSync(credentialsFile, 'utf8'), original, 'after the post step the file is as it was');
    assert.match(post.stdout, /Removed profile 'ci'/);
  });

  test('the post step leaves a profile that another writer replaced since the main step', async () => {
    const run = await main({ 'role-to-assume': ROLE, profile: 'shared' });
    assert.equal(run.code, 0, run.stdout);
    const file = join(run.workspace.home, '.aws', 'credentials');
    const replaced = '[shared]\naws_access_key_id = AKIAREPLACEDREPLACED\naws_secret_access_key = x\n';
    writeFileSync(file, replaced);
    const post = await runAction('post', { state: run.state, workspace: run.workspace });
    assert.equal(post.code, 0);
    assert.equal(readFileSync(file, 'utf8'), replaced);
    assert.match(post.stdout, /left as it is/);
  });

  test('reads the token from web-identity-token-file, without the runner endpoint', async () => {
    const requestsBefore = tokens.requests.length;
    const tokenFile = join(newWorkspace().dir, 'token.jwt');
    writeFileSync(tokenFile, `${tokens.issued[0] ?? 'a.b.c'}\n`);
    const run = await main(
      { 'role-to-assume': ROLE, 'web-identity-token-file': tokenFile },
      { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: '' },
    );
    assert.equal(run.code, 0, run.stdout);
    assert.equal(tokens.requests.length, requestsBefore, 'the runner endpoint was not called');
    assert.equal(sts.requests.at(-1)!.params.get('WebIdentityToken'), tokens.issued[0]);
    ledger.assertNoLeak(run);
  });

  test('chain-role-arn adds one signed, tagged AssumeRole hop capped at an hour', async () => {
    const before = sts.requests.length;
    const run = await main({
      'role-to-assume': ROLE,
      'chain-role-arn': CHAIN_ROLE,
      'role-duration-seconds': '7200',
      'role-external-id': 'ext-123',
    });
    assert.equal(run.code, 0, run.stdout);
    const calls = sts.requests.slice(before);
    assert.deepEqual(
      calls.map((r) => r.params.get('Action')),
      ['AssumeRoleWithWebIdentity', 'AssumeRole'],
    );
    assert.equal(calls[0]!.params.get('DurationSeconds'), '7200');
    const hop = calls[1]!;
    assert.equal(hop.params.get('RoleArn'), CHAIN_ROLE);
    assert.equal(hop.params.get('DurationSeconds'), '3600');
    assert.equal(hop.params.get('ExternalId'), 'ext-123');
    assert.match(String(hop.headers['authorization']), /^AWS4-HMAC-SHA256 Credential=ASIA/);
    const tags = new Map<string, string>();
    for (let i = 1; hop.params.get(`Tags.member.${i}.Key`); i++)
      tags.set(hop.params.get(`Tags.member.${i}.Key`)!, hop.params.get(`Tags.member.${i}.Value`)!);
    assert.equal(tags.get('Repository'), 'octo-org/octo-repo');
    assert.equal(tags.get('Actor'), 'octocat');
    assert.equal(tags.get('RunId'), '1234');
    assert.equal(
      run.outputs['aws-assumed-role-arn'],
      'arn:aws:sts::210987654321:assumed-role/target/GitHubActions-1234-2',
    );
    assert.equal(run.outputs['aws-account-id'], '210987654321');
    ledger.assertNoLeak(run);
    const cli = runAwsCli(['sts', 'get-caller-identity'], laterStepEnv(run));
    assert.equal((cli.json as { Account: string }).Account, '210987654321');
  });

  test('role-chaining: the credentials already in the environment assume role-to-assume', async () => {
    const first = await main({ 'role-to-assume': ROLE });
    const run = await main(
      { 'role-to-assume': CHAIN_ROLE, 'role-chaining': 'true', 'role-session-name': 'second-hop' },
      {
        AWS_ACCESS_KEY_ID: first.exported['AWS_ACCESS_KEY_ID']!,
        AWS_SECRET_ACCESS_KEY: first.exported['AWS_SECRET_ACCESS_KEY']!,
        AWS_SESSION_TOKEN: first.exported['AWS_SESSION_TOKEN']!,
      },
    );
    assert.equal(run.code, 0, run.stdout);
    assert.equal(sts.requests.at(-1)!.params.get('Action'), 'AssumeRole');
    assert.equal(run.outputs['aws-assumed-role-arn'], 'arn:aws:sts::210987654321:assumed-role/target/second-hop');
    assert.notEqual(run.exported['AWS_ACCESS_KEY_ID'], first.exported['AWS_ACCESS_KEY_ID']);
    ledger.assertNoLeak(run);
  });

  test('a stray AWS_PROFILE and stale AWS_* credentials in the environment do not disturb the exchange', async () => {
    const run = await main(
      { 'role-to-assume': ROLE },
      {
        AWS_PROFILE: 'does-not-exist',
        AWS_ACCESS_KEY_ID: 'AKIASTALESTALESTALE1',
        AWS_SECRET_ACCESS_KEY: 'stale',
        AWS_SESSION_TOKEN: 'stale-token',
        AWS_CONFIG_FILE: '/nonexistent/config',
      },
    );
    assert.equal(run.code, 0, run.stdout);
    assert.notEqual(run.exported['AWS_ACCESS_KEY_ID'], 'AKIASTALESTALESTALE1');
    assert.notEqual(run.exported['AWS_SESSION_TOKEN'], 'stale-token');
  });

  test('output-credentials sets the three secrets as outputs, masked first', async () => {
    const run = await main({ 'role-to-assume': ROLE, 'output-credentials': 'true' });
    assert.equal(run.code, 0);
    assert.equal(run.outputs['aws-access-key-id'], run.exported['AWS_ACCESS_KEY_ID']);
    assert.equal(run.outputs['aws-secret-access-key'], run.exported['AWS_SECRET_ACCESS_KEY']);
    assert.equal(run.outputs['aws-session-token'], run.exported['AWS_SESSION_TOKEN']);
    ledger.assertNoLeak(run, { outputsMayHoldCredentials: true });
  });

  test('mask-aws-account-id masks the account before any line carries it', async () => {
    const run = await main({ 'role-to-assume': ROLE, 'mask-aws-account-id': 'true' });
    assert.equal(run.code, 0);
    const lines = run.stdout.split('\n');
    const mask = lines.indexOf('::add-mask::123456789012');
    assert.ok(mask >= 0, 'account id masked');
    lines.forEach((line, i) => {
      if (line.includes('123456789012') && i !== mask)
        assert.ok(i > mask, `line ${i} mentions the account before its mask`);
    });
    assert.equal(run.outputs['aws-account-id'], '123456789012', 'the step output is still set');
  });
});

describe('OIDC retries and faults', () => {
  test('a token endpoint failing twice with 503 is retried to success', async () => {
    const before = tokens.requests.length;
    tokens.failFirst(2, 503);
    const run = await main({ 'role-to-assume': ROLE });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(tokens.requests.length - before, 3);
  });

  test('the id-token request the entry sends early is the one used: one request per step, the configured audience', async () => {
    const before = tokens.requests.length;
    const run = await main({ 'role-to-assume': ROLE, audience: 'api://custom' });
    assert.equal(run.code, 0, run.stdout);
    assert.deepEqual(tokens.requests.slice(before), [{ audience: 'api://custom', authorized: true }]);
    assert.equal(sts.requests.at(-1)!.params.get('WebIdentityToken'), tokens.issued.at(-1));
    ledger.assertNoLeak(run);
  });

  test('a failing early id-token request ends in the usual retries and messages', async () => {
    const before = tokens.requests.length;
    tokens.failFirst(1, 503);
    const retried = await main({ 'role-to-assume': ROLE }, { ACTIONS_STEP_DEBUG: 'true' });
    assert.equal(retried.code, 0, retried.stdout);
    assert.equal(tokens.requests.length - before, 2);
    assert.match(retried.stdout, /GitHub OIDC token request: attempt 1 failed with HTTP 503; retrying/);
    tokens.failFirst(1, 403);
    const refused = await main({ 'role-to-assume': ROLE });
    assert.equal(refused.code, 1);
    assert.equal(tokens.requests.length - before, 3, 'a refusal is not asked again');
    assert.match(errorAnnotation(refused.stdout), /GitHub OIDC token request.*HTTP 403.*id-token: write/s);
  });

  test('STS throttling, a 500, and a reset are retried; the fourth attempt succeeds', async () => {
    const before = sts.requests.length;
    sts.queue(
      { kind: 'status', status: 400, code: 'Throttling', message: 'Rate exceeded' },
      { kind: 'status', status: 500, code: 'InternalFailure' },
      { kind: 'reset' },
    );
    const run = await main({ 'role-to-assume': ROLE });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(sts.requests.length - before, 4);
  });

  test('IDPCommunicationError is retried', async () => {
    const before = sts.requests.length;
    sts.queue({ kind: 'status', status: 400, code: 'IDPCommunicationError', message: 'Could not reach the IdP' });
    const run = await main({ 'role-to-assume': ROLE });
    assert.equal(run.code, 0, run.stdout);
    assert.equal(sts.requests.length - before, 2);
  });

  for (const [code, expected] of [
    ['AccessDenied', /sub.*aud.*|aud.*sub/],
    ['InvalidIdentityToken', /OIDC identity provider/],
    ['ExpiredTokenException', /expired/],
  ] as const) {
    test(`${code} fails at once with the AWS message and a hint`, async () => {
      const before = sts.requests.length;
      sts.queue({ kind: 'status', status: 403, code, message: `Injected ${code} message` });
      const run = await main({ 'role-to-assume': ROLE });
      assert.equal(run.code, 1);
      assert.equal(sts.requests.length - before, 1, 'not retried');
      const error = errorAnnotation(run.stdout);
      assert.match(error, new RegExp(`sts:AssumeRoleWithWebIdentity failed: ${code}: Injected ${code} message`));
      assert.match(error, expected);
      ledger.assertNoLeak(run);
    });
  }

  test('retry-max-attempts bounds the retries', async () => {
    const before = sts.requests.length;
    sts.queue(
      ...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 503, code: 'ServiceUnavailable' })),
    );
    const run = await main({ 'role-to-assume': ROLE, 'retry-max-attempts': '3' });
    assert.equal(run.code, 1);
    assert.equal(sts.requests.length - before, 3);
    assert.match(errorAnnotation(run.stdout), /Gave up after 3 attempts/);
    sts.clearFaults();
  });

  test('an STS that never answers ends within action-timeout-s with a clear error', async () => {
    sts.queue({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const run = await main({ 'role-to-assume': ROLE, 'action-timeout-s': '3' });
    assert.equal(run.code, 1);
    sts.clearFaults();
    // The bound is behaviour, not speed: 3 s of budget must not turn into a hang.
    assert.ok(run.elapsedMs < 10000, `ended in ${run.elapsedMs} ms`);
    assert.match(errorAnnotation(run.stdout), /ETIMEDOUT|action-timeout-s/);
  });

  test('an STS that answers one byte a second ends within action-timeout-s', async () => {
    sts.queue({ kind: 'slow', bytesPerSecond: 1 }, { kind: 'slow', bytesPerSecond: 1 });
    const run = await main({ 'role-to-assume': ROLE, 'action-timeout-s': '3' });
    sts.clearFaults();
    assert.equal(run.code, 1);
    assert.ok(run.elapsedMs < 10000, `ended in ${run.elapsedMs} ms`);
    assert.match(errorAnnotation(run.stdout), /ETIMEDOUT|action-timeout-s/);
  });
});

describe('a refused web identity', () => {
  test('the step prints what the token claimed and a condition that admits it, as data, masked, never the token', async (t) => {
    // A repository created after 2026-07-15: its token carries the immutable sub. Hostile claim values ride along.
    const claims = {
      sub: 'repo:octo-org@123456/octo-repo@789012:environment:prod-123456789012',
      aud: 'sts.amazonaws.com',
      repository: 'octo-org/octo-repo',
      repository_id: '789012',
      repository_owner_id: '123456',
      ref: 'refs/heads/main\n::add-mask::x',
      environment: 'prod-123456789012',
      event_name: 'push',
      job_workflow_ref: '::set-env name=AWS_REGION::eu-west-1',
    };
    const issued = await startTokenEndpoint(claims);
    t.after(() => issued.close());
    // The role's trust is the one bootstrap wrote before this change: the name-only sub, for the environment.
    const trust = githubTrustPolicy(
      'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      { repo: 'octo-org/octo-repo', environment: 'prod-123456789012' },
      false,
    );
    const standIn = await startStsStandIn({
      trustedIssuers: [
        {
          issuer: 'https://token.actions.githubusercontent.com',
          jwks: tokenEndpointJwks(issued.url),
          audiences: ['sts.amazonaws.com'],
        },
      ],
      trustWebIdentity: (_role, got) => trustAdmits(trust, got),
    });
    t.after(() => standIn.close());
    const run = await runAction('main', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'mask-aws-account-id': 'true' },
      env: runnerEnv({
        ACTIONS_ID_TOKEN_REQUEST_URL: issued.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issued.bearer,
        AWS_ENDPOINT_URL_STS: standIn.url,
      }),
    });
    assert.equal(run.code, 1);
    assert.equal(standIn.requests.at(-1)?.code, 'AccessDenied', 'STS refused it');
    // The token appears only in its own mask line, and no part of it (the signature included) anywhere else.
    const token = issued.issued.at(-1)!;
    ledger.add('refused id-token', token);
    ledger.assertNoLeak(run);
    const elsewhere = run.stdout.replace(`::add-mask::${token}`, '') + run.stderr;
    for (const part of token.split('.')) assert.ok(!elsewhere.includes(part), 'a part of the token is shown');
    const lines = run.stdout.split(/\r?\n/);
    // The claims, one line each, after the account's mask.
    const mask = lines.indexOf('::add-mask::123456789012');
    const first = lines.findIndex((l) => l.startsWith('The token this job sent claims'));
    assert.ok(mask >= 0 && first > mask, 'the account is masked before any claim is shown');
    lines.forEach((line, i) => {
      if (line.includes('123456789012') && i !== mask) assert.ok(i > mask, `line ${i + 1} before the mask`);
    });
    assert.ok(lines.includes('  sub: repo:octo-org@123456/octo-repo@789012:environment:prod-123456789012'));
    assert.ok(lines.includes('  ref: refs/heads/main\\u000a::add-mask::x'), 'a newline is shown, not obeyed');
    assert.ok(lines.includes('  job_workflow_ref: ::set-env name=AWS_REGION::eu-west-1'));
    // No line the claims produced is a workflow command: the only commands are the mask and the error.
    // (The STS client's in-process rehearsal adds a debug line only when the token is still on its way: timing.)
    const commands = lines.filter((l) => /^\s*::/.test(l) && !/^::debug::\S+: rehearsed in-process/.test(l));
    assert.deepEqual(
      commands.map((l) =>
        l.replace(/::error::.*/, '::error::').replace(/::add-mask::(?!123456789012$).*/, '::add-mask::…'),
      ),
      [
        '::add-mask::…',
        '::add-mask::…',
        '::debug::sts:AssumeRoleWithWebIdentity: attempt 1',
        '::add-mask::123456789012',
        '::error::',
      ],
      'the runner bearer and the token masked, a debug line, the account masked, the error',
    );
    assert.ok(!run.files.env.includes('eu-west-1'));
    // The printed condition, pasted into the trust policy, admits the job (in its immutable form).
    const start = lines.findIndex((l) => l.startsWith('A trust policy Condition that admits this job'));
    const block = JSON.parse(
      `{${lines
        .slice(
          start + 1,
          lines.findIndex((l) => l.startsWith('::error::')),
        )
        .join('\n')}}`,
    ) as { Condition: unknown };
    const fixed = { Statement: [{ ...trust.Statement[0], Condition: block.Condition }] };
    // As STS reads the token: its issuer picks the provider (the token endpoint signs as github.com's issuer).
    const iss = 'https://token.actions.githubusercontent.com';
    assert.ok(trustAdmits(fixed, { ...claims, iss, ref: 'refs/heads/main\n::add-mask::x' }));
    assert.match(errorAnnotation(run.stdout), /AccessDenied.*repo:<owner>@<owner id>/s);
  });
});
