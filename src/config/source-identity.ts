/**
 * `source-identity`: the SourceIdentity sent on every sts:AssumeRole hop, so CloudTrail ties each call made with the
 * credentials to this run; once set it stays with the session and every session chained from it. `run` (or `true`)
 * derives it from the run's GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT; any other value is sent as given. Pure.
 */
import { InputError, shownInput } from '../errors.js';
import type { Env, GetInput } from './sources/inputs.js';
import { SOURCE_IDENTITY_FIX, SOURCE_IDENTITY_NO_RUN } from './advice.js';

export const SOURCE_IDENTITY_INPUT = 'source-identity';

/** STS's AssumeRole constraints: 2 to 64 of `[\w+=,.@-]` (so never the `aws:` prefix AWS reserves: no colon). */
export const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;

/** The words that ask for the run-derived value instead of a literal one. */
const RUN_DERIVED = new Set(['run', 'true']);

/** Whether the step asked for CloudTrail correlation at all (the summary's lookup lines come with it). */
export function correlationRequested(get: GetInput): boolean {
  return get(SOURCE_IDENTITY_INPUT) !== '';
}

/** The SourceIdentity `value` asks for, or undefined when the input is empty. */
export function parseSourceIdentity(value: string, env: Env): string | undefined {
  if (value === '') return undefined;
  if (RUN_DERIVED.has(value.toLowerCase())) return runSourceIdentity(env);
  if (!SOURCE_IDENTITY.test(value))
    throw new InputError(
      SOURCE_IDENTITY_INPUT,
      `'${shownInput(value, 80)}' is not a source identity STS accepts`,
      SOURCE_IDENTITY_FIX,
    );
  return value;
}

/** `gha-<run id>-<attempt>`: the same on every step and every hop of one run attempt, so chained hops agree. */
export function runSourceIdentity(env: Env): string {
  const runId = env['GITHUB_RUN_ID'] ?? '';
  const attempt = env['GITHUB_RUN_ATTEMPT'] || '1';
  if (!/^[0-9]{1,20}$/.test(runId) || !/^[0-9]{1,10}$/.test(attempt)) {
    throw new InputError(SOURCE_IDENTITY_INPUT, SOURCE_IDENTITY_NO_RUN, SOURCE_IDENTITY_FIX);
  }
  return `gha-${runId}-${attempt}`;
}
