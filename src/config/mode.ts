/** Which mode a set of inputs asks for: the `mode` input, or inferred from the inputs only one mode uses. Pure. */
import { InputError } from '../errors.js';
import type { Mode } from './model.js';
import { MODES, SOURCES } from './sources/index.js';

/** Inputs that only one mode reads; their presence selects (or contradicts) that mode. */
export const MODE_INPUTS = Object.fromEntries(MODES.map((m) => [m, SOURCES[m].inputs])) as Record<Mode, readonly string[]>;

/** Inputs of the certificate modes, which OIDC and role-chaining never read: setting them there is a mistake. */
const CERTIFICATE_INPUTS = ['certificate', 'private-key', 'private-key-passphrase'];

export function resolveMode(get: (name: string) => string, roleChaining: boolean): Mode | 'role-chaining' {
  const given = (mode: Mode) => MODE_INPUTS[mode].filter((name) => get(name) !== '');
  const explicit = get('mode');

  if (roleChaining) {
    const clash = [...MODES.flatMap(given), ...CERTIFICATE_INPUTS.filter((name) => get(name) !== '')];
    if (explicit) clash.unshift('mode');
    if (clash.length > 0) {
      throw new InputError('role-chaining', `is true, which uses the credentials already in the environment, but ${list(clash)} ${clash.length > 1 ? 'are' : 'is'} also set`, 'Use role-chaining alone with role-to-assume, or remove role-chaining');
    }
    return 'role-chaining';
  }

  if (explicit) {
    if (!(MODES as readonly string[]).includes(explicit)) {
      throw new InputError('mode', `'${explicit}' is not a mode`, `Use one of ${MODES.join(', ')}, or leave it empty to infer the mode`);
    }
    const mode = explicit as Mode;
    const foreign = MODES.filter((m) => m !== mode).flatMap(given);
    if (mode === 'oidc') foreign.push(...CERTIFICATE_INPUTS.filter((name) => get(name) !== ''));
    if (foreign.length > 0) {
      throw new InputError('mode', `is ${mode}, but ${list(foreign)} belong${foreign.length > 1 ? '' : 's'} to another mode`, `Remove ${list(foreign)}, or change mode`);
    }
    return mode;
  }

  const candidates = MODES.filter((m) => given(m).length > 0);
  if (candidates.length > 1) {
    const clash = candidates.map((m) => `${given(m).join(', ')} (${m})`).join(' and ');
    throw new InputError('mode', `cannot be inferred: ${clash} are set together`, 'Keep the inputs of one mode only, or set mode explicitly');
  }
  if (candidates[0]) return candidates[0];
  if (get('certificate') !== '' || get('private-key') !== '') {
    throw new InputError('mode', 'cannot be inferred: a certificate is given without iot-credential-endpoint/role-alias (IoT) or trust-anchor-arn/profile-arn (Roles Anywhere)', 'Add the inputs of the mode you want, or set mode');
  }
  if (get('role-to-assume') !== '') return 'oidc';
  throw new InputError('role-to-assume', 'is required (no mode\'s inputs are set)', 'For OIDC set role-to-assume; for a certificate set iot-credential-endpoint and role-alias, or trust-anchor-arn and profile-arn');
}

function list(names: string[]): string {
  return names.join(', ');
}
