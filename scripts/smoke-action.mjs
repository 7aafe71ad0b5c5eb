#!/usr/bin/env node
// The bundled action on this machine's OS, as the runner runs it: dist/main with INPUT_* and the file-command files,
// role-chaining against moto's STS on loopback, refresh-credentials with a profile (the detached endpoint and the
// platform's credential_process line), the profile read back by botocore and by the JS SDK (which runs the line through
// cmd.exe on Windows, /bin/sh elsewhere), then dist/post with the saved state: the endpoint stopped, its files gone.
// Usage: node scripts/smoke-action.mjs (needs python with moto[server] and botocore; CI's workflow installs them).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const python = process.env['PYTHON'] || (process.platform === 'win32' ? 'python' : 'python3');
const port = 5000 + (process.pid % 1000);
const role = 'arn:aws:iam::123456789012:role/smoke';

function fail(message) {
  console.error(`smoke: FAILED: ${message}`);
  process.exitCode = 1;
  throw new Error(message);
}

function parseFileCommands(text) {
  const out = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const value = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (lines[i].includes('='))
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
  }
  return out;
}

const listening = (p) =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port: p });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

async function until(check, ms) {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200)))
    if (await check()) return true;
  return false;
}

const work = mkdtempSync(join(tmpdir(), 'aslc smoke '));
const home = join(work, 'home');
mkdirSync(home);
const files = Object.fromEntries(['env', 'state', 'output', 'summary'].map((k) => [k, join(work, `main.${k}`)]));
for (const f of Object.values(files)) writeFileSync(f, '');
// What Windows' processes need to start at all (cmd.exe for the JS SDK, sockets for Python), where it is set.
const system = ['SystemRoot', 'ComSpec', 'PATHEXT', 'TEMP', 'TMP', 'LOCALAPPDATA', 'pythonLocation'].filter(
  (k) => process.env[k] !== undefined,
);
const base = {
  PATH: process.env['PATH'] ?? '',
  ...Object.fromEntries(system.map((k) => [k, process.env[k]])),
  HOME: home,
  USERPROFILE: home,
  RUNNER_TEMP: work,
  GITHUB_ACTIONS: 'true',
  GITHUB_ENV: files.env,
  GITHUB_STATE: files.state,
  GITHUB_OUTPUT: files.output,
  GITHUB_STEP_SUMMARY: files.summary,
};
const inputs = {
  'aws-region': 'us-east-1',
  'role-to-assume': role,
  'role-chaining': 'true',
  'sts-endpoint': `http://127.0.0.1:${port}`,
  'refresh-credentials': 'true',
  profile: 'smoke',
  'credentials-file': join(work, 'aws', 'credentials'),
};
const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));

const moto = spawn(python, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
let endpointPort;
try {
  if (!(await until(() => listening(port), 30_000))) fail(`moto did not listen on ${port} (${python} -m moto.server)`);
  const main = spawnSync(process.execPath, [join(root, 'dist', 'main', 'index.js')], {
    env: { ...base, ...inputEnv, AWS_ACCESS_KEY_ID: 'AKIASMOKESMOKESMOKE0', AWS_SECRET_ACCESS_KEY: 's'.repeat(40) },
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
  });
  console.log(main.stdout);
  if (main.status !== 0) fail(`dist/main exited ${main.status}: ${main.stderr}`);
  const exported = parseFileCommands(readFileSync(files.env, 'utf8'));
  const state = parseFileCommands(readFileSync(files.state, 'utf8'));
  const line = /credential_process = (.*)/.exec(readFileSync(inputs['credentials-file'], 'utf8'))?.[1];
  console.log(`smoke: ${process.platform} credential_process = ${line}`);
  if (!line) fail('no credential_process line in the profile');
  endpointPort = Number(/127\.0\.0\.1:(\d+)/.exec(line)[1]);
  const reader = {
    ...base,
    AWS_SHARED_CREDENTIALS_FILE: inputs['credentials-file'],
    AWS_CONFIG_FILE: join(work, 'aws', 'config'),
    AWS_PROFILE: 'smoke',
  };
  const boto = spawnSync(
    python,
    [
      '-c',
      'import botocore.session; print(botocore.session.Session().get_credentials().get_frozen_credentials().access_key)',
    ],
    { env: reader, encoding: 'utf8' },
  );
  if (boto.status !== 0 || !/^ASIA|^FSIA/.test(boto.stdout.trim())) fail(`botocore: ${boto.stderr}${boto.stdout}`);
  console.log(`smoke: botocore ran the line: ${boto.stdout.trim().slice(0, 8)}...`);
  const js = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import { fromProcess } from '@aws-sdk/credential-provider-process'; const c = await fromProcess({ profile: 'smoke' })(); console.log(c.accessKeyId);",
    ],
    { env: reader, encoding: 'utf8', cwd: root },
  );
  if (js.status !== 0 || !js.stdout.trim()) fail(`the JS SDK: ${js.stderr}${js.stdout}`);
  console.log(`smoke: the JS SDK ran the line: ${js.stdout.trim().slice(0, 8)}...`);
  if (js.stdout.trim() !== boto.stdout.trim()) fail('botocore and the JS SDK read different credentials');
  const post = spawnSync(process.execPath, [join(root, 'dist', 'post', 'index.js')], {
    env: {
      ...base,
      ...inputEnv,
      ...exported,
      ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
    },
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
  });
  console.log(post.stdout);
  if (post.status !== 0) fail(`dist/post exited ${post.status}: ${post.stderr}`);
  if (/::warning::/.test(post.stdout)) fail('the post step warned');
  if (await listening(endpointPort)) fail(`the endpoint still listens on ${endpointPort} after the post step`);
  const tokenFile = /--endpoint-token-file "?'?([^"']+)/.exec(line)?.[1];
  if (tokenFile && existsSync(tokenFile)) fail(`the token file ${tokenFile} is still there`);
  console.log(`smoke: ${process.platform}: main, both readers and post passed`);
} finally {
  moto.kill();
}
