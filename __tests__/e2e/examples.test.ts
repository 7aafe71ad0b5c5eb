/**
 * Every workflow in examples/ is checked against the real action.yml, then run: each step using this action goes
 * through the bundled dist/ as the runner runs it, with its `${{ secrets/vars/matrix }}` pointing at local stand-ins
 * (moto for STS, nginx for IoT, the Roles Anywhere stand-in, tinyproxy), and each later `aws` command runs with the
 * real AWS CLI in the environment the step left behind. The post steps run last, as at the end of a job.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { resolveMode } from '../../src/config/mode.js';
import { newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { runAwsCliAsync } from '../support/aws-cli.js';
import { startFaultProxy, type FaultProxy } from '../standins/fault-proxy.js';
import { startGithubStandIn, type GithubStandIn } from '../standins/github-api-standin.js';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { parseOperatorConfig } from '../../src/bootstrap/operator-config.js';
import { OPERATOR_BOUNDARY_NAME, operatorBoundaryDocument } from '../../src/bootstrap/policies.js';
import { DEFAULT_ROLE_ALIAS, startIotStandIn, type IotStandIn } from '../standins/iot-standin.js';
import { startMinioStandIn, type MinioStandIn } from '../standins/minio-standin.js';
import { mintWithMoto, startMoto, type Moto } from '../support/moto.js';
import { createCa, issueCertificate } from '../standins/pki.js';
import { MINIO_DEFAULT_REGION } from '../../src/config/sources/minio-certificate.js';
import { createIotTestPki, type IotTestPki } from '../standins/iot-test-pki.js';
import { ROOT, collect } from '../support/processes.js';
import { startRolesAnywhereStandIn, type RolesAnywhereStandIn } from '../standins/roles-anywhere-server.js';
import { SecretLedger } from '../support/secrets.js';
import { createPkiDir, type CertificateFiles, type PkiDir } from '../standins/pki.js';
import { startTinyproxy, type Tinyproxy } from '../support/tinyproxy.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';
import {
  grantsIdToken,
  matrixEntries,
  placeholderStepOutputs,
  readWorkflow,
  scriptCommands,
  stringMap,
  substituteEverywhere,
  type ExpressionContext,
  type Job,
  type Step,
  type Workflow,
} from '../support/workflow-file.js';

const EXAMPLES = join(ROOT, 'examples');
const ACTION = 'aws-short-lived-credentials/aws-short-lived-credentials';
const ACTION_REF = `${ACTION}@v1`;
const actionYml = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean; default?: string }>;
};

const CI_ROLE = 'arn:aws:iam::123456789012:role/github-deploy';
const TARGET_ROLE = 'arn:aws:iam::210987654321:role/production-deploy';
const IOT_ROLE = 'arn:aws:iam::111122223333:role/ci-iot';
const RA_ACCOUNT = '444455556666';
const RA_ANCHOR = `arn:aws:rolesanywhere:us-east-1:${RA_ACCOUNT}:trust-anchor/0f4a1c2e-1111-2222-3333-444455556666`;
const RA_PROFILE = `arn:aws:rolesanywhere:us-east-1:${RA_ACCOUNT}:profile/9b8c7d6e-1111-2222-3333-444455556666`;
const RA_ROLE = `arn:aws:iam::${RA_ACCOUNT}:role/ci-from-certificate`;
const EXTERNAL_ID = 'ext-7f3a9c51';
const OPERATOR_ROLE = 'arn:aws:iam::123456789012:role/github-operator';
const OPERATOR_BOUNDARY = `arn:aws:iam::123456789012:policy/${OPERATOR_BOUNDARY_NAME}`;
const APP_TOKEN = 'ghs_exampleinstallationtoken000000000000';
/** The operator.yaml the operator example checks out: the documented example file. */
const OPERATOR_FILE = join(ROOT, 'schemas', 'operator.example.yaml');
const P12_PASSPHRASE = 'p12-passphrase-for-examples';

/** Request counts of each stand-in just before an action step, so a check sees only that step's calls. */
interface Marks {
  sts: number;
  tokens: number;
  iot: number;
  ra: number;
  proxy: number;
  minio: number;
}

