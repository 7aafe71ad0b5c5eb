/** The action's main step: inputs → config → provider → credentials → delivery. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { buildConfig } from '../config/action-inputs.js';
import { accountOfArn } from '../config/arn.js';
import { obtainSession } from '../providers/index.js';
import type { ProviderContext } from '../providers/context.js';
import { systemClock } from '../retry.js';
import { proxyFor } from '../http/proxy.js';
import { WorkflowCommands } from './workflow-commands.js';
import { exportEnvironment, setOutputs } from '../delivery/actions-export.js';
import { summaryMarkdown, type SummaryFacts } from '../delivery/summary.js';
import { PROFILE_STATE, writeProfile } from '../delivery/profile.js';

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

  const ctx: ProviderContext = {
    env,
    clock: systemClock,
    deadline: Date.now() + config.retry.timeoutMs,
    maxAttempts: config.retry.maxAttempts,
    mask: (value) => wf.setSecret(value),
    debug: (message) => wf.debug(message),
    readFile: (path) => readFileSync(path),
    proxyFor: (url) => proxyFor(new URL(url), env, config.httpProxy),
  };
  const { final } = await obtainSession(config, ctx);

  const account = accountOfArn(final.assumedRoleArn ?? '');
  if (config.delivery.maskAccountId && account) wf.setSecret(account);

  const delivered: string[] = [];
  if (config.delivery.env) {
    exportEnvironment(wf, final, config.region);
    delivered.push('environment (AWS_ACCESS_KEY_ID, ...)');
  }
  if (config.delivery.credentialsFile && config.delivery.configFile && config.delivery.profile) {
    const receipt = await writeProfile(
      { credentialsFile: config.delivery.credentialsFile, configFile: config.delivery.configFile, profile: config.delivery.profile },
      final.credentials,
      config.region,
    );
    wf.saveState(PROFILE_STATE, JSON.stringify(receipt));
    wf.exportVariable('AWS_SHARED_CREDENTIALS_FILE', receipt.credentialsFile);
    wf.exportVariable('AWS_CONFIG_FILE', receipt.configFile);
    wf.exportVariable('AWS_PROFILE', receipt.profile);
    if (!config.delivery.env) wf.exportVariable('AWS_REGION', config.region);
    delivered.push(`profile '${receipt.profile}' in ${receipt.credentialsFile}`);
  }
  if (config.delivery.outputs) delivered.push('step outputs');
  setOutputs(wf, final, config);

  const facts: SummaryFacts = {
    mode: config.source.mode,
    sessionName: config.session.sessionName,
    delivered,
    ...(final.assumedRoleArn ? { roleArn: final.assumedRoleArn } : {}),
    ...(final.credentials.expiration ? { expiration: final.credentials.expiration } : {}),
  };
  wf.appendSummary(summaryMarkdown(facts));
  wf.info(`Credentials for ${final.assumedRoleArn ?? 'the role'} obtained (${config.source.mode}), valid until ${final.credentials.expiration?.toISOString() ?? 'unknown'}`);
}
