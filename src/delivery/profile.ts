/**
 * Delivery to a named profile: credentials in the credentials file, the region in the config file; and its undoing.
 * The write is all or nothing and returns a receipt; the undo acts only on what the receipt proves this step wrote.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { platformTraits, type Platform } from '../platform.js';
import type { Credentials, ServiceEndpoints } from '../credentials.js';
import { InputError } from '../errors.js';
import { ACCESS_KEY_ID, PROFILE_NAME, REGION } from '../config/values.js';
import type { LockOptions } from './file-lock.js';
import { editFiles, type FilePlan, type FileText } from './profile-file.js';
import {
  IniEditError,
  countSections,
  readSection,
  removeSection,
  restoreKey,
  setKey,
  upsertNestedSection,
  upsertSection,
  type Entries,
} from '../ini.js';
import { PROFILE_EXISTS } from './advice.js';

/** The key under which the main step hands its ProfileReceipt to the post step. */
export const PROFILE_STATE = 'profile-receipt';

export interface ProfileTarget {
  credentialsFile: string;
  configFile: string;
  profile: string;
}

/** One config section whose `region` (or `services`) the write set, and what it held before. */
interface RegionEdit {
  section: string;
  /** The section's `region` line before, verbatim; null when it had none. */
  previousLine: string | null;
  createdSection: boolean;
}

/** What the post step needs to undo exactly this write and nothing else. */
export interface ProfileReceipt extends ProfileTarget {
  accessKeyId: string;
  /** SHA-256 of the credential entries written: proof that a section is still ours, without a secret in the state. */
  credentialsSha256: string;
  region: string;
  createdCredentialsFile: boolean;
  createdConfigFile: boolean;
  regionEdits: RegionEdit[];
  /** Service endpoints (MinIO's S3): the `[services ...]` section written and the `services` keys pointing at it. */
  services?: ServicesReceipt;
  /** The section holds a `credential_process` line (refresh-credentials), not keys; accessKeyId is then ''. */
  credentialProcess?: true;
  /**
   * The config sections whose `services` pointer to an earlier MinIO step's endpoint this write removed: reported by
   * the step, not restored by the undo (that step's own post step removes its section), not kept in the saved state.
   */
  clearedServices?: string[];
}

interface ServicesReceipt {
  /** The section's full name, `services aslc-<profile>`. */
  section: string;
  /** SHA-256 of the section's entries as written: removed only while they are unchanged. */
  sha256: string;
  edits: RegionEdit[];
}

const INPUT = 'credentials-file';

/**
 * The config sections that name `profile`. For `default` both forms count: botocore takes whichever comes last and
 * the JS SDK prefers `[profile default]`, so the region is set in every one present for all readers to agree.
 */
export function configSectionNames(profile: string): string[] {
  return profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
}

