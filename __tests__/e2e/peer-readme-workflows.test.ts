/**
 * The workflow snippets of configure-aws-credentials's README (fixtures/peer-readme-workflows/, copied with the peer's
 * commit) run with their `uses:` line swapped for this action: each step of the peer goes through dist/ as the runner
 * runs it, with its `with:` and `env:`, against moto as STS (behind a recording proxy) and the id-token endpoint; each
 * snippet's own `aws` commands, or else `aws sts get-caller-identity`, then run with the real AWS CLI in what the step
 * left behind. A step that passes static keys must fail with the error naming the short-lived way in.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { errorAnnotation, newWorkspace, runAction, type RunResult, type Workspace } from '../support/action-runner.js';
import { runAwsCliAsync } from '../support/aws-cli.js';
import { startFaultProxy, type FaultProxy, type RecordedRequest } from '../standins/fault-proxy.js';
import { useOidcPeers } from '../support/oidc-peers.js';
import { ROOT } from '../support/processes.js';
import type { TokenEndpoint } from '../standins/token-endpoint.js';
import {
  grantsIdToken,
  stringMap,
  substitute,
  type ExpressionContext,
  type Step,
  type Workflow,
} from '../support/workflow-file.js';

const FIXTURES = join(ROOT, '__tests__', 'fixtures', 'peer-readme-workflows');
const PEER = 'aws-actions/configure-aws-credentials';
const THIS_ACTION = 'aws-short-lived-credentials/aws-short-lived-credentials@v1';

/** What the snippets' `${{ }}` expressions and `<...>` placeholders stand for here. */
const QUICK_START_ROLE = 'arn:aws:iam::123456789012:role/github-actions-quick-start';
const TABLE: Pick<ExpressionContext, 'secrets' | 'vars'> = {
  secrets: {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_ROLE_TO_ASSUME: 'arn:aws:iam::123456789100:role/my-github-actions-role',
    AWS_ROLE_EXTERNAL_ID: 'ext-123',
  },
  vars: {},
};
const PLACEHOLDERS: Record<string, string> = {
  '<Role ARN you created in step 2>': QUICK_START_ROLE,
  '<AWS Region you want to use>': 'eu-west-1',
};

