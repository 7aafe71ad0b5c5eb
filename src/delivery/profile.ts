/** Delivery to a named profile: credentials in the credentials file, region in the config file; and its removal. */
import type { Credentials } from '../credentials.js';
import { editFile } from './profile-file.js';
import { configSectionName, readSection, removeSection, upsertSection } from './ini.js';

/** The key under which the main step hands its ProfileReceipt to the post step. */
export const PROFILE_STATE = 'profile-receipt';

export interface ProfileTarget {
  credentialsFile: string;
  configFile: string;
  profile: string;
}

/** What the post step needs to undo exactly this write and nothing else. */
export interface ProfileReceipt extends ProfileTarget {
  accessKeyId: string;
  createdCredentialsFile: boolean;
  createdConfigFile: boolean;
}

export async function writeProfile(target: ProfileTarget, credentials: Credentials, region: string): Promise<ProfileReceipt> {
  const entries: Array<[string, string]> = [
    ['aws_access_key_id', credentials.accessKeyId],
    ['aws_secret_access_key', credentials.secretAccessKey],
  ];
  if (credentials.sessionToken) entries.push(['aws_session_token', credentials.sessionToken]);
  if (credentials.expiration) entries.push(['aws_credential_expiration', credentials.expiration.toISOString()]);
  const creds = await editFile(target.credentialsFile, 'credentials-file', (text) => upsertSection(text, target.profile, entries));
  const config = await editFile(target.configFile, 'credentials-file', (text) =>
    upsertSection(text, configSectionName(target.profile), [['region', region]]),
  );
  return { ...target, accessKeyId: credentials.accessKeyId, createdCredentialsFile: !creds.existed, createdConfigFile: !config.existed };
}

/** Removes the profile only while it still holds the credentials we wrote; deletes files we created and left empty. */
export async function removeProfile(receipt: ProfileReceipt): Promise<{ removed: boolean }> {
  let removed = false;
  await editFile(receipt.credentialsFile, 'credentials-file', (text, existed) => {
    if (!existed) return text;
    if (readSection(text, receipt.profile)?.get('aws_access_key_id') !== receipt.accessKeyId) return text;
    removed = true;
    const after = removeSection(text, receipt.profile);
    return receipt.createdCredentialsFile && after.trim() === '' ? null : after;
  });
  if (removed) {
    await editFile(receipt.configFile, 'credentials-file', (text, existed) => {
      if (!existed) return text;
      const after = removeSection(text, configSectionName(receipt.profile));
      return receipt.createdConfigFile && after.trim() === '' ? null : after;
    });
  }
  return { removed };
}
