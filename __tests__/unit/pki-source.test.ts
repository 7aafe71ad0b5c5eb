import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { readBinaryOrPath, readPemOrPath, type ReadFile } from '../../src/pki/source.js';
import { expectInputError } from '../support/input-error.js';

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const keyDer = privateKey.export({ type: 'pkcs8', format: 'der' });
const keyBase64 = keyDer.toString('base64');

function fakeFs(files: Record<string, Buffer | string>): ReadFile & { calls: string[] } {
  const calls: string[] = [];
  const read = (path: string) => {
    calls.push(path);
    const content = files[path];
    if (content !== undefined) return content;
    const code = path.includes('locked') ? 'EACCES' : path.endsWith('/') ? 'EISDIR' : 'ENOENT';
    throw Object.assign(new Error(`${code}: ${path}`), { code });
  };
  return Object.assign(read, { calls });
}

describe('readPemOrPath', () => {
  it('takes PEM text inline, normalised, without touching the file system', () => {
    const fs = fakeFs({});
    for (const value of [keyPem, keyPem.replace(/\n/g, '\r\n'), `"${keyPem.replace(/\n/g, '\\n')}"`]) {
      const got = readPemOrPath(value, 'private-key', fs);
      assert.equal(got.from, 'inline');
      assert.equal(got.text, keyPem.trim());
    }
    assert.deepEqual(fs.calls, []);
  });

  it('reads a path, absolute or relative, and normalises the file', () => {
    const fs = fakeFs({ '/etc/ci/key.pem': Buffer.from(keyPem.replace(/\n/g, '\r\n')), 'certs/key.pem': keyPem });
    assert.deepEqual(readPemOrPath(' /etc/ci/key.pem\n', 'private-key', fs), {
      text: keyPem.trim(),
      from: 'file',
      path: '/etc/ci/key.pem',
    });
    assert.equal(readPemOrPath("'certs/key.pem'", 'private-key', fs).path, 'certs/key.pem');
    // A Windows path's "\n" is a directory separator, not an escaped newline.
    const windows = fakeFs({ 'C:\\keys\\new.pem': keyPem });
    assert.equal(readPemOrPath('C:\\keys\\new.pem', 'private-key', windows).text, keyPem.trim());
  });

  it('names a missing file, and says the value should be PEM text or an existing file', () => {
    const err = expectInputError(() => readPemOrPath('./missing/key.pem', 'private-key', fakeFs({})), 'private-key');
    assert.match(err.message, /'\.\/missing\/key\.pem' does not exist/);
    assert.match(err.message, /PEM text itself or to the path of an existing file/);
    assert.match(
      expectInputError(() => readPemOrPath('~/key.pem', 'private-key', fakeFs({})), 'private-key').message,
      /'~' is not expanded/,
    );
    assert.match(
      expectInputError(() => readPemOrPath('/root/locked.pem', 'private-key', fakeFs({})), 'private-key').message,
      /permission denied/,
    );
    assert.match(
      expectInputError(() => readPemOrPath('/etc/', 'private-key', fakeFs({})), 'private-key').message,
      /is a directory/,
    );
  });

  it('says when a file holds no PEM, and when it holds binary DER', () => {
    const fs = fakeFs({ '/k.der': keyDer, '/notes.txt': 'hello' });
    assert.match(
      expectInputError(() => readPemOrPath('/k.der', 'private-key', fs), 'private-key', [keyPem]).message,
      /binary DER/,
    );
    assert.match(
      expectInputError(() => readPemOrPath('/notes.txt', 'private-key', fs), 'private-key').message,
      /holds no PEM text/,
    );
  });

  it('recognises base64 without armour and does not echo it or read it as a path', () => {
    const fs = fakeFs({});
    for (const value of [keyBase64, keyBase64.slice(0, 40), keyPem.replace(/-----[A-Z ]+-----/g, '')]) {
      const err = expectInputError(() => readPemOrPath(value, 'private-key', fs), 'private-key', [
        keyPem,
        keyBase64.slice(0, 40),
      ]);
      assert.match(err.message, /looks like base64 DER without the -----BEGIN line/);
    }
    assert.deepEqual(fs.calls, []);
  });

  it('says a value is neither PEM nor a path, without echoing it', () => {
    const err = expectInputError(
      () => readPemOrPath('hunter2 secret words', 'private-key', fakeFs({})),
      'private-key',
      ['hunter2'],
    );
    assert.match(err.message, /is neither PEM text nor a path to a file \(20 characters on 1 line\)/);
    assert.match(
      expectInputError(() => readPemOrPath('  ', 'private-key', fakeFs({})), 'private-key').message,
      /is empty/,
    );
  });

  // Each of these has slashes or backslashes, so it once passed for a path and came back quoted in "does not exist".
  const pieces = [keyBase64.slice(0, 24), keyBase64.slice(64, 88), keyBase64.slice(-24)];
  it('never reads or echoes a key body written with literal \\n escapes and no header', () => {
    const fs = fakeFs({});
    const escaped = keyBase64.replace(/(.{64})/g, '$1\\n');
    const err = expectInputError(() => readPemOrPath(escaped, 'private-key', fs), 'private-key', pieces);
    assert.match(
      err.message,
      /looks like key or certificate material without its -----BEGIN line, not a path \(not shown\)/,
    );
    assert.deepEqual(fs.calls, []);
  });

  it('says a PEM has a damaged header without echoing it or reading it as a path', () => {
    const fs = fakeFs({});
    for (const damaged of [
      keyPem.replace('-----BEGIN', '----BEGIN').replace(/\n/g, '\\n'),
      keyPem.replace('-----BEGIN PRIVATE KEY-----', 'BEGIN PRIVATE KEY').replace(/\n/g, ' '),
    ]) {
      const err = expectInputError(() => readPemOrPath(damaged, 'private-key', fs), 'private-key', pieces);
      assert.match(err.message, /looks like PEM text with a damaged header or footer \(not shown\)/);
    }
    assert.deepEqual(fs.calls, []);
  });

  it('still reads long real paths, hex digests in them included', () => {
    const path = `/home/runner/work/repository-name/repository-name/${'0123456789abcdef'.repeat(3)}/certificates/client-certificate.pem`;
    assert.equal(readPemOrPath(path, 'certificate', fakeFs({ [path]: keyPem })).path, path);
  });
});

