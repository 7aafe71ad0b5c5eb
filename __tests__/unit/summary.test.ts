/** The step summary: facts about the session, never a secret. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryMarkdown } from '../../src/delivery/summary.js';
import type { SummaryFacts } from '../../src/delivery/summary.js';

const FACTS: SummaryFacts = {
  mode: 'oidc',
  roleArn: 'arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions-1-1',
  sessionName: 'GitHubActions-1-1',
  expiration: new Date('2024-06-01T13:00:00Z'),
  delivered: ['environment', 'profile ci'],
};

test('the summary is a two-column table of mode, role, session, expiry and deliveries', () => {
  assert.equal(
    summaryMarkdown(FACTS),
    [
      '### AWS short-lived credentials',
      '',
      '| | |',
      '|---|---|',
      '| Mode | oidc |',
      '| Role | arn:aws:sts::123456789012:assumed-role/deploy/GitHubActions-1-1 |',
      '| Session name | GitHubActions-1-1 |',
      '| Expires | 2024-06-01T13:00:00.000Z |',
      '| Delivered to | environment, profile ci |',
      '',
    ].join('\n'),
  );
});

test('missing role and expiry are said plainly', () => {
  const text = summaryMarkdown({ mode: 'iot-certificate', sessionName: 's', delivered: [] });
  assert.match(text, /^\| Role \| \(not reported by the source\) \|$/m);
  assert.match(text, /^\| Expires \| \(unknown\) \|$/m);
  assert.match(text, /^\| Delivered to \| {2}\|$/m);
});

test('pipes are escaped and line breaks flattened so a value cannot break the table', () => {
  const text = summaryMarkdown({ ...FACTS, sessionName: 'a|b', delivered: ['x|y', 'line\r\nbreak\nagain'] });
  assert.match(text, /^\| Session name \| a\\\|b \|$/m);
  assert.match(text, /^\| Delivered to \| x\\\|y, line break again \|$/m);
  assert.equal(text.split('\n').length, 10);
});

test('no secret field exists: credentials passed in by mistake are not rendered', () => {
  const withSecrets = {
    ...FACTS,
    accessKeyId: 'ASIASECRETACCESSKEYID',
    secretAccessKey: 'SECRET-ACCESS-KEY-VALUE',
    sessionToken: 'SESSION-TOKEN-VALUE',
    credentials: { secretAccessKey: 'NESTED-SECRET' },
  };
  const text = summaryMarkdown(withSecrets);
  for (const secret of ['ASIASECRETACCESSKEYID', 'SECRET-ACCESS-KEY-VALUE', 'SESSION-TOKEN-VALUE', 'NESTED-SECRET']) {
    assert.ok(!text.includes(secret), secret);
  }
  assert.equal(text, summaryMarkdown(FACTS));
  // And the type has no place for them (checked by tsc).
  // @ts-expect-error secretAccessKey is not a summary fact
  const typed: SummaryFacts = { mode: 'oidc', sessionName: 's', delivered: [], secretAccessKey: 'x' };
  assert.ok(typed);
});

test('with source-identity: the source identity, the access key id and a lookup-events line for its region', () => {
  const text = summaryMarkdown({
    ...FACTS,
    cloudTrail: { sourceIdentity: 'gha-42-1', accessKeyId: 'ASIAEXAMPLEKEYID0001', region: 'eu-west-2' },
  });
  assert.match(text, /^\| Source identity \| gha-42-1 \|$/m);
  assert.match(text, /^\| Access key id \| ASIAEXAMPLEKEYID0001 \|$/m);
  assert.ok(
    text.includes(
      '```sh\naws cloudtrail lookup-events --lookup-attributes AttributeKey=AccessKeyId,AttributeValue=ASIAEXAMPLEKEYID0001 --region eu-west-2\n```',
    ),
  );
});

test('no hop carried a source identity: said plainly, the lookup line still there', () => {
  const text = summaryMarkdown({ ...FACTS, cloudTrail: { accessKeyId: 'ASIAEXAMPLEKEYID0001', region: 'us-east-1' } });
  assert.match(text, /^\| Source identity \| \(none: no sts:AssumeRole hop carried one\) \|$/m);
  assert.match(text, /AttributeValue=ASIAEXAMPLEKEYID0001 --region us-east-1$/m);
});

test('mask-aws-account-id withholds the key id (it names the account) and so the lookup line', () => {
  const text = summaryMarkdown({ ...FACTS, cloudTrail: { sourceIdentity: 'gha-42-1', region: 'us-east-1' } });
  assert.match(text, /^\| Access key id \| \(not shown: mask-aws-account-id is set/m);
  assert.ok(!text.includes('lookup-events'));
});

test('a key id or region of any other shape never reaches the Markdown', () => {
  for (const accessKeyId of ['ASIA`rm -rf`0000000000', 'ASIA\n```\n<img src=x>', 'asia0000000000000000', 'ASIA|X']) {
    const text = summaryMarkdown({ ...FACTS, cloudTrail: { accessKeyId, region: 'us-east-1' } });
    assert.ok(!text.includes(accessKeyId), JSON.stringify(accessKeyId));
    assert.ok(!text.includes('lookup-events'));
  }
  const badRegion = summaryMarkdown({
    ...FACTS,
    cloudTrail: { accessKeyId: 'ASIAEXAMPLEKEYID0001', region: 'us-east-1 && curl x' },
  });
  assert.ok(!badRegion.includes('lookup-events'));
});

test('without source-identity the summary has no CloudTrail rows', () => {
  const text = summaryMarkdown(FACTS);
  assert.ok(!/Source identity|Access key id|cloudtrail/.test(text));
});
