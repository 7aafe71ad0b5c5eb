/**
 * The STS client the OIDC provider makes ready while its id-token is in flight (sts.ts readyStsClient), through the
 * real SDK over a recording fake transport: getting ready sends nothing, the endpoint is known before any request, and
 * the call that follows goes out once, with the real token, to the endpoint the SDK's rules chose.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProviderContext } from '../../src/providers/context.js';
import { callSts, readyStsClient } from '../../src/providers/sts.js';
import { AwsError } from '../../src/errors.js';
import type { HttpRequest } from '../../src/http/request.js';
import { stsSessionXml } from '../support/sts-answers.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const JWT = 'eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln';

function world(stsEndpoint?: string) {
  const sent: HttpRequest[] = [];
  const debug: string[] = [];
  const ctx = createProviderContext({
    retry: { maxAttempts: 1, timeoutMs: 10_000 },
    ...(stsEndpoint ? { stsEndpoint } : {}),
    mask: () => {},
    debug: (message) => debug.push(message),
    http: async (req) => {
      sent.push(req);
      const body = stsSessionXml('AssumeRoleWithWebIdentity', {
        accessKeyId: 'ASIAFAKETRANSPORT001',
        secretAccessKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00',
        sessionToken: 'IQoJb3JpZ2luX2VjEFAKE',
        roleArn: ROLE,
        expiration: new Date(Date.now() + 3600_000),
      });
      return { status: 200, headers: { 'content-type': 'text/xml' }, body };
    },
  });
  return { ctx, sent, debug };
}

const call = (region: string) =>
  ({
    action: 'AssumeRoleWithWebIdentity',
    region,
    input: async () => ({ RoleArn: ROLE, RoleSessionName: 'ci-session', WebIdentityToken: JWT }),
  }) as const;

test('getting ready (rehearsal included) sends nothing; the call then goes out once, with the token, where the rules said', async () => {
  const { ctx, sent, debug } = world();
  const client = await readyStsClient(ctx, 'eu-west-2', () => true);
  assert.ok(
    debug.some((line) => line.includes('rehearsed in-process')),
    `the call was rehearsed: ${debug.join(' | ')}`,
  );
  assert.equal(sent.length, 0, 'nothing reached the transport while getting ready');
  assert.equal(client.endpoint, 'https://sts.eu-west-2.amazonaws.com', "the SDK's endpoint rules, resolved ahead");

  const session = await callSts(ctx, call('eu-west-2'), client);
  assert.equal(session.credentials.accessKeyId, 'ASIAFAKETRANSPORT001');
  assert.equal(sent.length, 1);
  assert.equal(new URL(sent[0]!.url).origin, client.endpoint);
  const form = new URLSearchParams(String(sent[0]!.body));
  assert.equal(form.get('WebIdentityToken'), JWT);
  assert.equal(form.get('RoleArn'), ROLE);
});

test('with nothing to wait for there is no rehearsal; sts-endpoint is the endpoint named from the start', async () => {
  const { ctx, sent, debug } = world('https://sts.internal.example:8443');
  const client = await readyStsClient(ctx, 'eu-west-2', () => false);
  assert.deepEqual(debug, []);
  assert.equal(client.endpoint, 'https://sts.internal.example:8443');
  await callSts(ctx, call('eu-west-2'), client);
  assert.deepEqual(
    sent.map((r) => new URL(r.url).host),
    ['sts.internal.example:8443'],
  );
});

test('a setting the endpoint rules refuse does not fail getting ready: the call fails with its usual error', async () => {
  const { ctx, sent } = world('https://sts.internal.example:8443');
  const saved = process.env['AWS_USE_FIPS_ENDPOINT'];
  // The SDK reads this one from the process; FIPS with a custom endpoint is refused by STS's rules.
  process.env['AWS_USE_FIPS_ENDPOINT'] = 'true';
  try {
    const client = await readyStsClient(ctx, 'eu-west-2', () => true);
    await assert.rejects(callSts(ctx, call('eu-west-2'), client), (err: unknown) => {
      assert.ok(err instanceof AwsError, String(err));
      assert.match(err.message, /FIPS/);
      return true;
    });
    assert.equal(sent.length, 0);
  } finally {
    if (saved === undefined) delete process.env['AWS_USE_FIPS_ENDPOINT'];
    else process.env['AWS_USE_FIPS_ENDPOINT'] = saved;
  }
});
