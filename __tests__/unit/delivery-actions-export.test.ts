/**
 * The action's delivery over a fake ActionsOutput that records every call in order: what reaches the job's
 * environment, the step outputs and the profile files, and that the account is masked before anything prints it.
 * Config and delivery are built from input maps through buildConfig and buildActionDelivery, as the action does.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from '../../src/config/build-config.js';
import { buildActionDelivery } from '../../src/config/action-delivery.js';
import { clearEnvironment, deliverToActions } from '../../src/delivery/actions-export.js';
import type { ActionsOutput } from '../../src/delivery/actions-output.js';
import { PROFILE_STATE, parseReceipt } from '../../src/delivery/profile.js';
import type { Session } from '../../src/credentials.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const ACCOUNT = '123456789012';
const ASSUMED = 'arn:aws:sts::123456789012:assumed-role/deploy/ci-session';
const EXPIRES = new Date('2030-01-01T00:00:00.000Z');
const AKID = 'ASIAQWERTYUIOPASDFGH';
const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY00';
const TOKEN = 'IQoJb3JpZ2luX2VjEFAKETOKENVALUE=';

type Call = [method: keyof ActionsOutput, ...args: string[]];

/** Records every call, in order, as [method, ...arguments]. */
function recordingOutput(): { out: ActionsOutput; calls: Call[] } {
  const calls: Call[] = [];
  const out: ActionsOutput = {
    setSecret: (value) => void calls.push(['setSecret', value]),
    exportVariable: (name, value) => void calls.push(['exportVariable', name, value]),
    setOutput: (name, value) => void calls.push(['setOutput', name, value]),
    saveState: (name, value) => void calls.push(['saveState', name, value]),
    appendSummary: async (markdown) => void calls.push(['appendSummary', markdown]),
    info: (message) => void calls.push(['info', message]),
    notice: (message) => void calls.push(['notice', message]),
  };
  return { out, calls };
}

const exported = (calls: Call[]) =>
  Object.fromEntries(calls.filter((c) => c[0] === 'exportVariable').map(([, name, value]) => [name, value]));
const outputs = (calls: Call[]) =>
  Object.fromEntries(calls.filter((c) => c[0] === 'setOutput').map(([, name, value]) => [name, value]));

function session(overrides: Partial<Session> = {}, credentials: Partial<Session['credentials']> = {}): Session {
  return {
    credentials: {
      accessKeyId: AKID,
      secretAccessKey: SECRET,
      sessionToken: TOKEN,
      expiration: EXPIRES,
      ...credentials,
    },
    assumedRoleArn: ASSUMED,
    ...overrides,
  };
}

/** Config and delivery from action inputs, as runMain builds them. */
/** A job with the id-token permission: without it, role-to-assume alone is assumed with the runner's AWS identity. */
const RUNNER = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };

function build(inputs: Record<string, string>, env: Record<string, string> = RUNNER) {
  const values: Record<string, string> = { 'aws-region': 'eu-west-2', 'role-to-assume': ROLE, ...inputs };
  const get = (name: string) => values[name] ?? '';
  const config = buildConfig(get, env, new Date(), '/home/runner');
  return { config, delivery: buildActionDelivery(get, env, '/home/runner', config).delivery };
}

test('env delivery: the AWS_* credentials, their expiration and the region pair; no S3 endpoint without one', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(out, session(), config, delivery);
  assert.deepEqual(exported(calls), {
    AWS_ACCESS_KEY_ID: AKID,
    AWS_SECRET_ACCESS_KEY: SECRET,
    AWS_SESSION_TOKEN: TOKEN,
    AWS_CREDENTIAL_EXPIRATION: EXPIRES.toISOString(),
    AWS_REGION: 'eu-west-2',
    AWS_DEFAULT_REGION: 'eu-west-2',
  });
  assert.ok(!calls.some((c) => c[0] === 'saveState'), 'no profile, no receipt');
});

test("a later step delivering AWS credentials takes back the MinIO step's AWS_ENDPOINT_URL_S3, never the user's own", async () => {
  const minio = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(
    minio.out,
    session({ serviceEndpoints: { s3: 'https://minio.example:9000' } }),
    config,
    delivery,
  );
  // The job's environment after the MinIO step, as the runner builds it for the next one.
  const jobEnv = exported(minio.calls);
  const aws = recordingOutput();
  await deliverToActions(aws.out, session(), config, delivery, {}, jobEnv);
  assert.equal(exported(aws.calls)['AWS_ENDPOINT_URL_S3'], '');
  assert.match(
    String(aws.calls.find((c) => c[0] === 'notice')?.[1]),
    /AWS_ENDPOINT_URL_S3 \(https:\/\/minio\.example:9000\), set by an earlier MinIO step of this action, is cleared/,
  );
  // One the user set (or changed after the MinIO step) stays.
  for (const env of [
    { AWS_ENDPOINT_URL_S3: 'https://s3.internal' },
    { ...jobEnv, AWS_ENDPOINT_URL_S3: 'https://s3.internal' },
  ]) {
    const user = recordingOutput();
    await deliverToActions(user.out, session(), config, delivery, {}, env);
    assert.equal(exported(user.calls)['AWS_ENDPOINT_URL_S3'], undefined);
  }
  // A second MinIO step sets its own.
  const again = recordingOutput();
  await deliverToActions(
    again.out,
    session({ serviceEndpoints: { s3: 'https://minio2.example' } }),
    config,
    delivery,
    {},
    jobEnv,
  );
  assert.equal(exported(again.calls)['AWS_ENDPOINT_URL_S3'], 'https://minio2.example');
});

