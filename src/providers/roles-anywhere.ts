/** Roles Anywhere mode: placeholder until the mode lands (issue: Roles Anywhere mode). */
import type { Config, RolesAnywhereSource } from '../config/model.js';
import type { Session } from '../credentials.js';
import { InputError } from '../errors.js';
import type { ProviderContext } from './context.js';

export async function rolesAnywhereSession(_config: Config, _source: RolesAnywhereSource, _ctx: ProviderContext): Promise<Session> {
  throw new InputError('mode', 'roles-anywhere is not available in this version', 'Use mode: oidc');
}
