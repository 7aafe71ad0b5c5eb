/** Delivery inside GitHub Actions: env variables for later steps, step outputs, the summary. */
import type { WorkflowCommands } from '../action/workflow-commands.js';
import type { Config } from '../config/model.js';
import { accountOfArn } from '../config/arn.js';
import type { Session } from '../credentials.js';

export function exportEnvironment(wf: WorkflowCommands, session: Session, region: string): void {
  const c = session.credentials;
  wf.exportVariable('AWS_ACCESS_KEY_ID', c.accessKeyId);
  wf.exportVariable('AWS_SECRET_ACCESS_KEY', c.secretAccessKey);
  // An old token from an earlier step must not pair with new keys.
  wf.exportVariable('AWS_SESSION_TOKEN', c.sessionToken ?? '');
  wf.exportVariable('AWS_REGION', region);
  wf.exportVariable('AWS_DEFAULT_REGION', region);
  if (c.expiration) wf.exportVariable('AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString());
}

export function setOutputs(wf: WorkflowCommands, session: Session, config: Config): void {
  const arn = session.assumedRoleArn ?? '';
  const account = accountOfArn(arn);
  if (account) wf.setOutput('aws-account-id', account);
  if (arn) wf.setOutput('aws-assumed-role-arn', arn);
  if (session.credentials.expiration) wf.setOutput('aws-expiration', session.credentials.expiration.toISOString());
  if (config.delivery.outputs) {
    wf.setOutput('aws-access-key-id', session.credentials.accessKeyId);
    wf.setOutput('aws-secret-access-key', session.credentials.secretAccessKey);
    if (session.credentials.sessionToken) wf.setOutput('aws-session-token', session.credentials.sessionToken);
  }
}
