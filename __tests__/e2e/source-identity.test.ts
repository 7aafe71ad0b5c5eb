/**
 * source-identity end to end: dist/ run as the runner runs it against the STS stand-in (moto neither records
 * SourceIdentity nor reads trust policies), which sets, answers and inherits it as AWS documents, and refuses it where a
 * role's trust lacks sts:SetSourceIdentity. Asserted: what each hop sent, the fallback's warning, the summary's lines.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runAction, type RunResult } from '../support/action-runner.js';
import { startStsStandIn, tokenEndpointJwks, type StsStandIn } from '../standins/sts-standin.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';

const BASE = 'arn:aws:iam::123456789012:role/runner-base';
const DEPLOY = 'arn:aws:iam::123456789012:role/deploy';
const TARGET = 'arn:aws:iam::210987654321:role/target';
const NO_SET = 'arn:aws:iam::123456789012:role/legacy-trust';

let sts: StsStandIn;
let tokens: TokenEndpoint;

before(async () => {
  tokens = await startTokenEndpoint();
  sts = await startStsStandIn({
    trustedIssuers: [
      {
        issuer: 'https://token.actions.githubusercontent.com',
        jwks: tokenEndpointJwks(tokens.url),
        audiences: ['sts.amazonaws.com'],
      },
    ],
    trustSetSourceIdentity: (role) => role !== NO_SET,
  });
});
after(async () => {
  await sts?.close();
  await tokens?.close();
});

const RUN = { GITHUB_RUN_ID: '1234', GITHUB_RUN_ATTEMPT: '2', GITHUB_REPOSITORY: 'octo-org/octo-repo' };

/** role-chaining from credentials the stand-in issued, then chain-role-arn: two sts:AssumeRole hops. */
async function chained(inputs: Record<string, string>): Promise<{ run: RunResult; calls: StsStandIn['requests'] }> {
  const base = sts.issue(BASE, 'base', 3600);
  const from = sts.requests.length;
  const run = await runAction('main', {
    inputs: { 'aws-region': 'eu-west-2', 'role-chaining': 'true', 'chain-role-arn': TARGET, ...inputs },
    env: {
      ...RUN,
      AWS_ENDPOINT_URL_STS: sts.url,
      AWS_ACCESS_KEY_ID: base.accessKeyId,
      AWS_SECRET_ACCESS_KEY: base.secretAccessKey,
      AWS_SESSION_TOKEN: base.sessionToken,
    },
  });
  return { run, calls: sts.requests.slice(from) };
}

function assumeRoles(calls: StsStandIn['requests']) {
  return calls
    .filter((c) => c.action === 'AssumeRole')
    .map((c) => ({ role: c.params['RoleArn'], sourceIdentity: c.params['SourceIdentity'], status: c.status }));
}

const warnings = (run: RunResult) => run.stdout.split('\n').filter((l) => l.startsWith('::warning'));

