/**
 * Whether the runner would run an action's post step: its `post-if` (default `always()`, as the runner has it) evaluated
 * with GitHub's own expression engine (@actions/expressions), the status functions answering for the job's status and
 * `env` holding the step's environment. Post conditions are evaluated as written: the runner adds no implicit
 * `success() &&` to them (it does for a step's `if`).
 */
import { readFileSync } from 'node:fs';
import { Evaluator, Lexer, Parser, data } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import { parse } from 'yaml';

export type JobStatus = 'success' | 'failure' | 'cancelled';

const STATUS_FUNCTIONS = ['always', 'success', 'failure', 'cancelled'] as const;

export function postIfOf(actionYml: string): string {
  const meta = parse(readFileSync(actionYml, 'utf8')) as { runs?: { 'post-if'?: unknown } };
  const condition = meta.runs?.['post-if'];
  if (condition === undefined) return 'always()';
  if (typeof condition !== 'string') throw new Error(`${actionYml}: post-if is not a string`);
  // `${{ ... }}` around a condition is optional, as in the runner.
  return condition.replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1');
}

export function postStepRuns(condition: string, env: Record<string, string>, status: JobStatus = 'success'): boolean {
  const lexed = new Lexer(condition).lex();
  const infos = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }));
  const tree = new Parser(lexed.tokens, ['env', 'github', 'runner', 'job'], infos).parse();
  const calls = new Map(
    STATUS_FUNCTIONS.map((name) => [
      name,
      { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(name === 'always' || name === status) },
    ]),
  );
  const envData = new data.Dictionary(
    ...Object.entries(env).map(([key, value]) => ({ key, value: new data.StringData(value) })),
  );
  const context = new data.Dictionary(
    { key: 'env', value: envData },
    { key: 'job', value: new data.Dictionary({ key: 'status', value: new data.StringData(status) }) },
  );
  return truthy(new Evaluator(tree, context, calls).evaluate());
}
