/**
 * The part of a GitHub Actions workflow file the examples test needs, read as the runner reads it: jobs, their
 * matrix entries, steps, `env:` maps, and `${{ secrets.X }}` / `${{ vars.X }}` / `${{ matrix.X }}` substitution
 * from a table. Anything it does not understand fails loudly, so an example cannot silently go untested.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { ROOT } from './processes.js';

export type Permissions = string | Record<string, string>;

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export interface Job {
  'runs-on'?: unknown;
  if?: string;
  environment?: string | { name: string; url?: string };
  permissions?: Permissions;
  env?: Record<string, unknown>;
  strategy?: { matrix?: unknown };
  steps?: Step[];
}

export interface Workflow {
  name?: string;
  on?: unknown;
  permissions?: Permissions;
  env?: Record<string, unknown>;
  jobs?: Record<string, Job>;
}

/** What `${{ ... }}` may name: the table's secrets and variables, the job's matrix entry, earlier steps' outputs. */
export interface ExpressionContext {
  secrets: Record<string, string>;
  vars: Record<string, string>;
  matrix: Record<string, string>;
  /** Outputs by step id, of the steps run so far. */
  steps?: Record<string, Record<string, string>>;
}

/** The outputs of other actions an example may read (`${{ steps.<id>.outputs.<name> }}`), from their action.yml. */
const OTHER_ACTION_OUTPUTS: Record<string, string[]> = {
  'actions/create-github-app-token': ['token', 'installation-id', 'app-slug'],
};

/** Placeholder outputs for every step of the job whose action's outputs are known, for checks that run nothing. */
export function placeholderStepOutputs(job: Job): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const step of job.steps ?? []) {
    const outputs = step.id && step.uses ? OTHER_ACTION_OUTPUTS[step.uses.split('@')[0]!] : undefined;
    if (outputs) out[step.id!] = Object.fromEntries(outputs.map((o) => [o, 'x']));
  }
  return out;
}

/** Parses a workflow file; YAML errors and warnings (duplicate keys, tabs) are failures. */
export function readWorkflow(path: string): Workflow {
  const doc = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) throw new Error(`${path}: ${problems.map((p) => p.message).join('\n')}`);
  const value: unknown = doc.toJS();
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${path}: not a YAML mapping`);
  return value as Workflow;
}

/** The matrix entries a job runs as (`[{}]` without a matrix): the product of its axes, or its `include` list. */
export function matrixEntries(job: Job, where: string): Array<Record<string, string>> {
  const matrix = job.strategy?.matrix;
  if (matrix === undefined) return [{}];
  if (typeof matrix !== 'object' || matrix === null || Array.isArray(matrix))
    throw new Error(`${where}: strategy.matrix is not a mapping (expressions are not expanded here)`);
  const { include, exclude, ...axes } = matrix as Record<string, unknown>;
  if (exclude !== undefined)
    throw new Error(`${where}: matrix exclude is not expanded by this test; extend matrixEntries`);
  if (include !== undefined && Object.keys(axes).length > 0)
    throw new Error(`${where}: a matrix with both axes and include is not expanded by this test; extend matrixEntries`);
  if (include !== undefined) {
    if (!Array.isArray(include) || include.length === 0)
      throw new Error(`${where}: matrix include is not a non-empty list`);
    return include.map((entry, i) => scalarMap(entry, `${where} matrix include[${i}]`));
  }
  let entries: Array<Record<string, string>> = [{}];
  for (const [axis, values] of Object.entries(axes)) {
    if (!Array.isArray(values) || values.length === 0)
      throw new Error(`${where}: matrix axis ${axis} is not a non-empty list`);
    entries = entries.flatMap((entry) =>
      values.map((v) => ({ ...entry, [axis]: scalar(v, `${where} matrix ${axis}`) })),
    );
  }
  return entries;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

/** Replaces every `${{ secrets.X }}`, `${{ vars.X }}`, `${{ matrix.X }}`; any other expression, or a name the table lacks, throws. */
export function substitute(text: string, context: ExpressionContext, where: string): string {
  return text.replace(EXPRESSION, (_whole, inner: string) => {
    const output = /^steps\.([A-Za-z_][A-Za-z0-9_-]*)\.outputs\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(inner);
    if (output) {
      const value = context.steps?.[output[1]!]?.[output[2]!];
      if (value === undefined)
        throw new Error(
          `${where}: \${{ ${inner} }} is not an output of an earlier step whose outputs this test knows (OTHER_ACTION_OUTPUTS)`,
        );
      return value;
    }
    const match = /^(secrets|vars|matrix)\.([A-Za-z_][A-Za-z0-9_-]*)$/.exec(inner);
    if (!match)
      throw new Error(
        `${where}: the expression \${{ ${inner} }} is not one this test substitutes (secrets.X, vars.X, matrix.X, steps.ID.outputs.X)`,
      );
    const [, scope, name] = match as unknown as [string, 'secrets' | 'vars' | 'matrix', string];
    const value = context[scope][name];
    if (value === undefined)
      throw new Error(`${where}: \${{ ${inner} }} is not in the test's table of ${scope}; add it there`);
    return value;
  });
}

