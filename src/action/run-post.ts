/** The post step: remove the profile the main step wrote, so no credentials outlive the job on a self-hosted runner. */
import type { WorkflowCommands } from './workflow-commands.js';
import { PROFILE_STATE, removeProfile } from '../delivery/profile.js';
import type { ProfileReceipt } from '../delivery/profile.js';

export async function runPost(wf: WorkflowCommands): Promise<void> {
  const raw = wf.getState(PROFILE_STATE);
  if (!raw) return;
  const receipt = JSON.parse(raw) as ProfileReceipt;
  const { removed } = await removeProfile(receipt);
  wf.info(removed
    ? `Removed profile '${receipt.profile}' from ${receipt.credentialsFile}`
    : `Profile '${receipt.profile}' in ${receipt.credentialsFile} was changed or removed since the main step; left as it is`);
}
