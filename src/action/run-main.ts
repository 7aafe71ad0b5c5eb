/** The action's main step: inputs → config → the one exchange → delivery. */
import { homedir } from 'node:os';
import { buildConfig } from '../config/build-config.js';
import { buildActionDelivery } from '../config/action-delivery.js';
import { actionInputs } from '../config/environment-inputs.js';
import { refuseUnknownInputs } from '../config/input-names.js';
import { runnerIdentityNotice } from '../config/runner-identity.js';
import type { Env } from '../config/sources/inputs.js';
import { contextFor, exchange, type ExchangeHooks } from '../providers/exchange.js';
import { errorDetails, refusedWebIdentity } from '../providers/sts-errors.js';
import { clearEnvironment, deliverToActions } from '../delivery/actions-export.js';
import type { EarlyRequest } from '../http/early.js';
import type { Config } from '../config/model.js';
import type { WorkflowCommands } from './workflow-commands.js';
import { failureMessage } from './failure.js';
import { DIAGNOSIS_FAILED } from './advice.js';

/** `early`: the id-token request the entry sent before this module loaded, if it did. */
export async function runMain(wf: WorkflowCommands, env: Env, early?: EarlyRequest): Promise<void> {
  refuseUnknownInputs(env);
  const get = actionInputs(env);
  const config = buildConfig(get, env, new Date(), homedir());
  const { delivery, refresh, diagnose } = buildActionDelivery(get, env, homedir(), config);
  for (const warning of config.warnings) wf.warning(warning);
  // Checked before the exchange: credentials obtained with nowhere safe to deliver them would be wasted, or printed.
  wf.requireFiles([
    'GITHUB_OUTPUT',
    ...(delivery.env ? (['GITHUB_ENV'] as const) : []),
    ...(delivery.credentialsFile ? (['GITHUB_STATE'] as const) : []),
  ]);
  // A hard stop in case anything outside the retry loop (a lock, a slow disk) overruns action-timeout-s.
  const guard = setTimeout(() => {
    wf.error(`Gave up: the step exceeded action-timeout-s (${config.retry.timeoutMs / 1000}s)`);
    process.exit(1);
  }, config.retry.timeoutMs + 2000);
  guard.unref();

  if (config.guards.unsetCurrentCredentials && delivery.env) clearEnvironment(wf);
  // The summary's CloudTrail line shows the access key id: left readable then, unless the account is masked (an access
  // key id names its account: sts:GetAccessKeyInfo).
  const keyIdShown = delivery.cloudTrailLookup && !delivery.maskAccountId;
  const hooks: ExchangeHooks = {
    mask: (value, kind) => (kind === 'access-key-id' && keyIdShown ? undefined : wf.setSecret(value)),
    debug: (message) => wf.debug(message),
    warn: (message) => wf.warning(message),
  };
  const outcome = await exchange(config, { ...hooks, ...(early ? { early } : {}) }).catch(async (err: unknown) => {
    printDetails(wf, errorDetails(err), delivery.maskAccountId ? accountIds(config) : []);
    if (diagnose) await diagnoseRefusal(wf, err, config, hooks, delivery.maskAccountId);
    throw err;
  });
  if ('existing' in outcome) {
    wf.notice(
      `use-existing-credentials: the environment's credentials (${outcome.existing.arn}) are valid; no new ones were obtained`,
    );
    return;
  }
  const final = outcome.final;
  if (config.source.mode === 'runner-identity')
    wf.notice(runnerIdentityNotice(config.source.base, config.source.reason));
  if (!refresh.enabled) return deliverToActions(wf, final, config, delivery, {}, env);
  // The environment points at a refreshing endpoint instead of holding static keys; the rest is delivered as usual.
  const { startJobEndpoint } = await import('./job-endpoint.js');
  const endpoint = await startJobEndpoint(wf, config, delivery, final, Date.now(), refresh, env);
  await deliverToActions(
    wf,
    final,
    config,
    { ...delivery, env: false },
    { credentialProcess: endpoint.credentialProcess },
  );
}

/** A failure's data lines (a refused token's claims), after masking the accounts when mask-aws-account-id asks. */
function printDetails(wf: WorkflowCommands, lines: readonly string[], accounts: string[]): void {
  if (lines.length === 0) return;
  for (const account of accounts) wf.setSecret(account);
  for (const line of lines) wf.info(line);
}

/**
 * `diagnose: true` after STS refused the job's web identity: the role's trust read with the runner's own credentials,
 * printed as data. Loaded only then; it never throws, so the step fails with STS's error whatever happens here.
 */
async function diagnoseRefusal(
  wf: WorkflowCommands,
  err: unknown,
  config: Config,
  hooks: ExchangeHooks,
  maskAccounts: boolean,
): Promise<void> {
  const refused = refusedWebIdentity(err);
  if (!refused) return;
  try {
    const { accountIdsIn, diagnoseRefusal } = await import('../diagnose/refusal.js');
    const lines = await diagnoseRefusal(refused, config.region, contextFor(config, hooks));
    // The role's account is masked already (printDetails); the trust may name others.
    const masked = accountIds(config);
    if (maskAccounts) for (const account of accountIdsIn(lines)) if (!masked.includes(account)) wf.setSecret(account);
    for (const line of lines) wf.info(line);
  } catch (diagnosisError) {
    wf.warning(`${DIAGNOSIS_FAILED}: ${failureMessage(diagnosisError)}`);
  }
}

/** The account ids of the roles the step names. */
function accountIds(config: Config): string[] {
  const arns = ['roleArn' in config.source ? config.source.roleArn : undefined, config.chainRoleArn];
  return [
    ...new Set(arns.map((arn) => /^arn:[^:]+:iam::(\d{12}):/.exec(arn ?? '')?.[1]).filter((a) => a !== undefined)),
  ];
}
