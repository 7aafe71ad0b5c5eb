/** The GitHub REST stand-in answers as GitHub's docs say, so the client tests against it mean something. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sodium from 'libsodium-wrappers';
import { startGithubStandIn, type GithubStandIn } from './github-api-standin.js';

const TOKEN = 'ghs_standintoken0000000000000000000000';
let gh: GithubStandIn;

before(async () => {
  gh = await startGithubStandIn({ token: TOKEN });
  gh.addRepository('octo/app');
  gh.addRepository('octo/readonly', { access: 'read' });
});
after(() => gh.close());

async function api(
  method: string,
  path: string,
  body?: unknown,
  token = TOKEN,
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: res.headers };
}

async function seal(value: string, key: string): Promise<string> {
  await sodium.ready;
  return sodium.to_base64(
    sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL)),
    sodium.base64_variants.ORIGINAL,
  );
}

test('a wrong or missing token is 401 Bad credentials; an unknown repository is 404 Not Found', async () => {
  const bad = await api('GET', '/repos/octo/app/actions/secrets/public-key', undefined, 'nope');
  assert.equal(bad.status, 401);
  assert.equal(bad.json['message'], 'Bad credentials');
  const missing = await api('GET', '/repos/octo/other/actions/secrets/public-key');
  assert.equal(missing.status, 404);
  assert.equal(missing.json['message'], 'Not Found');
});

test('a secret sealed with the public key is opened; created is 201, updated 204; a wrong key id is 422', async () => {
  const key = await api('GET', '/repos/octo/app/actions/secrets/public-key');
  assert.equal(key.status, 200);
  const publicKey = String(key.json['key']);
  assert.equal(Buffer.from(publicKey, 'base64').length, 32, 'a Curve25519 public key');
  const put = await api('PUT', '/repos/octo/app/actions/secrets/MY_SECRET', {
    encrypted_value: await seal('first', publicKey),
    key_id: key.json['key_id'],
  });
  assert.equal(put.status, 201);
  assert.equal(gh.secret('octo/app', 'MY_SECRET'), 'first');
  const again = await api('PUT', '/repos/octo/app/actions/secrets/MY_SECRET', {
    encrypted_value: await seal('second', publicKey),
    key_id: key.json['key_id'],
  });
  assert.equal(again.status, 204);
  assert.equal(gh.secret('octo/app', 'MY_SECRET'), 'second');
  const wrongKey = await api('PUT', '/repos/octo/app/actions/secrets/MY_SECRET', {
    encrypted_value: await seal('x', publicKey),
    key_id: '1',
  });
  assert.equal(wrongKey.status, 422);
  const garbage = await api('PUT', '/repos/octo/app/actions/secrets/MY_SECRET', {
    encrypted_value: Buffer.from('not sealed').toString('base64'),
    key_id: key.json['key_id'],
  });
  assert.equal(garbage.status, 422);
  assert.equal(gh.secret('octo/app', 'MY_SECRET'), 'second');
  assert.equal((await api('DELETE', '/repos/octo/app/actions/secrets/MY_SECRET')).status, 204);
  assert.equal((await api('DELETE', '/repos/octo/app/actions/secrets/MY_SECRET')).status, 404);
});

test('variables: POST creates (409 when it exists), GET reads, PATCH updates, DELETE removes', async () => {
  assert.equal(
    (await api('POST', '/repos/octo/app/actions/variables', { name: 'REGION', value: 'eu-west-1' })).status,
    201,
  );
  assert.equal((await api('POST', '/repos/octo/app/actions/variables', { name: 'REGION', value: 'x' })).status, 409);
  assert.equal((await api('GET', '/repos/octo/app/actions/variables/REGION')).json['value'], 'eu-west-1');
  assert.equal(
    (await api('PATCH', '/repos/octo/app/actions/variables/REGION', { name: 'REGION', value: 'us-east-1' })).status,
    204,
  );
  assert.equal(gh.variable('octo/app', 'REGION'), 'us-east-1');
  assert.equal((await api('DELETE', '/repos/octo/app/actions/variables/REGION')).status, 204);
  assert.equal((await api('GET', '/repos/octo/app/actions/variables/REGION')).status, 404);
});

test('environments have their own key pair, secrets and variables; they exist only once created', async () => {
  assert.equal((await api('GET', '/repos/octo/app/environments/prod/secrets/public-key')).status, 404);
  assert.equal((await api('PUT', '/repos/octo/app/environments/prod', {})).status, 200);
  const repoKey = await api('GET', '/repos/octo/app/actions/secrets/public-key');
  const envKey = await api('GET', '/repos/octo/app/environments/prod/secrets/public-key');
  assert.notEqual(envKey.json['key'], repoKey.json['key']);
  // A value sealed for the repository cannot be opened by the environment.
  assert.equal(
    (
      await api('PUT', '/repos/octo/app/environments/prod/secrets/S', {
        encrypted_value: await seal('v', String(repoKey.json['key'])),
        key_id: envKey.json['key_id'],
      })
    ).status,
    422,
  );
  assert.equal(
    (
      await api('PUT', '/repos/octo/app/environments/prod/secrets/S', {
        encrypted_value: await seal('v', String(envKey.json['key'])),
        key_id: envKey.json['key_id'],
      })
    ).status,
    201,
  );
  assert.equal(gh.secret('octo/app', 'S', 'prod'), 'v');
  assert.equal(gh.secret('octo/app', 'S'), undefined);
  assert.equal(
    (await api('POST', '/repos/octo/app/environments/prod/variables', { name: 'V', value: '1' })).status,
    201,
  );
  assert.deepEqual(gh.variableNames('octo/app', 'prod'), ['V']);
});

test('environments: names match case-insensitively; PUT sets the branch policy; custom policies list branch names', async () => {
  assert.equal((await api('GET', '/repos/octo/app/environments/Staging')).status, 404);
  const made = await api('PUT', '/repos/octo/app/environments/Staging', {});
  assert.equal(made.status, 200);
  // Created without a policy: any branch may deploy, and no rule protects it.
  assert.deepEqual(made.json['protection_rules'], []);
  assert.equal(made.json['deployment_branch_policy'], null);
  const read = await api('GET', '/repos/octo/app/environments/staging');
  assert.equal(read.status, 200);
  assert.equal(read.json['name'], 'Staging', 'the spelling it was created with, whatever the request');
  assert.deepEqual(
    gh.environmentNames('octo/app').filter((n) => /staging/i.test(n)),
    ['Staging'],
  );
  // A custom branch policy can take a branch name only once it is enabled.
  assert.equal(
    (await api('POST', '/repos/octo/app/environments/staging/deployment-branch-policies', { name: 'main' })).status,
    404,
  );
  assert.equal(
    (
      await api('PUT', '/repos/octo/app/environments/STAGING', {
        deployment_branch_policy: { protected_branches: true, custom_branch_policies: true },
      })
    ).status,
    422,
  );
  const custom = await api('PUT', '/repos/octo/app/environments/STAGING', {
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  });
  assert.deepEqual(custom.json['deployment_branch_policy'], {
    protected_branches: false,
    custom_branch_policies: true,
  });
  assert.deepEqual(
    (custom.json['protection_rules'] as Array<{ type: string }>).map((r) => r.type),
    ['branch_policy'],
  );
  const policy = { name: 'main', type: 'branch' };
  assert.equal(
    (await api('POST', '/repos/octo/app/environments/staging/deployment-branch-policies', policy)).status,
    200,
  );
  assert.equal(
    (await api('POST', '/repos/octo/app/environments/staging/deployment-branch-policies', policy)).status,
    303,
    'the same pattern twice',
  );
  const listed = await api('GET', '/repos/octo/app/environments/Staging/deployment-branch-policies');
  assert.equal(listed.json['total_count'], 1);
  assert.deepEqual(gh.environment('octo/app', 'staging')?.branches, ['main']);
  // Reviewers appear as a required_reviewers rule; a secret put through any spelling lands in the one environment.
  gh.addEnvironment('octo/app', 'QA', { reviewers: [7] });
  const qa = await api('GET', '/repos/octo/app/environments/qa');
  assert.deepEqual(
    (qa.json['protection_rules'] as Array<{ type: string }>).map((r) => r.type),
    ['required_reviewers'],
  );
  assert.equal((await api('POST', '/repos/octo/app/environments/qa/variables', { name: 'V', value: '1' })).status, 201);
  assert.equal(gh.variable('octo/app', 'V', 'Qa'), '1');
});

test('a read-only token is 403 on writes; rate limits answer 403 with retry-after or x-ratelimit-remaining 0', async () => {
  assert.equal((await api('GET', '/repos/octo/readonly/actions/secrets/public-key')).status, 200);
  const denied = await api('POST', '/repos/octo/readonly/actions/variables', { name: 'A', value: 'b' });
  assert.equal(denied.status, 403);
  assert.equal(denied.json['message'], 'Resource not accessible by integration');

  gh.rateLimit({ kind: 'secondary', retryAfterS: 7 });
  const secondary = await api('GET', '/repos/octo/app/actions/secrets/public-key');
  assert.equal(secondary.status, 403);
  assert.equal(secondary.headers.get('retry-after'), '7');
  assert.match(String(secondary.json['message']), /secondary rate limit/);
  gh.rateLimit({ kind: 'primary', resetInS: 30 });
  const primary = await api('GET', '/repos/octo/app/actions/secrets/public-key');
  assert.equal(primary.status, 403);
  assert.equal(primary.headers.get('x-ratelimit-remaining'), '0');
  assert.ok(Number(primary.headers.get('x-ratelimit-reset')) > Date.now() / 1000);
  assert.equal(
    (await api('GET', '/repos/octo/app/actions/secrets/public-key')).status,
    200,
    'the limit was for one request',
  );
});

test('GET /repos/{owner}/{repo} answers the numeric ids; public without a token, private only with one', async () => {
  gh.addRepository('Octo-Org/Public-Repo', { id: 789012, ownerId: 123456, createdAt: '2026-08-01T09:00:00Z' });
  gh.addRepository('octo-org/secret-repo', { private: true });
  const anonymous = await fetch(`${gh.url}/repos/octo-org/public-repo`);
  assert.equal(anonymous.status, 200);
  const repo = (await anonymous.json()) as Record<string, unknown>;
  assert.equal(repo['id'], 789012);
  assert.equal(repo['full_name'], 'Octo-Org/Public-Repo', 'the canonical case, whatever the request said');
  assert.deepEqual((repo['owner'] as Record<string, unknown>)['id'], 123456);
  assert.equal(repo['created_at'], '2026-08-01T09:00:00Z');
  assert.equal(repo['private'], false);
  // A private repository is hidden (404) from whoever cannot read it; a wrong token is 401 even for public data.
  assert.equal((await fetch(`${gh.url}/repos/octo-org/secret-repo`)).status, 404);
  const withToken = await api('GET', '/repos/octo-org/secret-repo');
  assert.equal(withToken.status, 200);
  assert.equal(withToken.json['private'], true);
  assert.equal((withToken.json['owner'] as Record<string, unknown>)['id'], 123456, 'one owner, one id');
  assert.deepEqual(gh.ids('octo-org/secret-repo'), { ownerId: 123456, id: withToken.json['id'] });
  assert.equal((await api('GET', '/repos/octo-org/public-repo', undefined, 'nope')).status, 401);
  assert.equal((await fetch(`${gh.url}/repos/octo-org/missing`)).status, 404);
  // Anything else still needs the token.
  assert.equal((await fetch(`${gh.url}/repos/octo/app/actions/secrets/public-key`)).status, 401);
});

test('GET /users/{username} answers the owner id without a token', async () => {
  const res = await fetch(`${gh.url}/users/OCTO-ORG`);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as Record<string, unknown>)['id'], 123456);
  assert.equal((await fetch(`${gh.url}/users/nobody-here`)).status, 404);
});
