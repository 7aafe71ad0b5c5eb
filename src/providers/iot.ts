/** IoT certificate mode: the AWS IoT Core credentials provider over mutual TLS. */
import type { IotSource } from '../config/model.js';
import { AwsError } from '../errors.js';
import type { NetworkError } from '../http/request.js';
import type { Provider } from './context.js';
import { networkFailure, retrying, send } from './context.js';
import { IOT_CERTIFICATE_REFUSED_FIX, iotError, parseIotCredentials } from './iot-response.js';
import { iotCredentialsRequest } from './iot-request.js';
import { mutualTls } from './client-tls.js';

export const IOT_CALL = 'iot:AssumeRoleWithCertificate';

export const iotProvider: Provider<IotSource> = async (source, _config, ctx) => {
  const { url, headers } = iotCredentialsRequest(source.endpoint, source.roleAlias, source.thingName);
  const tls = await mutualTls(source, ctx, { pkcs12Allowed: false });

  return retrying(ctx, IOT_CALL, async (attempt, timeoutMs) => {
    ctx.debug(`${IOT_CALL}: attempt ${attempt} to ${source.endpoint}`);
    const res = await send(ctx, { url, method: 'GET', headers, timeoutMs, tls }, iotNetworkFailure);
    if (res.status !== 200) throw iotError(res.status, res.body, source);
    return parseIotCredentials(res.body, new Date(ctx.clock.now()), source.endpoint);
  });
};

/** TLS alerts in the handshake mean the endpoint refused the certificate: permanent, and worth explaining. */
function iotNetworkFailure(err: NetworkError): AwsError {
  if (/ALERT|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNKNOWN_CA|HANDSHAKE/i.test(err.code + err.message)) {
    return new AwsError(
      IOT_CALL,
      err.code,
      'the endpoint refused the client certificate during the TLS handshake',
      IOT_CERTIFICATE_REFUSED_FIX,
      false,
    );
  }
  return networkFailure(
    IOT_CALL,
    err,
    'check iot-credential-endpoint (aws iot describe-endpoint --endpoint-type iot:CredentialProvider)',
  );
}
