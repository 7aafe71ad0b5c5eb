/** MinIO certificate mode: MinIO's AssumeRoleWithCertificate, the client certificate presented in the TLS handshake. */
import type { MinioSource } from '../config/model.js';
import { AwsError } from '../errors.js';
import type { NetworkError } from '../http/request.js';
import { mutualTls } from './client-tls.js';
import { networkFailure, retrying, send } from './context.js';
import { MINIO_UNTRUSTED_SERVER_FIX, minioError } from './minio-errors.js';
import { MINIO_CALL, parseMinioCredentials, parseMinioError } from './minio-response.js';
import type { Provider } from './context.js';

export const minioProvider: Provider<MinioSource> = async (source, config, ctx) => {
  const tls = await mutualTls(source, ctx, { pkcs12Allowed: true });
  // MinIO reads the parameters from the URL query only (cmd/sts-handlers.go parses no body for this call).
  const query = new URLSearchParams({
    Action: 'AssumeRoleWithCertificate',
    Version: '2011-06-15',
    DurationSeconds: String(config.session.durationSeconds),
  });
  const url = `${source.endpoint}/?${query.toString()}`;

  const session = await retrying(ctx, MINIO_CALL, async (attempt, timeoutMs) => {
    ctx.debug(`${MINIO_CALL}: attempt ${attempt} to ${source.endpoint}`);
    const res = await send(
      ctx,
      { url, method: 'POST', headers: { accept: 'application/xml' }, timeoutMs, tls },
      minioNetworkFailure,
    );
    if (res.status !== 200) {
      const error = parseMinioError(res.body);
      throw minioError(
        res.status,
        error?.code ?? '',
        error?.message ?? `HTTP ${res.status} without a MinIO error document`,
      );
    }
    return parseMinioCredentials(res.body, new Date(ctx.clock.now()), source.endpoint);
  });
  // The credentials are good at this server only: its S3 endpoint travels with them to every delivery.
  return { ...session, serviceEndpoints: { s3: source.endpoint } };
};

/** MinIO verifies the client certificate after the handshake; a failed handshake is about the server's certificate. */
function minioNetworkFailure(err: NetworkError): AwsError {
  return networkFailure(MINIO_CALL, err, 'check minio-endpoint', MINIO_UNTRUSTED_SERVER_FIX);
}
