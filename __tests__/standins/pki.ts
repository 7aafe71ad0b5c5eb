/**
 * The one throw-away PKI for tests, the demo and the bench, in pure Node (no openssl binary): node:crypto makes the
 * keys and signs, and a small DER encoder below writes X.509 v3 certificates and v2 CRLs (RFC 5280) around them.
 *
 *   const root = createCa('Demo CA');
 *   const issuing = createCa('Issuing CA', { issuer: root });
 *   const server = issueCertificate(issuing, { commonName: 'api', serverNames: ['localhost'], ipAddresses: ['127.0.0.1'], serverAuth: true });
 *   const crl = createCrl(issuing, [server]);
 *
 * Peers that read files (nginx, the action's inputs) take them from a PkiDir: the same certificates, written as PEM.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { isIPv4, isIPv6 } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type KeyType = 'ec-p256' | 'ec-p384' | 'rsa2048';

export interface IssuedCertificate {
  commonName: string;
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  cert: X509Certificate;
  certDer: Buffer;
  key: KeyObject;
  publicKey: KeyObject;
  /** As node reports it: upper-case hex, no DER sign byte. */
  serialHex: string;
  /** The subject Name as DER, reused verbatim as the issuer of what it signs (chains match on bytes). */
  nameDer: Buffer;
  keyId: Buffer;
}

/** A certificate with basicConstraints CA:TRUE; the type says which ones a test means to sign with. */
export type CertificateAuthority = IssuedCertificate;

interface CertificateOptions {
  organization?: string;
  /** Default `ec-p256`. Ignored when `keyPem` is given. */
  keyType?: KeyType;
  /** Reuse a private key (PKCS#8 PEM) instead of generating one: RSA generation is the slow part. */
  keyPem?: string;
  /** A leading byte of 80..FF makes a high-bit serial; 20 bytes is the RFC 5280 maximum. Default: random 16 bytes. */
  serialHex?: string;
  /** Default: one hour ago. */
  notBefore?: Date;
  /** Default: one day from now. */
  notAfter?: Date;
}

export interface CaOptions extends CertificateOptions {
  /** Makes an intermediate (pathlen 0) signed by this CA; a self-signed root when absent. */
  issuer?: CertificateAuthority;
}

export interface LeafOptions extends CertificateOptions {
  commonName: string;
  /** DNS names for subjectAltName. */
  serverNames?: string[];
  /** IPv4 or IPv6 addresses for subjectAltName. */
  ipAddresses?: string[];
  clientAuth?: boolean;
  serverAuth?: boolean;
}

const HOUR_MS = 3600_000;

/** A CA certificate (keyCertSign + cRLSign): self-signed, or an intermediate when `options.issuer` is given. */
export function createCa(commonName: string, options: CaOptions = {}): CertificateAuthority {
  const issuer = options.issuer;
  return build(commonName, options, issuer, [
    extension(
      OID.basicConstraints,
      true,
      issuer ? seq(der(0x01, Buffer.from([0xff])), integer(Buffer.from([0]))) : seq(der(0x01, Buffer.from([0xff]))),
    ),
    extension(OID.keyUsage, true, keyUsage([5, 6])),
  ]);
}

/** An end-entity certificate signed by `ca`. */
export function issueCertificate(ca: CertificateAuthority, options: LeafOptions): IssuedCertificate {
  const purposes = [...(options.serverAuth ? [OID.serverAuth] : []), ...(options.clientAuth ? [OID.clientAuth] : [])];
  const altNames = [
    ...(options.serverNames ?? []).map((dns) => der(0x82, Buffer.from(dns, 'ascii'))),
    ...(options.ipAddresses ?? []).map((ip) => der(0x87, ipBytes(ip))),
  ];
  return build(options.commonName, options, ca, (publicKey) => [
    extension(OID.basicConstraints, true, seq()),
    // RSA keys may also be used for RSA key exchange (TLS 1.2), which needs keyEncipherment.
    extension(OID.keyUsage, true, keyUsage(publicKey.asymmetricKeyType === 'rsa' ? [0, 2] : [0])),
    ...(purposes.length ? [extension(OID.extKeyUsage, false, seq(...purposes.map(oid)))] : []),
    ...(altNames.length ? [extension(OID.subjectAltName, false, seq(...altNames))] : []),
  ]);
}

