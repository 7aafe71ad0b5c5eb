/** The audit's Roles Anywhere answer checks: pure, each field the rules use, hostile values included. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfile, parseTrustAnchor } from '../../src/bootstrap/roles-anywhere-read.js';
import { AwsError } from '../../src/errors.js';

const ARN = 'arn:aws:rolesanywhere:eu-west-1:123456789012';
const ID = '0f5a1c2e-1111-4222-8333-444455556666';
const profile = {
  profileArn: `${ARN}:profile/${ID}`,
  name: 'ci runners_1',
  enabled: true,
  roleArns: ['arn:aws:iam::123456789012:role/path/ci'],
  managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws-cn:iam::123456789012:policy/own'],
  sessionPolicy: '{"Version":"2012-10-17","Statement":[]}',
  durationSeconds: 900,
};
const anchor = {
  trustAnchorArn: `${ARN}:trust-anchor/${ID}`,
  name: 'ca',
  enabled: false,
  source: { sourceType: 'AWS_ACM_PCA', sourceData: { acmPcaArn: 'arn:aws:acm-pca:eu-west-1:123456789012:x' } },
};

test('a profile and a trust anchor as the API defines them; absent optional fields take their defaults', () => {
  assert.deepEqual(parseProfile(profile, 0), {
    name: 'ci runners_1',
    arn: profile.profileArn,
    enabled: true,
    roleArns: profile.roleArns,
    managedPolicyArns: profile.managedPolicyArns,
    sessionPolicy: profile.sessionPolicy,
    durationSeconds: 900,
  });
  const bare = { profileArn: profile.profileArn, name: 'p', enabled: false };
  assert.deepEqual(parseProfile({ ...bare, roleArns: null, sessionPolicy: null }, 0), {
    name: 'p',
    arn: profile.profileArn,
    enabled: false,
    roleArns: [],
    managedPolicyArns: [],
    durationSeconds: 3600,
  });
  assert.deepEqual(parseTrustAnchor(anchor, 0), {
    name: 'ca',
    arn: anchor.trustAnchorArn,
    enabled: false,
    sourceType: 'AWS_ACM_PCA',
  });
});

test('a field that does not fit fails the read, naming the item and field, never the value', () => {
  const bad: Array<[() => unknown, string]> = [
    [() => parseProfile({ ...profile, enabled: 'true' }, 3), 'item 3: enabled'],
    [() => parseProfile({ ...profile, enabled: undefined }, 0), 'enabled'],
    [() => parseProfile({ ...profile, profileArn: `${ARN}:trust-anchor/${ID}` }, 0), 'profileArn'],
    [() => parseProfile({ ...profile, name: 'x\u001b[2J' }, 0), 'name'],
    [() => parseProfile({ ...profile, name: '' }, 0), 'name'],
    [() => parseProfile({ ...profile, roleArns: 'arn:aws:iam::123456789012:role/ci' }, 0), 'roleArns'],
    [() => parseProfile({ ...profile, roleArns: ['arn:aws:iam::123456789012:user/ci'] }, 0), 'roleArns'],
    [() => parseProfile({ ...profile, roleArns: Array(251).fill(profile.roleArns[0]) }, 0), 'roleArns'],
    [() => parseProfile({ ...profile, managedPolicyArns: ['*'] }, 0), 'managedPolicyArns'],
    [() => parseProfile({ ...profile, durationSeconds: 1e9 }, 0), 'durationSeconds'],
    [() => parseProfile({ ...profile, durationSeconds: '3600' }, 0), 'durationSeconds'],
    [() => parseProfile({ ...profile, sessionPolicy: {} }, 0), 'sessionPolicy'],
    [() => parseProfile(null, 0), 'item 0: name'],
    [() => parseTrustAnchor({ ...anchor, source: undefined }, 0), 'source'],
    [() => parseTrustAnchor({ ...anchor, source: { sourceType: 'pem\n' } }, 0), 'sourceType'],
    [() => parseTrustAnchor({ ...anchor, trustAnchorArn: `${ARN}:trust-anchor/../x` }, 0), 'trustAnchorArn'],
  ];
  for (const [run, field] of bad)
    assert.throws(run, (err: unknown) => {
      assert.ok(err instanceof AwsError);
      assert.equal(err.code, 'MalformedAnswer');
      assert.ok(err.message.includes(field), `${field}: ${err.message}`);
      assert.doesNotMatch(err.message, /\u001b|user\/ci|1000000000/);
      return true;
    });
});
