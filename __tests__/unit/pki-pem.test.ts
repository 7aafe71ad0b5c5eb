import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPem, normalisePem, parsePemBlocks } from '../../src/pki/pem.js';
import { expectInputError } from '../support/input-error.js';

const der = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 37) % 256));
const pem = formatPem({ label: 'CERTIFICATE', der, headers: {} });
const bodies = [pem];

describe('normalisePem', () => {
  it('turns CRLF and CR line endings into LF', () => {
    assert.equal(normalisePem(pem.replace(/\n/g, '\r\n')), pem.trim());
    assert.equal(normalisePem(pem.replace(/\n/g, '\r')), pem.trim());
  });

  it('turns literal backslash-n escapes into newlines', () => {
    assert.equal(normalisePem(pem.replace(/\n/g, '\\n')), pem.trim());
    assert.equal(normalisePem(pem.replace(/\n/g, '\\r\\n')), pem.trim());
  });

  it('strips surrounding whitespace, quotes, a BOM and line indentation', () => {
    assert.equal(normalisePem(`  "${pem}"  `), pem.trim());
    assert.equal(normalisePem(`'${pem}'`), pem.trim());
    assert.equal(normalisePem(`\uFEFF${pem}`), pem.trim());
    assert.equal(normalisePem(pem.replace(/^/gm, '    ')), pem.trim());
  });
});

describe('parsePemBlocks', () => {
  it('decodes blocks in order, ignoring text around them', () => {
    const two = `Bag Attributes\n    localKeyId: 01\n${pem}subject=CN=x\n${formatPem({ label: 'PRIVATE KEY', der: Buffer.from([1, 2, 3]), headers: {} })}`;
    const blocks = parsePemBlocks(two, 'certificate');
    assert.deepEqual(
      blocks.map((b) => b.label),
      ['CERTIFICATE', 'PRIVATE KEY'],
    );
    assert.deepEqual(blocks[0]!.der, der);
    assert.deepEqual(blocks[1]!.der, Buffer.from([1, 2, 3]));
  });

  it('reads blocks with no newline between END and BEGIN, and with newlines collapsed to spaces', () => {
    const glued = pem.trim() + pem.trim();
    assert.equal(parsePemBlocks(glued, 'x').length, 2);
    assert.deepEqual(parsePemBlocks(pem.replace(/\n/g, ' '), 'x')[0]!.der, der);
  });

  it('keeps RFC 1421 headers of legacy encrypted keys and re-armours them', () => {
    const legacy = formatPem({
      label: 'RSA PRIVATE KEY',
      der,
      headers: { 'Proc-Type': '4,ENCRYPTED', 'DEK-Info': 'AES-256-CBC,0011' },
    });
    assert.match(legacy, /Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,0011\n\n/);
    const [block] = parsePemBlocks(legacy.replace(/\n/g, '\r\n'), 'private-key');
    assert.deepEqual(block!.headers, { 'Proc-Type': '4,ENCRYPTED', 'DEK-Info': 'AES-256-CBC,0011' });
    assert.deepEqual(block!.der, der);
    assert.equal(formatPem(block!), legacy);
  });

  it('adds back missing base64 padding', () => {
    const unpadded = pem.replace(/=+\n/, '\n');
    assert.notEqual(unpadded, pem);
    assert.deepEqual(parsePemBlocks(unpadded, 'x')[0]!.der, der);
  });

  it('rejects text with no PEM block', () => {
    const err = expectInputError(() => parsePemBlocks('just words', 'certificate'), 'certificate');
    assert.match(err.message, /no PEM block/);
  });

  it('rejects a BEGIN without END, naming the label', () => {
    const cut = pem.slice(0, pem.indexOf('-----END'));
    const err = expectInputError(() => parsePemBlocks(cut, 'certificate'), 'certificate', bodies);
    assert.match(err.message, /no matching '-----END CERTIFICATE-----'/);
    // A second BEGIN before the first block's END is the same mistake.
    expectInputError(() => parsePemBlocks(cut + pem, 'certificate'), 'certificate', bodies);
  });

  it('rejects mismatched labels', () => {
    const err = expectInputError(
      () => parsePemBlocks(pem.replace('END CERTIFICATE', 'END PRIVATE KEY'), 'private-key'),
      'private-key',
      bodies,
    );
    assert.match(err.message, /begins as 'CERTIFICATE' but ends as 'PRIVATE KEY'/);
  });

  it('rejects bad base64 without echoing it', () => {
    const lines = pem.split('\n');
    lines[2] = `${lines[2]!.slice(0, 10)}!${lines[2]!.slice(11)}`;
    const err = expectInputError(() => parsePemBlocks(lines.join('\n'), 'private-key'), 'private-key', [
      lines.join('\n'),
    ]);
    assert.match(err.message, /outside the base64 alphabet at position 75/);
    expectInputError(() => parsePemBlocks('-----BEGIN X-----\n-----END X-----', 'k'), 'k');
    expectInputError(() => parsePemBlocks('-----BEGIN X-----\nAAAAA\n-----END X-----', 'k'), 'k');
    expectInputError(() => parsePemBlocks('-----BEGIN X-----\nAA=A\n-----END X-----', 'k'), 'k');
  });
});
