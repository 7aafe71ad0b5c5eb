/**
 * The inputs configure-aws-credentials users bring that this project's own do not cover: static keys (refused, with
 * the way out), the account guardrail, the switches around the exchange. Pure.
 */
import { InputError } from '../errors.js';
import type { GuardOptions, Source } from './model.js';
import type { GetInput } from './sources/inputs.js';
import { parseBoolean, parseList } from './values.js';
import { FORCE_SKIP_OIDC_FIX, staticKeysProblem } from './advice.js';

const STATIC_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'] as const;

/** Long-lived keys are what this action exists to remove: refused, naming the three ways to do without them. */
export function refuseStaticKeys(get: GetInput): void {
  const given = STATIC_KEY_INPUTS.filter((name) => get(name) !== '');
  if (given.length === 0) return;
  throw new InputError(
    given[0]!,
    staticKeysProblem(given),
    'Remove the keys and use a short-lived identity: GitHub OIDC (role-to-assume with permissions: id-token: write; ' +
      'see "Migrating from configure-aws-credentials" in the README), an IoT certificate (iot-credential-endpoint, role-alias), ' +
      'or IAM Roles Anywhere (trust-anchor-arn, profile-arn); to hop from credentials an earlier step exported, use role-chaining: true',
  );
}

export function parseGuards(get: GetInput): GuardOptions {
  return {
    allowedAccountIds: parseAccountIds(get('allowed-account-ids')),
    useExistingCredentials: parseBoolean(get('use-existing-credentials'), 'use-existing-credentials', false),
    unsetCurrentCredentials: parseBoolean(get('unset-current-credentials'), 'unset-current-credentials', false),
    specialCharactersWorkaround: parseBoolean(
      get('special-characters-workaround'),
      'special-characters-workaround',
      false,
    ),
  };
}

/** `allowed-account-ids`: comma-separated 12-digit account ids. */
export function parseAccountIds(value: string): string[] {
  const ids = parseList(value);
  for (const id of ids) {
    if (!/^\d{12}$/.test(id)) {
      throw new InputError(
        'allowed-account-ids',
        `'${id}' is not a 12-digit AWS account id`,
        'List account ids separated by commas, e.g. 123456789012,210987654321',
      );
    }
  }
  return ids;
}

/**
 * `force-skip-oidc: true` says not to use the runner's id-token. Only OIDC from the runner's endpoint uses it; there
 * the step would have nothing to exchange, so it fails (as configure-aws-credentials does) naming what to give.
 */
export function checkForceSkipOidc(get: GetInput, source: Source): void {
  if (!parseBoolean(get('force-skip-oidc'), 'force-skip-oidc', false)) return;
  if (source.mode === 'oidc' && !source.tokenFile && !source.tokenEnv) {
    throw new InputError(
      'force-skip-oidc',
      "is true, but role-to-assume would be assumed with the runner's OIDC token",
      FORCE_SKIP_OIDC_FIX,
    );
  }
}

/** `transitive-tag-keys`: one key per line (or comma-separated). */
export function parseTagKeys(value: string, input: string): string[] {
  const keys = parseList(value);
  for (const key of keys) {
    if (key.length > 128 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(key)) {
      throw new InputError(
        input,
        `'${key}' is not a tag key`,
        'Use 1 to 128 letters, digits, spaces and _.:/=+-@ per key',
      );
    }
  }
  return keys;
}
