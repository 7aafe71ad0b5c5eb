/**
 * The CLI's settings as every command reads them: flags over ASLC_* variables over the --auth file, into the one
 * config; what the action's delivery rules must not refuse here; the login source, the auth file's secrets, warnings
 * on stderr, and a login's proof from its cached id-token. Args come from parseArgs with main.ts's known names.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION_INPUTS } from '../../src/config/input-names.js';
import { buildActionDelivery } from '../../src/config/action-delivery.js';
import { parseArgs } from '../../src/cli/args.js';
import { BOOTSTRAP_FLAGS, CLI_ONLY_INPUTS } from '../../src/cli/settings.js';
import { cacheLocation, loadSettings, obtain, proofOf, type CliIo } from '../../src/cli/load-settings.js';
import { saveIdToken } from '../../src/cli/login-session.js';
import { InputError } from '../../src/errors.js';

const KNOWN = new Set<string>([...ACTION_INPUTS, ...CLI_ONLY_INPUTS, ...BOOTSTRAP_FLAGS]);
const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const ISSUER = 'https://login.example.com';
const CLIENT_ID = 'aslc-cli';
const ID_TOKEN = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJkZXYifQ.c2ln';
const CLIENT_SECRET = 'client-secret-from-the-auth-file-0001';

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aslc-load-settings-'));
  dirs.push(dir);
  return dir;
}

/** An auth.yaml as bootstrap writes it; returns its path. */
function authFile(lines: string[]): string {
  const dir = tempDir();
  const path = join(dir, 'auth.yaml');
  writeFileSync(path, ['# written by a test', 'version: 1', ...lines, ''].join('\n'));
  return path;
}

/** A CliIo that records stdout, stderr and every secret registered. */
function recordingIo(env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const secrets: string[] = [];
  const io: CliIo = {
    env,
    stdout: (text) => void stdout.push(text),
    stderr: (text) => void stderr.push(text),
    secret: (value) => void secrets.push(value),
  };
  return { io, stdout, stderr, secrets };
}

/** A job with the id-token permission: without it, role-to-assume alone is assumed with the runner's AWS identity. */
const RUNNER = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer' };

const load = (argv: string[], io: CliIo) => loadSettings(parseArgs(['env', ...argv], KNOWN), io, KNOWN);

test('flags win over ASLC_* variables, which win over the --auth file', async () => {
  const auth = authFile(['aws-region: ap-south-1', `role-to-assume: ${ROLE}`, 'role-session-name: from-file']);
  const env = { ASLC_AWS_REGION: 'us-east-2', ASLC_ROLE_SESSION_NAME: 'from-env', ...RUNNER };

  const all = await load(['--auth', auth, '--aws-region', 'eu-west-1'], recordingIo(env).io);
  assert.equal(all.config.region, 'eu-west-1');
  assert.equal(all.config.session.sessionName, 'from-env');
  assert.equal(all.config.source.mode, 'oidc');
  assert.equal(all.config.source.mode === 'oidc' && all.config.source.roleArn, ROLE, 'only the file names the role');

  const noFlag = await load(['--auth', auth], recordingIo(env).io);
  assert.equal(noFlag.config.region, 'us-east-2');

  const fileOnly = await load(['--auth', auth], recordingIo().io);
  assert.equal(fileOnly.config.region, 'ap-south-1');
  assert.equal(fileOnly.config.session.sessionName, 'from-file');
  assert.equal(fileOnly.get('aws-region'), 'ap-south-1', 'the reader returned is the one the config was built from');
});

test('ASLC_AUTH names the auth file when --auth does not; its relative paths are relative to the file', async () => {
  const auth = authFile(['aws-region: eu-north-1', `role-to-assume: ${ROLE}`, 'web-identity-token-file: ./token']);
  const { config } = await load([], recordingIo({ ASLC_AUTH: auth }).io);
  assert.equal(config.region, 'eu-north-1');
  assert.equal(config.source.mode === 'oidc' && config.source.tokenFile, join(auth, '..', 'token'));
});

