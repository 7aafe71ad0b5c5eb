/**
 * The STS stand-in, driven by the real AWS SDK as its client: it must accept what AWS accepts and refuse, with AWS's
 * error codes, what AWS refuses (forged or expired id-tokens, wrong secrets, unknown keys, over-long chained sessions).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import type { Credentials as SdkCredentials } from '@aws-sdk/client-sts';
import { jwt, startTokenEndpoint, type TokenEndpoint } from './token-endpoint.js';
import { startStsStandIn, tokenEndpointJwks, type StsStandIn } from './sts-standin.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN_ROLE = 'arn:aws:iam::210987654321:role/target';
const UNTRUSTING_ROLE = 'arn:aws:iam::123456789012:role/admins-only';

let tokens: TokenEndpoint;
let expiredTokens: TokenEndpoint;
let sts: StsStandIn;
let clockOffsetMs = 0;

before(async () => {
  tokens = await startTokenEndpoint();
  const past = Math.floor(Date.now() / 1000) - 3600;
  expiredTokens = await startTokenEndpoint({
    iss: 'https://expired.example',
    iat: past - 300,
    nbf: past - 300,
    exp: past,
  });
  sts = await startStsStandIn({
    trustedIssuers: [{ issuer: GITHUB, jwks: tokenEndpointJwks(tokens.url), audiences: ['sts.amazonaws.com'] }],
    trustWebIdentity: (role, claims) =>
      role !== UNTRUSTING_ROLE && claims.sub === 'repo:octo-org/octo-repo:ref:refs/heads/main',
    trustAssumeRole: (role, caller) => role === CHAIN_ROLE && caller.roleArn === ROLE,
    now: () => Date.now() + clockOffsetMs,
  });
  sts.trustIssuer({
    issuer: 'https://expired.example',
    jwks: tokenEndpointJwks(expiredTokens.url),
    audiences: ['sts.amazonaws.com'],
  });
});
after(async () => {
  await sts?.close();
  await tokens?.close();
  await expiredTokens?.close();
});

async function idToken(endpoint: TokenEndpoint = tokens, audience = 'sts.amazonaws.com'): Promise<string> {
  const res = await fetch(`${endpoint.url}&audience=${encodeURIComponent(audience)}`, {
    headers: { authorization: `Bearer ${endpoint.bearer}` },
  });
  assert.equal(res.status, 200);
  return ((await res.json()) as { value: string }).value;
}

function client(
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string },
  extra: { systemClockOffset?: number } = {},
): STSClient {
  return new STSClient({
    region: 'us-east-1',
    endpoint: sts.url,
    // AssumeRoleWithWebIdentity is unsigned; the SDK still wants a credential source configured.
    credentials: credentials ?? { accessKeyId: 'AKIAUNUSEDUNUSEDUNUS', secretAccessKey: 'unused' },
    maxAttempts: 1,
    ...extra,
  });
}

function asClientCredentials(c: SdkCredentials | undefined) {
  assert.ok(c?.AccessKeyId && c.SecretAccessKey && c.SessionToken);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}

async function webIdentity(
  token: string,
  roleArn = ROLE,
  more: { DurationSeconds?: number; RoleSessionName?: string } = {},
) {
  return client().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: roleArn,
      RoleSessionName: 'ci-session',
      WebIdentityToken: token,
      ...more,
    }),
  );
}

/** The SDK's class for a wire code where its STS model names one differently. */
const SDK_NAMES: Record<string, string> = { InvalidIdentityToken: 'InvalidIdentityTokenException' };

/**
 * Asserts the promise rejects with an STS error of this wire code and HTTP status (checked both as the stand-in
 * answered it and as the SDK understood it); returns its message.
 */
