/** Service endpoints, resolved the way the AWS SDKs do: service-specific env, then global env, then the region's. Pure. */
import { requireSecureEndpoint } from '../config/endpoint-url.js';

type Env = Record<string, string | undefined>;

export function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** `serviceEnvId` is the SDK's env suffix, e.g. `STS` for `AWS_ENDPOINT_URL_STS`, `ROLESANYWHERE`. */
export function serviceEndpoint(hostPrefix: string, serviceEnvId: string, region: string, env: Env): string {
  const configured = configuredEndpoint(serviceEnvId, env);
  if (configured) return configured;
  const fips = env['AWS_USE_FIPS_ENDPOINT']?.toLowerCase() === 'true' ? '-fips' : '';
  return `https://${hostPrefix}${fips}.${region}.${dnsSuffix(region)}`;
}

/** The endpoint set by AWS_ENDPOINT_URL_<service> or AWS_ENDPOINT_URL, checked, as the SDKs read them; else undefined. */
export function configuredEndpoint(serviceEnvId: string, env: Env): string | undefined {
  if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true') return undefined;
  for (const name of [`AWS_ENDPOINT_URL_${serviceEnvId}`, 'AWS_ENDPOINT_URL']) {
    const value = env[name];
    if (value) return checkedUrl(value, name);
  }
  return undefined;
}

/** A pure check the SDK-based transport can call too: refuses cleartext off loopback and URLs carrying a password. */
function checkedUrl(value: string, name: string): string {
  requireSecureEndpoint(value, name);
  return value.trim().replace(/\/+$/, '');
}
