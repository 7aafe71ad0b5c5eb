/**
 * The TLS context of the modes that present the certificate in the handshake (IoT, MinIO): the client certificate
 * (and chain) with its key, and trust in the public roots plus any `ca-certificate`. Built once for all attempts.
 */
import type { SecureContext } from 'node:tls';
import { loadCertificateChain } from '../pki/certificate.js';
import { readPemOrPath } from '../pki/source.js';
import { sourceMaterial, type CertificateMaterial } from './certificate-material.js';
import type { ProviderContext } from './context.js';

/**
 * A certificate mode's TLS options: its certificate, chain and key, and trust in its `ca-certificate` beside the roots.
 */
export async function mutualTls(
  source: Parameters<typeof sourceMaterial>[0] & { caCertificate?: string },
  ctx: ProviderContext,
  options: { pkcs12Allowed: boolean },
): Promise<{ secureContext: SecureContext }> {
  const material = await sourceMaterial(source, ctx, options);
  const extraTrust = source.caCertificate
    ? loadCertificateChain(
        readPemOrPath(source.caCertificate, 'ca-certificate', ctx.readFile).text,
        'ca-certificate',
      ).map((c) => c.toString())
    : [];
  return { secureContext: await clientTlsContext(material, extraTrust) };
}

export async function clientTlsContext(material: CertificateMaterial, extraTrust: string[]): Promise<SecureContext> {
  const { createSecureContext, rootCertificates } = await import('node:tls');
  const options = {
    cert: [material.certificate, ...material.chain].map((c) => c.toString()).join('\n'),
    key: material.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    minVersion: 'TLSv1.2' as const,
  };
  // Without `ca`, Node trusts its built-in root store; a `ca` list would replace it. Adding the extra CAs to the
  // context keeps the roots without handing Node all ~140 of them again as PEM (the fallback, for runtimes without it).
  const context = createSecureContext(options);
  const native = (context as unknown as { context?: { addCACert?: (pem: string) => void } }).context;
  if (extraTrust.length === 0) return context;
  if (typeof native?.addCACert === 'function') {
    for (const pem of extraTrust) native.addCACert(pem);
    return context;
  }
  return createSecureContext({ ...options, ca: [[...rootCertificates, ...extraTrust].join('\n')] });
}