/** The refusal every static-key step must print: it names the short-lived ways in, and the hop from earlier credentials. */
const STATIC_KEYS_REFUSED =
  /Input 'aws-access-key-id': is not accepted: this action never takes long-lived access keys[\s\S]*GitHub OIDC \(role-to-assume with permissions: id-token: write[\s\S]*role-chaining: true/;

type Expect = { ok: string; sessionName?: string } | { refused: RegExp };

interface SnippetCase {
  /** Per step of this action, in order: the role (`account:role-name`) the AWS CLI must then be, or the refusal. */
  steps: Expect[];
  /** Inputs a README fragment leaves to the reader (it shows only the input it is about), with why these. */
  completion?: { inputs: Record<string, string>; before?: Record<string, string>; why: string };
  /** What the STS call of the last step must have carried. */
  check?(calls: RecordedRequest[], tokens: TokenEndpoint): void;
  /** The region the AWS CLI check runs in, when moto cannot serve the snippet's own, with why. */
  cliRegion?: { region: string; why: string };
  /** Commands of its `run:` steps this test cannot run, with the reason. */
  notRun?: Record<string, string>;
}

const lastAssume = (calls: RecordedRequest[]) =>
  calls.filter((c) => /^AssumeRole/.test(c.params.get('Action') ?? '')).at(-1)!;
const OIDC_FRAGMENT = {
  inputs: { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789100:role/my-github-actions-role' },
  why: 'the README shows only the session-policy input; any role works, OIDC is its recommended way in',
};
const CHAIN_FRAGMENT = {
  before: { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789100:role/my-github-actions-role' },
  inputs: {
    'aws-region': 'us-east-1',
    'role-to-assume': 'arn:aws:iam::987654321000:role/my-second-role',
    'role-chaining': 'true',
  },
  why: 'session tags go on sts:AssumeRole only (the README: not with OIDC; transitive keys are for a role chain), so the fragment is the second step of a chain',
};

const CASES: Record<string, SnippetCase> = {
  '01-quick-start.yml': { steps: [{ ok: '123456789012:github-actions-quick-start' }] },
  '02-named-profiles-static-keys.yml': { steps: [{ refused: STATIC_KEYS_REFUSED }] },
  '03-named-profiles-role-chain.yml': {
    steps: [{ ok: '123456789100:my-first-role' }, { ok: '987654321000:my-second-role' }],
    check: (calls) => assert.equal(lastAssume(calls).params.get('Action'), 'AssumeRole'),
  },
  '04-http-proxy.yml': {
    // A bare role name under OIDC has no account to complete it from; the peer fails here too ("Source Account ID is
    // needed if the Role Name is provided"). Its working case, a self-hosted runner's own credentials, is listed below.
    steps: [
      {
        refused:
          /Input 'role-to-assume': 'my-github-actions-role' is a role name, not a role ARN[\s\S]*arn:aws:iam::<account-id>:role\/my-github-actions-role/,
      },
    ],
  },
  '05-transitive-tag-keys.yml': {
    completion: CHAIN_FRAGMENT,
    steps: [{ ok: '987654321000:my-second-role' }],
    check: (calls) => {
      const hop = lastAssume(calls).params;
      assert.deepEqual(
        [1, 2, 3, 4].map((i) => hop.get(`TransitiveTagKeys.member.${i}`)),
        ['Repository', 'Workflow', 'Action', 'Actor'],
      );
    },
  },
  '06-custom-tags.yml': {
    completion: CHAIN_FRAGMENT,
    steps: [{ ok: '987654321000:my-second-role' }],
    check: (calls) => {
      const hop = lastAssume(calls).params;
      const tags = new Map<string, string>();
      for (let i = 1; hop.get(`Tags.member.${i}.Key`) !== null; i++)
        tags.set(hop.get(`Tags.member.${i}.Key`)!, hop.get(`Tags.member.${i}.Value`)!);
      assert.equal(tags.get('Environment'), 'Production');
      assert.equal(tags.get('Team'), 'Platform');
      assert.equal(tags.get('GitHub'), 'Actions', 'the default tags stay');
    },
  },
  '07-inline-session-policy.yml': {
    completion: OIDC_FRAGMENT,
    steps: [{ ok: '123456789100:my-github-actions-role' }],
    check: (calls) =>
      assert.deepEqual(JSON.parse(lastAssume(calls).params.get('Policy')!), {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Stmt1', Effect: 'Allow', Action: 's3:List*', Resource: '*' }],
      }),
  },
  '08-inline-session-policy-formatted.yml': {
    completion: OIDC_FRAGMENT,
    steps: [{ ok: '123456789100:my-github-actions-role' }],
    check: (calls) =>
      assert.deepEqual(JSON.parse(lastAssume(calls).params.get('Policy')!), {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Stmt1', Effect: 'Allow', Action: 's3:List*', Resource: '*' }],
      }),
  },
  '09-managed-session-policy.yml': {
    completion: OIDC_FRAGMENT,
    steps: [{ ok: '123456789100:my-github-actions-role' }],
    check: (calls) => {
      const p = lastAssume(calls).params;
      assert.deepEqual(
        [p.get('PolicyArns.member.1.arn'), p.get('PolicyArns.member.2.arn')],
        ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', null],
      );
    },
  },
  '10-managed-session-policies-multiple.yml': {
    completion: OIDC_FRAGMENT,
    steps: [{ ok: '123456789100:my-github-actions-role' }],
    check: (calls) => {
      const p = lastAssume(calls).params;
      assert.deepEqual(
        [1, 2, 3].map((i) => p.get(`PolicyArns.member.${i}.arn`)),
        [
          'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
          'arn:aws:iam::aws:policy/AmazonS3OutpostsReadOnlyAccess',
          null,
        ],
      );
    },
  },
  '11-oidc-audience-china.yml': {
    cliRegion: {
      region: 'us-east-1',
      why: 'moto files a session from the unsigned AssumeRoleWithWebIdentity under its aws partition, so a GetCallerIdentity signed for cn-northwest-1 would not find it',
    },
    steps: [{ ok: '123456789100:my-github-actions-role' }],
    check: (calls, tokens) => {
      assert.equal(tokens.requests.at(-1)!.audience, 'sts.amazonaws.com.cn');
      assert.equal(lastAssume(calls).params.get('RoleArn'), 'arn:aws-cn:iam::123456789100:role/my-github-actions-role');
    },
  },
  '12-assume-role-with-web-identity.yml': {
    steps: [{ ok: '123456789100:my-github-actions-role', sessionName: 'MySessionName' }],
    check: (calls) => assert.equal(lastAssume(calls).params.get('Action'), 'AssumeRoleWithWebIdentity'),
  },
  '13-assume-role-chained.yml': {
    steps: [
      { ok: '123456789100:my-github-actions-role', sessionName: 'MySessionName' },
      { ok: '987654321000:my-second-role', sessionName: 'MySessionName' },
    ],
    check: (calls) => assert.equal(lastAssume(calls).params.get('Action'), 'AssumeRole'),
  },
  '14-static-keys-in-secrets.yml': { steps: [{ refused: STATIC_KEYS_REFUSED }] },
  '15-credentials-from-step-output.yml': {
    // The second step hands the first one's session back as keys: refused, and the error says role-chaining: true.
    steps: [{ ok: '123456789100:my-github-actions-role' }, { refused: STATIC_KEYS_REFUSED }],
  },
  '16-multiple-profiles.yml': {
    steps: [{ ok: '111111111111:dev-role' }, { ok: '222222222222:prod-role' }],
    notRun: {
      'cdk deploy --profile dev':
        'the AWS CDK is not installed here, and a deploy needs CloudFormation; the two aws commands before it check both profiles',
    },
  },
};

/** README scenarios that need what cannot run here, listed rather than skipped silently. */
const CANNOT_RUN: Record<string, string> = {
  '04-http-proxy.yml (self-hosted runner)':
    "with no id-token permission the peer assumes the bare role name with the runner machine's own credentials (instance profile, container role); this action takes no ambient credentials, only an id-token, a certificate or role-chaining from exported keys",
  'Skip the cleanup (env: AWS_SKIP_CLEANUP_STEP)':
    'a job-level env block, no step of the action: not a snippet with a uses: line',
};

let sts: FaultProxy;
// moto and the id-token endpoint; the recording proxy in front of moto starts once moto is up.
const peers = useOidcPeers(async ({ moto }) => {
  sts = await startFaultProxy(moto.url);
});
after(async () => {
  await sts?.close();
});

/** A snippet as the job it belongs to: a full workflow's job, a list of steps, or one step. */
function readSnippet(file: string): { steps: Step[]; permissions?: Workflow['permissions'] } {
  const doc = parseDocument(readFileSync(join(FIXTURES, file), 'utf8'));
  assert.deepEqual([...doc.errors, ...doc.warnings], [], file);
  const value = doc.toJS() as unknown;
  if (Array.isArray(value)) return { steps: value as Step[] };
  const workflow = value as Workflow & Step;
  if (workflow.jobs) {
    const jobs = Object.values(workflow.jobs);
    assert.equal(jobs.length, 1, `${file}: one job`);
    return { steps: jobs[0]!.steps ?? [], permissions: jobs[0]!.permissions ?? workflow.permissions };
  }
  return { steps: [workflow] };
}

const isPeer = (step: Step) => typeof step.uses === 'string' && step.uses.startsWith(`${PEER}@`);

function replacePlaceholders(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, PLACEHOLDERS[v] ?? v]));
}

