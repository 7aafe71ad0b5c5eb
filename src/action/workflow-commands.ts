/**
 * The runner's side of a JavaScript action, through @actions/core, with what this project needs on top: a refusal to
 * deliver anything when the GITHUB_ENV/GITHUB_OUTPUT/GITHUB_STATE files are missing (core would fall back to stdout
 * commands that print the value), per-line masks for multi-line secrets, and plain lines that cannot be read as
 * workflow commands whatever they carry.
 */
import * as core from '@actions/core';
import { InputError } from '../errors.js';
import type { ActionsOutput } from '../delivery/actions-output.js';
import { NO_RUNNER_FILES_FIX } from './advice.js';

type FileCommand = 'GITHUB_ENV' | 'GITHUB_OUTPUT' | 'GITHUB_STATE';

export class WorkflowCommands implements ActionsOutput {
  /** Registers a value with the runner's log masker. Must come before any line that could carry it. */
  setSecret(value: string): void {
    if (!value) return;
    core.setSecret(value);
    // The runner masks a value whole; a multi-line value is also masked line by line so each line is hidden.
    const lines = value
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l.length >= 4);
    if (lines.length > 1) for (const line of lines) core.setSecret(line);
  }

  exportVariable(name: string, value: string): void {
    this.requireFiles(['GITHUB_ENV']);
    core.exportVariable(name, value);
  }

  setOutput(name: string, value: string): void {
    this.requireFiles(['GITHUB_OUTPUT']);
    core.setOutput(name, value);
  }

  saveState(name: string, value: string): void {
    this.requireFiles(['GITHUB_STATE']);
    core.saveState(name, value);
  }

  /** State saved by the main step, as the runner hands it to the post step (`STATE_<name>`). */
  getState(name: string): string {
    return core.getState(name);
  }

  /** Appends markdown to the job summary; silent where the runner gives no summary file. */
  async appendSummary(markdown: string): Promise<void> {
    if (!process.env['GITHUB_STEP_SUMMARY']) return;
    await core.summary.addRaw(markdown, true).write();
  }

  isDebug(): boolean {
    return core.isDebug() || process.env['ACTIONS_STEP_DEBUG'] === 'true';
  }

  /** A plain log line: one line, control characters shown escaped, so it can never be taken for a workflow command. */
  info(message: string): void {
    core.info(plainLine(message));
  }

  debug(message: string): void {
    core.debug(message);
  }

  notice(message: string): void {
    core.notice(message);
  }

  warning(message: string): void {
    core.warning(message);
  }

  error(message: string): void {
    core.error(message);
  }

  /**
   * Throws unless the runner gave each of these file-command files: without them there is no safe place for results.
   */
  requireFiles(files: readonly FileCommand[]): void {
    for (const file of files) {
      if (!process.env[file]) {
        throw new InputError(file, 'is not set, so the step has nowhere safe to put its results', NO_RUNNER_FILES_FIX);
      }
    }
  }
}

/**
 * The runner reads a line starting with `::` (after blanks) as a command, and `##[` anywhere as a legacy one. Control
 * characters become visible escapes (so no second line), and both markers are broken with a zero-width space.
 */
export function plainLine(message: string): string {
  const escaped = message
    .replace(/\p{Cc}/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '##\u200b[');
  return /^\s*::/.test(escaped) ? escaped.replace(/::/, ':\u200b:') : escaped;
}
