/** Turns the action's raw inputs into a validated Config. Pure: inputs, environment and clock are passed in. */
import { InputError } from '../errors.js';
import { parsePolicyArn, parseRoleArn } from './arn.js';
import type { Config, Mode, OidcSource, RunnerIdentitySource, Source } from './model.js';
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
import { requireInput, sharedFiles, type Env, type GetInput } from './sources/inputs.js';
import {
  CHAINED_MAX_SECONDS,
  DEFAULT_DURATION_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  MAX_TIMEOUT_SECONDS,
  STS_MAX_DURATION_SECONDS,
  STS_MIN_DURATION_SECONDS,
} from './limits.js';
import { parseProxyUrl, proxyVariables } from './proxy.js';
import { environmentCredentials, serviceEndpoints } from './environment.js';
import { checkForceSkipOidc, parseGuards, parseTagKeys, refuseStaticKeys } from './peer-inputs.js';
import { parseCustomTags, runContextFromEnv } from './session-tags.js';
import { requireSecureEndpoint } from './endpoint-url.js';
import { runUserAgent } from './run-user-agent.js';
import {
  IOT_DURATION_FIX,
  NO_BASE_FIX,
  NO_BASE_FOR_CHAINING,
  NO_BASE_WITHOUT_ID_TOKEN,
  ignoredSourceIdentityWarning,
  ignoredTagsWarning,
} from './advice.js';
import { parseSourceIdentity, SOURCE_IDENTITY_INPUT } from './source-identity.js';
import { runnerBaseOf } from './runner-identity.js';

export function buildConfig(get: GetInput, env: Env, now: Date, homeDir: string): Config {
  refuseStaticKeys(get);
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
  checkForceSkipOidc(get, source);

  const durationInput = get('role-duration-seconds');
  const chainRoleArn = get('chain-role-arn') || undefined;
  // A bare role name takes the account of the credentials that assume it, as configure-aws-credentials does.
  if (chainRoleArn && !isRoleName(chainRoleArn)) parseRoleArn(chainRoleArn, 'chain-role-arn');
  if (source.mode === 'iot-certificate' && durationInput !== '' && !chainRoleArn) {
    throw new InputError(
      'role-duration-seconds',
      'does not apply in iot-certificate mode: the role alias sets the session length',
      IOT_DURATION_FIX,
    );
  }
  const durationSeconds =
    durationInput === ''
      ? DEFAULT_DURATION_SECONDS
      : parseInteger(
          durationInput,
          'role-duration-seconds',
          STS_MIN_DURATION_SECONDS,
          spec?.maxDurationSeconds ?? STS_MAX_DURATION_SECONDS,
          'seconds',
        );
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
      sessionName:
        sessionNameInput === ''
          ? defaultSessionName(env, now)
          : parseSessionName(sessionNameInput, 'role-session-name'),
      sessionNameGiven: sessionNameInput !== '',
      durationSeconds,
      inlinePolicy: parseInlinePolicy(get('inline-session-policy'), 'inline-session-policy'),
      managedPolicyArns: managedPolicies(get('managed-session-policies')),
      externalId: externalId(get('role-external-id')),
      sessionTags: !parseBoolean(get('role-skip-session-tagging'), 'role-skip-session-tagging', false),
      customTags: parseCustomTags(get('custom-tags'), 'custom-tags'),
      transitiveTagKeys: parseTagKeys(get('transitive-tag-keys'), 'transitive-tag-keys'),
    },
    retry: buildRetry(get),
    guards: parseGuards(get),
    warnings: [],
  };
  // configure-aws-credentials checks these, then drops them without a word when no sts:AssumeRole call is made; here
  // they are checked and dropped the same way, with a warning, so a migrated workflow runs but nobody assumes tags.
  if (!assumesRole(source) && !chainRoleArn) {
    for (const input of ['custom-tags', 'transitive-tag-keys'] as const) {
      if (get(input)) config.warnings.push(ignoredTagsWarning(input, source.mode));
    }
    config.session.customTags = [];
    config.session.transitiveTagKeys = [];
  }
  const sourceIdentity = parseSourceIdentity(get(SOURCE_IDENTITY_INPUT), env);
  if (sourceIdentity && (assumesRole(source) || chainRoleArn)) config.session.sourceIdentity = sourceIdentity;
  else if (sourceIdentity) config.warnings.push(ignoredSourceIdentityWarning(source.mode));
  if (chainRoleArn) config.chainRoleArn = chainRoleArn;
  if (get('http-proxy')) config.httpProxy = parseProxyUrl(get('http-proxy'), 'http-proxy').toString();
  if (get('no-proxy')) config.noProxy = get('no-proxy');
  if (get('sts-endpoint')) config.stsEndpoint = requireSecureEndpoint(get('sts-endpoint'), 'sts-endpoint').toString();
  readEnvironment(config, env);
  return config;
}

