import assert from 'node:assert/strict';
import { createDecipheriv, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/errors.js';
import { MAX_TOTAL_ITERATIONS, parsePkcs12 } from '../../src/pki/pkcs12.js';
import { randomBytes, X509Certificate } from 'node:crypto';
import { expectInputError } from '../support/input-error.js';
import { genKey, issue, selfSigned, workspace, type Workspace } from '../support/openssl-artefacts.js';

const PASS = 'p12 pass wörd';
const INPUT = 'certificate';

let ws: Workspace;
const keys: Record<string, string> = {};

/** Runs `openssl pkcs12 -export` for `<name>` (key `<name>-key.pem`, cert `<name>.pem`) and returns the file's bytes. */
function exportP12(name: string, out: string, extra: string[], passphrase = PASS): Buffer {
  ws.openssl(
    'pkcs12',
    '-export',
    '-inkey',
    `${name}-key.pem`,
    '-in',
    `${name}.pem`,
    '-passout',
    `pass:${passphrase}`,
    '-out',
    out,
    ...extra,
  );
  return readFileSync(ws.path(out));
}

function spki(key: KeyObject): Buffer {
  return (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
}

function opensslSupports(args: string[]): boolean {
  try {
    ws.openssl(...args);
    return true;
  } catch {
    return false;
  }
}

function nodeHasRc2(): boolean {
  try {
    createDecipheriv('rc2-40-cbc', Buffer.alloc(5), Buffer.alloc(8));
    return true;
  } catch {
    return false;
  }
}

before(() => {
  ws = workspace();
  keys.root = genKey(ws, 'p256', 'root-key');
  keys.intermediate = genKey(ws, 'p256', 'intermediate-key');
  keys.leaf = genKey(ws, 'p256', 'leaf-key');
  keys.rsa = genKey(ws, 'rsa2048', 'rsa-key');
  selfSigned(ws, 'root-key', 'root');
  issue(ws, 'intermediate-key', 'intermediate', 'root', 'root-key', true);
  issue(ws, 'leaf-key', 'leaf', 'intermediate', 'intermediate-key', false);
  selfSigned(ws, 'rsa-key', 'rsa');
  // Root first on purpose: the parser should still return the chain leaf-upward.
  ws.write('chain.pem', ws.read('root.pem') + ws.read('intermediate.pem'));
});
after(() => ws.cleanup());

describe('parsePkcs12: what openssl pkcs12 -export writes', () => {
  it('reads the OpenSSL 3 default (PBES2, PBKDF2-SHA256, AES-256-CBC, SHA-256 MAC) with a chain', () => {
    const der = exportP12('leaf', 'default.p12', ['-certfile', 'chain.pem']);
    const { certificate, key, chain } = parsePkcs12(der, PASS, INPUT);
    assert.equal(certificate.subject, 'CN=leaf');
    assert.deepEqual(spki(key), spki(certificate.publicKey));
    assert.deepEqual(
      chain.map((c) => c.subject),
      ['CN=intermediate', 'CN=root'],
    );
  });

  it('reads an RSA key exported with AES-128 and HMAC-SHA1 PBKDF2', () => {
    const der = exportP12('rsa', 'rsa.p12', [
      '-keypbe',
      'AES-128-CBC',
      '-certpbe',
      'AES-128-CBC',
      '-macalg',
      'sha1',
      '-iter',
      '1000',
    ]);
    const { certificate, key, chain } = parsePkcs12(der, PASS, INPUT);
    assert.equal(key.asymmetricKeyType, 'rsa');
    assert.deepEqual(spki(key), spki(certificate.publicKey));
    assert.deepEqual(chain, []);
  });

  it('reads legacy 3DES with the PKCS#12 key derivation (-legacy -certpbe PBE-SHA1-3DES)', (t) => {
    if (
      !opensslSupports([
        'pkcs12',
        '-export',
        '-legacy',
        '-inkey',
        'leaf-key.pem',
        '-in',
        'leaf.pem',
        '-passout',
        'pass:x',
        '-out',
        'probe.p12',
      ])
    ) {
      t.skip('this openssl cannot write -legacy PKCS#12 (no legacy provider)');
      return;
    }
    const der = exportP12('leaf', 'legacy-3des.p12', [
      '-legacy',
      '-certpbe',
      'PBE-SHA1-3DES',
      '-certfile',
      'chain.pem',
    ]);
    const { certificate, chain } = parsePkcs12(der, PASS, INPUT);
    assert.equal(certificate.subject, 'CN=leaf');
    assert.equal(chain.length, 2);
  });

  it('reads -legacy (RC2-40 certificates) where the runtime has RC2, else names the fix', (t) => {
    if (
      !opensslSupports([
        'pkcs12',
        '-export',
        '-legacy',
        '-inkey',
        'leaf-key.pem',
        '-in',
        'leaf.pem',
        '-passout',
        'pass:x',
        '-out',
        'probe.p12',
      ])
    ) {
      t.skip('this openssl cannot write -legacy PKCS#12 (no legacy provider)');
      return;
    }
    const der = exportP12('leaf', 'legacy.p12', ['-legacy']);
    if (nodeHasRc2()) {
      assert.equal(parsePkcs12(der, PASS, INPUT).certificate.subject, 'CN=leaf');
      return;
    }
    const err = expectInputError(() => parsePkcs12(der, PASS, INPUT), INPUT, [PASS, keys.leaf!]);
    assert.match(err.message, /RC2/);
    assert.match(err.message, /openssl pkcs12 -export/);
  });

  it('reads unencrypted bags (keyBag) and an empty passphrase', () => {
    const der = exportP12('leaf', 'plain.p12', ['-keypbe', 'NONE', '-certpbe', 'NONE'], '');
    assert.equal(parsePkcs12(der, '', INPUT).certificate.subject, 'CN=leaf');
  });

  it('reads a file without a MAC', () => {
    const der = exportP12('leaf', 'nomac.p12', ['-nomac']);
    assert.equal(parsePkcs12(der, PASS, INPUT).certificate.subject, 'CN=leaf');
  });
});

describe('parsePkcs12: errors', () => {
  it('reports a wrong passphrase against the passphrase input, without echoing either', () => {
    const der = exportP12('leaf', 'wrong.p12', []);
    const err = expectInputError(() => parsePkcs12(der, 'not-the-passphrase', INPUT), 'private-key-passphrase', [
      PASS,
      'not-the-passphrase',
    ]);
    assert.match(err.message, /integrity check \(MAC\) fails, so the passphrase is most likely wrong/);
    assert.ok(err.message.includes(`'${INPUT}'`));
  });

  it('reports a wrong passphrase for a file without a MAC', () => {
    const der = exportP12('leaf', 'nomac-wrong.p12', ['-nomac']);
    expectInputError(() => parsePkcs12(der, 'not-the-passphrase', INPUT), 'private-key-passphrase', [PASS]);
  });

  it('says when the file holds no private key', () => {
    ws.openssl('pkcs12', '-export', '-nokeys', '-in', 'leaf.pem', '-passout', `pass:${PASS}`, '-out', 'nokey.p12');
    const err = expectInputError(() => parsePkcs12(readFileSync(ws.path('nokey.p12')), PASS, INPUT), INPUT);
    assert.match(err.message, /no private key/);
  });

  it('ends every truncation in an InputError naming the input', () => {
    const der = exportP12('leaf', 'truncate.p12', ['-certfile', 'chain.pem']);
    const cuts = new Set([0, 1, 2, 3, 4, 10, der.length - 1, der.length - 2, der.length - 40]);
    for (let cut = 0; cut < der.length; cut += Math.ceil(der.length / 60)) cuts.add(cut);
    for (const cut of cuts) {
      let caught: unknown;
      try {
        parsePkcs12(der.subarray(0, cut), PASS, INPUT);
      } catch (err) {
        caught = err;
      }
      assert.ok(caught instanceof InputError, `cut at ${cut}: ${String(caught)}`);
      assert.ok(caught.message.includes(`'${INPUT}'`), `cut at ${cut}: ${caught.message}`);
      assert.ok(!caught.message.includes(PASS));
    }
  });

  it('ends garbage and flipped bytes in an InputError', () => {
    const der = exportP12('leaf', 'flip.p12', []);
    const inputs = [
      Buffer.alloc(0),
      Buffer.from('hello world'),
      Buffer.alloc(64, 0x30),
      Buffer.from([0x30, 0x80, 0x30, 0x80]),
    ];
    for (let i = 0; i < der.length; i += Math.ceil(der.length / 50)) {
      const flipped = Buffer.from(der);
      flipped[i] = flipped[i]! ^ 0xff;
      inputs.push(flipped);
    }
    for (const input of inputs) {
      assert.throws(
        () => parsePkcs12(input, PASS, INPUT),
        (err) => err instanceof InputError && err.message.includes(`'${INPUT}'`),
      );
    }
  });
});

// DER by hand, for files no exporter writes: just enough to lay out a PFX around chosen bags.
function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len =
    n < 0x80
      ? Buffer.from([n])
      : n < 0x100
        ? Buffer.from([0x81, n])
        : n < 0x10000
          ? Buffer.from([0x82, n >> 8, n & 0xff])
          : Buffer.from([0x83, n >> 16, (n >> 8) & 0xff, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const ctx0 = (...parts: Buffer[]) => tlv(0xa0, ...parts);
const octet = (b: Buffer) => tlv(0x04, b);
function int(n: number): Buffer {
  const bytes: number[] = [];
  do {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  } while (n > 0);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(0x02, Buffer.from(bytes));
}
function oidDer(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
}
/** A PFX without a MAC whose one data safe holds `bags`. */
function pfxOf(bags: Buffer[]): Buffer {
  const data = '1.2.840.113549.1.7.1';
  const authSafe = seq(seq(oidDer(data), ctx0(octet(seq(...bags)))));
  return seq(int(3), seq(oidDer(data), ctx0(octet(authSafe))));
}
function shroudedKeyBag(iterations: number): Buffer {
  const pbes2 = seq(
    oidDer('1.2.840.113549.1.5.13'),
    seq(
      seq(oidDer('1.2.840.113549.1.5.12'), seq(octet(randomBytes(16)), int(iterations))),
      seq(oidDer('2.16.840.1.101.3.4.1.42'), octet(randomBytes(16))),
    ),
  );
  return seq(oidDer('1.2.840.113549.1.12.10.1.2'), ctx0(seq(pbes2, octet(randomBytes(64)))));
}

describe('parsePkcs12: bounded work on a hostile file', () => {
  it('refuses a file whose key derivations add up past the budget, before running any of them', () => {
    // Each bag alone is within the per-operation bound; three together are 24 million hash iterations.
    const der = pfxOf([shroudedKeyBag(4_000_000), shroudedKeyBag(4_000_000), shroudedKeyBag(4_000_000)]);
    const started = Date.now();
    const err = expectInputError(() => parsePkcs12(der, PASS, INPUT), INPUT, [PASS]);
    assert.match(
      err.message,
      /more key-derivation work than any real export \(over 10,000,000 iterations in total\).*action-timeout-s/,
    );
    assert.ok(Date.now() - started < 1000, `refused in ${Date.now() - started} ms, before deriving anything`);
  });

  it('refuses a file with more bags than any real export', () => {
    const cert = new X509Certificate(ws.read('leaf.pem')).raw;
    const certBag = seq(
      oidDer('1.2.840.113549.1.12.10.1.3'),
      ctx0(seq(oidDer('1.2.840.113549.1.9.22.1'), ctx0(octet(cert)))),
    );
    const err = expectInputError(
      () => parsePkcs12(pfxOf(Array.from({ length: 300 }, () => certBag)), PASS, INPUT),
      INPUT,
    );
    assert.match(err.message, /holds more bags .* than any real export/);
  });

  it('counts the MAC and every encrypted part against one budget', () => {
    // openssl's default: 2048 iterations for the MAC, the certificates and the key, 6144 in all.
    const der = exportP12('leaf', 'budget.p12', ['-certfile', 'chain.pem']);
    expectInputError(() => parsePkcs12(der, PASS, INPUT, undefined, { maxTotalIterations: 5000 }), INPUT);
    assert.ok(parsePkcs12(der, PASS, INPUT, undefined, { maxTotalIterations: 7000 }).key);
    assert.equal(MAX_TOTAL_ITERATIONS, 10_000_000);
  });
});
