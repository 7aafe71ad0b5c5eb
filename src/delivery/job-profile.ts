/**
 * Env delivery into a job whose AWS_PROFILE is already set. The JS SDK v3's default chain skips AWS_ACCESS_KEY_ID
 * whenever AWS_PROFILE is set and reads that profile from the shared files (botocore and the AWS CLI take the
 * environment keys), and GITHUB_ENV cannot unset a variable, so the new credentials are also written as that profile
 * into a step-owned copy of the credentials file, which AWS_SHARED_CREDENTIALS_FILE then names; the post step
 * deletes it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { platformTraits, type Platform } from '../platform.js';
import type { Credentials } from '../credentials.js';
import { InputError } from '../errors.js';
import { readSection } from '../ini.js';
import { configSectionNames, writeProfile, type ProfileReceipt, type ProfileTarget } from './profile.js';
import { JOB_PROFILE_ASSUMES_ROLE, JOB_PROFILE_UNREADABLE } from './advice.js';
import { readIfPresent } from './profile-file.js';

/** The job's profile and the user's files it lives in; `tempDir` is RUNNER_TEMP. */
export interface JobProfile extends ProfileTarget {
  tempDir?: string;
}

const DIR_PREFIX = 'aslc-profile-';
const DIR_NAME = /^aslc-profile-[A-Za-z0-9]{6}$/;

/**
 * True when the config file makes `profile` assume a role from another source: the JS SDK resolves that before static
 * keys of the same profile, so a copy of the keys would not be read. Pure.
 */
export function assumesRole(configText: string, profile: string): boolean {
  return configSectionNames(profile).some((name) => {
    const section = readSection(configText, name);
    return (
      section !== undefined &&
      section.has('role_arn') &&
      (section.has('source_profile') || section.has('credential_source'))
    );
  });
}

/** Why an unreadable shared file stops the job profile's copy. */
const NOT_CARRIED_OVER = ", so AWS_PROFILE's other settings could not be carried over";

/** Writes the copy with the new credentials as `job.profile` and returns the receipt; nothing is left on failure. */
export async function writeJobProfile(
  job: JobProfile,
  credentials: Credentials,
  region: string,
): Promise<ProfileReceipt> {
  const config = await readIfPresent(job.configFile, 'AWS_CONFIG_FILE', NOT_CARRIED_OVER, JOB_PROFILE_UNREADABLE);
  if (config !== null && assumesRole(config, job.profile)) {
    throw new InputError(
      'AWS_PROFILE',
      `names '${job.profile}', which assumes a role (role_arn with source_profile or credential_source in ` +
        `${job.configFile}); the JS SDK would use that role instead of these credentials`,
      JOB_PROFILE_ASSUMES_ROLE,
    );
  }
  const user = await readIfPresent(
    job.credentialsFile,
    'AWS_SHARED_CREDENTIALS_FILE',
    NOT_CARRIED_OVER,
    JOB_PROFILE_UNREADABLE,
  );
  const dir = await mkdtemp(join(resolve(job.tempDir || tmpdir()), DIR_PREFIX));
  try {
    const credentialsFile = join(dir, 'credentials');
    // A copy, so the user's other profiles (source_profile chains, --profile calls) still read as before.
    await writeFile(credentialsFile, user ?? '', { mode: 0o600, flag: 'wx' });
    // writeProfile also sets the region beside the keys; this config is never exported, the user's stays in force.
    return await writeProfile(
      { credentialsFile, configFile: join(dir, 'config'), profile: job.profile },
      credentials,
      region,
      { overwrite: true },
    );
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * The target a saved receipt may name if it is a step-owned copy: `credentials` in a directory this module makes
 * directly under RUNNER_TEMP, for the job's AWS_PROFILE. Anything else is not one.
 */
export function jobProfileTarget(
  raw: string,
  env: Record<string, string | undefined>,
  platform: Platform = process.platform,
): ProfileTarget | undefined {
  const { basename, dirname, join, resolve } = platformTraits(platform).path;
  let file: unknown;
  try {
    file = (JSON.parse(raw) as { credentialsFile?: unknown }).credentialsFile;
  } catch {
    return undefined;
  }
  const profile = env['AWS_PROFILE'];
  if (typeof file !== 'string' || !profile || resolve(file) !== file || basename(file) !== 'credentials')
    return undefined;
  const dir = dirname(file);
  if (!DIR_NAME.test(basename(dir)) || dirname(dir) !== resolve(env['RUNNER_TEMP'] || tmpdir())) return undefined;
  return { credentialsFile: file, configFile: join(dir, 'config'), profile };
}

/** Deletes the step-owned directory of a receipt jobProfileTarget accepted, the copy of the user's profiles too. */
export async function removeJobProfile(receipt: ProfileReceipt): Promise<void> {
  await rm(dirname(receipt.credentialsFile), { recursive: true, force: true });
}
