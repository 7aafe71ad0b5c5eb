#!/usr/bin/env node
// Regenerates the README's inputs/outputs tables from action.yml (between the docs markers).
// Also the troubleshooting table, from the bad-input catalogue (run with tsx: it imports TypeScript).
// `--check` exits non-zero when the README is out of step, which a test runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const action = parse(readFileSync(join(root, 'action.yml'), 'utf8'));
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');

const cell = (s) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ')
    .trim();
const inputs = [
  '| Input | Required | Default | Description |',
  '|---|---|---|---|',
  ...Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default !== undefined ? `\`${i.default}\`` : ''} | ${cell(i.description)} |`,
  ),
].join('\n');
const outputs = [
  '| Output | Description |',
  '|---|---|',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
].join('\n');

function replaceBetween(text, marker, body) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${start} ... ${end} markers`);
  return text.slice(0, a + start.length) + '\n' + body + '\n' + text.slice(b);
}

// The troubleshooting list comes from the catalogue the bad-input test runs, so the two cannot drift apart.
const { BAD_INPUTS } = await import(join(root, '__tests__', 'catalogue', 'bad-inputs.ts'));
const troubleshooting = [
  '| Situation | Error you see (excerpt) |',
  '|---|---|',
  ...BAD_INPUTS.map((c) => `| ${cell(c.title)} | ${cell(c.expect)} |`),
].join('\n');

const next = replaceBetween(
  replaceBetween(replaceBetween(readme, 'inputs', inputs), 'outputs', outputs),
  'troubleshooting',
  troubleshooting,
);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error(
      "README.md's inputs/outputs tables are out of step with action.yml or the bad-input catalogue: run 'npm run docs'",
    );
    process.exit(1);
  }
  console.log('README tables match action.yml');
} else {
  writeFileSync(readmePath, next);
}