describe('readBinaryOrPath', () => {
  it('never echoes base64 with literal \\n escapes as a path', () => {
    const escaped = keyBase64.replace(/(.{64})/g, '$1\\n');
    const err = expectInputError(() => readBinaryOrPath(escaped, 'certificate', fakeFs({})), 'certificate', [
      keyBase64.slice(0, 24),
      keyBase64.slice(-24),
    ]);
    assert.match(err.message, /not a path \(not shown\)/);
  });

  it('decodes base64 (as a secret stores a .p12), with line breaks', () => {
    const got = readBinaryOrPath(keyBase64.replace(/(.{64})/g, '$1\n'), 'certificate', fakeFs({}));
    assert.deepEqual(got, { der: keyDer, from: 'inline' });
  });

  it('reads a path, holding either the binary or its base64', () => {
    const fs = fakeFs({ '/a.p12': keyDer, '/b.p12.b64': `${keyBase64}\n` });
    assert.deepEqual(readBinaryOrPath('/a.p12', 'certificate', fs), { der: keyDer, from: 'file', path: '/a.p12' });
    assert.deepEqual(readBinaryOrPath('/b.p12.b64', 'certificate', fs).der, keyDer);
  });

  it('accepts PEM-armoured base64', () => {
    const armoured = `-----BEGIN PKCS12-----\n${keyBase64}\n-----END PKCS12-----`;
    assert.deepEqual(readBinaryOrPath(armoured, 'certificate', fakeFs({})).der, keyDer);
  });

  it('names a missing file and rejects values that are neither', () => {
    assert.match(
      expectInputError(() => readBinaryOrPath('/nope.p12', 'certificate', fakeFs({})), 'certificate').message,
      /'\/nope\.p12' does not exist/,
    );
    assert.match(
      expectInputError(() => readBinaryOrPath('some words', 'certificate', fakeFs({})), 'certificate', ['some words'])
        .message,
      /neither base64 of a PKCS#12 file nor a path/,
    );
    const notDer = Buffer.alloc(60, 0x41).toString('base64');
    assert.match(
      expectInputError(() => readBinaryOrPath(notDer, 'certificate', fakeFs({})), 'certificate').message,
      /not of a DER structure/,
    );
  });
});
