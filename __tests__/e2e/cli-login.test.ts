/**
 * `login` through the bundled CLI: a real OpenID Connect provider (oidc-provider) on loopback, its pages driven as a
 * browser would, moto as STS; then credential-process for the AWS CLI from the cached login, without a browser.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalOidcProvider, SUBJECT, type LocalOidcProvider } from '../standins/local-oidc-provider.js';
import { browse } from '../support/scripted-browser.js';
import { startMoto, type Moto } from '../support/moto.js';
import { collect, freePort, ROOT } from '../support/processes.js';
import { newWorkspace } from '../support/action-runner.js';
import { runAwsCli } from '../support/aws-cli.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const ROLE = 'arn:aws:iam::123456789012:role/people';
let idp: LocalOidcProvider;
let moto: Moto;
let home: string;

before(async () => {
  idp = await startLocalOidcProvider(await freePort());
  moto = await startMoto();
  home = newWorkspace().home;
});
after(async () => {
  await moto?.stop();
  await idp?.close();
});

function cli(
  args: string[],
  onStderrLine?: (line: string) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: home, AWS_ENDPOINT_URL_STS: moto.url },
  });
  return collect(child, (text) => {
    for (const line of text.split('\n')) if (line) onStderrLine?.(line);
  });
}

const identity = () => [
  '--issuer',
  idp.issuer,
  '--client-id',
  idp.publicClientId,
  '--aws-region',
  'us-east-1',
  '--role-to-assume',
  ROLE,
  '--role-session-name',
  'person',
];

test('before any login, credential-process says how to sign in and exits 1', async () => {
  const res = await cli(['credential-process', ...identity()]);
  assert.equal(res.code, 1);
  assert.match(
    res.stderr,
    /Input 'issuer': there is no login for this issuer and client id\. Sign in again: aws-short-lived-credentials login --issuer/,
  );
});

test('login signs in through the provider, caches the id-token privately, and credential-process then works for the AWS CLI', async () => {
  let visit: Promise<unknown> | undefined;
  const res = await cli(['login', ...identity(), '--no-browser'], (line) => {
    if (line.startsWith('http') && !visit) visit = browse(line.trim(), { fill: { login: SUBJECT, password: 'any' } });
  });
  await visit;
  assert.equal(res.code, 0, res.stderr);
  assert.match(
    res.stderr,
    new RegExp(
      `Signed in as ${SUBJECT} at .*; credentials for arn:aws:sts::123456789012:assumed-role/people/person until `,
    ),
  );
  assert.equal(res.stdout, '', 'login prints no credentials and no token');

  const cacheDir = join(home, '.cache', 'aws-short-lived-credentials');
  const tokenFile = readdirSync(cacheDir).find((f) => f.endsWith('.id-token.json'))!;
  assert.equal(statSync(join(cacheDir, tokenFile)).mode & 0o777, 0o600);
  const idToken = (JSON.parse(readFileSync(join(cacheDir, tokenFile), 'utf8')) as { idToken: string }).idToken;
  assert.ok(!res.stderr.includes(idToken), 'the id-token is never printed');

  const config = join(home, 'aws-config');
  writeFileSync(
    config,
    `[profile person]\nregion = us-east-1\ncredential_process = ${process.execPath} ${CLI} credential-process ${identity().join(' ')}\n`,
  );
  const who = runAwsCli(['sts', 'get-caller-identity', '--profile', 'person'], {
    HOME: home,
    AWS_CONFIG_FILE: config,
    AWS_ENDPOINT_URL: moto.url,
    AWS_ENDPOINT_URL_STS: moto.url,
  });
  assert.equal(who.code, 0, who.stderr);
  assert.equal((who.json as { Arn: string }).Arn, 'arn:aws:sts::123456789012:assumed-role/people/person');

  // A fresh exchange from the cached token (no cached credentials) works too, and --no-cache does not touch the browser.
  const again = await cli(['env', ...identity(), '--format', 'json']);
  assert.equal(again.code, 0, again.stderr);
  assert.match((JSON.parse(again.stdout) as Record<string, string>)['AWS_ACCESS_KEY_ID'] ?? '', /^ASIA/);
});
