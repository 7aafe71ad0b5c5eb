/** Command-line parsing: a command, `--flag value` / `--flag=value` pairs, and what follows `--`. Pure. */
import { shownInput } from '../errors.js';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ParsedArgs {
  command: string;
  flags: Map<string, string>;
  /** Everything after `--` (the command `exec` runs). */
  rest: string[];
}

/** Flags that take no value; any other flag takes the next argument. */
const BOOLEAN_FLAGS = new Set([
  'help',
  'no-cache',
  'verbose',
  'no-browser',
  'role-chaining',
  'dry-run',
  'i-understand-any-repo',
  'handover',
  'operator',
  'pull-request',
]);

/** Flags that may be given more than once: their values are joined with commas, as one comma-separated value. */
const REPEATABLE_FLAGS = new Set(['policy-arn', 'operator-allowed-policy-arn']);

export function parseArgs(argv: string[], known: ReadonlySet<string>): ParsedArgs {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  let command = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.set('help', 'true');
      continue;
    }
    if (!arg.startsWith('--')) {
      if (!command) command = arg;
      else rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (!known.has(name)) throw new UsageError(`unknown flag --${shownInput(name, 40)}${suggest(name, known)}`);
    const earlier = flags.get(name);
    if (earlier !== undefined && !REPEATABLE_FLAGS.has(name)) throw new UsageError(`--${name} is given twice`);
    const set = (value: string) => flags.set(name, earlier === undefined ? value : `${earlier},${value}`);
    if (eq >= 0) set(arg.slice(eq + 1));
    else if (BOOLEAN_FLAGS.has(name)) flags.set(name, 'true');
    else {
      const value = argv[i + 1];
      // A value may itself start with dashes (PEM text's -----BEGIN): only --<letter> is the next flag.
      if (value === undefined || /^--[a-z]/i.test(value)) throw new UsageError(`--${name} needs a value`);
      set(value);
      i++;
    }
  }
  return { command, flags, rest };
}

function suggest(name: string, known: ReadonlySet<string>): string {
  const close = [...known].filter((k) => distance(k, name) <= 2).sort((a, b) => distance(a, name) - distance(b, name));
  return close[0] ? ` (did you mean --${close[0]}?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = row[j]!;
      row[j] = next;
    }
  }
  return row[b.length]!;
}
