/** The `refresh-credentials` and `refresh-margin-s` inputs: whether a refreshing local endpoint delivers. Pure. */
import { parseBoolean, parseInteger } from './values.js';
import type { GetInput } from './sources/inputs.js';

export interface RefreshOptions {
  enabled: boolean;
  /** How long before expiry to refresh; unset: the default (answers stay 15 minutes from expiry). */
  marginMs?: number;
}

export function parseRefreshInputs(get: GetInput): RefreshOptions {
  const enabled = parseBoolean(get('refresh-credentials'), 'refresh-credentials', false);
  const margin = get('refresh-margin-s');
  return margin === ''
    ? { enabled }
    : { enabled, marginMs: 1000 * parseInteger(margin, 'refresh-margin-s', 0, 43200, 'seconds') };
}
