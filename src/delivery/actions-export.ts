/** Delivery inside GitHub Actions: env variables for later steps, a profile, step outputs, the summary. */
import { readFileSync } from 'node:fs';
import type { Config } from '../config/model.js';
import type { DeliveryOptions } from '../config/action-delivery.js';
import {
  CREDENTIAL_VARIABLES,
  REGION_VARIABLES,
  S3_ENDPOINT_VARIABLES,
  sessionEnvironment,
  staleS3Endpoint,
} from './aws-environment.js';
import { accountOfArn } from '../config/arn.js';
import type { Session } from '../credentials.js';
import type { ActionsOutput } from './actions-output.js';
import { summaryMarkdown, type CloudTrailFacts } from './summary.js';
import { jobProfileNotice, S3_CLEARED, servicesClearedNotice } from './advice.js';

function exportEnvironment(out: ActionsOutput, session: Session, region: string): void {
  for (const [name, value] of sessionEnvironment(session, region)) out.exportVariable(name, value);
  const s3 = session.serviceEndpoints?.s3;
  if (s3) out.exportVariable(S3_ENDPOINT_VARIABLES[1], s3);
}

/** A step delivering credentials without an S3 endpoint takes back the one an earlier step of this action set. */
export function clearStaleS3Endpoint(
  out: ActionsOutput,
  session: Session,
  env: Record<string, string | undefined>,
): void {
  const stale = session.serviceEndpoints?.s3 ? undefined : staleS3Endpoint(env);
  if (!stale) return;
  for (const name of S3_ENDPOINT_VARIABLES) out.exportVariable(name, '');
  out.notice(`AWS_ENDPOINT_URL_S3 (${stale}), set by an earlier MinIO step of this action, is cleared: ${S3_CLEARED}`);
}

function mentionsServicesPointer(active: { configFile: string; profiles: string[] }): boolean {
  try {
    const text = readFileSync(active.configFile, 'utf8');
    return active.profiles.some((profile) => text.includes(`aslc-${profile}`));
  } catch {
    return false;
  }
}

function setOutputs(out: ActionsOutput, session: Session, delivery: DeliveryOptions): void {
  const arn = session.assumedRoleArn ?? '';
  const account = accountOfArn(arn);
  if (account) out.setOutput('aws-account-id', account);
  if (arn) out.setOutput('aws-assumed-role-arn', arn);
  // configure-aws-credentials's name for the same ARN (it sets it without declaring it).
  if (arn) out.setOutput('authenticated-arn', arn);
  if (session.credentials.expiration) out.setOutput('aws-expiration', session.credentials.expiration.toISOString());
  if (delivery.outputs) {
    out.setOutput('aws-access-key-id', session.credentials.accessKeyId);
    out.setOutput('aws-secret-access-key', session.credentials.secretAccessKey);
    if (session.credentials.sessionToken) out.setOutput('aws-session-token', session.credentials.sessionToken);
  }
}

/** The summary's CloudTrail rows: the key id only where mask-aws-account-id does not withhold its account. */
function cloudTrailFacts(session: Session, config: Config, delivery: DeliveryOptions): CloudTrailFacts {
  return {
    region: config.region,
    ...(session.sourceIdentity ? { sourceIdentity: session.sourceIdentity } : {}),
    ...(delivery.maskAccountId ? {} : { accessKeyId: session.credentials.accessKeyId }),
  };
}

/** unset-current-credentials: an earlier step's credentials leave the job's environment before anything else runs. */
export function clearEnvironment(out: ActionsOutput): void {
  for (const name of [...CREDENTIAL_VARIABLES, ...REGION_VARIABLES]) out.exportVariable(name, '');
}

/**
 * Every output the config asks for, in order: environment, profile (with its receipt first saved), outputs, summary.
 * `via.credentialProcess`: the profile runs this line for its credentials (refresh-credentials), holding no keys.
 */
