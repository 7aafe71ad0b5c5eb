/**
 * Test PKI for the IoT credentials-provider stand-in, generated with the openssl CLI at test time.
 * Nothing here is committed: every key is created in a temp dir and removed by the caller.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The host a real account's credentials endpoint looks like; tests reach it on 127.0.0.1 with this SNI. */
export const DEFAULT_IOT_ENDPOINT_HOST = 'c1234567890abc.credentials.iot.us-east-1.amazonaws.com';

export interface IssuedCert {
  certPem: string;
  keyPem: string;
  certPath: string;
  keyPath: string;
}

export interface CaFiles {
  certPem: string;
  certPath: string;
  keyPath: string;
}

export interface IotTestPki {
  dir: string;
  endpointHost: string;
  /** Trust anchor the client passes as `ca` to verify the endpoint. */
  serverCa: CaFiles;
  /** Endpoint certificate: SANs endpointHost, localhost, 127.0.0.1. */
  server: IssuedCert;
  /** The CA the endpoint trusts for client certificates, with its CRL. */
  clientCa: CaFiles & { crlPem: string; crlPath: string };
  clients: {
    goodRsa: IssuedCert;
    goodEc: IssuedCert;
    /** Issued by clientCa, validity ended in 2024. */
    expired: IssuedCert;
    /** Issued by a CA the endpoint does not trust. */
    unknownCa: IssuedCert;
    /** Issued by clientCa and listed in its CRL. */
    revoked: IssuedCert;
  };
}

type KeyType = 'rsa' | 'ec';

