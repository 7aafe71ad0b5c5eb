/**
 * The certificates the IoT credentials-provider stand-in serves and trusts, written as files for nginx: a server CA and
 * the endpoint's certificate, the device CA with its CRL, and one client certificate for each case the tests take.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, createCrl, issueCertificate, writeCertificate } from './pki.js';
import type { CertificateAuthority, CertificateFiles, IssuedCertificate, KeyType } from './pki.js';

/** The host a real account's credentials endpoint looks like; tests reach it on 127.0.0.1 with this SNI. */
const DEFAULT_IOT_ENDPOINT_HOST = 'c1234567890abc.credentials.iot.us-east-1.amazonaws.com';

export interface IotTestPki {
  dir: string;
  endpointHost: string;
  /** Trust anchor the client passes as `ca` to verify the endpoint. */
  serverCa: CertificateFiles;
  /** Endpoint certificate: SANs endpointHost, localhost, 127.0.0.1. */
  server: CertificateFiles;
  /** The CA the endpoint trusts for client certificates, with its CRL. */
  clientCa: CertificateFiles & { crlPem: string; crlPath: string };
  clients: {
    goodRsa: CertificateFiles;
    goodEc: CertificateFiles;
    /** Issued by clientCa, validity ended in 2024. */
    expired: CertificateFiles;
    /** Issued by a CA the endpoint does not trust. */
    unknownCa: CertificateFiles;
    /** Issued by clientCa and listed in its CRL. */
    revoked: CertificateFiles;
  };
}

export interface IotTestPkiOptions {
  /** Directory to write into; a fresh temp dir when absent. */
  dir?: string;
  endpointHost?: string;
}

export async function createIotTestPki(options: IotTestPkiOptions = {}): Promise<IotTestPki> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'iot-pki-')));
  const endpointHost = options.endpointHost ?? DEFAULT_IOT_ENDPOINT_HOST;
  const serverCa = createCa('Stand-in Root CA 1', { organization: 'Stand-in Trust Services', keyType: 'rsa2048' });
  const clientCa = createCa('Stand-in Device CA', { organization: 'Stand-in IoT', keyType: 'rsa2048' });
  const strangerCa = createCa('Unregistered Device CA', { organization: 'Somebody Else' });
  const device = (
    ca: CertificateAuthority,
    organization: string,
    keyType: KeyType,
    window: { notBefore?: Date; notAfter?: Date } = {},
  ) => issueCertificate(ca, { commonName: 'AWS IoT Certificate', organization, keyType, clientAuth: true, ...window });
  const revoked = device(clientCa, 'revoked', 'ec-p256');
  const files = (name: string, issued: IssuedCertificate) => writeCertificate(dir, name, issued);
  const crlPem = createCrl(clientCa, [revoked]);
  const crlPath = join(dir, 'client-ca.crl.pem');
  await writeFile(crlPath, crlPem);
  return {
    dir,
    endpointHost,
    serverCa: files('server-ca', serverCa),
    server: files(
      'server',
      issueCertificate(serverCa, {
        commonName: endpointHost,
        keyType: 'rsa2048',
        serverNames: [endpointHost, 'localhost'],
        ipAddresses: ['127.0.0.1'],
        serverAuth: true,
      }),
    ),
    clientCa: { ...files('client-ca', clientCa), crlPem, crlPath },
    clients: {
      goodRsa: files('client-rsa', device(clientCa, 'good-rsa', 'rsa2048')),
      goodEc: files('client-ec', device(clientCa, 'good-ec', 'ec-p256')),
      expired: files(
        'client-expired',
        device(clientCa, 'expired', 'ec-p256', {
          notBefore: new Date('2024-01-01T00:00:00Z'),
          notAfter: new Date('2024-01-02T00:00:00Z'),
        }),
      ),
      unknownCa: files('client-unknown-ca', device(strangerCa, 'stranger', 'ec-p256')),
      revoked: files('client-revoked', revoked),
    },
  };
}

/** Deletes everything createIotTestPki wrote. */
export async function removeIotTestPki(pki: IotTestPki): Promise<void> {
  await rm(pki.dir, { recursive: true, force: true });
}
