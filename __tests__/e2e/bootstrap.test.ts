/**
 * `bootstrap` end to end: the bundled CLI against moto (IAM and IoT) behind a recording proxy, so the tests can count
 * what exists afterwards (through the SDK, straight at moto) and which calls wrote anything.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand as CreateIamPolicyCommand,
  CreateRoleCommand,
  GetOpenIDConnectProviderCommand,
  GetRoleCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreatePolicyCommand,
  CreateRoleAliasCommand,
  CreateThingCommand,
  DescribeCertificateCommand,
  DescribeThingCommand,
  IoTClient,
  ListAttachedPoliciesCommand,
  ListCertificatesCommand,
  ListPoliciesCommand,
  ListRoleAliasesCommand,
  ListThingPrincipalsCommand,
  ListThingsCommand,
} from '@aws-sdk/client-iot';
import { startMoto, type Moto } from '../support/moto.js';
import { startFaultProxy, type Fault, type FaultProxy, type RecordedRequest } from '../standins/fault-proxy.js';
import { startGithubStandIn, type GithubStandIn } from '../standins/github-api-standin.js';
import { githubClaims, trustAdmits } from '../support/trust-match.js';
import { ROOT, collect } from '../support/processes.js';
import { loadSettings } from '../../src/cli/load-settings.js';
import { ACTION_INPUTS } from '../../src/config/input-names.js';
import { BOOTSTRAP_FLAGS, CLI_ONLY_INPUTS } from '../../src/cli/settings.js';
import { AUDIT_RULES } from '../../src/bootstrap/audit-rules.js';
import { iotPolicyDocument, iotRoleTrustPolicy } from '../../src/bootstrap/policies.js';
import { sarifErrors } from '../support/sarif-schema.js';
import {
  startRolesAnywhereControlStandIn,
  type RolesAnywhereControlStandIn,
} from '../standins/roles-anywhere-control-standin.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const REGION = 'us-east-1';
const CREDS = { accessKeyId: 'testing', secretAccessKey: 'testing' };

let moto: Moto;
let proxy: FaultProxy;
let dir: string;
let iot: IoTClient;
let iam: IAMClient;
/** The Roles Anywhere control plane the audit reads (moto has none); set by the audit's tests. */
let rolesAnywhereUrl: string | undefined;

before(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.url);
  dir = mkdtempSync(join(tmpdir(), 'bootstrap-e2e-'));
  // The test's own view of the account goes straight to moto, so it is neither recorded nor faulted.
  iot = new IoTClient({ region: REGION, endpoint: moto.url, credentials: CREDS });
  iam = new IAMClient({ region: REGION, endpoint: moto.url, credentials: CREDS });
});
after(async () => {
  iot?.destroy();
  iam?.destroy();
  await proxy?.close();
  await moto?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The requests this run sent. */
  requests: RecordedRequest[];
}

/** Runs the bundled CLI with the operator's credentials from the environment, one attempt per call. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const since = proxy.requests.length;
  const child = spawn(process.execPath, [CLI, 'bootstrap', ...args], {
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      AWS_ENDPOINT_URL: proxy.url,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: REGION,
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ...(rolesAnywhereUrl ? { AWS_ENDPOINT_URL_ROLESANYWHERE: rolesAnywhereUrl } : {}),
      ...env,
    },
  });
  return collect(child).then((done) => ({ ...done, requests: proxy.requests.slice(since) }));
}

/**
 * IAM speaks the query protocol (Action=...), IoT REST: a write is a non-Get/List action, or a non-GET request other
 * than ListAttachedPolicies (a POST to /attached-policies/<target> that only reads).
 */
function writes(run: Run): string[] {
  return run.requests
    .map((r) => {
      const action = r.params.get('Action');
      if (action) return /^(Get|List)/.test(action) ? '' : `iam:${action}`;
      return r.method === 'GET' || (r.method === 'POST' && r.path.startsWith('/attached-policies/'))
        ? ''
        : `iot:${r.method} ${r.path.split('?')[0]}`;
    })
    .filter(Boolean);
}

/** Makes the proxy answer the request after the first one matching `when` with `fault`. */
function faultAfter(when: (r: RecordedRequest) => boolean, fault: Fault): void {
  const requests = proxy.requests;
  const push = requests.push.bind(requests);
  let armed = true;
  requests.push = (...items: RecordedRequest[]): number => {
    const n = push(...items);
    if (armed && items.some(when)) {
      armed = false;
      proxy.queue(fault);
    }
    return n;
  };
}

async function counts(): Promise<{
  things: number;
  certificates: number;
  policies: number;
  aliases: number;
  roles: number;
}> {
  return {
    things: (await iot.send(new ListThingsCommand({}))).things?.length ?? 0,
    certificates: (await iot.send(new ListCertificatesCommand({}))).certificates?.length ?? 0,
    policies: (await iot.send(new ListPoliciesCommand({}))).policies?.length ?? 0,
    aliases: (await iot.send(new ListRoleAliasesCommand({}))).roleAliases?.length ?? 0,
    roles: (await iam.send(new ListRolesCommand({}))).Roles?.length ?? 0,
  };
}

async function thingCertificates(thing: string): Promise<string[]> {
  return ((await iot.send(new ListThingPrincipalsCommand({ thingName: thing }))).principals ?? []).map((p) =>
    p.split('/').pop()!,
  );
}

async function certificateStatus(id: string): Promise<string | undefined> {
  try {
    return (await iot.send(new DescribeCertificateCommand({ certificateId: id }))).certificateDescription?.status;
  } catch {
    return undefined;
  }
}

async function exists(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return true;
  } catch {
    return false;
  }
}

const out = (name: string, file: string) => join(dir, 'output', name, file);

/** The base64 lines of a PEM file: none may appear in anything the CLI prints. */
function pemBodyLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length >= 40 && !l.startsWith('-----'));
}

function assertNoPem(run: Run, name: string): void {
  const printed = run.stdout + run.stderr;
  assert.ok(!printed.includes('-----BEGIN'), 'a PEM header was printed');
  for (const file of ['private.key', 'certificate.pem']) {
    for (const line of pemBodyLines(out(name, file)))
      assert.ok(!printed.includes(line), `a line of ${file} was printed`);
  }
}