/** Runs openssl and turns a failure into an error that shows openssl's own complaint. */
async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0] ?? ''} failed: ${stderr.trim() || String(error)}`);
  }
}

async function generateKey(path: string, type: KeyType, cwd: string): Promise<void> {
  const params = type === 'rsa' ? ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'] : ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256'];
  await openssl(['genpkey', ...params, '-out', path], cwd);
}

/** A req config that needs no system openssl.cnf, so results do not depend on the host. */
function reqConfig(extensions: string): string {
  return ['[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', '[ext]', extensions, ''].join('\n');
}

const CA_EXTENSIONS = [
  'basicConstraints = critical, CA:TRUE',
  'keyUsage = critical, keyCertSign, cRLSign',
  'subjectKeyIdentifier = hash',
].join('\n');

async function createCa(dir: string, name: string, subject: string, type: KeyType): Promise<CaFiles> {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  const cnf = join(dir, `${name}.req.cnf`);
  await writeFile(cnf, reqConfig(CA_EXTENSIONS));
  await generateKey(keyPath, type, dir);
  await openssl(['req', '-x509', '-new', '-config', cnf, '-extensions', 'ext', '-key', keyPath, '-subj', subject, '-days', '3650', '-sha256', '-out', certPath], dir);
  return { certPem: await readFile(certPath, 'utf8'), certPath, keyPath };
}

/** Signs with `openssl x509 -req`, for certificates that need no revocation bookkeeping. */
async function issueDirect(dir: string, ca: CaFiles, name: string, subject: string, type: KeyType, extensions: string): Promise<IssuedCert> {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  const csr = join(dir, `${name}.csr`);
  const cnf = join(dir, `${name}.ext.cnf`);
  await writeFile(cnf, reqConfig(extensions));
  await generateKey(keyPath, type, dir);
  await openssl(['req', '-new', '-config', cnf, '-key', keyPath, '-subj', subject, '-out', csr], dir);
  const serial = `0x${Date.now().toString(16)}${Math.floor(Math.random() * 0xffffff).toString(16)}`;
  await openssl(['x509', '-req', '-in', csr, '-CA', ca.certPath, '-CAkey', ca.keyPath, '-set_serial', serial, '-days', '30', '-sha256', '-extfile', cnf, '-extensions', 'ext', '-out', certPath], dir);
  return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8'), certPath, keyPath };
}

const CLIENT_EXTENSIONS = [
  'basicConstraints = critical, CA:FALSE',
  'keyUsage = critical, digitalSignature',
  'extendedKeyUsage = clientAuth',
  'subjectKeyIdentifier = hash',
  'authorityKeyIdentifier = keyid',
].join('\n');

/** `openssl ca` keeps an index, which is what lets it revoke and publish a CRL. */
function caConfig(caDir: string, ca: CaFiles): string {
  return [
    '[ca]',
    'default_ca = client_ca',
    '[client_ca]',
    `database = ${join(caDir, 'index.txt')}`,
    `new_certs_dir = ${join(caDir, 'issued')}`,
    `serial = ${join(caDir, 'serial')}`,
    `crlnumber = ${join(caDir, 'crlnumber')}`,
    `certificate = ${ca.certPath}`,
    `private_key = ${ca.keyPath}`,
    'default_md = sha256',
    'default_days = 30',
    'default_crl_days = 30',
    'unique_subject = no',
    'policy = any_name',
    'x509_extensions = client_ext',
    '[any_name]',
    'commonName = supplied',
    'organizationName = optional',
    '[client_ext]',
    CLIENT_EXTENSIONS,
    '',
  ].join('\n');
}

interface CaIssueOptions {
  type: KeyType;
  /** openssl ca dates, YYYYMMDDHHMMSSZ; both or neither. */
  startDate?: string;
  endDate?: string;
}

async function issueWithCa(dir: string, caCnf: string, name: string, subject: string, options: CaIssueOptions): Promise<IssuedCert> {
  const keyPath = join(dir, `${name}.key`);
  const certPath = join(dir, `${name}.pem`);
  const csr = join(dir, `${name}.csr`);
  const reqCnf = join(dir, `${name}.req.cnf`);
  await writeFile(reqCnf, reqConfig(''));
  await generateKey(keyPath, options.type, dir);
  await openssl(['req', '-new', '-config', reqCnf, '-key', keyPath, '-subj', subject, '-out', csr], dir);
  const validity = options.startDate && options.endDate ? ['-startdate', options.startDate, '-enddate', options.endDate] : ['-days', '30'];
  await openssl(['ca', '-batch', '-config', caCnf, '-notext', '-in', csr, '-out', certPath, ...validity], dir);
  return { certPem: await readFile(certPath, 'utf8'), keyPem: await readFile(keyPath, 'utf8'), certPath, keyPath };
}

export interface IotTestPkiOptions {
  /** Directory to write into; a fresh temp dir when absent. */
  dir?: string;
  endpointHost?: string;
}

/** Generates the server CA/certificate, the client CA with a CRL, and the five client certificates the tests use. */
export async function createIotTestPki(options: IotTestPkiOptions = {}): Promise<IotTestPki> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'iot-pki-')));
  const endpointHost = options.endpointHost ?? DEFAULT_IOT_ENDPOINT_HOST;
  const caDir = join(dir, 'client-ca');
  await mkdir(join(caDir, 'issued'), { recursive: true });
  await writeFile(join(caDir, 'index.txt'), '');
  await writeFile(join(caDir, 'serial'), `${Date.now().toString(16).padStart(16, '0')}\n`);
  await writeFile(join(caDir, 'crlnumber'), '1000\n');

  const [serverCa, clientCa, strangerCa] = await Promise.all([
    createCa(dir, 'server-ca', '/O=Stand-in Trust Services/CN=Stand-in Root CA 1', 'rsa'),
    createCa(caDir, 'client-ca', '/O=Stand-in IoT/CN=Stand-in Device CA', 'rsa'),
    createCa(dir, 'stranger-ca', '/O=Somebody Else/CN=Unregistered Device CA', 'ec'),
  ]);

  const serverExtensions = [
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    `subjectAltName = DNS:${endpointHost}, DNS:localhost, IP:127.0.0.1`,
  ].join('\n');
  const caCnf = join(caDir, 'ca.cnf');
  await writeFile(caCnf, caConfig(caDir, clientCa));

  const [server, unknownCa] = await Promise.all([
    issueDirect(dir, serverCa, 'server', `/CN=${endpointHost}`, 'rsa', serverExtensions),
    issueDirect(dir, strangerCa, 'client-unknown-ca', '/CN=AWS IoT Certificate', 'ec', CLIENT_EXTENSIONS),
  ]);
  // `openssl ca` rewrites index.txt and serial, so issuance through it stays sequential.
  const goodRsa = await issueWithCa(dir, caCnf, 'client-rsa', '/CN=AWS IoT Certificate/O=good-rsa', { type: 'rsa' });
  const goodEc = await issueWithCa(dir, caCnf, 'client-ec', '/CN=AWS IoT Certificate/O=good-ec', { type: 'ec' });
  const expired = await issueWithCa(dir, caCnf, 'client-expired', '/CN=AWS IoT Certificate/O=expired', {
    type: 'ec',
    startDate: '20240101000000Z',
    endDate: '20240102000000Z',
  });
  const revoked = await issueWithCa(dir, caCnf, 'client-revoked', '/CN=AWS IoT Certificate/O=revoked', { type: 'ec' });
  await openssl(['ca', '-batch', '-config', caCnf, '-revoke', revoked.certPath, '-crl_reason', 'keyCompromise'], dir);
  const crlPath = join(caDir, 'client-ca.crl.pem');
  await openssl(['ca', '-batch', '-config', caCnf, '-gencrl', '-out', crlPath], dir);

  return {
    dir,
    endpointHost,
    serverCa,
    server,
    clientCa: { ...clientCa, crlPem: await readFile(crlPath, 'utf8'), crlPath },
    clients: { goodRsa, goodEc, expired, unknownCa, revoked },
  };
}

/** Deletes everything createIotTestPki wrote. */
export async function removeIotTestPki(pki: IotTestPki): Promise<void> {
  await rm(pki.dir, { recursive: true, force: true });
}