interface ExampleCase {
  /** The assumed-role ARN (up to the session name) the delivered credentials must carry. */
  assumedRole(matrix: Record<string, string>): string;
  /** False where the mode cannot know the role without an extra call (IoT): no role and account outputs, the AWS CLI tells. */
  outputsRole?: false;
  /** What only this example does, seen at the stand-ins. */
  check(since: Marks, context: ExpressionContext): void;
  /** What the whole job must have done, checked once its steps ran. */
  after?(): void;
  /** What the job's later steps must have done, checked once they have run. */
  afterJob?(): Promise<void>;
}

let moto: Moto;
let sts: FaultProxy;
let tokens: TokenEndpoint;
let iotPki: IotTestPki;
let iot: IotStandIn;
let raPki: PkiDir;
let raIntermediate: CertificateFiles;
let ra: RolesAnywhereStandIn;
let proxy: Tinyproxy;
let gh: GithubStandIn;
let caFile: string;
let minio: MinioStandIn;
let minioCaFile: string;
const minioClientCa = createCa('Examples MinIO Client CA');
const minioClient = issueCertificate(minioClientCa, { commonName: 'ci-publish', clientAuth: true });
let table: Pick<ExpressionContext, 'secrets' | 'vars'>;
const ledger = new SecretLedger();

const stsActions = (since: Marks) => sts.requests.slice(since.sts).map((r) => r.params.get('Action'));

/** One runner case per example file: a new example fails the coverage test until it gets one here. */
const CASES: Record<string, ExampleCase> = {
  'oidc-to-env.yml': {
    assumedRole: () => 'arn:aws:sts::123456789012:assumed-role/github-deploy/',
    check: (since) => {
      assert.deepEqual(tokens.requests.slice(since.tokens), [{ audience: 'sts.amazonaws.com', authorized: true }]);
      assert.deepEqual(stsActions(since), ['AssumeRoleWithWebIdentity']);
    },
  },
  'oidc-to-profile.yml': {
    assumedRole: () => 'arn:aws:sts::123456789012:assumed-role/github-deploy/',
    check: (since) => assert.deepEqual(stsActions(since), ['AssumeRoleWithWebIdentity']),
  },
  'oidc-chain-second-account.yml': {
    assumedRole: () => 'arn:aws:sts::210987654321:assumed-role/production-deploy/',
    check: (since) => {
      assert.deepEqual(stsActions(since), ['AssumeRoleWithWebIdentity', 'AssumeRole']);
      const hop = sts.requests.at(-1)!.params;
      assert.equal(hop.get('RoleArn'), TARGET_ROLE);
      assert.equal(hop.get('ExternalId'), EXTERNAL_ID);
    },
  },
  'iot-certificate-from-secrets.yml': {
    assumedRole: () => 'arn:aws:sts::111122223333:assumed-role/ci-iot/',
    outputsRole: false,
    check: (since, context) => {
      const seen = iot.requests.slice(since.iot);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.status, 200);
      assert.equal(seen[0]!.clientVerify, 'SUCCESS');
      assert.equal(seen[0]!.serverName, iot.endpointHost, 'SNI is the endpoint host from the repository variable');
      assert.equal(seen[0]!.thingName, context.vars['IOT_THING_NAME']);
      assert.deepEqual(stsActions(since), [], 'IoT mode does not call STS');
    },
  },
  'roles-anywhere-from-secrets.yml': {
    assumedRole: () => `arn:aws:sts::${RA_ACCOUNT}:assumed-role/ci-from-certificate/`,
    check: (since) => {
      const seen = ra.requests.slice(since.ra);
      assert.deepEqual(
        seen.map((r) => r.status),
        [201],
      );
      assert.equal(
        seen[0]!.headers['x-amz-x509-chain'],
        raIntermediate.certDer.toString('base64'),
        'the chain from the secret is sent',
      );
    },
  },
  'roles-anywhere-pkcs12.yml': {
    assumedRole: () => `arn:aws:sts::${RA_ACCOUNT}:assumed-role/ci-from-certificate/`,
    check: (since) => {
      const seen = ra.requests.slice(since.ra);
      assert.deepEqual(
        seen.map((r) => r.status),
        [201],
      );
      assert.equal(
        seen[0]!.headers['x-amz-x509-chain'],
        raIntermediate.certDer.toString('base64'),
        'the chain inside the bundle is sent',
      );
    },
  },
  'matrix-accounts.yml': {
    assumedRole: (matrix) => `arn:aws:sts::${matrix['account']}:assumed-role/${matrix['role']}/`,
    check: (since, context) => {
      assert.deepEqual(stsActions(since), ['AssumeRoleWithWebIdentity']);
      assert.equal(
        sts.requests.at(-1)!.params.get('RoleArn'),
        `arn:aws:iam::${context.matrix['account']}:role/${context.matrix['role']}`,
      );
    },
  },
  'operator.yml': {
    assumedRole: () => 'arn:aws:sts::123456789012:assumed-role/github-operator/',
    check: (since) => assert.deepEqual(stsActions(since), ['AssumeRoleWithWebIdentity']),
    after: () => {
      // Every repository of the checked-out operator.yaml now holds a certificate and key, sealed for it.
      for (const { target } of parseOperatorConfig(readFileSync(OPERATOR_FILE, 'utf8'), OPERATOR_FILE).repositories) {
        const repo = `${target.owner}/${target.repo}`;
        assert.deepEqual(gh.secretNames(repo, target.environment), ['IOT_CERTIFICATE', 'IOT_PRIVATE_KEY'], repo);
        assert.match(gh.variable(repo, 'IOT_CREATED_BY', target.environment) ?? '', /^aws-short-lived-credentials gh-/);
      }
    },
  },
  'minio-publish.yml': {
    assumedRole: () => '',
    // MinIO reports no AWS role: its credentials are MinIO's own.
    outputsRole: false,
    check: (since) => {
      const seen = minio.requests.slice(since.minio);
      assert.deepEqual(
        seen.map((r) => [r.kind, r.status]),
        [['sts', 200]],
      );
      assert.equal(new URL(seen[0]!.url, 'https://x').searchParams.get('DurationSeconds'), '900');
      assert.deepEqual(stsActions(since), [], 'MinIO mode does not call AWS STS');
    },
    afterJob: async () => {
      // The artefact went through MinIO's S3 front, signed with the issued credentials, into moto.
      assert.ok(
        minio.requests.some((r) => r.kind === 's3' && r.method === 'PUT' && r.status === 200),
        'aws s3 cp reached MinIO',
      );
      const back = join(raPki.dir, 'minio-artefact');
      const get = await runAwsCliAsync(
        [
          '--endpoint-url',
          moto.url,
          's3api',
          'get-object',
          '--bucket',
          'ci-artifacts',
          '--key',
          'builds/main/index.js',
          back,
        ],
        { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_DEFAULT_REGION: 'us-east-1' },
      );
      assert.equal(get.code, 0, get.stderr);
      assert.ok(
        readFileSync(back).equals(readFileSync(join(ROOT, 'dist', 'main', 'index.js'))),
        'the object in the bucket is the artefact',
      );
    },
  },
  'self-hosted-proxy.yml': {
    assumedRole: () => 'arn:aws:sts::123456789012:assumed-role/github-deploy/',
    check: (since) => {
      const seen = proxy.requests().slice(since.proxy);
      assert.ok(
        seen.some((r) => r.startsWith(`GET ${new URL(tokens.url).origin}/`)),
        `the token request went through the proxy: ${seen.join('\n')}`,
      );
      assert.ok(seen.includes(`POST ${sts.url}/`), `STS went through the proxy: ${seen.join('\n')}`);
    },
  },
};

