/**
 * Profile delivery through the local credentials endpoint: the profile's `credential_process` line runs the bundled
 * CLI, which asks the endpoint (URL and token file on the line, never the token). Pure.
 */
import { InputError } from '../../errors.js';

/** The CLI flags the line passes; one definition for the writer and the command reading them. */
export const ENDPOINT_URL_FLAG = 'endpoint-url';
export const ENDPOINT_TOKEN_FILE_FLAG = 'endpoint-token-file';

// ' ends the quoting; # and ; after a blank start a comment for the JS SDK's INI reader; control characters break
// lines.
const UNQUOTABLE = /[\p{Cc}'#;]/u;

/**
 * Each word in single quotes: the JS SDK runs the line through /bin/sh, botocore and the AWS CLI split it with
 * shlex, and both read '...' the same way, spaces included.
 */
export function quoteWord(word: string, what: string): string {
  const bad = UNQUOTABLE.exec(word);
  if (bad || word === '') {
    throw new InputError(
      'credentials-file',
      `the ${what} (${word}) cannot go on a credential_process line${bad ? `: it contains ${JSON.stringify(bad[0])}` : ''}`,
      "Run the job from a directory (RUNNER_TEMP and the action's path) without quotes, # or ;, or leave refresh-credentials off for profile delivery",
    );
  }
  return `'${word}'`;
}

/** `'<node>' '<cli>' credential-process --endpoint-url '<url>' --endpoint-token-file '<file>'` */
export function endpointProcessLine(node: string, cli: string, endpoint: { url: string; tokenFile: string }): string {
  return [
    quoteWord(node, 'Node.js path'),
    quoteWord(cli, 'CLI path'),
    'credential-process',
    `--${ENDPOINT_URL_FLAG}`,
    quoteWord(endpoint.url, 'endpoint URL'),
    `--${ENDPOINT_TOKEN_FILE_FLAG}`,
    quoteWord(endpoint.tokenFile, 'token file path'),
  ].join(' ');
}
