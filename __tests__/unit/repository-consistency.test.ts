/** Checks that generated and committed artefacts are in step: dist/ with src/, the README with action.yml. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/processes.js';

test('dist/ is rebuilt from the current src/', () => {
  const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, res.stderr + res.stdout);
});

test("the README's inputs, outputs and troubleshooting tables match action.yml and the catalogue", () => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'docs.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(res.status, 0, res.stderr + res.stdout);
});

test('action.yml runs the bundled entries on node24 with a post step that runs after failures, skippable as the peer', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.deepEqual(action.runs, {
    using: 'node24',
    main: 'dist/main/index.js',
    post: 'dist/post/index.js',
    'post-if': "always() && env.AWS_SKIP_CLEANUP_STEP != 'true'",
  });
});

test("the README's first lines give the demo and test commands, and .ci/run runs the test command", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').slice(0, 6).join('\n');
  assert.match(readme, /npm ci && npm run demo/);
  assert.match(readme, /npm ci && npm test/);
  const ci = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  assert.match(ci, /^npm test$/m);
  assert.match(ci, /^npm ci/m);
  // What the tests need is installed by the test command itself, so the README's command runs alone.
  assert.doesNotMatch(ci, /apt-get/);
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
    .scripts;
  assert.match(scripts['test']!, /^bash scripts\/test-prerequisites\.sh && /);
});

test("the CLI's list of action inputs is action.yml's, so every input is a flag", async () => {
  const { ACTION_INPUTS } = await import('../../src/config/input-names.js');
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.deepEqual([...ACTION_INPUTS].sort(), Object.keys(action.inputs).sort());
});

test("the workflow step bootstrap prints uses only action.yml's inputs, and all required ones", async () => {
  const { workflowSnippet } = await import('../../src/bootstrap/iot.js');
  const { iotDesired } = await import('../../src/bootstrap/plan.js');
  const snippet = workflowSnippet(iotDesired('runner-1', 'eu-west-1'), 'abc.credentials.iot.eu-west-1.amazonaws.com');
  const [step] = parse(`steps:\n${snippet}\n`).steps as Array<{ uses: string; with: Record<string, string> }>;
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  for (const key of Object.keys(step!.with)) assert.ok(key in action.inputs, `${key} is an input`);
  for (const [name, input] of Object.entries(action.inputs as Record<string, { required?: boolean }>))
    if (input.required) assert.ok(name in step!.with, `${name} given`);
  assert.equal(step!.with['iot-credential-endpoint'], 'abc.credentials.iot.eu-west-1.amazonaws.com');
});

test('the CLI package is publishable under the name the README installs, with nothing left to install at run time', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(pkg['private'], undefined);
  assert.match(String(pkg['name']), /^@aws-short-lived-credentials\//);
  assert.match(String(pkg['version']), /^\d+\.\d+\.\d+$/);
  assert.equal(pkg['dependencies'], undefined, 'every library is bundled into dist/cli');
  assert.deepEqual(pkg['bin'], { 'aws-short-lived-credentials': 'dist/cli/index.js' });
  assert.match((pkg['engines'] as Record<string, string>)['node']!, />=22/);
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes(`npm i -g ${String(pkg['name'])}`), 'the README installs the package by its name');
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.ok(changelog.includes(`## ${String(pkg['version'])}`), 'the CHANGELOG has the version');
  const major = String(pkg['version']).split('.')[0];
  for (const ref of readme.match(/uses: aws-short-lived-credentials\/aws-short-lived-credentials@\S+/g) ?? [])
    assert.ok(ref.endsWith(`@v${major}`), ref);
});
