/**
 * Proof that a freshly minted certificate and key work before anything depends on them: the key must belong to the
 * certificate, then one exchange with the IoT credentials provider, built and sent as the IoT mode sends it; where the
 * endpoint cannot be reached at all (no route, no name) the key check stands alone and says so.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { SecureContext } from 'node:tls';
import { AwsError, InputError } from '../errors.js';
import { httpRequest, NetworkError } from '../http/request.js';
import { proxyFor } from '../config/proxy.js';
import { checkKeyMatchesCertificate as checkPair } from '../pki/checks.js';
import { clientTlsContext } from '../providers/client-tls.js';
import { iotCredentialsRequest } from '../providers/iot-request.js';
import { parseIotCredentials } from '../providers/iot-response.js';
import { NEW_CERTIFICATE_REFUSED } from './advice.js';

interface VerifyInput {
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
  try {
    checkPair(createPrivateKey(privateKey), new X509Certificate(certificatePem), {
      key: 'private-key',
      certificate: 'certificate',
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new AwsError(
      CALL,
      'KeyMismatch',
      'the private key does not match the certificate',
      'The new certificate was not delivered; re-run to mint another',
      false,
    );
  }
}

export async function verifyNewCertificate(input: VerifyInput): Promise<Verified> {
  checkKeyMatchesCertificate(input.certificatePem, input.privateKey);
  const base = /^https:\/\//.test(input.endpoint) ? input.endpoint.replace(/\/+$/, '') : `https://${input.endpoint}`;
  const request = iotCredentialsRequest(base, input.roleAlias, input.thingName);
  const url = new URL(request.url);
  const material = {
    certificate: new X509Certificate(input.certificatePem),
    key: createPrivateKey(input.privateKey),
    chain: [],
  };
  const secureContext = await clientTlsContext(material, input.caCertificate ? [input.caCertificate] : []);
  const attempts = input.attempts ?? 4;
  const wait = input.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let n = 1; ; n++) {
    const answer = await exchange(url, request.headers, secureContext).catch((err: NodeJS.ErrnoException) => err);
    if (answer instanceof Error) {
      if (UNREACHABLE.has(answer.code ?? '')) return 'signature-only';
      throw new AwsError(
        CALL,
        answer.code ?? 'Error',
        answer.message,
        `The credentials provider at ${url.host} could not be asked; the old certificate stays active`,
        false,
      );
    }
    if (answer.status === 200) {
      parseIotCredentials(answer.body, new Date(), url.origin);
      return 'exchanged';
    }
    if (answer.status === 403 && n < attempts) {
      await wait(2000 * n);
      continue;
    }
    throw new AwsError(
      CALL,
      `HTTP ${answer.status}`,
      answer.body.replace(/\s+/g, ' ').slice(0, 200),
      NEW_CERTIFICATE_REFUSED,
      false,
    );
  }
}

/** One mutual-TLS request through the project's transport (proxied like any request), in the IoT mode's TLS context. */
async function exchange(
  url: URL,
  headers: Record<string, string>,
  secureContext: SecureContext,
): Promise<{ status: number; body: string }> {
  try {
    return await httpRequest({
      url: url.toString(),
      method: 'GET',
      headers,
      timeoutMs: 15000,
      tls: { secureContext },
      proxy: proxyFor(url, process.env),
      maxBodyBytes: 65536,
    });
  } catch (err) {
    // The caller tells an unreachable endpoint (key check only) from one that refused.
    if (err instanceof NetworkError) throw Object.assign(new Error(err.message), { code: err.code });
    throw err;
  }
}
