/**
 * The Roles Anywhere control-plane stand-in, proved with a client nobody here wrote: boto3's `rolesanywhere` client
 * (run in python3), paginating both lists and meeting each refusal; then the audit's own reader against it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readRolesAnywhere } from '../../src/bootstrap/roles-anywhere-read.js';
import { AwsError } from '../../src/errors.js';
import {
  startRolesAnywhereControlStandIn,
  type RolesAnywhereControlStandIn,
} from './roles-anywhere-control-standin.js';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const CALLER = { accessKeyId: 'AKIAAUDITOR', secretAccessKey: 'auditor-secret' };
const SESSION = { accessKeyId: 'ASIAAUDITOR', secretAccessKey: 'session-secret', sessionToken: 'session-token' };
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const anchor = (n: number, enabled = true) => ({
  trustAnchorId: uuid(n),
  trustAnchorArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/${uuid(n)}`,
  name: `anchor-${n}`,
  source:
    n % 2
      ? {
          sourceType: 'AWS_ACM_PCA',
          sourceData: { acmPcaArn: `arn:aws:acm-pca:${REGION}:${ACCOUNT}:certificate-authority/x` },
        }
      : { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: '-----BEGIN CERTIFICATE-----' } },
  enabled,
  createdAt: '2026-01-02T03:04:05.123Z',
  updatedAt: '2026-01-02T03:04:05.123Z',
});
const profile = (n: number) => ({
  profileId: uuid(100 + n),
  profileArn: `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/${uuid(100 + n)}`,
  name: `profile-${n}`,
  enabled: n !== 3,
  roleArns: [`arn:aws:iam::${ACCOUNT}:role/ci-${n}`],
  managedPolicyArns: n === 2 ? ['arn:aws:iam::aws:policy/ReadOnlyAccess'] : [],
  durationSeconds: 3600 * n,
  acceptRoleSessionName: false,
  createdBy: ACCOUNT,
  createdAt: '2026-01-02T03:04:05.123Z',
  updatedAt: '2026-01-02T03:04:05.123Z',
});
const ANCHORS = [1, 2, 3, 4, 5].map((n) => anchor(n, n !== 4));
const PROFILES = [1, 2, 3].map(profile);

/** boto3's rolesanywhere client against the stand-in; the script prints JSON. */
async function boto3(url: string, script: string, creds: Record<string, string> = CALLER): Promise<unknown> {
  const code = `
import boto3, json, botocore.exceptions, botocore.config
c = boto3.client('rolesanywhere', endpoint_url=${JSON.stringify(url)}, region_name=${JSON.stringify(REGION)},
  aws_access_key_id=${JSON.stringify(creds['accessKeyId'])}, aws_secret_access_key=${JSON.stringify(creds['secretAccessKey'])},
  aws_session_token=${creds['sessionToken'] ? JSON.stringify(creds['sessionToken']) : 'None'},
  config=botocore.config.Config(retries={'max_attempts': 1}))
def refusal(call):
  try:
    call()
    return None
  except botocore.exceptions.ClientError as e:
    return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
${script}
`;
  const { stdout } = await promisify(execFile)('python3', ['-c', code], {
    env: { PATH: process.env['PATH'] ?? '', HOME: '/nonexistent', AWS_CONFIG_FILE: '/dev/null' },
    timeout: 30_000,
  });
  return JSON.parse(stdout) as unknown;
}

