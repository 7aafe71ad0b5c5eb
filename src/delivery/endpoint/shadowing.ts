/**
 * What a later step's SDKs would use before the endpoint (every SDK asks the container provider near the end of its
 * chain), and how the job's environment is made to reach it instead: web identity variables are cleared, and the
 * active profile (AWS_PROFILE, AWS_DEFAULT_PROFILE or `default`) is rewritten, in step-owned copies of the shared
 * files, to hold only the endpoint's `credential_process` line as its source. The plan is pure; `writeEndpointCopies`
 * writes it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { readSection, upsertSection } from '../../ini.js';
import { PROFILE_NAME } from '../../config/values.js';
import { configSectionNames } from '../profile.js';
import { readIfPresent } from '../profile-file.js';
import { UNREADABLE_FILE, UNSAFE_PROFILE } from './advice.js';
import { WEB_IDENTITY_VARIABLES } from './export.js';
import { CREDENTIAL_VARIABLES } from '../aws-environment.js';
import { activeProfiles, type Env } from '../../config/sources/inputs.js';

/** A profile's keys that make it a credential source for botocore, the AWS CLI or the JS SDK. */
const SOURCE_KEYS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'credential_process',
  'role_arn',
  'source_profile',
  'credential_source',
  'web_identity_token_file',
  'role_session_name',
  'external_id',
  'mfa_serial',
  'duration_seconds',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'login_session',
]);

export interface SharedTexts {
  credentials: string | null;
  config: string | null;
}

export interface ShadowPlan {
  /** Variables to export empty. */
  clear: string[];
  /** Profiles to rewrite in the copies (none: the user's files are left in force). */
  profiles: string[];
  /** What would have been used instead of the endpoint, for the notice. */
  sources: string[];
}

function sourceKeys(texts: SharedTexts, profile: string): string[] {
  const sections = [
    ...(texts.credentials !== null ? [readSection(texts.credentials, profile)] : []),
    ...(texts.config !== null ? configSectionNames(profile).map((name) => readSection(texts.config!, name)) : []),
  ];
  return [...new Set(sections.flatMap((s) => [...(s?.keys() ?? [])].filter((k) => SOURCE_KEYS.has(k))))];
}

/**
 * `profiles`: whether later steps read the job's active profile (not when a delivered profile is announced).
 * `keys`: whether later steps' default chain is pointed at the endpoint or the delivered profile (env delivery, or an
 * announced profile), so that keys in the job's environment, which every SDK reads first, are cleared and named.
 */
export function planShadowing(env: Env, texts: SharedTexts, profiles = true, keys = profiles): ShadowPlan {
  const plan: ShadowPlan = { clear: [], profiles: [], sources: [] };
  const envKeys = keys ? CREDENTIAL_VARIABLES.filter((name) => env[name]) : [];
  if (envKeys.length > 0) {
    plan.clear.push(...envKeys);
    plan.sources.push(`keys in the job's environment (${envKeys.join(', ')})`);
  }
  const webIdentity = WEB_IDENTITY_VARIABLES.filter((name) => env[name]);
  if (webIdentity.length > 0) {
    plan.clear.push(...webIdentity);
    plan.sources.push(`web identity (${webIdentity.join(', ')})`);
  }
  for (const { name, variable } of profiles ? activeProfiles(env) : []) {
    if (!PROFILE_NAME.test(name))
      throw new InputError(variable ?? 'AWS_PROFILE', UNSAFE_PROFILE.problem, UNSAFE_PROFILE.fix);
    const keys = sourceKeys(texts, name);
    // A profile named by a variable is rewritten even without a source: botocore fails on a profile it cannot find.
    if (keys.length === 0 && !variable) continue;
    plan.profiles.push(name);
    plan.sources.push(
      `profile '${name}'${variable ? ` (${variable})` : ''}${keys.length ? ` with ${keys.join(', ')}` : ''}`,
    );
  }
  return plan;
}

/** The shared files with each profile of the plan holding `line` as its only credential source. Pure. */
export function endpointCopies(
  texts: SharedTexts,
  profiles: string[],
  line: string,
): { credentials: string; config: string } {
  let credentials = texts.credentials ?? '';
  let config = texts.config ?? '';
  const without = (section: Map<string, string> | undefined) =>
    [...(section ?? new Map<string, string>())].filter(([key]) => !SOURCE_KEYS.has(key));
  for (const profile of profiles) {
    credentials = upsertSection(credentials, profile, [
      ...without(readSection(credentials, profile)),
      ['credential_process', line],
    ]);
    for (const name of configSectionNames(profile)) {
      const section = readSection(config, name);
      if (section) config = upsertSection(config, name, without(section));
    }
  }
  return { credentials, config };
}

/** Writes the copies (0600) into `dir`, made here; returns their paths. */
export async function writeEndpointCopies(
  dir: string,
  copies: { credentials: string; config: string },
): Promise<{ credentialsFile: string; configFile: string }> {
  await mkdir(dir, { mode: 0o700 });
  const credentialsFile = join(dir, 'credentials');
  const configFile = join(dir, 'config');
  await writeFile(credentialsFile, copies.credentials, { mode: 0o600, flag: 'wx' });
  await writeFile(configFile, copies.config, { mode: 0o600, flag: 'wx' });
  return { credentialsFile, configFile };
}

/** The user's shared files as they are (null where absent); an unreadable one fails the step, naming its variable. */
export async function readSharedTexts(files: { credentialsFile: string; configFile: string }): Promise<SharedTexts> {
  const read = (path: string, variable: string) =>
    readIfPresent(path, variable, `: ${UNREADABLE_FILE.problem}`, UNREADABLE_FILE.fix);
  return {
    credentials: await read(files.credentialsFile, 'AWS_SHARED_CREDENTIALS_FILE'),
    config: await read(files.configFile, 'AWS_CONFIG_FILE'),
  };
}
