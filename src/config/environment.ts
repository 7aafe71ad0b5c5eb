/**
 * What the process environment tells the exchange, read once into the config: the endpoints it configures, the
 * runner's id-token request, the AWS_* keys. Providers take these values and never see the environment. Pure: a URL
 * is checked where it is used (providers/endpoints.ts), so a variable that no request needs never fails a step.
 */
import type { Credentials } from '../credentials.js';
import type { EndpointSetting, ServiceEndpoints } from './model.js';
import type { Env } from './sources/inputs.js';

/** The services whose endpoint variables are read, by the SDK's variable suffix. */
const SERVICES = { sts: 'STS', rolesAnywhere: 'ROLESANYWHERE' } as const;

/**
 * AWS_ENDPOINT_URL_<service>, else AWS_ENDPOINT_URL (none with AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true), and
 * AWS_USE_FIPS_ENDPOINT, as the SDKs read them; undefined when the environment sets none of them.
 */
export function serviceEndpoints(env: Env): ServiceEndpoints | undefined {
  const endpoints: ServiceEndpoints = {};
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() !== 'true') {
    for (const [key, suffix] of Object.entries(SERVICES) as Array<[keyof typeof SERVICES, string]>) {
      const setting = endpointSetting(env, [`AWS_ENDPOINT_URL_${suffix}`, 'AWS_ENDPOINT_URL']);
      if (setting) endpoints[key] = setting;
    }
  }
  if (env['AWS_USE_FIPS_ENDPOINT']?.toLowerCase() === 'true') endpoints.fips = true;
  return Object.keys(endpoints).length > 0 ? endpoints : undefined;
}

function endpointSetting(env: Env, names: string[]): EndpointSetting | undefined {
  for (const variable of names) {
    const url = env[variable];
    // An empty variable is unset.
    if (url) return { variable, url };
  }
  return undefined;
}

/** The environment's AWS_* keys, when it holds both an access key id and a secret key. */
export function environmentCredentials(env: Env): Credentials | undefined {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const credentials: Credentials = { accessKeyId, secretAccessKey };
  if (env['AWS_SESSION_TOKEN']) credentials.sessionToken = env['AWS_SESSION_TOKEN'];
  return credentials;
}

/**
 * The runner's id-token request (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN), when both are set; the URL is checked when
 * sent.
 */
export function runnerTokenRequestOf(env: Env): { url: string; bearer: string } | undefined {
  const url = env['ACTIONS_ID_TOKEN_REQUEST_URL'];
  const bearer = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  return url && bearer ? { url, bearer } : undefined;
}
