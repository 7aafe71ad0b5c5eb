/**
 * The TLS context of the modes that present the certificate in the handshake (IoT, MinIO): the client certificate
 * (and chain) with its key, and trust in the public roots plus any `ca-certificate`. Built once for all attempts.
 */
import type { SecureContext } from 'node:tls';
import type { CertificateMaterial } from './certificate-material.js';

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
