/**
 * The IMDSv2 and container credentials stand-ins, proved with clients nobody here wrote: botocore's
 * InstanceMetadataFetcher and ContainerProvider (run in python3), and the JS SDK's fromInstanceMetadata and fromHttp.
 * Refusals are probed with plain requests, as AWS documents them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromInstanceMetadata } from '@smithy/credential-provider-imds';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { startImdsStandIn, type ImdsCredentials, type ImdsStandIn } from './imds-standin.js';
import { startContainerCredentialsStandIn } from './container-credentials-standin.js';

const CREDENTIALS: ImdsCredentials = {
  accessKeyId: 'ASIAINSTANCEPROFILE1',
  secretAccessKey: 'instance/secret+key',
  sessionToken: 'instance-session-token',
  expiration: new Date(Date.now() + 6 * 3600_000).toISOString(),
};
const ROLE = 'runner-instance-role';

/** Runs `code` in python3 with botocore, `env` as its environment; its stdout parsed as JSON. Asynchronous: the
 * stand-ins answer from this process. */
async function botocore(code: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('python3', ['-c', code], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    timeout: 30000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('IMDSv2 stand-in', () => {
  let imds: ImdsStandIn;
  before(async () => (imds = await startImdsStandIn(ROLE, CREDENTIALS)));
  after(async () => imds.close());

  test("botocore's InstanceMetadataFetcher reads the role and its credentials with a session token", async () => {
    const got = await botocore(
      `import json, botocore.utils as u
f = u.InstanceMetadataFetcher(timeout=2, num_attempts=1, base_url=${JSON.stringify(imds.url)},
                              config={'ec2_metadata_v1_disabled': True})
print(json.dumps(f.retrieve_iam_role_credentials()))`,
    );
    assert.deepEqual(
      { ...got, expiry_time: new Date(got['expiry_time'] as string).getTime() },
      {
        role_name: ROLE,
        access_key: CREDENTIALS.accessKeyId,
        secret_key: CREDENTIALS.secretAccessKey,
        token: CREDENTIALS.sessionToken,
        expiry_time: Math.floor(new Date(CREDENTIALS.expiration).getTime() / 1000) * 1000,
      },
    );
  });

  test("the JS SDK's fromInstanceMetadata reads it through AWS_EC2_METADATA_SERVICE_ENDPOINT", async () => {
    const before = imds.requests.length;
    const saved = process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'];
    process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = imds.url;
    try {
      const c = await fromInstanceMetadata({ ec2MetadataV1Disabled: true })();
      assert.equal(c.accessKeyId, CREDENTIALS.accessKeyId);
      assert.equal(c.secretAccessKey, CREDENTIALS.secretAccessKey);
      assert.equal(c.sessionToken, CREDENTIALS.sessionToken);
    } finally {
      if (saved === undefined) delete process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'];
      else process.env['AWS_EC2_METADATA_SERVICE_ENDPOINT'] = saved;
    }
    const seen = imds.requests.slice(before);
    assert.deepEqual(seen[0], { method: 'PUT', path: '/latest/api/token', token: 'none' });
    assert.ok(seen.slice(1).every((r) => r.method === 'GET' && r.token === 'valid'));
  });

  test('a token request needs a TTL of 1 to 21600 seconds and no X-Forwarded-For', async () => {
    const put = (headers: Record<string, string>) =>
      fetch(`${imds.url}/latest/api/token`, { method: 'PUT', headers }).then((r) => r.status);
    assert.equal(await put({}), 400);
    for (const ttl of ['0', '21601', 'abc', '-5', '1.5']) {
      assert.equal(await put({ 'x-aws-ec2-metadata-token-ttl-seconds': ttl }), 400, ttl);
    }
    const forwarded = { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.1' };
    assert.equal(await put(forwarded), 403);
    assert.equal(await put({ 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }), 200);
  });

  test('metadata is refused without a session token, with a made-up one and with an expired one', async () => {
    const get = (headers: Record<string, string>) =>
      fetch(`${imds.url}/latest/meta-data/iam/security-credentials/`, { headers }).then((r) => r.status);
    assert.equal(await get({}), 401);
    assert.equal(await get({ 'x-aws-ec2-metadata-token': 'made-up' }), 401);
    const res = await fetch(`${imds.url}/latest/api/token`, {
      method: 'PUT',
      headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '1' },
    });
    const token = await res.text();
    assert.equal(res.headers.get('x-aws-ec2-metadata-token-ttl-seconds'), '1');
    assert.equal(await get({ 'x-aws-ec2-metadata-token': token }), 200);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await get({ 'x-aws-ec2-metadata-token': token }), 401);
  });

  test("past the hop limit the token never arrives, and botocore's IMDSv1 fallback is refused", async () => {
    imds.hopLimitExceeded(true);
    try {
      const got = await botocore(
        `import json, botocore.utils as u
f = u.InstanceMetadataFetcher(timeout=0.5, num_attempts=1, base_url=${JSON.stringify(imds.url)},
                              config={})
print(json.dumps(f.retrieve_iam_role_credentials()))`,
      );
      // botocore falls back to IMDSv1, which an instance requiring IMDSv2 refuses.
      assert.deepEqual(got, {});
      assert.deepEqual(imds.requests.at(-1), {
        method: 'GET',
        path: '/latest/meta-data/iam/security-credentials/',
        token: 'none',
      });
    } finally {
      imds.hopLimitExceeded(false);
    }
  });
});

describe('container credentials stand-in', () => {
  const ecsRole = 'arn:aws:iam::123456789012:role/ecs-task';

  test("ECS's form: botocore's ContainerProvider and the SDK's fromHttp read the full URI", async () => {
    const ecs = await startContainerCredentialsStandIn({
      path: '/v2/credentials/5b1e6f4c-task',
      credentials: CREDENTIALS,
      roleArn: ecsRole,
    });
    try {
      const got = await botocore(
        `import json, botocore.credentials as c
f = c.ContainerProvider().load().get_frozen_credentials()
print(json.dumps([f.access_key, f.secret_key, f.token]))`,
        { AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.fullUri },
      );
      assert.deepEqual(got, [CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken]);
      const c = await fromHttp({ awsContainerCredentialsFullUri: ecs.fullUri })();
      assert.equal(c.secretAccessKey, CREDENTIALS.secretAccessKey);
      const missing = await fetch(ecs.fullUri.replace('5b1e6f4c-task', 'other-task'));
      assert.equal(missing.status, 404);
    } finally {
      await ecs.close();
    }
  });

  test("Pod Identity's form: the token file's content is the Authorization header, 401 without it", async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.service-account.token';
    const pod = await startContainerCredentialsStandIn({
      path: '/v1/credentials',
      credentials: CREDENTIALS,
      roleArn: ecsRole,
      authorization: token,
    });
    const file = join(mkdtempSync(join(tmpdir(), 'aslc-pod-')), 'eks-pod-identity-token');
    writeFileSync(file, token);
    try {
      const got = await botocore(
        `import json, botocore.credentials as c
f = c.ContainerProvider().load().get_frozen_credentials()
print(json.dumps([f.access_key, f.secret_key, f.token]))`,
        { AWS_CONTAINER_CREDENTIALS_FULL_URI: pod.fullUri, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file },
      );
      assert.deepEqual(got, [CREDENTIALS.accessKeyId, CREDENTIALS.secretAccessKey, CREDENTIALS.sessionToken]);
      assert.equal(pod.requests.at(-1)?.authorization, token);
      const c = await fromHttp({
        awsContainerCredentialsFullUri: pod.fullUri,
        awsContainerAuthorizationTokenFile: file,
      })();
      assert.equal(c.accessKeyId, CREDENTIALS.accessKeyId);
      assert.equal((await fetch(pod.fullUri)).status, 401);
      assert.equal((await fetch(pod.fullUri, { headers: { authorization: 'another' } })).status, 401);
      await assert.rejects(fromHttp({ awsContainerCredentialsFullUri: pod.fullUri, maxRetries: 0 })());
    } finally {
      await pod.close();
    }
  });
});
