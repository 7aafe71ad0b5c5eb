/**
 * The one exchange every front-end runs, driven through the real SDK over a recording fake transport that answers as
 * STS would: the config's sts-endpoint and proxy settings reach each request, and the guards around the provider
 * (allowed-account-ids, special-characters-workaround, use-existing-credentials) decide what comes back.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from '../../src/config/build-config.js';
import { exchange, type GuardedOutcome } from '../../src/providers/exchange.js';
import { AwsError, InputError } from '../../src/errors.js';
import type { HttpRequest, HttpResponse } from '../../src/http/request.js';
import { stsSessionXml } from '../support/sts-answers.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN = 'arn:aws:iam::210987654321:role/target';
const JWT = 'eyJhbGciOiJub25lIn0.eyJleHAiOjQxMDI0NDQ4MDB9.c2ln';
const AKID = 'ASIAFAKETRANSPORT001';
const CHAINED_AKID = 'ASIACHAINEDHOP00001';
const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00';
/** A secret with characters configure-aws-credentials's workaround avoids ('/' and '+'), valid for STS all the same. */
const SPECIAL_SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEFAKE/TOKEN+VALUE=';
const EXISTING_AKID = 'AKIAEXISTINGKEY00001';
const EXISTING_SECRET = 'ZXhpc3RpbmdzZWNyZXRleGlzdGluZ3NlY3JldDAw';

