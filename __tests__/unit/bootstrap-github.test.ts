/** bootstrap/github.ts against the GitHub REST stand-in: sealed secrets arrive readable, variables, errors, rate limits. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  githubActions,
  isEnterpriseServer,
  isProtectedEnvironment,
  repositoryIds,
  type GithubActions,
} from '../../src/bootstrap/github.js';
import { parseGithubTarget } from '../../src/bootstrap/github-target.js';
import { AwsError, InputError } from '../../src/errors.js';
import { startGithubStandIn, type GithubStandIn } from '../standins/github-api-standin.js';

const TOKEN = 'ghs_clienttesttoken000000000000000000';
let gh: GithubStandIn;
let client: GithubActions;
const log: string[] = [];

before(async () => {
  gh = await startGithubStandIn({ token: TOKEN });
  gh.addRepository('octo/app');
  gh.addRepository('octo/locked', { access: 'read' });
  client = githubActions({
    token: TOKEN,
    baseUrl: gh.url,
    writeIntervalMs: 0,
    retryAfterUnitMs: 10,
    log: (l) => log.push(l),
  });
});
after(() => gh.close());

test('parseGithubTarget takes owner/name and refuses anything else, naming the input', () => {
  assert.deepEqual(parseGithubTarget('octo/app', 'prod'), { owner: 'octo', repo: 'app', environment: 'prod' });
  for (const bad of ['octo', 'octo/app/x', '/app', 'octo/', 'oc to/app', 'octo/..', '-octo/app']) {
    assert.throws(
      () => parseGithubTarget(bad),
      (e: unknown) => e instanceof InputError && e.input === 'github-repo',
      bad,
    );
  }
  assert.throws(
    () => parseGithubTarget('octo/app', 'a/b'),
    (e: unknown) => e instanceof InputError && e.input === 'github-environment',
  );
  // GitHub allows a space, a thing attribute does not: refused before anything is created.
  assert.throws(
    () => parseGithubTarget('octo/app', 'prod eu', 'repo', 'environment'),
    (e: unknown) => e instanceof InputError && e.input === 'environment' && /thing attribute/.test(e.message),
  );
});

test('listVariables reads every page (GitHub pages 30 at a time), and a missing repository is undefined', async () => {
  gh.addRepository('octo/many');
  const t = parseGithubTarget('octo/many');
  for (let i = 0; i < 31; i++) await client.setVariable(t, `V${String(i).padStart(2, '0')}`, `value-${i}`);
  const requests = gh.requests.length;
  const all = await client.listVariables(t);
  assert.equal(Object.keys(all ?? {}).length, 31);
  assert.equal(all?.['V30'], 'value-30');
  assert.equal(gh.requests.length - requests, 2, 'two pages');
  assert.equal(await client.listVariables(parseGithubTarget('octo/nowhere')), undefined);
});

test('secrets are sealed for the repository and the stand-in opens them; the value is in no request path', async () => {
  const t = parseGithubTarget('octo/app');
  const key = '-----BEGIN PRIVATE KEY-----\nMIIsecret\n-----END PRIVATE KEY-----\n';
  await client.putSecrets(t, { IOT_PRIVATE_KEY: key, IOT_CERTIFICATE: 'cert' });
  assert.equal(gh.secret('octo/app', 'IOT_PRIVATE_KEY'), key);
  assert.equal(gh.secret('octo/app', 'IOT_CERTIFICATE'), 'cert');
  assert.ok(gh.requests.every((r) => !r.path.includes('MIIsecret')));
  assert.equal(await client.deleteSecret(t, 'IOT_CERTIFICATE'), true);
  assert.equal(await client.deleteSecret(t, 'IOT_CERTIFICATE'), false, 'already gone is not an error');
});

test('variables are created, left alone when equal, updated when different, and deleted', async () => {
  const t = parseGithubTarget('octo/app');
  await client.setVariable(t, 'IOT_THING_NAME', 'one');
  const writes = gh.writes().length;
  await client.setVariable(t, 'IOT_THING_NAME', 'one');
  assert.equal(gh.writes().length, writes, 'no write for an unchanged value');
  await client.setVariable(t, 'IOT_THING_NAME', 'two');
  assert.equal(gh.variable('octo/app', 'IOT_THING_NAME'), 'two');
  assert.equal(await client.getVariable(t, 'IOT_THING_NAME'), 'two');
  assert.equal(await client.deleteVariable(t, 'IOT_THING_NAME'), true);
  assert.equal(await client.getVariable(t, 'IOT_THING_NAME'), undefined);
});

test('a variable known absent is created without a read; one created meanwhile (409) is updated instead', async () => {
  const t = parseGithubTarget('octo/app');
  const before = gh.requests.length;
  await client.setVariable(t, 'IOT_REGION_X', 'eu-west-1', null);
  assert.deepEqual(
    gh.requests.slice(before).map((r) => `${r.method} ${r.status}`),
    ['POST 201'],
  );
  const again = gh.requests.length;
  await client.setVariable(t, 'IOT_REGION_X', 'us-east-1', null);
  assert.deepEqual(
    gh.requests.slice(again).map((r) => `${r.method} ${r.status}`),
    ['POST 409', 'PATCH 204'],
  );
  assert.equal(gh.variable('octo/app', 'IOT_REGION_X'), 'us-east-1');
  await client.deleteVariable(t, 'IOT_REGION_X');
});

test('an environment is created when missing, limited to the default branch, and its secrets use its own key', async () => {
  const t = parseGithubTarget('octo/app', 'prod');
  assert.equal(await client.environmentState(t), 'missing');
  await client.ensureEnvironment(t);
  assert.deepEqual(gh.environment('octo/app', 'prod')?.deploymentBranchPolicy, {
    protected_branches: false,
    custom_branch_policies: true,
  });
  assert.deepEqual(gh.environment('octo/app', 'prod')?.branches, ['main']);
  assert.equal(await client.environmentState(parseGithubTarget('octo/app', 'PROD')), 'protected');
  await client.putSecrets(t, { IOT_CERTIFICATE: 'env-cert' });
  assert.equal(gh.secret('octo/app', 'IOT_CERTIFICATE', 'prod'), 'env-cert');
  const before = gh.writes().length;
  await client.ensureEnvironment(t);
  assert.equal(gh.writes().length, before);
});

test('environmentState reads protection as GitHub describes it: a branch policy or required reviewers', async () => {
  gh.addEnvironment('octo/app', 'open');
  gh.addEnvironment('octo/app', 'reviewed', { reviewers: [42] });
  gh.addEnvironment('octo/app', 'protected-branches', { protectedBranches: true });
  const state = (env: string) => client.environmentState(parseGithubTarget('octo/app', env));
  assert.equal(await state('open'), 'unprotected');
  assert.equal(await state('Reviewed'), 'protected');
  assert.equal(await state('protected-branches'), 'protected');
  // ensureEnvironment leaves an existing environment as it is: protecting it is its admin's choice.
  const before = gh.writes().length;
  await client.ensureEnvironment(parseGithubTarget('octo/app', 'open'));
  assert.equal(gh.writes().length, before);
  assert.equal(await state('open'), 'unprotected');
  assert.equal(
    await client.environmentState(parseGithubTarget('octo/app')),
    'protected',
    'no environment: the repository',
  );
});

test('isProtectedEnvironment: a wait timer or an empty reviewer list protects nothing; hostile answers are unprotected', () => {
  assert.equal(
    isProtectedEnvironment({
      protection_rules: [{ type: 'wait_timer', wait_timer: 30 }],
      deployment_branch_policy: null,
    }),
    false,
  );
  assert.equal(isProtectedEnvironment({ protection_rules: [{ type: 'required_reviewers', reviewers: [] }] }), false);
  assert.equal(
    isProtectedEnvironment({ protection_rules: [{ type: 'required_reviewers', reviewers: [{ type: 'User' }] }] }),
    true,
  );
  assert.equal(
    isProtectedEnvironment({ deployment_branch_policy: { protected_branches: false, custom_branch_policies: true } }),
    true,
  );
  assert.equal(isProtectedEnvironment({ deployment_branch_policy: { protected_branches: 'yes' } }), false);
  for (const hostile of [null, 'protected', [], { protection_rules: 'all' }, { protection_rules: [null] }])
    assert.equal(isProtectedEnvironment(hostile), false, JSON.stringify(hostile));
});

test('401, 403 and 404 become errors that say what to do and carry no value', async () => {
  const bad = githubActions({ token: 'wrong', baseUrl: gh.url, writeIntervalMs: 0 });
  await assert.rejects(
    bad.putSecrets(parseGithubTarget('octo/app'), { S: 'topsecretvalue' }),
    (e: unknown) =>
      e instanceof AwsError &&
      /HTTP 401/.test(e.message) &&
      /GITHUB_TOKEN/.test(e.message) &&
      !e.message.includes('topsecretvalue'),
  );
  await assert.rejects(
    client.putSecrets(parseGithubTarget('octo/locked'), { S: 'topsecretvalue' }),
    (e: unknown) =>
      e instanceof AwsError &&
      /HTTP 403/.test(e.message) &&
      /Secrets/.test(e.message) &&
      !e.message.includes('topsecretvalue'),
  );
  await assert.rejects(
    client.putSecrets(parseGithubTarget('octo/nothere'), { S: 'v' }),
    (e: unknown) => e instanceof AwsError && /HTTP 404/.test(e.message) && /octo\/nothere/.test(e.message),
  );
  assert.throws(
    () => githubActions({ token: '' }),
    (e: unknown) => e instanceof InputError && e.input === 'GITHUB_TOKEN',
  );
  assert.throws(
    () => githubActions({ token: 'x', baseUrl: 'http://github.example.com/api/v3' }),
    (e: unknown) => e instanceof InputError && e.input === 'GITHUB_API_URL',
  );
  for (const url of ['https://ops:hunter2pass@ghe.example.com/api/v3', 'http://ops:hunter2pass@127.0.0.1:9/'])
    assert.throws(
      () => githubActions({ token: 'x', baseUrl: url }),
      (e: unknown) =>
        e instanceof InputError &&
        e.input === 'GITHUB_API_URL' &&
        /user name or password/.test(e.message) &&
        !e.message.includes('hunter2pass') &&
        !e.message.includes('ops:'),
    );
});

test('secondary and primary rate limits are waited out and the request retried', async () => {
  const t = parseGithubTarget('octo/app');
  gh.rateLimit({ kind: 'secondary', retryAfterS: 2 }, 2);
  const before = gh.requests.length;
  await client.setVariable(t, 'AFTER_LIMIT', 'x');
  assert.equal(gh.variable('octo/app', 'AFTER_LIMIT'), 'x');
  assert.ok(gh.requests.length - before >= 3, 'two limited answers, then the real ones');
  assert.ok(log.some((l) => /secondary rate limit/.test(l)));
  gh.rateLimit({ kind: 'primary', resetInS: 1 }, 1);
  await client.setVariable(t, 'AFTER_PRIMARY', 'y');
  assert.equal(gh.variable('octo/app', 'AFTER_PRIMARY'), 'y');
  assert.ok(log.some((l) => /primary rate limit/.test(l)));
});

test('a rate limit that does not lift ends in an error after the allowed retries', async () => {
  const stubborn = githubActions({
    token: TOKEN,
    baseUrl: gh.url,
    writeIntervalMs: 0,
    retryAfterUnitMs: 1,
    rateLimitRetries: 2,
  });
  gh.rateLimit({ kind: 'secondary', retryAfterS: 1 }, 10);
  await assert.rejects(
    stubborn.getVariable(parseGithubTarget('octo/app'), 'X'),
    (e: unknown) => e instanceof AwsError && /HTTP 403/.test(e.message),
  );
  gh.rateLimit({ kind: 'secondary', retryAfterS: 0 }, 0);
});

test('repositoryIds reads the owner and repository ids; a public repository without a token', async (t) => {
  // Its own stand-in: the rate-limit tests above leave theirs limited.
  const gh = await startGithubStandIn({ token: TOKEN });
  t.after(() => gh.close());
  gh.addRepository('Ids-Org/Public', { id: 789012, ownerId: 123456, createdAt: '2026-08-01T09:00:00Z' });
  gh.addRepository('ids-org/private', { id: 789013, private: true });
  assert.deepEqual(await repositoryIds({ baseUrl: gh.url }, 'ids-org', 'public'), {
    ownerId: 123456,
    repoId: 789012,
    createdAt: '2026-08-01T09:00:00Z',
  });
  assert.deepEqual(await repositoryIds({ token: TOKEN, baseUrl: gh.url }, 'ids-org', 'private'), {
    ownerId: 123456,
    repoId: 789013,
    createdAt: '2024-03-01T12:00:00Z',
  });
  // A wildcard name: the owner alone.
  assert.deepEqual(await repositoryIds({ baseUrl: gh.url }, 'ids-org', 'app-*'), { ownerId: 123456 });
  const hidden = await repositoryIds({ baseUrl: gh.url }, 'ids-org', 'private').catch((e: unknown) => e);
  assert.ok(hidden instanceof AwsError);
  assert.equal(hidden.code, 'HTTP 404');
  assert.match(hidden.message, /private one the token cannot read.*GITHUB_TOKEN.*--sub-format legacy/);
  const badToken = await repositoryIds({ token: 'nope', baseUrl: gh.url }, 'ids-org', 'public').catch(
    (e: unknown) => e,
  );
  assert.ok(badToken instanceof AwsError);
  assert.match(badToken.message, /HTTP 401.*GITHUB_TOKEN/);
  assert.ok(!badToken.message.includes('nope'), 'the token never enters the error');
});

test('repositoryIds refuses an answer without numeric ids, and an unreachable API names GITHUB_API_URL', async () => {
  const { createServer } = await import('node:http');
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: '789012', owner: { id: -1 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const bad = await repositoryIds({ baseUrl: `http://127.0.0.1:${port}` }, 'o', 'r').catch((e: unknown) => e);
    assert.ok(bad instanceof AwsError);
    assert.equal(bad.code, 'BadAnswer');
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  const down = await repositoryIds({ baseUrl: `http://127.0.0.1:${port}` }, 'o', 'r').catch((e: unknown) => e);
  assert.ok(down instanceof AwsError);
  assert.match(down.message, /GITHUB_API_URL/);
  await assert.rejects(repositoryIds({ baseUrl: 'http://example.com' }, 'o', 'r'), InputError);
});

test('isEnterpriseServer: /api/v3 is Enterprise Server; github.com and GHE.com are not', () => {
  assert.equal(isEnterpriseServer('https://github.example.com/api/v3'), true);
  assert.equal(isEnterpriseServer('https://github.example.com/api/v3/'), true);
  assert.equal(isEnterpriseServer('https://api.github.com'), false);
  assert.equal(isEnterpriseServer(undefined), false);
  assert.equal(isEnterpriseServer('https://api.octo.ghe.com'), false);
});
