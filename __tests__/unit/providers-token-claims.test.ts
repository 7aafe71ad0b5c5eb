/** The claims of a refused token: read from the payload only, shown as data, and the condition that admits the job. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GITHUB_PUSH_CLAIMS } from '../support/github-claims.js';
import { admittingCondition, refusalReport, subjectForms, trustClaims } from '../../src/providers/token-claims.js';

const SIGNATURE = 'c2lnbmF0dXJlLW5vdC1zZWNyZXQtYnV0LW5ldmVyLXNob3du';
const jwt = (payload: unknown, header: unknown = { alg: 'RS256', kid: 'k1' }) =>
  [header, payload].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') + `.${SIGNATURE}`;

const GITHUB = GITHUB_PUSH_CLAIMS;

test('trustClaims picks the claims trust policies match, and nothing else', () => {
  assert.deepEqual(trustClaims(jwt(GITHUB)), {
    iss: GITHUB.iss,
    aud: 'sts.amazonaws.com',
    sub: GITHUB.sub,
    repository: 'octo-org/octo-repo',
    repository_id: '789012',
    repository_owner_id: '123456',
    ref: 'refs/heads/main',
    job_workflow_ref: GITHUB.job_workflow_ref,
    event_name: 'push',
  });
  assert.deepEqual(trustClaims(jwt({ aud: ['a', 'b'], repository_id: 789012, environment: { x: 1 } })), {
    aud: 'a, b',
    repository_id: '789012',
  });
});

test('trustClaims returns undefined for what is not a JWT with an object payload', () => {
  for (const bad of ['', 'abc', 'a.b', 'a.b.c.d', `x.${'%%%'}.y`, jwt('a string'), jwt([1]), 'e30.bm90IGpzb24.c2ln'])
    assert.equal(trustClaims(bad), undefined, bad);
  assert.equal(trustClaims(`e30.${'A'.repeat(20000)}.c2ln`), undefined, 'an oversized payload');
  const long = trustClaims(jwt({ sub: 'x'.repeat(1000) }))!;
  assert.equal(long.sub!.length, 301);
});

test('subjectForms: the immutable form (when the token has the ids) first, then the name-only form', () => {
  assert.deepEqual(subjectForms(trustClaims(jwt(GITHUB))!), [
    'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main',
    'repo:octo-org/octo-repo:ref:refs/heads/main',
  ]);
  const legacyEnv = { ...GITHUB, sub: 'repo:octo-org/octo-repo:environment:prod', environment: 'prod' };
  assert.deepEqual(subjectForms(trustClaims(jwt(legacyEnv))!), [
    'repo:octo-org@123456/octo-repo@789012:environment:prod',
    'repo:octo-org/octo-repo:environment:prod',
  ]);
  const noIds = { sub: 'repo:o/r:pull_request', repository: 'o/r' };
  assert.deepEqual(subjectForms(noIds), ['repo:o/r:pull_request']);
  // A customized sub template, or another issuer: as it is.
  assert.deepEqual(subjectForms({ sub: 'repo:o/r:context:prod:job_workflow_ref:x', repository: 'o/r' }), [
    'repo:o/r:context:prod:job_workflow_ref:x',
  ]);
  assert.deepEqual(subjectForms({ sub: 'project_path:group/app:ref_type:branch:ref:main' }), [
    'project_path:group/app:ref_type:branch:ref:main',
  ]);
  assert.deepEqual(subjectForms({ sub: 'repo:o/r:ref:x', repository: 'o/r', repository_id: '1 OR 1' }), [
    'repo:o/r:ref:x',
  ]);
});

test('admittingCondition names the issuer host, the audience and both sub forms', () => {
  assert.deepEqual(admittingCondition(trustClaims(jwt(GITHUB))!), {
    StringEquals: {
      'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
      'token.actions.githubusercontent.com:sub': [
        'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main',
        'repo:octo-org/octo-repo:ref:refs/heads/main',
      ],
    },
  });
  assert.deepEqual(admittingCondition({ iss: 'https://gitlab.example.com/', aud: 'x', sub: 'project_path:g/a' }), {
    StringEquals: { 'gitlab.example.com:aud': 'x', 'gitlab.example.com:sub': 'project_path:g/a' },
  });
  assert.equal(admittingCondition({ sub: 'repo:o/r:ref:x' }), undefined);
});

test('refusalReport: claims and condition as data lines; never the token, its header or its signature', () => {
  const token = jwt(GITHUB);
  const lines = refusalReport(token);
  assert.ok(lines.includes('  sub: repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main'));
  assert.ok(lines.includes('  event_name: push'));
  assert.ok(lines.some((l) => l.includes('"repo:octo-org/octo-repo:ref:refs/heads/main"')));
  assert.ok(lines.some((l) => /both forms/.test(l)));
  const text = lines.join('\n');
  for (const part of token.split('.')) assert.ok(!text.includes(part), 'no part of the token');
  assert.ok(!text.includes('octocat') && !text.includes('run_id'), 'only the trust claims');
  assert.deepEqual(refusalReport('not-a-jwt'), []);
});

test('refusalReport: hostile claims stay one line each and cannot start a workflow command', () => {
  const hostile = {
    iss: 'https://token.actions.githubusercontent.com',
    sub: 'repo:o/r:ref:refs/heads/x\n::add-mask::oops',
    repository: 'o/r',
    environment: '::set-output name=x::y\r\n##[error]z\u2028\u202e',
    aud: 'sts.amazonaws.com',
  };
  const lines = refusalReport(jwt(hostile));
  for (const line of lines) {
    assert.ok(!/[\r\n\u2028\u2029\u202e]/.test(line), JSON.stringify(line));
    assert.ok(!/^\s*::/.test(line), JSON.stringify(line));
  }
  assert.ok(lines.includes('  environment: ::set-output name=x::y\\u000d\\u000a##[error]z\\u2028\\u202e'));
  assert.ok(lines.some((l) => l.includes('repo:o/r:ref:refs/heads/x\\n::add-mask::oops')));
});
