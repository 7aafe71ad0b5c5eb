/** The post step: remove the profile the main step wrote, so no credentials outlive the job on a self-hosted runner. */
import { homedir } from 'node:os';
import type { WorkflowCommands } from './workflow-commands.js';
import { failureMessage } from './failure.js';
import { buildConfig } from '../config/build-config.js';
import { buildActionDelivery } from '../config/action-delivery.js';
import { actionInputs } from '../config/environment-inputs.js';
import { PROFILE_STATE, parseReceipt, removeProfile, type ProfileTarget } from '../delivery/profile.js';
import { ENDPOINT_STATE, stopJobEndpoint } from './job-endpoint.js';
import { jobProfileTarget, removeJobProfile } from '../delivery/job-profile.js';

export async function runPost(
  wf: WorkflowCommands,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  // The endpoint's clean-up failing, however, must not keep the profile below in place.
  if (wf.getState(ENDPOINT_STATE))
    await stopJobEndpoint(wf).catch((err: unknown) => wf.warning(`Post step: ${failureMessage(err)}`));
  const raw = wf.getState(PROFILE_STATE);
  if (!raw) return;
  const owned = jobProfileTarget(raw, env);
  const receipt = parseReceipt(raw, [...targetsOfInputs(env), ...(owned ? [owned] : [])]);
  if (typeof receipt === 'string') {
    // The state is only trusted as far as it matches what the main step would write; otherwise touch nothing.
    wf.warning(`Post step: the saved profile receipt was not used (${receipt}); no file was changed`);
    return;
  }
  if (owned && receipt.credentialsFile === owned.credentialsFile) {
    await removeJobProfile(receipt);
    wf.info(
      `Removed the step-owned copy ${receipt.credentialsFile} (profile '${receipt.profile}', the job's AWS_PROFILE)`,
    );
    return;
  }
  const { removed } = await removeProfile(receipt);
  wf.info(
    removed
      ? `Removed profile '${receipt.profile}' from ${receipt.credentialsFile}`
      : `Profile '${receipt.profile}' in ${receipt.credentialsFile} was changed or removed since the main step; left as it is`,
  );
}

/**
 * The files and profile the main step could have chosen from the same inputs: with the job's environment as it is now
 * (the main step exported AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE), and without them (the defaults).
 */
function targetsOfInputs(env: Record<string, string | undefined>): ProfileTarget[] {
  const targets: ProfileTarget[] = [];
  const withoutFiles = { ...env, AWS_SHARED_CREDENTIALS_FILE: undefined, AWS_CONFIG_FILE: undefined };
  for (const e of [env, withoutFiles]) {
    try {
      const get = actionInputs(e);
      const config = buildConfig(get, e, new Date(), homedir());
      const { delivery } = buildActionDelivery(get, e, homedir(), config);
      if (delivery.credentialsFile && delivery.configFile && delivery.profile) {
        targets.push({
          credentialsFile: delivery.credentialsFile,
          configFile: delivery.configFile,
          profile: delivery.profile,
        });
      }
    } catch {
      // Inputs that no longer build a configuration choose nothing.
    }
  }
  return targets;
}
