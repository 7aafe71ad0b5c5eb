/**
 * The MinIO row: the runner's client certificate over mutual TLS to the Node stand-in of MinIO's certificate STS. No
 * AWS STS is involved, so the row is identified by what MinIO issued for the certificate, not by GetCallerIdentity.
 */
import { runAction } from '../__tests__/support/action-runner.js';
import { startMinioStandIn, type MinioStandIn } from '../__tests__/standins/minio-standin.js';
import { createCa, issueCertificate, type IssuedCertificate } from '../__tests__/standins/pki.js';
import { runnerEnv, type DemoContext, type DemoMode } from './mode.js';

/** The policy MinIO applies: the certificate's subject CN names it. */
const POLICY = 'ci-publish';

const peers = new WeakMap<DemoContext, { standIn: MinioStandIn; client: IssuedCertificate }>();

export const minioMode: DemoMode = {
  name: 'minio-certificate',
  reportsAssumedRoleArn: false,
  setUp: async (ctx) => {
    const clientCa = createCa('Demo MinIO Client CA');
    const client = issueCertificate(clientCa, { commonName: POLICY, clientAuth: true });
    // S3 forwarding stays off: the row shows the credentials exchange only.
    const standIn = await startMinioStandIn({ clientCaPems: [clientCa.certPem], policies: [POLICY] });
    ctx.defer(() => standIn.close());
    peers.set(ctx, { standIn, client });
  },
  run: async (ctx) => {
    const minio = peers.get(ctx);
    if (!minio) throw new Error('minio-certificate: setUp did not run');
    return runAction('main', {
      inputs: {
        'minio-endpoint': minio.standIn.url,
        certificate: minio.client.certPem,
        'private-key': minio.client.keyPem,
        'ca-certificate': minio.standIn.serverCaPem,
      },
      env: runnerEnv(ctx),
    });
  },
  identify: async (exported, ctx) => {
    const minio = peers.get(ctx);
    const issued = minio?.standIn.issued.find(
      (c) => c.accessKeyId === exported['AWS_ACCESS_KEY_ID'] && c.sessionToken === exported['AWS_SESSION_TOKEN'],
    );
    if (!issued) throw new Error('the exported credentials are not the ones MinIO issued');
    if (exported['AWS_ENDPOINT_URL_S3'] !== minio?.standIn.url)
      throw new Error('AWS_ENDPOINT_URL_S3 does not point at MinIO');
    return `MinIO policy ${issued.commonName} (at ${exported['AWS_ENDPOINT_URL_S3']})`;
  },
};