/** A v2 CRL signed by `ca` that lists `revoked`, current from an hour ago for thirty days. */
export function createCrl(ca: CertificateAuthority, revoked: IssuedCertificate[], now = new Date()): string {
  const thisUpdate = new Date(now.getTime() - HOUR_MS);
  const entries = revoked.map((c) => seq(integer(Buffer.from(evenHex(c.serialHex), 'hex')), time(thisUpdate)));
  const algorithm = signatureAlgorithm(ca.key);
  const tbs = seq(
    integer(Buffer.from([1])), // v2
    algorithm,
    ca.nameDer,
    time(thisUpdate),
    time(new Date(now.getTime() + 30 * 24 * HOUR_MS)),
    ...(entries.length ? [seq(...entries)] : []), // an empty list is left out, not written empty
    der(
      0xa0,
      seq(
        extension(OID.authorityKeyIdentifier, false, seq(der(0x80, ca.keyId))),
        extension(OID.crlNumber, false, integer(Buffer.from([1]))),
      ),
    ),
  );
  return pem('X509 CRL', seq(tbs, algorithm, bitString(sign('sha256', tbs, ca.key))));
}

/** A certificate and its key as PEM files (the key 0600). */
export interface CertificateFiles extends IssuedCertificate {
  certPath: string;
  keyPath: string;
}

export function writeCertificate(dir: string, name: string, issued: IssuedCertificate): CertificateFiles {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  writeFileSync(certPath, issued.certPem);
  writeFileSync(keyPath, issued.keyPem, { mode: 0o600 });
  return { ...issued, certPath, keyPath };
}

/** A temp directory of certificates for peers that read files; leaves serve both client and server authentication. */
export interface PkiDir {
  dir: string;
  createRoot(options: CertificateOptions & { commonName: string }): CertificateFiles;
  issueIntermediate(
    issuer: CertificateAuthority,
    options: CertificateOptions & { commonName: string },
  ): CertificateFiles;
  issueLeaf(issuer: CertificateAuthority, options: LeafOptions): CertificateFiles;
  remove(): void;
}

export function createPkiDir(): PkiDir {
  const dir = mkdtempSync(join(tmpdir(), 'test-pki-'));
  let counter = 0;
  const write = (kind: string, issued: IssuedCertificate) =>
    writeCertificate(
      dir,
      `${String(++counter).padStart(2, '0')}-${kind}-${issued.commonName.replace(/[^\w.-]/g, '_')}`,
      issued,
    );
  return {
    dir,
    createRoot: ({ commonName, ...options }) => write('root', createCa(commonName, options)),
    issueIntermediate: (issuer, { commonName, ...options }) =>
      write('intermediate', createCa(commonName, { ...options, issuer })),
    issueLeaf: (issuer, options) =>
      write('leaf', issueCertificate(issuer, { clientAuth: true, serverAuth: true, ...options })),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function build(
  commonName: string,
  options: CertificateOptions,
  issuer: CertificateAuthority | undefined,
  extensions: Buffer[] | ((publicKey: KeyObject) => Buffer[]),
): IssuedCertificate {
  const { publicKey, privateKey } = keyPair(options);
  const nameDer = name(commonName, options.organization);
  const keyId = keyIdentifier(publicKey);
  const signingKey = issuer?.key ?? privateKey;
  const algorithm = signatureAlgorithm(signingKey);
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))), // [0] EXPLICIT version: v3
    integer(options.serialHex ? Buffer.from(evenHex(options.serialHex), 'hex') : randomSerial()),
    algorithm,
    issuer?.nameDer ?? nameDer,
    seq(
      time(options.notBefore ?? new Date(Date.now() - HOUR_MS)),
      time(options.notAfter ?? new Date(Date.now() + 24 * HOUR_MS)),
    ),
    nameDer,
    publicKey.export({ type: 'spki', format: 'der' }),
    der(
      0xa3,
      seq(
        // [3] EXPLICIT extensions
        ...(typeof extensions === 'function' ? extensions(publicKey) : extensions),
        extension(OID.subjectKeyIdentifier, false, der(0x04, keyId)),
        ...(issuer ? [extension(OID.authorityKeyIdentifier, false, seq(der(0x80, issuer.keyId)))] : []),
      ),
    ),
  );
  // ECDSA signatures come out DER-encoded (Ecdsa-Sig-Value), RSA ones as PKCS#1 v1.5: both as X.509 wants them.
  const certDer = seq(tbs, algorithm, bitString(sign('sha256', tbs, signingKey)));
  const cert = new X509Certificate(certDer);
  return {
    commonName,
    certPem: pem('CERTIFICATE', certDer),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    cert,
    certDer,
    key: privateKey,
    publicKey,
    serialHex: cert.serialNumber,
    nameDer,
    keyId,
  };
}

