/**
 * `bootstrap sync` end to end: the bundled CLI against moto (IAM, IoT) behind a recording proxy and the GitHub REST
 * stand-in. Three repositories provisioned, a second run that writes nothing at either peer (through an injected
 * Throttling answer), a dry run that writes nothing, and a repository dropped from the file revoked and cleaned up.
 * Every role sync makes carries the operator's boundary; the escalation check walks the policies `bootstrap oidc
 * --operator` writes, read back from moto.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateKeysAndCertificateCommand,
  DescribeCertificateCommand,
  DescribeRoleAliasCommand,
  DescribeThingCommand,
  IoTClient,
  ListThingPrincipalsCommand,
  UpdateCertificateCommand,
} from '@aws-sdk/client-iot';
import {
  CreatePolicyCommand,
  GetRoleCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  OPERATOR_BOUNDARY_NAME,
  OPERATOR_POLICY_NAME,
  operatorBoundaryArn,
  operatorPolicyDocument,
} from '../../src/bootstrap/policies.js';
import { notDeniedByBoundary, openEscalations, unboundedWrites } from '../support/iam-escalation.js';
import { startMoto, type Moto } from '../support/moto.js';
import { startFaultProxy, type FaultProxy, type RecordedRequest } from '../standins/fault-proxy.js';
import { startGithubStandIn, type GithubStandIn } from '../standins/github-api-standin.js';
import { ROOT, collect } from '../support/processes.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const TOKEN = 'ghs_synctesttoken0000000000000000000000';
const UNREACHABLE_ENDPOINT = 'https://127.0.0.1:9';
const POLICY = 'arn:aws:iam::123456789012:policy/api-deploy';
const BOUNDARY = `arn:aws:iam::123456789012:policy/${OPERATOR_BOUNDARY_NAME}`;
/** What bounds the operator in these runs: the boundary `bootstrap oidc --operator` made, api-deploy allowed. */
const LIMITS = ['--operator-boundary-arn', BOUNDARY, '--operator-allowed-policy-arn', POLICY];
/** `bootstrap oidc --operator` for the operator repository, with the allowed policy. */
const OPERATOR_ROLE = ['oidc', '--operator', '--repo', 'octo/operator', '--branch', 'main', ...LIMITS.slice(2)];

let moto: Moto;
let proxy: FaultProxy;
let gh: GithubStandIn;
let iot: IoTClient;
let iam: IAMClient;
let dir: string;

before(async () => {
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  gh = await startGithubStandIn({ token: TOKEN });
  for (const repo of ['octo/api', 'octo/web', 'octo/docs']) gh.addRepository(repo);
  const aws = {
    region: 'us-east-1',
    endpoint: moto.url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
  iot = new IoTClient(aws);
  iam = new IAMClient(aws);
  dir = mkdtempSync(join(tmpdir(), 'bootstrap-sync-'));
  // The operator's role and boundary first, as an account's administrators make them before the first sync. Its
  // repository is not one sync manages: GitHub knows it (for its ids), operator.yaml does not list it.
  gh.addRepository('octo/operator', { createdAt: '2026-08-01T00:00:00Z' });
  const made = await bootstrap(OPERATOR_ROLE);
  assert.equal(made.code, 0, made.stderr + made.stdout);
  const { ownerId, id } = gh.ids('octo/operator');
  assert.match(made.stdout, new RegExp(`trusts repo:octo@${ownerId}/operator@${id}:ref:refs/heads/main `));
  assert.match(made.stdout, new RegExp(`--operator-boundary-arn ${BOUNDARY} --operator-allowed-policy-arn ${POLICY}`));
  // The permissions octo/api's jobs get, made beforehand as an account's administrators would.
  await iam.send(
    new CreatePolicyCommand({
      PolicyName: 'api-deploy',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
      }),
    }),
  );
});
after(async () => {
  iot?.destroy();
  iam?.destroy();
  await gh?.close();
  await proxy?.close();
  await moto?.stop();
});