test('an unreadable --auth file is refused naming auth', async () => {
  await assert.rejects(
    load(['--auth', join(tempDir(), 'missing.yaml')], recordingIo().io),
    (err: unknown) => err instanceof InputError && err.input === 'auth' && /ENOENT/.test(err.message),
  );
});

test("AWS_PROFILE that the action could not write as a profile does not refuse a CLI config (the action's rule alone)", async () => {
  const env = { AWS_PROFILE: 'team/dev', ASLC_AWS_REGION: 'us-east-1', ...RUNNER };
  const settings = await load(['--role-to-assume', ROLE], recordingIo(env).io);
  assert.equal(settings.config.source.mode, 'oidc');
  assert.equal(settings.config.region, 'us-east-1');
  // The same settings as the action's inputs meet the action's delivery rule, which does refuse that name.
  assert.throws(
    () => buildActionDelivery(settings.get, env, '/home/runner', settings.config),
    (err: unknown) => err instanceof InputError && err.input === 'AWS_PROFILE',
  );
});

test('--issuer without --client-id is refused naming client-id', async () => {
  await assert.rejects(
    load(['--aws-region', 'us-east-1', '--role-to-assume', ROLE, '--issuer', ISSUER], recordingIo().io),
    (err: unknown) => err instanceof InputError && err.input === 'client-id' && err.message.includes("'client-id'"),
  );
});

test('--issuer with --client-id makes the source a login at that issuer for that client', async () => {
  const { config } = await load(
    ['--aws-region', 'us-east-1', '--role-to-assume', ROLE, '--issuer', ISSUER, '--client-id', CLIENT_ID],
    recordingIo().io,
  );
  assert.equal(config.source.mode, 'oidc');
  assert.deepEqual(config.source.mode === 'oidc' && config.source.login, { issuer: ISSUER, clientId: CLIENT_ID });
  assert.equal(config.source.mode === 'oidc' && config.source.idToken, undefined, 'the token is read at exchange');
});

test('--issuer with a token file or variable is no login: the token comes from there', async () => {
  const base = ['--aws-region', 'us-east-1', '--role-to-assume', ROLE, '--issuer', ISSUER];
  const file = await load([...base, '--web-identity-token-file', '/run/token'], recordingIo().io);
  assert.equal(file.config.source.mode === 'oidc' && file.config.source.login, undefined);
  const variable = await load([...base, '--web-identity-token-env', 'CI_JOB_JWT'], recordingIo().io);
  assert.equal(variable.config.source.mode === 'oidc' && variable.config.source.login, undefined);
});

test("the auth file's secrets are registered with io.secret, and its other values are not", async () => {
  const auth = authFile([
    'aws-region: us-east-1',
    `role-to-assume: ${ROLE}`,
    `issuer: ${ISSUER}`,
    `client-id: ${CLIENT_ID}`,
    `client-secret: ${CLIENT_SECRET}`,
  ]);
  const { io, secrets } = recordingIo();
  const { config } = await load(['--auth', auth], io);
  assert.deepEqual(secrets, [CLIENT_SECRET]);
  assert.deepEqual(config.source.mode === 'oidc' && config.source.login, { issuer: ISSUER, clientId: CLIENT_ID });
});

test("the config's warnings go to stderr with the CLI's prefix, one line each; stdout stays empty", async () => {
  const { io, stdout, stderr } = recordingIo(RUNNER);
  await load(['--aws-region', 'us-east-1', '--role-to-assume', ROLE, '--custom-tags', '{"Team":"platform"}'], io);
  assert.equal(stderr.length, 1);
  assert.match(stderr[0]!, /^aws-short-lived-credentials: warning: Input 'custom-tags' is ignored: .*\n$/);
  assert.equal(stderr[0]!.split('\n').length, 2, 'one line');
  assert.deepEqual(stdout, []);
  // No warning, no line.
  const quiet = recordingIo();
  await load(['--aws-region', 'us-east-1', '--role-to-assume', ROLE], quiet.io);
  assert.deepEqual(quiet.stderr, []);
});

