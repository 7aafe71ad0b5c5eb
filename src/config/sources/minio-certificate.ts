/**
 * MinIO certificate mode's inputs: the MinIO endpoint and the client certificate (PEM or PKCS#12) it maps to a policy.
 */
import { InputError } from '../../errors.js';
import { describeUrl, requireHttpsEndpoint } from '../endpoint-url.js';
import type { MinioSource } from '../model.js';
import { requireInput, type SourceSpec } from './inputs.js';
import { MINIO_TLS_FIX } from '../advice.js';

/** MinIO answers for its own region; us-east-1 is its default when the server sets none. */
export const MINIO_DEFAULT_REGION = 'us-east-1';
/** internal/config/identity/tls: credentials last 15 minutes to 365 days. */
const MINIO_MAX_DURATION_SECONDS = 365 * 24 * 3600;

export const minioCertificateSource: SourceSpec<MinioSource> = {
  inputs: ['minio-endpoint'],
  sharedInputs: ['certificate-chain', 'ca-certificate'],
  defaultRegion: MINIO_DEFAULT_REGION,
  maxDurationSeconds: MINIO_MAX_DURATION_SECONDS,
  refusedInputs: {
    'chain-role-arn': "MinIO credentials are MinIO's own, not AWS's: they cannot call sts:AssumeRole on an AWS role",
    'refresh-credentials':
      'MinIO issues credentials for the certificate once per exchange; run the step again for fresh ones',
  },
  build(get) {
    const source: MinioSource = {
      mode: 'minio-certificate',
      endpoint: normaliseMinioEndpoint(get('minio-endpoint')),
      certificate: requireInput(
        get,
        'certificate',
        'give the client certificate as PEM text, a path, or a PKCS#12 file',
      ),
      privateKey: get('private-key'),
    };
    if (get('certificate-chain')) source.certificateChain = get('certificate-chain');
    if (get('private-key-passphrase')) source.passphrase = get('private-key-passphrase');
    if (get('ca-certificate')) source.caCertificate = get('ca-certificate');
    return source;
  },
};

/** `https://host[:port]`: the certificate is the credential, so only TLS to MinIO itself will do, loopback included. */
function normaliseMinioEndpoint(value: string): string {
  const input = 'minio-endpoint';
  if (value === '')
    throw new InputError(input, 'is required', 'Set it to the MinIO server URL, e.g. https://minio.example.com:9000');
  // Not echoed: a value that is not a URL may be anything, a secret pasted into the wrong input included.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()))
    throw new InputError(
      input,
      'does not start with https://',
      'Give the server URL, e.g. https://minio.example.com:9000',
    );
  const url = requireHttpsEndpoint(value, input, MINIO_TLS_FIX);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new InputError(
      input,
      `'${describeUrl(url)}' has a path or query`,
      'Give the server URL only, https://host[:port]; the action adds the STS query itself',
    );
  }
  return `https://${url.host}`;
}
