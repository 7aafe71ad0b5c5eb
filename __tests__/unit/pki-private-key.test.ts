import assert from 'node:assert/strict';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { loadPrivateKey } from '../../src/pki/private-key.js';
import { expectInputError } from '../support/input-error.js';
import { genKey, selfSigned, workspace, type KeySpec, type Workspace } from '../support/openssl-artefacts.js';

const inputs = { key: 'private-key', passphrase: 'private-key-passphrase' };
const PASS = 'correct horse battery';
const SPECS: KeySpec[] = ['rsa2048', 'rsa3072', 'p256', 'p384'];

let ws: Workspace;
/** Per key spec: each format's PEM text. */
const formats: Record<string, Record<string, string>> = {};

function spki(key: KeyObject): Buffer {
  return createPublicKey(key).export({ type: 'spki', format: 'der' });
}

before(() => {
  ws = workspace();
  for (const spec of SPECS) {
    const pkcs8 = genKey(ws, spec, spec);
    const rsa = spec.startsWith('rsa');
    const tool = rsa ? 'rsa' : 'ec';
    formats[spec] = {
      pkcs8,
      traditional: ws.openssl('pkey', '-in', `${spec}.pem`, '-traditional'),
      encryptedPkcs8: ws.openssl(
        'pkcs8',
        '-topk8',
        '-v2',
        'aes-256-cbc',
        '-in',
        `${spec}.pem`,
        '-passout',
        `pass:${PASS}`,
      ),
      // `openssl ec` writes SEC1 by default; `openssl rsa` needs -traditional for PKCS#1.
      legacyEncrypted: ws.openssl(
        tool,
        '-in',
        `${spec}.pem`,
        '-aes256',
        ...(rsa ? ['-traditional'] : []),
        '-passout',
        `pass:${PASS}`,
      ),
      // What `openssl ecparam -genkey` writes: the curve's parameters block, then the SEC1 key.
      ...(rsa
        ? {}
        : {
            withParameters:
              ws.openssl('ecparam', '-name', spec === 'p256' ? 'prime256v1' : 'secp384r1') +
              ws.openssl('pkey', '-in', `${spec}.pem`, '-traditional'),
          }),
    };
  }
});
after(() => ws.cleanup());

describe('loadPrivateKey: every supported format', () => {
  for (const spec of SPECS) {
    it(`loads ${spec} in each format, to the same key`, () => {
      const want = spki(loadPrivateKey(formats[spec]!.pkcs8!, undefined, inputs));
      for (const [format, text] of Object.entries(formats[spec]!)) {
        const encrypted = format.toLowerCase().includes('encrypted');
        const key = loadPrivateKey(text, encrypted ? PASS : undefined, inputs);
        assert.equal(key.type, 'private', format);
        assert.deepEqual(spki(key), want, `${spec} ${format}`);
      }
    });
  }

  it('has the headers and labels the formats promise', () => {
    assert.match(formats.rsa2048!.traditional!, /BEGIN RSA PRIVATE KEY/);
    assert.match(formats.p256!.traditional!, /BEGIN EC PRIVATE KEY/);
    assert.match(formats.p256!.withParameters!, /BEGIN EC PARAMETERS[\s\S]*BEGIN EC PRIVATE KEY/);
    assert.match(formats.p384!.encryptedPkcs8!, /BEGIN ENCRYPTED PRIVATE KEY/);
    assert.match(formats.rsa3072!.legacyEncrypted!, /Proc-Type: 4,ENCRYPTED/);
  });

  it('reads CRLF, escaped-newline and quoted variants as secrets hold them', () => {
    const want = spki(loadPrivateKey(formats.p256!.pkcs8!, undefined, inputs));
    for (const text of [formats.p256!.legacyEncrypted!, formats.p256!.encryptedPkcs8!]) {
      assert.deepEqual(spki(loadPrivateKey(text.replace(/\n/g, '\r\n'), PASS, inputs)), want);
      assert.deepEqual(spki(loadPrivateKey(`"${text.replace(/\n/g, '\\n')}"`, PASS, inputs)), want);
    }
  });

  it('accepts a passphrase given for an unencrypted key', () => {
    assert.equal(loadPrivateKey(formats.rsa2048!.pkcs8!, 'unused', inputs).asymmetricKeyType, 'rsa');
  });

  it('takes the key from a PEM that also holds its certificate', () => {
    const cert = selfSigned(ws, 'p256', 'p256-cert');
    const key = loadPrivateKey(cert + formats.p256!.traditional!, undefined, inputs);
    assert.equal(key.asymmetricKeyType, 'ec');
  });
});

