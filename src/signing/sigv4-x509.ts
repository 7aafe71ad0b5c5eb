/**
 * SigV4-X509: the SigV4 variant IAM Roles Anywhere uses for CreateSession, signed with a certificate's private key
 * (no HMAC key derivation). Pure: the clock, key and certificate bytes are passed in; nothing is read or sent here.
 */
import { constants, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { amzDate, canonicalRequest, sha256Hex } from './canonical-request.js';

export { amzDate, canonicalRequest };

export type X509SigningAlgorithm = 'AWS4-X509-RSA-SHA256' | 'AWS4-X509-ECDSA-SHA256';

const ROLES_ANYWHERE_SERVICE = 'rolesanywhere';
export const CREATE_SESSION_PATH = '/sessions';

export interface CreateSessionSigningInput {
  /** The Host header value, with the port when it is not the default one. */
  host: string;
  region: string;
  /** The exact JSON text that will be sent. */
  body: string;
  /** Only when the caller also puts these parameters in the URL (the API accepts the ARNs there or in the body). */
  query?: Record<string, string>;
  certificateDer: Buffer;
  /** Intermediates, leaf-side first; empty for a leaf issued directly by the trust anchor. */
  chainDer: Buffer[];
  serialDecimal: string;
  key: KeyObject;
  now: Date;
}

/** The string the private key signs: algorithm, date, scope and the hex SHA-256 of the canonical request. */
export function stringToSign(
  algorithm: X509SigningAlgorithm,
  amzDateValue: string,
  scope: string,
  canonicalRequestText: string,
): string {
  return [algorithm, amzDateValue, scope, sha256Hex(canonicalRequestText)].join('\n');
}

/** `<yyyymmdd>/<region>/rolesanywhere/aws4_request`. */
export function credentialScope(amzDateValue: string, region: string): string {
  return `${amzDateValue.slice(0, 8)}/${region}/${ROLES_ANYWHERE_SERVICE}/aws4_request`;
}

/** The certificate serial in decimal, as the Credential field wants it, from the hex node's `X509Certificate` gives. */
export function serialDecimalFromHex(hex: string): string {
  const digits = hex.replace(/:/g, '').trim();
  if (!/^[0-9a-fA-F]+$/.test(digits)) {
    throw new InputError(
      'certificate',
      'the certificate serial number is not hexadecimal',
      'Use a well-formed X.509 certificate',
    );
  }
  // A leading 00 byte (DER's sign padding for high-bit serials) does not change the value.
  return BigInt(`0x${digits}`).toString(10);
}

/** The SigV4-X509 algorithm for a private key: RSA (PKCS#1 v1.5) or ECDSA; anything else is refused. */
export function algorithmForKey(key: KeyObject): X509SigningAlgorithm {
  if (key.type !== 'private') {
    throw new InputError('private-key', 'is not a private key', 'Give the private key that belongs to the certificate');
  }
  if (key.asymmetricKeyType === 'rsa') return 'AWS4-X509-RSA-SHA256';
  if (key.asymmetricKeyType === 'ec') return 'AWS4-X509-ECDSA-SHA256';
  throw new InputError(
    'private-key',
    `is a ${key.asymmetricKeyType ?? 'unknown'} key; IAM Roles Anywhere accepts RSA and EC keys`,
    'Issue the certificate for an RSA or EC (P-256, P-384) key',
  );
}

/** Signs `text` with SHA-256 as the algorithm requires: PKCS#1 v1.5 for RSA, DER-encoded ECDSA for EC. */
function signWithKey(algorithm: X509SigningAlgorithm, key: KeyObject, text: string): Buffer {
  return algorithm === 'AWS4-X509-RSA-SHA256'
    ? sign('sha256', Buffer.from(text, 'utf8'), { key, padding: constants.RSA_PKCS1_PADDING })
    : sign('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'der' });
}

/** Every header a CreateSession request needs, Authorization included; send `body` (and any `query`) unchanged. */
export function signCreateSession(input: CreateSessionSigningInput): Record<string, string> {
  if (!/^[0-9]+$/.test(input.serialDecimal)) {
    throw new InputError(
      'certificate',
      'the certificate serial number is not a decimal integer',
      'Derive it with serialDecimalFromHex',
    );
  }
  if (!/^[a-z0-9-]+$/.test(input.region)) {
    throw new InputError('aws-region', 'is not a region name', 'Use a region such as us-east-1');
  }
  const algorithm = algorithmForKey(input.key);
  const date = amzDate(input.now);
  const headers: Record<string, string> = {
    Host: input.host,
    'Content-Type': 'application/json',
    'X-Amz-Date': date,
    'X-Amz-X509': input.certificateDer.toString('base64'),
  };
  if (input.chainDer.length > 0)
    headers['X-Amz-X509-Chain'] = input.chainDer.map((der) => der.toString('base64')).join(',');
  const canonical = canonicalRequest({
    method: 'POST',
    path: CREATE_SESSION_PATH,
    query: input.query ?? {},
    headers,
    body: input.body,
  });
  const scope = credentialScope(date, input.region);
  const signature = signWithKey(algorithm, input.key, stringToSign(algorithm, date, scope, canonical.text)).toString(
    'hex',
  );
  const credential = `${input.serialDecimal}/${scope}`;
  headers['Authorization'] =
    `${algorithm} Credential=${credential}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`;
  return headers;
}
