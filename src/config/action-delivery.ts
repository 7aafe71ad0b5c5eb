/**
 * How the action delivers what the config obtains: the job's environment, a profile, step outputs, the refreshing
 * endpoint; and what it prints when STS refuses (`diagnose`). Only the action reads these inputs: the CLI writes no
 * profile and exports nothing (its `doctor` is its diagnosis), so none of these rules ever refuses a CLI command. Pure:
 * inputs and environment are passed in.
 */
import { InputError } from '../errors.js';
import { platformTraits, type Platform } from '../platform.js';
import type { Config } from './model.js';
import { activeProfiles, expandHome, sharedFiles, type Env, type GetInput } from './sources/inputs.js';
import { parseRefreshMarginMs } from './refresh.js';
import { parseBoolean, PROFILE_NAME } from './values.js';
import { ignoredDiagnoseWarning, UNWRITABLE_JOB_PROFILE } from './advice.js';
import { correlationRequested } from './source-identity.js';

export interface DeliveryOptions {
  env: boolean;
  outputs: boolean;
  credentialsFile?: string;
  configFile?: string;
  profile?: string;
  maskAccountId: boolean;
  /** `source-identity` given: the summary adds the access key id and an `aws cloudtrail lookup-events` line. */
  cloudTrailLookup: boolean;
  /** `overwrite-aws-profile`: replace a credentials section of that name that is already there. */
  overwriteProfile: boolean;
  /**
   * Export AWS_PROFILE, AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE (`aws-profile` does so only with env delivery).
   */
  announceProfile: boolean;
  /**
   * Env delivery while the job's AWS_PROFILE is set and no profile is delivered: that profile and the user's files, for
   * the JS SDK (which reads AWS_PROFILE before the environment keys) to be given the same credentials; tempDir is
   * RUNNER_TEMP.
   */
  jobProfile?: { profile: string; credentialsFile: string; configFile: string; tempDir?: string };
  /**
   * Env delivery where later steps keep reading the user's config file: the profiles they read (AWS_PROFILE,
   * AWS_DEFAULT_PROFILE, default: as `activeProfiles` says), for a MinIO step's `services` pointer there to be cleared.
   */
  activeProfiles?: { profiles: string[]; configFile: string };
}

/** `refresh-credentials` and `refresh-margin-s`: whether a refreshing local endpoint delivers. */
export interface RefreshOptions {
  enabled: boolean;
  /** How long before expiry to refresh; unset: the default (answers stay 15 minutes from expiry). */
  marginMs?: number;
}

export interface ActionDelivery {
  delivery: DeliveryOptions;
  refresh: RefreshOptions;
  /** `diagnose`: after a refused web identity, read the role's trust with the runner's own credentials and report. */
  diagnose: boolean;
}

export function buildActionDelivery(
  get: GetInput,
  env: Env,
  homeDir: string,
  config: Config,
  platform: Platform = process.platform,
): ActionDelivery {
  const delivery = buildDelivery(get, env, homeDir, platform);
  if (config.guards.unsetCurrentCredentials && config.source.mode === 'role-chaining' && delivery.env) {
    throw new InputError(
      'unset-current-credentials',
      'is true with role-chaining: true, which needs the credentials it would unset',
      'Remove one of them',
    );
  }
  const enabled = parseBoolean(get('refresh-credentials'), 'refresh-credentials', false);
  const marginMs = parseRefreshMarginMs(get);
  const diagnose = parseBoolean(get('diagnose'), 'diagnose', false);
  // Said before the exchange (the step prints the config's warnings first), not discovered after a failure.
  if (diagnose && config.source.mode !== 'oidc') config.warnings.push(ignoredDiagnoseWarning(config.source.mode));
  return { delivery, refresh: marginMs === undefined ? { enabled } : { enabled, marginMs }, diagnose };
}

function buildDelivery(get: GetInput, env: Env, homeDir: string, platform: Platform): DeliveryOptions {
  const { dirname, join } = platformTraits(platform).path;
  const shared = sharedFiles(env, homeDir, platform);
  const awsProfile = get('aws-profile');
  if (awsProfile && get('profile') && awsProfile !== get('profile')) {
    throw new InputError(
      'aws-profile',
      `names '${awsProfile}' but profile names '${get('profile')}'`,
      "Set one of them (aws-profile is configure-aws-credentials's name for profile)",
    );
  }
  const overwriteProfile = parseBoolean(get('overwrite-aws-profile'), 'overwrite-aws-profile', false);
  // configure-aws-credentials: with aws-profile the environment is left alone unless output-env-credentials says
  // otherwise.
  const envDelivery = parseBoolean(get('output-env-credentials'), 'output-env-credentials', !awsProfile);
  const delivery: DeliveryOptions = {
    env: envDelivery,
    outputs: parseBoolean(get('output-credentials'), 'output-credentials', false),
    maskAccountId: parseBoolean(get('mask-aws-account-id'), 'mask-aws-account-id', false),
    cloudTrailLookup: correlationRequested(get),
    overwriteProfile,
    announceProfile: !awsProfile || envDelivery,
  };
  const file = expandHome(get('credentials-file'), homeDir, platform);
  const profile = awsProfile || get('profile');
  if (get('overwrite-aws-profile') && !file && !profile) {
    throw new InputError(
      'overwrite-aws-profile',
      'is set but no profile is written',
      'Set aws-profile (or profile), or remove overwrite-aws-profile',
    );
  }
  if (file || profile) {
    if (profile && !PROFILE_NAME.test(profile)) {
      throw new InputError(
        'profile',
        `'${profile}' is not a usable profile name`,
        'Use letters, digits and +=,.@_- only',
      );
    }
    const credentialsFile = file || shared.credentialsFile;
    delivery.credentialsFile = credentialsFile;
    // The region goes beside the credentials: the config file next to an explicit credentials file, else AWS's own.
    delivery.configFile = file ? join(dirname(credentialsFile), 'config') : shared.configFile;
    delivery.profile = profile || 'default';
  }
  const jobProfile = env['AWS_PROFILE'];
  if (delivery.env && !delivery.credentialsFile && jobProfile) {
    if (!PROFILE_NAME.test(jobProfile)) {
      throw new InputError(
        'AWS_PROFILE',
        UNWRITABLE_JOB_PROFILE,
        "Remove AWS_PROFILE from the job's environment, or use a name of letters, digits and +=,.@_- only",
      );
    }
    delivery.jobProfile = {
      profile: jobProfile,
      ...shared,
      ...(env['RUNNER_TEMP'] ? { tempDir: env['RUNNER_TEMP'] } : {}),
    };
  }
  const active = activeProfiles(env)
    .map((p) => p.name)
    .filter((name) => PROFILE_NAME.test(name));
  if (delivery.env && !(delivery.credentialsFile && delivery.announceProfile) && active.length)
    delivery.activeProfiles = { profiles: active, configFile: shared.configFile };
  if (!delivery.env && !delivery.outputs && !delivery.credentialsFile) {
    throw new InputError(
      'output-env-credentials',
      'is false and no other delivery is chosen, so the credentials would go nowhere',
      'Set profile/credentials-file, or output-credentials: true',
    );
  }
  return delivery;
}
