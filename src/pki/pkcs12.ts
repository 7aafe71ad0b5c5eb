/**
 * PKCS#12 (.p12/.pfx) files, which Node cannot read: PFX → AuthenticatedSafe → SafeContents → key and certificate
 * bags. Pure. Every failure, including truncated or random bytes, ends in an InputError naming the input.
 */
import { createPrivateKey, createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { DerError, children, explicit, octets, oid, parseDer, sequence, TAG, type DerNode } from './der.js';
import {
  DecryptFailed,
  UnsupportedAlgorithm,
  decrypt,
  decryptionWork,
  macWork,
  pkcs12Passwords,
  verifyMac,
  type Pkcs12Password,
} from './pkcs12-pbe.js';
import {
  PKCS12_EXPORT_AGAIN,
  PKCS12_LEGACY_CIPHER,
  PKCS12_TOO_MANY_BAGS,
  PKCS12_TOO_MUCH_WORK,
  PKCS12_UNREADABLE,
  PKCS12_WITHOUT_KEY,
} from './advice.js';

export interface Pkcs12Contents {
  /** The certificate whose public key matches `key`. */
  certificate: X509Certificate;
  key: KeyObject;
  /** The other certificates, ordered from the leaf's issuer upward where they link, then the rest as found. */
  chain: X509Certificate[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  envelopedData: '1.2.840.113549.1.7.3',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
};

// Nested safeContents bags deeper than this are not a real file.
const MAX_BAG_DEPTH = 8;
/** A key, its certificate and a chain are a handful of bags; thousands are a file built to stall us. */
const MAX_BAGS = 256;
/**
 * Key-derivation hash iterations a whole file may ask for (exports use 2,048 to 600,000 per operation). Bounds the
 * time a file can hold the step, which must end within action-timeout-s, to seconds.
 */
export const MAX_TOTAL_ITERATIONS = 10_000_000;

export interface Pkcs12Limits {
  maxBags?: number;
  maxTotalIterations?: number;
}

/** Decodes a PKCS#12 file: its private key, the certificate for that key, and the other certificates. */
export function parsePkcs12(
  der: Buffer,
  passphrase: string,
  input: string,
  passphraseInput = 'private-key-passphrase',
  limits: Pkcs12Limits = {},
): Pkcs12Contents {
  const ctx: Context = {
    input,
    passphraseInput,
    macVerified: false,
    bagsLeft: limits.maxBags ?? MAX_BAGS,
    workLeft: limits.maxTotalIterations ?? MAX_TOTAL_ITERATIONS,
    maxWork: limits.maxTotalIterations ?? MAX_TOTAL_ITERATIONS,
  };
  try {
    return readPfx(der, passphrase, ctx);
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (err instanceof UnsupportedAlgorithm) throw unsupported(err.algorithm, input);
    if (err instanceof DecryptFailed) throw decryptFailed(ctx);
    // DerError, and as a last resort anything else the bytes provoked: the file is not what it should be.
    const detail = err instanceof DerError ? `: ${err.message}` : '';
    throw new InputError(input, `is not a readable PKCS#12 file${detail}`, PKCS12_UNREADABLE);
  }
}

interface Context {
  input: string;
  passphraseInput: string;
  macVerified: boolean;
  bagsLeft: number;
  /** Key-derivation iterations still allowed; charged before each derivation runs. */
  workLeft: number;
  maxWork: number;
}

function chargeWork(ctx: Context, iterations: number): void {
  ctx.workLeft -= iterations;
  if (ctx.workLeft < 0) {
    throw new InputError(
      ctx.input,
      `asks for more key-derivation work than any real export (over ${ctx.maxWork.toLocaleString('en-US')} ` +
        'iterations in total), so it is refused rather than left to run past action-timeout-s',
      PKCS12_TOO_MUCH_WORK,
    );
  }
}

function countBag(ctx: Context): void {
  if (--ctx.bagsLeft < 0) {
    throw new InputError(
      ctx.input,
      'holds more bags (keys, certificates and other entries) than any real export',
      PKCS12_TOO_MANY_BAGS,
    );
  }
}

interface Bags {
  keys: KeyObject[];
  certificates: X509Certificate[];
}

function readPfx(der: Buffer, passphrase: string, ctx: Context): Pkcs12Contents {
  const [version, authSafe, macData] = sequence(parseDer(der), 'the PFX');
  if (version?.tag !== TAG.INTEGER) throw new DerError('the PFX has no version number');
  const authSafeBytes = dataContent(authSafe, 'the authenticated safe');

  const candidates = pkcs12Passwords(passphrase);
  let password: Pkcs12Password = candidates[0]!;
  if (macData) {
    chargeWork(ctx, macWork(macData) * candidates.length);
    const match = candidates.find((candidate) => verifyMac(macData, authSafeBytes, candidate));
    if (!match) throw wrongPassphrase(ctx, "the file's integrity check (MAC) fails");
    password = match;
    ctx.macVerified = true;
  }

  const bags: Bags = { keys: [], certificates: [] };
  const infos = children(expectSequence(parseDer(authSafeBytes), 'the authenticated safe'));
  // The whole file's declared work is refused up front where it is visible, before any of it runs.
  for (const info of infos) {
    countBag(ctx);
    const [type, content] = sequence(info, 'a content info');
    if (oid(type, 'a content type') === OID.encryptedData)
      chargeWork(ctx, decryptionWork(encryptionAlgorithm(explicit(content, 0, 'the encrypted data'))));
  }
  for (const info of infos) {
    const [type, content] = sequence(info, 'a content info');
    const typeId = oid(type, 'a content type');
    if (typeId === OID.data) {
      readSafeContents(octets(explicit(content, 0, 'the data content'), 'the data content'), password, bags, ctx, 0);
    } else if (typeId === OID.encryptedData) {
      readSafeContents(
        decryptEncryptedData(explicit(content, 0, 'the encrypted data'), password),
        password,
        bags,
        ctx,
        0,
      );
    } else if (typeId === OID.envelopedData) {
      throw new UnsupportedAlgorithm('public-key encryption (envelopedData)');
    }
  }
  return pickLeaf(bags, ctx);
}

function readSafeContents(der: Buffer, password: Pkcs12Password, bags: Bags, ctx: Context, depth: number): void {
  if (depth > MAX_BAG_DEPTH) throw new DerError('safe contents are nested too deeply');
  const safe = sequence(parseDer(der), 'the safe contents');
  for (const bag of safe) {
    countBag(ctx);
    const [bagId, bagValue] = sequence(bag, 'a safe bag');
    if (oid(bagId, 'a bag type') === OID.shroudedKeyBag)
      chargeWork(ctx, decryptionWork(sequence(explicit(bagValue, 0, 'a bag value'), 'an encrypted private key')[0]));
  }
  for (const bag of safe) {
    const [bagId, bagValue] = sequence(bag, 'a safe bag');
    const id = oid(bagId, 'a bag type');
    const value = () => explicit(bagValue, 0, 'a bag value');
    if (id === OID.keyBag) {
      bags.keys.push(privateKeyFromPkcs8(value().raw, ctx, false));
    } else if (id === OID.shroudedKeyBag) {
      const [algorithm, encrypted] = sequence(value(), 'an encrypted private key');
      const plain = decrypt(algorithm, octets(encrypted, 'an encrypted private key'), password);
      bags.keys.push(privateKeyFromPkcs8(plain, ctx, true));
    } else if (id === OID.certBag) {
      const [certType, certValue] = sequence(value(), 'a certificate bag');
      // SDSI certificates exist on paper only; skipping them leaves the X.509 ones.
      if (oid(certType, 'a certificate type') !== OID.x509Certificate) continue;
      bags.certificates.push(certificateFromDer(octets(explicit(certValue, 0, 'a certificate'), 'a certificate'), ctx));
    } else if (id === OID.safeContentsBag) {
      readSafeContents(value().raw, password, bags, ctx, depth + 1);
    }
    // CRL and secret bags carry nothing this tool needs.
  }
}

function encryptionAlgorithm(node: DerNode): DerNode | undefined {
  const [, encryptedContentInfo] = sequence(node, 'the encrypted data');
  return sequence(encryptedContentInfo, 'the encrypted content info')[1];
}

function decryptEncryptedData(node: DerNode, password: Pkcs12Password): Buffer {
  const [, encryptedContentInfo] = sequence(node, 'the encrypted data');
  const [, algorithm, encrypted] = sequence(encryptedContentInfo, 'the encrypted content info');
  // encryptedContent is [0] IMPLICIT OCTET STRING: tag 0x80, or 0xa0 when BER splits it into segments.
  return decrypt(algorithm, octets(encrypted, 'the encrypted content', 0x80), password);
}

function privateKeyFromPkcs8(der: Buffer, ctx: Context, wasEncrypted: boolean): KeyObject {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    // Without a MAC, a wrong password can decrypt to valid padding but garbage: blame the password first.
    if (wasEncrypted && !ctx.macVerified) throw wrongPassphrase(ctx, 'its private key does not decrypt');
    throw new InputError(
      ctx.input,
      'holds a private key that is not readable (or of a type this tool cannot read)',
      'Export it again with: openssl pkcs12 -export -inkey key.pem -in cert.pem',
    );
  }
}

function certificateFromDer(der: Buffer, ctx: Context): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new InputError(ctx.input, 'holds a certificate that is not readable', PKCS12_EXPORT_AGAIN);
  }
}