describe('loadPrivateKey: errors', () => {
  for (const format of ['encryptedPkcs8', 'legacyEncrypted']) {
    it(`asks for the passphrase of a ${format} key`, () => {
      const text = formats.rsa2048![format]!;
      for (const missing of [undefined, '']) {
        const err = expectInputError(() => loadPrivateKey(text, missing, inputs), 'private-key-passphrase', [text]);
        assert.match(err.message, /'private-key' is encrypted/);
      }
    });

    it(`reports a wrong passphrase for a ${format} key without echoing either`, () => {
      const text = formats.p384![format]!;
      const err = expectInputError(() => loadPrivateKey(text, 'wrong-passphrase', inputs), 'private-key-passphrase', [
        text,
        'wrong-passphrase',
        PASS,
      ]);
      assert.match(err.message, /wrong passphrase/);
    });
  }

  it('says so when a certificate is pasted where the key belongs', () => {
    const cert = selfSigned(ws, 'rsa2048', 'rsa-cert');
    const err = expectInputError(() => loadPrivateKey(cert, undefined, inputs), 'private-key', [cert]);
    assert.match(err.message, /holds a certificate, not a private key/);
  });

  it('says so when a public key is pasted instead of the private key', () => {
    const pub = ws.openssl('pkey', '-in', 'p256.pem', '-pubout');
    const err = expectInputError(() => loadPrivateKey(pub, undefined, inputs), 'private-key', [pub]);
    assert.match(err.message, /public key, not a private key/);
    const rsaPub = ws.openssl('rsa', '-in', 'rsa2048.pem', '-RSAPublicKey_out');
    expectInputError(() => loadPrivateKey(rsaPub, undefined, inputs), 'private-key', [rsaPub]);
  });

  it('rejects Ed25519 and DSA keys by name', () => {
    ws.openssl('genpkey', '-algorithm', 'ed25519', '-out', 'ed.pem');
    const ed = ws.read('ed.pem');
    assert.match(
      expectInputError(() => loadPrivateKey(ed, undefined, inputs), 'private-key', [ed]).message,
      /ED25519 key/,
    );
    ws.openssl('genpkey', '-genparam', '-algorithm', 'DSA', '-pkeyopt', 'dsa_paramgen_bits:1024', '-out', 'dsap.pem');
    ws.openssl('genpkey', '-paramfile', 'dsap.pem', '-out', 'dsa.pem');
    const dsa = ws.read('dsa.pem');
    assert.match(
      expectInputError(() => loadPrivateKey(dsa, undefined, inputs), 'private-key', [dsa]).message,
      /DSA key/,
    );
    const dsaTraditional = ws.openssl('pkey', '-in', 'dsa.pem', '-traditional');
    assert.match(
      expectInputError(() => loadPrivateKey(dsaTraditional, undefined, inputs), 'private-key', [dsaTraditional])
        .message,
      /DSA key/,
    );
  });

  it('rejects a damaged key body and two keys at once', () => {
    const text = formats.rsa2048!.traditional!;
    const lines = text.split('\n');
    const damaged = [...lines.slice(0, 3), ...lines.slice(5)].join('\n');
    const err = expectInputError(() => loadPrivateKey(damaged, undefined, inputs), 'private-key', [text]);
    assert.match(err.message, /not a readable key/);
    expectInputError(() => loadPrivateKey(text + formats.p256!.pkcs8!, undefined, inputs), 'private-key', [text]);
  });

  it('rejects an OpenSSH key with a pointer to the PEM key', () => {
    const fake = `-----BEGIN OPENSSH PRIVATE KEY-----\n${Buffer.alloc(48, 7).toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
    assert.match(
      expectInputError(() => loadPrivateKey(fake, undefined, inputs), 'private-key', [fake]).message,
      /OpenSSH/,
    );
  });
});
