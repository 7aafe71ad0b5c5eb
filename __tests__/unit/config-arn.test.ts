/** ARN parsing: role, policy and regional (Roles Anywhere) ARNs, and the account of an assumed-role ARN. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountOfArn, parseArn, parsePolicyArn, parseRegionalArn, parseRoleArn } from '../../src/config/arn.js';
import { throwsInput } from '../support/input-error.js';

test('parseArn: splits the six parts and keeps colons inside the resource', () => {
  assert.deepEqual(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:/a:*', 'x', 'e.g.'), {
    partition: 'aws',
    service: 'logs',
    region: 'us-east-1',
    account: '123456789012',
    resource: 'log-group:/a:*',
  });
  for (const p of ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']) {
    assert.equal(parseArn(`arn:${p}:iam::123456789012:role/r`, 'x', 'e.g.').partition, p);
  }
});

test('parseArn: too few parts, a wrong prefix and an unknown partition are refused with the example', () => {
  throwsInput(() => parseArn('arn:aws:iam::123456789012', 'i', 'EXAMPLE'), 'i', /is not an ARN/, /e\.g\. EXAMPLE/);
  throwsInput(() => parseArn('urn:aws:iam::123456789012:role/r', 'i', 'EXAMPLE'), 'i', /is not an ARN/);
  throwsInput(
    () => parseArn('arn:amazon:iam::123456789012:role/r', 'i', 'EXAMPLE'),
    'i',
    /unknown partition 'amazon'/,
    /aws-cn/,
    /EXAMPLE/,
  );
});

test('parseRoleArn: role ARNs with and without a path, in any partition', () => {
  assert.equal(parseRoleArn('arn:aws:iam::123456789012:role/deploy', 'r').roleName, 'deploy');
  assert.equal(
    parseRoleArn('arn:aws:iam::123456789012:role/ci/github/deploy+x=y,z.w@v-u_t', 'r').roleName,
    'deploy+x=y,z.w@v-u_t',
  );
  const cn = parseRoleArn('arn:aws-cn:iam::123456789012:role/r', 'r');
  assert.equal(cn.partition, 'aws-cn');
  assert.equal(cn.account, '123456789012');
  assert.equal(parseRoleArn(`arn:aws:iam::123456789012:role/${'n'.repeat(64)}`, 'r').roleName, 'n'.repeat(64));
});

test('parseRoleArn: a bare role name is shown its ARN form', () => {
  throwsInput(
    () => parseRoleArn('deploy', 'role-to-assume'),
    'role-to-assume',
    /'deploy' is a role name, not a role ARN/,
    /arn:aws:iam::<account-id>:role\/deploy/,
  );
  throwsInput(
    () => parseRoleArn('role/deploy', 'role-to-assume'),
    'role-to-assume',
    /arn:aws:iam::<account-id>:role\/deploy$/,
  );
  throwsInput(
    () => parseRoleArn('', 'chain-role-arn'),
    'chain-role-arn',
    /arn:aws:iam::<account-id>:role\/<role-name>/,
  );
});

test('parseRoleArn: malformed ARNs each get their own reason', () => {
  const cases: Array<[string, RegExp]> = [
    ['arn:aws:s3:::bucket', /is an ARN of service 's3', not an IAM role/],
    [
      'arn:aws:iam:us-east-1:123456789012:role/r',
      /has a region, but IAM ARNs have none.*arn:aws:iam::123456789012:role\/r/,
    ],
    ['arn:aws:iam::1234:role/r', /has account '1234', which is not 12 digits/],
    ['arn:aws:iam::12345678901a:role/r', /which is not 12 digits/],
    ['arn:aws:iam::123456789012:user/alice', /does not name a role \(its resource must be role\/<name>\)/],
    ['arn:aws:iam::123456789012:role/', /does not name a role/],
    ['arn:aws:iam::123456789012:role/a b', /does not name a role/],
    [`arn:aws:iam::123456789012:role/${'n'.repeat(65)}`, /does not name a role/],
    ['arn:aws:iam::123456789012', /is not an ARN/],
  ];
  for (const [value, reason] of cases)
    throwsInput(() => parseRoleArn(value, 'role-to-assume'), 'role-to-assume', reason);
});

test('parsePolicyArn: AWS-managed and customer policies; other ARNs refused', () => {
  assert.equal(parsePolicyArn('arn:aws:iam::aws:policy/ReadOnlyAccess', 'm').resource, 'policy/ReadOnlyAccess');
  assert.equal(parsePolicyArn('arn:aws:iam::123456789012:policy/team/Deploy', 'm').account, '123456789012');
  throwsInput(
    () => parsePolicyArn('arn:aws:iam::123456789012:role/x', 'managed-session-policies'),
    'managed-session-policies',
    /is not an IAM policy ARN/,
    /one policy ARN per line/,
  );
  throwsInput(() => parsePolicyArn('arn:aws:s3:::policy/x', 'm'), 'm', /is not an IAM policy ARN/);
  throwsInput(() => parsePolicyArn('arn:aws:iam::123:policy/x', 'm'), 'm', /not 12 digits/);
  throwsInput(() => parsePolicyArn('ReadOnlyAccess', 'm'), 'm', /is not an ARN/);
});

test('parseRegionalArn: service, region, account and resource type are each checked', () => {
  const example = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<id>';
  const ok = parseRegionalArn(
    'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/0f1e-2d3c',
    't',
    'rolesanywhere',
    'trust-anchor',
    example,
  );
  assert.equal(ok.region, 'eu-west-1');
  assert.equal(ok.id, '0f1e-2d3c');
  const cases: Array<[string, RegExp]> = [
    ['arn:aws:iam:eu-west-1:123456789012:trust-anchor/x', /is an ARN of service 'iam', not 'rolesanywhere'/],
    ['arn:aws:rolesanywhere::123456789012:trust-anchor/x', /has no valid region/],
    ['arn:aws:rolesanywhere:EU-WEST-1:123456789012:trust-anchor/x', /has no valid region/],
    ['arn:aws:rolesanywhere:eu-west-1:12:trust-anchor/x', /not 12 digits/],
    ['arn:aws:rolesanywhere:eu-west-1:123456789012:profile/x', /is not a trust-anchor ARN/],
    ['arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/', /is not a trust-anchor ARN/],
    ['arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/a/b', /is not a trust-anchor ARN/],
  ];
  for (const [value, reason] of cases) {
    throwsInput(
      () => parseRegionalArn(value, 'trust-anchor-arn', 'rolesanywhere', 'trust-anchor', example),
      'trust-anchor-arn',
      reason,
      /Use an ARN like arn:aws:rolesanywhere:us-east-1/,
    );
  }
});

test('accountOfArn: the 12-digit account of an assumed-role ARN, else empty', () => {
  assert.equal(accountOfArn('arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions-1-1'), '123456789012');
  assert.equal(accountOfArn('arn:aws:sts::aws:assumed-role/x/y'), '');
  assert.equal(accountOfArn('not an arn'), '');
  assert.equal(accountOfArn(''), '');
});
