/** Turns the action's raw inputs into a validated Config. Pure: inputs, environment and clock are passed in. */
import { InputError } from '../errors.js';
import { parsePolicyArn, parseRegionalArn, parseRoleArn } from './arn.js';
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
import { normaliseIotEndpoint } from './iot-endpoint.js';
import { parseProxyUrl } from '../http/proxy.js';
import { join, dirname } from 'node:path';

export type GetInput = (name: string) => string;
export type Env = Record<string, string | undefined>;

export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
export const DEFAULT_DURATION_SECONDS = 3600;
export const DEFAULT_MAX_ATTEMPTS = 10;
export const DEFAULT_TIMEOUT_SECONDS = 120;
/** STS caps a session reached by role chaining at one hour. */
export const CHAINED_MAX_SECONDS = 3600;

export function buildConfig(get: GetInput, env: Env, now: Date, homeDir: string): Config {
  const region = parseRegion(get('aws-region'), 'aws-region');
  const roleChaining = parseBoolean(get('role-chaining'), 'role-chaining', false);
  const mode = resolveMode(get, roleChaining);
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
    : parseInteger(durationInput, 'role-duration-seconds', 900, 43200, 'seconds');
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
  switch (mode) {
    case 'role-chaining':
      requireInput(get, 'role-to-assume', 'role-chaining: true assumes this role with the credentials already in the environment');
      parseRoleArn(get('role-to-assume'), 'role-to-assume');
      if (!env['AWS_ACCESS_KEY_ID'] || !env['AWS_SECRET_ACCESS_KEY']) {
        throw new InputError('role-chaining', 'is true but no AWS credentials are in the environment', 'Run a step that exports AWS credentials first, or remove role-chaining');
      }
      return { mode, roleArn: get('role-to-assume') };
    case 'oidc': {
      requireInput(get, 'role-to-assume', 'OIDC mode assumes this role with the job\'s id-token');
      parseRoleArn(get('role-to-assume'), 'role-to-assume');
      const source: Source = { mode, roleArn: get('role-to-assume'), audience: get('audience') || DEFAULT_AUDIENCE };
      if (get('web-identity-token-file') && get('web-identity-token-env')) {
        throw new InputError('web-identity-token-env', 'is set together with web-identity-token-file', 'Give the token one way: a file or an environment variable');
      }
      if (get('web-identity-token-file')) source.tokenFile = expandHome(get('web-identity-token-file'), homeDir);
      if (get('web-identity-token-env')) source.tokenEnv = get('web-identity-token-env');
      return source;
    }
    case 'iot-certificate': {
      const endpoint = normaliseIotEndpoint(get('iot-credential-endpoint'), 'iot-credential-endpoint');
      requireInput(get, 'role-alias', 'the IoT credentials provider exchanges the certificate for this role alias\'s role');
      if (!/^[\w=,@-]{1,128}$/.test(get('role-alias'))) {
        throw new InputError('role-alias', `'${get('role-alias')}' is not a role alias name`, 'Use the alias name (letters, digits and =,@-), not its ARN');
      }
      const source: Source = {
        mode,
        endpoint,
        roleAlias: get('role-alias'),
        certificate: requireInput(get, 'certificate', 'give the client certificate as PEM text or a path'),
        privateKey: requireInput(get, 'private-key', 'give the certificate\'s private key as PEM text or a path'),
      };
      if (get('thing-name')) {
        if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(get('thing-name'))) {
          throw new InputError('thing-name', `'${get('thing-name')}' is not a valid thing name`, 'Use the IoT thing name (letters, digits and :_-)');
        }
        source.thingName = get('thing-name');
      }
      if (get('private-key-passphrase')) source.passphrase = get('private-key-passphrase');
      if (get('ca-certificate')) source.caCertificate = get('ca-certificate');
      return source;
    }
    case 'roles-anywhere': {
      const anchorExample = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<id>';
      const profileExample = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/<id>';
      const anchor = parseRegionalArn(requireInput(get, 'trust-anchor-arn', 'Roles Anywhere needs the trust anchor that issued the certificate'), 'trust-anchor-arn', 'rolesanywhere', 'trust-anchor', anchorExample);
      const profile = parseRegionalArn(requireInput(get, 'profile-arn', 'Roles Anywhere needs the profile that lists the role'), 'profile-arn', 'rolesanywhere', 'profile', profileExample);
      if (anchor.region !== profile.region) {
        throw new InputError('profile-arn', `is in region ${profile.region} but trust-anchor-arn is in ${anchor.region}`, 'Use a trust anchor and profile from the same region');
      }
      requireInput(get, 'role-to-assume', 'Roles Anywhere needs the role to assume, one the profile lists');
      parseRoleArn(get('role-to-assume'), 'role-to-assume');
      const source: Source = {
        mode,
        trustAnchorArn: get('trust-anchor-arn'),
        profileArn: get('profile-arn'),
        roleArn: get('role-to-assume'),
        region: anchor.region,
        certificate: requireInput(get, 'certificate', 'give the certificate as PEM text, a path, or a PKCS#12 file'),
        privateKey: get('private-key'),
      };
      if (get('certificate-chain')) source.certificateChain = get('certificate-chain');
      if (get('private-key-passphrase')) source.passphrase = get('private-key-passphrase');
      return source;
    }
  }
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

/** `~/x` as a shell would read it: YAML and the runner pass the tilde through unexpanded. */
export function expandHome(path: string, homeDir: string): string {
  return /^~(?=$|[\\/])/.test(path) ? join(homeDir, path.slice(1)) : path;
}

function requireInput(get: GetInput, name: string, why: string): string {
  const value = get(name);
  if (value === '') throw new InputError(name, 'is required', `Set it: ${why}`);
  return value;
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
