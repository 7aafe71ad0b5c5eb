/** What delivery tells the user when credentials cannot be handed out as configured: one home per message. */

/** The job's AWS_PROFILE shadows the exported keys, so the credentials also went into a step-owned profile. */
export const jobProfileNotice = (profile: string, userFile: string, copy: string): string =>
  `AWS_PROFILE is set to '${profile}' in this job, and the JS SDK reads that profile instead of AWS_ACCESS_KEY_ID: ` +
  `the new credentials were also written as profile '${profile}' in a copy of ${userFile} at ${copy} ` +
  '(AWS_SHARED_CREDENTIALS_FILE), which the post step deletes';

/** The job's AWS_PROFILE assumes a role, which the JS SDK would use instead of the exported credentials. */
export const JOB_PROFILE_ASSUMES_ROLE =
  "Remove AWS_PROFILE from the job's environment for the steps that use these credentials, " +
  'or set aws-profile to another name with output-env-credentials: true';

/** The job's AWS_PROFILE's files cannot be read, so its other settings cannot be carried into the copy. */
export const JOB_PROFILE_UNREADABLE = 'Make the file readable by the runner, or unset AWS_PROFILE for this job';

/** The profile to write is already in the credentials file, and overwrite-aws-profile is off. */
export const PROFILE_EXISTS =
  'Choose another profile name, or set overwrite-aws-profile: true to replace it (the post step then removes it)';

/** A MinIO step's S3 endpoint was cleared because a later step delivered AWS credentials. */
export const S3_CLEARED =
  "later steps' S3 calls go to AWS with these credentials. Keep MinIO and AWS credentials in separate jobs, or use profiles for both";

/** A step delivering AWS credentials took back the `services` pointer an earlier MinIO step wrote into a profile. */
export function servicesClearedNotice(profile: string, configFile: string, sections: string[]): string {
  const where = sections.map((s) => `[${s}]`).join(' and ');
  return (
    `services = aslc-${profile} in ${where} of ${configFile}, written by an earlier MinIO step of this action, is ` +
    `removed: ${S3_CLEARED}`
  );
}

/** The summary's access key id row when mask-aws-account-id is set. */
export const ACCESS_KEY_ID_WITHHELD =
  '(not shown: mask-aws-account-id is set, and an access key id names its account through sts:GetAccessKeyInfo)';
