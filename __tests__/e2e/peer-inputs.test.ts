/**
 * Every input of aws-actions/configure-aws-credentials (its action.yml, in fixtures/configure-aws-credentials/ with
 * its commit) is honoured or refused by name: dist/ run as the runner runs it, moto as STS behind a recording proxy.
 * And the session tags: the peer's own bundle and ours, run in the same job environment, send the same tags on
 * sts:AssumeRole.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { useOidcPeers } from '../support/oidc-peers.js';
import { startFaultProxy, type FaultProxy, type RecordedRequest } from '../standins/fault-proxy.js';
import { errorAnnotation, newWorkspace, runAction, type RunResult, type Workspace } from '../support/action-runner.js';
import { ROOT } from '../support/processes.js';
import { extractPeer, PEER_FIXTURE } from '../../bench/matrix.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN_ROLE = 'arn:aws:iam::210987654321:role/target';
const peerInputs = Object.keys(
  (parse(readFileSync(join(PEER_FIXTURE, 'action.yml'), 'utf8')) as { inputs: object }).inputs,
);
const ourInputs = Object.keys((parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs);

let sts: FaultProxy;
// moto and the id-token endpoint; the recording proxy in front of moto starts once moto is up.
const peers = useOidcPeers(async ({ moto }) => {
  sts = await startFaultProxy(moto.url);
});
after(async () => {
  await sts?.close();
});

const JOB_ENV = {
  GITHUB_RUN_ID: '1234',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_WORKFLOW: 'deploy (prod)',
  GITHUB_ACTION: '__aws-actions_configure-aws-credentials',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
  GITHUB_REF: 'refs/pull/7/merge',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_BASE_REF: 'main',
  GITHUB_HEAD_REF: 'feature/a#b',
  GITHUB_JOB: 'deploy',
  GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]',
};

function runnerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: peers.tokens.url,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: peers.tokens.bearer,
    AWS_ENDPOINT_URL_STS: sts.url,
    ...JOB_ENV,
    ...extra,
  };
}

interface Step {
  run: RunResult;
  calls: RecordedRequest[];
}

async function step(
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  workspace?: Workspace,
  script?: string,
): Promise<Step> {
  const before = sts.requests.length;
  const run = await runAction('main', {
    inputs: { 'aws-region': 'us-east-1', ...inputs },
    env: runnerEnv(env),
    ...(workspace ? { workspace } : {}),
    ...(script ? { script } : {}),
  });
  return { run, calls: sts.requests.slice(before) };
}

function ok(s: Step): Step {
  assert.equal(s.run.code, 0, s.run.stdout + s.run.stderr);
  return s;
}

function refusedBy(s: Step, input: string, fix?: RegExp): void {
  assert.equal(s.run.code, 1, s.run.stdout);
  const message = errorAnnotation(s.run.stdout);
  assert.match(message, new RegExp(`Input '${input}'`), message);
  if (fix) assert.match(message, fix);
  assert.equal(s.run.exported['AWS_ACCESS_KEY_ID'] || undefined, undefined, 'nothing delivered');
}

async function firstCredentials(): Promise<Record<string, string>> {
  const first = ok(await step({ 'role-to-assume': ROLE }));
  return Object.fromEntries(
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'].map((k) => [k, first.run.exported[k]!]),
  );
}

function tagsOf(call: RecordedRequest): Array<[string, string]> {
  const tags: Array<[string, string]> = [];
  for (let i = 1; call.params.get(`Tags.member.${i}.Key`) !== null; i++)
    tags.push([call.params.get(`Tags.member.${i}.Key`)!, call.params.get(`Tags.member.${i}.Value`)!]);
  return tags;
}

const OIDC = { 'role-to-assume': ROLE };
const CHAIN = { 'role-to-assume': ROLE, 'chain-role-arn': CHAIN_ROLE };

/** For each peer input: a step that sets it, and what shows it was honoured (or that it was refused by name). */
const CASES: Record<string, () => Promise<unknown>> = {
  'aws-region': async () =>
    assert.equal(ok(await step({ ...OIDC, 'aws-region': 'eu-west-1' })).run.exported['AWS_REGION'], 'eu-west-1'),
  'role-to-assume': async () =>
    assert.equal(
      ok(await step(OIDC))
        .calls.at(-1)!
        .params.get('RoleArn'),
      ROLE,
    ),
  'aws-profile': async () => {
    const s = ok(await step({ ...OIDC, 'aws-profile': 'ci' }));
    assert.match(
      readFileSync(join(s.run.workspace.home, '.aws', 'credentials'), 'utf8'),
      /^\[ci\]\naws_access_key_id = ASIA/m,
    );
    assert.equal(
      s.run.exported['AWS_ACCESS_KEY_ID'],
      undefined,
      'aws-profile: no env credentials by default, as the peer',
    );
    assert.equal(s.run.exported['AWS_PROFILE'], undefined);
  },
  'overwrite-aws-profile': async () => {
    const workspace = newWorkspace();
    mkdirSync(join(workspace.home, '.aws'));
    const mine = '[ci]\naws_access_key_id = AKIALONGLIVEDLONGLIV\naws_secret_access_key = keep\n';
    writeFileSync(join(workspace.home, '.aws', 'credentials'), mine);
    refusedBy(await step({ ...OIDC, 'aws-profile': 'ci' }, {}, workspace), 'overwrite-aws-profile', /already exists/);
    refusedBy(
      await step({ ...OIDC, profile: 'ci', 'output-env-credentials': 'false' }, {}, workspace),
      'overwrite-aws-profile',
    );
    assert.equal(
      readFileSync(join(workspace.home, '.aws', 'credentials'), 'utf8'),
      mine,
      'the long-lived keys survive',
    );
    ok(await step({ ...OIDC, 'aws-profile': 'ci', 'overwrite-aws-profile': 'true' }, {}, workspace));
    assert.doesNotMatch(readFileSync(join(workspace.home, '.aws', 'credentials'), 'utf8'), /AKIALONGLIVED/);
  },
  'aws-access-key-id': async () =>
    refusedBy(
      await step({ ...OIDC, 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE' }),
      'aws-access-key-id',
      /OIDC.*iot-credential-endpoint.*trust-anchor-arn/,
    ),
  'aws-secret-access-key': async () =>
    refusedBy(await step({ ...OIDC, 'aws-secret-access-key': 'wJalrXUtnFEMI' }), 'aws-secret-access-key', /long-lived/),
  'aws-session-token': async () =>
    refusedBy(await step({ ...OIDC, 'aws-session-token': 'FwoGZX' }), 'aws-session-token', /long-lived/),
  'web-identity-token-file': async () => {
    const file = join(newWorkspace().dir, 'token');
    writeFileSync(file, peers.tokens.issued[0] ?? (await step(OIDC), peers.tokens.issued[0]!));
    const s = ok(await step({ ...OIDC, 'web-identity-token-file': file }));
    assert.equal(s.calls.at(-1)!.params.get('WebIdentityToken'), readFileSync(file, 'utf8'));
  },
  'role-chaining': async () => {
    const s = ok(await step({ 'role-to-assume': CHAIN_ROLE, 'role-chaining': 'true' }, await firstCredentials()));
    assert.equal(s.calls.at(-1)!.params.get('Action'), 'AssumeRole');
  },
  audience: async () => {
    ok(await step({ ...OIDC, audience: 'my-aud' }));
    assert.equal(peers.tokens.requests.at(-1)!.audience, 'my-aud');
  },
  'http-proxy': async () => {
    const s = await step({ ...OIDC, 'http-proxy': 'http://127.0.0.1:9', 'retry-max-attempts': '1' });
    assert.equal(s.run.code, 1);
    assert.match(errorAnnotation(s.run.stdout), /ECONNREFUSED|proxy/i);
  },
  'no-proxy': async () =>
    ok(await step({ ...OIDC, 'http-proxy': 'http://127.0.0.1:9', 'no-proxy': '127.0.0.1,localhost' })),
  'mask-aws-account-id': async () =>
    assert.match(ok(await step({ ...OIDC, 'mask-aws-account-id': 'true' })).run.stdout, /^::add-mask::123456789012$/m),
  'role-duration-seconds': async () =>
    assert.equal(
      ok(await step({ ...OIDC, 'role-duration-seconds': '900' }))
        .calls.at(-1)!
        .params.get('DurationSeconds'),
      '900',
    ),
  'role-external-id': async () =>
    assert.equal(
      ok(await step({ ...CHAIN, 'role-external-id': 'ext-1' }))
        .calls.at(-1)!
        .params.get('ExternalId'),
      'ext-1',
    ),
  'role-session-name': async () =>
    assert.equal(
      ok(await step({ ...OIDC, 'role-session-name': 'mine' }))
        .calls.at(-1)!
        .params.get('RoleSessionName'),
      'mine',
    ),
  'role-skip-session-tagging': async () =>
    assert.deepEqual(tagsOf(ok(await step({ ...CHAIN, 'role-skip-session-tagging': 'true' })).calls.at(-1)!), []),
  'transitive-tag-keys': async () => {
    const hop = ok(await step({ ...CHAIN, 'transitive-tag-keys': 'Repository\nAbsent' })).calls.at(-1)!;
    assert.equal(hop.params.get('TransitiveTagKeys.member.1'), 'Repository');
    assert.equal(hop.params.get('TransitiveTagKeys.member.2'), null);
  },
  'inline-session-policy': async () =>
    assert.match(
      ok(
        await step({
          ...OIDC,
          'inline-session-policy':
            '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
        }),
      )
        .calls.at(-1)!
        .params.get('Policy') ?? '',
      /s3:\*/,
    ),
  'managed-session-policies': async () =>
    assert.equal(
      ok(await step({ ...OIDC, 'managed-session-policies': 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))
        .calls.at(-1)!
        .params.get('PolicyArns.member.1.arn'),
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ),
  'output-credentials': async () =>
    assert.match(
      ok(await step({ ...OIDC, 'output-credentials': 'true' })).run.outputs['aws-access-key-id'] ?? '',
      /^ASIA/,
    ),
  'output-env-credentials': async () => {
    const s = ok(await step({ ...OIDC, 'output-env-credentials': 'false', 'output-credentials': 'true' }));
    assert.equal(s.run.exported['AWS_ACCESS_KEY_ID'], undefined);
  },
  'unset-current-credentials': async () => {
    const s = ok(await step({ ...OIDC, 'unset-current-credentials': 'true' }, await firstCredentials()));
    // The earlier credentials are cleared first, then the new ones written.
    assert.match(s.run.files.env, /^AWS_ACCESS_KEY_ID<<(\S+)\n\n\1\n[\s\S]*AWS_ACCESS_KEY_ID<<(\S+)\nASIA/m);
  },
  'disable-retry': async () => {
    sts.queue({ kind: 'status', status: 400, code: 'Throttling' }, { kind: 'status', status: 400, code: 'Throttling' });
    const s = await step({ ...OIDC, 'disable-retry': 'true' });
    sts.clearFaults();
    assert.equal(s.run.code, 1);
    assert.equal(s.calls.length, 1, 'one attempt');
  },
  'retry-max-attempts': async () => {
    // Not throttling: that is retried until action-timeout-s whatever this says (README, Retries).
    sts.queue(
      ...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 503, code: 'ServiceUnavailable' })),
    );
    const s = await step({ ...OIDC, 'retry-max-attempts': '2' });
    sts.clearFaults();
    assert.equal(s.run.code, 1);
    assert.equal(s.calls.length, 2);
    assert.match(errorAnnotation(s.run.stdout), /Gave up after 2 attempts \(retry-max-attempts\)/);
  },
  'special-characters-workaround': async () => {
    const s = ok(await step({ ...OIDC, 'special-characters-workaround': 'true' }));
    assert.doesNotMatch(s.run.exported['AWS_SECRET_ACCESS_KEY']!, /[!@#$%^&*()_+\-=[\]{};':"\\|,.<>/?]/);
  },
  'use-existing-credentials': async () => {
    const s = ok(await step({ ...OIDC, 'use-existing-credentials': 'true' }, await firstCredentials()));
    assert.deepEqual(
      s.calls.map((c) => c.params.get('Action')),
      ['GetCallerIdentity'],
    );
    assert.equal(s.run.exported['AWS_ACCESS_KEY_ID'], undefined, 'the existing credentials are kept');
    assert.match(s.run.stdout, /::notice::use-existing-credentials/);
  },
  'allowed-account-ids': async () => {
    refusedBy(
      await step({ ...OIDC, 'allowed-account-ids': '999999999999' }),
      'allowed-account-ids',
      /account 123456789012, which is not one of 999999999999/,
    );
    ok(await step({ ...CHAIN, 'allowed-account-ids': '111111111111,210987654321' }));
    refusedBy(await step({ ...CHAIN, 'allowed-account-ids': '123456789012' }), 'allowed-account-ids', /210987654321/);
  },
  'force-skip-oidc': async () => {
    // As the peer: the runner's token is set aside and the credentials the job holds assume the role.
    const s = ok(await step({ ...OIDC, 'force-skip-oidc': 'true' }, await firstCredentials()));
    assert.deepEqual(
      s.calls.map((c) => c.params.get('Action')),
      ['AssumeRole'],
    );
    refusedBy(
      await step({ ...OIDC, mode: 'oidc', 'force-skip-oidc': 'true' }),
      'force-skip-oidc',
      /web-identity-token-file/,
    );
  },
  'action-timeout-s': async () => {
    ok(await step({ ...OIDC, 'action-timeout-s': '0' }));
    const s = await step({ ...OIDC, 'action-timeout-s': '2', 'http-proxy': 'http://10.255.255.1:9' });
    assert.equal(s.run.code, 1);
    assert.ok(s.run.elapsedMs < 10_000, `bounded: ${s.run.elapsedMs} ms`);
  },
  'custom-tags': async () =>
    assert.deepEqual(tagsOf(ok(await step({ ...CHAIN, 'custom-tags': '{"Team":"platform"}' })).calls.at(-1)!).at(-1), [
      'Team',
      'platform',
    ]),
  'sts-endpoint': async () =>
    ok(await step({ ...OIDC, 'sts-endpoint': sts.url }, { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' })),
};

describe("configure-aws-credentials's inputs", () => {
  test("the fixture is the peer's action.yml, and every one of its inputs is declared here", () => {
    assert.equal(peerInputs.length, 32);
    assert.deepEqual(
      peerInputs.filter((name) => !ourInputs.includes(name)),
      [],
    );
    assert.deepEqual(
      peerInputs.filter((name) => !(name in CASES)),
      [],
      'every peer input has a case below',
    );
  });

  for (const name of peerInputs)
    test(`${name}: honoured or refused by name`, async () => {
      await CASES[name]!();
    });

  test('an unknown input fails the step with the list of valid names', async () => {
    refusedBy(
      await step({ ...OIDC, 'allowed-account-id': '123456789012' }),
      'allowed-account-id',
      /Valid inputs: .*allowed-account-ids/,
    );
  });

  test("a bare role name with role-chaining is the role in the environment credentials' account", async () => {
    const s = ok(await step({ 'role-to-assume': 'target', 'role-chaining': 'true' }, await firstCredentials()));
    assert.deepEqual(
      s.calls.map((c) => c.params.get('Action')),
      ['GetCallerIdentity', 'AssumeRole'],
    );
    assert.equal(s.calls[1]!.params.get('RoleArn'), 'arn:aws:iam::123456789012:role/target');
  });
});

describe("the peer's fixture", () => {
  test('is the pinned commit of configure-aws-credentials, and a changed or missing file is refused', () => {
    const peer = extractPeer();
    assert.match(peer.commit, /^[0-9a-f]{40}$/);
    assert.equal(peer.script, join(PEER_FIXTURE, 'dist', 'index.js'));
    const copy = mkdtempSync(join(tmpdir(), 'peer-fixture-'));
    try {
      cpSync(PEER_FIXTURE, copy, { recursive: true });
      writeFileSync(join(copy, 'action.yml'), readFileSync(join(copy, 'action.yml'), 'utf8') + '\n');
      assert.throws(() => extractPeer(copy), /action\.yml is not the peer's file at [0-9a-f]{40}/);
      rmSync(join(copy, 'dist'), { recursive: true });
      cpSync(join(PEER_FIXTURE, 'action.yml'), join(copy, 'action.yml'));
      assert.throws(() => extractPeer(copy), /The peer's fixture is missing .*index\.js/);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('session tags compared with the peer', () => {
  test("the peer's bundle and ours send the same tags on sts:AssumeRole for the same job (role-chaining)", async () => {
    const peer = extractPeer();
    const env = { ...(await firstCredentials()), GITHUB_WORKSPACE: newWorkspace().dir };
    const theirs = ok(
      await step(
        { 'role-to-assume': CHAIN_ROLE, 'role-chaining': 'true', 'role-session-name': 'same', 'sts-endpoint': sts.url },
        env,
        undefined,
        peer.script,
      ),
    );
    const ours = ok(
      await step({ 'role-to-assume': CHAIN_ROLE, 'role-chaining': 'true', 'role-session-name': 'same' }, env),
    );
    const hop = (s: Step) => s.calls.filter((c) => c.params.get('Action') === 'AssumeRole').at(-1)!;
    assert.equal(tagsOf(hop(theirs)).length, 13);
    assert.deepEqual(tagsOf(hop(ours)), tagsOf(hop(theirs)));
  });

  test('custom-tags with OIDC: the peer and this action both succeed and send no tags; this one says so', async () => {
    const peer = extractPeer();
    const inputs = { 'role-to-assume': ROLE, 'custom-tags': '{"Team":"a"}', 'transitive-tag-keys': 'Team' };
    const theirs = ok(
      await step(
        { ...inputs, 'sts-endpoint': sts.url },
        { GITHUB_WORKSPACE: newWorkspace().dir },
        undefined,
        peer.script,
      ),
    );
    const ours = ok(await step(inputs));
    for (const s of [theirs, ours]) {
      const call = s.calls.find((c) => c.params.get('Action') === 'AssumeRoleWithWebIdentity')!;
      assert.deepEqual(tagsOf(call), []);
      assert.equal(call.params.get('TransitiveTagKeys.member.1'), null);
    }
    const warnings = ours.run.stdout.split('\n').filter((l) => l.startsWith('::warning::'));
    assert.equal(warnings.length, 2, ours.run.stdout);
    assert.match(warnings[0]!, /Input 'custom-tags' is ignored: no sts:AssumeRole call is made in oidc mode/);
    assert.match(warnings[1]!, /Input 'transitive-tag-keys' is ignored/);
    assert.ok(ours.run.exported['AWS_ACCESS_KEY_ID'], 'credentials delivered');
  });

  test('PackedPolicyTooLarge: asked once more without the droppable tags', async () => {
    const creds = await firstCredentials();
    sts.queue({ kind: 'status', status: 400, code: 'PackedPolicyTooLarge', message: 'Session tags too large' });
    const s = ok(
      await step({ 'role-to-assume': CHAIN_ROLE, 'role-chaining': 'true', 'custom-tags': '{"Team":"a"}' }, creds),
    );
    sts.clearFaults();
    assert.deepEqual(
      s.calls.map((c) => c.params.get('Action')),
      ['AssumeRole', 'AssumeRole'],
    );
    const keys = s.calls.map((c) => tagsOf(c).map(([k]) => k));
    assert.deepEqual(keys[0], [
      'GitHub',
      'Repository',
      'Workflow',
      'Action',
      'Actor',
      'Commit',
      'Branch',
      'EventName',
      'BaseRef',
      'HeadRef',
      'RunId',
      'Job',
      'TriggeringActor',
      'Team',
    ]);
    assert.deepEqual(keys[1], ['GitHub', 'Repository', 'Workflow', 'Action', 'Actor', 'Commit', 'Branch', 'Team']);
  });
});

/**
 * Inputs moved to `env:` (the peer reads them there since its 4.2.0): the peer's bundle and ours run the same job, with
 * no `with:` for what the variables stand for, and must ask STS (moto, behind the recording proxy) the same.
 * `aws-region: ''` is an input the runner was not given.
 */
describe('inputs from the job environment, compared with the peer', () => {
  async function both(inputs: Record<string, string>, env: Record<string, string>): Promise<[Step, Step]> {
    const peer = extractPeer();
    const job = { GITHUB_WORKSPACE: newWorkspace().dir, ...env };
    const theirs = await step({ 'aws-region': '', ...inputs, 'sts-endpoint': sts.url }, job, undefined, peer.script);
    const ours = await step({ 'aws-region': '', ...inputs }, job);
    return [theirs, ours];
  }
  const exchangeOf = (s: Step, action: string) => s.calls.filter((c) => c.params.get('Action') === action).at(-1)!;
  const PARAMS = [
    'RoleArn',
    'RoleSessionName',
    'DurationSeconds',
    'Policy',
    'PolicyArns.member.1.arn',
    'ExternalId',
    'TransitiveTagKeys.member.1',
  ];
  const paramsOf = (call: RecordedRequest) => PARAMS.map((p) => [p, call.params.get(p)]);

  test('OIDC with every input in env: the same exchange, region, outputs and masks', async () => {
    const tokenFile = join(newWorkspace().dir, 'token');
    await step(OIDC);
    writeFileSync(tokenFile, peers.tokens.issued.at(-1)!);
    const env = {
      AWS_REGION: 'eu-west-1',
      ROLE_TO_ASSUME: ROLE,
      ROLE_SESSION_NAME: 'from-env',
      ROLE_DURATION_SECONDS: '900',
      INLINE_SESSION_POLICY: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
      MANAGED_SESSION_POLICIES: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      MASK_AWS_ACCOUNT_ID: 'true',
      OUTPUT_CREDENTIALS: 'true',
    };
    const [theirs, ours] = (await both({}, env)).map(ok) as [Step, Step];
    const call = (s: Step) => exchangeOf(s, 'AssumeRoleWithWebIdentity');
    assert.deepEqual(paramsOf(call(ours)), paramsOf(call(theirs)));
    assert.equal(call(ours).params.get('RoleSessionName'), 'from-env');
    assert.equal(call(ours).params.get('DurationSeconds'), '900');
    for (const s of [theirs, ours]) {
      assert.equal(s.run.exported['AWS_REGION'], 'eu-west-1');
      assert.match(s.run.outputs['aws-access-key-id'] ?? '', /^ASIA/);
      assert.match(s.run.stdout, /^::add-mask::123456789012$/m);
    }

    const [fileTheirs, fileOurs] = (await both({}, { ...env, WEB_IDENTITY_TOKEN_FILE: tokenFile })).map(ok) as [
      Step,
      Step,
    ];
    for (const s of [fileTheirs, fileOurs])
      assert.equal(call(s).params.get('WebIdentityToken'), readFileSync(tokenFile, 'utf8'));
  });

  test('AUDIENCE in env: both ask the runner for a token with that audience', async () => {
    const audiences: string[] = [];
    for (const s of await both({}, { AWS_REGION: 'us-east-1', ROLE_TO_ASSUME: ROLE, AUDIENCE: 'env-aud' })) {
      ok(s);
      audiences.push(peers.tokens.requests.at(-1)!.audience ?? '');
    }
    assert.deepEqual(audiences, ['env-aud', 'env-aud']);
  });

  test('an explicit input wins over its variable, for both', async () => {
    const steps = await both(
      { 'aws-region': 'us-west-2', 'role-session-name': 'given' },
      { AWS_REGION: 'eu-west-1', ROLE_TO_ASSUME: ROLE, ROLE_SESSION_NAME: 'from-env' },
    );
    for (const s of steps.map(ok)) {
      assert.equal(s.run.exported['AWS_REGION'], 'us-west-2');
      assert.equal(exchangeOf(s, 'AssumeRoleWithWebIdentity').params.get('RoleSessionName'), 'given');
    }
  });

  test('ROLE_CHAINING and the AssumeRole inputs in env: the same hop, tags included', async () => {
    const env = {
      ...(await firstCredentials()),
      AWS_REGION: 'us-east-1',
      ROLE_CHAINING: 'true',
      ROLE_TO_ASSUME: CHAIN_ROLE,
      ROLE_SESSION_NAME: 'hop',
      ROLE_EXTERNAL_ID: 'ext-1',
      TRANSITIVE_TAG_KEYS: 'Repository',
    };
    const [theirs, ours] = (await both({}, env)).map(ok) as [Step, Step];
    const hop = (s: Step) => exchangeOf(s, 'AssumeRole');
    assert.deepEqual(paramsOf(hop(ours)), paramsOf(hop(theirs)));
    assert.equal(hop(ours).params.get('ExternalId'), 'ext-1');
    assert.deepEqual(tagsOf(hop(ours)), tagsOf(hop(theirs)));
    const [skipTheirs, skipOurs] = (await both({}, { ...env, ROLE_SKIP_SESSION_TAGGING: 'true' })).map(ok) as [
      Step,
      Step,
    ];
    for (const s of [skipTheirs, skipOurs]) assert.deepEqual(tagsOf(hop(s)), []);
  });

  test('USE_EXISTING_CREDENTIALS in env: the same single call, the credentials kept', async () => {
    const existing = { ...(await firstCredentials()), AWS_REGION: 'us-east-1', ROLE_TO_ASSUME: ROLE };
    for (const s of await both({}, { ...existing, USE_EXISTING_CREDENTIALS: 'true' })) {
      ok(s);
      assert.deepEqual(
        s.calls.map((c) => c.params.get('Action')),
        ['GetCallerIdentity'],
      );
      assert.equal(s.run.exported['AWS_ACCESS_KEY_ID'], undefined);
    }
  });

  test('DISABLE_RETRY in env does what disable-retry does (the peer differs on both: its SDK retries throttling)', async () => {
    const attempts: number[] = [];
    for (const [inputs, env] of [
      [{}, { DISABLE_RETRY: 'true' }],
      [{ 'disable-retry': 'true' }, {}],
    ] as const) {
      sts.queue(
        { kind: 'status', status: 400, code: 'Throttling' },
        { kind: 'status', status: 400, code: 'Throttling' },
      );
      const s = await step({ ...inputs, 'aws-region': '' }, { AWS_REGION: 'us-east-1', ROLE_TO_ASSUME: ROLE, ...env });
      sts.clearFaults();
      assert.equal(s.run.code, 1, s.run.stdout);
      attempts.push(s.calls.length);
    }
    assert.deepEqual(attempts, [1, 1]);
  });

  test('HTTPS_PROXY and NO_PROXY stay proxy variables: NO_PROXY is honoured here; the peer proxies STS anyway', async () => {
    const host = new URL(sts.url).hostname;
    const env = { AWS_REGION: 'us-east-1', ROLE_TO_ASSUME: ROLE, HTTPS_PROXY: 'http://127.0.0.1:9' };
    const [theirs, ours] = await both({ 'retry-max-attempts': '1' }, { ...env, NO_PROXY: `${host},localhost` });
    ok(ours);
    assert.equal(ours.calls.length, 1, 'straight to STS');
    // The peer copies HTTPS_PROXY into its http-proxy input, which it applies to every URL, http:// ones included.
    assert.equal(theirs!.run.code, 1);
    assert.match(theirs!.run.stdout, /ECONNREFUSED 127\.0\.0\.1:9/);
  });
});

describe('the run in the User-Agent', () => {
  test('STS (moto, behind the recording proxy) sees the run id, attempt and action, from the peer and from us', async () => {
    const peer = extractPeer();
    const job = { GITHUB_WORKSPACE: newWorkspace().dir };
    const theirs = ok(await step({ ...OIDC, 'sts-endpoint': sts.url }, job, undefined, peer.script));
    const ours = ok(await step(OIDC, job));
    const fields = (s: Step) => {
      const agent = String(s.calls.at(-1)!.headers['user-agent'] ?? '');
      return agent.match(/md\/(action|run_id|attempt)#\S+/g);
    };
    assert.deepEqual(fields(ours), [
      `md/action#${JOB_ENV.GITHUB_ACTION}`,
      `md/run_id#${JOB_ENV.GITHUB_RUN_ID}`,
      `md/attempt#${JOB_ENV.GITHUB_RUN_ATTEMPT}`,
    ]);
    assert.deepEqual(fields(ours), fields(theirs));
    assert.match(String(ours.calls.at(-1)!.headers['user-agent']), /aws-short-lived-credentials/);
  });

  test('a malformed run id is left out with a warning, by both', async () => {
    const peer = extractPeer();
    const job = { GITHUB_WORKSPACE: newWorkspace().dir, GITHUB_RUN_ID: '12 34' };
    const theirs = ok(await step({ ...OIDC, 'sts-endpoint': sts.url }, job, undefined, peer.script));
    const ours = ok(await step(OIDC, job));
    for (const s of [theirs, ours]) {
      const agent = String(s.calls.at(-1)!.headers['user-agent'] ?? '');
      assert.doesNotMatch(agent, /run_id/);
      assert.match(agent, /md\/attempt#1/);
      assert.match(s.run.stdout, /^::warning::GITHUB_RUN_ID has (an )?unexpected format/m);
    }
  });
});
