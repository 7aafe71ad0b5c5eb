/**
 * `role-chaining: true` with `AWS_PROFILE` naming a profile an earlier step wrote (aws-profile), as
 * configure-aws-credentials finds such credentials through the SDK's chain. Pure: the file's text is passed in.
 */
import type { Credentials } from '../credentials.js';
import { readSection } from '../ini.js';
import { InputError } from '../errors.js';
import { missingProfileProblem } from './advice.js';

export function profileCredentials(text: string, profile: string, file: string): Credentials {
  const section = readSection(text, profile);
  const accessKeyId = section?.get('aws_access_key_id') ?? '';
  const secretAccessKey = section?.get('aws_secret_access_key') ?? '';
  if (!accessKeyId || !secretAccessKey) {
    throw new InputError(
      'role-chaining',
      missingProfileProblem(profile, file, Boolean(section)),
      'Run the step that writes that profile (aws-profile) first, or set AWS_PROFILE to the profile it wrote',
    );
  }
  const credentials: Credentials = { accessKeyId, secretAccessKey };
  const sessionToken = section?.get('aws_session_token');
  if (sessionToken) credentials.sessionToken = sessionToken;
  return credentials;
}
