/** Scalar input parsing: booleans, integers, regions, session names, inline policies, lists. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultSessionName,
  parseBoolean,
  parseInlinePolicy,
  parseInteger,
  parseList,
  parseRegion,
  parseSessionName,
  sanitiseSessionName,
} from '../../src/config/values.js';
import { throwsInput } from '../support/input-error.js';

/** A small deterministic generator, so a failing case can be reproduced. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomText(rnd: () => number): string {
  const pools = ['abcXYZ019_', '+=,.@-', ' \t\r\n/:;!?"\'`~#$%^&*()[]{}<>|\\', 'éüßøł中文日本語', '😀🚀\u0000\u200b'];
  const length = Math.floor(rnd() * 120);
  let out = '';
  for (let i = 0; i < length; i++) {
    const pool = [...pools[Math.floor(rnd() * pools.length)]!];
    out += pool[Math.floor(rnd() * pool.length)];
  }
  return out;
}

test('parseBoolean: empty gives the fallback; true/false in three casings; anything else names the input', () => {
  assert.equal(parseBoolean('', 'x', true), true);
  assert.equal(parseBoolean('', 'x', false), false);
  for (const v of ['true', 'True', 'TRUE']) assert.equal(parseBoolean(v, 'x', false), true);
  for (const v of ['false', 'False', 'FALSE']) assert.equal(parseBoolean(v, 'x', true), false);
  for (const v of ['yes', '1', 'tRuE', ' true', 'no', '0']) {
    throwsInput(
      () => parseBoolean(v, 'output-credentials', false),
      'output-credentials',
      /is not a boolean/,
      /Use true or false/,
    );
  }
});

test('parseInteger: accepts the bounds, refuses outside them and non-digits, and says the range', () => {
  assert.equal(parseInteger('900', 'd', 900, 43200, 'seconds'), 900);
  assert.equal(parseInteger('43200', 'd', 900, 43200, 'seconds'), 43200);
  assert.equal(parseInteger('0900', 'd', 900, 43200, 'seconds'), 900);
  throwsInput(() => parseInteger('899', 'd', 900, 43200, 'seconds'), 'd', /899 is out of range/, /from 900 to 43200/);
  throwsInput(() => parseInteger('43201', 'd', 900, 43200, 'seconds'), 'd', /43201 is out of range/);
  for (const v of ['', '-1', '1.5', '1e3', '0x10', ' 900', '900s', 'NaN']) {
    throwsInput(
      () => parseInteger(v, 'd', 1, 100000, 'seconds'),
      'd',
      /is not a whole number/,
      /Use a whole number of seconds from 1 to 100000/,
    );
  }
});

test('parseRegion: requires a value, accepts region codes, refuses other shapes', () => {
  throwsInput(() => parseRegion('', 'aws-region'), 'aws-region', /is required/, /aws-region: us-east-1/);
  for (const r of [
    'us-east-1',
    'eu-west-2',
    'ap-southeast-10',
    'us-gov-west-1',
    'cn-north-1',
    'us-iso-east-1',
    'il-central-1',
  ]) {
    assert.equal(parseRegion(r, 'aws-region'), r);
  }
  for (const r of [
    'US-EAST-1',
    'us-east',
    'useast1',
    'us-east-123',
    'us east 1',
    'us-east-1 ',
    'us-east-1a',
    'u-east-1',
  ]) {
    throwsInput(() => parseRegion(r, 'aws-region'), 'aws-region', /is not an AWS region name/, /us-east-1/);
  }
});

test('parseSessionName: 2..64 characters of [\\w+=,.@-]', () => {
  for (const n of ['ab', 'a'.repeat(64), 'GitHub+Actions=1,2.3@x-y_z'])
    assert.equal(parseSessionName(n, 'role-session-name'), n);
  for (const n of ['', 'a', 'a'.repeat(65), 'my session', 'a/b', 'a:b', 'é1']) {
    throwsInput(
      () => parseSessionName(n, 'role-session-name'),
      'role-session-name',
      /is not a valid role session name/,
      /2 to 64 characters/,
    );
  }
});

test('sanitiseSessionName: any text becomes a valid session name (2000 random strings)', () => {
  const valid = /^[\w+=,.@-]{2,64}$/;
  const rnd = seeded(20240601);
  for (let i = 0; i < 2000; i++) {
    const text = randomText(rnd);
    const out = sanitiseSessionName(text);
    assert.match(out, valid, `input ${JSON.stringify(text)} gave ${JSON.stringify(out)}`);
    assert.doesNotThrow(() => parseSessionName(out, 'role-session-name'));
  }
  for (const edge of ['', 'a', ' ', '\u0000', '😀', 'x'.repeat(500)]) assert.match(sanitiseSessionName(edge), valid);
});

test('sanitiseSessionName: valid names pass unchanged; invalid characters become "-"; short names are padded', () => {
  assert.equal(sanitiseSessionName('GitHubActions-123-1'), 'GitHubActions-123-1');
  assert.equal(sanitiseSessionName('a b/c:d'), 'a-b-c-d');
  assert.equal(sanitiseSessionName('x'), 'x_');
  assert.equal(sanitiseSessionName(''), '__');
  assert.equal(sanitiseSessionName('y'.repeat(80)), 'y'.repeat(64));
});

test('defaultSessionName: run id and attempt on GitHub, a time-stamped name elsewhere', () => {
  const now = new Date('2024-05-01T00:00:00Z');
  assert.equal(
    defaultSessionName({ GITHUB_RUN_ID: '987654321', GITHUB_RUN_ATTEMPT: '3' }, now),
    'GitHubActions-987654321-3',
  );
  assert.equal(defaultSessionName({ GITHUB_RUN_ID: '42' }, now), 'GitHubActions-42-1');
  assert.equal(defaultSessionName({}, now), `aws-short-lived-credentials-${now.getTime() / 1000}`);
  assert.equal(defaultSessionName({ GITHUB_RUN_ID: 'a b' }, now), 'GitHubActions-a-b-1');
});

test('parseInlinePolicy: empty is undefined; JSON is compacted; non-JSON and non-policies are refused', () => {
  assert.equal(parseInlinePolicy('', 'inline-session-policy'), undefined);
  const pretty =
    '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a b" }\n  ]\n}';
  assert.equal(
    parseInlinePolicy(pretty, 'inline-session-policy'),
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/a b"}]}',
  );
  throwsInput(
    () => parseInlinePolicy('{Version: 1}', 'inline-session-policy'),
    'inline-session-policy',
    /is not valid JSON/,
    /IAM policy document as JSON/,
  );
  for (const v of ['[1,2]', '"text"', '42', 'null', '{"Version":"2012-10-17"}']) {
    throwsInput(
      () => parseInlinePolicy(v, 'inline-session-policy'),
      'inline-session-policy',
      /not an IAM policy document \(no "Statement"\)/,
      /"Version" and "Statement"/,
    );
  }
});

test('parseInlinePolicy: the 2048 limit counts the compacted text, not the white space given', () => {
  const withResource = (n: number) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: 'r'.repeat(n) }] });
  const overhead = withResource(0).length;
  const exact = withResource(2048 - overhead);
  assert.equal(exact.length, 2048);
  // Lots of white space around it is not counted.
  const padded = exact.replace(/,/g, ',\n        ');
  assert.ok(padded.length > 2048);
  assert.equal(parseInlinePolicy(padded, 'p'), exact);
  throwsInput(
    () => parseInlinePolicy(withResource(2049 - overhead), 'p'),
    'p',
    /is 2049 characters without white space, above STS's limit of 2048/,
    /managed-session-policies/,
  );
});

test('parseList: splits on new lines (LF and CRLF) and commas, trims, drops empties', () => {
  assert.deepEqual(parseList(''), []);
  assert.deepEqual(parseList('  \n \r\n , '), []);
  assert.deepEqual(parseList('a'), ['a']);
  assert.deepEqual(parseList(' a \r\n b\n\nc , d,e '), ['a', 'b', 'c', 'd', 'e']);
});
