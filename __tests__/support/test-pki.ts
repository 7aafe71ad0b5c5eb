/**
 * A throwaway PKI for tests: root CAs, intermediates and leaves with a chosen key type, validity window and serial,
 * written as PEM files into a temp directory. Keys come from node:crypto; certificates from the openssl CLI
 * (`openssl ca`, the one command in OpenSSL 3.0 that takes explicit start/end dates and any serial).
 *
 *   const pki = await createTestPki();
 *   const root = await pki.createRoot({ commonName: 'Test Root' });
 *   const intermediate = await pki.issueIntermediate(root, { commonName: 'Test Intermediate' });
 *   const leaf = await pki.issueLeaf(intermediate, { commonName: 'job', keyType: 'rsa2048', serialHex: '80' + '11'.repeat(19) });
 *   ...; await pki.remove();
 *
 * Reuse keys across certificates (`keyPem`) to keep tests fast: RSA generation is the slow part.
 */
import { execFile } from 'node:child_process';
import { createPrivateKey, generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TestKeyType = 'rsa2048' | 'ec-p256' | 'ec-p384';

export interface TestCertificate {
  commonName: string;
  certPem: string;
  certPath: string;
  certDer: Buffer;
  x509: X509Certificate;
  keyPem: string;
  keyPath: string;
  key: KeyObject;
  /** As node reports it: upper-case hex, no DER sign byte. */
  serialHex: string;
}

export interface CertificateOptions {
  commonName: string;
  /** Default `ec-p256`. Ignored when `keyPem` is given. */
  keyType?: TestKeyType;
  /** Reuse an existing private key (PKCS#8 PEM) instead of generating one. */
  keyPem?: string;
  /** Hex serial; a leading byte of 80..FF makes a high-bit serial, 20 bytes is the RFC 5280 maximum. Default: random 16 bytes. */
  serialHex?: string;
  /** Default: one hour ago. */
  notBefore?: Date;
  /** Default: one day from now. */
  notAfter?: Date;
  /** openssl syntax, e.g. `DNS:localhost`, `IP:127.0.0.1`. */
  subjectAltNames?: string[];
}

export interface TestPki {
  dir: string;
  /** A self-signed CA certificate. */
  createRoot(options: CertificateOptions): Promise<TestCertificate>;
  /** A CA certificate (pathlen 0) issued by `issuer`. */
  issueIntermediate(issuer: TestCertificate, options: CertificateOptions): Promise<TestCertificate>;
  /** An end-entity certificate for client and server authentication, issued by `issuer`. */
  issueLeaf(issuer: TestCertificate, options: CertificateOptions): Promise<TestCertificate>;
  remove(): Promise<void>;
}

/** A new private key as PKCS#8 PEM. */
export async function generateTestKey(type: TestKeyType): Promise<string> {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, _publicKey: string, privateKey: string) => (err ? reject(err) : resolve(privateKey));
    if (type === 'rsa2048') generateKeyPair('rsa', { modulusLength: 2048, ...encoding }, done);
    else generateKeyPair('ec', { namedCurve: type === 'ec-p256' ? 'P-256' : 'P-384', ...encoding }, done);
  });
}