function exampleFiles(): string[] {
  return readdirSync(EXAMPLES).sort();
}

function isThisAction(step: Step): boolean {
  return typeof step.uses === 'string' && step.uses.startsWith(`${ACTION}@`);
}

function jobsOf(workflow: Workflow): Array<[string, Job]> {
  return Object.entries(workflow.jobs ?? {});
}

/** The job's permissions if it sets any, else the workflow's, as GitHub applies them. */
function effectivePermissions(workflow: Workflow, job: Job) {
  return job.permissions ?? workflow.permissions;
}

/** The action.yml defaults the runner passes for inputs a step leaves out, then the step's own values. */
function actionInputs(given: Record<string, string>): Record<string, string> {
  const defaults = Object.entries(actionYml.inputs)
    .filter(([, i]) => i.default !== undefined)
    .map(([name, i]) => [name, String(i.default)]);
  return { ...Object.fromEntries(defaults), ...given };
}

describe('examples/ are plausible workflows that use only real inputs', () => {
  const files = exampleFiles();

  test('there are examples, each is a .yml workflow, and each one has a runner case below', () => {
    assert.ok(files.length >= 8, `examples/ holds ${files.length} files`);
    for (const file of files) assert.match(file, /\.yml$/, `${file}: examples are workflow files`);
    assert.deepEqual(
      files,
      Object.keys(CASES).sort(),
      'every example is exercised by a case in CASES, and every case has its example',
    );
  });

  for (const file of files) {
    test(file, () => {
      const workflow = readWorkflow(join(EXAMPLES, file));
      assert.ok(workflow.on !== undefined && workflow.on !== null, `${file}: has no 'on:'`);
      const jobs = jobsOf(workflow);
      assert.ok(jobs.length > 0, `${file}: has no jobs`);
      let actionSteps = 0;
      for (const [name, job] of jobs) {
        const where = `${file} jobs.${name}`;
        const runsOn = job['runs-on'];
        assert.ok(
          (typeof runsOn === 'string' && runsOn !== '') ||
            (Array.isArray(runsOn) && runsOn.length > 0 && runsOn.every((l) => typeof l === 'string')),
          `${where}: runs-on is a label or a list of labels`,
        );
        assert.ok(Array.isArray(job.steps) && job.steps.length > 0, `${where}: has no steps`);
        const context = { ...staticTable(), matrix: {}, steps: placeholderStepOutputs(job) };
        for (const matrix of matrixEntries(job, where)) substituteEverywhere(job, { ...context, matrix }, where);

        job.steps.forEach((step, i) => {
          const at = `${where}.steps[${i}]`;
          assert.equal(
            Number(step.uses !== undefined) + Number(step.run !== undefined),
            1,
            `${at}: a step has exactly one of uses and run`,
          );
          if (!isThisAction(step)) return;
          actionSteps += 1;
          assert.equal(step.uses, ACTION_REF, `${at}: uses the published major tag`);
          const given = step.with ?? {};
          for (const key of Object.keys(given))
            assert.ok(key in actionYml.inputs, `${at}: with.${key} is not an input of action.yml`);
          for (const [input, spec] of Object.entries(actionYml.inputs)) {
            if (spec.required)
              assert.ok(String(given[input] ?? '') !== '', `${at}: the required input ${input} is missing`);
          }
          for (const [key, value] of Object.entries(given))
            assert.ok(['string', 'boolean', 'number'].includes(typeof value), `${at}: with.${key} is not a scalar`);

          const get = (input: string) => String(given[input] ?? '');
          const mode = resolveMode(get, get('role-chaining') === 'true');
          const needsToken = mode === 'oidc' && get('web-identity-token-file') === '';
          assert.equal(
            grantsIdToken(effectivePermissions(workflow, job)),
            needsToken,
            needsToken
              ? `${at}: OIDC needs 'permissions: id-token: write'`
              : `${at}: ${mode} needs no id-token, so the example should not grant it`,
          );
        });
      }
      assert.ok(actionSteps > 0, `${file}: no step uses ${ACTION_REF}`);
    });
  }
});