test('env delivery: the session token is exported empty when the session has none, so an older one never pairs with new keys', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(out, session({}, { sessionToken: undefined }), config, delivery);
  assert.equal(exported(calls)['AWS_SESSION_TOKEN'], '');
  assert.equal(exported(calls)['AWS_ACCESS_KEY_ID'], AKID);
});

test('env delivery: AWS_ENDPOINT_URL_S3 is exported when the session has an S3 endpoint, and the summary names it', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(out, session({ serviceEndpoints: { s3: 'https://minio.example:9000' } }), config, delivery);
  assert.equal(exported(calls)['AWS_ENDPOINT_URL_S3'], 'https://minio.example:9000');
  const summary = calls.find((c) => c[0] === 'appendSummary')?.[1] ?? '';
  assert.match(summary, /S3: https:\/\/minio\.example:9000/);
});

test('output-env-credentials: false with output-credentials: nothing exported, the credentials as step outputs', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({ 'output-env-credentials': 'false', 'output-credentials': 'true' });
  await deliverToActions(out, session(), config, delivery);
  assert.deepEqual(exported(calls), {});
  assert.deepEqual(outputs(calls), {
    'aws-account-id': ACCOUNT,
    'aws-assumed-role-arn': ASSUMED,
    'authenticated-arn': ASSUMED,
    'aws-expiration': EXPIRES.toISOString(),
    'aws-access-key-id': AKID,
    'aws-secret-access-key': SECRET,
    'aws-session-token': TOKEN,
  });
});

test('without output-credentials the keys are never outputs, while account, ARN and expiration are', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(out, session(), config, delivery);
  assert.deepEqual(outputs(calls), {
    'aws-account-id': ACCOUNT,
    'aws-assumed-role-arn': ASSUMED,
    'authenticated-arn': ASSUMED,
    'aws-expiration': EXPIRES.toISOString(),
  });
});

test('the identity outputs only when known: no ARN, no account or ARN outputs; no expiration, no expiration output', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({ 'output-credentials': 'true' });
  const bare: Session = { credentials: { accessKeyId: AKID, secretAccessKey: SECRET } };
  await deliverToActions(out, bare, config, delivery);
  assert.deepEqual(outputs(calls), { 'aws-access-key-id': AKID, 'aws-secret-access-key': SECRET });
  assert.ok(!('AWS_CREDENTIAL_EXPIRATION' in exported(calls)));
});

test('mask-aws-account-id: the account is masked before any call that could print it', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({ 'mask-aws-account-id': 'true', 'output-credentials': 'true' });
  await deliverToActions(out, session(), config, delivery);
  const masked = calls.findIndex((c) => c[0] === 'setSecret' && c[1] === ACCOUNT);
  assert.ok(masked >= 0, 'the account is registered as a secret');
  const firstPrint = calls.findIndex((c) => c[0] !== 'setSecret' && c.slice(1).some((arg) => arg.includes(ACCOUNT)));
  assert.ok(firstPrint > masked, `the account is printed (call ${firstPrint}) before it is masked (call ${masked})`);
  assert.ok(
    calls.some((c) => c[0] === 'appendSummary' && c[1]!.includes(ACCOUNT)),
    'the summary carries the ARN',
  );
});

test('without mask-aws-account-id the account is not registered as a secret', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(out, session(), config, delivery);
  assert.ok(!calls.some((c) => c[0] === 'setSecret'));
});

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function profileDir(): { dir: string; credentials: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aslc-actions-export-'));
  dirs.push(dir);
  return { dir, credentials: join(dir, 'credentials'), config: join(dir, 'config') };
}

