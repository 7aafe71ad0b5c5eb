/** doctor's report: the failing check named with its values, the provider's audiences, denied reads, the fixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doctorReport, type DoctorFacts } from '../../src/diagnose/doctor-report.js';
import { webIdentityContext } from '../../src/diagnose/trust-evaluation.js';
import { trustClaims } from '../../src/providers/token-claims.js';

const HOST = 'token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::111122223333:role/deploy';
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${HOST}`;
const SIGNATURE = 'c2lnbmF0dXJlLW5ldmVyLXNob3du';
const IMMUTABLE = 'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main';
const LEGACY = 'repo:octo-org/octo-repo:ref:refs/heads/main';

const PAYLOAD = {
  iss: `https://${HOST}`,
  aud: 'sts.amazonaws.com',
  sub: IMMUTABLE,
  repository: 'octo-org/octo-repo',
  repository_id: '789012',
  repository_owner_id: '123456',
  ref: 'refs/heads/main',
  exp: 1_900_000_000,
};

function facts(
  payload: Record<string, unknown>,
  trust: DoctorFacts['trust'],
  provider: DoctorFacts['provider'] = { value: { clientIds: ['sts.amazonaws.com'], thumbprints: ['ab'.repeat(20)] } },
): DoctorFacts {
  const token = [{ alg: 'RS256' }, payload].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.');
  return {
    roleArn: ROLE,
    providerArn: PROVIDER,
    payload,
    claims: trustClaims(`${token}.${SIGNATURE}`)!,
    context: webIdentityContext(payload)!,
    trust,
    provider,
    now: new Date('2026-12-01T00:00:00Z'),
  };
}

const trustWith = (sub: string | string[]) => ({
  value: {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHub',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com', [`${HOST}:sub`]: sub } },
      },
    ],
  },
});

test('a trust that admits the token: verdict match, the provider and its audiences shown', () => {
  const r = doctorReport(facts(PAYLOAD, trustWith([IMMUTABLE, LEGACY])));
  const text = r.lines.join('\n');
  assert.equal(r.verdict, 'match');
  assert.match(text, /Statement\[0\] \(Sid "GitHub"\), Allow: admits this token/);
  assert.match(text, /audiences \(client ids\): "sts\.amazonaws\.com"/);
  assert.match(text, /thumbprints: "abab/);
  assert.match(text, /the signature is not checked/);
  assert.ok(!text.includes(SIGNATURE));
});

test('a legacy-only policy and an immutable token: the condition, both values, the hint and both sub forms', () => {
  const r = doctorReport(facts(PAYLOAD, trustWith(LEGACY)));
  const text = r.lines.join('\n');
  assert.equal(r.verdict, 'no-match');
  assert.ok(text.includes(`StringEquals "${HOST}:sub" expects "${LEGACY}"; the token has "${IMMUTABLE}"`), text);
  assert.match(text, /carry the immutable sub/);
  assert.match(text, /A trust policy Condition that admits this job \(sub in both forms/);
  assert.ok(text.includes(`"${IMMUTABLE}",`) && text.includes(`"${LEGACY}"`));
});

test('an environment token against a branch policy says why', () => {
  const env = { ...PAYLOAD, sub: 'repo:octo-org@123456/octo-repo@789012:environment:prod', environment: 'prod' };
  const text = doctorReport(facts(env, trustWith([IMMUTABLE, LEGACY]))).lines.join('\n');
  assert.match(text, /the job ran in an environment/);
  assert.match(text, /"repo:octo-org@123456\/octo-repo@789012:environment:prod"/);
});

test('an aud the provider does not list refuses even when the trust admits it', () => {
  const other = { ...PAYLOAD, aud: 'https://github.com/octo-org' };
  const doc = trustWith([IMMUTABLE]);
  (doc.value.Statement[0]!.Condition.StringEquals as Record<string, unknown>)[`${HOST}:aud`] = other.aud;
  const r = doctorReport(facts(other, doc));
  assert.equal(r.verdict, 'no-match');
  assert.match(r.lines.join('\n'), /the token's aud "https:\/\/github\.com\/octo-org" is not one of them/);
  assert.match(r.lines.join('\n'), /add-client-id-to-open-id-connect-provider/);
});

test('reads that were denied name the permission and leave the verdict undecided; a missing provider refuses', () => {
  const denied = doctorReport(facts(PAYLOAD, { denied: 'iam:GetRole' }, { denied: 'iam:GetOpenIDConnectProvider' }));
  assert.equal(denied.verdict, 'unknown');
  assert.match(denied.lines.join('\n'), /may not call iam:GetRole/);
  assert.match(denied.lines.join('\n'), /may not call iam:GetOpenIDConnectProvider/);
  const partly = doctorReport(facts(PAYLOAD, { denied: 'iam:GetRole' }, { absent: true }));
  assert.equal(partly.verdict, 'no-match', 'the provider alone decides');
  assert.match(partly.lines.join('\n'), /no such provider/);
  assert.equal(doctorReport(facts(PAYLOAD, { absent: true })).verdict, 'no-match');
});

test('claims and policy values are data: control and format characters escaped, one line each', () => {
  const hostile = { ...PAYLOAD, sub: 'repo:x\n::error::pwned\u202e' };
  const doc = trustWith('line\nbreak');
  const lines = doctorReport(facts(hostile, doc)).lines;
  for (const line of lines) assert.ok(!/[\n\u202e]/.test(line), line);
  assert.ok(lines.some((l) => l.includes('\\n::error::pwned\\u202e')));
  assert.ok(!lines.some((l) => l.startsWith('::')));
});

test('an expired token is noted; the verdict is about the trust', () => {
  const r = doctorReport(facts({ ...PAYLOAD, exp: 1_700_000_000 }, trustWith(IMMUTABLE)));
  assert.equal(r.verdict, 'match');
  assert.match(r.lines.join('\n'), /expired at 2023-11-14T22:13:20\.000Z/);
});

test("statements for another provider or action are one line; the fix only when no Allow covers the token's", () => {
  const statement = (extra: Record<string, unknown>) => ({
    Effect: 'Allow',
    Principal: { Federated: PROVIDER },
    Action: 'sts:AssumeRoleWithWebIdentity',
    ...extra,
  });
  const gitlab = { Federated: 'arn:aws:iam::111122223333:oidc-provider/gitlab.com' };
  const report = (...statements: unknown[]) =>
    doctorReport(facts(PAYLOAD, { value: { Version: '2012-10-17', Statement: statements } }));
  // GitLab's statement beside GitHub's: GitHub's admits, GitLab's is one line.
  const both = report(statement({ Principal: gitlab }), statement({}));
  assert.equal(both.verdict, 'match');
  assert.match(
    both.lines.join('\n'),
    /Statement\[0\], Allow: not for this token: Principal "Federated: arn:.*gitlab\.com"/,
  );
  // Only GitLab's: the fix names the token's provider.
  const other = report(statement({ Principal: gitlab }));
  assert.equal(other.verdict, 'no-match');
  assert.ok(other.lines.join('\n').includes(`"Principal": {"Federated": "${PROVIDER}"}`));
  // A TagSession statement for the provider beside a refusing one: no Action fix, the sub is the problem.
  const tag = report(
    statement({ Action: 'sts:TagSession' }),
    statement({ Condition: { StringEquals: { [`${HOST}:sub`]: LEGACY } } }),
  );
  assert.equal(tag.verdict, 'no-match');
  assert.ok(!tag.lines.join('\n').includes('"Action": "sts:AssumeRoleWithWebIdentity"'));
  const onlyTag = report(statement({ Action: 'sts:TagSession' }));
  assert.ok(onlyTag.lines.join('\n').includes('"Action": "sts:AssumeRoleWithWebIdentity"'));
  // A Deny that matches is named with the fix.
  const deny = report(statement({}), { ...statement({}), Sid: 'Stop', Effect: 'Deny' });
  assert.equal(deny.verdict, 'no-match');
  assert.match(deny.lines.join('\n'), /Statement\[1\] \(Sid "Stop"\), Deny: matches this token/);
  assert.match(deny.lines.join('\n'), /An explicit Deny matches this token: remove it/);
});