const ALL = [
  '# the operator file',
  'repositories:',
  '  - repo: octo/api',
  '    mode: iot',
  `    policy-arns: [${POLICY}]`,
  '  - repo: octo/web',
  '    environment: production',
  '    create-environment: true',
  '    mode: iot',
  '    rotate-after-days: 7',
  '  - repo: octo/docs',
  '    mode: iot',
].join('\n');
const WITHOUT_DOCS = ALL.split('\n').slice(0, -2).join('\n');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  awsWrites: string[];
  githubWrites: number;
  awsCalls: number;
}

async function sync(configText: string, extra: string[] = []): Promise<Run> {
  const file = join(dir, 'operator.yaml');
  writeFileSync(file, configText);
  const run = await bootstrap([
    'sync',
    '--config',
    file,
    '--iot-credential-endpoint',
    UNREACHABLE_ENDPOINT,
    ...LIMITS,
    ...extra,
  ]);
  syncRequests.push(...run.requests);
  return run;
}
/** Every AWS request a sync made, for the check against the operator role's policy. */
const syncRequests: RecordedRequest[] = [];

async function bootstrap(args: string[]): Promise<Run & { requests: RecordedRequest[] }> {
  const since = proxy.requests.length;
  const ghSince = gh.writes().length;
  const child = spawn(process.execPath, [CLI, 'bootstrap', ...args, '--aws-region', 'us-east-1'], {
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      AWS_ENDPOINT_URL: proxy.url,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: gh.url,
      ASLC_GITHUB_WRITE_INTERVAL_MS: '0',
    },
  });
  const done = await collect(child);
  const seen = proxy.requests.slice(since);
  return {
    ...done,
    awsWrites: awsWrites(seen),
    githubWrites: gh.writes().length - ghSince,
    awsCalls: seen.length,
    requests: seen,
  };
}

/** IAM: non-Get/List actions; IoT REST: anything but GET (and the read-only POST of ListAttachedPolicies). */
function awsWrites(requests: RecordedRequest[]): string[] {
  return requests
    .map((r) => {
      const action = r.params.get('Action');
      if (action) return /^(Get|List)/.test(action) ? '' : `iam:${action}`;
      return r.method === 'GET' || (r.method === 'POST' && r.path.startsWith('/attached-policies/'))
        ? ''
        : `iot:${r.method} ${r.path.split('?')[0]}`;
    })
    .filter(Boolean);
}

const planLine = (stdout: string, action: string, where: string) =>
  new RegExp(`^  ${action} +${where.replace(/[()/]/g, '\\$&')} +\\S+`, 'm').test(stdout);

test('a dry run on an empty account prints a create for each repository and writes nothing', async () => {
  const run = await sync(ALL, ['--dry-run']);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /Dry run, nothing was changed\. The plan \(3 create\)/);
  for (const where of ['octo/api', 'octo/web (environment production)', 'octo/docs'])
    assert.ok(planLine(run.stdout, 'create', where), `${where}: ${run.stdout}`);
  assert.deepEqual(run.awsWrites, []);
  assert.equal(run.githubWrites, 0);
});

