/** Every input the action declares in action.yml (a test keeps the two in step); the CLI accepts each as a flag. */
import { InputError } from '../errors.js';
import { unknownInputProblem } from './advice.js';

export const ACTION_INPUTS = [
  'aws-region',
  'mode',
  'role-to-assume',
  'role-session-name',
  'role-duration-seconds',
  'audience',
  'web-identity-token-file',
  'inline-session-policy',
  'managed-session-policies',
  'chain-role-arn',
  'role-external-id',
  'role-skip-session-tagging',
  'role-chaining',
  'iot-credential-endpoint',
  'role-alias',
  'thing-name',
  'certificate',
  'certificate-chain',
  'private-key',
  'private-key-passphrase',
  'ca-certificate',
  'trust-anchor-arn',
  'profile-arn',
  'minio-endpoint',
  'output-env-credentials',
  'output-credentials',
  'credentials-file',
  'profile',
  'mask-aws-account-id',
  'retry-max-attempts',
  'action-timeout-s',
  'http-proxy',
  'source-identity',
  'diagnose',
  // configure-aws-credentials's inputs, honoured as it does (or, for static keys, refused with the way out).
  'aws-profile',
  'overwrite-aws-profile',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  'no-proxy',
  'transitive-tag-keys',
  'custom-tags',
  'unset-current-credentials',
  'disable-retry',
  'special-characters-workaround',
  'use-existing-credentials',
  'allowed-account-ids',
  'force-skip-oidc',
  'sts-endpoint',
  'refresh-credentials',
  'refresh-margin-s',
] as const;

/** The runner's name for an input's variable: `INPUT_` + the name upper-cased, spaces to `_` (hyphens stay). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * Fails on any INPUT_* variable that names no declared input. The runner only warns about an unknown `with:` key, in
 * a line easy to miss, and a misspelt guardrail (allowed-account-id) would then silently do nothing.
 */
export function refuseUnknownInputs(
  env: Record<string, string | undefined>,
  known: readonly string[] = ACTION_INPUTS,
): void {
  const declared = new Set(known.map(inputVariable));
  const unknown = Object.keys(env)
    .filter((name) => name.startsWith('INPUT_') && !declared.has(name))
    .map((name) => name.slice('INPUT_'.length).toLowerCase())
    .sort();
  if (unknown.length === 0) return;
  throw new InputError(
    unknown[0]!,
    unknownInputProblem(unknown),
    `Check the spelling under with:. Valid inputs: ${[...known].sort().join(', ')}`,
  );
}