function keyPair(options: CertificateOptions): { publicKey: KeyObject; privateKey: KeyObject } {
  if (options.keyPem) {
    const privateKey = createPrivateKey(options.keyPem);
    return { privateKey, publicKey: createPublicKey(privateKey) };
  }
  const type = options.keyType ?? 'ec-p256';
  if (type === 'rsa2048') return generateKeyPairSync('rsa', { modulusLength: 2048 });
  return generateKeyPairSync('ec', { namedCurve: type === 'ec-p384' ? 'P-384' : 'P-256' });
}

function signatureAlgorithm(key: KeyObject): Buffer {
  return key.asymmetricKeyType === 'rsa'
    ? seq(oid(OID.sha256WithRSA), der(0x05, Buffer.alloc(0)))
    : seq(oid(OID.ecdsaWithSha256));
}

function pem(label: string, body: Buffer): string {
  return `-----BEGIN ${label}-----\n${body.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

// RFC 5280 leaves the method open; a hash of the whole SubjectPublicKeyInfo is unique per key, which is all it needs.
function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest();
}

// 16 random bytes, positive and without a leading zero byte, so the INTEGER is exactly 16 bytes.
function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
}

function evenHex(hex: string): string {
  const digits = hex.replace(/:/g, '');
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Error(`pki: serial ${hex} is not hex`);
  return digits.length % 2 ? `0${digits}` : digits;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlNumber: '2.5.29.20',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

// ---- DER encoding (X.690): tag, length, content ----

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : lengthBytes(n);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function lengthBytes(n: number): Buffer {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function seq(...items: Buffer[]): Buffer {
  return der(0x30, Buffer.concat(items));
}

/** A non-negative INTEGER from big-endian magnitude bytes (a 0x00 is prepended when the top bit is set). */
function integer(magnitude: Buffer): Buffer {
  return der(0x02, magnitude[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), magnitude]) : magnitude);
}

function bitString(bytes: Buffer, unusedBits = 0): Buffer {
  return der(0x03, Buffer.concat([Buffer.from([unusedBits]), bytes]));
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const body = [first * 40 + second, ...rest].flatMap((arc) => {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    return groups;
  });
  return der(0x06, Buffer.from(body));
}

/** UTCTime through 2049, GeneralizedTime from 2050, as RFC 5280 4.1.2.5 requires; second precision, Z. */
function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-11-23T14:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  return date.getUTCFullYear() < 2050
    ? der(0x17, Buffer.from(digits.slice(2), 'ascii'))
    : der(0x18, Buffer.from(digits, 'ascii'));
}

/** Name ::= SEQUENCE OF RDN, each a SET of one attribute: O (if any), then CN; values as UTF8String. */
function name(commonName: string, organization?: string): Buffer {
  const rdn = (type: string, value: string) => der(0x31, seq(oid(type), der(0x0c, Buffer.from(value, 'utf8'))));
  return seq(...(organization ? [rdn(OID.organization, organization)] : []), rdn(OID.commonName, commonName));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  // critical BOOLEAN DEFAULT FALSE: DER omits a default value.
  return seq(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), der(0x04, value));
}

/** keyUsage as a named BIT STRING (bit 0 = digitalSignature, 2 = keyEncipherment, 5 = keyCertSign, 6 = cRLSign). */
function keyUsage(bits: number[]): Buffer {
  const byte = bits.reduce((acc, bit) => acc | (0x80 >> bit), 0);
  const last = Math.max(...bits);
  return bitString(Buffer.from([byte]), 7 - last); // DER drops trailing zero bits
}

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (!isIPv6(ip) || ip.includes('.')) throw new Error(`pki: '${ip}' is not an IPv4 or plain IPv6 address`);
  const [head = '', tail = ''] = ip.split('::');
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const before = groups(head);
  const after = ip.includes('::') ? groups(tail) : [];
  const all = [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
  return Buffer.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}
