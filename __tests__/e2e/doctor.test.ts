/**
 * `doctor` end to end: the bundled CLI against moto, with roles made by the bundled `bootstrap oidc` for a repository
 * that emits the immutable sub (its ids from the GitHub stand-in), and real RS256 tokens carrying the claims GitHub
 * documents. doctor admits the job's own token, and names the failing condition for an environment token against a
 * branch policy, for the immutable sub against a name-only policy, and for an audience the provider does not list.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMoto, type Moto } from '../support/moto.js';
import { startGithubStandIn, type GithubStandIn } from '../standins/github-api-standin.js';
import { jwt } from '../standins/token-endpoint.js';
import { githubClaims } from '../support/trust-match.js';
import { ROOT, collect, type Collected } from '../support/processes.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const HOST = 'token.actions.githubusercontent.com';
const REPO = { owner: 'octo-org', ownerId: 123456, name: 'octo-repo', id: 789012 };
const IMMUTABLE_MAIN = 'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main';

let moto: Moto;
let gh: GithubStandIn;
let dir: string;
const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const kid = randomBytes(6).toString('hex');

function run(args: string[], env: Record<string, string> = {}): Promise<Collected> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: dir,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: dir,
      AWS_ENDPOINT_URL: moto.url,
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_REGION: 'us-east-1',
      AWS_MAX_ATTEMPTS: '1',
      AWS_EC2_METADATA_DISABLED: 'true',
      GITHUB_API_URL: gh.url,
      ...env,
    },
  });
  return collect(child);
}

/** A signed token for a job of the repository, as GitHub issues it, written to a file. */
function tokenFile(name: string, claims: Record<string, unknown>): { path: string; token: string } {
  const now = Math.floor(Date.now() / 1000);
  const token = jwt(
    { ...claims, iat: now, nbf: now - 5, exp: now + 300, jti: randomBytes(8).toString('hex') },
    key,
    kid,
  );
  const path = join(dir, `${name}.jwt`);
  writeFileSync(path, token, { mode: 0o600 });
  return { path, token };
}

async function bootstrap(args: string[]): Promise<string> {
  const made = await run(['bootstrap', 'oidc', '--repo', 'octo-org/octo-repo', ...args]);
  assert.equal(made.code, 0, made.stderr);
  const arn = /^Role: (arn:\S+)$/m.exec(made.stdout)?.[1];
  assert.ok(arn, made.stdout);
  return arn;
}

const doctor = (roleArn: string, token: { path: string }) =>
  run(['doctor', '--role-to-assume', roleArn, '--web-identity-token-file', token.path]);

function assertNoToken(out: Collected, token: string): void {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  for (const part of [token, signature, `${header}.${payload}`])
    assert.ok(!out.stdout.includes(part) && !out.stderr.includes(part), 'the token or its signature was printed');
}

before(async () => {
  moto = await startMoto();
  gh = await startGithubStandIn({ token: 'ghs_doctortoken000000000000000000000000' });
  // Created after 2026-07-15: bootstrap oidc --sub-format auto trusts the immutable form only.
  gh.addRepository('octo-org/octo-repo', { ownerId: REPO.ownerId, id: REPO.id, createdAt: '2026-08-03T08:00:00Z' });
  dir = mkdtempSync(join(tmpdir(), 'doctor-e2e-'));
});
after(async () => {
  await gh?.close();
  await moto?.stop();
});

