/**
 * Profile delivery through the local credentials endpoint: the profile's `credential_process` line runs the bundled
 * CLI, which asks the endpoint (URL and token file on the line, never the token). Quoted for the platform the line
 * will run on: POSIX shells and shlex, or cmd.exe and the Windows C runtime's rules. Pure.
 */
import { InputError } from '../../errors.js';
import { platformTraits, type Platform } from '../../platform.js';
import { UNQUOTABLE_FIX } from './advice.js';

/** The CLI flags the line passes; one definition for the writer and the command reading them. */
export const ENDPOINT_URL_FLAG = 'endpoint-url';
export const ENDPOINT_TOKEN_FILE_FLAG = 'endpoint-token-file';

// ' ends the quoting; # and ; after a blank start a comment for the JS SDK's INI reader; control characters break
// lines.
const UNQUOTABLE = /[\p{Cc}'#;]/u;
// Windows: # ; and control characters as above; % and ! are expanded by cmd.exe even inside double quotes.
const UNQUOTABLE_WINDOWS = /[\p{Cc}#;%!]/u;
// What cmd.exe acts on outside its quoted stretches (which every " toggles, backslash or not).
const CMD_SPECIAL = /[&|<>^]/;

function refuse(word: string, what: string, bad?: string): never {
  throw new InputError(
    'credentials-file',
    `the ${what} (${word}) cannot go on a credential_process line${bad ? `: it contains ${JSON.stringify(bad)}` : ''}`,
    UNQUOTABLE_FIX,
  );
}

/**
 * Each word in single quotes: the JS SDK runs the line through /bin/sh, botocore and the AWS CLI split it with
 * shlex, and both read '...' the same way, spaces included.
 */
export function quoteWord(word: string, what: string): string {
  const bad = UNQUOTABLE.exec(word);
  if (bad || word === '') refuse(word, what, bad?.[0]);
  return `'${word}'`;
}

/**
 * Each word in double quotes by the C runtime's rules, which botocore's Windows splitter
 * (`botocore.compat._windows_shell_split`) and Node's own argv follow: backslashes are literal unless they lead up to
 * a ", then each is doubled, and a " inside is \". `cmdQuoted` carries cmd.exe's view (it toggles on every ")
 * across words. Returns the word and cmd's state after it.
 */
function quoteWindowsWord(word: string, what: string, cmdQuoted: boolean): { quoted: string; cmdQuoted: boolean } {
  const bad = UNQUOTABLE_WINDOWS.exec(word);
  if (bad || word === '') refuse(word, what, bad?.[0]);
  let quoted = '"';
  let backslashes = 0;
  for (const c of word) {
    if (c === '\\') {
      backslashes++;
      continue;
    }
    quoted += c === '"' ? '\\'.repeat(2 * backslashes + 1) + '"' : '\\'.repeat(backslashes) + c;
    backslashes = 0;
  }
  quoted += '\\'.repeat(2 * backslashes) + '"';
  // What cmd.exe sees: a special character where its own quote state is off would be acted on.
  let inside = cmdQuoted;
  for (const c of quoted) {
    if (c === '"') inside = !inside;
    else if (!inside && CMD_SPECIAL.test(c)) refuse(word, what, c);
  }
  return { quoted, cmdQuoted: inside };
}

/** `'<node>' '<cli>' credential-process --endpoint-url '<url>' --endpoint-token-file '<file>'`, or with "..." on win32. */
export function endpointProcessLine(
  node: string,
  cli: string,
  endpoint: { url: string; tokenFile: string },
  platform: Platform,
): string {
  const words: Array<[string, string?]> = [
    [node, 'Node.js path'],
    [cli, 'CLI path'],
    ['credential-process'],
    [`--${ENDPOINT_URL_FLAG}`],
    [endpoint.url, 'endpoint URL'],
    [`--${ENDPOINT_TOKEN_FILE_FLAG}`],
    [endpoint.tokenFile, 'token file path'],
  ];
  if (platformTraits(platform).commandLine === 'posix')
    return words.map(([word, what]) => (what ? quoteWord(word, what) : word)).join(' ');
  // cmd.exe /d /s /c "<line>" (the JS SDK's exec) strips the outer quotes and runs the line as written.
  let cmdQuoted = false;
  return words
    .map(([word, what]) => {
      if (!what) return word;
      const next = quoteWindowsWord(word, what, cmdQuoted);
      cmdQuoted = next.cmdQuoted;
      return next.quoted;
    })
    .join(' ');
}
