import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DerError,
  bigInteger,
  boundedInteger,
  children,
  octets,
  oid,
  parseDer,
  sequence,
  time,
} from '../../src/pki/der.js';
import { pkcs12Kdf } from '../../src/pki/pkcs12-pbe.js';

const hex = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');

describe('DER reader', () => {
  it('reads nested sequences, OIDs and integers of either sign', () => {
    // SEQUENCE { OID 1.2.840.113549.1.7.1, INTEGER 0x00ff (255), INTEGER 0xff (-1) }
    const [o, pos, neg] = sequence(parseDer(hex('3012 0609 2a864886f70d010701 0202 00ff 0201 ff')), 'test');
    assert.equal(oid(o, 'oid'), '1.2.840.113549.1.7.1');
    assert.equal(bigInteger(pos, 'int'), 255n);
    assert.equal(bigInteger(neg, 'int'), -1n);
    assert.throws(() => boundedInteger(neg, 'count', 10), DerError);
    assert.throws(() => boundedInteger(pos, 'count', 10), /larger than 10/);
  });

  it('reads BER indefinite lengths and constructed octet strings, as Java and Windows write PKCS#12', () => {
    // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { 'ab', 'cd' } } EOC
    const ber = hex('3080 2480 0402 6162 0402 6364 0000 0000');
    const [inner] = children(parseDer(ber));
    assert.equal(octets(inner, 'data').toString(), 'abcd');
    assert.equal(parseDer(ber).raw.length, ber.length);
  });

  it('reads UTCTime and GeneralizedTime', () => {
    assert.equal(
      time(parseDer(Buffer.from('\x17\x0d491231235959Z', 'latin1')), 't').toISOString(),
      '2049-12-31T23:59:59.000Z',
    );
    assert.equal(
      time(parseDer(Buffer.from('\x17\x0d500101000000Z', 'latin1')), 't').toISOString(),
      '1950-01-01T00:00:00.000Z',
    );
    assert.equal(
      time(parseDer(Buffer.from('\x18\x0f20600101000000Z', 'latin1')), 't').toISOString(),
      '2060-01-01T00:00:00.000Z',
    );
  });

  it('throws DerError, not RangeError, on truncated or hostile input', () => {
    for (const bad of ['', '30', '3005 0201', '3084 ffffffff', '3080 0401 41', '1f81 00', '3080'.repeat(200), '0600']) {
      assert.throws(
        () => {
          const node = parseDer(hex(bad));
          if (node.constructed) children(node);
          if (node.tag === 0x06) oid(node, 'oid');
        },
        DerError,
        bad,
      );
    }
  });
});

describe('PKCS#12 key derivation (RFC 7292 appendix B)', () => {
  it('derives what OpenSSL derives', () => {
    // Expected values cross-checked with: openssl kdf -kdfopt hexpass:0073006d006500670000 ... PKCS12KDF
    const password = Buffer.concat([Buffer.from('smeg', 'utf16le').swap16(), Buffer.alloc(2)]);
    const salt = hex('0A58CF64530D823F');
    const key = pkcs12Kdf({ name: 'sha1', size: 20, block: 64 }, password, salt, 1, 1, 24);
    assert.equal(key.toString('hex').toUpperCase(), '8AAAE6297B6CB04642AB5B077851284EB7128F1A2A7FBCA3');
    const macKey = pkcs12Kdf({ name: 'sha256', size: 32, block: 64 }, password, salt, 3, 1000, 32);
    assert.equal(
      macKey.toString('hex').toUpperCase(),
      '35AC16A454D608FB10C8D7C6338CA85818587AED0FF771FD265957E412C2C03C',
    );
  });
});
