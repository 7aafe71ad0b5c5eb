/** Which mode a set of inputs asks for: the `mode` input, or inferred from the inputs only one mode uses. Pure. */
import { InputError } from '../errors.js';
import type { Mode } from './model.js';
import { MODES, SOURCES } from './sources/index.js';
import { MODE_NOT_INFERRED, NO_MODE_FIX, chainingClashProblem, strayInputsProblem } from './advice.js';

/** Inputs that only one mode reads; their presence selects (or contradicts) that mode. */
export const MODE_INPUTS = Object.fromEntries(MODES.map((m) => [m, SOURCES[m].inputs])) as Record<
  Mode,
  readonly string[]
>;

/** Every input a mode reads beyond the common ones: its own and those it shares with other modes. */
const READS = Object.fromEntries(
  MODES.map((m) => [m, new Set([...SOURCES[m].inputs, ...(SOURCES[m].sharedInputs ?? [])])]),
) as unknown as Record<Mode, ReadonlySet<string>>;

/** Inputs of the certificate modes, which OIDC and role-chaining never read: setting them there is a mistake. */
const CERTIFICATE_INPUTS = ['certificate', 'private-key', 'private-key-passphrase'];
const SHARED_INPUTS = [...new Set(MODES.flatMap((m) => SOURCES[m].sharedInputs ?? []))];

export function resolveMode(get: (name: string) => string, roleChaining: boolean): Mode | 'role-chaining' {
  const given = (mode: Mode) => MODE_INPUTS[mode].filter((name) => get(name) !== '');
  /** Set inputs that another mode reads and `mode` does not. */
  const foreignTo = (mode: Mode) => [
    ...MODES.filter((m) => m !== mode).flatMap(given),
    ...SHARED_INPUTS.filter((name) => get(name) !== '' && !READS[mode].has(name)),
  ];
  const explicit = get('mode');

  if (roleChaining) {
    const clash = [
      ...MODES.flatMap(given),
      ...[...CERTIFICATE_INPUTS, ...SHARED_INPUTS].filter((name) => get(name) !== ''),
    ];
    if (explicit) clash.unshift('mode');
    if (clash.length > 0) {
      throw new InputError(
        'role-chaining',
        chainingClashProblem(`${list(clash)} ${clash.length > 1 ? 'are' : 'is'}`),
        'Use role-chaining alone with role-to-assume, or remove role-chaining',
      );
    }
    return 'role-chaining';
  }

  if (explicit) {
    if (!(MODES as readonly string[]).includes(explicit)) {
      throw new InputError(
        'mode',
        `'${explicit}' is not a mode`,
        `Use one of ${MODES.join(', ')}, or leave it empty to infer the mode`,
      );
    }
    const mode = explicit as Mode;
    const foreign = foreignTo(mode);
    if (mode === 'oidc') foreign.push(...CERTIFICATE_INPUTS.filter((name) => get(name) !== ''));
    if (foreign.length > 0) {
      throw new InputError(
        'mode',
        `is ${mode}, but ${list(foreign)} belong${foreign.length > 1 ? '' : 's'} to another mode`,
        `Remove ${list(foreign)}, or change mode`,
      );
    }
    return mode;
  }

  const candidates = MODES.filter((m) => given(m).length > 0);
  if (candidates.length > 1) {
    const clash = candidates.map((m) => `${given(m).join(', ')} (${m})`).join(' and ');
    throw new InputError(
      'mode',
      `cannot be inferred: ${clash} are set together`,
      'Keep the inputs of one mode only, or set mode explicitly',
    );
  }
  const inferred = candidates[0];
  if (!inferred && (get('certificate') !== '' || get('private-key') !== '')) {
    throw new InputError('mode', MODE_NOT_INFERRED, 'Add the inputs of the mode you want, or set mode');
  }
  const mode = inferred ?? (get('role-to-assume') !== '' ? 'oidc' : undefined);
  if (mode) {
    const stray = foreignTo(mode);
    if (stray.length > 0) {
      const from = inferred ? list(given(inferred)) : 'role-to-assume';
      throw new InputError(
        'mode',
        strayInputsProblem(mode, from, `${list(stray)} ${stray.length > 1 ? 'are' : 'is'}`),
        `Remove ${list(stray)}, or keep the inputs of the mode that reads ${stray.length > 1 ? 'them' : 'it'}`,
      );
    }
    return mode;
  }
  throw new InputError('role-to-assume', "is required (no mode's inputs are set)", NO_MODE_FIX);
}

function list(names: string[]): string {
  return names.join(', ');
}
