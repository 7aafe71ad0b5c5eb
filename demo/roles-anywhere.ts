/** The Roles Anywhere row: CreateSession signed with the runner's certificate key, against the verifying stand-in. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../__tests__/support/action-runner.js';
import { createCa, issueCertificate, type IssuedCertificate } from '../__tests__/standins/pki.js';
import { startRolesAnywhereStandIn, type RolesAnywhereStandIn } from '../__tests__/standins/roles-anywhere-server.js';
import { runnerEnv, type DemoContext, type DemoMode } from './mode.js';

const ACCOUNT = '444455556666';
const TRUST_ANCHOR = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/0f4a1c2e-1111-2222-3333-444455556666`;
const PROFILE = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/9b8c7d6e-1111-2222-3333-444455556666`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci-from-certificate`;

interface RolesAnywherePeers {
  standIn: RolesAnywhereStandIn;
  runner: IssuedCertificate;
  /** A file with the CA of the stand-in's server certificate, for NODE_EXTRA_CA_CERTS. */
  serverCaFile: string;
}

const peers = new WeakMap<DemoContext, RolesAnywherePeers>();

export const rolesAnywhereMode: DemoMode = {
  name: 'roles-anywhere',
  setUp: async (ctx) => {
    const anchorCa = createCa('Demo Trust Anchor CA', { organization: 'octo-org' });
    const runner = issueCertificate(anchorCa, { commonName: 'runner', clientAuth: true });
    // The stand-in's own HTTPS certificate, from the Node PKI too, so that nothing shells out to openssl.
    const tlsCa = createCa('Roles Anywhere Stand-in TLS CA');
    const server = issueCertificate(tlsCa, {
      commonName: 'localhost',
      serverNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
      serverAuth: true,
    });
    const standIn = await startRolesAnywhereStandIn({
      region: ctx.region,
      trustAnchors: [{ arn: TRUST_ANCHOR, caPem: anchorCa.certPem }],
      profiles: [{ arn: PROFILE, roleArns: [ROLE] }],
      tls: { certPem: server.certPem, keyPem: server.keyPem, caPem: tlsCa.certPem },
      credentials: (session) => {
        const issued = ctx.sts.issue(session.roleArn, session.roleSessionName, session.durationSeconds);
        return {
          accessKeyId: issued.accessKeyId,
          secretAccessKey: issued.secretAccessKey,
          sessionToken: issued.sessionToken,
          expiration: issued.expiration.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        };
      },
    });
    ctx.defer(() => standIn.close());
    const dir = mkdtempSync(join(tmpdir(), 'aslc-demo-ra-'));
    ctx.defer(() => rmSync(dir, { recursive: true, force: true }));
    const serverCaFile = join(dir, 'stand-in-ca.pem');
    writeFileSync(serverCaFile, standIn.caCertPem);
    peers.set(ctx, { standIn, runner, serverCaFile });
  },
  run: async (ctx) => {
    const ra = peers.get(ctx);
    if (!ra) throw new Error('roles-anywhere: setUp did not run');
    return runAction('main', {
      inputs: {
        'aws-region': ctx.region,
        'trust-anchor-arn': TRUST_ANCHOR,
        'profile-arn': PROFILE,
        'role-to-assume': ROLE,
        certificate: ra.runner.certPem,
        'private-key': ra.runner.keyPem,
      },
      // A private endpoint's CA is trusted the way a user would trust it; verification stays on.
      env: runnerEnv(ctx, { AWS_ENDPOINT_URL_ROLESANYWHERE: ra.standIn.url, NODE_EXTRA_CA_CERTS: ra.serverCaFile }),
    });
  },
};