test('sync provisions three repositories: secrets sealed into each, the thing marked with its repository', async () => {
  const run = await sync(ALL);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /Done \(3 create\)/);
  for (const [repo, env, name] of [
    ['octo/api', undefined, 'gh-octo-api'],
    ['octo/web', 'production', 'gh-octo-web-production'],
    ['octo/docs', undefined, 'gh-octo-docs'],
  ] as const) {
    assert.deepEqual(gh.secretNames(repo, env), ['IOT_CERTIFICATE', 'IOT_PRIVATE_KEY'], repo);
    assert.match(gh.secret(repo, 'IOT_PRIVATE_KEY', env)!, /-----BEGIN (RSA )?PRIVATE KEY-----/);
    assert.equal(gh.variable(repo, 'IOT_THING_NAME', env), name);
    assert.equal(gh.variable(repo, 'IOT_CREATED_BY', env), `aws-short-lived-credentials ${name}`);
    const id = gh.variable(repo, 'IOT_CERTIFICATE_ID', env)!;
    const cert = (await iot.send(new DescribeCertificateCommand({ certificateId: id }))).certificateDescription!;
    assert.equal(cert.status, 'ACTIVE');
    assert.equal(
      cert.certificatePem,
      gh.secret(repo, 'IOT_CERTIFICATE', env),
      'the secret is the certificate AWS holds',
    );
    const thing = await iot.send(new DescribeThingCommand({ thingName: name }));
    assert.deepEqual(thing.attributes, {
      'created-by': 'aws-short-lived-credentials',
      'github-repo': repo,
      ...(env ? { 'github-environment': env } : {}),
    });
  }
  assert.deepEqual(gh.secretNames('octo/web'), [], "the environment's secrets, not the repository's");
  // create-environment made it, and only the default branch may deploy to it.
  assert.deepEqual(gh.environment('octo/web', 'production'), {
    name: 'production',
    deploymentBranchPolicy: { protected_branches: false, custom_branch_policies: true },
    reviewers: [],
    branches: ['main'],
  });
  const attached =
    (await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'gh-octo-api-role' }))).AttachedPolicies ?? [];
  assert.deepEqual(
    attached.map((p) => p.PolicyArn),
    [POLICY],
  );
  const key = gh
    .secret('octo/api', 'IOT_PRIVATE_KEY')!
    .split('\n')
    .find((l) => l.length > 40)!;
  assert.ok(!run.stdout.includes(key) && !run.stderr.includes(key), 'no key in the output');
});

test('a second sync is all ok and writes nothing at either peer, through an AWS Throttling answer', async () => {
  proxy.queue({ kind: 'status', status: 429, code: 'ThrottlingException', message: 'Rate exceeded' });
  const run = await sync(ALL);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /Done \(3 ok\)/);
  assert.ok(
    proxy.requests.some((r) => r.fault === 'status'),
    'the Throttling answer was given',
  );
  assert.deepEqual(run.awsWrites, []);
  assert.equal(run.githubWrites, 0);
});

test('an environment that is unprotected, or missing without create-environment, is blocked by name before any write', async () => {
  gh.addRepository('octo/shop');
  gh.addEnvironment('octo/shop', 'staging');
  const entries = ['staging', 'qa'].map((e) => `  - repo: octo/shop\n    environment: ${e}\n    mode: iot\n`);
  const run = await sync(`${ALL}\n${entries.join('')}`);
  assert.equal(run.code, 1, run.stderr + run.stdout);
  assert.ok(planLine(run.stdout, 'blocked', 'octo/shop (environment staging)'), run.stdout);
  assert.match(run.stdout, /environment staging has no deployment branch policy and no required reviewers/);
  assert.ok(planLine(run.stdout, 'blocked', 'octo/shop (environment qa)'), run.stdout);
  assert.match(run.stdout, /environment qa does not exist; .*create-environment: true/);
  // The listed repositories were all ok already: nothing was written at either peer.
  assert.deepEqual(run.awsWrites, []);
  assert.equal(run.githubWrites, 0);
  assert.deepEqual(gh.environmentNames('octo/shop'), ['staging'], 'qa was not created');
  assert.equal(gh.environment('octo/shop', 'staging')?.deploymentBranchPolicy, null, 'staging left as it was');
});

