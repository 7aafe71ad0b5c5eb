/**
 * scripts/test-prerequisites.sh, which `npm test` runs first, on a PATH of stand-in commands: what it names as missing,
 * when it runs apt-get (as root, or through passwordless sudo) and when it must not, and its exit status. The apt-get
 * and sudo here only record how they were called; go is never on this PATH, so there is always a package to want.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes.js';

const SCRIPT = join(ROOT, 'scripts', 'test-prerequisites.sh');
const BASH = execFileSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
const ENV = execFileSync('sh', ['-c', 'command -v env'], { encoding: 'utf8' }).trim();
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface Machine {
  uid: number;
  /** 'passwordless': sudo -n works; 'password': sudo -n fails; 'none': no sudo on PATH. */
  sudo: 'passwordless' | 'password' | 'none';
  /** What the stand-in python3 says it cannot import ('' for nothing), or undefined for no python3. */
  pythonMissing?: string;
  aws: boolean;
  env?: Record<string, string>;
}

function run(machine: Machine): { status: number | null; stderr: string; calls: string[] } {
  const bin = mkdtempSync(join(tmpdir(), 'prereq-bin-'));
  dirs.push(bin);
  const log = join(bin, 'calls.log');
  writeFileSync(log, '');
  const command = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  symlinkSync(ENV, join(bin, 'env'));
  command('id', `echo ${machine.uid}`);
  command('apt-get', `echo "apt-get $*" >> '${log}'`);
  command('openssl', 'exit 0');
  if (machine.sudo === 'passwordless') {
    command('sudo', `echo "sudo $*" >> '${log}'\n[ "$1" = -n ] && shift\n[ "$1" = true ] && exit 0\nexec "$@"`);
  } else if (machine.sudo === 'password') {
    command('sudo', `echo "sudo $*" >> '${log}'\necho 'sudo: a password is required' >&2\nexit 1`);
  }
  if (machine.pythonMissing !== undefined) command('python3', `echo '${machine.pythonMissing}'`);
  if (machine.aws) command('aws', 'echo aws-cli/1');
  const res = spawnSync(BASH, [SCRIPT], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { PATH: bin, HOME: bin, ...machine.env },
  });
  const calls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: res.status, stderr: res.stderr, calls };
}

const message = (stderr: string) => {
  assert.equal(stderr.split('The tests cannot run').length, 2, `one message:\n${stderr}`);
  return stderr.slice(stderr.indexOf('The tests cannot run'));
};
const aptCalls = (calls: string[]) => calls.filter((c) => c.startsWith('apt-get'));

describe('scripts/test-prerequisites.sh', () => {
  test('not root and sudo wants a password: names what is missing and how to get it, runs no apt-get, exits 1', () => {
    const r = run({ uid: 1000, sudo: 'password', pythonMissing: '', aws: true });
    assert.equal(r.status, 1);
    const text = message(r.stderr);
    assert.match(text, /- go: not on PATH \(Debian package golang-go\)/);
    assert.match(text, /apt-get was not run: not root, and sudo asks for a password/);
    assert.match(text, /As root: apt-get install -y --no-install-recommends .*golang-go/);
    assert.match(text, /No test was run\./);
    assert.doesNotMatch(text, /python3|aws:/);
    assert.deepEqual(aptCalls(r.calls), []);
    assert.deepEqual(r.calls, ['sudo -n true']);
  });

  test('not root and no sudo at all: the same message, no apt-get', () => {
    const r = run({ uid: 1000, sudo: 'none', pythonMissing: '', aws: true });
    assert.equal(r.status, 1);
    assert.match(message(r.stderr), /go: not on PATH[^]*apt-get was not run: not root/);
    assert.deepEqual(r.calls, []);
  });

  test('passwordless sudo: apt-get update and install through sudo, then checks again and still names what is missing', () => {
    const r = run({ uid: 1000, sudo: 'passwordless', pythonMissing: '', aws: true });
    assert.equal(r.status, 1);
    const install = aptCalls(r.calls);
    assert.equal(install.length, 2, r.calls.join('\n'));
    assert.equal(install[0], 'apt-get update -qq');
    assert.match(install[1]!, /^apt-get install -y -qq --no-install-recommends .*\bgolang-go\b/);
    assert.ok(r.calls.includes('sudo -n true'));
    assert.ok(r.calls.some((c) => /^sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install /.test(c)));
    const text = message(r.stderr);
    assert.match(text, /- go: not on PATH/);
    assert.match(text, /apt-get installed .*golang-go\. Still missing after it: .*golang-go/);
  });

  test('root: apt-get directly, no sudo', () => {
    const r = run({ uid: 0, sudo: 'passwordless', pythonMissing: '', aws: true });
    assert.equal(r.status, 1);
    assert.equal(aptCalls(r.calls).length, 2);
    assert.ok(!r.calls.some((c) => c.startsWith('sudo')), r.calls.join('\n'));
  });

  test('root with TEST_PREREQUISITES_INSTALL=no: reports only', () => {
    const r = run({ uid: 0, sudo: 'none', pythonMissing: '', aws: true, env: { TEST_PREREQUISITES_INSTALL: 'no' } });
    assert.equal(r.status, 1);
    assert.match(message(r.stderr), /apt-get was not run: TEST_PREREQUISITES_INSTALL=no/);
    assert.deepEqual(r.calls, []);
  });

  test('python3 without moto and boto3, and no AWS CLI: named, with no attempt to pip install', () => {
    const r = run({ uid: 1000, sudo: 'password', pythonMissing: 'moto, boto3', aws: false });
    assert.equal(r.status, 1);
    const text = message(r.stderr);
    assert.match(
      text,
      /- python3 \(.*python3\) cannot import: moto, boto3\. .*this script installs no Python packages/,
    );
    assert.match(text, /- aws: the AWS CLI does not run from PATH/);
    assert.ok(!r.calls.some((c) => /pip/.test(c)));
  });

  test('no python3 on PATH: named', () => {
    const r = run({ uid: 1000, sudo: 'password', aws: true });
    assert.equal(r.status, 1);
    assert.match(message(r.stderr), /- python3: not on PATH; the tests need a python3 with moto/);
  });
});