describe('Roles Anywhere control-plane stand-in', () => {
  let standIn: RolesAnywhereControlStandIn;
  let denying: RolesAnywhereControlStandIn;
  before(async () => {
    standIn = await startRolesAnywhereControlStandIn({
      region: REGION,
      callers: [CALLER, SESSION],
      trustAnchors: ANCHORS,
      profiles: PROFILES,
      pageSize: 2,
    });
    denying = await startRolesAnywhereControlStandIn({
      region: REGION,
      callers: [CALLER],
      trustAnchors: ANCHORS,
      profiles: PROFILES,
      deny: ['ListProfiles'],
    });
  });
  after(async () => {
    await standIn.close();
    await denying.close();
  });

  test("boto3's paginators read every trust anchor and profile, across pages, with their fields", async () => {
    const since = standIn.requests.length;
    const got = (await boto3(
      standIn.url,
      `
anchors = [a for p in c.get_paginator('list_trust_anchors').paginate() for a in p['trustAnchors']]
profiles = [a for p in c.get_paginator('list_profiles').paginate(pageSize=1) for a in p['profiles']]
print(json.dumps({'anchors': [[a['name'], a['trustAnchorArn'], a['enabled'], a['source']['sourceType'], a['createdAt'].isoformat()] for a in anchors],
  'profiles': [[p['name'], p['roleArns'], p['durationSeconds'], p['enabled']] for p in profiles]}))
`,
    )) as { anchors: unknown[][]; profiles: unknown[][] };
    assert.deepEqual(
      got.anchors.map((a) => a.slice(0, 4)),
      ANCHORS.map((a) => [a.name, a.trustAnchorArn, a.enabled, a.source.sourceType]),
    );
    assert.equal(got.anchors[0]![4], '2026-01-02T03:04:05.123000+00:00');
    assert.deepEqual(
      got.profiles,
      PROFILES.map((p) => [p.name, p.roleArns, p.durationSeconds, p.enabled]),
    );
    const pages = standIn.requests.slice(since);
    // 5 anchors at the default 2 a page, 3 profiles at pageSize=1; every request signed by the caller.
    assert.deepEqual(
      pages.map((r) => `${r.action} ${r.status}`),
      [...Array(3).fill('ListTrustAnchors 200'), ...Array(3).fill('ListProfiles 200')],
    );
    assert.ok(pages.every((r) => r.accessKeyId === CALLER.accessKeyId));
    assert.equal(pages[3]!.query['pageSize'], '1');
  });

  test('boto3 with session credentials is accepted; a wrong secret, unknown key or token, or region is refused', async () => {
    const ok = await boto3(standIn.url, `print(json.dumps(len(c.list_profiles(pageSize=5)['profiles'])))`, SESSION);
    assert.equal(ok, 3);
    const refused = async (creds: Record<string, string>) =>
      boto3(standIn.url, `print(json.dumps(refusal(lambda: c.list_trust_anchors())))`, creds);
    assert.deepEqual(await refused({ ...CALLER, secretAccessKey: 'wrong' }), ['InvalidSignatureException', 403]);
    assert.deepEqual(await refused({ ...CALLER, accessKeyId: 'AKIASTRANGER' }), ['UnrecognizedClientException', 403]);
    assert.deepEqual(await refused({ ...SESSION, sessionToken: 'other' }), ['UnrecognizedClientException', 403]);
    const other = await startRolesAnywhereControlStandIn({
      region: 'us-east-1',
      callers: [CALLER],
      trustAnchors: [],
      profiles: [],
    });
    try {
      assert.deepEqual(await boto3(other.url, `print(json.dumps(refusal(lambda: c.list_trust_anchors())))`), [
        'InvalidSignatureException',
        403,
      ]);
    } finally {
      await other.close();
    }
  });

  test('boto3: a forged nextToken is a ValidationException; a denied action an AccessDeniedException', async () => {
    assert.deepEqual(
      await boto3(standIn.url, `print(json.dumps(refusal(lambda: c.list_profiles(nextToken='forged'))))`),
      ['ValidationException', 400],
    );
    assert.deepEqual(
      await boto3(
        denying.url,
        `print(json.dumps([len(c.list_trust_anchors()['trustAnchors']), refusal(lambda: c.list_profiles())]))`,
      ),
      [5, ['AccessDeniedException', 403]],
    );
  });

  test("the audit's reader: every page, fields checked; a denied read is a line, a bad answer an error", async () => {
    const options = (url: string) => ({
      region: REGION,
      endpoints: { rolesAnywhere: { variable: 'AWS_ENDPOINT_URL_ROLESANYWHERE', url } },
      credentials: async () => SESSION,
      now: () => new Date(),
    });
    const read = await readRolesAnywhere(options(standIn.url));
    assert.ok(!('unread' in read));
    assert.deepEqual(
      read.trustAnchors.map((a) => [a.name, a.enabled, a.sourceType]),
      ANCHORS.map((a) => [a.name, a.enabled, a.source.sourceType]),
    );
    assert.deepEqual(read.profiles[1], {
      name: 'profile-2',
      arn: PROFILES[1]!.profileArn,
      enabled: true,
      roleArns: PROFILES[1]!.roleArns,
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      durationSeconds: 7200,
    });

    const denied = await readRolesAnywhere({ ...options(denying.url), credentials: async () => CALLER });
    assert.ok('unread' in denied);
    assert.match(denied.unread, /^Roles Anywhere not read: rolesanywhere:ListProfiles was denied/);

    // A region without the service: its endpoint name does not resolve (no such name exists in DNS).
    const elsewhere = await readRolesAnywhere({ ...options(''), region: 'zz-none-1', endpoints: undefined });
    assert.deepEqual(elsewhere, {
      unread:
        'Roles Anywhere not read: rolesanywhere.zz-none-1.amazonaws.com does not resolve; the service is not ' +
        'available in zz-none-1',
    });

    // A wrong secret is not "denied": the audit fails, naming the call.
    await assert.rejects(
      readRolesAnywhere({ ...options(standIn.url), credentials: async () => ({ ...CALLER, secretAccessKey: 'x' }) }),
      (err: unknown) =>
        err instanceof AwsError && /ListTrustAnchors failed: InvalidSignatureException \(HTTP 403\)/.test(err.message),
    );

    for (const [bad, field] of [
      [{ ...anchor(1), enabled: 'true' }, 'enabled'],
      [{ ...anchor(1), trustAnchorArn: 'arn:aws:iam::123456789012:role/x' }, 'trustAnchorArn'],
      [{ ...anchor(1), name: 'a\nb' }, 'name'],
    ] as const) {
      const hostile = await startRolesAnywhereControlStandIn({
        region: REGION,
        callers: [CALLER],
        trustAnchors: [bad],
        profiles: [],
      });
      try {
        await assert.rejects(
          readRolesAnywhere({ ...options(hostile.url), credentials: async () => CALLER }),
          (err: unknown) => err instanceof AwsError && err.code === 'MalformedAnswer' && err.message.includes(field),
        );
      } finally {
        await hostile.close();
      }
    }
  });
});
