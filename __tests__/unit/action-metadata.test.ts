/**
 * action.yml and the example workflows as GitHub reads them: its own parser (scripts/check-metadata.mjs) accepts them
 * and refuses what GitHub refuses; the post step's condition answers as the runner evaluates it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes.js';
import { postIfOf, postStepRuns } from '../support/post-if.js';

const ACTION = join(ROOT, 'action.yml');

function check(...files: string[]) {
  // The script loads without tsx: it registers its own hook for the parser's JSON schemas.
  const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'check-metadata.mjs'), ...files], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return { code: res.status, text: `${res.stdout}${res.stderr}` };
}

function variant(change: (text: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aslc-meta-')), 'action.yml');
  const text = readFileSync(ACTION, 'utf8');
  const changed = change(text);
  assert.notEqual(changed, text, 'the variant changes nothing');
  writeFileSync(file, changed);
  return file;
}

test("GitHub's parser accepts action.yml and every workflow in examples/", () => {
  const res = check();
  assert.equal(res.code, 0, res.text);
  assert.match(res.text, /accepted by GitHub's workflow parser/);
});

test("GitHub's parser refuses an icon it does not offer (key) and an unknown runtime", () => {
  const icon = check(variant((t) => t.replace(/^ {2}icon: .*$/m, '  icon: key')));
  assert.equal(icon.code, 1, icon.text);
  assert.match(icon.text, /Unexpected value 'key'/);
  const runtime = check(variant((t) => t.replace(/^ {2}using: .*$/m, '  using: node99')));
  assert.equal(runtime.code, 1, runtime.text);
  assert.match(runtime.text, /node99/);
});

test('the post step runs after success, failure and cancellation, unless AWS_SKIP_CLEANUP_STEP is true', () => {
  const condition = postIfOf(ACTION);
  for (const status of ['success', 'failure', 'cancelled'] as const) {
    assert.equal(postStepRuns(condition, {}, status), true, status);
    assert.equal(postStepRuns(condition, { AWS_SKIP_CLEANUP_STEP: 'false' }, status), true, status);
    // GitHub compares strings ignoring case, as the peer's post-if does.
    assert.equal(postStepRuns(condition, { AWS_SKIP_CLEANUP_STEP: 'true' }, status), false, status);
    assert.equal(postStepRuns(condition, { AWS_SKIP_CLEANUP_STEP: 'TRUE' }, status), false, status);
  }
});

test("the peer's post-if skips the same way (the variable means what it means there)", () => {
  const peer = postIfOf(join(ROOT, '__tests__', 'fixtures', 'configure-aws-credentials', 'action.yml'));
  assert.equal(postStepRuns(peer, { AWS_SKIP_CLEANUP_STEP: 'true' }), false);
  assert.equal(postStepRuns(peer, {}), true);
});