/** The names the runtime table holds, with placeholder values, for checks that need no stand-ins; a test below keeps the two equal. */
function staticTable(): Pick<ExpressionContext, 'secrets' | 'vars'> {
  const names = {
    secrets: [
      'TARGET_ROLE_EXTERNAL_ID',
      'IOT_CERTIFICATE',
      'IOT_PRIVATE_KEY',
      'RA_CERTIFICATE',
      'RA_CERTIFICATE_CHAIN',
      'RA_PRIVATE_KEY',
      'RA_PKCS12_BASE64',
      'RA_PKCS12_PASSPHRASE',
      'OPERATOR_APP_PRIVATE_KEY',
      'MINIO_CLIENT_CERTIFICATE',
      'MINIO_CLIENT_KEY',
    ],
    vars: [
      'AWS_ROLE_ARN',
      'TARGET_ROLE_ARN',
      'IOT_CREDENTIAL_ENDPOINT',
      'IOT_ROLE_ALIAS',
      'IOT_THING_NAME',
      'RA_TRUST_ANCHOR_ARN',
      'RA_PROFILE_ARN',
      'RA_ROLE_ARN',
      'PROXY_URL',
      'OPERATOR_ROLE_ARN',
      'OPERATOR_APP_ID',
      'OPERATOR_BOUNDARY_ARN',
      'OPERATOR_ALLOWED_POLICY_ARNS',
      'MINIO_ENDPOINT',
      'MINIO_CA_FILE',
    ],
  };
  return {
    secrets: Object.fromEntries(names.secrets.map((n) => [n, 'x'])),
    vars: Object.fromEntries(names.vars.map((n) => [n, 'x'])),
  };
}

