/** The action's main step: inputs → config → provider → credentials → delivery. */
import { homedir } from 'node:os';
import { buildConfig } from '../config/action-inputs.js';
import { obtainSession } from '../providers/registry.js';
import { createProviderContext } from '../providers/context.js';
import { deliverToActions } from '../delivery/actions-export.js';
import type { WorkflowCommands } from './workflow-commands.js';

export async function runMain(wf: WorkflowCommands, env: Record<string, string | undefined>): Promise<void> {
  const config = buildConfig((name) => wf.getInput(name), env, new Date(), homedir());
  // Checked before the exchange: credentials obtained with nowhere safe to deliver them would be wasted, or printed.
  wf.requireFiles(['GITHUB_OUTPUT', ...(config.delivery.env ? (['GITHUB_ENV'] as const) : []), ...(config.delivery.credentialsFile ? (['GITHUB_STATE'] as const) : [])]);
  // A hard stop in case anything outside the retry loop (a lock, a slow disk) overruns action-timeout-s.
  const guard = setTimeout(() => {
    wf.error(`Gave up: the step exceeded action-timeout-s (${config.retry.timeoutMs / 1000}s)`);
    process.exit(1);
  }, config.retry.timeoutMs + 2000);
  guard.unref();

  const ctx = createProviderContext({
    env,
    retry: config.retry,
    httpProxy: config.httpProxy,
    mask: (value) => wf.setSecret(value),
    debug: (message) => wf.debug(message),
  });
  const { final } = await obtainSession(config, ctx);
  await deliverToActions(wf, final, config);
}
