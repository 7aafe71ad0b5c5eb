/**
 * Password-based cryptography inside PKCS#12 files: PBES2 (PBKDF2 + AES/3DES), the legacy PKCS#12 PBE schemes with
 * their own key derivation (RFC 7292 appendix B), and the HMAC that guards the whole file. Pure.
 */
import { createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { DerError, boundedInteger, octets, oid, sequence, type DerNode } from './der.js';

/** The password in both encodings PKCS#12 uses: UTF-8 for PBES2, BMPString (UTF-16BE + two zero bytes) for the rest. */
export interface Pkcs12Password {
  utf8: Buffer;
  bmp: Buffer;
}

/** An algorithm this tool does not implement, or one the runtime's OpenSSL has disabled (RC2, RC4). */
export class UnsupportedAlgorithm extends Error {
  override readonly name = 'UnsupportedAlgorithm';
  constructor(readonly algorithm: string) {
    super(`unsupported algorithm ${algorithm}`);
  }
}

/** Decryption produced bad padding: a wrong password, or damaged data. */
export class DecryptFailed extends Error {
  override readonly name = 'DecryptFailed';
}

/** The password encodings to try: an empty password may have been written as "no password" (empty BMP) too. */
export function pkcs12Passwords(passphrase: string): Pkcs12Password[] {
  const utf8 = Buffer.from(passphrase, 'utf8');
  const bmp = Buffer.concat([Buffer.from(passphrase, 'utf16le').swap16(), Buffer.alloc(2)]);
  const passwords = [{ utf8, bmp }];
  if (passphrase === '') passwords.push({ utf8, bmp: Buffer.alloc(0) });
  return passwords;
}

// Iteration counts beyond these are not something a real export uses; refusing them keeps garbage from stalling us.
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_PKCS12_ITERATIONS = 1_000_000;

export interface Digest {
  name: string;
  /** Output length in bytes (u in RFC 7292). */
  size: number;
  /** Block length in bytes (v in RFC 7292). */
  block: number;
}

const DIGESTS: Record<string, Digest> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', size: 28, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};

const HMAC_PRFS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const PBES2_CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

const PKCS12_PBE: Record<string, { name: string; cipher: string; keyLength: number; ivLength: number }> = {
  '1.2.840.113549.1.12.1.3': {
    name: 'pbeWithSHAAnd3-KeyTripleDES-CBC',
    cipher: 'des-ede3-cbc',
    keyLength: 24,
    ivLength: 8,
  },
  '1.2.840.113549.1.12.1.4': {
    name: 'pbeWithSHAAnd2-KeyTripleDES-CBC',
    cipher: 'des-ede-cbc',
    keyLength: 16,
    ivLength: 8,
  },
  '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', cipher: 'rc2-cbc', keyLength: 16, ivLength: 8 },
  '1.2.840.113549.1.12.1.6': { name: 'pbewithSHAAnd40BitRC2-CBC', cipher: 'rc2-40-cbc', keyLength: 5, ivLength: 8 },
};

const NAMED_UNSUPPORTED: Record<string, string> = {
  '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
  '1.2.840.113549.1.5.14': 'PBMAC1',
};

/** Decrypts `data` under an AlgorithmIdentifier (PBES2 or PKCS#12 PBE). */
export function decrypt(algorithm: DerNode | undefined, data: Buffer, password: Pkcs12Password): Buffer {
  const [algOid, params] = sequence(algorithm, 'the encryption algorithm');
  const id = oid(algOid, 'the encryption algorithm');
  if (id === '1.2.840.113549.1.5.13') return decryptPbes2(params, data, password.utf8);
  const pbe = PKCS12_PBE[id];
  if (!pbe) throw new UnsupportedAlgorithm(NAMED_UNSUPPORTED[id] ?? id);
  const [salt, iterations] = sequence(params, 'the PBE parameters');
  const saltBytes = octets(salt, 'the PBE salt');
  const count = boundedInteger(iterations, 'the PBE iteration count', MAX_PKCS12_ITERATIONS);
  const sha1 = DIGESTS['1.3.14.3.2.26']!;
  const key = pkcs12Kdf(sha1, password.bmp, saltBytes, 1, count, pbe.keyLength);
  const iv = pkcs12Kdf(sha1, password.bmp, saltBytes, 2, count, pbe.ivLength);
  return runCipher(pbe.cipher, pbe.name, key, iv, data);
}