describe('every example runs against the local stand-ins', () => {
  before(async () => {
    moto = await startMoto();
    sts = await startFaultProxy(moto.url);
    tokens = await startTokenEndpoint();
    proxy = await startTinyproxy();

    // The operator: GitHub with the repositories of the example operator.yaml, the policies it names made beforehand.
    gh = await startGithubStandIn({ token: APP_TOKEN });
    const operatorConfig = parseOperatorConfig(readFileSync(OPERATOR_FILE, 'utf8'), OPERATOR_FILE);
    for (const { target } of operatorConfig.repositories) {
      gh.addRepository(`${target.owner}/${target.repo}`);
      // Its environments made beforehand by the repository's admins, deployments limited to the default branch.
      if (target.environment)
        gh.addEnvironment(`${target.owner}/${target.repo}`, target.environment, { branches: ['main'] });
    }
    const admin = new IAMClient({
      region: 'us-east-1',
      endpoint: moto.url,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    for (const arn of new Set(operatorConfig.repositories.flatMap((e) => e.policyArns))) {
      await admin.send(
        new CreatePolicyCommand({
          PolicyName: arn.split('/').pop()!,
          PolicyDocument: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
          }),
        }),
      );
    }
    await admin.send(
      new CreatePolicyCommand({
        PolicyName: OPERATOR_BOUNDARY_NAME,
        PolicyDocument: JSON.stringify(operatorBoundaryDocument()),
      }),
    );
    admin.destroy();

    // IoT: nginx with the client CA, credentials minted ahead through moto (the stand-in mints synchronously).
    const pool: Array<Awaited<ReturnType<typeof mintWithMoto>>> = [];
    for (let i = 0; i < 3; i++) pool.push(await mintWithMoto(moto.url, IOT_ROLE, `iot-example-${i}`, 3600));
    iotPki = await createIotTestPki();
    iot = await startIotStandIn({
      pki: iotPki,
      credentials: () => {
        const c = pool.shift();
        if (!c) throw new Error('IoT credential pool exhausted: mint more in before()');
        return { ...c, expiration: c.expiration.replace(/\.\d{3}Z$/, 'Z') };
      },
    });
    iot.register(iotPki.clients.goodRsa.certPem, 'runner-7');

    // Roles Anywhere: the trust anchor holds the root; the leaf is issued by an intermediate sent as the chain.
    raPki = createPkiDir();
    const root = raPki.createRoot({ commonName: 'Examples Root CA', keyType: 'ec-p256' });
    raIntermediate = raPki.issueIntermediate(root, { commonName: 'Examples Issuing CA', keyType: 'ec-p256' });
    const leaf = raPki.issueLeaf(raIntermediate, { commonName: 'example-runner', keyType: 'ec-p256' });
    const p12 = join(raPki.dir, 'runner.p12');
    execFileSync('openssl', [
      'pkcs12',
      '-export',
      '-in',
      leaf.certPath,
      '-inkey',
      leaf.keyPath,
      '-certfile',
      raIntermediate.certPath,
      '-passout',
      `pass:${P12_PASSPHRASE}`,
      '-out',
      p12,
    ]);
    ra = await startRolesAnywhereStandIn({
      region: 'us-east-1',
      trustAnchors: [{ arn: RA_ANCHOR, caPem: root.certPem }],
      profiles: [{ arn: RA_PROFILE, roleArns: [RA_ROLE] }],
      credentials: (req) => mintWithMoto(moto.url, req.roleArn, req.roleSessionName, req.durationSeconds),
    });

    // MinIO: the client CA in its certs/CAs, a policy named by the runner certificate's CN, S3 forwarded to moto.
    minio = await startMinioStandIn({
      clientCaPems: [minioClientCa.certPem],
      policies: ['ci-publish'],
      s3Upstream: { url: moto.url, accessKeyId: 'testing', secretAccessKey: 'testing' },
    });
    const mb = await runAwsCliAsync(['--endpoint-url', moto.url, 's3', 'mb', 's3://ci-artifacts'], {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    assert.equal(mb.code, 0, mb.stderr);
    minioCaFile = join(raPki.dir, 'minio-server-ca.pem');
    writeFileSync(minioCaFile, minio.serverCaPem);

    // The "machine" trusts both stand-ins' server CAs, as a user trusts a private endpoint.
    caFile = join(raPki.dir, 'standin-cas.pem');
    writeFileSync(caFile, `${iot.serverCaPem.trim()}\n${ra.caCertPem.trim()}\n`);

    table = {
      secrets: {
        TARGET_ROLE_EXTERNAL_ID: EXTERNAL_ID,
        IOT_CERTIFICATE: iotPki.clients.goodRsa.certPem,
        IOT_PRIVATE_KEY: iotPki.clients.goodRsa.keyPem,
        RA_CERTIFICATE: leaf.certPem,
        RA_CERTIFICATE_CHAIN: raIntermediate.certPem,
        RA_PRIVATE_KEY: leaf.keyPem,
        RA_PKCS12_BASE64: readFileSync(p12).toString('base64'),
        RA_PKCS12_PASSPHRASE: P12_PASSPHRASE,
        OPERATOR_APP_PRIVATE_KEY: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
          type: 'pkcs1',
          format: 'pem',
        }) as string,
        MINIO_CLIENT_CERTIFICATE: minioClient.certPem,
        MINIO_CLIENT_KEY: minioClient.keyPem,
      },
      vars: {
        AWS_ROLE_ARN: CI_ROLE,
        TARGET_ROLE_ARN: TARGET_ROLE,
        IOT_CREDENTIAL_ENDPOINT: iot.url,
        IOT_ROLE_ALIAS: DEFAULT_ROLE_ALIAS,
        IOT_THING_NAME: 'runner-7',
        RA_TRUST_ANCHOR_ARN: RA_ANCHOR,
        RA_PROFILE_ARN: RA_PROFILE,
        RA_ROLE_ARN: RA_ROLE,
        PROXY_URL: proxy.url,
        OPERATOR_ROLE_ARN: OPERATOR_ROLE,
        OPERATOR_APP_ID: '123456',
        OPERATOR_BOUNDARY_ARN: OPERATOR_BOUNDARY,
        OPERATOR_ALLOWED_POLICY_ARNS: [
          ...new Set(
            parseOperatorConfig(readFileSync(OPERATOR_FILE, 'utf8'), OPERATOR_FILE).repositories.flatMap(
              (e) => e.policyArns,
            ),
          ),
        ].join(','),
        MINIO_ENDPOINT: minio.url,
        MINIO_CA_FILE: minioCaFile,
      },
    };
    for (const name of [
      'TARGET_ROLE_EXTERNAL_ID',
      'IOT_PRIVATE_KEY',
      'RA_PRIVATE_KEY',
      'RA_PKCS12_BASE64',
      'RA_PKCS12_PASSPHRASE',
      'OPERATOR_APP_PRIVATE_KEY',
      'MINIO_CLIENT_KEY',
    ])
      ledger.add(name, table.secrets[name]);
    ledger.add('the App installation token', APP_TOKEN);
  });

  after(async () => {
    await gh?.close();
    await minio?.close();
    await ra?.close();
    await iot?.close();
    raPki?.remove();
    await proxy?.close();
    await tokens?.close();
    await sts?.close();
    await moto?.stop();
  });

  test('the static checks resolve expressions against the same names the runtime table holds', () => {
    const names = (t: Pick<ExpressionContext, 'secrets' | 'vars'>) => ({
      secrets: Object.keys(t.secrets).sort(),
      vars: Object.keys(t.vars).sort(),
    });
    assert.deepEqual(names(staticTable()), names(table));
  });

  for (const file of exampleFiles()) {
    test(file, async (t) => {
      const testCase = CASES[file];
      assert.ok(testCase, `${file} has no runner case in CASES`);
      const workflow = readWorkflow(join(EXAMPLES, file));
      for (const [jobName, job] of jobsOf(workflow)) {
        for (const matrix of matrixEntries(job, `${file} jobs.${jobName}`)) {
          const label = Object.keys(matrix).length ? `${jobName} (${Object.values(matrix).join(', ')})` : jobName;
          await t.test(label, () => runJob(file, workflow, jobName, job, { ...table, matrix }, testCase));
        }
      }
    });
  }
});

