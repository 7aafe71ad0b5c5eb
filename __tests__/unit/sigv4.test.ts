/**
 * SigV4 with an access key: the AWS test-suite vector, and @smithy/signature-v4 (the AWS SDK's signer) as an
 * independent oracle for STS-shaped requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { amzDate, canonicalRequest, sha256Hex, signRequest, uriEncode } from '../../src/signing/sigv4.js';
import type { Credentials } from '../../src/credentials.js';
import { formBody } from '../../src/providers/sts-query.js';

const SUITE_CREDENTIALS: Credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const SUITE_DATE = new Date('2015-08-30T12:36:00Z');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The SHA-256 the smithy signer wants, on node:crypto (what @smithy/hash-node does; neither it nor
 * @aws-crypto/sha256-js is installed here).
 */
class NodeSha256 {
  private readonly secret: Uint8Array | undefined;
  private chunks: Buffer[] = [];
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.secret = secret === undefined ? undefined : toBuffer(secret);
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.chunks.push(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    const data = Buffer.concat(this.chunks);
    return new Uint8Array(this.secret ? createHmac('sha256', this.secret).update(data).digest() : createHash('sha256').update(data).digest());
  }
  reset(): void {
    this.chunks = [];
  }
}

function toBuffer(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return Buffer.from(data);
}

async function smithyAuthorization(
  req: { method: string; url: string; headers: Record<string, string>; body: string },
  credentials: Credentials,
  region: string,
  service: string,
  now: Date,
): Promise<Record<string, string>> {
  const url = new URL(req.url);
  const signer = new SignatureV4({ credentials, region, service, sha256: NodeSha256, applyChecksum: false });
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = v;
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: { ...req.headers, host: url.host },
      body: req.body,
    },
    { signingDate: now },
  );
  return signed.headers as Record<string, string>;
}

test('amzDate: the X-Amz-Date form', () => {
  assert.equal(amzDate(SUITE_DATE), '20150830T123600Z');
  assert.equal(amzDate(new Date('2024-01-02T03:04:05.678Z')), '20240102T030405Z');
});

test('uriEncode: RFC 3986 unreserved characters only are left alone', () => {
  assert.equal(uriEncode("AZaz09-_.~ !'()*/+=&%"), 'AZaz09-_.~%20%21%27%28%29%2A%2F%2B%3D%26%25');
  assert.equal(uriEncode('é'), '%C3%A9');
});

test('sha256Hex of the empty body', () => {
  assert.equal(sha256Hex(''), EMPTY_SHA256);
  assert.equal(sha256Hex(Buffer.alloc(0)), EMPTY_SHA256);
});

