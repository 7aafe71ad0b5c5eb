/** `exec -- cmd`: one exchange, then the command with the credentials in its environment. */
import { sessionEnvironment } from '../delivery/aws-environment.js';
import { SHADOWING_VARIABLES } from '../delivery/endpoint/export.js';
import type { Env } from '../config/sources/inputs.js';
import { loadSettings, obtain, type CliIo } from './load-settings.js';
import { runChild } from './run-child.js';
import { UsageError, type ParsedArgs } from './args.js';

export async function execCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  if (args.rest.length === 0) {
    throw new UsageError('exec needs a command after --, e.g. exec --auth auth.yaml -- aws s3 ls');
  }
  const settings = await loadSettings(args, io, known);
  const result = await obtain(settings, io);
  const env: Env = { ...io.env };
  // A profile or an endpoint in the environment would make SDKs skip the credentials handed over.
  for (const name of SHADOWING_VARIABLES) delete env[name];
  for (const [k, v] of sessionEnvironment(result, settings.config.region)) env[k] = v;
  return runChild(args.rest, env, io);
}
