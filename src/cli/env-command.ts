/** `env`: one exchange, printed as variables for a shell, dotenv, PowerShell or JSON. */
import { sessionEnvironment } from '../delivery/aws-environment.js';
import { ENV_FORMATS, formatEnvironment, type EnvFormat } from './formats.js';
import { loadSettings, obtain, type CliIo } from './load-settings.js';
import { UsageError, type ParsedArgs } from './args.js';

export async function envCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  const settings = await loadSettings(args, io, known);
  const format = envFormat(settings.get);
  const result = await obtain(settings, io);
  io.stdout(formatEnvironment(sessionEnvironment(result, settings.config.region), format));
  return 0;
}

/** `--format`, checked before any exchange (`env` and `serve` print the same formats). */
export function envFormat(get: (name: string) => string): EnvFormat {
  const format = (get('format') || 'sh') as EnvFormat;
  if (!ENV_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${ENV_FORMATS.join(', ')}`);
  return format;
}
