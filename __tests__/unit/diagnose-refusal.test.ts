/**
 * The action's `diagnose: true` (diagnose/refusal.ts): after a refused web identity, the role's trust and the OIDC
 * provider read with the runner's own credentials, through the real IAM client over a recording fake transport. With
 * credentials: the failing condition, without repeating the claims already printed; without credentials or with the
 * read denied: one line saying what it needs; every line one line of data, and the accounts it names found for masking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountIdsIn, diagnoseRefusal, diagnosisLines } from '../../src/diagnose/refusal.js';
import { createProviderContext } from '../../src/providers/context.js';
import { plainLine } from '../../src/action/workflow-commands.js';
import { AwsError } from '../../src/errors.js';
import type { HttpRequest, HttpResponse } from '../../src/http/request.js';

const HOST = 'token.actions.githubusercontent.com';
const ROLE = 'arn:aws:iam::111122223333:role/deploy';
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${HOST}`;
const ENVIRONMENT_SUB = 'repo:octo-org@123456/octo-repo@789012:environment:prod';
const BRANCH_SUB = 'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main';
const RUNNER_KEY = { accessKeyId: 'AKIARUNNEROWNKEY0001', secretAccessKey: 'runner-own-secret-never-shown-0000000000' };

const PAYLOAD = {
  iss: `https://${HOST}`,
  aud: 'sts.amazonaws.com',
  sub: ENVIRONMENT_SUB,
  repository: 'octo-org/octo-repo',
  repository_id: '789012',
  repository_owner_id: '123456',
  environment: 'prod',
  exp: 4_102_444_800,
};
const refused = { roleArn: ROLE, payload: PAYLOAD };

function trust(sid: string, sub: string): { Version: string; Statement: Array<Record<string, unknown>> } {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${HOST}:aud`]: 'sts.amazonaws.com', [`${HOST}:sub`]: sub } },
      },
    ],
  };
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function getRoleXml(document: unknown): string {
  // IAM answers the document URL-encoded.
  const encoded = encodeURIComponent(JSON.stringify(document));
  return `<GetRoleResponse xmlns="${IAM_NS}"><GetRoleResult><Role><Path>/</Path><RoleName>deploy</RoleName>
<RoleId>AROAEXAMPLEROLEID0001</RoleId><Arn>${ROLE}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>
<AssumeRolePolicyDocument>${xmlText(encoded)}</AssumeRolePolicyDocument></Role></GetRoleResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetRoleResponse>`;
}

const providerXml = `<GetOpenIDConnectProviderResponse xmlns="${IAM_NS}"><GetOpenIDConnectProviderResult>
<ClientIDList><member>sts.amazonaws.com</member></ClientIDList><ThumbprintList><member>${'ab'.repeat(20)}</member></ThumbprintList>
<Url>${HOST}</Url><CreateDate>2026-01-01T00:00:00Z</CreateDate></GetOpenIDConnectProviderResult>
<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetOpenIDConnectProviderResponse>`;

const errorXml = (code: string, message: string) =>
  `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlText(message)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`;

type Answer = { status: number; body: string };

/** A fake IAM: answers by the request's Action; records what was sent. */
function world(answers: Record<string, Answer>) {
  const sent: Array<HttpRequest & { action: string }> = [];
  const ctx = createProviderContext({
    retry: { maxAttempts: 1, timeoutMs: 10_000 },
    mask: () => {},
    debug: () => {},
    http: async (req): Promise<HttpResponse> => {
      const body = typeof req.body === 'string' ? req.body : Buffer.from(req.body ?? []).toString('utf8');
      const action = new URLSearchParams(body).get('Action') ?? '';
      sent.push({ ...req, action });
      const answer = answers[action] ?? { status: 400, body: errorXml('InvalidAction', action) };
      return { status: answer.status, headers: { 'content-type': 'text/xml' }, body: answer.body };
    },
  });
  return { ctx, sent };
}

const runnerCredentials = async () => RUNNER_KEY;

test("with the runner's credentials: the failing sub condition named, signed with those credentials, the claims not repeated", async () => {
  const { ctx, sent } = world({
    GetRole: { status: 200, body: getRoleXml(trust('GitHub', BRANCH_SUB)) },
    GetOpenIDConnectProvider: { status: 200, body: providerXml },
  });
  const lines = await diagnoseRefusal(refused, 'us-east-1', ctx, runnerCredentials);
  assert.match(lines[0]!, /^Diagnosis \(diagnose: true\)/);
  assert.ok(
    lines.includes(`      StringEquals "${HOST}:sub" expects "${BRANCH_SUB}"; the token has "${ENVIRONMENT_SUB}"`),
    lines.join('\n'),
  );
  assert.ok(lines.includes('    Statement[0] (Sid "GitHub"), Allow: refuses this token:'), lines.join('\n'));
  assert.ok(lines.some((l) => /the job ran in an environment/.test(l)));
  assert.ok(lines.includes('  Verdict: this token is refused.'));
  assert.ok(lines.includes(`  OIDC provider ${PROVIDER}:`));
  // Printed just above by the refusal itself: not again.
  assert.ok(!lines.some((l) => /Token claims|A trust policy Condition that admits/.test(l)), lines.join('\n'));
  assert.deepEqual(sent.map((r) => r.action).sort(), ['GetOpenIDConnectProvider', 'GetRole']);
  for (const req of sent) {
    assert.equal(new URL(req.url).origin, 'https://iam.amazonaws.com');
    assert.match(String(req.headers?.['authorization']), /Credential=AKIARUNNEROWNKEY0001\//);
  }
  const role = new URLSearchParams(String(sent.find((r) => r.action === 'GetRole')!.body));
  assert.equal(role.get('RoleName'), 'deploy');
  const provider = new URLSearchParams(String(sent.find((r) => r.action === 'GetOpenIDConnectProvider')!.body));
  assert.equal(provider.get('OpenIDConnectProviderArn'), PROVIDER);
  assert.ok(!lines.join('\n').includes(RUNNER_KEY.secretAccessKey));
});

test('no credentials on the runner: one line naming both permissions, and nothing is sent', async () => {
  const { ctx, sent } = world({});
  const none = async () => {
    throw Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
  };
  const lines = await diagnoseRefusal(refused, 'us-east-1', ctx, none);
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^diagnose: not run: the runner has no AWS credentials of its own\./);
  assert.ok(lines[0]!.includes(`iam:GetRole on ${ROLE}`));
  assert.ok(lines[0]!.includes(`iam:GetOpenIDConnectProvider on ${PROVIDER}`));
  assert.equal(sent.length, 0);
});

