/** Private keys from PEM: PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 and legacy OpenSSL-encrypted PEM. Pure. */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { formatPem, parsePemBlocks, type PemBlock } from './pem.js';
import { PUBLIC_KEY_NOT_PRIVATE } from './advice.js';

export interface KeyInputs {
  /** The input that holds the key, e.g. `private-key`. */
  key: string;
  /** The input that holds its passphrase, e.g. `private-key-passphrase`. */
  passphrase: string;
}

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);

/** The one private key in `text` (a certificate or EC PARAMETERS block beside it is ignored). RSA and EC only. */
export function loadPrivateKey(text: string, passphrase: string | undefined, inputs: KeyInputs): KeyObject {
  const block = privateKeyBlock(parsePemBlocks(text, inputs.key), inputs.key);
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/.test(block.headers['Proc-Type'] ?? '');
  if (encrypted && !passphrase) {
    throw new InputError(
      inputs.passphrase,
      `is not set, but the key in '${inputs.key}' is encrypted`,
      `Set '${inputs.passphrase}' to the key's passphrase (from a secret), or store the key unencrypted`,
    );
  }
  let key: KeyObject;
  try {
    // Re-armouring lets OpenSSL see one clean block, with the Proc-Type/DEK-Info headers legacy keys need.
    key = createPrivateKey({ key: formatPem(block), format: 'pem', passphrase: encrypted ? passphrase : undefined });
  } catch (err) {
    throw decodeError(err, block, encrypted, inputs);
  }
  return requireSupportedType(key, inputs.key);
}

function privateKeyBlock(blocks: PemBlock[], input: string): PemBlock {
  const keys = blocks.filter((b) => KEY_LABELS.has(b.label));
  if (keys.length === 1) return keys[0]!;
  if (keys.length > 1) {
    throw new InputError(
      input,
      `holds ${keys.length} private keys`,
      'Keep only the key that belongs to the certificate',
    );
  }
  const labels = blocks.map((b) => b.label);
  if (labels.includes('OPENSSH PRIVATE KEY')) {
    throw new InputError(
      input,
      'holds an OpenSSH-format key, which cannot sign X.509 requests',
      'Use the PEM key that belongs to your X.509 certificate (-----BEGIN PRIVATE KEY-----)',
    );
  }
  const dsa = labels.find((l) => l === 'DSA PRIVATE KEY');
  if (dsa) throw unsupportedType('dsa', input);
  if (labels.some((l) => l.endsWith('PUBLIC KEY'))) {
    throw new InputError(input, 'holds a public key, not a private key', PUBLIC_KEY_NOT_PRIVATE);
  }
  if (labels.some((l) => l.includes('CERTIFICATE'))) {
    throw new InputError(
      input,
      'holds a certificate, not a private key',
      `Put the certificate in 'certificate' and the private key (-----BEGIN PRIVATE KEY-----) in '${input}'`,
    );
  }
  throw new InputError(
    input,
    `holds no private key (found PEM block(s) ${labels.map((l) => `'${l}'`).join(', ')})`,
    'Paste the private key, starting with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)',
  );
}

// OpenSSL's message names the routine and reason only, never key bytes, but a code is all the user needs.
function decodeError(err: unknown, block: PemBlock, encrypted: boolean, inputs: KeyInputs): InputError {
  const code = (err as { code?: unknown }).code;
  if (encrypted) {
    return new InputError(
      inputs.passphrase,
      `did not decrypt the key in '${inputs.key}' (wrong passphrase, or the key is damaged)`,
      `Check that '${inputs.passphrase}' holds this key's passphrase (test it with: openssl pkey -in key.pem -noout)`,
    );
  }
  // OpenSSL 3 reports a damaged body and an unknown key type alike ("unsupported"), so the message covers both.
  return new InputError(
    inputs.key,
    `holds a '${block.label}' block that is not a readable key: damaged, or of a type this tool cannot read` +
      (typeof code === 'string' ? ` (${code})` : ''),
    'Paste the key exactly as the file holds it; check it with: openssl pkey -in key.pem -noout',
  );
}

const supportedFix = 'Use an RSA key (2048 bits or more) or an EC key on P-256 or P-384';

function unsupportedType(type: string, input: string): InputError {
  return new InputError(
    input,
    `holds a ${type.toUpperCase()} key, which AWS X.509 signing does not accept`,
    supportedFix,
  );
}

// RSA-PSS keys are excluded too: SigV4-X509 signs with RSA PKCS#1 v1.5, which a PSS-restricted key refuses.
function requireSupportedType(key: KeyObject, input: string): KeyObject {
  const type = key.asymmetricKeyType ?? 'unknown';
  if (type !== 'rsa' && type !== 'ec') throw unsupportedType(type, input);
  return key;
}