test('AWS SigV4 test suite: get-vanilla canonical request and signature', () => {
  const req = { method: 'GET', url: 'https://example.amazonaws.com/', headers: {}, body: '' };
  const headers = signRequest(req, SUITE_CREDENTIALS, 'us-east-1', 'service', SUITE_DATE);
  assert.equal(headers['host'], 'example.amazonaws.com');
  assert.equal(headers['x-amz-date'], '20150830T123600Z');
  assert.equal(headers['x-amz-security-token'], undefined);
  assert.equal(
    headers['authorization'],
    'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, ' +
      'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  );
  const canonical = canonicalRequest({ ...req, headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' } });
  assert.equal(canonical.text, `GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n${EMPTY_SHA256}`);
  assert.equal(canonical.signedHeaders, 'host;x-amz-date');
});

test('the smithy oracle itself reproduces get-vanilla', async () => {
  const headers = await smithyAuthorization({ method: 'GET', url: 'https://example.amazonaws.com/', headers: {}, body: '' }, SUITE_CREDENTIALS, 'us-east-1', 'service', SUITE_DATE);
  assert.match(headers['authorization']!, /Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31$/);
});

test('canonical request: header names lower-cased and sorted, values trimmed and inner spaces collapsed, query sorted', () => {
  const { text, signedHeaders } = canonicalRequest({
    method: 'POST',
    url: 'https://sts.amazonaws.com/?b=2&a=z&a=y&c=a%20b',
    headers: { 'X-Amz-Date': '20150830T123600Z', Host: 'sts.amazonaws.com', 'My-Header': '  a   b  c ' },
    body: 'x',
  });
  assert.equal(signedHeaders, 'host;my-header;x-amz-date');
  assert.equal(
    text,
    ['POST', '/', 'a=y&a=z&b=2&c=a%20b', 'host:sts.amazonaws.com\nmy-header:a b c\nx-amz-date:20150830T123600Z\n', 'host;my-header;x-amz-date', sha256Hex('x')].join('\n'),
  );
});

const STS_CASES: Array<{ name: string; region: string; now: string; host: string; credentials: Credentials; params: Record<string, string> }> = [
  {
    name: 'long-term key, us-east-1',
    region: 'us-east-1',
    now: '2024-03-05T07:08:09Z',
    host: 'sts.us-east-1.amazonaws.com',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    params: { RoleArn: 'arn:aws:iam::123456789012:role/target', RoleSessionName: 'GitHubActions-1-1', DurationSeconds: '3600' },
  },
  {
    name: 'session token, eu-west-2, policy and tags in the body',
    region: 'eu-west-2',
    now: '2025-12-31T23:59:59Z',
    host: 'sts.eu-west-2.amazonaws.com',
    credentials: { accessKeyId: 'ASIAEXAMPLE123', secretAccessKey: 'abc/def+ghi=', sessionToken: 'IQoJb3JpZ2luX2VjE//////////wEaCXVzLWVhc3QtMSJH+/=' },
    params: {
      RoleArn: 'arn:aws:iam::123456789012:role/ci/target',
      RoleSessionName: 'a+b=c,d.e@f-g',
      Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      'Tags.member.1.Key': 'Repository',
      'Tags.member.1.Value': 'octo/repo name (ü)',
      ExternalId: 'x:y/z',
    },
  },
  {
    name: 'session token, China region, leap day',
    region: 'cn-north-1',
    now: '2024-02-29T00:00:00Z',
    host: 'sts.cn-north-1.amazonaws.com.cn',
    credentials: { accessKeyId: 'ASIACN', secretAccessKey: 'cn-secret', sessionToken: 'short-token' },
    params: { RoleArn: 'arn:aws-cn:iam::123456789012:role/r', RoleSessionName: 'cn' },
  },
  {
    name: 'long-term key, GovCloud, local endpoint with a port',
    region: 'us-gov-west-1',
    now: '2023-07-04T12:00:00Z',
    host: '127.0.0.1:5000',
    credentials: { accessKeyId: 'AKIAGOV', secretAccessKey: 'gov' },
    params: { RoleArn: 'arn:aws-us-gov:iam::123456789012:role/r', RoleSessionName: 'gov', DurationSeconds: '900' },
  },
];

for (const c of STS_CASES) {
  test(`STS AssumeRole POST signed as the AWS SDK signs it: ${c.name}`, async () => {
    const scheme = c.host.includes(':') ? 'http' : 'https';
    const req = {
      method: 'POST',
      url: `${scheme}://${c.host}/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
      body: formBody('AssumeRole', c.params),
    };
    const now = new Date(c.now);
    const ours = signRequest(req, c.credentials, c.region, 'sts', now);
    const theirs = await smithyAuthorization(req, c.credentials, c.region, 'sts', now);
    assert.equal(ours['authorization'], theirs['authorization']);
    assert.equal(ours['x-amz-date'], theirs['x-amz-date']);
    assert.equal(ours['x-amz-security-token'], c.credentials.sessionToken);
    assert.equal(theirs['x-amz-security-token'], c.credentials.sessionToken);
    assert.equal(ours['host'], c.host);
    assert.match(ours['authorization']!, c.credentials.sessionToken ? /SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token,/ : /SignedHeaders=accept;content-type;host;x-amz-date,/);
    // The caller's headers are kept, not replaced.
    assert.equal(ours['content-type'], req.headers['content-type']);
  });
}

test('an x-amz-content-sha256 header set by the caller is signed the same way by both', async () => {
  const body = formBody('GetCallerIdentity', {});
  const req = { method: 'POST', url: 'https://sts.amazonaws.com/', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-amz-content-sha256': sha256Hex(body) }, body };
  const now = new Date('2024-09-09T09:09:09Z');
  const ours = signRequest(req, SUITE_CREDENTIALS, 'us-east-1', 'sts', now);
  const theirs = await smithyAuthorization(req, SUITE_CREDENTIALS, 'us-east-1', 'sts', now);
  assert.equal(ours['authorization'], theirs['authorization']);
});

test('GET with a query string matches the oracle', async () => {
  const req = { method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value%201&a=%2A', headers: {}, body: '' };
  const ours = signRequest(req, SUITE_CREDENTIALS, 'us-east-1', 'service', SUITE_DATE);
  const theirs = await smithyAuthorization(req, SUITE_CREDENTIALS, 'us-east-1', 'service', SUITE_DATE);
  assert.equal(ours['authorization'], theirs['authorization']);
});

test('the signature changes with each of date, region, service, body and secret', () => {
  const req = { method: 'POST', url: 'https://sts.amazonaws.com/', headers: {}, body: 'Action=GetCallerIdentity' };
  const sig = (r = req, c = SUITE_CREDENTIALS, region = 'us-east-1', service = 'sts', now = SUITE_DATE) => signRequest(r, c, region, service, now)['authorization'];
  const base = sig();
  const others = [
    sig(req, SUITE_CREDENTIALS, 'us-east-1', 'sts', new Date(SUITE_DATE.getTime() + 1000)),
    sig(req, SUITE_CREDENTIALS, 'us-east-2'),
    sig(req, SUITE_CREDENTIALS, 'us-east-1', 'iam'),
    sig({ ...req, body: 'Action=GetCallerIdentity&' }),
    sig(req, { ...SUITE_CREDENTIALS, secretAccessKey: 'other' }),
  ];
  for (const other of others) assert.notEqual(other, base);
  assert.equal(sig(), base);
});