export async function deliverToActions(
  out: ActionsOutput,
  session: Session,
  config: Config,
  delivery: DeliveryOptions,
  via: { credentialProcess?: string } = {},
  env: Record<string, string | undefined> = {},
): Promise<void> {
  const account = accountOfArn(session.assumedRoleArn ?? '');
  if (delivery.maskAccountId && account) out.setSecret(account);

  const delivered: string[] = [];
  if (delivery.env) {
    const job = delivery.jobProfile;
    // Before any export, so a refusal leaves the job's environment as it was.
    if (job) {
      const [{ writeJobProfile }, { PROFILE_STATE }] = await Promise.all([
        import('./job-profile.js'),
        import('./profile.js'),
      ]);
      const receipt = await writeJobProfile(job, session.credentials, config.region);
      out.saveState(PROFILE_STATE, JSON.stringify(receipt));
      out.exportVariable('AWS_SHARED_CREDENTIALS_FILE', receipt.credentialsFile);
      out.notice(jobProfileNotice(job.profile, job.credentialsFile, receipt.credentialsFile));
      delivered.push(`profile '${job.profile}' (the job's AWS_PROFILE) in ${receipt.credentialsFile}`);
    }
    exportEnvironment(out, session, config.region);
    clearStaleS3Endpoint(out, session, env);
    const active = delivery.activeProfiles;
    // Most jobs have no pointer: the profile module (and its chunk) loads only when the file mentions one.
    if (active && !session.serviceEndpoints?.s3 && mentionsServicesPointer(active)) {
      const { clearActiveServicesPointer } = await import('./profile.js');
      for (const { profile, sections } of await clearActiveServicesPointer(active))
        out.notice(servicesClearedNotice(profile, active.configFile, sections));
    }
    delivered.push('environment (AWS_ACCESS_KEY_ID, ...)');
  }
  const { credentialsFile, configFile, profile } = delivery;
  if (credentialsFile && configFile && profile) {
    // Loaded only for a profile: its lock library patches fs, which an env-only step has no use for.
    const { PROFILE_STATE, writeProfile } = await import('./profile.js');
    const receipt = await writeProfile(
      { credentialsFile, configFile, profile },
      session.credentials,
      config.region,
      {
        overwrite: delivery.overwriteProfile,
        ...(via.credentialProcess ? { credentialProcess: via.credentialProcess } : {}),
      },
      session.serviceEndpoints,
    );
    const { clearedServices, ...saved } = receipt;
    out.saveState(PROFILE_STATE, JSON.stringify(saved));
    if (clearedServices) out.notice(servicesClearedNotice(receipt.profile, receipt.configFile, clearedServices));
    if (delivery.announceProfile) {
      out.exportVariable('AWS_SHARED_CREDENTIALS_FILE', receipt.credentialsFile);
      out.exportVariable('AWS_CONFIG_FILE', receipt.configFile);
      out.exportVariable('AWS_PROFILE', receipt.profile);
      if (!delivery.env) out.exportVariable('AWS_REGION', config.region);
    }
    delivered.push(`profile '${receipt.profile}' in ${receipt.credentialsFile}`);
  }
  if (delivery.outputs) delivered.push('step outputs');
  const s3 = session.serviceEndpoints?.s3;
  setOutputs(out, session, delivery);

  await out.appendSummary(
    summaryMarkdown({
      mode: config.source.mode,
      sessionName: config.session.sessionName,
      delivered,
      ...(s3 ? { endpoints: [`S3: ${s3}`] } : {}),
      ...(session.assumedRoleArn ? { roleArn: session.assumedRoleArn } : {}),
      ...(session.credentials.expiration ? { expiration: session.credentials.expiration } : {}),
      ...(delivery.cloudTrailLookup && !s3 ? { cloudTrail: cloudTrailFacts(session, config, delivery) } : {}),
    }),
  );
  const until = session.credentials.expiration?.toISOString() ?? 'unknown';
  out.info(
    `Credentials for ${session.assumedRoleArn ?? 'the role'} obtained (${config.source.mode}), valid until ${until}`,
  );
}