function pickLeaf({ keys, certificates }: Bags, ctx: Context): Pkcs12Contents {
  const fix = PKCS12_WITHOUT_KEY;
  if (keys.length === 0) throw new InputError(ctx.input, 'holds no private key', fix);
  if (keys.length > 1)
    throw new InputError(ctx.input, `holds ${keys.length} private keys`, 'Export a file with only the key you need');
  const key = keys[0]!;
  const spki = spkiOf(key);
  const leaf = certificates.find((c) => spkiOf(c.publicKey).equals(spki));
  if (!leaf) {
    throw new InputError(
      ctx.input,
      certificates.length === 0
        ? 'holds no certificate'
        : `holds ${certificates.length} certificate(s), none for its private key`,
      fix,
    );
  }
  return {
    certificate: leaf,
    key,
    chain: orderChain(
      leaf,
      certificates.filter((c) => c !== leaf),
    ),
  };
}

// Files list certificates in any order; walking issuers from the leaf gives the order the chain check expects.
function orderChain(leaf: X509Certificate, others: X509Certificate[]): X509Certificate[] {
  const remaining = [...others];
  const ordered: X509Certificate[] = [];
  let current = leaf;
  for (;;) {
    const at = remaining.findIndex((c) => current.checkIssued(c) && current.verify(c.publicKey));
    if (at < 0) break;
    current = remaining.splice(at, 1)[0]!;
    ordered.push(current);
  }
  return [...ordered, ...remaining];
}

