/** The IoT certificate row: the runner's device certificate over mutual TLS to a Node stand-in of the credentials provider. */
import { createHash } from 'node:crypto';
import { runAction } from '../__tests__/support/action-runner.js';
import { formatExpiration } from '../__tests__/standins/iot-credentials-rules.js';
import { startIotNodeStandIn, type IotNodeStandIn } from '../__tests__/standins/iot-node-standin.js';
import { createCa, issueCertificate, type IssuedCertificate } from '../__tests__/standins/pki.js';
import { runnerEnv, type DemoContext, type DemoMode } from './mode.js';

const ROLE = 'arn:aws:iam::111122223333:role/ci-iot';
const ROLE_ALIAS = 'ci-role-alias';
const THING = 'runner-7';

interface IotPeers {
  standIn: IotNodeStandIn;
  device: IssuedCertificate;
}

const peers = new WeakMap<DemoContext, IotPeers>();

export const iotMode: DemoMode = {
  name: 'iot-certificate',
  // Plain IoT mode: the credentials provider answers credentials only, so the step cannot name the role.
  reportsAssumedRoleArn: false,
  setUp: async (ctx) => {
    const deviceCa = createCa('Demo Device CA', { organization: 'octo-org' });
    const device = issueCertificate(deviceCa, { commonName: THING, clientAuth: true });
    // IoT names the role session after the certificate id, the SHA-256 of the certificate's DER.
    const certificateIds = new Map([
      [
        createHash('sha1').update(device.cert.raw).digest('hex'),
        createHash('sha256').update(device.cert.raw).digest('hex'),
      ],
    ]);
    const standIn = await startIotNodeStandIn({
      clientCaPem: deviceCa.certPem,
      roleAliases: { [ROLE_ALIAS]: { roleArn: ROLE } },
      credentials: (mint) => {
        const issued = ctx.sts.issue(
          mint.roleArn,
          certificateIds.get(mint.fingerprint) ?? mint.fingerprint,
          mint.durationSeconds,
        );
        return {
          accessKeyId: issued.accessKeyId,
          secretAccessKey: issued.secretAccessKey,
          sessionToken: issued.sessionToken,
          expiration: formatExpiration(issued.expiration),
        };
      },
    });
    ctx.defer(() => standIn.close());
    standIn.register(device.certPem, THING);
    peers.set(ctx, { standIn, device });
  },
  run: async (ctx) => {
    const iot = peers.get(ctx);
    if (!iot) throw new Error('iot-certificate: setUp did not run');
    return runAction('main', {
      inputs: {
        'aws-region': ctx.region,
        'iot-credential-endpoint': iot.standIn.url,
        'role-alias': ROLE_ALIAS,
        'thing-name': THING,
        certificate: iot.device.certPem,
        'private-key': iot.device.keyPem,
        'ca-certificate': iot.standIn.serverCaPem,
      },
      env: runnerEnv(ctx),
      hosts: { [iot.standIn.endpointHost]: '127.0.0.1' },
    });
  },
};
