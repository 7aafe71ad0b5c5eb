/** X.509 certificates from PEM, and the fields a SigV4-X509 signer and the validity check need. Pure. */
import { X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { DerError, bigInteger, parseDer, sequence, time, type DerNode } from './der.js';
import { parsePemBlocks, type PemBlock } from './pem.js';
import { keyInCertificateInput } from './advice.js';

const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);

/** The first certificate in `text` (a leaf followed by its chain is fine: the rest is ignored). */
export function loadCertificate(text: string, input: string): X509Certificate {
  const [first] = certificateBlocks(text, input);
  return decodeCertificate(first!, 1, input);
}

/** Every certificate in `text`, in the order written. */
export function loadCertificateChain(text: string, input: string): X509Certificate[] {
  return certificateBlocks(text, input).map((block, i) => decodeCertificate(block, i + 1, input));
}

/** The serial number in decimal, as SigV4-X509 puts it in the credential scope. */
export function certificateSerialDecimal(cert: X509Certificate): string {
  return certificateSerial(cert).toString(10);
}

/** The serial number as an integer, read from the DER (it may be up to 20 bytes, with a leading zero byte). */
function certificateSerial(cert: X509Certificate): bigint {
  return bigInteger(tbsField(cert, 0), 'the certificate serial number');
}

/** The certificate's DER bytes (the `X-Amz-X509` header carries them in base64). */
export function certificateDer(cert: X509Certificate): Buffer {
  return Buffer.from(cert.raw);
}

/** notBefore and notAfter as dates, read from the DER rather than OpenSSL's display strings. */
export function certificateValidity(cert: X509Certificate): { notBefore: Date; notAfter: Date } {
  const [notBefore, notAfter] = sequence(tbsField(cert, 3), 'the certificate validity');
  return { notBefore: time(notBefore, 'notBefore'), notAfter: time(notAfter, 'notAfter') };
}

/** A short, public description for messages: `subject CN=x (serial 1234)`. */
export function describeCertificate(cert: X509Certificate): string {
  return `subject '${cert.subject.replace(/\n/g, ', ')}' (serial ${certificateSerialDecimal(cert)})`;
}

function certificateBlocks(text: string, input: string): PemBlock[] {
  const blocks = parsePemBlocks(text, input);
  const certificates = blocks.filter((b) => CERTIFICATE_LABELS.has(b.label));
  if (certificates.length > 0) return certificates;
  const labels = blocks.map((b) => b.label);
  if (labels.some((l) => l.endsWith('PRIVATE KEY'))) {
    throw new InputError(input, 'holds a private key, not a certificate', keyInCertificateInput(input));
  }
  if (labels.some((l) => l.includes('CERTIFICATE REQUEST'))) {
    throw new InputError(
      input,
      'holds a certificate signing request, not a certificate',
      'Use the certificate your CA issued for the request',
    );
  }
  throw new InputError(
    input,
    `holds no certificate (found PEM block(s) ${labels.map((l) => `'${l}'`).join(', ')})`,
    'Paste the certificate, starting with -----BEGIN CERTIFICATE-----',
  );
}

function decodeCertificate(block: PemBlock, ordinal: number, input: string): X509Certificate {
  try {
    return new X509Certificate(block.der);
  } catch {
    throw new InputError(
      input,
      `certificate ${ordinal} is not a readable X.509 certificate`,
      'Paste the certificate exactly as issued (check it with: openssl x509 -noout -text -in cert.pem)',
    );
  }
}

/** The TBSCertificate field `n` places after the serial number (0 = serial, 3 = validity). */
function tbsField(cert: X509Certificate, n: number): DerNode | undefined {
  try {
    const [tbs] = sequence(parseDer(Buffer.from(cert.raw)), 'the certificate');
    const fields = sequence(tbs, 'the certificate body');
    // The version field is an optional explicit [0] in front of the serial number.
    const serialAt = fields[0]?.tag === 0xa0 ? 1 : 0;
    return fields[serialAt + n];
  } catch (err) {
    // OpenSSL already parsed this DER, so a failure here is a bug in our reader, not the user's input.
    if (err instanceof DerError) throw new Error(`internal: could not read certificate DER: ${err.message}`);
    throw err;
  }
}
