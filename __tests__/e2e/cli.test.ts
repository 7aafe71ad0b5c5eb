/**
 * The CLI end to end: the bundled dist/cli run as a user runs it, the real AWS CLI calling it as credential_process,
 * moto as STS behind a recording proxy (to count exchanges).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto, type Moto } from '../support/moto.js';
import { startFaultProxy, type FaultProxy } from '../standins/fault-proxy.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';
import { newWorkspace } from '../support/action-runner.js';
import { collect, NODE24, nodeBinaries, ROOT } from '../support/processes.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const ROLE = 'arn:aws:iam::123456789012:role/laptop';

let moto: Moto;
let sts: FaultProxy;
let tokens: TokenEndpoint;
let dir: string;
let tokenFile: string;
let otherTokenFile: string;
let authFile: string;

before(async () => {
  moto = await startMoto();
  sts = await startFaultProxy(moto.url);
  tokens = await startTokenEndpoint();
  dir = newWorkspace().dir;
  tokenFile = join(dir, 'token.jwt');
  // A token from the test issuer, fetched the way any job would get its own.
  const res = await fetch(`${tokens.url}&audience=sts.amazonaws.com`, {
    headers: { authorization: `Bearer ${tokens.bearer}` },
  });
  writeFileSync(tokenFile, ((await res.json()) as { value: string }).value);
  otherTokenFile = join(dir, 'other-token.jwt');
  const other = await fetch(`${tokens.url}&audience=sts.amazonaws.com`, {
    headers: { authorization: `Bearer ${tokens.bearer}` },
  });
  writeFileSync(otherTokenFile, ((await other.json()) as { value: string }).value);
  authFile = join(dir, 'auth.yaml');
  writeFileSync(
    authFile,
    `# written by hand for the test\nversion: 1\naws-region: us-east-1\nrole-to-assume: ${ROLE}\nweb-identity-token-file: token.jwt\nrole-session-name: laptop-session\n`,
  );
});
after(async () => {
  await tokens?.close();
  await sts?.close();
  await moto?.stop();
});

/**
 * Runs the bundled CLI under `node` (Node 24 unless a test says otherwise), with no GITHUB_* variables: as on a
 * laptop. Asynchronous: the STS proxy lives in this process and must keep answering meanwhile.
 */
function cli(
  args: string[],
  env: Record<string, string> = {},
  node = NODE24,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return collect(
    spawn(node, [CLI, ...args], {
      env: { PATH: process.env['PATH'] ?? '', HOME: dir, AWS_ENDPOINT_URL_STS: sts.url, ...env },
    }),
  );
}