const loginArgs = (cacheDir: string, clientId = CLIENT_ID) => [
  '--aws-region',
  'us-east-1',
  '--role-to-assume',
  ROLE,
  '--issuer',
  ISSUER,
  '--client-id',
  clientId,
  '--cache-dir',
  cacheDir,
];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test("proofOf a login: the cached id-token's digest; undefined without a cached login", async () => {
  const cacheDir = join(tempDir(), 'cache');
  const { io } = recordingIo();
  const settings = await load(loginArgs(cacheDir), io);
  assert.equal(proofOf(settings, io), undefined, 'no login yet');

  saveIdToken(cacheDir, { issuer: ISSUER, clientId: CLIENT_ID }, ID_TOKEN, new Date(Date.now() + 3600_000));
  assert.deepEqual(proofOf(settings, io), [`token:${sha256(ID_TOKEN)}`]);
  assert.equal(settings.config.source.mode === 'oidc' && settings.config.source.idToken, undefined, 'config unchanged');

  // Another client's login is not this one's.
  const other = await load(loginArgs(cacheDir, 'another-client'), io);
  assert.equal(proofOf(other, io), undefined);
});

test('proofOf a login reads the cached id-token even when it has expired (it still names the identity)', async () => {
  const cacheDir = join(tempDir(), 'cache');
  saveIdToken(cacheDir, { issuer: ISSUER, clientId: CLIENT_ID }, ID_TOKEN, new Date(Date.now() - 3600_000));
  const { io } = recordingIo();
  assert.deepEqual(proofOf(await load(loginArgs(cacheDir), io), io), [`token:${sha256(ID_TOKEN)}`]);
});

test('obtain with a login: no cached login, or an expired one, is refused naming issuer before any exchange', async () => {
  const cacheDir = join(tempDir(), 'cache');
  const { io } = recordingIo();
  const settings = await load(loginArgs(cacheDir), io);
  await assert.rejects(
    obtain(settings, io),
    (err: unknown) => err instanceof InputError && err.input === 'issuer' && /no login/.test(err.message),
  );
  saveIdToken(cacheDir, { issuer: ISSUER, clientId: CLIENT_ID }, ID_TOKEN, new Date(Date.now() - 1000));
  await assert.rejects(
    obtain(settings, io),
    (err: unknown) => err instanceof InputError && err.input === 'issuer' && /expired/.test(err.message),
  );
});

test('cacheLocation: win32 keeps the cache in %LOCALAPPDATA% and trusts only what lies inside it; POSIX in ~/.cache by mode bits', () => {
  const env = { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local', XDG_CACHE_HOME: '/ignored' };
  const dirStat = { isDirectory: () => true, isFile: () => false } as Stats;
  const win = cacheLocation(() => '', { env, platform: 'win32' });
  assert.equal(win.dir, 'C:\\Users\\u\\AppData\\Local\\aws-short-lived-credentials');
  assert.match(win.privacy.how, /%LOCALAPPDATA% \(C:\\Users\\u\\AppData\\Local\)/);
  assert.equal(win.privacy.directory(win.dir, dirStat), true);
  const given = cacheLocation((n) => (n === 'cache-dir' ? 'D:\\cache' : ''), { env, platform: 'win32' });
  assert.equal(given.dir, 'D:\\cache');
  assert.equal(given.privacy.directory(given.dir, dirStat), false, 'outside the per-user directory: not trusted');
  const posix = cacheLocation(() => '', { env: { XDG_CACHE_HOME: '/x' }, platform: 'darwin' });
  assert.equal(posix.dir, '/x/aws-short-lived-credentials');
  assert.match(posix.privacy.how, /mode bits/);
});
