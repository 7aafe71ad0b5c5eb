/**
 * `credential-process --endpoint-url <url> --endpoint-token-file <file>`: what a profile written with
 * refresh-credentials runs. Prints the credentials the local endpoint holds now, so every profile reader gets the
 * endpoint's refreshes; the token is read from its 0600 file, never taken from the command line.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { AwsError, InputError } from '../errors.js';
import { validateSession } from '../providers/validate-session.js';
import { ENDPOINT_TOKEN_FILE_FLAG, ENDPOINT_URL_FLAG } from '../delivery/endpoint-process.js';
import { credentialProcessJson } from './formats.js';
import type { CliIo } from './run-command.js';

const CALL = 'credentials endpoint';
const TIMEOUT_MS = 5_000;
const MAX_BODY = 64 * 1024;
// The endpoint listens on 127.0.0.1 under a random path; the token goes nowhere else.
const ENDPOINT_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[\w-]{16,}$/;

export async function endpointCredentialProcess(flags: ReadonlyMap<string, string>, io: CliIo): Promise<number> {
  const url = flags.get(ENDPOINT_URL_FLAG) ?? '';
  const tokenFile = flags.get(ENDPOINT_TOKEN_FILE_FLAG) ?? '';
  if (!ENDPOINT_URL.test(url))
    throw new InputError(
      ENDPOINT_URL_FLAG,
      "is not the local credentials endpoint's URL (http://127.0.0.1:<port>/<path>)",
      'Use the line the action wrote into the profile',
    );
  if (!tokenFile)
    throw new InputError(
      ENDPOINT_TOKEN_FILE_FLAG,
      'is required with --endpoint-url',
      'Use the line the action wrote into the profile',
    );
  let token: string;
  try {
    token = readFileSync(tokenFile, 'utf8');
  } catch (err) {
    throw new AwsError(
      CALL,
      (err as NodeJS.ErrnoException).code ?? 'ReadError',
      `cannot read the token file ${tokenFile}`,
      "The endpoint was stopped (the job's post step removes it) or this runs as another user",
      false,
    );
  }
  io.secret?.(token);
  const { status, body } = await get(url, token);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new AwsError(CALL, `HTTP ${status}`, 'the answer is not JSON', '', false);
  }
  if (status !== 200)
    throw new AwsError(CALL, String(doc['Code'] ?? `HTTP ${status}`), String(doc['Message'] ?? ''), '', status >= 500);
  const session = validateSession(
    {
      credentials: {
        accessKeyId: String(doc['AccessKeyId'] ?? ''),
        secretAccessKey: String(doc['SecretAccessKey'] ?? ''),
        sessionToken: String(doc['Token'] ?? ''),
        expiration: new Date(String(doc['Expiration'] ?? '')),
      },
    },
    { endpoint: 'http://127.0.0.1/', now: new Date(), call: CALL },
  );
  io.stdout(credentialProcessJson(session) + '\n');
  return 0;
}

// node:http, not the undici transport: every `aws` command runs this line, and loading undici would cost it ~40 ms
// for one loopback GET (the URL is pinned to 127.0.0.1 above, so the transport's cleartext rule holds).
function get(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: token }, timeout: TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > MAX_BODY) req.destroy(new Error('the answer is too large'));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AwsError(
          CALL,
          err.code ?? 'Error',
          err.message,
          'The endpoint is not running: it lives only as long as the job that started it',
          false,
        ),
      ),
    );
    req.end();
  });
}