/** What the runner and the machine give every step: the stand-ins as AWS, the id-token endpoint if permitted. */
function runnerEnv(workflow: Workflow, jobName: string, job: Job): Record<string, string> {
  return {
    GITHUB_RUN_ID: '4711',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW: workflow.name ?? 'example',
    GITHUB_JOB: jobName,
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_ENDPOINT_URL_ROLESANYWHERE: ra.url,
    NODE_EXTRA_CA_CERTS: caFile,
    // The runner offers the token endpoint only to jobs granted id-token: write.
    ...(grantsIdToken(effectivePermissions(workflow, job))
      ? { ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer }
      : {}),
  };
}

/** Runs one job (one matrix entry) step by step, as the runner would, then its post steps in reverse order. */
async function runJob(
  file: string,
  workflow: Workflow,
  jobName: string,
  job: Job,
  table: ExpressionContext,
  testCase: ExampleCase,
): Promise<void> {
  const workspace = newWorkspace();
  const context: ExpressionContext = { ...table, steps: {} };
  const where = `${file} jobs.${jobName}`;
  const jobEnv = { ...stringMap(workflow.env, context, `${file} env`), ...stringMap(job.env, context, `${where}.env`) };
  /** What earlier steps wrote to GITHUB_ENV, which every later step sees. */
  let exported: Record<string, string> = {};
  const posts: Array<{ run: RunResult; inputs: Record<string, string>; env: Record<string, string> }> = [];
  let last: RunResult | undefined;
  let awsRuns = 0;

  for (const [i, step] of (job.steps ?? []).entries()) {
    const at = `${where}.steps[${i}]`;
    const stepEnv = { ...jobEnv, ...stringMap(step.env, context, `${at}.env`) };
    if (isThisAction(step)) {
      const inputs = actionInputs(stringMap(step.with, context, `${at}.with`));
      const env = { ...runnerEnv(workflow, jobName, job), ...exported, ...stepEnv };
      const since: Marks = {
        sts: sts.requests.length,
        tokens: tokens.requests.length,
        iot: iot.requests.length,
        ra: ra.requests.length,
        proxy: proxy.requests().length,
        minio: minio.requests.length,
      };
      const run = await runAction('main', { inputs, env, workspace, hosts: { [iot.endpointHost]: '127.0.0.1' } });
      assert.equal(run.code, 0, `${at}: ${run.stdout}${run.stderr}`);
      ledger.addDelivered(run);
      ledger.assertNoLeak(run);
      assertDelivered(
        run,
        inputs,
        testCase.outputsRole === false ? undefined : testCase.assumedRole(context.matrix),
        at,
      );
      testCase.check(since, context);
      exported = { ...exported, ...run.exported };
      posts.unshift({ run, inputs, env });
      last = run;
    } else if (step.uses?.startsWith('actions/create-github-app-token@')) {
      // Stands in for the App token action: it needs the App's id and key, and gives an installation token.
      const given = stringMap(step.with, context, `${at}.with`);
      assert.ok(given['app-id'] && given['private-key'], `${at}: app-id and private-key are required`);
      if (step.id) context.steps![step.id] = { token: APP_TOKEN, 'installation-id': '1', 'app-slug': 'operator' };
    } else if (step.uses?.startsWith('actions/checkout@')) {
      // The operator repository's checkout: its operator.yaml.
      copyFileSync(OPERATOR_FILE, join(workspace.dir, 'operator.yaml'));
    } else if (step.run !== undefined) {
      for (const { tool, args } of scriptCommands(step.run, context, at)) {
        if (tool === 'cli') {
          await runCli(args, { ...exported, ...stepEnv }, workspace, at);
          continue;
        }
        // Not blocking: the MinIO stand-in answers from this very process.
        const cli = await runAwsCliAsync(args, {
          ...exported,
          ...stepEnv,
          HOME: workspace.home,
          AWS_ENDPOINT_URL: moto.url,
        });
        assert.equal(cli.code, 0, `${at}: aws ${args.join(' ')}: ${cli.stderr}`);
        if (args[0] === 'sts' && args[1] === 'get-caller-identity') {
          assert.ok(last, `${at}: an aws command before any step of this action`);
          const arn = (cli.json as { Arn?: string }).Arn ?? '';
          assert.ok(arn.startsWith(testCase.assumedRole(context.matrix)), `${at}: the AWS CLI is ${arn}`);
          if (testCase.outputsRole !== false)
            assert.equal(
              arn,
              last.outputs['aws-assumed-role-arn'],
              `${at}: the AWS CLI is the role the action assumed`,
            );
        }
        awsRuns += 1;
      }
    }
  }
  assert.ok(awsRuns > 0, `${where}: no later step uses the credentials with an aws command`);
  testCase.after?.();
  await testCase.afterJob?.();

  for (const { run, inputs, env } of posts) {
    const post = await runAction('post', { inputs, env, state: run.state, workspace });
    assert.equal(post.code, 0, `${where} post: ${post.stdout}${post.stderr}`);
    ledger.assertNoLeak(post);
    const file = run.exported['AWS_SHARED_CREDENTIALS_FILE'];
    if (file) {
      const profile = run.exported['AWS_PROFILE'] ?? 'default';
      const left = existsSync(file) ? readFileSync(file, 'utf8') : '';
      assert.ok(!left.includes(`[${profile}]`), `${where}: the post step removed profile ${profile} from ${file}`);
    }
  }
}

