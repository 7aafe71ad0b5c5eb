/**
 * Profile delivery through the local endpoint: the `credential_process` line (quoting that /bin/sh and shlex read
 * alike, or a clear refusal), and the profile write and undo for a section holding that line instead of keys.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { endpointProcessLine, quoteWord } from '../../src/delivery/endpoint/process-line.js';
import { parseReceipt, removeProfile, writeProfile, type ProfileTarget } from '../../src/delivery/profile.js';
import { InputError } from '../../src/errors.js';
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

function target(): ProfileTarget {
  const dir = mkdtempSync(join(tmpdir(), 'aslc-profile-process-'));
  return { credentialsFile: join(dir, 'credentials'), configFile: join(dir, 'config'), profile: 'ci' };
}

describe('a profile that runs credential_process', () => {
  const line = endpointProcessLine('/usr/bin/node', '/x/dist/cli/index.js', {
    url: URL,
    tokenFile: '/tmp/aslc-endpoint-0011223344556677.token',
  });

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
