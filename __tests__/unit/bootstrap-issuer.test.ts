/** `bootstrap oidc --issuer`: which issuers are accepted, and the provider and trust each one gets. Pure, no AWS. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { GITHUB_ISSUER, parseIssuer, providerIssuerId } from '../../src/bootstrap/issuer.js';
import { resolveIssuer } from '../../src/bootstrap/oidc.js';
import { oidcDesired, planOidc } from '../../src/bootstrap/plan.js';
import { githubTrustPolicy, oidcProviderArn, subFormsFor } from '../../src/bootstrap/policies.js';
import { githubClaims, trustAdmits } from '../support/trust-match.js';

const REPO = { owner: 'octo-org', ownerId: 123456, name: 'octo-repo', id: 789012 };

test('parseIssuer: the three forms GitHub issues tokens from, normalised', () => {
  assert.deepEqual(parseIssuer('https://token.actions.githubusercontent.com'), GITHUB_ISSUER);
  assert.deepEqual(parseIssuer('https://token.actions.githubusercontent.com/'), GITHUB_ISSUER);
  assert.deepEqual(parseIssuer('https://Token.Actions.GithubUserContent.com/octo-ent/'), {
    url: 'https://token.actions.githubusercontent.com/octo-ent',
    id: 'token.actions.githubusercontent.com/octo-ent',
    kind: 'enterprise',
  });
  assert.deepEqual(parseIssuer(' https://GHES.example.com/_services/token '), {
    url: 'https://ghes.example.com/_services/token',
    id: 'ghes.example.com/_services/token',
    kind: 'server',
  });
});

test('parseIssuer: anything else is refused naming --issuer, with the forms as the fix', () => {
  const refused: Array<[string, RegExp]> = [
    ['token.actions.githubusercontent.com', /is not a URL/],
    ['http://token.actions.githubusercontent.com', /is not https/],
    ['https://ops:hunter2@ghes.example.com/_services/token', /carries credentials/],
    ['https://ghes.example.com/_services/token?x=1', /query or fragment/],
    ['https://ghes.example.com/_services/token#frag', /query or fragment/],
    ['https://ghes.example.com/_services/token?', /query or fragment/],
    ['https://ghes.example.com:8443/_services/token', /names a port/],
    ['https://token.actions.githubusercontent.com/octo ent', /not an enterprise slug/],
    ['https://token.actions.githubusercontent.com/-octo', /not an enterprise slug/],
    ['https://token.actions.githubusercontent.com/octo/extra', /not an enterprise slug/],
    ['https://token.actions.githubusercontent.com/octo%2Fx', /not an enterprise slug/],
    ['https://ghes.example.com', /is not one of/],
    ['https://ghes.example.com/_services/token/x', /is not one of/],
  ];
  for (const [text, problem] of refused) {
    const err = (() => {
      try {
        parseIssuer(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof InputError, text);
    assert.match(err.message, /issuer/, text);
    assert.match(err.message, problem, text);
    assert.match(err.message, /_services\/token/, `${text}: the fix lists the forms`);
    assert.doesNotMatch(err.message, /hunter2/, 'no password in the message');
  }
});

test('resolveIssuer: --issuer decides; GITHUB_API_URL gives the default and must agree', () => {
  assert.deepEqual(resolveIssuer(undefined, 'https://api.github.com'), GITHUB_ISSUER);
  assert.deepEqual(resolveIssuer(undefined, undefined), GITHUB_ISSUER);
  assert.deepEqual(resolveIssuer(undefined, 'https://ghes.example.com/api/v3'), {
    url: 'https://ghes.example.com/_services/token',
    id: 'ghes.example.com/_services/token',
    kind: 'server',
  });
  const server = 'https://ghes.example.com/_services/token';
  assert.equal(resolveIssuer(server, 'https://ghes.example.com/api/v3').kind, 'server');
  assert.equal(resolveIssuer(server, 'https://api.github.com').kind, 'server');
  assert.throws(() => resolveIssuer(server, 'https://other.example.com/api/v3'), /'issuer'.*different GitHubs/);
  assert.throws(
    () => resolveIssuer('https://token.actions.githubusercontent.com/octo-ent', 'https://ghes.example.com/api/v3'),
    /different GitHubs.*GITHUB_API_URL/,
  );
});

test("each issuer's provider ARN, trust keys and sub forms, and a token it issues is admitted", () => {
  const cases = [
    { issuer: GITHUB_ISSUER, forms: ['immutable'] as const },
    { issuer: parseIssuer('https://token.actions.githubusercontent.com/octo-ent'), forms: ['immutable'] as const },
    { issuer: parseIssuer('https://ghes.example.com/_services/token'), forms: ['legacy'] as const },
  ];
  for (const { issuer, forms } of cases) {
    const arn = oidcProviderArn('aws', '123456789012', issuer.id);
    assert.equal(arn, `arn:aws:iam::123456789012:oidc-provider/${issuer.id}`);
    assert.equal(providerIssuerId(arn), issuer.id);
    const auto = subFormsFor('auto', { enterpriseServer: issuer.kind === 'server', createdAt: '2026-08-01T00:00:00Z' });
    assert.deepEqual(auto, [...forms], issuer.id);
    const subject = {
      repo: 'octo-org/octo-repo',
      branch: 'main',
      forms: auto,
      ids: { owner: REPO.ownerId, repo: REPO.id },
    };
    const doc = githubTrustPolicy(arn, subject, false);
    assert.deepEqual(doc.Statement[0]!['Principal'], { Federated: arn });
    assert.deepEqual(Object.keys((doc.Statement[0]!['Condition'] as { StringEquals: object }).StringEquals), [
      `${issuer.id}:aud`,
      `${issuer.id}:sub`,
    ]);
    const claims = githubClaims(REPO, 'refs/heads/main', forms[0], undefined, issuer.url);
    assert.ok(trustAdmits(doc, claims), issuer.id);
    // Another issuer's token, the same in every other claim, is not admitted.
    for (const other of cases.filter((c) => c.issuer.id !== issuer.id))
      assert.ok(!trustAdmits(doc, { ...claims, iss: other.issuer.url }), `${other.issuer.id} under ${issuer.id}`);
  }
});

test("planOidc names the issuer's provider; the scope check reads that issuer's sub key", () => {
  const issuer = parseIssuer('https://ghes.example.com/_services/token');
  const want = oidcDesired({ repo: 'octo-org/octo-repo', branch: 'main' }, { issuer });
  const steps = planOidc({}, want);
  assert.deepEqual(steps[0], {
    action: 'create',
    resource: 'oidc-provider',
    name: 'ghes.example.com/_services/token',
    detail: 'audience sts.amazonaws.com',
  });
  const arn = oidcProviderArn('aws', '123456789012', issuer.id);
  const exists = planOidc({ provider: { arn, clientIds: ['sts.amazonaws.com'] } }, want);
  assert.equal(exists[0]!.action, 'exists');
  assert.throws(() => oidcDesired({ repo: '*/octo-repo' }, { issuer }), /wildcard owner/);
});
