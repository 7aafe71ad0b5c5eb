/**
 * The certificate, key and chain a certificate mode needs, from PEM text, files or a PKCS#12 bundle, checked before
 * any network call: the key opens, is supported and matches the certificate, the certificate is valid now, the chain
 * links.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { loadCertificate, loadCertificateChain } from '../pki/certificate.js';
import {
  checkCertificateValidity,
  checkChainOrder,
  checkKeyMatchesCertificate,
  checkKeySupported,
} from '../pki/checks.js';
import { loadPrivateKey } from '../pki/private-key.js';
import { readBinaryOrPath, readPemOrPath, type ReadFile } from '../pki/source.js';

interface CertificateInputs {
  certificate: string;
  /** Empty when `certificate` is a PKCS#12 bundle that carries the key. */
  privateKey?: string;
  passphrase?: string;
  certificateChain?: string;
}

export interface CertificateMaterial {
  certificate: X509Certificate;
  key: KeyObject;
  /** Intermediates, leaf's issuer first. */
  chain: X509Certificate[];
}

async function loadCertificateMaterial(
  inputs: CertificateInputs,
  io: { readFile: ReadFile; now: Date; mask(value: string): void },
  options: { pkcs12Allowed: boolean },
): Promise<CertificateMaterial> {
  if (inputs.passphrase) io.mask(inputs.passphrase);
  let material: CertificateMaterial;
  if (!inputs.privateKey) {
    if (!options.pkcs12Allowed) {
      throw new InputError(
        'private-key',
        'is required',
        "Set it to the certificate's private key, as PEM text from a secret or a file path",
      );
    }
    const bundle = readBinaryOrPath(inputs.certificate, 'certificate', io.readFile);
    // Loaded only for PKCS#12 input: most users give PEM, and the DER reader is the largest part of pki/.
    const { parsePkcs12 } = await import('../pki/pkcs12.js');
    material = parsePkcs12(bundle.der, inputs.passphrase ?? '', 'certificate');
  } else {
    const certificate = loadCertificate(
      readPemOrPath(inputs.certificate, 'certificate', io.readFile).text,
      'certificate',
    );
    const key = loadPrivateKey(readPemOrPath(inputs.privateKey, 'private-key', io.readFile).text, inputs.passphrase, {
      key: 'private-key',
      passphrase: 'private-key-passphrase',
    });
    material = { certificate, key, chain: [] };
  }
  if (inputs.certificateChain) {
    material.chain = loadCertificateChain(
      readPemOrPath(inputs.certificateChain, 'certificate-chain', io.readFile).text,
      'certificate-chain',
    );
  }
  checkKeySupported(material.key, 'private-key');
  checkKeyMatchesCertificate(material.key, material.certificate, { key: 'private-key', certificate: 'certificate' });
  checkCertificateValidity(material.certificate, io.now, 'certificate');
  if (material.chain.length > 0) checkChainOrder(material.certificate, material.chain, 'certificate-chain');
  return material;
}

/** A certificate mode's material from its source's fields, with the provider's file reader, clock and masker. */
export function sourceMaterial(
  source: { certificate: string; privateKey: string; passphrase?: string; certificateChain?: string },
  ctx: { readFile: ReadFile; clock: { now(): number }; mask(value: string): void },
  options: { pkcs12Allowed: boolean },
): Promise<CertificateMaterial> {
  return loadCertificateMaterial(
    {
      certificate: source.certificate,
      privateKey: source.privateKey,
      ...(source.passphrase ? { passphrase: source.passphrase } : {}),
      ...(source.certificateChain ? { certificateChain: source.certificateChain } : {}),
    },
    { readFile: ctx.readFile, now: new Date(ctx.clock.now()), mask: ctx.mask },
    options,
  );
}
