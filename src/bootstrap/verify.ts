/**
 * Proof that a freshly minted certificate and key work before anything depends on them: the key must sign what the
 * certificate's public key verifies, then one exchange with the IoT credentials provider; where the endpoint cannot be
 * reached at all (no route, no name) the signature check stands alone and says so.
 */
import { createSecureContext, rootCertificates } from 'node:tls';
import { X509Certificate, createPrivateKey, randomBytes, sign, verify } from 'node:crypto';
import { AwsError } from '../errors.js';
import { httpRequest, NetworkError } from '../http/request.js';
import { proxyFor } from '../config/proxy.js';
import { parseIotCredentials } from '../providers/iot-response.js';

export interface VerifyInput {
  certificatePem: string;
  privateKey: string;
  /** Host, or https://host[:port]. */
  endpoint: string;
  roleAlias: string;
  thingName: string;
  /** Extra CA (PEM) for an endpoint with a private certificate (tests, private links). */
  caCertificate?: string;
  /** Tries on HTTP 403 (attachments take seconds to reach the credentials provider). */
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type Verified = 'exchanged' | 'signature-only';

const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);
const CALL = 'verify new certificate';

export function checkKeyMatchesCertificate(certificatePem: string, privateKey: string): void {
  const data = randomBytes(32);
  const key = createPrivateKey(privateKey);
  const signature = sign(key.asymmetricKeyType === 'rsa' ? 'sha256' : null, data, key);
  const ok = verify(key.asymmetricKeyType === 'rsa' ? 'sha256' : null, data, new X509Certificate(certificatePem).publicKey, signature);
  if (!ok) throw new AwsError(CALL, 'KeyMismatch', 'the private key does not match the certificate', 'The new certificate was not delivered; re-run to mint another', false);
}

export async function verifyNewCertificate(input: VerifyInput): Promise<Verified> {
  checkKeyMatchesCertificate(input.certificatePem, input.privateKey);
  const base = /^https:\/\//.test(input.endpoint) ? input.endpoint.replace(/\/+$/, '') : `https://${input.endpoint}`;
  const url = new URL(`${base}/role-aliases/${encodeURIComponent(input.roleAlias)}/credentials`);
  const attempts = input.attempts ?? 4;
  const wait = input.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let n = 1; ; n++) {
    const answer = await exchange(url, input).catch((err: NodeJS.ErrnoException) => err);
    if (answer instanceof Error) {
      if (UNREACHABLE.has(answer.code ?? '')) return 'signature-only';
      throw new AwsError(CALL, answer.code ?? 'Error', answer.message, `The credentials provider at ${url.host} could not be asked; the old certificate stays active`, false);
    }
    if (answer.status === 200) {
      parseIotCredentials(answer.body, new Date(), url.origin);
      return 'exchanged';
    }
    if (answer.status === 403 && n < attempts) {
      await wait(2000 * n);
      continue;
    }
    throw new AwsError(CALL, `HTTP ${answer.status}`, answer.body.replace(/\s+/g, ' ').slice(0, 200), `The credentials provider refused the new certificate; the old one stays active and in the secrets. Fix the cause and re-run`, false);
  }
}

/** One mutual-TLS request through the project's transport (proxies as every other request). */
async function exchange(url: URL, input: VerifyInput): Promise<{ status: number; body: string }> {
  const secureContext = createSecureContext({
    cert: input.certificatePem,
    key: input.privateKey,
    minVersion: 'TLSv1.2',
    ...(input.caCertificate ? { ca: [...rootCertificates, input.caCertificate] } : {}),
  });
  try {
    return await httpRequest({
      url: url.toString(),
      method: 'GET',
      headers: { accept: 'application/json', 'x-amzn-iot-thingname': input.thingName },
      timeoutMs: 15000,
      tls: { secureContext },
      proxy: proxyFor(url, process.env),
      maxBodyBytes: 65536,
    });
  } catch (err) {
    // The caller tells an unreachable endpoint (signature check only) from one that refused.
    if (err instanceof NetworkError) throw Object.assign(new Error(err.message), { code: err.code });
    throw err;
  }
}
