/** STS's query protocol: the form body, and reading XML answers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STS_VERSION, formBody, parseAssumeRoleResult, parseStsError, xmlText } from '../../src/providers/sts-query.js';

const WEB_IDENTITY_ANSWER = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <AssumedRoleId>AROACLKWSDQRAOEXAMPLE:GitHubActions-1-1</AssumedRoleId>
      <Arn>arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions-1-1</Arn>
    </AssumedRoleUser>
    <Provider>arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com</Provider>
    <Credentials>
      <SessionToken>IQoJb3JpZ2luX2VjEXAMPLE+/=</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY</SecretAccessKey>
      <Expiration>2024-06-01T13:00:00Z</Expiration>
      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>
    </Credentials>
    <SubjectFromWebIdentityToken>repo:octo/repo:ref:refs/heads/main</SubjectFromWebIdentityToken>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;

const ERROR_ANSWER = `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <Error>
    <Type>Sender</Type>
    <Code>AccessDenied</Code>
    <Message>Not authorized to perform sts:AssumeRoleWithWebIdentity &amp; more: &lt;x&gt; &quot;y&quot; &apos;z&apos;</Message>
  </Error>
  <RequestId>4d2f8c3e-0000-0000-0000-000000000000</RequestId>
</ErrorResponse>`;

test('formBody: Action and Version first, undefined dropped, values percent-encoded', () => {
  assert.equal(STS_VERSION, '2011-06-15');
  assert.equal(
    formBody('AssumeRole', { RoleArn: 'arn:aws:iam::123456789012:role/a b', RoleSessionName: 's+1=2', ExternalId: undefined, Policy: '{"a":"&"}' }),
    'Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fa%20b&RoleSessionName=s%2B1%3D2&Policy=%7B%22a%22%3A%22%26%22%7D',
  );
  assert.equal(formBody('GetCallerIdentity', {}), 'Action=GetCallerIdentity&Version=2011-06-15');
  assert.equal(formBody('X', { 'Tags.member.1.Key': 'k', empty: '' }), 'Action=X&Version=2011-06-15&Tags.member.1.Key=k&empty=');
});

test('formBody round-trips through URLSearchParams', () => {
  const params = { Policy: '{"Statement":[{"Resource":"arn:aws:s3:::b/*"}]}', Value: "ü é !'()* ~%", Token: 'a+b/c=' };
  const parsed = new URLSearchParams(formBody('AssumeRole', params));
  for (const [k, v] of Object.entries(params)) assert.equal(parsed.get(k), v);
});

test('xmlText: first element text, entities decoded, empty when absent', () => {
  assert.equal(xmlText('<a>1</a><a>2</a>', 'a'), '1');
  assert.equal(xmlText('<b>x</b>', 'a'), '');
  assert.equal(xmlText('<a></a>', 'a'), '');
  assert.equal(xmlText('<a>&lt;&gt;&amp;&quot;&apos;</a>', 'a'), '<>&"\'');
  assert.equal(xmlText('<a>&#65;&#x42;&#x1F600;</a>', 'a'), 'AB😀');
  // A decoded entity is not decoded again.
  assert.equal(xmlText('<a>&amp;lt;</a>', 'a'), '&lt;');
  assert.equal(xmlText('<a>&unknown; &</a>', 'a'), '&unknown; &');
});

test('xmlText: an out-of-range numeric entity is left as written rather than throwing', () => {
  assert.equal(xmlText('<a>x&#x110000;y&#99999999;</a>', 'a'), 'x&#x110000;y&#99999999;');
});

test('parseAssumeRoleResult: a real-shaped AssumeRoleWithWebIdentity answer', () => {
  assert.deepEqual(parseAssumeRoleResult(WEB_IDENTITY_ANSWER), {
    credentials: {
      accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY',
      sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE+/=',
      expiration: new Date('2024-06-01T13:00:00Z'),
    },
    assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions-1-1',
  });
});

test('parseAssumeRoleResult: an answer without AssumedRoleUser has no ARN', () => {
  const session = parseAssumeRoleResult(WEB_IDENTITY_ANSWER.replace(/<AssumedRoleUser>[\s\S]*<\/AssumedRoleUser>/, ''));
  assert.ok(session);
  assert.equal(session.assumedRoleArn, undefined);
  assert.equal(session.credentials.accessKeyId, 'ASIAIOSFODNN7EXAMPLE');
});

test('parseAssumeRoleResult: junk and incomplete answers give undefined', () => {
  const junk = [
    '',
    'not xml',
    '<html><body>502 Bad Gateway</body></html>',
    ERROR_ANSWER,
    '{"Credentials":{"AccessKeyId":"x"}}',
    WEB_IDENTITY_ANSWER.replace(/<AccessKeyId>.*<\/AccessKeyId>/, ''),
    WEB_IDENTITY_ANSWER.replace(/<SecretAccessKey>.*<\/SecretAccessKey>/, '<SecretAccessKey></SecretAccessKey>'),
    WEB_IDENTITY_ANSWER.replace(/<Expiration>.*<\/Expiration>/, '<Expiration>soon</Expiration>'),
    WEB_IDENTITY_ANSWER.replace(/<Expiration>.*<\/Expiration>/, ''),
    WEB_IDENTITY_ANSWER.slice(0, WEB_IDENTITY_ANSWER.indexOf('</Credentials>')),
  ];
  for (const xml of junk) assert.equal(parseAssumeRoleResult(xml), undefined, xml.slice(0, 80));
});

test('parseStsError: code and decoded message from an ErrorResponse; undefined otherwise', () => {
  assert.deepEqual(parseStsError(ERROR_ANSWER), {
    code: 'AccessDenied',
    message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity & more: <x> "y" \'z\'',
  });
  assert.deepEqual(parseStsError('<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>'), { code: 'Throttling', message: '' });
  assert.equal(parseStsError(''), undefined);
  assert.equal(parseStsError('<html>Service Unavailable</html>'), undefined);
  assert.equal(parseStsError(WEB_IDENTITY_ANSWER), undefined);
});