function digest(entries: Entries): string {
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

function credentialEntries(credentials: Credentials): Array<[string, string]> {
  const entries: Array<[string, string]> = [
    ['aws_access_key_id', credentials.accessKeyId],
    ['aws_secret_access_key', credentials.secretAccessKey],
  ];
  if (credentials.sessionToken) entries.push(['aws_session_token', credentials.sessionToken]);
  if (credentials.expiration) entries.push(['aws_credential_expiration', credentials.expiration.toISOString()]);
  return entries;
}

/** The `[services ...]` section this project writes for a profile (botocore's per-service endpoint settings). */
function servicesSectionName(profile: string): string {
  return `services aslc-${profile}`;
}

/**
 * Removes the `services = aslc-<profile>` pointer an earlier MinIO step of this action wrote into the profile's config
 * sections (only that exact line: a pointer the user wrote is theirs), so AWS credentials delivered later are not sent
 * to the MinIO host. Pure; returns the sections it cleared.
 */
export function clearServicesPointer(text: string, profile: string): { text: string; cleared: string[] } {
  const pointer = servicesSectionName(profile).slice('services '.length);
  const cleared: string[] = [];
  for (const section of configSectionNames(profile)) {
    const after = restoreKey(text, section, 'services', pointer, null, false);
    if (after !== undefined) {
      text = after;
      cleared.push(section);
    }
  }
  return { text, cleared };
}

/**
 * clearServicesPointer on the config file later steps read (env delivery: the profiles they read), in one locked,
 * atomic edit like every profile edit; nothing is created when the file is absent. Returns what each profile lost.
 */
export async function clearActiveServicesPointer(
  target: { configFile: string; profiles: string[] },
  options: LockOptions = {},
): Promise<Array<{ profile: string; sections: string[] }>> {
  const configFile = resolve(target.configFile);
  const profiles = target.profiles.filter((p) => PROFILE_NAME.test(p));
  if (!profiles.length || !existsSync(configFile)) return [];
  const cleared: Array<{ profile: string; sections: string[] }> = [];
  await editFiles(
    [configFile],
    'AWS_CONFIG_FILE',
    (before) => {
      const file = before.get(configFile)!;
      const plan: FilePlan = new Map();
      cleared.length = 0;
      if (!file.existed) return plan;
      let text = file.text;
      for (const profile of profiles) {
        const edit = clearServicesPointer(text, profile);
        text = edit.text;
        if (edit.cleared.length) cleared.push({ profile, sections: edit.cleared });
      }
      if (cleared.length) plan.set(configFile, text);
      return plan;
    },
    options,
  );
  return cleared;
}

/** Sets `key` in the profile's config sections, creating the usual one when none exists. Pure. */
function setProfileKey(
  text: string,
  profile: string,
  key: string,
  value: string,
): { text: string; edits: RegionEdit[] } {
  const present = configSectionNames(profile).filter((name) => countSections(text, name) > 0);
  const edits: RegionEdit[] = [];
  for (const section of present.length > 0 ? present : configSectionNames(profile).slice(0, 1)) {
    const edit = setKey(text, section, key, value);
    text = edit.text;
    edits.push({ section, previousLine: edit.previousLine, createdSection: edit.createdSection });
  }
  return { text, edits };
}

/** Writes the profile; either both files change and the receipt is returned, or neither changes and it throws. */
export async function writeProfile(
  target: ProfileTarget,
  credentials: Credentials,
  region: string,
  options: LockOptions & { overwrite?: boolean; credentialProcess?: string } = {},
  endpoints: ServiceEndpoints = {},
): Promise<ProfileReceipt> {
  if (!PROFILE_NAME.test(target.profile))
    throw new InputError(
      'profile',
      `'${target.profile}' is not a usable profile name`,
      'Use letters, digits and +=,.@_- only',
    );
  if (!ACCESS_KEY_ID.test(credentials.accessKeyId))
    throw new InputError(
      INPUT,
      'the access key id received is not of the shape credential services issue; nothing was written',
      'Check the credential endpoint',
    );
  // In the credentials file, where static keys would be: same section, overwrite rule and receipt; readers merge both.
  const entries: Array<[string, string]> = options.credentialProcess
    ? [['credential_process', options.credentialProcess]]
    : credentialEntries(credentials);
  const credentialsFile = resolve(target.credentialsFile);
  const configFile = resolve(target.configFile);
  let regionEdits: RegionEdit[] = [];
  let services: ServicesReceipt | undefined;
  let clearedServices: string[] = [];
  const files = await editFiles(
    [credentialsFile, configFile],
    INPUT,
    (before) =>
      ini(() => {
        const plan: FilePlan = new Map();
        // A section already there may hold someone's long-lived keys, which the post step's removal would then lose.
        if (!options.overwrite && countSections(before.get(credentialsFile)!.text, target.profile) > 0) {
          throw new InputError(
            'overwrite-aws-profile',
            `profile '${target.profile}' already exists in ${credentialsFile}; it was left as it is`,
            PROFILE_EXISTS,
          );
        }
        plan.set(credentialsFile, upsertSection(before.get(credentialsFile)!.text, target.profile, entries));
        // One file may be both; then the region goes into the text that already holds the credentials.
        const config = setProfileKey(
          plan.get(configFile) ?? before.get(configFile)!.text,
          target.profile,
          'region',
          region,
        );
        let text = config.text;
        regionEdits = config.edits;
        if (endpoints.s3) {
          const section = servicesSectionName(target.profile);
          text = upsertNestedSection(text, section, [['s3', [['endpoint_url', endpoints.s3]]]]);
          const pointer = setProfileKey(text, target.profile, 'services', section.slice('services '.length));
          text = pointer.text;
          services = { section, sha256: digest([...readSection(text, section)!]), edits: pointer.edits };
        } else {
          // AWS credentials in a profile an earlier MinIO step pointed at its host: S3 calls would go there.
          const edit = clearServicesPointer(text, target.profile);
          text = edit.text;
          clearedServices = edit.cleared;
        }
        plan.set(configFile, text);
        return plan;
      }),
    options,
  );
  return {
    credentialsFile,
    configFile,
    profile: target.profile,
    accessKeyId: options.credentialProcess ? '' : credentials.accessKeyId,
    credentialsSha256: digest(entries),
    region,
    createdCredentialsFile: !files.get(credentialsFile)!.existed,
    createdConfigFile: !files.get(configFile)!.existed,
    regionEdits,
    ...(services ? { services } : {}),
    ...(options.credentialProcess ? { credentialProcess: true as const } : {}),
    ...(clearedServices.length ? { clearedServices } : {}),
  };
}

/**
 * Removes the profile only while its credentials section is still exactly what was written; then restores each config
 * section's region line that still holds the written region. Deletes a file the write created and left empty.
 */
export async function removeProfile(receipt: ProfileReceipt, options: LockOptions = {}): Promise<{ removed: boolean }> {
  let removed = false;
  await editFiles(
    [receipt.credentialsFile, receipt.configFile],
    INPUT,
    (before) => {
      const plan: FilePlan = new Map();
      const creds = before.get(receipt.credentialsFile)!;
      const section = readSection(creds.text, receipt.profile);
      const ours = receipt.credentialProcess
        ? section?.has('credential_process')
        : section?.get('aws_access_key_id') === receipt.accessKeyId;
      if (!creds.existed || !section || !ours || digest([...section]) !== receipt.credentialsSha256) return plan;
      removed = true;
      plan.set(
        receipt.credentialsFile,
        emptied(removeSection(creds.text, receipt.profile), receipt.createdCredentialsFile),
      );
      const config: FileText =
        receipt.configFile === receipt.credentialsFile
          ? { text: plan.get(receipt.credentialsFile) ?? '', existed: true }
          : before.get(receipt.configFile)!;
      if (!config.existed) return plan;
      let text = config.text;
      // The services pointer first: the region edit may have created the section and removes it once it is empty.
      if (receipt.services) {
        const { section, sha256, edits } = receipt.services;
        const written = readSection(text, section);
        if (written && digest([...written]) === sha256) text = removeSection(text, section);
        for (const edit of edits)
          text =
            restoreKey(
              text,
              edit.section,
              'services',
              section.slice('services '.length),
              edit.previousLine,
              edit.createdSection,
            ) ?? text;
      }
      for (const edit of receipt.regionEdits)
        text = restoreKey(text, edit.section, 'region', receipt.region, edit.previousLine, edit.createdSection) ?? text;
      plan.set(receipt.configFile, emptied(text, receipt.createdConfigFile));
      return plan;
    },
    options,
  );
  return { removed };
}

/** null (delete the file) when this step created it and nothing else is left in it. */
function emptied(text: string | null, created: boolean): string | null {
  return text !== null && created && text.trim() === '' ? null : text;
}

/** Runs an INI edit, turning what the INI layer refuses into an error on the input. */
function ini<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof IniEditError)
      throw new InputError(
        INPUT,
        `cannot write the profile: ${err.message}`,
        'Fix the file by hand (the other readers of it would disagree), or choose another profile or file',
      );
    throw err;
  }
}

