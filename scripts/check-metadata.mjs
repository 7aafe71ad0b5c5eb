#!/usr/bin/env node
// Checks action.yml and the workflows (examples/, .github/workflows/) with GitHub's own parser
// (@actions/workflow-parser: the action and workflow schemas GitHub's editor tooling uses, e.g. the allowed branding
// icons and `using: node24`). Usage: node scripts/check-metadata.mjs [file...]; with no files, every file above.
// Needs Node >= 22.15 (module.registerHooks): the package imports its JSON schemas without the `type: 'json'` import
// attribute Node requires, so a load hook adds it for .json files and nothing else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { basename, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

registerHooks({
  load: (url, context, nextLoad) =>
    nextLoad(url, url.endsWith('.json') ? { ...context, importAttributes: { type: 'json' } } : context),
});
const { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } = await import('@actions/workflow-parser');
const { parseAction } = await import('@actions/workflow-parser/actions/action-parser');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function yamlIn(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(full, f));
}

async function problemsOf(file) {
  const content = readFileSync(file, 'utf8');
  const trace = new NoOperationTraceWriter();
  const named = { name: file, content };
  if (/^action\.ya?ml$/.test(basename(file))) {
    return parseAction(named, trace)
      .context.errors.getErrors()
      .map((e) => e.message);
  }
  const parsed = parseWorkflow(named, trace);
  const problems = parsed.context.errors.getErrors().map((e) => e.message);
  if (parsed.value && problems.length === 0) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    problems.push(...(template.errors ?? []).map((e) => e.Message));
  }
  return problems;
}

const files = process.argv.slice(2);
const targets = files.length
  ? files
  : [join(root, 'action.yml'), ...yamlIn('examples'), ...yamlIn(join('.github', 'workflows'))];
let failed = 0;
for (const file of targets) {
  const problems = await problemsOf(file);
  for (const p of problems) console.error(`${p}`);
  if (problems.length) failed++;
}
if (failed) {
  console.error(`${failed} of ${targets.length} file(s) rejected by GitHub's workflow parser`);
  process.exit(1);
}
console.log(`${targets.length} file(s) accepted by GitHub's workflow parser`);