const JOB_ENV = {
  GITHUB_RUN_ID: '4711',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'octo-org/octo-repo',
  GITHUB_WORKFLOW: 'readme',
  GITHUB_JOB: 'run_job_with_aws',
  GITHUB_ACTION: '__aws-actions_configure-aws-credentials',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
  GITHUB_REF: 'refs/heads/main',
};

async function callerIdentity(
  env: Record<string, string>,
  workspace: Workspace,
  args: string[],
  region?: string,
): Promise<string> {
  const cli = await runAwsCliAsync(region ? [...args, '--region', region] : args, {
    ...env,
    HOME: workspace.home,
    AWS_ENDPOINT_URL: peers.moto.url,
  });
  assert.equal(cli.code, 0, `aws ${args.join(' ')}: ${cli.stderr}`);
  return (cli.json as { Arn?: string }).Arn ?? '';
}

function assertRole(arn: string, expect: { ok: string; sessionName?: string }, at: string): void {
  const [account, role] = expect.ok.split(':');
  assert.match(
    arn,
    new RegExp(`^arn:aws(-cn)?:sts::${account}:assumed-role/${role}/${expect.sessionName ?? '[\\w+=,.@-]+'}$`),
    `${at}: the AWS CLI is ${arn}`,
  );
}

/** Runs the snippet's steps in order as one job, as the runner would; a failed step ends the job. */
async function runSnippet(file: string, testCase: SnippetCase): Promise<void> {
  const { steps, permissions } = readSnippet(file);
  // Snippets without a workflow around them run in a job granted id-token: write, as the Quick Start says OIDC needs.
  const idToken = permissions === undefined || grantsIdToken(permissions);
  const runnerEnv = {
    ...JOB_ENV,
    AWS_ENDPOINT_URL_STS: sts.url,
    ...(idToken
      ? { ACTIONS_ID_TOKEN_REQUEST_URL: peers.tokens.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: peers.tokens.bearer }
      : {}),
  };
  const workspace = newWorkspace();
  const context: ExpressionContext = { ...TABLE, matrix: {}, steps: {} };
  const jobSteps: Step[] = testCase.completion?.before
    ? [{ uses: `${PEER}@v6`, with: testCase.completion.before }, ...steps]
    : steps;
  const expects = [
    ...(testCase.completion?.before ? [{ ok: '123456789100:my-github-actions-role' } as Expect] : []),
    ...testCase.steps,
  ];
  assert.equal(jobSteps.filter(isPeer).length, expects.length, `${file}: one expectation per step of the action`);

  let exported: Record<string, string> = {};
  let actionStep = 0;
  let ranCommand = false;
  const since = sts.requests.length;
  for (const [i, step] of jobSteps.entries()) {
    const at = `${file} steps[${i}]`;
    const stepEnv = stringMap(step.env, context, `${at}.env`);
    if (isPeer(step)) {
      const given = replacePlaceholders(stringMap(step.with, context, `${at}.with`));
      // The completion fills in only the README's own (fragment) step, never the step put before it.
      const inputs = testCase.completion && steps.includes(step) ? { ...testCase.completion.inputs, ...given } : given;
      const expect = expects[actionStep++]!;
      const run: RunResult = await runAction('main', {
        inputs,
        env: { ...runnerEnv, ...exported, ...stepEnv },
        workspace,
      });
      if ('refused' in expect) {
        assert.equal(run.code, 1, `${at}: must fail\n${run.stdout}`);
        assert.match(errorAnnotation(run.stdout), expect.refused, at);
        assert.equal(run.exported['AWS_ACCESS_KEY_ID'] || undefined, undefined, `${at}: nothing delivered`);
        for (const secret of [TABLE.secrets['AWS_SECRET_ACCESS_KEY']!, ...Object.values(exported)]) {
          if (secret.length > 20)
            assert.ok(
              !run.stdout.includes(secret) && !run.stderr.includes(secret),
              `${at}: a refused secret is not echoed`,
            );
        }
        assert.equal(
          actionStep,
          expects.length,
          `${at}: the job stops at a failed step, so it must be the last expected`,
        );
        return;
      }
      assert.equal(run.code, 0, `${at}: ${run.stdout}${run.stderr}`);
      if (step.id) context.steps![step.id] = run.outputs;
      exported = { ...exported, ...run.exported };
      // The snippet's own aws commands check this step when it has some; otherwise the AWS CLI checks it here.
      if (!jobSteps.slice(i + 1).some((s) => s.run !== undefined)) {
        const profile = inputs['aws-profile'];
        const arn = await callerIdentity(
          { ...exported, ...stepEnv },
          workspace,
          ['sts', 'get-caller-identity', ...(profile ? ['--profile', profile] : [])],
          testCase.cliRegion?.region,
        );
        assertRole(arn, expect, at);
        ranCommand = true;
      }
    } else if (step.run !== undefined) {
      const succeeded = expects.slice(0, actionStep).filter((e): e is { ok: string } => 'ok' in e);
      for (const raw of step.run.split('\n')) {
        const line = substitute(raw.trim(), context, at);
        if (line === '' || line.startsWith('#')) continue;
        if (testCase.notRun?.[line]) continue;
        const args = /^aws sts get-caller-identity(?: --profile ([\w-]+))?$/.exec(line);
        assert.ok(args, `${at}: '${line}' is not a command this test runs; list it in notRun with the reason`);
        const arn = await callerIdentity(
          { ...exported, ...stepEnv },
          workspace,
          line.split(' ').slice(1),
          testCase.cliRegion?.region,
        );
        // With --profile, the step that wrote that profile; otherwise the latest step's session in the environment.
        const profileStep = args[1]
          ? jobSteps
              .filter(isPeer)
              .findIndex((s) => (s.with as Record<string, unknown> | undefined)?.['aws-profile'] === args[1])
          : succeeded.length - 1;
        assertRole(arn, succeeded[profileStep]!, `${at}: ${line}`);
        ranCommand = true;
      }
    } else {
      assert.fail(`${at}: a step this test does not know how to run`);
    }
  }
  assert.ok(ranCommand, `${file}: the AWS CLI checked the credentials`);
  testCase.check?.(sts.requests.slice(since), peers.tokens);
}

describe("configure-aws-credentials's README workflows, with the uses: line swapped", () => {
  const files = readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.yml'))
    .sort();

  test('the fixtures are the README snippets that use the peer, each with a case; what cannot run is listed', () => {
    assert.equal(files.length, 16);
    assert.deepEqual(files, Object.keys(CASES).sort());
    for (const file of files) {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      assert.match(
        text,
        /^# From aws-actions\/configure-aws-credentials README\.md at [0-9a-f]{40}, line \d+\n# Section: .+\n/,
        file,
      );
      assert.ok(readSnippet(file).steps.some(isPeer), `${file}: uses the peer`);
    }
    assert.match(readFileSync(join(FIXTURES, 'LICENSE-peer'), 'utf8'), /Permission is hereby granted, free of charge/);
    for (const [what, why] of Object.entries(CANNOT_RUN)) assert.ok(why.length > 20, `${what}: a reason`);
  });

  for (const file of Object.keys(CASES).sort()) {
    test(`${file} runs as ${THIS_ACTION}`, async () => runSnippet(file, CASES[file]!));
  }
});