/** The receipt in `raw` if it is well-formed and names only what this step could have written; else why not. */
export function parseReceipt(
  raw: string,
  allowed: ReadonlyArray<ProfileTarget>,
  platform: Platform = process.platform,
): ProfileReceipt | string {
  const { isAbsolute, normalize, resolve } = platformTraits(platform).path;
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    return 'it is not JSON';
  }
  if (typeof doc !== 'object' || doc === null) return 'it is not an object';
  const r = doc as Record<string, unknown>;
  const str = (k: string) => typeof r[k] === 'string' && !/\p{Cc}/u.test(r[k] as string);
  for (const k of ['credentialsFile', 'configFile', 'profile', 'accessKeyId', 'credentialsSha256', 'region'])
    if (!str(k)) return `${k} is missing or not text`;
  for (const k of ['createdCredentialsFile', 'createdConfigFile'])
    if (typeof r[k] !== 'boolean') return `${k} is not true or false`;
  const receipt = r as unknown as ProfileReceipt;
  if (r['credentialProcess'] !== undefined && r['credentialProcess'] !== true) return 'credentialProcess is not true';
  if (r['credentialProcess'] === true ? receipt.accessKeyId !== '' : !ACCESS_KEY_ID.test(receipt.accessKeyId))
    return 'accessKeyId is not an access key id';
  if (!/^[0-9a-f]{64}$/.test(receipt.credentialsSha256)) return 'credentialsSha256 is not a SHA-256';
  if (!PROFILE_NAME.test(receipt.profile)) return 'profile is not a usable profile name';
  if (!REGION.test(receipt.region)) return 'region is not a region';
  for (const k of ['credentialsFile', 'configFile'] as const) {
    if (!isAbsolute(receipt[k]) || normalize(receipt[k]) !== receipt[k]) return `${k} is not an absolute, normal path`;
  }
  const chosen = allowed.some(
    (t) =>
      resolve(t.credentialsFile) === receipt.credentialsFile &&
      resolve(t.configFile) === receipt.configFile &&
      t.profile === receipt.profile,
  );
  if (!chosen) return 'its files and profile are not the ones the inputs choose';
  const names = configSectionNames(receipt.profile);
  const regionEdits = checkEdits(r['regionEdits'], names, 'region');
  if (typeof regionEdits === 'string') return regionEdits;
  const clean: ProfileReceipt = { ...receipt, regionEdits };
  delete clean.services;
  delete clean.clearedServices;
  if (r['services'] !== undefined) {
    const services = r['services'] as Record<string, unknown> | null;
    if (typeof services !== 'object' || services === null) return 'services is not an object';
    if (services['section'] !== servicesSectionName(receipt.profile)) return 'services names another section';
    if (typeof services['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(services['sha256']))
      return 'services.sha256 is not a SHA-256';
    const serviceEdits = checkEdits(services['edits'], names, 'services');
    if (typeof serviceEdits === 'string') return serviceEdits;
    clean.services = { section: services['section'], sha256: services['sha256'], edits: serviceEdits };
  }
  return clean;
}

/** A receipt's key edits, if each names one of the profile's config sections and holds only a line of `key`. */
function checkEdits(edits: unknown, names: string[], key: string): RegionEdit[] | string {
  if (!Array.isArray(edits) || edits.length > 2) return `the ${key} edits are not a list`;
  for (const e of edits as Array<Record<string, unknown>>) {
    if (typeof e !== 'object' || e === null || typeof e['section'] !== 'string' || !names.includes(e['section']))
      return `a ${key} edit names another section`;
    if (typeof e['createdSection'] !== 'boolean') return `a ${key} edit lacks createdSection`;
    const line = e['previousLine'];
    if (
      line !== null &&
      (typeof line !== 'string' || /\p{Cc}/u.test(line) || !new RegExp(`^\\s*${key}\\s*[=:]`, 'i').test(line))
    )
      return `a ${key} edit holds a line that is not a ${key} line`;
  }
  return (edits as RegionEdit[]).map((e) => ({
    section: e.section,
    previousLine: e.previousLine,
    createdSection: e.createdSection,
  }));
}