function dataContent(info: DerNode | undefined, what: string): Buffer {
  const [type, content] = sequence(info, what);
  const typeId = oid(type, `${what} type`);
  if (typeId !== OID.data) throw new UnsupportedAlgorithm(`${what} of type ${typeId} (public-key integrity mode)`);
  return octets(explicit(content, 0, what), what);
}

function expectSequence(node: DerNode, what: string): DerNode {
  if (node.tag !== TAG.SEQUENCE) throw new DerError(`${what} is not a sequence`);
  return node;
}

function spkiOf(key: KeyObject): Buffer {
  // createPublicKey accepts a private KeyObject but refuses a public one.
  return (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
}

function wrongPassphrase(ctx: Context, why: string): InputError {
  return new InputError(
    ctx.passphraseInput,
    `does not open the PKCS#12 file in '${ctx.input}': ${why}, so the passphrase is most likely wrong`,
    `Set '${ctx.passphraseInput}' to the password the .p12 was exported with`,
  );
}

function decryptFailed(ctx: Context): InputError {
  if (!ctx.macVerified) return wrongPassphrase(ctx, 'its contents do not decrypt');
  return new InputError(
    ctx.input,
    'has contents that do not decrypt although the passphrase is right (damaged file?)',
    PKCS12_EXPORT_AGAIN,
  );
}

const LEGACY_CIPHER_GONE = "a legacy cipher this runtime's OpenSSL no longer provides";

function unsupported(algorithm: string, input: string): InputError {
  const rc2 = /RC2|RC4/i.test(algorithm);
  return new InputError(
    input,
    `is protected with ${algorithm}, ${rc2 ? LEGACY_CIPHER_GONE : 'which this tool cannot decrypt'}`,
    PKCS12_LEGACY_CIPHER,
  );
}