async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  status: number,
  standIn: StsStandIn = sts,
): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    assert.equal(standIn.requests.at(-1)?.code, code, e.message);
    assert.equal(e.name, SDK_NAMES[code] ?? code, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return e.message;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

describe('AssumeRoleWithWebIdentity', () => {
  test('a runner id-token becomes credentials that GetCallerIdentity knows as the assumed role', async () => {
    const token = await idToken();
    const answer = await webIdentity(token);
    const c = answer.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(c.SecretAccessKey!.length, 40);
    assert.match(c.SessionToken!, /^[A-Za-z0-9+/=]{400,}$/);
    assert.ok(c.Expiration!.getTime() > Date.now() + 3500_000 && c.Expiration!.getTime() <= Date.now() + 3600_000);
    assert.equal(answer.AssumedRoleUser?.Arn, 'arn:aws:sts::123456789012:assumed-role/deploy/ci-session');
    assert.equal(answer.SubjectFromWebIdentityToken, 'repo:octo-org/octo-repo:ref:refs/heads/main');
    assert.equal(answer.Provider, 'token.actions.githubusercontent.com');
    assert.equal(answer.Audience, 'sts.amazonaws.com');

    const who = await client(asClientCredentials(c)).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::123456789012:assumed-role/deploy/ci-session');
    assert.equal(who.Account, '123456789012');
    assert.match(who.UserId!, /^AROA[A-Z0-9]{17}:ci-session$/);
    assert.equal(who.UserId, answer.AssumedRoleUser?.AssumedRoleId);
    const last = sts.requests.at(-1)!;
    assert.equal(last.action, 'GetCallerIdentity');
    assert.equal(last.signedBy, c.AccessKeyId);
  });

  test('a token signed by another key (same kid) is InvalidIdentityToken', async () => {
    const genuine = await idToken();
    const [header, payload] = genuine.split('.') as [string, string, string];
    const kid = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string }).kid;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forged = jwt(
      JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>,
      privateKey,
      kid,
    );
    const message = await rejectsWith(webIdentity(forged), 'InvalidIdentityToken', 400);
    assert.match(message, /could not be validated/);
  });

  test('a genuine signature over a changed payload is InvalidIdentityToken', async () => {
    const [header, payload, signature] = (await idToken()).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, sub: 'repo:evil/repo:ref:refs/heads/main' })).toString(
      'base64url',
    );
    await rejectsWith(webIdentity(`${header}.${tampered}.${signature}`), 'InvalidIdentityToken', 400);
  });

  test('a token for another audience, an unknown issuer, or no JWT at all is InvalidIdentityToken', async () => {
    assert.match(
      await rejectsWith(webIdentity(await idToken(tokens, 'api://other')), 'InvalidIdentityToken', 400),
      /Incorrect token audience/,
    );
    const stranger = await startTokenEndpoint({ iss: 'https://stranger.example' });
    try {
      assert.match(
        await rejectsWith(webIdentity(await idToken(stranger)), 'InvalidIdentityToken', 400),
        /No OpenIDConnect provider found in your account for https:\/\/stranger\.example/,
      );
    } finally {
      await stranger.close();
    }
    assert.match(await rejectsWith(webIdentity('not-a-jwt-at-all'), 'InvalidIdentityToken', 400), /not a valid JWT/);
  });

  test('an expired token is ExpiredTokenException', async () => {
    const message = await rejectsWith(webIdentity(await idToken(expiredTokens)), 'ExpiredTokenException', 400);
    assert.match(message, /Token expired/);
  });

  test("the role's trust decides: a refused identity is AccessDenied", async () => {
    const message = await rejectsWith(webIdentity(await idToken(), UNTRUSTING_ROLE), 'AccessDenied', 403);
    assert.equal(message, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  test('parameters are validated as STS does', async () => {
    const token = await idToken();
    assert.match(
      await rejectsWith(webIdentity(token, ROLE, { DurationSeconds: 600 }), 'ValidationError', 400),
      /'durationSeconds'.*greater than or equal to 900/,
    );
    assert.match(
      await rejectsWith(webIdentity(token, ROLE, { DurationSeconds: 43201 }), 'ValidationError', 400),
      /less than or equal to 43200/,
    );
    assert.match(
      await rejectsWith(webIdentity(token, ROLE, { RoleSessionName: 'my session' }), 'ValidationError', 400),
      /'roleSessionName'.*regular expression/,
    );
    assert.match(
      await rejectsWith(webIdentity(token, 'arn:aws:s3:::a-bucket-name-here'), 'ValidationError', 400),
      /Request ARN is invalid/,
    );
    const ok = await webIdentity(token, ROLE, { DurationSeconds: 43200 });
    assert.ok(
      (ok.Credentials?.Expiration?.getTime() ?? 0) > Date.now() + 43000_000,
      'a 12-hour session is allowed for a web identity',
    );
  });
});

describe('signed calls', () => {
  let session: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  before(async () => {
    session = asClientCredentials((await webIdentity(await idToken())).Credentials);
  });

  test('a wrong secret is SignatureDoesNotMatch', async () => {
    const wrong = {
      ...session,
      secretAccessKey: `${session.secretAccessKey.slice(0, -1)}${session.secretAccessKey.endsWith('A') ? 'B' : 'A'}`,
    };
    await rejectsWith(client(wrong).send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', 403);
  });

  test('an access key this STS never issued, or the wrong session token, is InvalidClientTokenId', async () => {
    const unknown = { ...session, accessKeyId: 'ASIAAAAAAAAAAAAAAAAA' };
    await rejectsWith(client(unknown).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403);
    await rejectsWith(
      client({ ...session, sessionToken: 'IQoJb3JpZ2luX2VjEforged' }).send(new GetCallerIdentityCommand({})),
      'InvalidClientTokenId',
      403,
    );
  });

  test('a request dated more than 5 minutes ago is refused', async () => {
    const message = await rejectsWith(
      client(session, { systemClockOffset: -10 * 60_000 }).send(new GetCallerIdentityCommand({})),
      'SignatureDoesNotMatch',
      403,
    );
    assert.match(message, /Signature expired/);
  });

  test('credentials past their expiry are ExpiredToken', async () => {
    clockOffsetMs = 2 * 3600_000;
    try {
      await rejectsWith(client(session).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 403);
    } finally {
      clockOffsetMs = 0;
    }
  });

  test('AssumeRole chains into another account; the chained session is capped at one hour', async () => {
    const hop = await client(session).send(
      new AssumeRoleCommand({
        RoleArn: CHAIN_ROLE,
        RoleSessionName: 'hop',
        DurationSeconds: 3600,
        ExternalId: 'ext-123',
        Tags: [{ Key: 'Repository', Value: 'octo-org/octo-repo' }],
      }),
    );
    assert.equal(hop.AssumedRoleUser?.Arn, 'arn:aws:sts::210987654321:assumed-role/target/hop');
    const chained = asClientCredentials(hop.Credentials);
    assert.equal(sts.issued.get(chained.accessKeyId)?.tags['Repository'], 'octo-org/octo-repo');
    const who = await client(chained).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::210987654321:assumed-role/target/hop');
    assert.equal(who.Account, '210987654321');

    const message = await rejectsWith(
      client(session).send(
        new AssumeRoleCommand({ RoleArn: CHAIN_ROLE, RoleSessionName: 'hop', DurationSeconds: 7200 }),
      ),
      'ValidationError',
      400,
    );
    assert.equal(
      message,
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  });

  test("the target role's trust decides AssumeRole", async () => {
    const message = await rejectsWith(
      client(session).send(new AssumeRoleCommand({ RoleArn: UNTRUSTING_ROLE, RoleSessionName: 'hop' })),
      'AccessDenied',
      403,
    );
    assert.equal(
      message,
      `User: arn:aws:sts::123456789012:assumed-role/deploy/ci-session is not authorized to perform: sts:AssumeRole on resource: ${UNTRUSTING_ROLE}`,
    );
  });

  test('credentials minted with issue() are recognised, as another service would hand them out', async () => {
    const minted = sts.issue('arn:aws:iam::123456789012:role/iot-device', 'thing-1', 3600);
    const who = await client(minted).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::123456789012:assumed-role/iot-device/thing-1');
  });
});

describe('the query protocol', () => {
  test('an unsigned GetCallerIdentity is MissingAuthenticationToken in an ErrorResponse', async () => {
    const res = await fetch(`${sts.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 403);
    const xml = await res.text();
    assert.match(
      xml,
      /^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code><Message>[^<]+<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>/,
    );
  });

  test('an unknown action or version is InvalidAction', async () => {
    for (const body of ['Action=GetSessionTokenX&Version=2011-06-15', 'Action=GetCallerIdentity&Version=2099-01-01']) {
      const res = await fetch(`${sts.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      assert.equal(res.status, 400);
      assert.match(await res.text(), /<Code>InvalidAction<\/Code>/);
    }
  });
});

describe('source identity on AssumeRole', () => {
  const A = 'arn:aws:iam::123456789012:role/first';
  const B = 'arn:aws:iam::123456789012:role/second';
  const NO_SET = 'arn:aws:iam::123456789012:role/no-set-source-identity';
  let own: StsStandIn;
  before(async () => {
    own = await startStsStandIn({ trustSetSourceIdentity: (role) => role !== NO_SET });
  });
  after(async () => own?.close());

  function ownClient(c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): STSClient {
    return new STSClient({ region: 'us-east-1', endpoint: own.url, credentials: c, maxAttempts: 1 });
  }

  test('a source identity is set, answered, and carried to every session chained from it', async () => {
    const base = own.issue(A, 'base', 3600);
    const first = await ownClient(base).send(
      new AssumeRoleCommand({ RoleArn: B, RoleSessionName: 'one', SourceIdentity: 'gha-42-1' }),
    );
    assert.equal(first.SourceIdentity, 'gha-42-1');
    const firstCredentials = asClientCredentials(first.Credentials);
    // Not asked for again on the next hop: inherited all the same.
    const second = await ownClient(firstCredentials).send(
      new AssumeRoleCommand({ RoleArn: A, RoleSessionName: 'two' }),
    );
    assert.equal(second.SourceIdentity, 'gha-42-1');
    assert.equal(own.issued.get(second.Credentials!.AccessKeyId!)?.sourceIdentity, 'gha-42-1');
    // Sent again with the same value: accepted; with another: refused, it cannot be changed.
    const same = await ownClient(firstCredentials).send(
      new AssumeRoleCommand({ RoleArn: A, RoleSessionName: 'three', SourceIdentity: 'gha-42-1' }),
    );
    assert.equal(same.SourceIdentity, 'gha-42-1');
    await rejectsWith(
      ownClient(firstCredentials).send(
        new AssumeRoleCommand({ RoleArn: A, RoleSessionName: 'four', SourceIdentity: 'someone-else' }),
      ),
      'AccessDenied',
      403,
      own,
    );
  });

  test('a trust without sts:SetSourceIdentity refuses it, naming the action; without one the role is assumed', async () => {
    const base = own.issue(A, 'base', 3600);
    const message = await rejectsWith(
      ownClient(base).send(new AssumeRoleCommand({ RoleArn: NO_SET, RoleSessionName: 'ss', SourceIdentity: 'ci-1' })),
      'AccessDenied',
      403,
      own,
    );
    assert.equal(
      message,
      `User: arn:aws:sts::123456789012:assumed-role/first/base is not authorized to perform: sts:SetSourceIdentity on resource: ${NO_SET}`,
    );
    const plain = await ownClient(base).send(new AssumeRoleCommand({ RoleArn: NO_SET, RoleSessionName: 'ss' }));
    assert.equal(plain.SourceIdentity, undefined);
    // A session that carries one passes it on, so that trust refuses it even when none is asked for.
    const carrying = own.issue(A, 'carrying', 3600);
    const withIdentity = await ownClient(carrying).send(
      new AssumeRoleCommand({ RoleArn: B, RoleSessionName: 'ss', SourceIdentity: 'ci-1' }),
    );
    await rejectsWith(
      ownClient(asClientCredentials(withIdentity.Credentials)).send(
        new AssumeRoleCommand({ RoleArn: NO_SET, RoleSessionName: 'ss' }),
      ),
      'AccessDenied',
      403,
      own,
    );
  });

  test("values outside STS's constraints are ValidationError", async () => {
    const base = own.issue(A, 'base', 3600);
    for (const bad of ['x', 'y'.repeat(65), 'aws:reserved', 'has space']) {
      await rejectsWith(
        ownClient(base).send(new AssumeRoleCommand({ RoleArn: B, RoleSessionName: 'ss', SourceIdentity: bad })),
        'ValidationError',
        400,
        own,
      );
    }
  });
});
