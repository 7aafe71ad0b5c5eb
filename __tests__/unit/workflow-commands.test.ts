/** The runner protocol through @actions/core: inputs, masks, escaped workflow commands and the GITHUB_* file commands. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowCommands, plainLine } from '../../src/action/workflow-commands.js';

const dir = mkdtempSync(join(tmpdir(), 'workflow-commands-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

function emptyFile(): string {
  const path = join(dir, `file-${++fileCount}`);
  writeFileSync(path, '');
  return path;
}

/**
 * @actions/core reads process.env and writes process.stdout: each call runs with the given environment in place and
 * stdout captured, then both are put back.
 */
function runner(env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const real = new WorkflowCommands();
  const commands = new Proxy(real, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const savedEnv = process.env;
        const savedWrite = process.stdout.write;
        process.env = env as NodeJS.ProcessEnv;
        process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
        try {
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        } finally {
          process.env = savedEnv;
          process.stdout.write = savedWrite;
        }
      };
    },
  });
  return { commands, out, env };
}

/** Parses `name<<delimiter\nvalue\ndelimiter\n` blocks back, as the runner does. */
function parseFileCommands(text: string): Array<[string, string]> {
  const lines = text.split('\n');
  const entries: Array<[string, string]> = [];
  let i = 0;
  while (i < lines.length && lines[i] !== '') {
    const header = /^([^<]+)<<(ghadelimiter_[0-9a-f-]{36})$/.exec(lines[i]!);
    assert.ok(header, `bad header line ${JSON.stringify(lines[i])}`);
    const [, name, delimiter] = header;
    const end = lines.indexOf(delimiter!, i + 1);
    assert.ok(end > i, 'no closing delimiter');
    entries.push([name!, lines.slice(i + 1, end).join('\n')]);
    i = end + 1;
  }
  return entries;
}

test('setSecret: ::add-mask:: with the value escaped; nothing for an empty value', () => {
  const { commands, out } = runner();
  commands.setSecret('abc%def');
  commands.setSecret('');
  assert.deepEqual(out, ['::add-mask::abc%25def\n']);
});

test('setSecret: a multi-line value is masked whole and line by line (lines of 4+ characters)', () => {
  const { commands, out } = runner();
  commands.setSecret('-----BEGIN KEY-----\r\nMIIEabc\nxy\n  line three  \n-----END KEY-----');
  assert.deepEqual(out, [
    '::add-mask::-----BEGIN KEY-----%0D%0AMIIEabc%0Axy%0A  line three  %0A-----END KEY-----\n',
    '::add-mask::-----BEGIN KEY-----\n',
    '::add-mask::MIIEabc\n',
    '::add-mask::line three\n',
    '::add-mask::-----END KEY-----\n',
  ]);
});

test('messages: debug, notice, warning and error are escaped workflow commands; info is one plain line', () => {
  const { commands, out } = runner();
  commands.debug('d%\n');
  commands.notice('n');
  commands.warning('w\r');
  commands.error('e');
  commands.info('plain % text');
  assert.deepEqual(out, ['::debug::d%25%0A\n', '::notice::n\n', '::warning::w%0D\n', '::error::e\n', 'plain % text\n']);
});