const dir = mkdtempSync(join(tmpdir(), 'aslc-exchange-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const tokenFile = join(dir, 'id-token');
writeFileSync(tokenFile, `${JWT}\n`);

function stsXml(action: string, akid: string, secret: string, roleArn: string): string {
  const expiration = new Date(Date.now() + 3600_000);
  return stsSessionXml(action, {
    accessKeyId: akid,
    secretAccessKey: secret,
    sessionToken: TOKEN,
    roleArn,
    expiration,
  });
}

function callerIdentityXml(account: string): string {
  return `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
<Arn>arn:aws:sts::${account}:assumed-role/existing/earlier-step</Arn><UserId>AROAEXAMPLE:earlier-step</UserId><Account>${account}</Account>
</GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
}

const refused: HttpResponse = {
  status: 403,
  headers: { 'content-type': 'text/xml' },
  body: '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>',
};

interface Recorded extends HttpRequest {
  form: URLSearchParams;
  /** What had been passed to hooks.mask when this request went out. */
  maskedBefore: string[];
}

type Answer = (req: Recorded, n: number) => HttpResponse;

/** STS's answers by Action: the web identity session, the chained hop, and whose credentials signed. */
const stsAnswers =
  (secret = SECRET, callerAccount = '123456789012'): Answer =>
  (req) => {
    const action = req.form.get('Action') ?? '';
    if (action === 'GetCallerIdentity')
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: callerIdentityXml(callerAccount) };
    const akid = action === 'AssumeRole' ? CHAINED_AKID : AKID;
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: stsXml(action, akid, secret, req.form.get('RoleArn') ?? ROLE),
    };
  };

async function run(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  answer: Answer = stsAnswers(),
): Promise<{ seen: Recorded[]; masked: string[]; debug: string[]; outcome: GuardedOutcome }> {
  const seen: Recorded[] = [];
  const masked: string[] = [];
  const debug: string[] = [];
  const values: Record<string, string> = {
    'aws-region': 'eu-west-2',
    'role-to-assume': ROLE,
    'web-identity-token-file': tokenFile,
    ...inputs,
  };
  const config = buildConfig((name) => values[name] ?? '', env, new Date(), '/home/runner');
  const outcome = await exchange(config, {
    mask: (value) => masked.push(value),
    debug: (message) => debug.push(message),
    http: async (req) => {
      const body = typeof req.body === 'string' ? req.body : Buffer.from(req.body ?? []).toString('utf8');
      const recorded: Recorded = { ...req, form: new URLSearchParams(body), maskedBefore: [...masked] };
      seen.push(recorded);
      return answer(recorded, seen.length);
    },
  });
  return { seen, masked, debug, outcome };
}

const finalOf = (outcome: GuardedOutcome) => {
  assert.ok('final' in outcome, 'new credentials were expected');
  return outcome.final;
};

test("without sts-endpoint the SDK's endpoint rules pick the region's STS", async () => {
  const { seen } = await run({});
  assert.equal(seen.length, 1);
  assert.equal(new URL(seen[0]!.url).host, 'sts.eu-west-2.amazonaws.com');
  assert.equal(seen[0]!.form.get('Action'), 'AssumeRoleWithWebIdentity');
  assert.equal(seen[0]!.form.get('WebIdentityToken'), JWT, 'the token comes from web-identity-token-file');
});

test('sts-endpoint: every STS call of the exchange goes there, the chained hop included', async () => {
  const { seen } = await run({ 'sts-endpoint': 'https://sts.internal.example:8443', 'chain-role-arn': CHAIN });
  assert.deepEqual(
    seen.map((r) => [new URL(r.url).host, r.form.get('Action')]),
    [
      ['sts.internal.example:8443', 'AssumeRoleWithWebIdentity'],
      ['sts.internal.example:8443', 'AssumeRole'],
    ],
  );
});

test('sts-endpoint: the use-existing-credentials check goes there too', async () => {
  const { seen } = await run(
    { 'sts-endpoint': 'https://sts.internal.example:8443', 'use-existing-credentials': 'true' },
    { AWS_ACCESS_KEY_ID: EXISTING_AKID, AWS_SECRET_ACCESS_KEY: EXISTING_SECRET },
  );
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.form.get('Action'), 'GetCallerIdentity');
  assert.equal(new URL(seen[0]!.url).host, 'sts.internal.example:8443');
});

test('http-proxy: the transport is given that proxy for STS', async () => {
  const { seen } = await run({ 'http-proxy': 'http://proxy.example:3128' });
  assert.equal(seen[0]!.proxy?.href, 'http://proxy.example:3128/');
});

test('http-proxy wins over HTTPS_PROXY; HTTPS_PROXY alone is used when no input says otherwise', async () => {
  const env = { HTTPS_PROXY: 'http://env-proxy.example:8080' };
  assert.equal(
    (await run({ 'http-proxy': 'http://proxy.example:3128' }, env)).seen[0]!.proxy?.href,
    'http://proxy.example:3128/',
  );
  assert.equal((await run({}, env)).seen[0]!.proxy?.href, 'http://env-proxy.example:8080/');
  assert.equal((await run({})).seen[0]!.proxy, undefined, 'no proxy setting, a direct connection');
});

test("no-proxy: STS's host reached directly, whether the proxy comes from http-proxy or HTTPS_PROXY", async () => {
  const direct = await run({ 'http-proxy': 'http://proxy.example:3128', 'no-proxy': '.amazonaws.com' });
  assert.equal(direct.seen[0]!.proxy, undefined);
  const fromEnv = await run(
    { 'no-proxy': 'sts.eu-west-2.amazonaws.com' },
    { HTTPS_PROXY: 'http://env-proxy.example:8080' },
  );
  assert.equal(fromEnv.seen[0]!.proxy, undefined);
  // Added to NO_PROXY, not replacing it; and a list that does not name STS leaves the proxy in place.
  const both = await run(
    { 'http-proxy': 'http://proxy.example:3128', 'no-proxy': 'internal.example' },
    { NO_PROXY: 'amazonaws.com' },
  );
  assert.equal(both.seen[0]!.proxy, undefined);
  const other = await run({ 'http-proxy': 'http://proxy.example:3128', 'no-proxy': 'internal.example' });
  assert.equal(other.seen[0]!.proxy?.href, 'http://proxy.example:3128/');
});

test('allowed-account-ids: a session of another account is refused, naming the input and the account', async () => {
  await assert.rejects(
    run({ 'allowed-account-ids': '210987654321,111122223333' }),
    (err: unknown) =>
      err instanceof InputError &&
      err.input === 'allowed-account-ids' &&
      err.message.includes('123456789012') &&
      err.message.includes('nothing was delivered'),
  );
});

test('allowed-account-ids: a session of an allowed account is delivered; with chain-role-arn the final hop is checked', async () => {
  const { outcome } = await run({ 'allowed-account-ids': '210987654321,123456789012' });
  assert.equal(finalOf(outcome).assumedRoleArn, 'arn:aws:sts::123456789012:assumed-role/deploy/ci-session');
  // The first session is of an allowed account, the chained one is not.
  await assert.rejects(
    run({ 'allowed-account-ids': '123456789012', 'chain-role-arn': CHAIN }),
    (err: unknown) =>
      err instanceof InputError && err.input === 'allowed-account-ids' && err.message.includes('210987654321'),
  );
  const chained = await run({ 'allowed-account-ids': '210987654321', 'chain-role-arn': CHAIN });
  assert.equal(finalOf(chained.outcome).credentials.accessKeyId, CHAINED_AKID);
});

test('special-characters-workaround: asks again until the secret key has none of the special characters', async () => {
  const { seen, outcome, masked } = await run({ 'special-characters-workaround': 'true' }, {}, (req, n) =>
    stsAnswers(n <= 3 ? SPECIAL_SECRET : SECRET)(req, n),
  );
  assert.equal(seen.length, 4, 'three sessions with special characters, then a clean one');
  assert.ok(seen.every((r) => r.form.get('Action') === 'AssumeRoleWithWebIdentity'));
  assert.equal(finalOf(outcome).credentials.secretAccessKey, SECRET);
  assert.ok(masked.includes(SPECIAL_SECRET), 'a discarded session was masked too: it existed');
});

test('without special-characters-workaround a secret with special characters is delivered as it is', async () => {
  const { seen, outcome } = await run({}, {}, stsAnswers(SPECIAL_SECRET));
  assert.equal(seen.length, 1);
  assert.equal(finalOf(outcome).credentials.secretAccessKey, SPECIAL_SECRET);
});

test('special-characters-workaround: gives up with NoCleanKey after 50 sessions that all have special characters', async () => {
  let requests = 0;
  await assert.rejects(
    run({ 'special-characters-workaround': 'true' }, {}, (req, n) => {
      requests = n;
      return stsAnswers(SPECIAL_SECRET)(req, n);
    }),
    (err: unknown) =>
      err instanceof AwsError &&
      err.code === 'NoCleanKey' &&
      err.call === 'special-characters-workaround' &&
      !err.retryable &&
      !err.message.includes(SPECIAL_SECRET),
  );
  // MAX_CLEAN_KEY_TRIES in src/providers/exchange.ts: one session per try, each one request.
  assert.equal(requests, 50);
});

test('use-existing-credentials: valid credentials in the environment are kept, and nothing new is obtained', async () => {
  const { seen, outcome } = await run(
    { 'use-existing-credentials': 'true' },
    { AWS_ACCESS_KEY_ID: EXISTING_AKID, AWS_SECRET_ACCESS_KEY: EXISTING_SECRET },
  );
  assert.deepEqual(outcome, {
    existing: { account: '123456789012', arn: 'arn:aws:sts::123456789012:assumed-role/existing/earlier-step' },
  });
  assert.equal(seen.length, 1);
  assert.equal(seen[0]!.form.get('Action'), 'GetCallerIdentity');
  assert.match(seen[0]!.headers?.['authorization'] ?? '', new RegExp(`Credential=${EXISTING_AKID}/`));
});

test("use-existing-credentials: when STS refuses the environment's credentials, new ones are obtained", async () => {
  const { seen, outcome, debug } = await run(
    { 'use-existing-credentials': 'true' },
    { AWS_ACCESS_KEY_ID: EXISTING_AKID, AWS_SECRET_ACCESS_KEY: EXISTING_SECRET },
    (req, n) => (req.form.get('Action') === 'GetCallerIdentity' ? refused : stsAnswers()(req, n)),
  );
  assert.deepEqual(
    seen.map((r) => r.form.get('Action')),
    ['GetCallerIdentity', 'AssumeRoleWithWebIdentity'],
  );
  assert.equal(finalOf(outcome).credentials.accessKeyId, AKID);
  assert.ok(debug.some((line) => /were not accepted/.test(line)));
});

test('use-existing-credentials: the check is one attempt; a throttled one is not retried, new credentials are obtained', async () => {
  const throttled: HttpResponse = {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>',
  };
  const { seen, outcome } = await run(
    { 'use-existing-credentials': 'true' },
    { AWS_ACCESS_KEY_ID: EXISTING_AKID, AWS_SECRET_ACCESS_KEY: EXISTING_SECRET },
    (req, n) => (req.form.get('Action') === 'GetCallerIdentity' ? throttled : stsAnswers()(req, n)),
  );
  assert.deepEqual(
    seen.map((r) => r.form.get('Action')),
    ['GetCallerIdentity', 'AssumeRoleWithWebIdentity'],
  );
  assert.equal(finalOf(outcome).credentials.accessKeyId, AKID);
});

test('use-existing-credentials: credentials of an account outside allowed-account-ids are replaced', async () => {
  const { seen, outcome } = await run(
    { 'use-existing-credentials': 'true', 'allowed-account-ids': '123456789012' },
    { AWS_ACCESS_KEY_ID: EXISTING_AKID, AWS_SECRET_ACCESS_KEY: EXISTING_SECRET },
    (req, n) => stsAnswers(SECRET, '999999999999')(req, n),
  );
  assert.equal(seen.length, 2);
  assert.equal(finalOf(outcome).credentials.accessKeyId, AKID);
});

test('use-existing-credentials with no credentials in the environment asks STS nothing about them', async () => {
  const { seen, outcome } = await run({ 'use-existing-credentials': 'true' });
  assert.deepEqual(
    seen.map((r) => r.form.get('Action')),
    ['AssumeRoleWithWebIdentity'],
  );
  assert.equal(finalOf(outcome).credentials.accessKeyId, AKID);
});

test('every credential value, and the id-token, is passed to hooks.mask; each session before the next request goes out', async () => {
  const { seen, masked, outcome } = await run({ 'chain-role-arn': CHAIN });
  const final = finalOf(outcome);
  assert.equal(final.credentials.accessKeyId, CHAINED_AKID);
  for (const value of [JWT, AKID, SECRET, TOKEN, CHAINED_AKID])
    assert.ok(masked.includes(value), `${value.slice(0, 8)}... was not masked`);
  assert.ok(seen[0]!.maskedBefore.includes(JWT), 'the id-token is masked before it is sent');
  for (const value of [AKID, SECRET, TOKEN])
    assert.ok(seen[1]!.maskedBefore.includes(value), 'the first session is masked before the hop that uses it');
});

test("STS's User-Agent names this project and the run (the config's md/ fields), through the SDK's own header", async () => {
  const env = { GITHUB_ACTION: 'deploy', GITHUB_RUN_ID: '777', GITHUB_RUN_ATTEMPT: '3' };
  const { seen } = await run({ 'chain-role-arn': CHAIN }, env);
  assert.equal(seen.length, 2);
  for (const request of seen) {
    const agent = request.headers?.['user-agent'] ?? '';
    assert.match(agent, /^aws-sdk-js\/\S+ /);
    assert.match(agent, / aws-short-lived-credentials md\/action#deploy md\/run_id#777 md\/attempt#3$/);
  }
  const { seen: outside } = await run({});
  assert.doesNotMatch(outside[0]!.headers?.['user-agent'] ?? '', /md\/(action|run_id|attempt)#/);
  assert.match(outside[0]!.headers?.['user-agent'] ?? '', / aws-short-lived-credentials$/);
});
