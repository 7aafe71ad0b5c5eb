/** The action's main step: inputs → config → provider → credentials → delivery. */
import { homedir } from 'node:os';
import { buildConfig } from '../config/action-inputs.js';
import { obtainGuardedSession } from '../providers/guarded-session.js';
import { refuseUnknownInputs } from '../config/input-names.js';
import { createProviderContext } from '../providers/context.js';
import { clearEnvironment, deliverToActions } from '../delivery/actions-export.js';
import { parseRefreshInputs } from '../config/refresh.js';
import type { WorkflowCommands } from './workflow-commands.js';

export async function runMain(wf: WorkflowCommands, env: Record<string, string | undefined>): Promise<void> {
  refuseUnknownInputs(env);
  const config = buildConfig((name) => wf.getInput(name), env, new Date(), homedir());
  for (const warning of config.warnings) wf.warning(warning);
  const refresh = parseRefreshInputs((name) => wf.getInput(name));
  // Checked before the exchange: credentials obtained with nowhere safe to deliver them would be wasted, or printed.
  wf.requireFiles([
    'GITHUB_OUTPUT',
    ...(config.delivery.env ? (['GITHUB_ENV'] as const) : []),
    ...(config.delivery.credentialsFile ? (['GITHUB_STATE'] as const) : []),
  ]);
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
    stsEndpoint: config.stsEndpoint,
    noProxy: config.noProxy,
    mask: (value) => wf.setSecret(value),
    debug: (message) => wf.debug(message),
  });
  if (config.guards.unsetCurrentCredentials && config.delivery.env) clearEnvironment(wf);
  const outcome = await obtainGuardedSession(config, ctx);
  if ('existing' in outcome) {
    wf.notice(
      `use-existing-credentials: the environment's credentials (${outcome.existing.arn}) are valid; no new ones were obtained`,
    );
    return;
  }
  const final = outcome.final;
  if (!refresh.enabled) return deliverToActions(wf, final, config);
  // The environment points at a refreshing endpoint instead of holding static keys; the rest is delivered as usual.
  const { startJobEndpoint } = await import('./job-endpoint.js');
  const endpoint = await startJobEndpoint(wf, config, final, Date.now(), refresh, env);
  await deliverToActions(
    wf,
    final,
    { ...config, delivery: { ...config.delivery, env: false } },
    { credentialProcess: endpoint.credentialProcess },
  );
}
