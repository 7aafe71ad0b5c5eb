/**
 * `serve`: the refreshing local credentials endpoint. From flags/auth.yaml like any command (prints the variables, or
 * runs `-- cmd` with them), or, with --handover, from the action's main step over stdin (the one endpoint program).
 * Every refresh is the one exchange, with every setting of the config.
 */
import { parseInteger } from '../config/values.js';
import { parseRefreshMarginMs } from '../config/refresh.js';
import type { Env } from '../config/sources/inputs.js';
import { REGION_VARIABLES } from '../delivery/aws-environment.js';
import { newEndpointSecrets, parseHandover } from '../delivery/endpoint/handover.js';
import { checkRefreshMargin } from '../delivery/endpoint/schedule.js';
import { runEndpoint } from '../delivery/endpoint/serve.js';
import { ENDPOINT_TOKEN_VARIABLE, ENDPOINT_URL_VARIABLE, SHADOWING_VARIABLES } from '../delivery/endpoint/export.js';
import { formatEnvironment } from './formats.js';
import { envFormat } from './env-command.js';
import { loadSettings, obtain, type CliIo } from './load-settings.js';
import { runChild } from './run-child.js';
import type { ParsedArgs } from './args.js';

const DEFAULT_MAX_LIFETIME_S = 24 * 3600;

export async function serveCommand(args: ParsedArgs, io: CliIo, known: ReadonlySet<string>): Promise<number> {
  if (args.flags.get('handover') === 'true') return serveHandover(io);
  const settings = await loadSettings(args, io, known);
  const { get, config } = settings;
  const format = envFormat(get);
  const first = await obtain(settings, io);
  const obtainedAt = Date.now();
  const marginMs = parseRefreshMarginMs(get);
  checkRefreshMargin(marginMs, first, obtainedAt);
  const { path, token } = newEndpointSecrets();
  io.secret?.(token);
  const maxLifetimeMs =
    1000 *
    (get('max-lifetime-s')
      ? parseInteger(get('max-lifetime-s'), 'max-lifetime-s', 1, 30 * 86400, 'seconds')
      : DEFAULT_MAX_LIFETIME_S);
  const running = await runEndpoint(
    { session: first, obtainedAt, path, token, ...(marginMs !== undefined ? { marginMs } : {}), maxLifetimeMs },
    io.stderr,
    () => obtain(settings, io),
  );
  const variables: Array<[string, string]> = [
    [ENDPOINT_URL_VARIABLE, running.endpoint.url],
    [ENDPOINT_TOKEN_VARIABLE, token],
    ...REGION_VARIABLES.map((name): [string, string] => [name, config.region]),
  ];

  if (args.rest.length === 0) {
    io.stdout(formatEnvironment(variables, format));
    io.stderr(`Serving credentials at ${running.endpoint.url} until interrupted (Ctrl-C)\n`);
    await running.done;
    return 0;
  }
  const env: Env = { ...io.env };
  for (const name of SHADOWING_VARIABLES) delete env[name];
  for (const [k, v] of variables) env[k] = v;
  const code = await runChild(args.rest, env, io);
  await running.stop('the command exited');
  return code;
}

/** The action's detached form: read the handover, serve, report the port on stdout, then hold no pipe of the step. */
async function serveHandover(io: CliIo): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const handover = parseHandover(Buffer.concat(chunks).toString('utf8'));
  io.secret?.(handover.token);
  const config = handover.config;
  const running = await runEndpoint(handover, io.stderr, async () => {
    const { exchangeAnew } = await import('../providers/exchange.js');
    return exchangeAnew(config, { mask: (v) => io.secret?.(v), debug: () => undefined });
  });
  process.stdout.write(`${JSON.stringify({ port: running.endpoint.port, pid: process.pid })}\n`, () =>
    process.stdout.destroy(),
  );
  process.stdin.destroy();
  await running.done;
  return 0;
}
