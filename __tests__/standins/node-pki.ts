/**
 * A throw-away PKI in pure Node, for peers that must start without the openssl binary: node:crypto makes the keys and
 * signs, and a small DER encoder below writes the X.509 v3 certificates (RFC 5280) around them.
 *
 *   const ca = createCa('Demo CA');
 *   const server = issueCertificate(ca, { commonName: 'api', serverNames: ['localhost'], ipAddresses: ['127.0.0.1'], serverAuth: true });
 *   const client = issueCertificate(ca, { commonName: 'runner', clientAuth: true });
 */
import { createHash, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

export type NodePkiKeyType = 'ec-p256' | 'rsa2048';

export interface IssuedCertificate {
  certPem: string;
  /** PKCS#8 PEM. */
  keyPem: string;
  cert: X509Certificate;
  key: KeyObject;
}

export interface CertificateAuthority extends IssuedCertificate {
  publicKey: KeyObject;
  /** The subject Name as DER, reused verbatim as the issuer of what it signs (chains match on bytes). */
  nameDer: Buffer;
  keyId: Buffer;
}

export interface CaOptions {
  organization?: string;
  keyType?: NodePkiKeyType;
  notBefore?: Date;
  notAfter?: Date;
}

export interface LeafOptions {
  commonName: string;
  organization?: string;
  /** DNS names for subjectAltName. */
  serverNames?: string[];
  /** IPv4 or IPv6 addresses for subjectAltName. */
  ipAddresses?: string[];
  clientAuth?: boolean;
  serverAuth?: boolean;
  keyType?: NodePkiKeyType;
  notBefore?: Date;
  notAfter?: Date;
}

const HOUR_MS = 3600_000;

/** A self-signed root CA (basicConstraints CA:TRUE, keyCertSign + cRLSign), valid from an hour ago for a day. */
export function createCa(commonName: string, options: CaOptions = {}): CertificateAuthority {
  const { publicKey, privateKey } = newKeyPair(options.keyType ?? 'ec-p256');
  const nameDer = name(commonName, options.organization);
  const keyId = keyIdentifier(publicKey);
  const issued = build({
    subject: nameDer,
    issuer: nameDer,
    subjectKey: publicKey,
    signingKey: privateKey,
    notBefore: options.notBefore ?? new Date(Date.now() - HOUR_MS),
    notAfter: options.notAfter ?? new Date(Date.now() + 24 * HOUR_MS),
    extensions: [
      extension(OID.basicConstraints, true, seq(der(0x01, Buffer.from([0xff])))),
      extension(OID.keyUsage, true, keyUsage([5, 6])),
      extension(OID.subjectKeyIdentifier, false, der(0x04, keyId)),
    ],
  });
  return { ...issued, key: privateKey, keyPem: pkcs8(privateKey), publicKey, nameDer, keyId };
}

/** An end-entity certificate signed by `ca`, with a fresh key. */
export function issueCertificate(ca: CertificateAuthority, options: LeafOptions): IssuedCertificate {
  const keyType = options.keyType ?? 'ec-p256';
  const { publicKey, privateKey } = newKeyPair(keyType);
  const purposes = [...(options.serverAuth ? [OID.serverAuth] : []), ...(options.clientAuth ? [OID.clientAuth] : [])];
  const altNames = [
    ...(options.serverNames ?? []).map((dns) => der(0x82, Buffer.from(dns, 'ascii'))),
    ...(options.ipAddresses ?? []).map((ip) => der(0x87, ipBytes(ip))),
  ];
  const extensions = [
    extension(OID.basicConstraints, true, seq()),
    // RSA keys may also be used for RSA key exchange (TLS 1.2), which needs keyEncipherment.
    extension(OID.keyUsage, true, keyUsage(keyType === 'rsa2048' ? [0, 2] : [0])),
    ...(purposes.length ? [extension(OID.extKeyUsage, false, seq(...purposes.map(oid)))] : []),
    ...(altNames.length ? [extension(OID.subjectAltName, false, seq(...altNames))] : []),
    extension(OID.subjectKeyIdentifier, false, der(0x04, keyIdentifier(publicKey))),
    extension(OID.authorityKeyIdentifier, false, seq(der(0x80, ca.keyId))),
  ];
  const issued = build({
    subject: name(options.commonName, options.organization),
    issuer: ca.nameDer,
    subjectKey: publicKey,
    signingKey: ca.key,
    notBefore: options.notBefore ?? new Date(Date.now() - HOUR_MS),
    notAfter: options.notAfter ?? new Date(Date.now() + 24 * HOUR_MS),
    extensions,
  });
  return { ...issued, key: privateKey, keyPem: pkcs8(privateKey) };
}

interface Draft {
  subject: Buffer;
  issuer: Buffer;
  subjectKey: KeyObject;
  signingKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function build(draft: Draft): { certPem: string; cert: X509Certificate } {
  const algorithm = draft.signingKey.asymmetricKeyType === 'rsa' ? seq(oid(OID.sha256WithRSA), der(0x05, Buffer.alloc(0))) : seq(oid(OID.ecdsaWithSha256));
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))), // [0] EXPLICIT version: v3
    integer(serialNumber()),
    algorithm,
    draft.issuer,
    seq(time(draft.notBefore), time(draft.notAfter)),
    draft.subject,
    draft.subjectKey.export({ type: 'spki', format: 'der' }),
    der(0xa3, seq(...draft.extensions)), // [3] EXPLICIT extensions
  );
  // ECDSA signatures come out DER-encoded (Ecdsa-Sig-Value), RSA ones as PKCS#1 v1.5: both as X.509 wants them.
  const signature = sign('sha256', tbs, draft.signingKey);
  const certDer = seq(tbs, algorithm, bitString(signature));
  const certPem = `-----BEGIN CERTIFICATE-----\n${certDer.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
  return { certPem, cert: new X509Certificate(certDer) };
}

function newKeyPair(keyType: NodePkiKeyType): { publicKey: KeyObject; privateKey: KeyObject } {
  return keyType === 'rsa2048' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
}

function pkcs8(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}

// RFC 5280 leaves the method open; a hash of the whole SubjectPublicKeyInfo is unique per key, which is all it needs.
function keyIdentifier(publicKey: KeyObject): Buffer {
  return createHash('sha1').update(publicKey.export({ type: 'spki', format: 'der' })).digest();
}

// 16 random bytes, positive and without a leading zero byte, so the INTEGER is exactly 16 bytes.
function serialNumber(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40;
  return serial;
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
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(digits.slice(2), 'ascii')) : der(0x18, Buffer.from(digits, 'ascii'));
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
  if (!isIPv6(ip) || ip.includes('.')) throw new Error(`node-pki: '${ip}' is not an IPv4 or plain IPv6 address`);
  const [head = '', tail = ''] = ip.split('::');
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const before = groups(head);
  const after = ip.includes('::') ? groups(tail) : [];
  const all = [...before, ...Array<number>(8 - before.length - after.length).fill(0), ...after];
  return Buffer.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}
