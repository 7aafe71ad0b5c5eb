/** `refresh-margin-s`, read the same way by the action's endpoint, the CLI's cache and `serve`. Pure. */
import { STS_MAX_DURATION_SECONDS } from './limits.js';
import type { GetInput } from './sources/inputs.js';
import { parseInteger } from './values.js';

/** The margin in milliseconds, or undefined when the input is unset (each caller has its own default). */
export function parseRefreshMarginMs(get: GetInput): number | undefined {
  const margin = get('refresh-margin-s');
  return margin === ''
    ? undefined
    : 1000 * parseInteger(margin, 'refresh-margin-s', 0, STS_MAX_DURATION_SECONDS, 'seconds');
}
