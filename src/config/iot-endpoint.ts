/** The IoT credentials provider endpoint, from a host name or an explicit https URL. Pure. */
import { InputError } from '../errors.js';
import { describeUrl, requireHttpsEndpoint } from './endpoint-url.js';

const DESCRIBE = 'aws iot describe-endpoint --endpoint-type iot:CredentialProvider';

/** Returns `https://host[:port]`. A bare host must look like an IoT credentials endpoint; a URL is trusted as given. */
export function normaliseIotEndpoint(value: string, input: string): string {
  if (value === '') {
    throw new InputError(input, 'is required', `Find your account's endpoint with: ${DESCRIBE}`);
  }
  if (/^[a-z]+:\/\//i.test(value)) {
    const url = requireHttpsEndpoint(value, input, 'The credentials provider is reached over TLS only: use https://');
    if ((url.pathname !== '/' && url.pathname !== '') || url.search) {
      throw new InputError(
        input,
        `'${describeUrl(url)}' has a path`,
        `Give the host only; the action adds /role-aliases/<alias>/credentials`,
      );
    }
    return `https://${url.host}`;
  }
  if (!/^[a-z0-9]+\.credentials\.iot(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i.test(value)) {
    const hint =
      /\.iot\.[a-z0-9-]+\.amazonaws\.com/i.test(value) && !/credentials/.test(value)
        ? 'This looks like the IoT data endpoint, not the credentials provider.'
        : 'It does not look like <prefix>.credentials.iot.<region>.amazonaws.com.';
    throw new InputError(
      input,
      `'${value}' is not an IoT credentials endpoint. ${hint}`,
      `Use the host printed by: ${DESCRIBE} (or an explicit https:// URL)`,
    );
  }
  return `https://${value.toLowerCase()}`;
}