test('profile delivery with aws-profile alone: real files of mode 0600, the receipt saved, nothing announced or exported', async () => {
  const files = profileDir();
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({ 'aws-profile': 'ci', 'credentials-file': files.credentials });
  assert.equal(delivery.announceProfile, false);
  await deliverToActions(out, session(), config, delivery);

  const credentials = readFileSync(files.credentials, 'utf8');
  assert.match(credentials, /^\[ci\]$/m);
  assert.match(credentials, new RegExp(`^aws_access_key_id = ${AKID}$`, 'm'));
  assert.match(credentials, new RegExp(`^aws_secret_access_key = ${SECRET}$`, 'm'));
  assert.match(readFileSync(files.config, 'utf8'), /^\[profile ci\]\nregion = eu-west-2$/m);
  assert.equal(statSync(files.credentials).mode & 0o777, 0o600);
  assert.equal(statSync(files.config).mode & 0o777, 0o600);

  const states = calls.filter((c) => c[0] === 'saveState');
  assert.equal(states.length, 1);
  assert.equal(states[0]![1], PROFILE_STATE);
  const receipt = parseReceipt(states[0]![2]!, [
    { credentialsFile: files.credentials, configFile: files.config, profile: 'ci' },
  ]);
  assert.ok(typeof receipt !== 'string', `the saved receipt is refused: ${String(receipt)}`);
  assert.equal(receipt.accessKeyId, AKID);
  assert.ok(!states[0]![2]!.includes(SECRET), 'no secret in the state');
  assert.deepEqual(exported(calls), {}, 'aws-profile without output-env-credentials leaves the environment alone');
});

test('profile delivery with env delivery: AWS_PROFILE and both files announced beside the keys', async () => {
  const files = profileDir();
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({ profile: 'ci', 'credentials-file': files.credentials });
  assert.equal(delivery.announceProfile, true);
  await deliverToActions(out, session(), config, delivery);
  const env = exported(calls);
  assert.equal(env['AWS_PROFILE'], 'ci');
  assert.equal(env['AWS_SHARED_CREDENTIALS_FILE'], files.credentials);
  assert.equal(env['AWS_CONFIG_FILE'], files.config);
  assert.equal(env['AWS_ACCESS_KEY_ID'], AKID);
  // The receipt is saved before the files are announced: the post step can undo whatever a later failure leaves.
  const saved = calls.findIndex((c) => c[0] === 'saveState');
  const announced = calls.findIndex((c) => c[0] === 'exportVariable' && c[1] === 'AWS_PROFILE');
  assert.ok(saved >= 0 && saved < announced);
});

test('aws-profile with output-env-credentials: true announces the profile too', async () => {
  const files = profileDir();
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({
    'aws-profile': 'ci',
    'credentials-file': files.credentials,
    'output-env-credentials': 'true',
  });
  await deliverToActions(out, session(), config, delivery);
  assert.equal(exported(calls)['AWS_PROFILE'], 'ci');
  assert.equal(exported(calls)['AWS_ACCESS_KEY_ID'], AKID);
});

test('via.credentialProcess: the profile holds a credential_process line instead of keys', async () => {
  const files = profileDir();
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({ profile: 'ci', 'credentials-file': files.credentials });
  const line = `'/usr/bin/node' '/opt/aslc/process.js' '${files.dir}/endpoint.json'`;
  await deliverToActions(out, session(), config, { ...delivery, env: false }, { credentialProcess: line });

  const credentials = readFileSync(files.credentials, 'utf8');
  assert.ok(credentials.includes(`credential_process = ${line}`), credentials);
  assert.ok(!credentials.includes(AKID) && !credentials.includes(SECRET) && !credentials.includes(TOKEN));
  const receipt = JSON.parse(calls.find((c) => c[0] === 'saveState')![2]!) as Record<string, unknown>;
  assert.equal(receipt['credentialProcess'], true);
  assert.equal(receipt['accessKeyId'], '');
  // Without env delivery the announced profile brings its region with it.
  assert.equal(exported(calls)['AWS_REGION'], 'eu-west-2');
  assert.ok(!('AWS_ACCESS_KEY_ID' in exported(calls)));
});

test('clearEnvironment: every credential and region variable exported empty', () => {
  const { out, calls } = recordingOutput();
  clearEnvironment(out);
  assert.deepEqual(exported(calls), {
    AWS_ACCESS_KEY_ID: '',
    AWS_SECRET_ACCESS_KEY: '',
    AWS_SESSION_TOKEN: '',
    AWS_CREDENTIAL_EXPIRATION: '',
    AWS_REGION: '',
    AWS_DEFAULT_REGION: '',
  });
  assert.ok(calls.every((c) => c[0] === 'exportVariable'));
});

test('the summary and the info line name the role, the mode and the expiration, and no secret', async () => {
  const { out, calls } = recordingOutput();
  const { config, delivery } = build({});
  await deliverToActions(out, session(), config, delivery);
  const summary = calls.find((c) => c[0] === 'appendSummary')![1]!;
  assert.match(summary, /\| Mode \| oidc \|/);
  assert.ok(summary.includes(ASSUMED));
  const info = calls.find((c) => c[0] === 'info')![1]!;
  assert.ok(info.includes(ASSUMED) && info.includes(EXPIRES.toISOString()));
  for (const [method, ...args] of calls) {
    if (method === 'exportVariable' || method === 'setOutput') continue;
    for (const arg of args) assert.ok(![AKID, SECRET, TOKEN].some((s) => arg.includes(s)), `${method} leaks a secret`);
  }
});