/** A ~/.aws/config whose profile runs the bundled CLI as credential_process, and the env that points the AWS CLI at it. */
function awsProfile(cacheDir: string, node = NODE24): Record<string, string> {
  const config = join(dir, `config-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    config,
    `[profile ci]\nregion = us-east-1\ncredential_process = ${node} ${CLI} credential-process --auth ${authFile} --cache-dir ${cacheDir}\n`,
  );
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_PROFILE: 'ci',
    AWS_ENDPOINT_URL: moto.url,
    AWS_ENDPOINT_URL_STS: sts.url,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function aws(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return collect(spawn('aws', ['sts', 'get-caller-identity', '--output', 'json'], { env }));
}

function exchanges(since: number): number {
  return sts.requests.slice(since).filter((r) => r.params.get('Action') === 'AssumeRoleWithWebIdentity').length;
}

for (const node of nodeBinaries('cli')) {
  describe(`credential-process, env and exec under ${node.name}`, () => {
    test('aws sts get-caller-identity works through a credential_process profile', async () => {
      const res = await aws(awsProfile(join(dir, `cache-a-${node.name}`), node.path));
      assert.equal(res.code, 0, res.stderr);
      assert.equal(
        (JSON.parse(res.stdout) as { Arn: string }).Arn,
        'arn:aws:sts::123456789012:assumed-role/laptop/laptop-session',
      );
    });

    test('outside GitHub, calls a second apart share one cache entry; another token gets its own', async () => {
      const cacheDir = join(dir, `cache-identity-${node.name}`);
      // No role-session-name: the default one is made from the clock, and must not split the cache.
      const flags = (token: string) => [
        'credential-process',
        '--aws-region',
        'us-east-1',
        '--role-to-assume',
        ROLE,
        '--web-identity-token-file',
        token,
        '--cache-dir',
        cacheDir,
      ];
      const before = sts.requests.length;
      const first = await cli(flags(tokenFile), {}, node.path);
      assert.equal(first.code, 0, first.stderr);
      await new Promise((r) => setTimeout(r, 1100));
      const second = await cli(flags(tokenFile), {}, node.path);
      assert.equal(second.code, 0, second.stderr);
      assert.equal(exchanges(before), 1, 'the second call is answered from the cache');
      assert.equal(JSON.parse(second.stdout).AccessKeyId, JSON.parse(first.stdout).AccessKeyId);
      const entries = () => readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
      assert.equal(entries().length, 1);

      const other = await cli(flags(otherTokenFile), {}, node.path);
      assert.equal(other.code, 0, other.stderr);
      assert.equal(exchanges(before), 2, 'another token is another identity: it exchanges');
      assert.notEqual(JSON.parse(other.stdout).AccessKeyId, JSON.parse(first.stdout).AccessKeyId);
      assert.equal(entries().length, 2);
    });

    test('env prints sh, dotenv, powershell and json forms of the same credentials', async () => {
      const forms: Record<string, { code: number | null; stdout: string; stderr: string }> = {};
      for (const f of ['sh', 'dotenv', 'powershell', 'json'])
        forms[f] = await cli(['env', '--auth', authFile, '--format', f], {}, node.path);
      for (const [f, r] of Object.entries(forms)) assert.equal(r.code, 0, `${f}: ${r.stderr}`);
      assert.match(forms['sh']!.stdout, /^export AWS_ACCESS_KEY_ID='ASIA[A-Z0-9]+'$/m);
      assert.match(forms['dotenv']!.stdout, /^AWS_REGION=us-east-1$/m);
      assert.match(forms['powershell']!.stdout, /^\$Env:AWS_SESSION_TOKEN = '.+'$/m);
      const json = JSON.parse(forms['json']!.stdout) as Record<string, string>;
      assert.equal(json['AWS_DEFAULT_REGION'], 'us-east-1');
      const shell = spawnSync(
        'sh',
        ['-c', `${forms['sh']!.stdout}\naws sts get-caller-identity --output text --query Arn`],
        { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: dir, AWS_ENDPOINT_URL: moto.url } },
      );
      assert.equal(shell.stdout.trim(), 'arn:aws:sts::123456789012:assumed-role/laptop/laptop-session', shell.stderr);
    });

    test('exec runs the command with the credentials, without AWS_PROFILE, and passes its exit code through', async () => {
      const ok = await cli(
        [
          'exec',
          '--auth',
          authFile,
          '--',
          'sh',
          '-c',
          'test -z "$AWS_PROFILE" && aws sts get-caller-identity --output text --query Account',
        ],
        { AWS_PROFILE: 'stale', AWS_ENDPOINT_URL: moto.url },
        node.path,
      );
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout.trim(), '123456789012');
      assert.equal((await cli(['exec', '--auth', authFile, '--', 'sh', '-c', 'exit 7'], {}, node.path)).code, 7);
    });
  });
}

describe('credential-process for the AWS CLI', () => {
  test('twenty concurrent aws commands cause exactly one exchange', async () => {
    const env = awsProfile(join(dir, 'cache-b'));
    const before = sts.requests.length;
    const results = await Promise.all(Array.from({ length: 20 }, () => aws(env)));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    assert.equal(exchanges(before), 1);
    const again = await aws(env);
    assert.equal(again.code, 0);
    assert.equal(exchanges(before), 1, 'a warm cache answers without an exchange');
  });

  test('an entry close to expiry is refreshed; a corrupt, loose or foreign-owned entry is ignored', async () => {
    const cacheDir = join(dir, 'cache-c');
    const args = ['credential-process', '--auth', authFile, '--cache-dir', cacheDir];
    const first = await cli(args);
    assert.equal(first.code, 0, first.stderr);
    const [entry] = readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
    const path = join(cacheDir, entry!);
    const cached = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
    let before = sts.requests.length;
    assert.deepEqual(JSON.parse((await cli(args)).stdout).AccessKeyId, cached['accessKeyId']);
    assert.equal(exchanges(before), 0, 'fresh entry used');

    writeFileSync(path, JSON.stringify({ ...cached, expiration: new Date(Date.now() + 60_000).toISOString() }));
    before = sts.requests.length;
    const refreshed = JSON.parse((await cli(args)).stdout) as { AccessKeyId: string; Expiration: string };
    assert.equal(exchanges(before), 1, 'an entry within the refresh margin is refreshed');
    assert.ok(Date.parse(refreshed.Expiration) > Date.now() + 30 * 60_000);

    writeFileSync(path, '{ not json');
    before = sts.requests.length;
    assert.equal((await cli(args)).code, 0);
    assert.equal(exchanges(before), 1, 'a corrupt entry is replaced');

    chmodSync(path, 0o644);
    before = sts.requests.length;
    assert.equal((await cli(args)).code, 0);
    assert.equal(exchanges(before), 1, 'a world-readable entry is not trusted');

    if (process.getuid?.() === 0) {
      chownSync(path, 65534, 65534);
      before = sts.requests.length;
      const res = await cli(args);
      assert.equal(res.code, 0, res.stderr);
      assert.equal(exchanges(before), 1, "another user's entry is not trusted");
    }
  });

  test('--no-cache exchanges every time and writes nothing', async () => {
    const cacheDir = join(dir, 'cache-d');
    const before = sts.requests.length;
    for (let i = 0; i < 2; i++)
      assert.equal(
        (await cli(['credential-process', '--auth', authFile, '--cache-dir', cacheDir, '--no-cache'])).code,
        0,
      );
    assert.equal(exchanges(before), 2);
    assert.throws(() => readdirSync(cacheDir));
  });
});

describe('configuration', () => {
  test('flags and ASLC_ variables configure it like the action inputs, with the same errors', async () => {
    const byFlags = await cli([
      'env',
      '--aws-region',
      'us-east-1',
      '--role-to-assume',
      ROLE,
      '--web-identity-token-file',
      tokenFile,
    ]);
    assert.equal(byFlags.code, 0, byFlags.stderr);
    const byEnv = await cli(['env'], {
      ASLC_AWS_REGION: 'us-east-1',
      AWS_ROLE_ARN: ROLE,
      ASLC_WEB_IDENTITY_TOKEN_ENV: 'CI_JOB_JWT',
      CI_JOB_JWT: readFileSync(tokenFile, 'utf8'),
    });
    assert.equal(byEnv.code, 0, byEnv.stderr);
    const bad = await cli([
      'env',
      '--aws-region',
      'us-east-1',
      '--role-to-assume',
      'laptop',
      '--web-identity-token-file',
      tokenFile,
    ]);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /Input 'role-to-assume': 'laptop' is a role name, not a role ARN\. Use the role's ARN: arn:aws:iam::<account-id>:role\/laptop/,
    );
    assert.equal(bad.stdout, '');
  });

  test('AWS_PROFILE in the shell, even a name the action could not write as a profile, never refuses a CLI command', async () => {
    // The AWS CLI runs credential_process with the shell's AWS_PROFILE set; the CLI writes no profile.
    for (const command of ['credential-process', 'env']) {
      const run = await cli([command, '--auth', authFile, '--no-cache'], { AWS_PROFILE: 'team/dev' });
      assert.equal(run.code, 0, `${command}: ${run.stderr}`);
      assert.match(run.stdout, /ASIA|AKIA|"AccessKeyId"/);
    }
  });
});

describe('exit codes and help', () => {
  test('usage errors exit 2, service errors exit 3, help exits 0 for every command', async () => {
    assert.equal((await cli(['credential-process', '--aws-regin', 'x'])).code, 2);
    assert.equal((await cli(['frobnicate'])).code, 2);
    assert.equal((await cli(['exec', '--auth', authFile])).code, 2);
    sts.queue({
      kind: 'status',
      status: 403,
      code: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
    const denied = await cli(['env', '--auth', authFile]);
    assert.equal(denied.code, 3);
    assert.match(denied.stderr, /sts:AssumeRoleWithWebIdentity failed: AccessDenied: Not authorized/);
    assert.ok(!denied.stderr.includes(readFileSync(tokenFile, 'utf8')), 'the token is not printed');
    for (const command of ['', 'credential-process', 'env', 'exec']) {
      const res = await cli(command ? [command, '--help'] : ['--help']);
      assert.equal(res.code, 0);
      assert.match(res.stdout, /Exit codes: 0 success, 1 configuration error, 2 usage error, 3 AWS or network error/);
    }
  });

  test('a service message that echoes the token, or carries control characters, is printed without them', async () => {
    const token = readFileSync(tokenFile, 'utf8').trim();
    const hostile = `Token ${token} refused \u001b]0;pwned\u0007\u001b[2J (the issuer said: ${token.slice(0, 40)})`;
    const shapes: Array<[string, string[], Record<string, string>]> = [
      ['a token file', ['--web-identity-token-file', tokenFile], {}],
      ['a token variable', ['--web-identity-token-env', 'CI_JOB_JWT'], { CI_JOB_JWT: token }],
    ];
    for (const [shape, flags, env] of shapes) {
      sts.queue({ kind: 'status', status: 400, code: 'InvalidIdentityToken', message: hostile });
      const res = await cli(
        [
          'credential-process',
          '--no-cache',
          '--verbose',
          '--aws-region',
          'us-east-1',
          '--role-to-assume',
          ROLE,
          ...flags,
        ],
        env,
      );
      assert.equal(res.code, 3, `${shape}: ${res.stderr}`);
      // AwsError cuts a long service message (at 500 characters), here inside the token; what is left of it is hidden.
      assert.match(res.stderr, /InvalidIdentityToken: Token \*\*\*/, shape);
      assert.ok(!res.stderr.includes(token.slice(0, 40)), `${shape}: no part of the token is printed`);
      assert.ok(
        !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(res.stderr),
        `${shape}: no control characters reach the terminal`,
      );
    }
  });

  test('an auth.yaml of the wrong version or with unknown keys is refused, naming the file', async () => {
    const bad = join(dir, 'bad-auth.yaml');
    writeFileSync(bad, 'version: 2\naws-region: us-east-1\n');
    assert.match((await cli(['env', '--auth', bad])).stderr, /bad-auth\.yaml has version 2, this CLI reads version 1/);
    writeFileSync(bad, 'version: 1\nregion: us-east-1\n');
    assert.match((await cli(['env', '--auth', bad])).stderr, /unknown key 'region'/);
    mkdirSync(join(dir, 'noauth'), { recursive: true });
    assert.equal((await cli(['env', '--auth', join(dir, 'noauth', 'missing.yaml')])).code, 1);
  });
});
