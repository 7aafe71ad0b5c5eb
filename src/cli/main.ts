#!/usr/bin/env node
/** Entry of the CLI (dist/cli/index.js): parse, dispatch, map errors to exit codes. */
import { errorDetails } from '../providers/sts-errors.js';
import { isKnownError, InputError } from '../errors.js';
import { ACTION_INPUTS } from '../config/input-names.js';
import { parseArgs, UsageError, type ParsedArgs } from './args.js';
import { HELP } from './help.js';
import { BOOTSTRAP_FLAGS, CLI_ONLY_INPUTS, secretSettings } from './settings.js';
import { Redactor } from './redact.js';
// Statically imported: credential-process runs before every `aws` command, and a separate chunk costs it a dynamic
// import (npm run bench: about 1 ms); the other commands load their own file.
import { credentialProcessCommand } from './credential-process-command.js';
import type { CliIo } from './load-settings.js';
import { writeStdout } from './stdout.js';

const KNOWN = new Set<string>([...ACTION_INPUTS, ...CLI_ONLY_INPUTS, ...BOOTSTRAP_FLAGS]);

type Command = (args: ParsedArgs, io: CliIo, known: ReadonlySet<string>) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  'credential-process': async () => credentialProcessCommand,
  env: async () => (await import('./env-command.js')).envCommand,
  exec: async () => (await import('./exec-command.js')).execCommand,
  login: async () => (await import('./login-command.js')).loginCommand,
  serve: async () => (await import('./serve-command.js')).serveCommand,
  bootstrap: async () => (await import('./bootstrap-command.js')).bootstrapCommand,
  doctor: async () => (await import('./doctor-command.js')).doctorCommand,
};

export async function runCli(argv: string[], terminal: Omit<CliIo, 'secret'>): Promise<number> {
  // Nothing masks what the CLI prints: stderr (errors, debug lines) is scrubbed of every secret it learns of.
  const redactor = new Redactor();
  const io: Required<CliIo> = {
    ...terminal,
    platform: process.platform,
    stderr: (text) => terminal.stderr(redactor.scrub(text)),
    secret: (value) => redactor.add(value),
  };
  for (const value of secretSettings(new Map(), io.env)) io.secret(value);
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, KNOWN);
  } catch (err) {
    return usage(err as Error, io);
  }
  for (const value of secretSettings(args.flags, io.env)) io.secret(value);
  if (args.command === 'help' || args.command === '' || args.flags.has('help')) {
    const topic = args.command === 'help' ? (args.rest[0] ?? '') : args.command;
    io.stdout((HELP[topic] ?? HELP[''])! + '\n');
    return args.command === '' && !args.flags.has('help') ? 2 : 0;
  }
  const load = COMMANDS[args.command];
  if (!load) return usage(new UsageError(`unknown command '${args.command}'`), io);
  try {
    return await (
      await load()
    )(args, io, KNOWN);
  } catch (err) {
    if (err instanceof UsageError) return usage(err, io);
    if (isKnownError(err)) {
      // Flags carry the input names: say --role-alias where the action would say 'role-alias'.
      for (const line of errorDetails(err)) io.stderr(`${line}\n`);
      io.stderr(`aws-short-lived-credentials: ${err.message}\n`);
      return err instanceof InputError ? 1 : 3;
    }
    const e = err as { name?: string; message?: string };
    io.stderr(`aws-short-lived-credentials: unexpected ${e?.name ?? 'error'}: ${e?.message ?? String(err)}\n`);
    return 3;
  }
}

function usage(err: Error, io: CliIo): number {
  io.stderr(`aws-short-lived-credentials: ${err.message}\nRun 'aws-short-lived-credentials help' for usage.\n`);
  return 2;
}

runCli(process.argv.slice(2), {
  env: process.env,
  stdout: writeStdout,
  stderr: (t) => process.stderr.write(t),
}).then((code) => {
  process.exitCode = code;
});