test('Prod and prod in operator.yaml are one environment, as on GitHub: refused as a repeat before any call', async () => {
  const since = proxy.requests.length + gh.requests.length;
  const run = await sync(
    [
      'repositories:',
      '  - repo: octo/web',
      '    environment: Prod',
      '    mode: iot',
      '  - repo: octo/web',
      '    environment: prod',
      '    mode: iot',
      '    name: gh-web-prod-again',
    ].join('\n'),
  );
  assert.equal(run.code, 1, run.stderr + run.stdout);
  assert.match(run.stderr, /operator\.yaml repositories\[1\]': repeats repositories\[0\]/);
  assert.equal(proxy.requests.length + gh.requests.length, since);
});

test('a certificate found INACTIVE is rotated: a new pair delivered, the old one detached, then all ok again', async () => {
  const oldId = gh.variable('octo/api', 'IOT_CERTIFICATE_ID')!;
  const oldKey = gh.secret('octo/api', 'IOT_PRIVATE_KEY');
  await iot.send(new UpdateCertificateCommand({ certificateId: oldId, newStatus: 'INACTIVE' }));
  const run = await sync(ALL);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.ok(planLine(run.stdout, 'rotate', 'octo/api'), run.stdout);
  assert.match(run.stdout, new RegExp(`certificate ${oldId} is INACTIVE`));
  const newId = gh.variable('octo/api', 'IOT_CERTIFICATE_ID')!;
  assert.notEqual(newId, oldId);
  assert.notEqual(gh.secret('octo/api', 'IOT_PRIVATE_KEY'), oldKey);
  assert.equal(
    (await iot.send(new DescribeCertificateCommand({ certificateId: newId }))).certificateDescription!.status,
    'ACTIVE',
  );
  const principals = (await iot.send(new ListThingPrincipalsCommand({ thingName: 'gh-octo-api' }))).principals ?? [];
  assert.deepEqual(
    principals.map((p) => p.split('/').pop()),
    [newId],
    'only the new certificate is attached',
  );
  const again = await sync(ALL);
  assert.match(again.stdout, /Done \(3 ok\)/);
  assert.deepEqual(again.awsWrites, []);
  assert.equal(again.githubWrites, 0);
});

test('a repository dropped from the file: the dry run writes nothing; then its certificate is revoked, its secrets deleted, its AWS side removed', async () => {
  const id = gh.variable('octo/docs', 'IOT_CERTIFICATE_ID')!;
  const dry = await sync(WITHOUT_DOCS, ['--dry-run']);
  assert.equal(dry.code, 0, dry.stderr + dry.stdout);
  assert.ok(planLine(dry.stdout, 'revoke', 'octo/docs'), dry.stdout);
  assert.match(dry.stdout, /no longer listed/);
  assert.deepEqual(dry.awsWrites, []);
  assert.equal(dry.githubWrites, 0);
  assert.equal(gh.secretNames('octo/docs').length, 2);

  const run = await sync(WITHOUT_DOCS);
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.match(run.stdout, /Done \(2 ok, 1 revoke\)/);
  assert.ok(
    run.awsWrites.some((w) => w === `iot:PUT /certificates/${id}`),
    `UpdateCertificate REVOKED: ${run.awsWrites.join(' ')}`,
  );
  assert.deepEqual(gh.secretNames('octo/docs'), []);
  assert.deepEqual(gh.variableNames('octo/docs'), []);
  await assert.rejects(
    iot.send(new DescribeCertificateCommand({ certificateId: id })),
    /ResourceNotFound|not found|does not exist/i,
    'the revoked certificate is deleted',
  );
  await assert.rejects(iot.send(new DescribeThingCommand({ thingName: 'gh-octo-docs' })));
  await assert.rejects(iot.send(new DescribeRoleAliasCommand({ roleAlias: 'gh-octo-docs-role-alias' })));
  await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'gh-octo-docs-role' })));
  assert.equal(gh.secretNames('octo/api').length, 2, 'the others are untouched');

  const again = await sync(WITHOUT_DOCS);
  assert.match(again.stdout, /Done \(2 ok\)/);
  assert.deepEqual(again.awsWrites, []);
  assert.equal(again.githubWrites, 0);
});

test('a repository GitHub cannot find is blocked with the reason (exit 1); the others are still checked', async () => {
  const run = await sync(`${WITHOUT_DOCS}\n  - repo: octo/missing\n    mode: iot\n`);
  assert.equal(run.code, 1, run.stderr + run.stdout);
  assert.ok(planLine(run.stdout, 'blocked', 'octo/missing'), run.stdout);
  assert.match(run.stdout, /404: the repository does not exist or the token cannot see it/);
  assert.deepEqual(run.awsWrites, []);
});

