/**
 * Profile delivery through the local endpoint: the `credential_process` line (quoting that /bin/sh and shlex read
 * alike, or a clear refusal), and the profile write and undo for a section holding that line instead of keys.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointProcessLine, quoteWord } from '../../src/delivery/endpoint/process-line.js';
import { parseReceipt, removeProfile, writeProfile, type ProfileTarget } from '../../src/delivery/profile.js';
import { InputError } from '../../src/errors.js';
import type { Platform } from '../../src/platform.js';
import type { Credentials } from '../../src/credentials.js';

const CREDS: Credentials = {
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
  sessionToken: 'dG9rZW4=',
  expiration: new Date('2030-01-01T00:00:00Z'),
};
const URL = 'http://127.0.0.1:41234/0123456789abcdef0123456789abcdef';

describe('endpointProcessLine', () => {
  test('every path and the URL single-quoted; the token is never on the line', () => {
    const line = endpointProcessLine(
      '/opt/hosted tool/node24/bin/node',
      '/home/runner/work/_actions/o/a/v1/dist/cli/index.js',
      { url: URL, tokenFile: '/tmp/runner temp/aslc-endpoint-0011223344556677.token' },
      'linux',
    );
    assert.equal(
      line,
      `'/opt/hosted tool/node24/bin/node' '/home/runner/work/_actions/o/a/v1/dist/cli/index.js' credential-process --endpoint-url '${URL}' --endpoint-token-file '/tmp/runner temp/aslc-endpoint-0011223344556677.token'`,
    );
  });

  test('characters that shell or INI readers treat specially inside quotes are kept as they are', () => {
    for (const word of ['/a b/c', '/a$b/`c`', '/a\\b', '/a"b', '/a=b', '/ä/ö', '/a%b'])
      assert.equal(quoteWord(word, 'path'), `'${word}'`);
  });

  test('a quote, a comment start or a control character is refused naming credentials-file and the fix', () => {
    for (const word of ["/it's", '/a #b', '/a;b', '/a\nb', '/a\tb', '/a\u0000b', '']) {
      assert.throws(
        () => quoteWord(word, 'CLI path'),
        (err: unknown) =>
          err instanceof InputError &&
          err.input === 'credentials-file' &&
          /CLI path/.test(err.message) &&
          /refresh-credentials off/.test(err.message),
        JSON.stringify(word),
      );
    }
  });
});

/**
 * How botocore on `platform` splits each line (`compat_shell_split`: its Windows splitter on win32, shlex elsewhere),
 * run in the machine's Python: botocore's own code, not a copy.
 */
function botocoreSplit(lines: string[], platform: 'win32' | 'linux'): string[][] {
  const script = [
    'import json, sys',
    'from botocore.compat import compat_shell_split',
    'print(json.dumps([compat_shell_split(l, sys.argv[1]) for l in json.load(sys.stdin)]))',
  ].join('\n');
  const res = spawnSync('python3', ['-c', script, platform], { input: JSON.stringify(lines), encoding: 'utf8' });
  assert.equal(res.status, 0, res.stderr);
  return JSON.parse(res.stdout) as string[][];
}

/** The argv the line asks for: what every reader must read back. */
function argvOf(node: string, cli: string, tokenFile: string): string[] {
  return [node, cli, 'credential-process', '--endpoint-url', URL, '--endpoint-token-file', tokenFile];
}

describe('the line read back by botocore on each platform', () => {
  const WINDOWS: Array<[string, string, string]> = [
    [
      'C:\\Program Files\\nodejs\\node.exe',
      'D:\\a\\_actions\\o\\a\\v1\\dist\\cli\\index.js',
      'D:\\a\\_temp\\aslc-endpoint-0011223344556677.token',
    ],
    [
      'C:\\hostedtoolcache\\windows\\node\\24.0.0\\x64\\node.exe',
      'D:\\a\\r w\\"x"\\cli.js',
      'C:\\Users\\runner admin\\AppData\\Local\\Temp\\aslc-endpoint-0011223344556677.token',
    ],
    ['C:\\Program Files (x86)\\node\\node.exe', 'D:\\ends in a backslash\\', 'D:\\two\\\\back"slashes\\\\"q"'],
    ["C:\\it's\\node.exe", 'D:\\a&b\\ü\\cli.js', '\\\\server\\share\\t (1)\\aslc.token'],
  ];

  test('win32: every word comes back whole through botocore._windows_shell_split, spaces, quotes, backslashes and drive letters included', () => {
    const lines = WINDOWS.map(([node, cli, token]) =>
      endpointProcessLine(node, cli, { url: URL, tokenFile: token }, 'win32'),
    );
    const split = botocoreSplit(lines, 'win32');
    WINDOWS.forEach(([node, cli, token], i) => assert.deepEqual(split[i], argvOf(node, cli, token), lines[i]));
  });

  test('win32: cmd.exe (the JS SDK runs the line through it) is never handed & | < > ^ outside its quotes, nor % or !', () => {
    for (const [word, bad] of [
      ['C:\\a%PATH%b\\node.exe', '%'],
      ['C:\\a!x!\\node.exe', '!'],
      ['C:\\a"&calc.exe&"b\\node.exe', '&'],
      ['C:\\a"|b', '|'],
      ['C:\\a #b', '#'],
      ['C:\\a;b', ';'],
      ['C:\\a\nb', '\n'],
    ]) {
      assert.throws(
        () => endpointProcessLine(word!, 'D:\\cli.js', { url: URL, tokenFile: 'D:\\t' }, 'win32'),
        (err: unknown) =>
          err instanceof InputError &&
          err.input === 'credentials-file' &&
          err.message.includes(JSON.stringify(bad)) &&
          /on Windows also without % or !/.test(err.message),
        word,
      );
    }
    // One " in the first word leaves cmd.exe's quote state flipped for the next: its & would then be acted on.
    assert.throws(
      () => endpointProcessLine('C:\\a"b', 'D:\\x&y\\cli.js', { url: URL, tokenFile: 'D:\\t' }, 'win32'),
      /CLI path.*"&"/,
    );
  });

  test('win32: what cmd.exe /d /s /c "<line>" passes on is the line itself; & and ^ inside its quotes stay literal', () => {
    const line = endpointProcessLine('C:\\a&b^c\\node.exe', 'D:\\cli.js', { url: URL, tokenFile: 'D:\\t' }, 'win32');
    // /s: the first and last quote of the command are removed, the rest runs as written.
    const wrapped = `"${line}"`;
    assert.equal(wrapped.slice(1, wrapped.lastIndexOf('"')), line);
    assert.deepEqual(botocoreSplit([line], 'win32')[0], argvOf('C:\\a&b^c\\node.exe', 'D:\\cli.js', 'D:\\t'));
  });

  test('POSIX (linux and darwin alike): shlex reads every word back, and the line is the same on both', () => {
    const cases: Array<[string, string, string]> = [
      ['/opt/hosted tool/node24/bin/node', '/home/r/work/_actions/o/a/v1/dist/cli/index.js', '/tmp/a b/t.token'],
      ['/Users/runner/hostedtoolcache/node/24/arm64/bin/node', '/a$b/`c`/"d"\\e/cli.js', '/private/var/folders/x/T/t'],
    ];
    const lines = cases.map(([n, c, t]) => endpointProcessLine(n, c, { url: URL, tokenFile: t }, 'linux'));
    for (const [i, [n, c, t]] of cases.entries()) {
      assert.equal(endpointProcessLine(n, c, { url: URL, tokenFile: t }, 'darwin' as Platform), lines[i]);
    }
    const split = botocoreSplit(lines, 'linux');
    cases.forEach(([n, c, t], i) => assert.deepEqual(split[i], argvOf(n, c, t)));
  });
});

