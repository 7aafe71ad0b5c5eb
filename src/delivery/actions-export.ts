/** Delivery inside GitHub Actions: env variables for later steps, a profile, step outputs, the summary. */
import type { Config } from '../config/model.js';
import { accountOfArn } from '../config/arn.js';
import type { Session } from '../credentials.js';
import type { ActionsOutput } from './actions-output.js';
import { summaryMarkdown } from './summary.js';

export function exportEnvironment(out: ActionsOutput, session: Session, region: string): void {
  const c = session.credentials;
  out.exportVariable('AWS_ACCESS_KEY_ID', c.accessKeyId);
  out.exportVariable('AWS_SECRET_ACCESS_KEY', c.secretAccessKey);
  // An old token from an earlier step must not pair with new keys.
  out.exportVariable('AWS_SESSION_TOKEN', c.sessionToken ?? '');
  out.exportVariable('AWS_REGION', region);
  out.exportVariable('AWS_DEFAULT_REGION', region);
  if (c.expiration) out.exportVariable('AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString());
  // The SDKs and the AWS CLI send S3 calls here instead of AWS's S3 (MinIO's credentials are good only there).
  if (session.serviceEndpoints?.s3) out.exportVariable('AWS_ENDPOINT_URL_S3', session.serviceEndpoints.s3);
}

export function setOutputs(out: ActionsOutput, session: Session, config: Config): void {
  const arn = session.assumedRoleArn ?? '';
  const account = accountOfArn(arn);
  if (account) out.setOutput('aws-account-id', account);
  if (arn) out.setOutput('aws-assumed-role-arn', arn);
  // configure-aws-credentials's name for the same ARN (it sets it without declaring it).
  if (arn) out.setOutput('authenticated-arn', arn);
  if (session.credentials.expiration) out.setOutput('aws-expiration', session.credentials.expiration.toISOString());
  if (config.delivery.outputs) {
    out.setOutput('aws-access-key-id', session.credentials.accessKeyId);
    out.setOutput('aws-secret-access-key', session.credentials.secretAccessKey);
    if (session.credentials.sessionToken) out.setOutput('aws-session-token', session.credentials.sessionToken);
  }
}

/** unset-current-credentials: an earlier step's credentials leave the job's environment before anything else runs. */
export function clearEnvironment(out: ActionsOutput): void {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
  ])
    out.exportVariable(name, '');
}

/** Every output the config asks for, in order: environment, profile (with its receipt first saved), outputs, summary. */
/** `via.credentialProcess`: the profile runs this line for its credentials (refresh-credentials) instead of holding keys. */
export async function deliverToActions(
  out: ActionsOutput,
  session: Session,
  config: Config,
  via: { credentialProcess?: string } = {},
): Promise<void> {
  const account = accountOfArn(session.assumedRoleArn ?? '');
  if (config.delivery.maskAccountId && account) out.setSecret(account);

  const delivered: string[] = [];
  if (config.delivery.env) {
    const job = config.delivery.jobProfile;
    // Before any export, so a refusal leaves the job's environment as it was.
    if (job) {
      const [{ writeJobProfile }, { PROFILE_STATE }] = await Promise.all([
        import('./job-profile.js'),
        import('./profile.js'),
      ]);
      const receipt = await writeJobProfile(job, session.credentials, config.region);
      out.saveState(PROFILE_STATE, JSON.stringify(receipt));
      out.exportVariable('AWS_SHARED_CREDENTIALS_FILE', receipt.credentialsFile);
      out.notice(
        `AWS_PROFILE is set to '${job.profile}' in this job, and the JS SDK reads that profile instead of AWS_ACCESS_KEY_ID: the new credentials were also written as profile '${job.profile}' in a copy of ${job.credentialsFile} at ${receipt.credentialsFile} (AWS_SHARED_CREDENTIALS_FILE), which the post step deletes`,
      );
      delivered.push(`profile '${job.profile}' (the job's AWS_PROFILE) in ${receipt.credentialsFile}`);
    }
    exportEnvironment(out, session, config.region);
    delivered.push('environment (AWS_ACCESS_KEY_ID, ...)');
  }
  const { credentialsFile, configFile, profile } = config.delivery;
  if (credentialsFile && configFile && profile) {
    // Loaded only for a profile: its lock library patches fs, which an env-only step has no use for.
    const { PROFILE_STATE, writeProfile } = await import('./profile.js');
    const receipt = await writeProfile(
      { credentialsFile, configFile, profile },
      session.credentials,
      config.region,
      {
        overwrite: config.delivery.overwriteProfile,
        ...(via.credentialProcess ? { credentialProcess: via.credentialProcess } : {}),
      },
      session.serviceEndpoints,
    );
    out.saveState(PROFILE_STATE, JSON.stringify(receipt));
    if (config.delivery.announceProfile) {
      out.exportVariable('AWS_SHARED_CREDENTIALS_FILE', receipt.credentialsFile);
      out.exportVariable('AWS_CONFIG_FILE', receipt.configFile);
      out.exportVariable('AWS_PROFILE', receipt.profile);
      if (!config.delivery.env) out.exportVariable('AWS_REGION', config.region);
    }
    delivered.push(`profile '${receipt.profile}' in ${receipt.credentialsFile}`);
  }
  if (config.delivery.outputs) delivered.push('step outputs');
  const s3 = session.serviceEndpoints?.s3;
  setOutputs(out, session, config);

  await out.appendSummary(
    summaryMarkdown({
      mode: config.source.mode,
      sessionName: config.session.sessionName,
      delivered,
      ...(s3 ? { endpoints: [`S3: ${s3}`] } : {}),
      ...(session.assumedRoleArn ? { roleArn: session.assumedRoleArn } : {}),
      ...(session.credentials.expiration ? { expiration: session.credentials.expiration } : {}),
    }),
  );
  out.info(
    `Credentials for ${session.assumedRoleArn ?? 'the role'} obtained (${config.source.mode}), valid until ${session.credentials.expiration?.toISOString() ?? 'unknown'}`,
  );
}