test('a mistake in the file is named with its entry and key, before any call', async () => {
  const since = proxy.requests.length + gh.requests.length;
  const run = await sync('repositories:\n  - repo: octo/api\n    mode: iot\n    rotate-after-day: 3\n');
  assert.equal(run.code, 1);
  assert.match(run.stderr, /operator\.yaml repositories\[0\]\.rotate-after-day': is not a key of a repository entry/);
  assert.equal(proxy.requests.length + gh.requests.length, since);
});

/** AWS IoT's REST routes (docs.aws.amazon.com/iot/latest/apireference) as the IAM action each one is authorized as. */
const IOT_ROUTES: Array<[string, RegExp, string]> = [
  ['GET', /^\/things$/, 'ListThings'],
  ['GET', /^\/things\/[^/]+$/, 'DescribeThing'],
  ['POST', /^\/things\/[^/]+$/, 'CreateThing'],
  ['DELETE', /^\/things\/[^/]+$/, 'DeleteThing'],
  ['GET', /^\/things\/[^/]+\/principals$/, 'ListThingPrincipals'],
  ['PUT', /^\/things\/[^/]+\/principals$/, 'AttachThingPrincipal'],
  ['DELETE', /^\/things\/[^/]+\/principals$/, 'DetachThingPrincipal'],
  ['GET', /^\/thing-types\/[^/]+$/, 'DescribeThingType'],
  ['POST', /^\/thing-types\/[^/]+$/, 'CreateThingType'],
  ['DELETE', /^\/thing-types\/[^/]+$/, 'DeleteThingType'],
  ['POST', /^\/thing-types\/[^/]+\/deprecate$/, 'DeprecateThingType'],
  ['POST', /^\/keys-and-certificate$/, 'CreateKeysAndCertificate'],
  ['GET', /^\/certificates\/[^/]+$/, 'DescribeCertificate'],
  ['PUT', /^\/certificates\/[^/]+$/, 'UpdateCertificate'],
  ['DELETE', /^\/certificates\/[^/]+$/, 'DeleteCertificate'],
  ['POST', /^\/attached-policies\/[^/]+$/, 'ListAttachedPolicies'],
  ['PUT', /^\/target-policies\/[^/]+$/, 'AttachPolicy'],
  ['POST', /^\/target-policies\/[^/]+$/, 'DetachPolicy'],
  ['GET', /^\/policies\/[^/]+$/, 'GetPolicy'],
  ['POST', /^\/policies\/[^/]+$/, 'CreatePolicy'],
  ['DELETE', /^\/policies\/[^/]+$/, 'DeletePolicy'],
  ['GET', /^\/policies\/[^/]+\/version$/, 'ListPolicyVersions'],
  ['POST', /^\/policies\/[^/]+\/version$/, 'CreatePolicyVersion'],
  ['DELETE', /^\/policies\/[^/]+\/version\/[^/]+$/, 'DeletePolicyVersion'],
  ['GET', /^\/role-aliases\/[^/]+$/, 'DescribeRoleAlias'],
  ['POST', /^\/role-aliases\/[^/]+$/, 'CreateRoleAlias'],
  ['PUT', /^\/role-aliases\/[^/]+$/, 'UpdateRoleAlias'],
  ['DELETE', /^\/role-aliases\/[^/]+$/, 'DeleteRoleAlias'],
  ['GET', /^\/endpoint$/, 'DescribeEndpoint'],
];

function actionOf(r: RecordedRequest): string {
  const iamAction = r.params.get('Action');
  if (iamAction) return `iam:${iamAction}`;
  const path = r.path.split('?')[0]!;
  const route = IOT_ROUTES.find(([method, pattern]) => method === r.method && pattern.test(path));
  assert.ok(route, `${r.method} ${path} is not in IOT_ROUTES; add it with its action`);
  return `iot:${route[2]}`;
}

/** In the policy but not called by the runs above, each for a reason. */
const NOT_CALLED_HERE: Record<string, string> = {
  'iot:DescribeEndpoint': 'the test gives --iot-credential-endpoint',
  'iot:CreatePolicyVersion': 'only for an IoT policy that drifted',
  'iot:DeletePolicyVersion': 'only when deleting a policy with old versions',
  'iot:UpdateRoleAlias': 'only for a role alias that drifted',
  'iam:DetachRolePolicy': 'only when removing a role with managed policies',
  'iam:ListRoleTags': 'only when GetRole answers without tags',
  'iam:GetRolePolicy': 'only for a role with inline policies',
  'iam:TagRole': 'authorizes the tags CreateRole carries',
  'iot:TagResource': 'authorizes the tags CreateThingType and CreateRoleAlias carry',
  'iam:PassRole': 'authorizes CreateRoleAlias handing the role to credentials.iot.amazonaws.com',
};

test("sync calls exactly what the operator role's policy allows: nothing outside it, and nothing in it goes unexplained", () => {
  const allowed = new Set(
    operatorPolicyDocument('aws', 'us-east-1', { boundaryArn: BOUNDARY, allowedPolicyArns: [POLICY] })
      .Statement.filter((s) => s['Effect'] === 'Allow')
      .flatMap((s) => [s['Action']].flat() as string[]),
  );
  const called = new Set(syncRequests.map(actionOf));
  assert.deepEqual(
    [...called].filter((a) => !allowed.has(a)),
    [],
    'called but not allowed',
  );
  assert.deepEqual(
    [...allowed].filter((a) => !called.has(a)).sort(),
    Object.keys(NOT_CALLED_HERE).sort(),
    'allowed but not called (and not explained)',
  );
});

test('the escalation check: the policies bootstrap oidc --operator wrote, read back from moto, open no published path', async () => {
  const inline = await iam.send(
    new GetRolePolicyCommand({ RoleName: 'github-octo-operator', PolicyName: OPERATOR_POLICY_NAME }),
  );
  const operator = JSON.parse(decodeURIComponent(inline.PolicyDocument!)) as Parameters<typeof openEscalations>[0];
  const policy = (await iam.send(new GetPolicyCommand({ PolicyArn: BOUNDARY }))).Policy!;
  const version = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn: BOUNDARY, VersionId: policy.DefaultVersionId! }),
  );
  const boundary = JSON.parse(decodeURIComponent(version.PolicyVersion!.Document!)) as Parameters<
    typeof notDeniedByBoundary
  >[0];
  // The inline policy names the boundary through aws:PrincipalAccount, which IAM resolves to this account.
  const limits = { boundaryArn: operatorBoundaryArn('aws'), allowedPolicyArns: [POLICY] };
  assert.deepEqual(openEscalations(operator, limits), []);
  assert.deepEqual(unboundedWrites(operator, limits), []);
  assert.deepEqual(notDeniedByBoundary(boundary), [], 'a role sync makes can change no identity');
  // And the check is not vacuous: the same document with another boundary, or without its conditions, fails it.
  assert.notDeepEqual(openEscalations(operator, { ...limits, boundaryArn: BOUNDARY.replace('sync', 'other') }), []);
});