/** What the exchange needs from the environment, read here once: providers take these values, never `env`. */
function readEnvironment(config: Config, env: Env): void {
  const endpoints = serviceEndpoints(env);
  if (endpoints) config.endpoints = endpoints;
  const proxies = proxyVariables(env);
  if (proxies) config.proxyVariables = proxies;
  // Only an sts:AssumeRole hop sends the run's tags (the same GITHUB_* variables @actions/github's context reads).
  if (config.session.sessionTags && (assumesRole(config.source) || config.chainRoleArn))
    config.runContext = runContextFromEnv(env);
  const run = runUserAgent(env);
  if (run.fields.length > 0) config.userAgentFields = run.fields;
  config.warnings.push(...run.warnings);
  if (config.source.mode === 'role-chaining' || config.guards.useExistingCredentials) {
    const credentials = environmentCredentials(env);
    if (credentials) config.environmentCredentials = credentials;
  }
}

function buildRetry(get: GetInput): Config['retry'] {
  const timeoutInput = get('action-timeout-s');
  const timeoutSeconds =
    timeoutInput === '' || timeoutInput === '0'
      ? MAX_TIMEOUT_SECONDS
      : parseInteger(timeoutInput, 'action-timeout-s', 0, MAX_TIMEOUT_SECONDS, 'seconds');
  const disabled = parseBoolean(get('disable-retry'), 'disable-retry', false);
  // configure-aws-credentials: the workaround asks again until the key is clean, so it turns retries back on at 12.
  const workaround = parseBoolean(get('special-characters-workaround'), 'special-characters-workaround', false);
  const given =
    get('retry-max-attempts') === ''
      ? DEFAULT_MAX_ATTEMPTS
      : parseInteger(get('retry-max-attempts'), 'retry-max-attempts', 1, 100, 'attempts');
  return { maxAttempts: workaround ? DEFAULT_MAX_ATTEMPTS : disabled ? 1 : given, timeoutMs: 1000 * timeoutSeconds };
}

/** Sources whose role is assumed with sts:AssumeRole, which sends the session tags. */
function assumesRole(source: Source): boolean {
  return source.mode === 'role-chaining' || source.mode === 'runner-identity';
}

/** A role name with no ARN around it (`deploy`, `role/deploy`, `path/deploy`). */
export function isRoleName(value: string): boolean {
  return !value.startsWith('arn:') && /^(?:role\/)?(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/.test(value);
}

function buildSource(mode: Mode | 'role-chaining', get: GetInput, env: Env, homeDir: string): Source {
  if (mode !== 'role-chaining') {
    const source = SOURCES[mode].build(get, env, homeDir);
    return source.mode === 'oidc' && withoutIdToken(source, get)
      ? heldCredentials(get, env, homeDir, 'no-id-token')
      : source;
  }
  requireInput(
    get,
    'role-to-assume',
    'role-chaining: true assumes this role with the credentials already in the environment',
  );
  if (!isRoleName(get('role-to-assume'))) parseRoleArn(get('role-to-assume'), 'role-to-assume');
  return heldCredentials(get, env, homeDir, 'role-chaining');
}

/**
 * configure-aws-credentials's rule: role-to-assume with no id-token request (or force-skip-oidc), no token file and
 * no mode asked for is assumed with what the SDK's default chain finds. `issuer` is the CLI's login.
 */
function withoutIdToken(source: OidcSource, get: GetInput): boolean {
  if (get('mode') !== '' || get('issuer') !== '' || source.tokenFile || source.tokenEnv) return false;
  return !source.runnerRequest || parseBoolean(get('force-skip-oidc'), 'force-skip-oidc', false);
}

/** The credentials the job already holds, in the SDK's order: the AWS_* keys, AWS_PROFILE, the runner's identity. */
function heldCredentials(get: GetInput, env: Env, homeDir: string, reason: RunnerIdentitySource['reason']): Source {
  const roleArn = get('role-to-assume');
  const mode = 'role-chaining';
  if (env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY']) return { mode, roleArn };
  // configure-aws-credentials reads AWS_PROFILE through the SDK's chain: its README chains profiles this way.
  if (env['AWS_PROFILE']) {
    const { credentialsFile } = sharedFiles(env, homeDir);
    return { mode, roleArn, profile: { name: env['AWS_PROFILE'], credentialsFile } };
  }
  const base = runnerBaseOf(env);
  if (base) return { mode: 'runner-identity', roleArn, base, reason };
  if (reason === 'role-chaining') throw new InputError('role-chaining', NO_BASE_FOR_CHAINING, NO_BASE_FIX);
  throw new InputError('role-to-assume', NO_BASE_WITHOUT_ID_TOKEN, NO_BASE_FIX);
}

function managedPolicies(value: string): string[] {
  const arns = parseList(value);
  for (const arn of arns) parsePolicyArn(arn, 'managed-session-policies');
  if (arns.length > 10) {
    throw new InputError(
      'managed-session-policies',
      `lists ${arns.length} policies; STS accepts at most 10`,
      'Remove some, or combine them into one policy',
    );
  }
  return arns;
}

function externalId(value: string): string | undefined {
  if (value === '') return undefined;
  if (!/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
    throw new InputError(
      'role-external-id',
      'contains characters STS does not accept, or is shorter than 2',
      'Use 2 to 1224 characters from letters, digits and +=,.@:/-',
    );
  }
  return value;
}
