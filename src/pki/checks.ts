/** Checks that a key and certificates will work before AWS is asked: pairing, validity, key strength, order. Pure. */
import { createPublicKey, type KeyObject, type X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { certificateValidity, describeCertificate } from './certificate.js';

export type SigningAlgorithm = 'AWS4-X509-RSA-SHA256' | 'AWS4-X509-ECDSA-SHA256';

const SUPPORTED_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384' };

/** Throws unless `key` is the private half of the certificate's public key. */
export function checkKeyMatchesCertificate(
  key: KeyObject,
  cert: X509Certificate,
  inputs: { key: string; certificate: string },
): void {
  if (publicKeyDer(key).equals(publicKeyDer(cert.publicKey))) return;
  throw new InputError(
    inputs.key,
    `does not belong to the certificate in '${inputs.certificate}' (${describeCertificate(cert)}): ` +
      `the key is ${describeKey(key)}, the certificate's is ${describeKey(cert.publicKey)}` +
      (describeKey(key) === describeKey(cert.publicKey) ? ' with a different public key' : ''),
    `Use the private key the certificate was issued for, or issue a certificate for this key`,
  );
}

/** Throws if the certificate has expired or is not yet valid at `now`. */
export function checkCertificateValidity(cert: X509Certificate, now: Date, input: string): void {
  const { notBefore, notAfter } = certificateValidity(cert);
  if (now.getTime() > notAfter.getTime()) {
    throw new InputError(
      input,
      `the certificate (${describeCertificate(cert)}) expired at ${iso(notAfter)}`,
      'Issue a new certificate and update the secret',
    );
  }
  if (now.getTime() < notBefore.getTime()) {
    throw new InputError(
      input,
      `the certificate (${describeCertificate(cert)}) is not valid until ${iso(notBefore)}`,
      'Wait until then, or check the clock of the machine that issued it and of this runner',
    );
  }
}

/** Throws unless the key is RSA of 2048 bits or more, or EC on P-256 or P-384 (what AWS X.509 signing accepts). */
export function checkKeySupported(key: KeyObject, input: string): void {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'rsa' && (details.modulusLength ?? 0) >= 2048) return;
  if (type === 'ec' && details.namedCurve && details.namedCurve in SUPPORTED_CURVES) return;
  throw new InputError(
    input,
    `holds ${describeKey(key)}, which AWS X.509 signing does not accept`,
    'Use an RSA key of 2048 bits or more, or an EC key on P-256 or P-384',
  );
}

/**
 * Throws unless `leaf` was issued by `chain[0]`, `chain[0]` by `chain[1]`, and so on. Position 1 is the first
 * certificate of `input`; the message says which link breaks and, when it can, how to reorder.
 */
export function checkChainOrder(leaf: X509Certificate, chain: X509Certificate[], input: string): void {
  const all = [leaf, ...chain];
  for (let i = 0; i < chain.length; i++) {
    const child = all[i]!;
    const parent = all[i + 1]!;
    if (issued(parent, child)) continue;
    const childName = i === 0 ? 'the leaf certificate' : `certificate ${i} of '${input}'`;
    const parentName = `certificate ${i + 1} (${describeCertificate(parent)})`;
    let problem = `${parentName} did not issue ${childName} (issuer '${flat(child.issuer)}')`;
    if (parent.fingerprint256 === child.fingerprint256) {
      problem = `certificate ${i + 1} is ${i === 0 ? 'the leaf certificate' : `certificate ${i}`} again`;
    } else {
      const realParent = chain.findIndex((c) => issued(c, child));
      if (realParent >= 0) problem += `; certificate ${realParent + 1} did`;
    }
    throw new InputError(
      input,
      problem,
      "List the chain in order: the leaf's issuer first, then that certificate's issuer, up to (optionally) the root",
    );
  }
}

/** The SigV4-X509 algorithm name for a key's type. */
export function keySigningAlgorithm(key: KeyObject): SigningAlgorithm {
  return key.asymmetricKeyType === 'ec' ? 'AWS4-X509-ECDSA-SHA256' : 'AWS4-X509-RSA-SHA256';
}

/** `an RSA 2048-bit key`, `an EC key on P-256`, `an ED25519 key`: public facts only. */
function describeKey(key: KeyObject): string {
  const type = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  const details = key.asymmetricKeyDetails ?? {};
  // Letters whose names start with a vowel sound take "an": an RSA, an EC, an X448, but a DSA.
  const article = /^[AEFHILMNORSX]/.test(type) ? 'an' : 'a';
  if (type === 'RSA' || type === 'RSA-PSS' || type === 'DSA')
    return `${article} ${type} ${details.modulusLength ?? '?'}-bit key`;
  if (type === 'EC')
    return `an EC key on ${SUPPORTED_CURVES[details.namedCurve ?? ''] ?? details.namedCurve ?? 'an unknown curve'}`;
  return `${article} ${type} key`;
}

// checkIssued compares names and key identifiers; verify proves the signature, so a same-named impostor fails.
function issued(parent: X509Certificate, child: X509Certificate): boolean {
  return child.checkIssued(parent) && child.verify(parent.publicKey);
}

function publicKeyDer(key: KeyObject): Buffer {
  // createPublicKey accepts a private KeyObject but refuses a public one.
  return (key.type === 'public' ? key : createPublicKey(key)).export({ type: 'spki', format: 'der' });
}

function flat(name: string): string {
  return name.replace(/\n/g, ', ');
}

function iso(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}