/**
 * The hash iterations decrypting under `algorithm` will cost, read from its parameters without running anything;
 * 0 for an algorithm `decrypt` will refuse anyway. Lets a caller refuse a file before it starts the work.
 */
export function decryptionWork(algorithm: DerNode | undefined): number {
  const [algOid, params] = sequence(algorithm, 'the encryption algorithm');
  const id = oid(algOid, 'the encryption algorithm');
  if (id === '1.2.840.113549.1.5.13') {
    const [kdf, scheme] = sequence(params, 'the PBES2 parameters');
    const fields = sequence(sequence(kdf, 'the PBES2 key derivation')[1], 'the PBKDF2 parameters');
    const iterations = boundedInteger(fields[1], 'the PBKDF2 iteration count', MAX_PBKDF2_ITERATIONS);
    const cipher = PBES2_CIPHERS[oid(sequence(scheme, 'the PBES2 cipher')[0], 'the PBES2 cipher')];
    const prfNode = fields.slice(2).find((f) => f.tag === 0x30);
    const prf = prfNode ? HMAC_PRFS[oid(sequence(prfNode, 'the PBKDF2 PRF')[0], 'the PBKDF2 PRF')] : 'sha1';
    const prfSize = Object.values(DIGESTS).find((d) => d.name === prf)?.size ?? 20;
    // PBKDF2 runs the whole count once per output block: SHA-1 (20 bytes) needs two for a 32-byte key.
    return iterations * Math.ceil((cipher?.keyLength ?? 32) / prfSize);
  }
  const pbe = PKCS12_PBE[id];
  if (!pbe) return 0;
  const iterations = boundedInteger(
    sequence(params, 'the PBE parameters')[1],
    'the PBE iteration count',
    MAX_PKCS12_ITERATIONS,
  );
  // One run per 20-byte SHA-1 block of the key, and one for the IV.
  return iterations * (Math.ceil(pbe.keyLength / 20) + 1);
}

/** The hash iterations one MAC check costs. */
export function macWork(macData: DerNode): number {
  const iterations = sequence(macData, 'the MAC data')[2];
  return iterations ? boundedInteger(iterations, 'the MAC iteration count', MAX_PKCS12_ITERATIONS) : 1;
}

/** Checks the file's HMAC over `authSafe`; false means the password is wrong (or the file was altered). */
export function verifyMac(macData: DerNode, authSafe: Buffer, password: Pkcs12Password): boolean {
  const [digestInfo, salt, iterations] = sequence(macData, 'the MAC data');
  const [digestAlg, expected] = sequence(digestInfo, 'the MAC digest');
  const [digestOid] = sequence(digestAlg, 'the MAC algorithm');
  const digestId = oid(digestOid, 'the MAC algorithm');
  const digest = DIGESTS[digestId];
  if (!digest) throw new UnsupportedAlgorithm(NAMED_UNSUPPORTED[digestId] ?? `MAC digest ${digestId}`);
  // RFC 7292 makes the iteration count optional, defaulting to 1.
  const count = iterations ? boundedInteger(iterations, 'the MAC iteration count', MAX_PKCS12_ITERATIONS) : 1;
  const key = pkcs12Kdf(digest, password.bmp, octets(salt, 'the MAC salt'), 3, count, digest.size);
  const actual = createHmac(digest.name, key).update(authSafe).digest();
  const want = octets(expected, 'the MAC value');
  return actual.length === want.length && timingSafeEqual(actual, want);
}