test('every role sync made carries the boundary', async () => {
  for (const role of ['gh-octo-api-role', 'gh-octo-web-production-role']) {
    const got = (await iam.send(new GetRoleCommand({ RoleName: role }))).Role!;
    assert.equal(got.PermissionsBoundary?.PermissionsBoundaryArn, BOUNDARY, role);
  }
});

test('operator.yaml naming a policy outside the allowed set is refused by name, before any call', async () => {
  const since = proxy.requests.length + gh.requests.length;
  const admin = 'arn:aws:iam::aws:policy/AdministratorAccess';
  const run = await sync(`repositories:\n  - repo: octo/api\n    mode: iot\n    policy-arns: [${admin}]\n`);
  assert.equal(run.code, 1, run.stderr + run.stdout);
  assert.match(run.stderr, /operator\.yaml repositories\[0\]\.policy-arns/);
  assert.match(
    run.stderr,
    new RegExp(`${admin.replace(/[/]/g, '\\/')} is not among the policies the operator may attach`),
  );
  assert.equal(proxy.requests.length + gh.requests.length, since);
  const unbounded = await bootstrap(['sync', '--config', join(dir, 'operator.yaml')]);
  assert.equal(unbounded.code, 1);
  assert.match(unbounded.stderr, /operator-boundary-arn': is required/);
});

test("a rotation verifies against the operator's endpoint, never the repository's IOT_CREDENTIAL_ENDPOINT", async () => {
  let connections = 0;
  const trap = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const planted = `https://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  try {
    const set = await fetch(`${gh.url}/repos/octo/api/actions/variables/IOT_CREDENTIAL_ENDPOINT`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'IOT_CREDENTIAL_ENDPOINT', value: planted }),
    });
    assert.equal(set.status, 204);
    const id = gh.variable('octo/api', 'IOT_CERTIFICATE_ID')!;
    await iot.send(new UpdateCertificateCommand({ certificateId: id, newStatus: 'INACTIVE' }));
    // No --iot-credential-endpoint: the operator's own answer is AWS IoT's DescribeEndpoint.
    writeFileSync(join(dir, 'operator.yaml'), WITHOUT_DOCS);
    const run = await bootstrap(['sync', '--config', join(dir, 'operator.yaml'), ...LIMITS]);
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assert.ok(planLine(run.stdout, 'rotate', 'octo/api'), run.stdout);
    assert.equal(connections, 0, 'the planted endpoint saw the new certificate');
    // moto answers DescribeEndpoint with a new random prefix each time: its shape, and not the planted one.
    assert.match(
      gh.variable('octo/api', 'IOT_CREDENTIAL_ENDPOINT')!,
      /^\w+\.credentials\.iot\.us-east-1\.amazonaws\.com$/,
    );
  } finally {
    trap.close();
  }
});

test("a repository's IOT_CERTIFICATE_ID naming another's certificate: the revocation leaves that certificate alone", async () => {
  const foreign = await iot.send(new CreateKeysAndCertificateCommand({ setAsActive: true }));
  const set = await fetch(`${gh.url}/repos/octo/web/environments/production/variables/IOT_CERTIFICATE_ID`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'IOT_CERTIFICATE_ID', value: foreign.certificateId }),
  });
  assert.equal(set.status, 204);
  const run = await sync(ALL.split('\n').slice(0, 5).join('\n'));
  assert.equal(run.code, 0, run.stderr + run.stdout);
  assert.ok(planLine(run.stdout, 'revoke', 'octo/web (environment production)'), run.stdout);
  const after = await iot.send(new DescribeCertificateCommand({ certificateId: foreign.certificateId! }));
  assert.equal(after.certificateDescription?.status, 'ACTIVE', 'not revoked, not deleted');
  assert.ok(!run.awsWrites.some((w) => w.includes(foreign.certificateId!)), run.awsWrites.join(' '));
});

test('bootstrap oidc --operator: the role carries that policy, a re-run writes nothing, destroy removes the policy then the role', async () => {
  const limits = { boundaryArn: operatorBoundaryArn('aws'), allowedPolicyArns: [POLICY] };
  const got = await iam.send(
    new GetRolePolicyCommand({ RoleName: 'github-octo-operator', PolicyName: OPERATOR_POLICY_NAME }),
  );
  const document = JSON.parse(decodeURIComponent(got.PolicyDocument!)) as unknown;
  assert.deepEqual(document, JSON.parse(JSON.stringify(operatorPolicyDocument('aws', 'us-east-1', limits))));
  const again = await bootstrap(OPERATOR_ROLE);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(again.awsWrites, []);
  const gone = await bootstrap(['destroy', '--role-name', 'github-octo-operator']);
  assert.equal(gone.code, 0, gone.stderr + gone.stdout);
  assert.deepEqual(gone.awsWrites, ['iam:DeleteRolePolicy', 'iam:DeleteRole']);
  await assert.rejects(iam.send(new GetRoleCommand({ RoleName: 'github-octo-operator' })));
});