let policyArn: string;

describe('bootstrap iot', () => {
  test('--dry-run on an empty account prints the plan and makes no write call', async () => {
    const run = await cli(['iot', 'runner-1', '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Dry run, nothing was changed/);
    assert.match(run.stdout, /create\s+iam-role\s+runner-1-role/);
    assert.match(run.stdout, /create\s+certificate/);
    assert.match(run.stdout, /attach\s+thing-principal/);
    assert.ok(run.requests.length > 0, 'discovery read the account');
    assert.deepEqual(writes(run), []);
    assert.ok(!existsSync(join(dir, 'output')));
    assert.deepEqual(await counts(), { things: 0, certificates: 0, policies: 0, aliases: 0, roles: 0 });
  });

  test('creates role, thing, certificate, policy and alias, and writes the files', async () => {
    policyArn = (
      await iam.send(
        new CreateIamPolicyCommand({
          PolicyName: 'ci-deploy',
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
          }),
        }),
      )
    ).Policy!.Arn!;
    const run = await cli(['iot', 'runner-1', '--policy-arn', policyArn, '--duration-seconds', '900']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(await counts(), { things: 1, certificates: 1, policies: 1, aliases: 1, roles: 1 });
    assert.equal(statSync(out('runner-1', 'private.key')).mode & 0o777, 0o600);
    assert.match(readFileSync(out('runner-1', 'certificate.pem'), 'utf8'), /^-----BEGIN CERTIFICATE-----/);
    assert.match(readFileSync(out('runner-1', 'public.key'), 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    assertNoPem(run, 'runner-1');
    // Secrets by name, and the workflow step.
    assert.match(run.stdout, /IOT_CERTIFICATE/);
    assert.match(run.stdout, /IOT_PRIVATE_KEY/);
    assert.match(run.stdout, /uses: aws-short-lived-credentials\/aws-short-lived-credentials@v1/);
    assert.match(run.stdout, /role-alias: runner-1-role-alias/);
    // The certificate carries the policy and belongs to the thing; the role has the managed policy.
    const [id] = await thingCertificates('runner-1');
    assert.equal(readFileSync(out('runner-1', 'certificate.id'), 'utf8').trim(), id);
    const attached = await iot.send(
      new ListAttachedPoliciesCommand({ target: `arn:aws:iot:${REGION}:123456789012:cert/${id}` }),
    );
    assert.deepEqual(
      attached.policies?.map((p) => p.policyName),
      ['runner-1-policy'],
    );
    const role = await iam.send(new GetRoleCommand({ RoleName: 'runner-1-role' }));
    assert.ok(role.Role?.Tags?.some((t) => t.Key === 'created-by' && t.Value === 'aws-short-lived-credentials'));
  });

  test('auth.yaml is what credential-process --auth reads', async () => {
    const text = readFileSync(out('runner-1', 'auth.yaml'), 'utf8');
    assert.match(text, /^mode: iot-certificate$/m);
    assert.match(text, /^certificate: certificate\.pem$/m);
    assert.match(text, /^private-key: private\.key$/m);
    const known = new Set<string>([...ACTION_INPUTS, ...CLI_ONLY_INPUTS, ...BOOTSTRAP_FLAGS]);
    const { config } = await loadSettings(
      { command: 'credential-process', flags: new Map([['auth', out('runner-1', 'auth.yaml')]]), rest: [] },
      { env: {}, stdout: () => {}, stderr: () => {} },
      known,
    );
    assert.equal(config.region, REGION);
    assert.equal(config.source.mode, 'iot-certificate');
    if (config.source.mode !== 'iot-certificate') return;
    assert.equal(config.source.roleAlias, 'runner-1-role-alias');
    assert.equal(config.source.thingName, 'runner-1');
    assert.match(config.source.endpoint, /\.credentials\.iot\.us-east-1\.amazonaws\.com/);
  });

  test('re-running finds everything: no new resource, no write call', async () => {
    const before = await counts();
    const run = await cli(['iot', 'runner-1', '--policy-arn', policyArn, '--duration-seconds', '900']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Everything was already in place/);
    assert.deepEqual(writes(run), []);
    assert.deepEqual(await counts(), before);
  });

  test('--dry-run after a change of duration shows the change and writes nothing', async () => {
    const run = await cli(['iot', 'runner-1', '--policy-arn', policyArn, '--dry-run']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /change\s+role-alias\s+runner-1-role-alias\s+\(duration 900 -> 3600 s\)/);
    assert.match(run.stdout, /exists\s+certificate/);
    assert.deepEqual(writes(run), []);
  });
});

describe('a failure half-way', () => {
  test('names the failed step, keeps the minted key, and a re-run completes without a second certificate', async () => {
    const before = await counts();
    // AttachThingPrincipal comes right after AttachPolicy: fail it, after the certificate was minted.
    faultAfter((r) => r.method === 'PUT' && r.path.startsWith('/target-policies/runner-2-policy'), {
      kind: 'status',
      status: 500,
      code: 'InternalFailure',
    });
    const failed = await cli(['iot', 'runner-2']);
    assert.equal(failed.code, 3, failed.stdout + failed.stderr);
    assert.match(failed.stderr, /bootstrap step \d+\/\d+ \(attach thing-principal .* -> runner-2\)/);
    assert.match(failed.stderr, /re-run the same command/);
    assert.equal(statSync(out('runner-2', 'private.key')).mode & 0o777, 0o600);
    assert.deepEqual(await thingCertificates('runner-2'), []);
    assert.equal((await counts()).certificates, before.certificates + 1);

    const rerun = await cli(['iot', 'runner-2']);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.deepEqual(
      writes(rerun).map((w) => w.replace(/[0-9a-f]{64}/g, 'ID')),
      ['iot:PUT /things/runner-2/principals'],
    );
    const after = await counts();
    assert.equal(after.certificates, before.certificates + 1, 'no second certificate');
    assert.equal(after.things, before.things + 1);
    assert.deepEqual(await thingCertificates('runner-2'), [
      readFileSync(out('runner-2', 'certificate.id'), 'utf8').trim(),
    ]);
    assert.ok(existsSync(out('runner-2', 'auth.yaml')));
    assertNoPem(rerun, 'runner-2');
  });

  test('a failure in the first write leaves nothing half-made, and the re-run creates everything once', async () => {
    const before = await counts();
    faultAfter((r) => r.method === 'GET' && r.path.startsWith('/role-aliases/runner-3-role-alias'), {
      kind: 'status',
      status: 500,
      code: 'InternalFailure',
    });
    const failed = await cli(['iot', 'runner-3']);
    assert.equal(failed.code, 3);
    assert.match(failed.stderr, /bootstrap step 1\/\d+ \(create iam-role runner-3-role\)/);
    const rerun = await cli(['iot', 'runner-3']);
    assert.equal(rerun.code, 0, rerun.stderr);
    const after = await counts();
    assert.deepEqual(
      {
        things: after.things - before.things,
        certificates: after.certificates - before.certificates,
        roles: after.roles - before.roles,
      },
      { things: 1, certificates: 1, roles: 1 },
    );
  });
});

describe('lifecycle', () => {
  let first: string;
  let second: string;

  test('rotate attaches a new certificate, switches the files, then deactivates and detaches the old one', async () => {
    first = readFileSync(out('runner-1', 'certificate.id'), 'utf8').trim();
    const oldKey = readFileSync(out('runner-1', 'private.key'), 'utf8');
    const run = await cli(['rotate', 'runner-1']);
    assert.equal(run.code, 0, run.stderr);
    second = readFileSync(out('runner-1', 'certificate.id'), 'utf8').trim();
    assert.notEqual(second, first);
    assert.notEqual(readFileSync(out('runner-1', 'private.key'), 'utf8'), oldKey);
    assert.equal(statSync(out('runner-1', 'private.key')).mode & 0o777, 0o600);
    assert.deepEqual(await thingCertificates('runner-1'), [second]);
    assert.equal(await certificateStatus(first), 'INACTIVE');
    assert.equal(await certificateStatus(second), 'ACTIVE');
    // The new one was attached before the old one was let go.
    const w = writes(run);
    const attachNew = w.findIndex((x) => x === 'iot:PUT /things/runner-1/principals');
    const deactivateOld = w.findIndex((x) => x.startsWith(`iot:PUT /certificates/${first}`));
    assert.ok(attachNew >= 0 && deactivateOld > attachNew, w.join('\n'));
    assertNoPem(run, 'runner-1');
  });

  test('revoke sets the certificate REVOKED and detaches it from thing and policy', async () => {
    const run = await cli(['revoke', 'runner-1']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(await certificateStatus(second), 'REVOKED');
    assert.deepEqual(await thingCertificates('runner-1'), []);
    const attached = await iot.send(
      new ListAttachedPoliciesCommand({ target: `arn:aws:iot:${REGION}:123456789012:cert/${second}` }),
    );
    assert.deepEqual(attached.policies ?? [], []);
  });

  test('destroy removes what bootstrap created, and nothing else', async () => {
    await iot.send(new CreateThingCommand({ thingName: 'made-by-hand' }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'made-by-hand',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
      }),
    );
    const dry = await cli(['destroy', 'runner-1', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(writes(dry), []);
    const run = await cli(['destroy', 'runner-1']);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(!(await exists(() => iot.send(new DescribeThingCommand({ thingName: 'runner-1' })))));
    assert.ok(!(await exists(() => iam.send(new GetRoleCommand({ RoleName: 'runner-1-role' })))));
    assert.equal(await certificateStatus(first), undefined, 'the rotated-out certificate is deleted too');
    assert.equal(await certificateStatus(second), undefined);
    const names = (await iot.send(new ListPoliciesCommand({}))).policies?.map((p) => p.policyName);
    assert.ok(!names?.includes('runner-1-policy'));
    assert.ok(!(await iot.send(new ListRoleAliasesCommand({}))).roleAliases?.includes('runner-1-role-alias'));
    assert.ok(await exists(() => iot.send(new DescribeThingCommand({ thingName: 'made-by-hand' }))));
    assert.ok(await exists(() => iam.send(new GetRoleCommand({ RoleName: 'made-by-hand' }))));
    assert.ok(
      await exists(() => iot.send(new DescribeThingCommand({ thingName: 'runner-2' }))),
      'another bootstrap is untouched',
    );
    assert.ok(!existsSync(out('runner-1', 'private.key')));
  });

  test('destroy keeps a thing it did not create but removes what it made around it', async () => {
    await iot.send(new CreateThingCommand({ thingName: 'runner-4' }));
    const made = await cli(['iot', 'runner-4']);
    assert.equal(made.code, 0, made.stderr);
    assert.match(made.stdout, /exists\s+thing\s+runner-4\s+\(not created by bootstrap; reused\)/);
    const run = await cli(['destroy', 'runner-4']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /exists\s+thing\s+runner-4\s+\(kept: no created-by attribute\)/);
    assert.ok(await exists(() => iot.send(new DescribeThingCommand({ thingName: 'runner-4' }))));
    assert.ok(!(await exists(() => iam.send(new GetRoleCommand({ RoleName: 'runner-4-role' })))));
  });
});

describe('bootstrap oidc', () => {
  // GitHub, for the repositories' ids: public ones read without a token, as bootstrap oidc reads them by default.
  let gh: GithubStandIn;
  const SUB = 'token.actions.githubusercontent.com:sub';
  const AUD = 'token.actions.githubusercontent.com:aud';
  before(async () => {
    gh = await startGithubStandIn({ token: 'ghs_bootstraptoken00000000000000000000' });
    gh.addRepository('my-org/my-repo', { ownerId: 1001, id: 2001, createdAt: '2023-05-02T10:00:00Z' });
    gh.addRepository('my-org/other-repo', { id: 2002, createdAt: '2025-01-01T00:00:00Z' });
    gh.addRepository('octo-org/octo-repo', { ownerId: 123456, id: 789012, createdAt: '2026-08-03T08:00:00Z' });
    gh.addRepository('octo-org/private-repo', { id: 789013, private: true, createdAt: '2026-09-01T00:00:00Z' });
  });
  after(() => gh?.close());
  const oidc = (args: string[], env: Record<string, string> = {}) =>
    cli(['oidc', ...args], { GITHUB_API_URL: gh.url, ...env });
  async function trust(roleName: string): Promise<{ Statement: Array<{ Condition: Record<string, unknown> }> }> {
    const raw = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role!.AssumeRolePolicyDocument!;
    return JSON.parse(raw.startsWith('{') ? raw : decodeURIComponent(raw)) as {
      Statement: Array<{ Condition: Record<string, unknown> }>;
    };
  }

  test('refuses a trust policy for every repository, before any call', async () => {
    const run = await cli(['oidc', '--repo', '*/my-repo']);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /'repo'.*wildcard owner.*--i-understand-any-repo/);
    assert.deepEqual(run.requests, []);
  });

  test('creates the provider once and a role limited to the repository and branch', async () => {
    const run = await oidc(['--repo', 'my-org/my-repo', '--branch', 'main', '--policy-arn', policyArn]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /create\s+oidc-provider/);
    // Created before 2026-07-15: it may emit either form (GitHub does not say whether it opted in), so both.
    assert.deepEqual((await trust('github-my-org-my-repo')).Statement[0]!.Condition, {
      StringEquals: {
        [AUD]: 'sts.amazonaws.com',
        [SUB]: ['repo:my-org@1001/my-repo@2001:ref:refs/heads/main', 'repo:my-org/my-repo:ref:refs/heads/main'],
      },
    });
    const second = await oidc(['--repo', 'my-org/other-repo', '--environment', 'prod']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /exists\s+oidc-provider/);
    assert.equal((await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.length, 1);
  });

  test('re-running writes nothing; a changed branch is reported as drift and updated', async () => {
    const again = await oidc(['--repo', 'my-org/my-repo', '--branch', 'main', '--policy-arn', policyArn]);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(writes(again), []);
    const changed = await oidc(['--repo', 'my-org/my-repo', '--tag', 'v1.0.0', '--policy-arn', policyArn]);
    assert.equal(changed.code, 0, changed.stderr);
    assert.match(changed.stdout, /drift\s+iam-role\s+github-my-org-my-repo/);
    assert.deepEqual(writes(changed), ['iam:UpdateAssumeRolePolicy']);
  });

  test("a repository created since 2026-07-15 is trusted in the immutable form only, and its token's claims match", async () => {
    const run = await oidc(['--repo', 'octo-org/octo-repo', '--branch', 'main']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /trusts repo:octo-org@123456\/octo-repo@789012:ref:refs\/heads\/main \(aud/);
    assert.deepEqual(gh.requests.at(-1), { method: 'GET', path: '/repos/octo-org/octo-repo', status: 200 });
    const doc = await trust('github-octo-org-octo-repo');
    assert.deepEqual(doc.Statement[0]!.Condition, {
      StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: 'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main' },
    });
    const repo = { owner: 'octo-org', ownerId: 123456, name: 'octo-repo', id: 789012 };
    assert.ok(trustAdmits(doc, githubClaims(repo, 'refs/heads/main', 'immutable')));
    assert.ok(!trustAdmits(doc, githubClaims(repo, 'refs/heads/main', 'legacy')), 'the name alone no longer matches');
    assert.ok(!trustAdmits(doc, githubClaims(repo, 'refs/heads/dev', 'immutable')));
    // A recycled name: the same owner/name under other ids is refused.
    assert.ok(!trustAdmits(doc, githubClaims({ ...repo, ownerId: 999 }, 'refs/heads/main', 'immutable')));
  });

  test('environments, pull requests and every ref of an older repository: both forms, each admitting its token', async () => {
    const repo = { owner: 'my-org', ownerId: 1001, name: 'my-repo', id: 2001 };
    const env = await oidc(['--repo', 'my-org/my-repo', '--environment', 'prod', '--role-name', 'env-role']);
    assert.equal(env.code, 0, env.stderr);
    const envDoc = await trust('env-role');
    for (const form of ['immutable', 'legacy'] as const)
      assert.ok(trustAdmits(envDoc, githubClaims(repo, 'refs/heads/main', form, 'environment:prod')), form);
    assert.ok(!trustAdmits(envDoc, githubClaims(repo, 'refs/heads/main', 'immutable')), 'a branch is not prod');
    const pr = await oidc(['--repo', 'my-org/my-repo', '--pull-request', '--role-name', 'pr-role']);
    assert.equal(pr.code, 0, pr.stderr);
    assert.ok(
      trustAdmits(await trust('pr-role'), githubClaims(repo, 'refs/pull/7/merge', 'immutable', 'pull_request')),
    );
    const any = await oidc(['--repo', 'my-org/my-repo', '--role-name', 'any-ref-role']);
    assert.equal(any.code, 0, any.stderr);
    const anyDoc = await trust('any-ref-role');
    assert.deepEqual(anyDoc.Statement[0]!.Condition, {
      StringEquals: { [AUD]: 'sts.amazonaws.com' },
      StringLike: { [SUB]: ['repo:my-org@1001/my-repo@2001:*', 'repo:my-org/my-repo:*'] },
    });
    assert.ok(trustAdmits(anyDoc, githubClaims(repo, 'refs/tags/v2', 'immutable')));
    assert.ok(!trustAdmits(anyDoc, githubClaims({ ...repo, name: 'my-repo-2', id: 2003 }, 'refs/tags/v2', 'legacy')));
  });

  test('a private repository needs GITHUB_TOKEN to be read; --sub-format legacy asks GitHub nothing', async () => {
    const hidden = await oidc(['--repo', 'octo-org/private-repo', '--role-name', 'private-role']);
    assert.equal(hidden.code, 3, 'a network or service error');
    assert.match(hidden.stderr, /github:GET \/repos\/octo-org\/private-repo failed: HTTP 404.*GITHUB_TOKEN/);
    assert.deepEqual(writes(hidden), [], 'nothing is written before the ids are known');
    const token = 'ghs_bootstraptoken00000000000000000000';
    const read = await oidc(['--repo', 'octo-org/private-repo', '--role-name', 'private-role'], {
      GITHUB_TOKEN: token,
    });
    assert.equal(read.code, 0, read.stderr);
    assert.ok(!read.stdout.includes(token) && !read.stderr.includes(token));
    assert.deepEqual((await trust('private-role')).Statement[0]!.Condition['StringLike'], {
      [SUB]: 'repo:octo-org@123456/private-repo@789013:*',
    });
    const asked = gh.requests.length;
    const legacy = await oidc([
      '--repo',
      'octo-org/private-repo',
      '--role-name',
      'legacy-role',
      '--sub-format',
      'legacy',
    ]);
    assert.equal(legacy.code, 0, legacy.stderr);
    assert.equal(gh.requests.length, asked, 'no request to GitHub');
    assert.deepEqual((await trust('legacy-role')).Statement[0]!.Condition['StringLike'], {
      [SUB]: 'repo:octo-org/private-repo:*',
    });
    const bad = await oidc(['--repo', 'octo-org/private-repo', '--sub-format', 'new']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /'sub-format'.*auto, immutable, legacy, both/);
  });

  test("GitHub Enterprise Server: its host's issuer from GITHUB_API_URL, the legacy form, without asking for ids", async () => {
    const asked = gh.requests.length;
    const run = await cli(['oidc', '--repo', 'my-org/my-repo', '--role-name', 'ghes-role'], {
      GITHUB_API_URL: 'https://github.example.com/api/v3',
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(gh.requests.length, asked);
    assert.match(run.stdout, /create\s+oidc-provider\s+github\.example\.com\/_services\/token/);
    assert.deepEqual((await trust('ghes-role')).Statement[0]!.Condition['StringLike'], {
      'github.example.com/_services/token:sub': 'repo:my-org/my-repo:*',
    });
  });

  const ACCOUNT_PROVIDER = 'arn:aws:iam::123456789012:oidc-provider/';
  const issuers = [
    { url: 'https://ghes.example.com/_services/token', form: 'legacy' as const, asksGithub: false },
    { url: 'https://token.actions.githubusercontent.com/octo-ent', form: 'immutable' as const, asksGithub: true },
  ];
  for (const { url, form, asksGithub } of issuers)
    test(`--issuer ${url}: that provider, a trust keyed by it, admitting the token that issuer emits`, async () => {
      const id = url.replace('https://', '');
      const role = `issuer-${form}`;
      const asked = gh.requests.length;
      const args = ['--issuer', url, '--repo', 'octo-org/octo-repo', '--branch', 'main', '--role-name', role];
      const run = await oidc(args);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(gh.requests.length > asked, asksGithub, 'ids are asked for on github.com only');
      const provider = await iam.send(
        new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: ACCOUNT_PROVIDER + id }),
      );
      assert.equal(provider.Url?.replace(/^(https:\/\/)?/, 'https://'), url);
      assert.deepEqual(provider.ClientIDList, ['sts.amazonaws.com']);
      const doc = await trust(role);
      assert.deepEqual((doc.Statement[0] as unknown as { Principal: unknown }).Principal, {
        Federated: ACCOUNT_PROVIDER + id,
      });
      assert.deepEqual(Object.keys(doc.Statement[0]!.Condition['StringEquals'] as object), [`${id}:aud`, `${id}:sub`]);
      const repo = { owner: 'octo-org', ownerId: 123456, name: 'octo-repo', id: 789012 };
      assert.ok(trustAdmits(doc, githubClaims(repo, 'refs/heads/main', form, undefined, url)));
      assert.ok(!trustAdmits(doc, githubClaims(repo, 'refs/heads/main', form)), "github.com's token is not admitted");
      assert.ok(!trustAdmits(doc, githubClaims(repo, 'refs/heads/dev', form, undefined, url)));
      const again = await oidc(args);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(writes(again), [], 'the provider and the role are found again');
    });

  test('--issuer refuses a URL no GitHub issues tokens from, and one GITHUB_API_URL contradicts, before any call', async () => {
    const bad = await oidc(['--issuer', 'https://ghes.example.com:8443/_services/token', '--repo', 'my-org/my-repo']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /'issuer'.*port.*_services\/token/s);
    assert.deepEqual(bad.requests, []);
    const other = await cli(
      ['oidc', '--issuer', 'https://ghes.example.com/_services/token', '--repo', 'my-org/my-repo'],
      {
        GITHUB_API_URL: 'https://github.example.com/api/v3',
      },
    );
    assert.equal(other.code, 1);
    assert.match(other.stderr, /'issuer'.*different GitHubs/);
    assert.deepEqual(other.requests, []);
  });

  test('destroy --role-name removes the role and keeps the providers', async () => {
    const providers = async () =>
      (await iam.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList?.length;
    const before = await providers();
    const run = await cli(['destroy', '--role-name', 'github-my-org-my-repo']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(writes(run), ['iam:DetachRolePolicy', 'iam:DeleteRole']);
    assert.equal(await providers(), before);
  });
});

describe('bootstrap audit', () => {
  const ACCOUNT = 'arn:aws:iam::123456789012';
  const H = 'token.actions.githubusercontent.com';
  const GHES = 'ghes.example.com/_services/token';
  const GITLAB = 'gitlab.com';
  const trust = (condition: Record<string, unknown> | undefined, host = H) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: `${ACCOUNT}:oidc-provider/${host}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
  const aud = (host = H) => ({ [`${host}:aud`]: 'sts.amazonaws.com' });
  const RA_ARN = 'arn:aws:rolesanywhere:us-east-1:123456789012';
  const raId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  /** A Roles Anywhere trust pinned to the two enabled trust anchors seeded below. */
  const rolesAnywhere = (condition?: Record<string, unknown>) => ({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: {
          ArnEquals: { 'aws:SourceArn': [1, 2].map((n) => `${RA_ARN}:trust-anchor/${raId(n)}`) },
          ...condition,
        },
      },
    ],
  });
  /** Each seeded resource (role, IoT policy, role alias, by name) and the rules it must trip; the good ones none. */
  const expected: Record<string, string[]> = {
    'audit-no-sub': ['no-sub'],
    'audit-repo-star': ['any-repository'],
    'audit-owner-wildcard': ['any-repository'],
    'audit-no-aud': ['no-aud'],
    'audit-for-all-values': ['for-all-values'],
    'audit-none': ['no-sub', 'no-aud'],
    'audit-like-exact': ['like-without-wildcard'],
    'audit-ghes-owner-wildcard': ['any-repository'],
    'audit-gitlab-any-group': ['any-repository'],
    'audit-ra-no-subject': ['roles-anywhere-no-subject'],
    'audit-good-legacy': [],
    'audit-good-immutable': [],
    'audit-good-ghes': [],
    'audit-good-gitlab': [],
    'audit-good-ra': [],
    'audit-ra-unpinned': [],
    'audit-ra-admin': [],
    'audit-iot-unbound': ['iot-no-thing-binding'],
    'audit-iot-any-alias': ['iot-any-role-alias'],
    'audit-iot-good': [],
    'audit-alias-admin': ['role-alias-broad-role'],
    'audit-alias-iam': ['role-alias-broad-role'],
    'audit-alias-long': ['role-alias-long-duration'],
    'audit-alias-good': [],
    'audit-anchor-bundle': ['roles-anywhere-anchor-not-pinned'],
    'audit-anchor-pca': ['roles-anywhere-anchor-not-pinned'],
    'audit-anchor-off': [],
    'audit-profile-good': [],
    'audit-profile-open': ['roles-anywhere-profile-no-subject'],
    'audit-profile-unpinned': [],
    'audit-profile-admin': ['roles-anywhere-profile-broad-role'],
    'audit-profile-capped': [],
    'audit-profile-long': ['roles-anywhere-profile-long-duration'],
    'audit-profile-off': [],
  };
  const roles: Record<string, unknown> = {
    'audit-no-sub': trust({ StringEquals: aud() }),
    'audit-repo-star': trust({ StringEquals: aud(), StringLike: { [`${H}:sub`]: 'repo:*' } }),
    'audit-owner-wildcard': trust({ StringEquals: aud(), StringLike: { [`${H}:sub`]: 'repo:my-*/app:*' } }),
    'audit-no-aud': trust({ StringLike: { [`${H}:sub`]: 'repo:my-org/app:*' } }),
    'audit-for-all-values': trust({
      StringEquals: aud(),
      'ForAllValues:StringLike': { [`${H}:sub`]: 'repo:my-org/app:*' },
    }),
    'audit-none': trust(undefined),
    'audit-like-exact': trust({
      StringEquals: aud(),
      StringLike: { [`${H}:sub`]: 'repo:my-org/app:ref:refs/heads/main' },
    }),
    'audit-ghes-owner-wildcard': trust(
      { StringEquals: aud(GHES), StringLike: { [`${GHES}:sub`]: 'repo:*/app:*' } },
      GHES,
    ),
    'audit-gitlab-any-group': trust(
      { StringEquals: aud(GITLAB), StringLike: { [`${GITLAB}:sub`]: 'project_path:*:ref_type:branch:ref:main' } },
      GITLAB,
    ),
    'audit-ra-no-subject': rolesAnywhere(),
    'audit-good-legacy': trust({ StringEquals: { ...aud(), [`${H}:sub`]: 'repo:my-org/app:ref:refs/heads/main' } }),
    'audit-good-immutable': trust({
      StringEquals: aud(),
      StringLike: { [`${H}:sub`]: ['repo:my-org@1/app@2:*', 'repo:my-org/app-*:*'] },
    }),
    'audit-good-ghes': trust(
      { StringEquals: { ...aud(GHES), [`${GHES}:sub`]: 'repo:org/app:ref:refs/heads/main' } },
      GHES,
    ),
    'audit-good-gitlab': trust(
      { StringEquals: aud(GITLAB), StringLike: { [`${GITLAB}:sub`]: 'project_path:group/app:ref_type:branch:ref:*' } },
      GITLAB,
    ),
    'audit-good-ra': rolesAnywhere({ StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'runner-1' } }),
    // A subject, but no aws:SourceArn: any trust anchor of the account (another team's CA) is admitted.
    'audit-ra-unpinned': {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'rolesanywhere.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'runner-1' } },
        },
      ],
    },
    'audit-ra-admin': rolesAnywhere({ StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'admin-runner' } }),
  };
  const raRole = (name: string) => `${ACCOUNT}:role/${name}`;
  /** Trust anchors and profiles as ListTrustAnchors and ListProfiles return them, by name. */
  const raAnchor = (n: number, name: string, sourceType: string, enabled = true) => ({
    trustAnchorId: raId(n),
    trustAnchorArn: `${RA_ARN}:trust-anchor/${raId(n)}`,
    name,
    source: { sourceType, sourceData: {} },
    enabled,
    createdAt: '2026-01-02T03:04:05Z',
    updatedAt: '2026-01-02T03:04:05Z',
  });
  const raProfile = (n: number, name: string, roles: string[], extra: Record<string, unknown> = {}) => ({
    profileId: raId(100 + n),
    profileArn: `${RA_ARN}:profile/${raId(100 + n)}`,
    name,
    enabled: true,
    roleArns: roles.map(raRole),
    managedPolicyArns: [],
    durationSeconds: 3600,
    createdAt: '2026-01-02T03:04:05Z',
    ...extra,
  });
  const raAnchors = [
    raAnchor(1, 'audit-anchor-bundle', 'CERTIFICATE_BUNDLE'),
    raAnchor(2, 'audit-anchor-pca', 'AWS_ACM_PCA'),
    raAnchor(3, 'audit-anchor-off', 'CERTIFICATE_BUNDLE', false),
  ];
  const raProfiles = [
    raProfile(1, 'audit-profile-good', ['audit-good-ra']),
    raProfile(2, 'audit-profile-open', ['audit-ra-no-subject']),
    raProfile(3, 'audit-profile-unpinned', ['audit-ra-unpinned']),
    raProfile(4, 'audit-profile-admin', ['audit-ra-admin']),
    raProfile(5, 'audit-profile-capped', ['audit-ra-admin'], {
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    }),
    raProfile(6, 'audit-profile-long', ['audit-good-ra'], { durationSeconds: 7200 }),
    // Disabled: vends nothing, whatever its roles.
    raProfile(7, 'audit-profile-off', ['audit-ra-unpinned', 'audit-ra-admin'], {
      enabled: false,
      durationSeconds: 43200,
    }),
  ];
  const raArn = new Map([
    ...raAnchors.map((a) => [a.name, a.trustAnchorArn] as const),
    ...raProfiles.map((p) => [p.name, p.profileArn] as const),
  ]);
  let controlPlane: RolesAnywhereControlStandIn;
  const aliasArn = (name: string) => `arn:aws:iot:${REGION}:123456789012:rolealias/${name}`;
  const iotPolicies: Record<string, unknown> = {
    'audit-iot-unbound': {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iot:AssumeRoleWithCertificate', Resource: aliasArn('audit-alias-good') }],
    },
    'audit-iot-any-alias': {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:AssumeRoleWithCertificate',
          Resource: '*',
          Condition: { Bool: { 'credentials-iot:Connection.Thing.IsAttached': 'true' } },
        },
      ],
    },
    'audit-iot-good': iotPolicyDocument(aliasArn('audit-alias-good')),
  };
  const deviceTrust = JSON.stringify(iotRoleTrustPolicy());
  const allow = (Action: string) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource: '*' }] });

  /** Seeds the account the CLI audits through `at` (the shared moto, or one of its own). */
  async function seed(clients: { iam: IAMClient; iot: IoTClient }, names: string[]): Promise<void> {
    for (const name of names.filter((n) => n in roles))
      await clients.iam.send(
        new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: JSON.stringify(roles[name]) }),
      );
    for (const name of names.filter((n) => n in iotPolicies))
      await clients.iot.send(
        new CreatePolicyCommand({ policyName: name, policyDocument: JSON.stringify(iotPolicies[name]) }),
      );
    if (names.includes('audit-ra-admin'))
      await clients.iam.send(
        new PutRolePolicyCommand({ RoleName: 'audit-ra-admin', PolicyName: 'everything', PolicyDocument: allow('*') }),
      );
    const aliases = names.filter((n) => n.startsWith('audit-alias-'));
    for (const name of aliases) {
      const RoleName = `${name}-role`;
      await clients.iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: deviceTrust }));
      if (name === 'audit-alias-admin') {
        // An administrator's policy of the account's own (moto has no AWS-managed AdministratorAccess by default).
        const made = await clients.iam.send(
          new CreateIamPolicyCommand({ PolicyName: 'audit-everything', PolicyDocument: allow('*') }),
        );
        await clients.iam.send(new AttachRolePolicyCommand({ RoleName, PolicyArn: made.Policy!.Arn! }));
      }
      await clients.iam.send(
        new PutRolePolicyCommand({
          RoleName,
          PolicyName: 'device',
          PolicyDocument: allow(name === 'audit-alias-iam' ? 'iam:*' : 's3:GetObject'),
        }),
      );
      await clients.iot.send(
        new CreateRoleAliasCommand({
          roleAlias: name,
          roleArn: `${ACCOUNT}:role/${RoleName}`,
          credentialDurationSeconds: name === 'audit-alias-long' ? 7200 : 3600,
        }),
      );
    }
  }

  /** (resource name, rule) pairs of the seeded resources in a table report. */
  const fromTable = (stdout: string) =>
    stdout
      .split('\n')
      .map((l) =>
        /^(?:error|warning|note)\s+(\S+)\s+(?:role|IoT policy|role alias|trust anchor|Roles Anywhere profile) (audit-[^\s:]+)/.exec(
          l,
        ),
      )
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => `${m[2]} ${m[1]}`);
  const wanted = (names = Object.keys(expected)) =>
    names.flatMap((name) => expected[name]!.map((rule) => `${name} ${rule}`)).sort();

  before(async () => {
    await seed({ iam, iot }, Object.keys(expected));
    controlPlane = await startRolesAnywhereControlStandIn({
      callers: [CREDS],
      trustAnchors: raAnchors,
      profiles: raProfiles,
      pageSize: 2,
    });
    rolesAnywhereUrl = controlPlane.url;
  });
  after(async () => {
    rolesAnywhereUrl = undefined;
    await controlPlane?.close();
  });

  test('table: finds every bad resource and none of the good ones, writing nothing; exit 1 on errors', async () => {
    const run = await cli(['audit']);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual(writes(run), []);
    assert.deepEqual(fromTable(run.stdout).sort(), wanted());
    assert.match(
      run.stdout,
      /^Read: \d+ roles, \d+ IoT policies, \d+ role aliases, 3 trust anchors, 7 Roles Anywhere profiles$/m,
    );
    // Every page of both lists, signed with the audit's credentials.
    assert.deepEqual(
      controlPlane.requests.slice(-6).map((r) => `${r.action} ${r.status} ${r.accessKeyId}`),
      [...Array(2).fill('ListTrustAnchors 200 testing'), ...Array(4).fill('ListProfiles 200 testing')],
    );
    // `text`, the table's name before --format json, still works.
    const text = await cli(['audit', '--format', 'text']);
    assert.deepEqual(fromTable(text.stdout).sort(), wanted());
  });

  test('--format json: the documented shape, every finding with its severity, kind and ARN', async () => {
    const run = await cli(['audit', '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      version: number;
      scanned: { roles: number; iotPolicies: number; roleAliases: number; trustAnchors: number; profiles: number };
      summary: Record<string, number>;
      findings: Array<{ rule: keyof typeof AUDIT_RULES; severity: string; kind: string; name: string; arn: string }>;
    };
    assert.equal(report.version, 1);
    assert.ok(report.scanned.roles >= Object.keys(roles).length + 4);
    assert.ok(report.scanned.iotPolicies >= 3 && report.scanned.roleAliases >= 4);
    assert.deepEqual([report.scanned.trustAnchors, report.scanned.profiles], [3, 7]);
    const seeded = report.findings.filter((f) => f.name.startsWith('audit-'));
    assert.deepEqual(seeded.map((f) => `${f.name} ${f.rule}`).sort(), wanted());
    for (const f of seeded) {
      assert.equal(f.severity, AUDIT_RULES[f.rule].severity);
      const kind =
        f.name in roles
          ? 'role'
          : f.name in iotPolicies
            ? 'iot-policy'
            : f.name.startsWith('audit-anchor-')
              ? 'trust-anchor'
              : f.name.startsWith('audit-profile-')
                ? 'profile'
                : 'role-alias';
      assert.equal(f.kind, kind, f.name);
      if (raArn.has(f.name)) assert.equal(f.arn, raArn.get(f.name));
      else assert.ok(f.arn.endsWith(kind === 'role' ? `:role/${f.name}` : `/${f.name}`), f.arn);
    }
    for (const s of ['error', 'warning', 'note'])
      assert.equal(report.summary[s], report.findings.filter((f) => f.severity === s).length);
  });

  test('--format sarif: valid SARIF 2.1.0, one result per finding, located at the resource', async () => {
    const run = await cli(['audit', '--format', 'sarif']);
    assert.equal(run.code, 1, run.stderr);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{
        tool: { driver: { name: string; rules: Array<{ id: string }> } };
        results: Array<{
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: Array<{ logicalLocations: Array<{ name: string; fullyQualifiedName: string }> }>;
        }>;
      }>;
    };
    assert.deepEqual(sarifErrors(sarif), []);
    const [only] = sarif.runs;
    assert.deepEqual(
      only!.results
        .map((r) => `${r.locations[0]!.logicalLocations[0]!.name} ${r.ruleId}`)
        .filter((l) => l.startsWith('audit-'))
        .sort(),
      wanted(),
    );
    for (const r of only!.results) {
      assert.equal(only!.tool.driver.rules[r.ruleIndex]!.id, r.ruleId);
      assert.equal(r.level, AUDIT_RULES[r.ruleId as keyof typeof AUDIT_RULES].severity);
      assert.match(r.locations[0]!.logicalLocations[0]!.fullyQualifiedName, /^arn:aws:(iam|iot|rolesanywhere):/);
    }
    const bad = await cli(['audit', '--format', 'xml']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /'format'.*table .*json.*sarif/);
  });

  test('--fail-on: exit 1 only when a finding is at that severity or above', async () => {
    // An account of its own, whose only findings are notes; its enabled trust anchor is pinned by every role.
    const notes = await startMoto();
    const direct = { region: REGION, endpoint: notes.url, credentials: CREDS };
    const own = { iam: new IAMClient(direct), iot: new IoTClient(direct) };
    const ownControlPlane = await startRolesAnywhereControlStandIn({
      callers: [CREDS],
      trustAnchors: [raAnchors[0]!],
      profiles: raProfiles.filter((p) => ['audit-profile-good', 'audit-profile-long'].includes(p.name)),
    });
    try {
      await seed(own, ['audit-like-exact', 'audit-alias-long', 'audit-good-legacy', 'audit-good-ra']);
      const exit = async (failOn?: string) => {
        const run = await cli(['audit', '--format', 'json', ...(failOn ? ['--fail-on', failOn] : [])], {
          AWS_ENDPOINT_URL: notes.url,
          AWS_ENDPOINT_URL_ROLESANYWHERE: ownControlPlane.url,
        });
        assert.equal(run.stderr, '');
        const { findings } = JSON.parse(run.stdout) as { findings: Array<{ severity: string; name: string }> };
        assert.deepEqual([...new Set(findings.map((f) => f.severity))], ['note']);
        assert.ok(findings.some((f) => f.name === 'audit-profile-long'));
        return run.code;
      };
      assert.deepEqual(
        [await exit(), await exit('error'), await exit('warning'), await exit('note'), await exit('none')],
        [0, 0, 0, 1, 0],
      );
    } finally {
      await ownControlPlane.close();
      own.iam.destroy();
      own.iot.destroy();
      await notes.stop();
    }
    // The shared account has errors: only none lets it pass.
    assert.equal((await cli(['audit', '--fail-on', 'error'])).code, 1);
    assert.equal((await cli(['audit', '--fail-on', 'none'])).code, 0);
    const bad = await cli(['audit', '--fail-on', 'critical']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /'fail-on'.*error.*warning.*note.*none/);
  });

  test('Roles Anywhere reads denied, or not served at AWS_ENDPOINT_URL: one line, and the audit goes on', async () => {
    const denying = await startRolesAnywhereControlStandIn({
      callers: [CREDS],
      trustAnchors: raAnchors,
      profiles: raProfiles,
      deny: ['ListTrustAnchors'],
    });
    try {
      const table = await cli(['audit'], { AWS_ENDPOINT_URL_ROLESANYWHERE: denying.url });
      assert.equal(table.code, 1, table.stderr);
      const lines = table.stdout.split('\n');
      assert.match(lines[0]!, /^Read: \d+ roles, \d+ IoT policies, \d+ role aliases$/);
      assert.match(
        lines[1]!,
        /^Roles Anywhere not read: rolesanywhere:ListTrustAnchors was denied \(grant .*ListProfiles/,
      );
      // The roles are still audited; no control-plane finding is made up.
      const raRules = Object.keys(AUDIT_RULES).filter(
        (r) => r.startsWith('roles-anywhere-') && r !== 'roles-anywhere-no-subject',
      );
      assert.deepEqual(
        fromTable(table.stdout).sort(),
        wanted().filter((w) => !raRules.includes(w.split(' ')[1]!)),
      );
      const json = await cli(['audit', '--format', 'json', '--fail-on', 'none'], {
        AWS_ENDPOINT_URL_ROLESANYWHERE: denying.url,
      });
      assert.equal(json.code, 0, json.stderr);
      assert.match(json.stderr, /^Roles Anywhere not read: rolesanywhere:ListTrustAnchors was denied/);
      const report = JSON.parse(json.stdout) as { unread: string[]; scanned: Record<string, number> };
      assert.equal(report.unread.length, 1);
      assert.equal(report.scanned['trustAnchors'], undefined);
      const sarif = await cli(['audit', '--format', 'sarif'], { AWS_ENDPOINT_URL_ROLESANYWHERE: denying.url });
      assert.deepEqual(sarifErrors(JSON.parse(sarif.stdout)), []);
      assert.match(sarif.stdout, /"toolExecutionNotifications"/);
    } finally {
      await denying.close();
    }

    // AWS_ENDPOINT_URL alone points at moto, which has no Roles Anywhere: said, not failed.
    const emulator = await cli(['audit', '--fail-on', 'none'], { AWS_ENDPOINT_URL_ROLESANYWHERE: '' });
    assert.equal(emulator.code, 0, emulator.stderr);
    assert.match(
      emulator.stdout,
      /^Roles Anywhere not read: 127\.0\.0\.1:\d+ \(AWS_ENDPOINT_URL\) does not serve its API/m,
    );
  });
});