function decryptPbes2(params: DerNode | undefined, data: Buffer, password: Buffer): Buffer {
  const [kdf, scheme] = sequence(params, 'the PBES2 parameters');
  const [kdfOid, kdfParams] = sequence(kdf, 'the PBES2 key derivation');
  const kdfId = oid(kdfOid, 'the PBES2 key derivation');
  if (kdfId !== '1.2.840.113549.1.5.12')
    throw new UnsupportedAlgorithm(kdfId === '1.3.6.1.4.1.11591.4.11' ? 'scrypt' : kdfId);
  const [schemeOid, ivNode] = sequence(scheme, 'the PBES2 cipher');
  const schemeId = oid(schemeOid, 'the PBES2 cipher');
  const cipher = PBES2_CIPHERS[schemeId];
  if (!cipher) throw new UnsupportedAlgorithm(schemeId);

  const fields = sequence(kdfParams, 'the PBKDF2 parameters');
  const salt = octets(fields[0], 'the PBKDF2 salt');
  const iterations = boundedInteger(fields[1], 'the PBKDF2 iteration count', MAX_PBKDF2_ITERATIONS);
  let rest = fields.slice(2);
  let keyLength = cipher.keyLength;
  if (rest[0]?.tag === 0x02) {
    keyLength = boundedInteger(rest[0], 'the PBKDF2 key length', 64);
    rest = rest.slice(1);
  }
  if (keyLength !== cipher.keyLength)
    throw new DerError(`the PBKDF2 key length ${keyLength} does not fit ${cipher.name}`);
  let prf = 'sha1';
  if (rest[0]) {
    const prfId = oid(sequence(rest[0], 'the PBKDF2 PRF')[0], 'the PBKDF2 PRF');
    const named = HMAC_PRFS[prfId];
    if (!named) throw new UnsupportedAlgorithm(`PBKDF2 PRF ${prfId}`);
    prf = named;
  }
  const key = pbkdf2Sync(password, salt, iterations, keyLength, prf);
  return runCipher(cipher.name, cipher.name, key, octets(ivNode, 'the PBES2 IV'), data);
}

function runCipher(cipher: string, displayName: string, key: Buffer, iv: Buffer, data: Buffer): Buffer {
  let decipher;
  try {
    decipher = createDecipheriv(cipher, key, iv);
  } catch {
    // RC2 lives in OpenSSL 3's legacy provider, which Node does not load; a bad IV length lands here too.
    throw new UnsupportedAlgorithm(displayName);
  }
  try {
    return Buffer.concat([decipher.update(data), decipher.final()]);
  } catch {
    throw new DecryptFailed('bad decrypt');
  }
}

/** RFC 7292 appendix B.2: derive `length` bytes of purpose `id` (1 key, 2 IV, 3 MAC key) from a BMP password. */
export function pkcs12Kdf(
  digest: Digest,
  password: Buffer,
  salt: Buffer,
  id: 1 | 2 | 3,
  iterations: number,
  length: number,
): Buffer {
  const v = digest.block;
  const repeatToBlocks = (bytes: Buffer): Buffer => {
    const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
    for (let i = 0; i < out.length; i++) out[i] = bytes[i % bytes.length]!;
    return out;
  };
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([repeatToBlocks(salt), repeatToBlocks(password)]);
  const out: Buffer[] = [];
  for (let produced = 0; produced < length; produced += digest.size) {
    let a = createHash(digest.name).update(diversifier).update(input).digest();
    for (let r = 1; r < iterations; r++) a = createHash(digest.name).update(a).digest();
    out.push(a);
    const b = Buffer.alloc(v);
    for (let i = 0; i < v; i++) b[i] = a[i % a.length]!;
    // Each v-byte block of the input becomes (block + b + 1) mod 2^(8v).
    for (let start = 0; start < input.length; start += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[start + k]! + b[k]! + carry;
        input[start + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(out).subarray(0, length);
}