/**
 * This project's CLI as a `run:` step runs it, from dist/: AWS at moto, GitHub at the stand-in, the IoT credentials
 * endpoint somewhere unreachable (a new certificate is then checked by signature). Nothing secret may be printed.
 */
async function runCli(
  args: string[],
  env: Record<string, string>,
  workspace: { dir: string; home: string },
  at: string,
): Promise<void> {
  // Not spawnSync: the GitHub stand-in answers from this process.
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'cli', 'index.js'), ...args], {
    cwd: workspace.dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: workspace.home,
      ...env,
      AWS_ENDPOINT_URL: moto.url,
      GITHUB_API_URL: gh.url,
      ASLC_GITHUB_WRITE_INTERVAL_MS: '0',
      ASLC_IOT_CREDENTIAL_ENDPOINT: 'https://127.0.0.1:9',
    },
  });
  const run = await collect(child);
  assert.equal(run.code, 0, `${at}: aws-short-lived-credentials ${args.join(' ')}: ${run.stdout}${run.stderr}`);
  // The keys it delivered join the ledger before the check, so printing one fails.
  for (const repo of gh.repositories())
    for (const env of [undefined, ...gh.environmentNames(repo)])
      ledger.add(`IOT_PRIVATE_KEY of ${repo}`, gh.secret(repo, 'IOT_PRIVATE_KEY', env));
  ledger.assertNoLeak({
    stdout: run.stdout,
    stderr: run.stderr,
    summary: '',
    files: { env: '', output: '', state: '' },
  } as unknown as RunResult);
}

