/** Roles Anywhere mode: CreateSession, signed with the certificate's private key (SigV4-X509). */
import type { RolesAnywhereSource } from '../config/model.js';
import { certificateDer, certificateSerialDecimal } from '../pki/certificate.js';
import { signCreateSession, CREATE_SESSION_PATH } from '../signing/sigv4-x509.js';
import { sourceMaterial } from './certificate-material.js';
import type { Provider } from './context.js';
import { networkFailure, retrying, send } from './context.js';
import { serviceEndpoint } from './endpoints.js';
import { parseCreateSession, rolesAnywhereError } from './roles-anywhere-response.js';

export const CREATE_SESSION_CALL = 'rolesanywhere:CreateSession';

export const rolesAnywhereProvider: Provider<RolesAnywhereSource> = async (source, config, ctx) => {
  const material = await sourceMaterial(source, ctx, { pkcs12Allowed: true });
  const endpoint = serviceEndpoint(
    'rolesanywhere',
    source.region,
    config.endpoints?.rolesAnywhere,
    config.endpoints?.fips,
  );
  const url = new URL(CREATE_SESSION_PATH, `${endpoint}/`);
  const body = JSON.stringify({
    durationSeconds: config.session.durationSeconds,
    profileArn: source.profileArn,
    roleArn: source.roleArn,
    trustAnchorArn: source.trustAnchorArn,
    // Only a name the user chose: a profile that does not accept session names rejects any.
    ...(config.session.sessionNameGiven ? { roleSessionName: config.session.sessionName } : {}),
  });
  const signing = {
    host: url.host,
    region: source.region,
    body,
    certificateDer: certificateDer(material.certificate),
    chainDer: material.chain.map(certificateDer),
    serialDecimal: certificateSerialDecimal(material.certificate),
    key: material.key,
  };

  return retrying(ctx, CREATE_SESSION_CALL, async (attempt, timeoutMs) => {
    // Signed per attempt: X-Amz-Date must be fresh, AWS allows five minutes of skew.
    const headers = signCreateSession({ ...signing, now: new Date(ctx.clock.now()) });
    ctx.debug(`${CREATE_SESSION_CALL}: attempt ${attempt} to ${endpoint}`);
    const res = await send(ctx, { url: url.toString(), method: 'POST', headers, body, timeoutMs }, (err) =>
      networkFailure(
        CREATE_SESSION_CALL,
        err,
        `check the trust anchor's region and AWS_ENDPOINT_URL_ROLESANYWHERE (${endpoint})`,
      ),
    );
    if (res.status < 200 || res.status > 299)
      throw rolesAnywhereError(res.status, res.headers['x-amzn-errortype'], res.body);
    return parseCreateSession(res.body, new Date(ctx.clock.now()), endpoint);
  });
};