test("the role's read denied: the same one line, saying the credentials may not call iam:GetRole", async () => {
  const { ctx } = world({
    GetRole: { status: 403, body: errorXml('AccessDenied', `User: x is not authorized to perform: iam:GetRole`) },
    GetOpenIDConnectProvider: { status: 200, body: providerXml },
  });
  const lines = await diagnoseRefusal(refused, 'us-east-1', ctx, runnerCredentials);
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^diagnose: not run: the runner's AWS credentials may not call iam:GetRole\./);
  assert.ok(lines[0]!.includes(`iam:GetOpenIDConnectProvider on ${PROVIDER}`));
});

test("only the provider's read denied: the trust is still evaluated, the provider named as not read", async () => {
  const { ctx } = world({
    GetRole: { status: 200, body: getRoleXml(trust('GitHub', BRANCH_SUB)) },
    GetOpenIDConnectProvider: { status: 403, body: errorXml('AccessDenied', 'not authorized') },
  });
  const lines = await diagnoseRefusal(refused, 'us-east-1', ctx, runnerCredentials);
  assert.ok(lines.some((l) => l.includes('not read: these credentials may not call iam:GetOpenIDConnectProvider')));
  assert.ok(lines.some((l) => l.includes(`StringEquals "${HOST}:sub" expects "${BRANCH_SUB}"`)));
});

test('any other failure (credentials IAM rejects) is thrown as an AwsError naming the call, for one warning', async () => {
  const { ctx } = world({
    GetRole: { status: 403, body: errorXml('InvalidClientTokenId', 'The security token included is invalid') },
    GetOpenIDConnectProvider: { status: 403, body: errorXml('InvalidClientTokenId', 'invalid') },
  });
  const err = await diagnoseRefusal(refused, 'us-east-1', ctx, runnerCredentials).then(
    () => assert.fail('resolved'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof AwsError, String(err));
  assert.match(err.message, /iam:(GetRole|GetOpenIDConnectProvider) failed: InvalidClientTokenId/);
  assert.ok(!err.message.includes(RUNNER_KEY.secretAccessKey));
});

test('hostile values in the trust and the token stay one line of data each; the accounts they name are found for masking', async () => {
  const foreign = 'arn:aws:iam::444455556666:oidc-provider/evil.example';
  const document = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'x\n::set-env name=AWS_REGION::eu-west-1\u2028##[error]y',
        Effect: 'Allow',
        Principal: { Federated: foreign },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
      trust('GitHub', 'repo:\r\n::add-mask::x').Statement[0],
    ],
  };
  const { ctx } = world({
    GetRole: { status: 200, body: getRoleXml(document) },
    GetOpenIDConnectProvider: { status: 200, body: providerXml },
  });
  const hostile = { roleArn: ROLE, payload: { ...PAYLOAD, sub: 'repo:o/r:ref:\n::stop-commands::t' } };
  const lines = await diagnoseRefusal(hostile, 'us-east-1', ctx, runnerCredentials);
  for (const line of lines) {
    assert.ok(!/[\r\n\u2028\u2029]/.test(line), `one line: ${JSON.stringify(line)}`);
    assert.ok(!/^\s*::/.test(plainLine(line)), `not a command: ${line}`);
  }
  assert.ok(
    lines.some((l) => l.includes('::set-env') && l.includes('\\n')),
    'the Sid shown, escaped',
  );
  assert.deepEqual(accountIdsIn(lines).sort(), ['111122223333', '444455556666']);
});

test('the decision from what was read, pure: no single issuer, no credentials, denied, read', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const noIss = diagnosisLines({ roleArn: ROLE, payload: { sub: 'x' } }, { noCredentials: true }, now);
  assert.deepEqual(noIss.length, 1);
  assert.match(noIss[0]!, /no single iss claim/);
  const denied = diagnosisLines(refused, { trust: { denied: 'iam:GetRole' }, provider: { absent: true } }, now);
  assert.match(denied[0]!, /may not call iam:GetRole/);
  const absent = diagnosisLines(refused, { trust: { absent: true }, provider: { absent: true } }, now);
  assert.ok(absent.some((l) => l.includes('the role does not exist')));
  assert.ok(absent.some((l) => l.includes('the account has no such provider')));
  const admitted = diagnosisLines(
    refused,
    {
      trust: { value: trust('GitHub', ENVIRONMENT_SUB) },
      provider: { value: { clientIds: ['sts.amazonaws.com'], thumbprints: [] } },
    },
    now,
  );
  // The trust admits what STS refused: said as such (STS decided on something the report cannot see).
  assert.ok(admitted.includes('  Verdict: the trust admits this token.'), admitted.join('\n'));
  assert.deepEqual(accountIdsIn(['no arn here', 'repository_id: 111122223333']), []);
});
