/** Turns the action's raw inputs into a validated Config. Pure: inputs, environment and clock are passed in. */
import { InputError } from '../errors.js';
import { parsePolicyArn, parseRoleArn } from './arn.js';
import type { Config, DeliveryOptions, Mode, Source } from './model.js';
import { resolveMode } from './mode.js';
import {
  defaultSessionName,
  parseBoolean,
  parseInlinePolicy,
  parseInteger,
  parseList,
  parseRegion,
  parseSessionName,
} from './values.js';
import { SOURCES } from './sources/index.js';
import { expandHome, requireInput, type Env, type GetInput } from './sources/inputs.js';
import { parseProxyUrl } from '../http/proxy.js';
import { join, dirname } from 'node:path';

export type { Env, GetInput };
export { expandHome };
export const DEFAULT_DURATION_SECONDS = 3600;
/** STS's longest session, the bound of role-duration-seconds unless a mode's service grants longer. */
export const STS_MAX_DURATION_SECONDS = 43200;
export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_TIMEOUT_SECONDS = 120;
/** STS caps a session reached by role chaining at one hour. */
export const CHAINED_MAX_SECONDS = 3600;

export function buildConfig(get: GetInput, env: Env, now: Date, homeDir: string): Config {
  const roleChaining = parseBoolean(get('role-chaining'), 'role-chaining', false);
  // Region first: a missing one is the commonest mistake and reads best before any mode's own complaint.
  if (get('aws-region') !== '') parseRegion(get('aws-region'), 'aws-region');
  const mode = resolveMode(get, roleChaining);
  const spec = mode === 'role-chaining' ? undefined : SOURCES[mode];
  const region = parseRegion(get('aws-region') || spec?.defaultRegion || '', 'aws-region');
  for (const [input, reason] of Object.entries(spec?.refusedInputs ?? {})) {
    if (get(input) !== '') throw new InputError(input, `does not apply in ${mode} mode: ${reason}`, `Remove ${input}`);
  }
  const source = buildSource(mode, get, env, homeDir);

  const durationInput = get('role-duration-seconds');
  const chainRoleArn = get('chain-role-arn') || undefined;
  if (chainRoleArn) parseRoleArn(chainRoleArn, 'chain-role-arn');
  if (source.mode === 'iot-certificate' && durationInput !== '' && !chainRoleArn) {
    throw new InputError(
      'role-duration-seconds',
      'does not apply in iot-certificate mode: the role alias sets the session length',
      'Remove it, or change the alias: aws iot update-role-alias --role-alias <alias> --credential-duration-seconds <n>',
    );
  }
  const durationSeconds = durationInput === ''
    ? DEFAULT_DURATION_SECONDS
    : parseInteger(durationInput, 'role-duration-seconds', 900, spec?.maxDurationSeconds ?? STS_MAX_DURATION_SECONDS, 'seconds');
  if (source.mode === 'role-chaining' && durationSeconds > CHAINED_MAX_SECONDS && env['AWS_SESSION_TOKEN']) {
    throw new InputError(
      'role-duration-seconds',
      `${durationSeconds} exceeds the 1 hour limit STS sets on sessions reached by role chaining`,
      `Set role-duration-seconds to ${CHAINED_MAX_SECONDS} or less`,
    );
  }

  const sessionNameInput = get('role-session-name');
  const config: Config = {
    region,
    source,
    session: {
      sessionName: sessionNameInput === '' ? defaultSessionName(env, now) : parseSessionName(sessionNameInput, 'role-session-name'),
      sessionNameGiven: sessionNameInput !== '',
      durationSeconds,
      inlinePolicy: parseInlinePolicy(get('inline-session-policy'), 'inline-session-policy'),
      managedPolicyArns: managedPolicies(get('managed-session-policies')),
      externalId: externalId(get('role-external-id')),
      sessionTags: !parseBoolean(get('role-skip-session-tagging'), 'role-skip-session-tagging', false),
    },
    delivery: buildDelivery(get, env, homeDir),
    retry: {
      maxAttempts: get('retry-max-attempts') === '' ? DEFAULT_MAX_ATTEMPTS : parseInteger(get('retry-max-attempts'), 'retry-max-attempts', 1, 100, 'attempts'),
      timeoutMs: 1000 * (get('action-timeout-s') === '' ? DEFAULT_TIMEOUT_SECONDS : parseInteger(get('action-timeout-s'), 'action-timeout-s', 1, 3600, 'seconds')),
    },
  };
  if (chainRoleArn) config.chainRoleArn = chainRoleArn;
  if (get('http-proxy')) config.httpProxy = parseProxyUrl(get('http-proxy'), 'http-proxy').toString();
  return config;
}

function buildSource(mode: Mode | 'role-chaining', get: GetInput, env: Env, homeDir: string): Source {
  if (mode !== 'role-chaining') return SOURCES[mode].build(get, env, homeDir);
  requireInput(get, 'role-to-assume', 'role-chaining: true assumes this role with the credentials already in the environment');
  parseRoleArn(get('role-to-assume'), 'role-to-assume');
  if (!env['AWS_ACCESS_KEY_ID'] || !env['AWS_SECRET_ACCESS_KEY']) {
    throw new InputError('role-chaining', 'is true but no AWS credentials are in the environment', 'Run a step that exports AWS credentials first, or remove role-chaining');
  }
  return { mode, roleArn: get('role-to-assume') };
}

function buildDelivery(get: GetInput, env: Env, homeDir: string): DeliveryOptions {
  const delivery: DeliveryOptions = {
    env: parseBoolean(get('output-env-credentials'), 'output-env-credentials', true),
    outputs: parseBoolean(get('output-credentials'), 'output-credentials', false),
    maskAccountId: parseBoolean(get('mask-aws-account-id'), 'mask-aws-account-id', false),
  };
  const file = expandHome(get('credentials-file'), homeDir);
  const profile = get('profile');
  if (file || profile) {
    if (profile && !/^[\w+=,.@-]{1,64}$/.test(profile)) {
      throw new InputError('profile', `'${profile}' is not a usable profile name`, 'Use letters, digits and +=,.@_- only');
    }
    const credentialsFile = file || env['AWS_SHARED_CREDENTIALS_FILE'] || join(homeDir, '.aws', 'credentials');
    delivery.credentialsFile = credentialsFile;
    // The region goes beside the credentials: the config file next to an explicit credentials file, else AWS's own.
    delivery.configFile = file ? join(dirname(credentialsFile), 'config') : env['AWS_CONFIG_FILE'] || join(homeDir, '.aws', 'config');
    delivery.profile = profile || 'default';
  }
  if (!delivery.env && !delivery.outputs && !delivery.credentialsFile) {
    throw new InputError('output-env-credentials', 'is false and no other delivery is chosen, so the credentials would go nowhere', 'Set profile/credentials-file, or output-credentials: true');
  }
  return delivery;
}


function managedPolicies(value: string): string[] {
  const arns = parseList(value);
  for (const arn of arns) parsePolicyArn(arn, 'managed-session-policies');
  if (arns.length > 10) {
    throw new InputError('managed-session-policies', `lists ${arns.length} policies; STS accepts at most 10`, 'Remove some, or combine them into one policy');
  }
  return arns;
}

function externalId(value: string): string | undefined {
  if (value === '') return undefined;
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
    throw new InputError('role-external-id', 'contains characters STS does not accept, or is shorter than 2', 'Use 2 to 1224 characters from letters, digits and +=,.@:/-');
  }
  return value;
}
