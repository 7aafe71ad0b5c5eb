/** Runs a command with the environment a CLI command built for it: `exec -- cmd` and `serve -- cmd`. */
import type { Env } from '../config/sources/inputs.js';
import type { CliIo } from './load-settings.js';

/** Runs `argv` with `env` on this terminal; its exit code (127 if it cannot start, 128 + n for signal n) comes back. */
export async function runChild(argv: readonly string[], env: Env, io: CliIo): Promise<number> {
  const [command, ...rest] = argv as [string, ...string[]];
  // Loaded here: credential-process, the command the AWS CLI runs on every call, never needs it.
  const { spawn } = await import('node:child_process');
  return new Promise<number>((resolveExit) => {
    const child = spawn(command, rest, { env: env as NodeJS.ProcessEnv, stdio: 'inherit' });
    child.on('error', (err: NodeJS.ErrnoException) => {
      io.stderr(`aws-short-lived-credentials: cannot run '${command}': ${err.code ?? err.message}\n`);
      resolveExit(127);
    });
    child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 + signalNumber(signal) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ?? 1;
}