/** A `with:` or `env:` map as the runner hands it over: every value a string, expressions substituted. */
export function stringMap(
  map: Record<string, unknown> | undefined,
  context: ExpressionContext,
  where: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(scalarMap(map ?? {}, where)))
    out[key] = substitute(value, context, `${where}.${key}`);
  return out;
}

/** Every string anywhere in `value`, substituted, so an unknown expression anywhere in a job is caught. */
export function substituteEverywhere(value: unknown, context: ExpressionContext, where: string): void {
  if (typeof value === 'string') substitute(value, context, where);
  else if (Array.isArray(value)) value.forEach((v, i) => substituteEverywhere(v, context, `${where}[${i}]`));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) substituteEverywhere(v, context, `${where}.${k}`);
}

/** Whether these permissions (job's, else workflow's) let the job request its OIDC token. */
export function grantsIdToken(permissions: Permissions | undefined): boolean {
  if (permissions === 'write-all') return true;
  return typeof permissions === 'object' && permissions !== null && permissions['id-token'] === 'write';
}

/** How examples run this project's CLI: from the registry at the exact version of this package, as npx fetches it. */
export const CLI_PREFIX = `npx --yes @aws-short-lived-credentials/cli@${
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version
} `;

export interface ScriptCommand {
  /** `aws` (the AWS CLI) or `cli` (this project's, which the test runs from dist/). */
  tool: 'aws' | 'cli';
  args: string[];
}

/**
 * The commands of a `run:` script, each as argv after the program. Only plain `aws ...` commands and this project's CLI
 * through CLI_PREFIX are understood (comments and blank lines are skipped); anything else throws.
 */
export function scriptCommands(script: string, context: ExpressionContext, where: string): ScriptCommand[] {
  const commands: ScriptCommand[] = [];
  for (const raw of script.split('\n')) {
    const line = substitute(raw.trim(), context, where);
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith(CLI_PREFIX) && /^[\w\s./:=@,+-]+$/.test(line.slice(CLI_PREFIX.length))) {
      commands.push({ tool: 'cli', args: line.slice(CLI_PREFIX.length).trim().split(/\s+/) });
      continue;
    }
    if (!/^aws [\w\s./:=@,+-]+$/.test(line))
      throw new Error(
        `${where}: '${line}' is not a plain aws command or ${CLI_PREFIX.trim()} this test can run; extend scriptCommands`,
      );
    commands.push({ tool: 'aws', args: line.split(/\s+/).slice(1) });
  }
  return commands;
}

function scalar(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new Error(`${where}: ${JSON.stringify(value)} is not a scalar`);
}

function scalarMap(value: unknown, where: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where}: not a mapping`);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scalar(v, `${where}.${k}`)]));
}
