/** STS failures: which are retried, and the hint given for the rest. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../src/errors.js';
import { stsError } from '../../src/providers/sts-errors.js';

const WEB = 'sts:AssumeRoleWithWebIdentity' as const;
const ROLE = 'sts:AssumeRole' as const;

test('throttling, IdP and service-side codes are retryable with no hint, whatever the status', () => {
  const codes = [
    'Throttling',
    'ThrottlingException',
    'RequestLimitExceeded',
    'TooManyRequestsException',
    'PriorRequestNotComplete',
    'IDPCommunicationError',
    'RequestTimeout',
    'RequestTimeoutException',
    'ServiceUnavailable',
    'InternalFailure',
    'InternalError',
  ];
  for (const code of codes) {
    const err = stsError(WEB, 400, code, 'msg');
    assert.ok(err instanceof AwsError);
    assert.equal(err.retryable, true, code);
    assert.equal(err.hint, '');
    assert.equal(err.message, `${WEB} failed: ${code}: msg`);
  }
});

test('HTTP 429 and any 5xx are retryable even with an unknown or empty code', () => {
  for (const status of [429, 500, 502, 503, 504, 599]) {
    assert.equal(stsError(ROLE, status, 'Whatever', '').retryable, true, String(status));
    const err = stsError(ROLE, status, '', '');
    assert.equal(err.retryable, true);
    assert.equal(err.code, `HTTP ${status}`);
  }
});

test('client errors are not retryable', () => {
  for (const [status, code] of [
    [403, 'AccessDenied'],
    [400, 'ValidationError'],
    [400, 'InvalidIdentityToken'],
    [400, 'Unknown'],
    [404, ''],
  ] as const) {
    assert.equal(stsError(WEB, status, code, '').retryable, false, `${status} ${code}`);
  }
});

test("AccessDenied on AssumeRoleWithWebIdentity points at the trust policy's sub and aud conditions", () => {
  const err = stsError(WEB, 403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  assert.equal(err.code, 'AccessDenied');
  assert.match(err.hint, /'sub' condition must match this job/);
  assert.match(err.hint, /'aud' condition the audience input \(default sts\.amazonaws\.com\)/);
  assert.match(err.hint, /token\.actions\.githubusercontent\.com/);
  assert.match(
    err.message,
    /^sts:AssumeRoleWithWebIdentity failed: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity\. Check the role's trust policy/,
  );
});

test('AccessDenied on AssumeRole: a session-tags denial asks for sts:TagSession, others the trust policy', () => {
  assert.match(
    stsError(ROLE, 403, 'AccessDenied', 'User is not authorized to perform: sts:TagSession on resource').hint,
    /sts:TagSession, or set role-skip-session-tagging: true/,
  );
  assert.match(stsError(ROLE, 403, 'AccessDenied', 'Cannot pass session tags').hint, /role-skip-session-tagging/);
  assert.match(
    stsError(ROLE, 403, 'AccessDenied', 'not authorized').hint,
    /may sts:AssumeRole this role.*role-external-id/,
  );
});

test('the role-chaining duration ValidationError gets the 1-hour hint; MaxSessionDuration its own', () => {
  const chained = stsError(
    ROLE,
    400,
    'ValidationError',
    'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
  );
  assert.match(chained.hint, /role chaining last at most 1 hour: set role-duration-seconds to 3600 or less/);
  const max = stsError(
    WEB,
    400,
    'ValidationError',
    'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
  );
  assert.match(max.hint, /aws iam update-role --max-session-duration/);
  assert.match(stsError(WEB, 400, 'ValidationError', 'something else').hint, /Check role-to-assume, role-session-name/);
});

test('other known codes get their hint; unknown codes none', () => {
  const cases: Array<[string, RegExp]> = [
    ['InvalidIdentityToken', /IAM OIDC identity provider exists/],
    ['ExpiredTokenException', /had expired/],
    ['ExpiredToken', /had expired/],
    ['MalformedPolicyDocument', /Fix inline-session-policy/],
    ['PackedPolicyTooLarge', /role-skip-session-tagging: true/],
    ['RegionDisabledException', /activate it in IAM account settings/],
    ['InvalidClientTokenId', /credentials used to call STS are invalid/],
    ['SignatureDoesNotMatch', /credentials used to call STS are invalid/],
  ];
  for (const [code, hint] of cases) assert.match(stsError(ROLE, 400, code, '').hint, hint, code);
  const unknown = stsError(ROLE, 400, 'SomethingNew', 'text');
  assert.equal(unknown.hint, '');
  assert.equal(unknown.message, 'sts:AssumeRole failed: SomethingNew: text');
});

test('a refused web identity carries the token claims as details, and the role and payload for a diagnosis; other failures carry none', async () => {
  const { withTokenClaims, errorDetails, refusedWebIdentity } = await import('../../src/providers/sts-errors.js');
  const claims = { iss: 'https://token.actions.githubusercontent.com', sub: 'repo:o/r:ref:x' };
  const token = [{ alg: 'RS256' }, claims]
    .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
    .join('.')
    .concat('.c2ln');
  const role = 'arn:aws:iam::123456789012:role/deploy';
  for (const code of ['AccessDenied', 'InvalidIdentityToken', 'IDPRejectedClaim']) {
    const refused = withTokenClaims(stsError(WEB, 403, code, 'no'), token, role);
    assert.ok(refused instanceof AwsError);
    assert.equal(refused.code, code);
    assert.match(refused.message, new RegExp(`${WEB} failed: ${code}: no`));
    assert.ok(errorDetails(refused).includes('  sub: repo:o/r:ref:x'), code);
    assert.deepEqual(refusedWebIdentity(refused), { roleArn: role, payload: claims });
  }
  assert.match(stsError(WEB, 403, 'AccessDenied', 'no').hint, /repo:<owner>@<owner id>\/<repo>@<repo id>/);
  assert.match(stsError(WEB, 400, 'IDPRejectedClaim', 'no').hint, /claims shown above/);
  const others = [
    withTokenClaims(stsError(ROLE, 403, 'AccessDenied', 'no'), token, role),
    withTokenClaims(stsError(WEB, 400, 'ValidationError', 'no'), token, role),
    withTokenClaims(stsError(WEB, 403, 'AccessDenied', 'no'), 'opaque', role),
    new Error('x'),
  ];
  for (const err of others) {
    assert.deepEqual(errorDetails(err), []);
    assert.equal(refusedWebIdentity(err), undefined);
  }
});