describe('source-identity through the bundled action', () => {
  test('run: gha-<run id>-<attempt> on every hop; the summary shows it, the key id and a lookup line', async () => {
    const { run, calls } = await chained({ 'role-to-assume': DEPLOY, 'source-identity': 'run' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(assumeRoles(calls), [
      { role: DEPLOY, sourceIdentity: 'gha-1234-2', status: 200 },
      { role: TARGET, sourceIdentity: 'gha-1234-2', status: 200 },
    ]);
    const keyId = run.exported['AWS_ACCESS_KEY_ID']!;
    assert.equal(sts.issued.get(keyId)?.sourceIdentity, 'gha-1234-2');
    assert.deepEqual(warnings(run), []);
    assert.match(run.summary, /^\| Source identity \| gha-1234-2 \|$/m);
    assert.ok(run.summary.includes(`| Access key id | ${keyId} |`));
    assert.ok(
      run.summary.includes(
        `aws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=${keyId} --region eu-west-2`,
      ),
    );
    // Left readable for the summary (the runner masks summaries too); the secret and token are masked as ever.
    assert.ok(!run.stdout.includes(`::add-mask::${keyId}`));
    assert.ok(run.stdout.includes(`::add-mask::${run.exported['AWS_SECRET_ACCESS_KEY']}`));
  });

  test('a trust without sts:SetSourceIdentity: that hop once more without it, a warning naming the role and the fix', async () => {
    const { run, calls } = await chained({ 'role-to-assume': NO_SET, 'source-identity': 'ci-release-7' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.deepEqual(assumeRoles(calls), [
      { role: NO_SET, sourceIdentity: 'ci-release-7', status: 403 },
      { role: NO_SET, sourceIdentity: undefined, status: 200 },
      // The next role's trust allows it: the chained session carries it after all.
      { role: TARGET, sourceIdentity: 'ci-release-7', status: 200 },
    ]);
    const [warning, ...more] = warnings(run);
    assert.deepEqual(more, []);
    assert.ok(warning?.includes(`sts:AssumeRole of ${NO_SET} refused source identity 'ci-release-7'`), warning);
    assert.ok(warning?.includes(`add "sts:SetSourceIdentity" to the Action of the statement in ${NO_SET}'s trust`));
    assert.match(run.summary, /^\| Source identity \| ci-release-7 \|$/m);
  });

  test('a session that already carries one cannot drop it: the refusal says why', async () => {
    const { run } = await chained({ 'role-to-assume': DEPLOY, 'source-identity': 'run' });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    // The delivered session (carrying gha-1234-2) assumes a role whose trust lacks sts:SetSourceIdentity.
    const from = sts.requests.length;
    const next = await runAction('main', {
      inputs: {
        'aws-region': 'eu-west-2',
        'role-chaining': 'true',
        'role-to-assume': NO_SET,
        'source-identity': 'run',
      },
      env: { ...RUN, AWS_ENDPOINT_URL_STS: sts.url, ...credentialsOf(run) },
    });
    assert.equal(next.code, 1);
    assert.deepEqual(
      assumeRoles(sts.requests.slice(from)).map((c) => c.status),
      [403, 403],
    );
    const error = next.stdout.split('\n').find((l) => l.startsWith('::error'));
    assert.match(error ?? '', /sts:SetSourceIdentity/);
    assert.match(error ?? '', /A session that already carries a source identity passes it to every role it assumes/);
  });

  test('mask-aws-account-id: the key id stays masked and the summary withholds it, and the lookup line', async () => {
    const { run } = await chained({
      'role-to-assume': DEPLOY,
      'source-identity': 'run',
      'mask-aws-account-id': 'true',
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const keyId = run.exported['AWS_ACCESS_KEY_ID']!;
    assert.ok(run.stdout.includes(`::add-mask::${keyId}`));
    assert.ok(!run.summary.includes(keyId));
    assert.match(run.summary, /^\| Access key id \| \(not shown: mask-aws-account-id is set/m);
    assert.ok(!run.summary.includes('lookup-events'));
  });

  test('OIDC: AssumeRoleWithWebIdentity takes none (a warning says so without a hop); the chained hop carries it', async () => {
    const env = {
      ...RUN,
      AWS_ENDPOINT_URL_STS: sts.url,
      ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
    };
    const from = sts.requests.length;
    const run = await runAction('main', {
      inputs: {
        'aws-region': 'us-east-1',
        'role-to-assume': DEPLOY,
        'chain-role-arn': TARGET,
        'source-identity': 'run',
      },
      env,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const calls = sts.requests.slice(from);
    assert.deepEqual(
      calls.map((c) => [c.action, c.params['SourceIdentity']]),
      [
        ['AssumeRoleWithWebIdentity', undefined],
        ['AssumeRole', 'gha-1234-2'],
      ],
    );
    assert.deepEqual(warnings(run), []);

    const alone = await runAction('main', {
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': DEPLOY, 'source-identity': 'run' },
      env,
    });
    assert.equal(alone.code, 0, alone.stdout + alone.stderr);
    assert.match(warnings(alone).join('\n'), /Input 'source-identity' sets no source identity/);
    assert.match(alone.summary, /^\| Source identity \| \(none: no sts:AssumeRole hop carried one\) \|$/m);
    assert.ok(alone.summary.includes(`AttributeValue=${alone.exported['AWS_ACCESS_KEY_ID']} --region us-east-1`));
  });
});

function credentialsOf(run: RunResult): Record<string, string> {
  const pick = (name: string) => run.exported[name] ?? '';
  return {
    AWS_ACCESS_KEY_ID: pick('AWS_ACCESS_KEY_ID'),
    AWS_SECRET_ACCESS_KEY: pick('AWS_SECRET_ACCESS_KEY'),
    AWS_SESSION_TOKEN: pick('AWS_SESSION_TOKEN'),
  };
}
