/**
 * The one exchange every caller runs (the action, each CLI command, every refresh of the credentials endpoint): a
 * validated config in, a guarded session out. It alone builds the provider context from the config (retry bounds,
 * proxy, no-proxy, sts-endpoint), then runs the mode's provider and the chain hop with the checks
 * configure-aws-credentials users rely on around them: keep working credentials already in the environment
 * (use-existing-credentials), ask again for a secret key without special characters (special-characters-workaround),
 * and refuse credentials of an account not in allowed-account-ids, before anything is delivered.
 */
import type { Config } from '../config/model.js';
import { accountOfArn } from '../config/arn.js';
import type { Session } from '../credentials.js';
import { AwsError, InputError } from '../errors.js';
import type { HttpRequest, HttpResponse } from '../http/request.js';
import { answeringFirst, type EarlyRequest } from '../http/early.js';
import type { RetryClock } from '../retry.js';
import { createProviderContext, type MaskKind, type ProviderContext } from './context.js';
import { obtainSession } from './registry.js';

/** What a front-end hands the exchange besides the config: where secrets go, where debug lines go, and test seams. */
export interface ExchangeHooks {
  /** Registers a secret the moment it is known (the job log's masker, the CLI's redactor). */
  mask(value: string, kind?: MaskKind): void;
  debug(message: string): void;
  /** A warning that did not stop the exchange; default: a debug line. */
  warn?(message: string): void;
  /** A request the front-end sent before the exchange (the action's id-token): it answers the first identical one. */
  early?: EarlyRequest;
  /** Test seams: the transport, the clock, file reads. */
  http?(req: HttpRequest): Promise<HttpResponse>;
  clock?: RetryClock;
  readFile?(path: string): Buffer;
}

/** The config's session, guarded; the deadline (action-timeout-s) runs from this call. */
export async function exchange(config: Config, hooks: ExchangeHooks): Promise<GuardedOutcome> {
  return obtainGuardedSession(config, contextFor(config, hooks));
}

/** The provider context of `config`: its retry bounds, proxies, sts-endpoint and the environment's endpoint for STS. */
export function contextFor(config: Config, hooks: ExchangeHooks): ProviderContext {
  return createProviderContext({
    retry: config.retry,
    httpProxy: config.httpProxy,
    proxyVariables: config.proxyVariables,
    stsEndpoint: config.stsEndpoint,
    stsEndpointSetting: config.endpoints?.sts,
    noProxy: config.noProxy,
    userAgentFields: config.userAgentFields,
    mask: hooks.mask,
    debug: hooks.debug,
    ...(hooks.warn ? { warn: hooks.warn } : {}),
    ...(hooks.early ? { http: answeringFirst(hooks.early, hooks.http) } : hooks.http ? { http: hooks.http } : {}),
    ...(hooks.clock ? { clock: hooks.clock } : {}),
    ...(hooks.readFile ? { readFile: hooks.readFile } : {}),
  });
}

/**
 * A new session whatever the environment holds: use-existing-credentials does not apply (a CLI printing credentials,
 * or a refresh of credentials already chosen, cannot "leave the job's credentials as they are").
 */
export async function exchangeAnew(config: Config, hooks: ExchangeHooks): Promise<Session> {
  const outcome = await exchange({ ...config, guards: { ...config.guards, useExistingCredentials: false } }, hooks);
  if (!('final' in outcome)) throw new Error('unreachable: use-existing-credentials is off');
  return outcome.final;
}

export type GuardedOutcome = { final: Session; source: Session } | { existing: { account: string; arn: string } };

/** configure-aws-credentials's test: any of these in either key, which some tools mangle. */
const SPECIAL_CHARACTERS = /[!@#$%^&*()_+\-=[\]{};':"\\|,.<>/?]/;
/** A clean 40-character key comes about one time in four; 50 tries leave about 1 in 10^7 jobs without one. */
const MAX_CLEAN_KEY_TRIES = 50;

async function obtainGuardedSession(config: Config, ctx: ProviderContext): Promise<GuardedOutcome> {
  const existing = await existingIdentity(config, ctx);
  if (existing) return { existing };
  let obtained = await obtainSession(config, ctx);
  for (let tries = 1; config.guards.specialCharactersWorkaround && hasSpecialCharacters(obtained.final); tries++) {
    if (tries >= MAX_CLEAN_KEY_TRIES) {
      throw new AwsError(
        'special-characters-workaround',
        'NoCleanKey',
        `no secret key without special characters in ${tries} sessions`,
        'Remove special-characters-workaround and quote the key where it is used',
        false,
      );
    }
    ctx.debug('special-characters-workaround: the secret key has special characters; asking again');
    obtained = await obtainSession(config, ctx);
  }
  const final = await checkAccount(obtained.final, config, ctx);
  return { source: obtained.source, final };
}

function hasSpecialCharacters(session: Session): boolean {
  return (
    SPECIAL_CHARACTERS.test(session.credentials.accessKeyId) ||
    SPECIAL_CHARACTERS.test(session.credentials.secretAccessKey)
  );
}

/**
 * allowed-account-ids: the account comes from the assumed-role ARN; where the exchange reports none (plain IoT mode)
 * sts:GetCallerIdentity asks, and its ARN then also fills the outputs.
 */
async function checkAccount(session: Session, config: Config, ctx: ProviderContext): Promise<Session> {
  const allowed = config.guards.allowedAccountIds;
  if (allowed.length === 0) return session;
  let arn = session.assumedRoleArn;
  if (!arn) {
    const { getCallerIdentity } = await import('./sts.js');
    arn = (await getCallerIdentity(ctx, config.region, session.credentials)).arn;
  }
  const account = accountOfArn(arn);
  if (!allowed.includes(account)) {
    throw new InputError(
      'allowed-account-ids',
      `the credentials are for account ${account || '(unknown)'}, which is not one of ${allowed.join(', ')}; nothing was delivered`,
      'Check role-to-assume (or the role alias / Roles Anywhere profile), or add the account to allowed-account-ids',
    );
  }
  return { ...session, assumedRoleArn: arn };
}

/**
 * use-existing-credentials: the environment's AWS_* credentials, if sts:GetCallerIdentity accepts them (and the account
 * is allowed).
 */
async function existingIdentity(
  config: Config,
  ctx: ProviderContext,
): Promise<{ account: string; arn: string } | undefined> {
  if (!config.guards.useExistingCredentials) return undefined;
  const credentials = config.environmentCredentials;
  if (!credentials) {
    ctx.debug('use-existing-credentials: no AWS credentials in the environment; obtaining new ones');
    return undefined;
  }
  const { getCallerIdentity } = await import('./sts.js');
  try {
    const identity = await getCallerIdentity({ ...ctx, maxAttempts: 1 }, config.region, credentials);
    const allowed = config.guards.allowedAccountIds;
    if (allowed.length > 0 && !allowed.includes(identity.account)) {
      ctx.debug(
        `use-existing-credentials: the environment's credentials are for account ${identity.account}, not in allowed-account-ids; obtaining new ones`,
      );
      return undefined;
    }
    return identity;
  } catch (err) {
    ctx.debug(
      `use-existing-credentials: the environment's credentials were not accepted (${err instanceof Error ? err.message : String(err)}); obtaining new ones`,
    );
    return undefined;
  }
}
