/**
 * Runs a bundled entry (dist/main, dist/post) the way the GitHub runner does: inputs as `INPUT_<NAME>` with the
 * runner's mangling, the file-command files, `STATE_*` for the post step, and a clean environment.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './processes.js';
import { postIfOf, postStepRuns, type JobStatus } from './post-if.js';

export interface RunOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Node binary; default this process's. */
  node?: string;
  /** Another action's bundled entry to run instead of ours (the peer action, for comparison). */
  script?: string;
  /** A workspace from an earlier run (the post step shares the main step's); default a fresh one. */
  workspace?: Workspace;
  /** For the post step: the state the main step saved. */
  state?: Record<string, string>;
  killAfterMs?: number;
  /** A command the step runs under (`nsenter ... --`, as `docker exec` starts a container job's steps). */
  prefix?: string[];
  /** Host names the step must resolve to loopback addresses (a real-looking AWS endpoint served by a stand-in). */
  hosts?: Record<string, string>;
  /** For the post step: the job's status when it runs (default success); its post-if decides whether it runs. */
  jobStatus?: JobStatus;
}

export interface Workspace {
  dir: string;
  home: string;
  /** What the last main step in this workspace was given and exported: the runner hands both to the post step. */
  main?: { inputs: Record<string, string>; exported: Record<string, string> };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Parsed GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE. */
  exported: Record<string, string>;
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  workspace: Workspace;
  /** Raw file texts, for leak checks. */
  files: { env: string; output: string; state: string };
  elapsedMs: number;
  /** The post step did not run: the action's post-if was false (code is then null and nothing was written). */
  skipped?: boolean;
}

/** The runner's name mangling of an input: upper case, spaces to underscores; hyphens stay. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function newWorkspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'aslc-run-'));
  const home = join(dir, 'home');
  mkdirSync(home);
  return { dir, home };
}

export async function runAction(entry: 'main' | 'post', options: RunOptions = {}): Promise<RunResult> {
  const workspace = options.workspace ?? newWorkspace();
  const files = {
    env: join(workspace.dir, `${entry}.env`),
    output: join(workspace.dir, `${entry}.output`),
    state: join(workspace.dir, `${entry}.state`),
    summary: join(workspace.dir, `${entry}.summary`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: workspace.home,
    GITHUB_ENV: files.env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: workspace.dir,
    ...(entry === 'post' ? workspace.main?.exported : {}),
    ...options.env,
  };
  const inputs = options.inputs ?? (entry === 'post' ? workspace.main?.inputs : undefined) ?? {};
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  if (options.hosts) {
    env['NODE_OPTIONS'] = `--require ${join(ROOT, '__tests__', 'support', 'hosts-preload.cjs')}`;
    env['ASLC_TEST_HOSTS'] = Object.entries(options.hosts)
      .map(([h, ip]) => `${h}=${ip}`)
      .join(',');
  }

  // The runner evaluates our post-if before it starts the post step (another action's script runs as given).
  if (entry === 'post' && !options.script) {
    if (!postStepRuns(postIfOf(join(ROOT, 'action.yml')), env, options.jobStatus)) {
      const empty = { env: '', output: '', state: '' };
      const none = { exported: {}, outputs: {}, state: {}, summary: '', files: empty };
      return { code: null, stdout: '', stderr: '', ...none, workspace, elapsedMs: 0, skipped: true };
    }
  }
  const started = Date.now();
  const argv = [options.node ?? process.execPath, options.script ?? join(ROOT, 'dist', entry, 'index.js')];
  const [command, ...args] = [...(options.prefix ?? []), ...argv];
  const child = spawn(command!, args, {
    env,
    cwd: workspace.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60000);
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  clearTimeout(killer);
  const text = {
    env: readFileSync(files.env, 'utf8'),
    output: readFileSync(files.output, 'utf8'),
    state: readFileSync(files.state, 'utf8'),
  };
  if (entry === 'main') workspace.main = { inputs: options.inputs ?? {}, exported: parseFileCommands(text.env) };
  return {
    code,
    stdout,
    stderr,
    exported: parseFileCommands(text.env),
    outputs: parseFileCommands(text.output),
    state: parseFileCommands(text.state),
    summary: readFileSync(files.summary, 'utf8'),
    workspace,
    files: text,
    elapsedMs: Date.now() - started,
  };
}

/** Reads `name<<delimiter` blocks (and plain `name=value` lines) as the runner does. */
function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
      out[name!] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/** The error annotation a failed step printed (`::error::...`), unescaped. */
export function errorAnnotation(stdout: string): string {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith('::error::')) ?? '';
  return line.slice('::error::'.length).replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
}