/** Creates the temp directory the certificates are written to. */
export async function createTestPki(): Promise<TestPki> {
  const dir = await mkdtemp(join(tmpdir(), 'test-pki-'));
  let counter = 0;

  async function make(kind: 'root' | 'intermediate' | 'leaf', issuer: TestCertificate | undefined, o: CertificateOptions) {
    if (!/^[\w .@-]+$/.test(o.commonName)) throw new Error(`test-pki: commonName ${JSON.stringify(o.commonName)} has characters -subj cannot take`);
    const stem = `${String(++counter).padStart(2, '0')}-${kind}-${o.commonName.replace(/[^\w.-]/g, '_')}`;
    const work = join(dir, `${stem}.work`);
    await mkdir(work);
    const keyPem = o.keyPem ?? (await generateTestKey(o.keyType ?? 'ec-p256'));
    const keyPath = join(dir, `${stem}.key`);
    const certPath = join(dir, `${stem}.pem`);
    await writeFile(keyPath, keyPem, { mode: 0o600 });
    await writeFile(join(work, 'index.txt'), '');
    await writeFile(join(work, 'serial'), `${evenHex(o.serialHex ?? randomSerialHex())}\n`);
    await writeFile(join(work, 'ca.cnf'), opensslConfig(work, kind, o.subjectAltNames ?? [], createPrivateKey(keyPem).asymmetricKeyType === 'rsa'));
    const csrPath = join(work, 'request.csr');
    await run('openssl', ['req', '-new', '-config', join(work, 'ca.cnf'), '-key', keyPath, '-subj', `/CN=${o.commonName}`, '-out', csrPath]);
    const notBefore = o.notBefore ?? new Date(Date.now() - 3600_000);
    const notAfter = o.notAfter ?? new Date(Date.now() + 86400_000);
    const signer = issuer ? ['-cert', issuer.certPath, '-keyfile', issuer.keyPath] : ['-selfsign', '-keyfile', keyPath];
    await run('openssl', [
      'ca', '-batch', '-notext', '-preserveDN', '-config', join(work, 'ca.cnf'), ...signer, '-in', csrPath, '-out', certPath,
      '-startdate', opensslDate(notBefore), '-enddate', opensslDate(notAfter), '-extensions', 'issued',
    ]);
    const x509 = new X509Certificate(await readFile(certPath, 'utf8'));
    const certificate: TestCertificate = {
      commonName: o.commonName,
      certPem: x509.toString(),
      certPath,
      certDer: x509.raw,
      x509,
      keyPem,
      keyPath,
      key: createPrivateKey(keyPem),
      serialHex: x509.serialNumber,
    };
    return certificate;
  }

  return {
    dir,
    createRoot: (o) => make('root', undefined, o),
    issueIntermediate: (issuer, o) => make('intermediate', issuer, o),
    issueLeaf: (issuer, o) => make('leaf', issuer, o),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A random 16-byte serial with the high bit clear and a non-zero first byte. */
export function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

function evenHex(hex: string): string {
  const digits = hex.replace(/:/g, '');
  if (!/^[0-9a-fA-F]+$/.test(digits)) throw new Error(`test-pki: serial ${hex} is not hex`);
  return digits.length % 2 ? `0${digits}` : digits;
}

// openssl ca takes YYYYMMDDHHMMSSZ (GeneralizedTime) for any year.
function opensslDate(d: Date): string {
  return `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function opensslConfig(work: string, kind: 'root' | 'intermediate' | 'leaf', altNames: string[], rsa: boolean): string {
  // subjectKeyIdentifier first: a self-signed root's authorityKeyIdentifier is taken from it.
  const extensions = [
    'subjectKeyIdentifier = hash',
    ...(kind === 'leaf'
      ? [
          'basicConstraints = critical,CA:FALSE',
          `keyUsage = critical,digitalSignature${rsa ? ',keyEncipherment' : ''}`,
          'extendedKeyUsage = clientAuth,serverAuth',
          'authorityKeyIdentifier = keyid',
        ]
      : [
          `basicConstraints = critical,CA:TRUE${kind === 'intermediate' ? ',pathlen:0' : ''}`,
          'keyUsage = critical,keyCertSign,cRLSign,digitalSignature',
          'authorityKeyIdentifier = keyid:always',
        ]),
  ];
  if (altNames.length) extensions.push(`subjectAltName = ${altNames.join(',')}`);
  return [
    '[ca]', 'default_ca = issuing',
    '[issuing]', `database = ${join(work, 'index.txt')}`, `serial = ${join(work, 'serial')}`, `new_certs_dir = ${work}`,
    'default_md = sha256', 'policy = any_name', 'unique_subject = no', 'copy_extensions = none',
    '[any_name]', 'commonName = supplied',
    '[req]', 'distinguished_name = dn', '[dn]',
    '[issued]', ...extensions, '',
  ].join('\n');
}

