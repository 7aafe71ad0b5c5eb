/**
 * examples/operator.yml holds a key that writes secrets into every repository the App is installed on, so it must run
 * as GitHub's security hardening guide recommends for such secrets: checked here by reading the YAML.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../support/processes.js';
import { CLI_PREFIX, type Workflow } from '../support/workflow-file.js';

const FILE = join(ROOT, 'examples', 'operator.yml');
const TEXT = readFileSync(FILE, 'utf8');
const WORKFLOW = parse(TEXT) as Workflow;
const THIS_ACTION = 'aws-short-lived-credentials/aws-short-lived-credentials@';
const JOBS = Object.entries(WORKFLOW.jobs ?? {});
const triggers = (on: unknown): string[] =>
  typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on as object);

test('no trigger runs it from a ref someone else chose: no pull_request(_target); a manual run only from main', () => {
  const on = triggers(WORKFLOW.on);
  assert.ok(!on.some((t) => t.startsWith('pull_request')), on.join(', '));
  if (on.includes('workflow_dispatch') || on.includes('push'))
    for (const [name, job] of JOBS) assert.equal(job.if, "github.ref == 'refs/heads/main'", `jobs.${name}.if`);
});

test('the job runs in a protected environment, which holds the App key: no secret is read outside it', () => {
  assert.ok(JOBS.length > 0);
  for (const [name, job] of JOBS) {
    const environment = typeof job.environment === 'string' ? job.environment : job.environment?.name;
    const secrets = [...JSON.stringify(job).matchAll(/secrets\.([A-Z0-9_]+)/g)].map((m) => m[1]);
    if (secrets.length) assert.ok(environment, `jobs.${name} reads ${secrets.join(', ')} outside an environment`);
  }
  assert.ok(/secrets\.OPERATOR_APP_PRIVATE_KEY/.test(TEXT));
  assert.ok(!/secrets\.GITHUB_TOKEN/.test(TEXT), 'the App token, not the repository token');
});

test('permissions: none for the workflow, only id-token: write and contents: read for the job', () => {
  assert.deepEqual(WORKFLOW.permissions, {});
  for (const [name, job] of JOBS)
    assert.deepEqual(job.permissions, { 'id-token': 'write', contents: 'read' }, `jobs.${name}.permissions`);
});

test('other actions pinned by full commit SHA with the tag in a comment; the checkout keeps no token', () => {
  const uses = TEXT.split('\n').filter((l) => /^\s*-?\s*uses:/.test(l));
  assert.ok(uses.length >= 3);
  for (const line of uses) {
    const ref = /uses:\s*(\S+)/.exec(line)![1]!;
    if (ref.startsWith(THIS_ACTION)) continue;
    assert.match(ref, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, `${ref} is not pinned by commit SHA`);
    assert.match(line, /#\s*v\d+\.\d+\.\d+\s*$/, `${ref}: the tag in a comment`);
  }
  const checkout = JOBS.flatMap(([, j]) => j.steps ?? []).find((s) => s.uses?.startsWith('actions/checkout@'));
  assert.equal(checkout?.with?.['persist-credentials'], false);
});

test('the CLI at the exact version of this package, never a range, with the operator limits given', () => {
  const runs = JOBS.flatMap(([, j]) => j.steps ?? []).filter((s) => s.run?.includes('npx'));
  assert.ok(runs.length > 0);
  for (const step of runs) {
    for (const line of step.run!.split('\n').filter((l) => l.includes('npx'))) {
      assert.ok(line.trim().startsWith(CLI_PREFIX), `${line.trim()}: not ${CLI_PREFIX.trim()}`);
      assert.match(CLI_PREFIX, /@\d+\.\d+\.\d+ $/);
    }
    assert.ok(step.env?.['ASLC_OPERATOR_BOUNDARY_ARN'], 'the boundary every role gets');
    assert.ok(step.env?.['ASLC_OPERATOR_ALLOWED_POLICY_ARN'] !== undefined, 'the policies operator.yaml may name');
  }
});