function target(): ProfileTarget {
  const dir = mkdtempSync(join(tmpdir(), 'aslc-profile-process-'));
  return { credentialsFile: join(dir, 'credentials'), configFile: join(dir, 'config'), profile: 'ci' };
}

describe('a profile that runs credential_process', () => {
  const line = endpointProcessLine(
    '/usr/bin/node',
    '/x/dist/cli/index.js',
    {
      url: URL,
      tokenFile: '/tmp/aslc-endpoint-0011223344556677.token',
    },
    'linux',
  );

  test('the credentials section holds the line alone, no key; the receipt names no key; the undo removes it and the files it created', async () => {
    const t = target();
    const receipt = await writeProfile(t, CREDS, 'us-east-1', { credentialProcess: line });
    assert.equal(readFileSync(t.credentialsFile, 'utf8'), `[ci]\ncredential_process = ${line}\n`);
    assert.match(readFileSync(t.configFile, 'utf8'), /\[profile ci\]\nregion = us-east-1/);
    assert.equal(receipt.credentialProcess, true);
    assert.equal(receipt.accessKeyId, '', 'no access key in the state');
    const parsed = parseReceipt(JSON.stringify(receipt), [t]);
    assert.deepEqual(parsed, receipt);
    assert.deepEqual(await removeProfile(parsed as typeof receipt), { removed: true });
    assert.equal(existsSync(t.credentialsFile), false);
    assert.equal(existsSync(t.configFile), false);
  });

  test('a line changed since is left, and so is a key section put in its place', async () => {
    for (const replacement of [
      `[ci]\ncredential_process = ${line} --verbose\n`,
      '[ci]\naws_access_key_id = AKIAUSERUSERUSERUSER\naws_secret_access_key = user\n',
    ]) {
      const t = target();
      const receipt = await writeProfile(t, CREDS, 'us-east-1', { credentialProcess: line });
      writeFileSync(t.credentialsFile, replacement);
      assert.deepEqual(await removeProfile(receipt), { removed: false });
      assert.equal(readFileSync(t.credentialsFile, 'utf8'), replacement);
    }
  });

  test('a key receipt does not remove a credential_process section, nor the reverse', async () => {
    const t = target();
    const receipt = await writeProfile(t, CREDS, 'us-east-1', { credentialProcess: line });
    const asKeys = { ...receipt, accessKeyId: CREDS.accessKeyId, credentialProcess: undefined };
    assert.deepEqual(await removeProfile(asKeys), { removed: false });
    const t2 = target();
    const keys = await writeProfile(t2, CREDS, 'us-east-1');
    assert.deepEqual(await removeProfile({ ...keys, credentialProcess: true }), { removed: false });
  });

  test('parseReceipt: credentialProcess is true or absent; with it the access key is empty, without it an access key', async () => {
    const t = target();
    const receipt = await writeProfile(t, CREDS, 'us-east-1', { credentialProcess: line });
    assert.equal(
      parseReceipt(JSON.stringify({ ...receipt, credentialProcess: 'yes' }), [t]),
      'credentialProcess is not true',
    );
    assert.equal(
      parseReceipt(JSON.stringify({ ...receipt, accessKeyId: CREDS.accessKeyId }), [t]),
      'accessKeyId is not an access key id',
    );
    assert.equal(
      parseReceipt(JSON.stringify({ ...receipt, credentialProcess: undefined }), [t]),
      'accessKeyId is not an access key id',
    );
  });
});
