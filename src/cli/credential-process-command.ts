/**
 * `credential-process`: what the AWS CLI and the SDKs run for a profile's credentials. From the cache when an entry
 * has more than the margin left, else one exchange; or, with --endpoint-url (a profile written with
 * refresh-credentials), what the job's local endpoint holds now, its token read from its 0600 file.
 */
import { parseRefreshMarginMs } from '../config/refresh.js';
import { AwsError, InputError } from '../errors.js';
import { ENDPOINT_TOKEN_FILE_FLAG, ENDPOINT_URL_FLAG } from '../delivery/endpoint/process-line.js';
import { cachedSession } from './cache.js';
import { readText } from './read-text.js';
import { credentialProcessJson } from './formats.js';
import { cacheLocation, loadSettings, obtain, proofOf, type CliIo } from './load-settings.js';
import type { ParsedArgs } from './args.js';

/** Default: refresh cached credentials with less than 15 minutes left, before the AWS CLI would itself refresh. */
const DEFAULT_REFRESH_MARGIN_MS = 900_000;

export async function credentialProcessCommand(
  args: ParsedArgs,
  io: CliIo,
  known: ReadonlySet<string>,
): Promise<number> {
  if (args.flags.has(ENDPOINT_URL_FLAG)) return fromEndpoint(args.flags, io);
  const settings = await loadSettings(args, io, known);
  const { get, config } = settings;
  const verbose = get('verbose') === 'true';
  const exchange = () => obtain(settings, io);
  const result =
    get('no-cache') === 'true'
      ? await exchange()
      : await cachedSession(
          config,
          {
            ...cacheLocation(get, io),
            marginMs: parseRefreshMarginMs(get) ?? DEFAULT_REFRESH_MARGIN_MS,
            now: () => new Date(),
            proof: proofOf(settings, io),
            debug: (m) => {
              if (verbose) io.stderr(`debug: ${m}\n`);
            },
          },
          exchange,
        );
  io.stdout(credentialProcessJson(result) + '\n');
  return 0;
}

async function fromEndpoint(flags: ReadonlyMap<string, string>, io: CliIo): Promise<number> {
  // Loaded here: a cache hit, what most runs of this command are, needs neither node:http nor answer validation.
  const { ENDPOINT_URL, endpointCredentials } = await import('../delivery/endpoint/client.js');
  const url = flags.get(ENDPOINT_URL_FLAG) ?? '';
  const tokenFile = flags.get(ENDPOINT_TOKEN_FILE_FLAG) ?? '';
  if (!ENDPOINT_URL.test(url)) {
    throw new InputError(
      ENDPOINT_URL_FLAG,
      "is not the local credentials endpoint's URL (http://127.0.0.1:<port>/<path>)",
      'Use the line the action wrote into the profile',
    );
  }
  if (!tokenFile) {
    throw new InputError(
      ENDPOINT_TOKEN_FILE_FLAG,
      'is required with --endpoint-url',
      'Use the line the action wrote into the profile',
    );
  }
  const token = readText(
    tokenFile,
    (code) =>
      new AwsError(
        'credentials endpoint',
        code,
        `cannot read the token file ${tokenFile}`,
        "The endpoint was stopped (the job's post step removes it) or this runs as another user",
        false,
      ),
  );
  io.secret?.(token);
  io.stdout(credentialProcessJson(await endpointCredentials(url, token, new Date())) + '\n');
  return 0;
}
