/**
 * Service endpoints, resolved the way the AWS SDKs do: the configured URL (config.endpoints), else the region's. Pure.
 */
import { requireSecureEndpoint } from '../config/endpoint-url.js';
import type { EndpointSetting } from '../config/model.js';

export function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The configured URL (checked), else the region's host for `hostPrefix`, FIPS when asked. */
export function serviceEndpoint(
  hostPrefix: string,
  region: string,
  setting: EndpointSetting | undefined,
  fips: boolean | undefined,
): string {
  const configured = configuredEndpoint(setting);
  if (configured) return configured;
  return `https://${hostPrefix}${fips ? '-fips' : ''}.${region}.${dnsSuffix(region)}`;
}

/** The endpoint AWS_ENDPOINT_URL_<service> or AWS_ENDPOINT_URL set, checked and naming its variable; else undefined. */
export function configuredEndpoint(setting: EndpointSetting | undefined): string | undefined {
  if (!setting) return undefined;
  // Refuses cleartext off loopback and URLs carrying a password (the SDK-based transport relies on it too).
  requireSecureEndpoint(setting.url, setting.variable);
  return setting.url.trim().replace(/\/+$/, '');
}