test('info: a value with newlines or command markers prints as one line the runner cannot obey', () => {
  const { commands, out } = runner();
  commands.info('role arn:aws:sts::1:assumed-role/x\n::save-state name=profile-receipt::{}\r\n::set-output name=a::b');
  commands.info('  ::add-mask::x');
  commands.info('legacy ##[set-env name=A;]b');
  assert.equal(out.length, 3);
  for (const line of out) {
    assert.equal(line.split('\n').length, 2, `one line: ${JSON.stringify(line)}`);
    assert.doesNotMatch(line.trim(), /^::/);
    assert.doesNotMatch(line, /##\[/);
  }
  assert.match(out[0]!, /\\u000a::save-state/);
});

test('plainLine: printable text unchanged; every control character escaped', () => {
  assert.equal(
    plainLine('Credentials for arn:aws:sts::123456789012:assumed-role/r/s obtained'),
    'Credentials for arn:aws:sts::123456789012:assumed-role/r/s obtained',
  );
  assert.equal(plainLine('a\u0000b\u001bc\u007f\u0085'), 'a\\u0000b\\u001bc\\u007f\\u0085');
});

test('exportVariable: GITHUB_ENV gets a delimited block and the process env is updated', () => {
  const path = emptyFile();
  const { commands, out, env } = runner({ GITHUB_ENV: path });
  commands.exportVariable('AWS_REGION', 'us-east-1');
  commands.exportVariable('MULTI', 'line one\nline two\n');
  assert.deepEqual(out, []);
  assert.equal(env['AWS_REGION'], 'us-east-1');
  assert.equal(env['MULTI'], 'line one\nline two\n');
  assert.deepEqual(parseFileCommands(readFileSync(path, 'utf8')), [
    ['AWS_REGION', 'us-east-1'],
    ['MULTI', 'line one\nline two\n'],
  ]);
});

test('setOutput and saveState write their own files in the same format; delimiters differ per entry', () => {
  const outputs = emptyFile();
  const state = emptyFile();
  const { commands } = runner({ GITHUB_OUTPUT: outputs, GITHUB_STATE: state });
  commands.setOutput('aws-account-id', '123456789012');
  commands.setOutput('empty', '');
  commands.saveState('profile', 'ci');
  const text = readFileSync(outputs, 'utf8');
  assert.deepEqual(parseFileCommands(text), [
    ['aws-account-id', '123456789012'],
    ['empty', ''],
  ]);
  const delimiters = [...text.matchAll(/<<(ghadelimiter_\S+)/g)].map((m) => m[1]);
  assert.equal(new Set(delimiters).size, 2);
  assert.deepEqual(parseFileCommands(readFileSync(state, 'utf8')), [['profile', 'ci']]);
});

test('file commands append to what is already there', () => {
  const path = emptyFile();
  writeFileSync(
    path,
    'EXISTING<<ghadelimiter_00000000-0000-0000-0000-000000000000\nv\nghadelimiter_00000000-0000-0000-0000-000000000000\n',
  );
  runner({ GITHUB_ENV: path }).commands.exportVariable('NEW', 'n');
  assert.deepEqual(parseFileCommands(readFileSync(path, 'utf8')), [
    ['EXISTING', 'v'],
    ['NEW', 'n'],
  ]);
});

test('without the file variables nothing is written to stdout: the legacy commands would print the value', () => {
  const { commands, out } = runner();
  for (const [call, file] of [
    [() => commands.exportVariable('A', 'secret-value'), 'GITHUB_ENV'],
    [() => commands.setOutput('a', 'secret-value'), 'GITHUB_OUTPUT'],
    [() => commands.saveState('s', 'secret-value'), 'GITHUB_STATE'],
  ] as const) {
    assert.throws(
      call,
      (e: unknown) =>
        e instanceof InputError &&
        e.input === file &&
        /Run this action under the GitHub Actions runner/.test(e.message),
    );
  }
  assert.deepEqual(out, []);
});

test('getState reads STATE_<name>, empty when absent', () => {
  const { commands } = runner({ STATE_profile: 'ci', STATE_files: '["a"]' });
  assert.equal(commands.getState('profile'), 'ci');
  assert.equal(commands.getState('files'), '["a"]');
  assert.equal(commands.getState('missing'), '');
});

test('appendSummary appends markdown plus a newline when GITHUB_STEP_SUMMARY is set, and is silent otherwise', async () => {
  const path = emptyFile();
  const { commands, out } = runner({ GITHUB_STEP_SUMMARY: path });
  await commands.appendSummary('# one');
  await commands.appendSummary('two');
  assert.equal(readFileSync(path, 'utf8'), '# one\ntwo\n');
  const quiet = runner();
  await quiet.commands.appendSummary('nowhere');
  assert.deepEqual(quiet.out, []);
  assert.deepEqual(out, []);
});

test('isDebug: RUNNER_DEBUG=1 or ACTIONS_STEP_DEBUG=true', () => {
  assert.equal(runner({ RUNNER_DEBUG: '1' }).commands.isDebug(), true);
  assert.equal(runner({ ACTIONS_STEP_DEBUG: 'true' }).commands.isDebug(), true);
  assert.equal(runner({ RUNNER_DEBUG: '0' }).commands.isDebug(), false);
  assert.equal(runner({}).commands.isDebug(), false);
});