describe('doctor', () => {
  let branchRole: string;
  before(async () => {
    branchRole = await bootstrap(['--branch', 'main', '--role-name', 'doctor-main']);
  });

  test("admits the token of a job of the repository's main branch: exit 0, the provider's audience shown", async () => {
    const token = tokenFile('main', githubClaims(REPO, 'refs/heads/main', 'immutable'));
    const out = await doctor(branchRole, token);
    assert.equal(out.code, 0, out.stdout + out.stderr);
    assert.match(out.stdout, /Statement\[0\], Allow: admits this token/);
    assert.match(out.stdout, /audiences \(client ids\): "sts\.amazonaws\.com"/);
    assert.match(out.stdout, /thumbprints: "[0-9a-f]{40}"/);
    assert.match(out.stdout, /Verdict: the trust admits this token\./);
    assert.ok(out.stdout.includes(`sub: ${IMMUTABLE_MAIN}`));
    assertNoToken(out, token.token);
  });

  test('the same token through --web-identity-token-env is read the same way', async () => {
    const token = tokenFile('env-var', githubClaims(REPO, 'refs/heads/main', 'immutable'));
    const out = await run(['doctor', '--role-to-assume', branchRole, '--web-identity-token-env', 'JOB_TOKEN'], {
      JOB_TOKEN: token.token,
    });
    assert.equal(out.code, 0, out.stdout + out.stderr);
    assertNoToken(out, token.token);
  });

  test('an environment token against the branch policy: exit 1, the sub condition with both values', async () => {
    const claims = {
      ...githubClaims(REPO, 'refs/heads/main', 'immutable', 'environment:prod'),
      environment: 'prod',
    };
    const token = tokenFile('environment', claims);
    const out = await doctor(branchRole, token);
    assert.equal(out.code, 1, out.stdout + out.stderr);
    assert.ok(
      out.stdout.includes(
        `StringEquals "${HOST}:sub" expects "${IMMUTABLE_MAIN}"; the token has "repo:octo-org@123456/octo-repo@789012:environment:prod"`,
      ),
      out.stdout,
    );
    assert.match(out.stdout, /the job ran in an environment/);
    assert.match(out.stdout, /Verdict: this token is refused\./);
    assertNoToken(out, token.token);
  });

  test('a name-only (legacy) policy and the immutable sub: the condition, and the fix in both forms', async () => {
    const legacyRole = await bootstrap(['--branch', 'main', '--sub-format', 'legacy', '--role-name', 'doctor-legacy']);
    const token = tokenFile('immutable', githubClaims(REPO, 'refs/heads/main', 'immutable'));
    const out = await doctor(legacyRole, token);
    assert.equal(out.code, 1, out.stdout + out.stderr);
    assert.ok(
      out.stdout.includes(
        `StringEquals "${HOST}:sub" expects "repo:octo-org/octo-repo:ref:refs/heads/main"; the token has "${IMMUTABLE_MAIN}"`,
      ),
      out.stdout,
    );
    assert.match(out.stdout, /carry the immutable sub/);
    assert.match(out.stdout, /A trust policy Condition that admits this job \(sub in both forms/);
    // And the other way round: the legacy token is refused by the immutable-only role.
    const legacy = tokenFile('legacy', githubClaims(REPO, 'refs/heads/main', 'legacy'));
    const back = await doctor(branchRole, legacy);
    assert.equal(back.code, 1, back.stdout);
    assert.match(back.stdout, /the token carries the name-only sub/);
  });

  test("a wrong aud: the trust's aud condition and the provider's client ids both name it", async () => {
    const token = tokenFile('aud', {
      ...githubClaims(REPO, 'refs/heads/main', 'immutable'),
      aud: 'https://github.com/octo-org',
    });
    const out = await doctor(branchRole, token);
    assert.equal(out.code, 1, out.stdout + out.stderr);
    assert.ok(
      out.stdout.includes(
        `StringEquals "${HOST}:aud" expects "sts.amazonaws.com"; the token has "https://github.com/octo-org"`,
      ),
      out.stdout,
    );
    assert.match(out.stdout, /the token's aud "https:\/\/github\.com\/octo-org" is not one of them: STS refuses it/);
  });

  test('usage and configuration errors: exit 2 for an argument, 1 for a role name, 1 for a token that is no JWT', async () => {
    const token = tokenFile('main2', githubClaims(REPO, 'refs/heads/main', 'immutable'));
    const extra = await run([
      'doctor',
      'extra',
      '--role-to-assume',
      branchRole,
      '--web-identity-token-file',
      token.path,
    ]);
    assert.equal(extra.code, 2, extra.stderr);
    const name = await run(['doctor', '--role-to-assume', 'doctor-main', '--web-identity-token-file', token.path]);
    assert.equal(name.code, 1);
    assert.match(name.stderr, /'role-to-assume'.*role name, not a role ARN/);
    const junk = join(dir, 'junk.jwt');
    writeFileSync(junk, 'not-a-token');
    const bad = await run(['doctor', '--role-to-assume', branchRole, '--web-identity-token-file', junk]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /web-identity-token-file/);
  });
});
