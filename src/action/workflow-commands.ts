/**
 * The runner's side of a JavaScript action: inputs from `INPUT_*`, workflow commands on stdout, and the
 * `GITHUB_ENV`/`GITHUB_OUTPUT`/`GITHUB_STATE`/`GITHUB_STEP_SUMMARY` files. Written here rather than imported from
 * `@actions/core` because that package pulls an HTTP client and undici into every start (+60 ms, +12 MiB measured).
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import { InputError } from '../errors.js';

export type Env = Record<string, string | undefined>;

export class WorkflowCommands {
  constructor(
    private readonly env: Env = process.env,
    private readonly write: (text: string) => void = (t) => process.stdout.write(t),
  ) {}

  /** The input as the runner passes it (`INPUT_` + name upper-cased, spaces to `_`), trimmed; '' when unset. */
  getInput(name: string): string {
    return (this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
  }

  /** Registers a value with the runner's log masker. Must come before any line that could carry it. */
  setSecret(value: string): void {
    if (!value) return;
    this.command('add-mask', value);
    // The runner masks a value whole; a multi-line value is also masked line by line so each line is hidden.
    const lines = value.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 4);
    if (lines.length > 1) for (const line of lines) this.command('add-mask', line);
  }

  exportVariable(name: string, value: string): void {
    this.env[name] = value;
    this.fileCommand('GITHUB_ENV', name, value);
  }

  setOutput(name: string, value: string): void {
    this.fileCommand('GITHUB_OUTPUT', name, value);
  }

  saveState(name: string, value: string): void {
    this.fileCommand('GITHUB_STATE', name, value);
  }

  /** State saved by the main step, as the runner hands it to the post step (`STATE_<name>`). */
  getState(name: string): string {
    return this.env[`STATE_${name}`] ?? '';
  }

  appendSummary(markdown: string): void {
    const path = this.env['GITHUB_STEP_SUMMARY'];
    if (path) appendFileSync(path, markdown + EOL, { encoding: 'utf8' });
  }

  isDebug(): boolean {
    return this.env['RUNNER_DEBUG'] === '1' || this.env['ACTIONS_STEP_DEBUG'] === 'true';
  }

  info(message: string): void {
    this.write(message + EOL);
  }

  debug(message: string): void {
    this.command('debug', message);
  }

  notice(message: string): void {
    this.command('notice', message);
  }

  warning(message: string): void {
    this.command('warning', message);
  }

  error(message: string): void {
    this.command('error', message);
  }

  private command(name: string, message: string): void {
    this.write(`::${name}::${escapeData(message)}${EOL}`);
  }

  /** Throws unless the runner gave each of these file-command files: without them there is no safe place for results. */
  requireFiles(files: ReadonlyArray<'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE'>): void {
    for (const file of files) {
      if (!this.env[file]) {
        throw new InputError(file, 'is not set, so the step has nowhere safe to put its results', 'Run this action under the GitHub Actions runner; elsewhere use the CLI (aws-short-lived-credentials env or credential-process)');
      }
    }
  }

  /**
   * Appends a `name<<delimiter` block, the runner's multi-line-safe format. Without the file there is no safe place:
   * the old `::set-env`/`::set-output` commands would print the value (a credential) on stdout, so this refuses.
   */
  private fileCommand(file: 'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE', name: string, value: string): void {
    this.requireFiles([file]);
    const path = this.env[file]!;
    const delimiter = `ghadelimiter_${randomUUID()}`;
    if (name.includes(delimiter) || value.includes(delimiter)) {
      throw new Error(`Unexpected input: the ${file} entry '${name}' contains its own delimiter`);
    }
    appendFileSync(path, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
  }
}

/** Escapes a workflow command's data part the way the runner unescapes it. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