/** Checks the step delivered what its inputs ask for: env variables, a profile, or both, of the expected role. */
function assertDelivered(
  run: RunResult,
  inputs: Record<string, string>,
  assumedRole: string | undefined,
  at: string,
): void {
  if (assumedRole) {
    const arn = run.outputs['aws-assumed-role-arn'] ?? '';
    assert.ok(
      arn.startsWith(assumedRole) && arn.length > assumedRole.length,
      `${at}: assumed ${arn}, expected ${assumedRole}<session>`,
    );
    assert.equal(run.outputs['aws-account-id'], assumedRole.split(':')[4]);
  }
  assert.ok(Date.parse(run.outputs['aws-expiration'] ?? '') > Date.now(), `${at}: aws-expiration is in the future`);

  const toEnv = inputs['output-env-credentials'] !== 'false';
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
    if (toEnv) assert.ok(run.exported[name], `${at}: ${name} exported`);
    else assert.equal(run.exported[name], undefined, `${at}: ${name} not exported with output-env-credentials: false`);
  }
  // Only MinIO mode may leave aws-region out.
  if (toEnv) assert.equal(run.exported['AWS_REGION'], inputs['aws-region'] || MINIO_DEFAULT_REGION);

  const profile = inputs['profile'] || (inputs['credentials-file'] ? 'default' : '');
  if (profile) {
    const file = run.exported['AWS_SHARED_CREDENTIALS_FILE'] ?? '';
    assert.equal(
      file,
      inputs['credentials-file'] || join(run.workspace.home, '.aws', 'credentials'),
      `${at}: the credentials file`,
    );
    assert.equal(run.exported['AWS_PROFILE'], profile);
    assert.equal(statSync(file).mode & 0o777, 0o600, `${at}: the credentials file is private`);
    assert.match(
      readFileSync(file, 'utf8'),
      new RegExp(
        `^\\[${profile}\\]\\naws_access_key_id = \\S+\\naws_secret_access_key = \\S+\\naws_session_token = \\S+`,
        'm',
      ),
    );
  } else {
    assert.equal(run.exported['AWS_SHARED_CREDENTIALS_FILE'], undefined, `${at}: no profile was asked for`);
  }
}
