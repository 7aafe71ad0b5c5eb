/**
 * `bootstrap sync`: reads what GitHub and AWS hold for operator.yaml, plans (sync-plan.ts), then applies each
 * repository's action a few at a time through the same delivery as `bootstrap iot|rotate|revoke --github-repo`.
 * Revocations run first, so a repository listed under a new name is freed before it is provisioned again.
 */
import { X509Certificate } from 'node:crypto';
import { ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { DescribeCertificateCommand, ListThingsCommand } from '@aws-sdk/client-iot';
import { apply, resolvedFromIot } from './apply.js';
import { discoverIot, isNotFound, sdkError, type BootstrapClients } from './discover.js';
import type { GithubActions } from './github.js';
import { parseGithubTarget, describeTarget } from './github-target.js';
import { targetKey, type OperatorConfig, type OperatorEntry } from './operator-config.js';
import { InputError } from '../errors.js';
import { policyNotAllowed } from './operator-advice.js';
import { checkPolicyArns, iotDesired, planDestroy, type Step } from './plan.js';
import { CREATED_BY_KEY, CREATED_BY_VALUE, type OperatorLimits } from './policies.js';
import { createdByMark, deliverToRepository, parseVariables, type RepositoryOptions } from './repository.js';
import { planSync, type ManagedThing, type RepositoryFacts, type SyncItem, type SyncState } from './sync-plan.js';
import { thingTypeStillDeprecated } from './advice.js';

export const DEFAULT_CONCURRENCY = 4;

export interface SyncOptions {
  config: OperatorConfig;
  region: string;
  /** What bounds the operator role: every role is created with the boundary, only the allowed policies attached. */
  limits: OperatorLimits;
  github: GithubActions;
  clients: BootstrapClients;
  /** Repositories read or changed at the same time. */
  concurrency?: number;
  dryRun?: boolean;
  now?: Date;
  endpoint?: string;
  caCertificate?: string;
  log?: (line: string) => void;
  verify?: RepositoryOptions['verify'];
}

interface SyncOutcome {
  item: SyncItem;
  applied: boolean;
  notes: string[];
  /** The error's message when this repository's action failed (the others still ran). */
  error?: string;
}

interface SyncResult {
  items: SyncItem[];
  outcomes: SyncOutcome[];
  failed: number;
}

export async function sync(options: SyncOptions): Promise<SyncResult> {
  checkWithinLimits(options.config, options.limits);
  const limit = options.concurrency ?? DEFAULT_CONCURRENCY;
  const state = await discoverSync(options.config, options.github, options.clients, limit);
  const items = planSync(options.config, state, options.now ?? new Date(), createdByMark);
  if (options.dryRun) return { items, outcomes: items.map((item) => ({ item, applied: false, notes: [] })), failed: 0 };
  const revokes = items.filter((i) => i.action === 'revoke');
  const others = items.filter((i) => i.action !== 'revoke');
  const outcomes = [
    ...(await eachLimited(revokes, limit, (i) => applyItem(i, options))),
    ...(await eachLimited(others, limit, (i) => applyItem(i, options))),
  ];
  return { items, outcomes, failed: outcomes.filter((o) => o.error !== undefined).length };
}

/** Refuses, before anything is read or written, an entry naming a managed policy the operator may not attach. */
export function checkWithinLimits(config: OperatorConfig, limits: OperatorLimits, file = 'operator.yaml'): void {
  checkPolicyArns([limits.boundaryArn]);
  const allowed = new Set(limits.allowedPolicyArns);
  config.repositories.forEach((entry, i) => {
    const outside = entry.policyArns.find((arn) => !allowed.has(arn));
    if (outside)
      throw new InputError(
        `${file} repositories[${i}].policy-arns`,
        ...policyNotAllowed(outside, limits.allowedPolicyArns),
      );
  });
}

/** The owned things that serve a repository, and for each listed repository its variables and certificate. */
async function discoverSync(
  config: OperatorConfig,
  github: GithubActions,
  clients: BootstrapClients,
  limit: number,
): Promise<SyncState> {
  const things = await managedThings(clients);
  const repositories = new Map<string, RepositoryFacts>();
  await eachLimited(config.repositories, limit, async (entry) => {
    repositories.set(targetKey(entry.target), await repositoryFacts(entry, github, clients));
  });
  return { repositories, things };
}

async function managedThings(clients: BootstrapClients): Promise<ManagedThing[]> {
  const out: ManagedThing[] = [];
  let nextToken: string | undefined;
  do {
    let page;
    try {
      page = await clients.iot.send(
        new ListThingsCommand({
          attributeName: CREATED_BY_KEY,
          attributeValue: CREATED_BY_VALUE,
          maxResults: 250,
          nextToken,
        }),
      );
    } catch (err) {
      throw sdkError('iot:ListThings', err, 'sync needs iot:ListThings to find the repositories it provisioned');
    }
    for (const t of page.things ?? []) {
      const repo = t.attributes?.['github-repo'];
      if (!t.thingName || !repo) continue;
      try {
        out.push({ thingName: t.thingName, target: parseGithubTarget(repo, t.attributes?.['github-environment']) });
      } catch {
        // An attribute bootstrap did not write: the thing is not sync's to manage.
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function repositoryFacts(
  entry: OperatorEntry,
  github: GithubActions,
  clients: BootstrapClients,
): Promise<RepositoryFacts> {
  const all = await github.listVariables(entry.target);
  if (all === undefined && !entry.target.environment) return { found: false };
  // An environment not created yet answers 404 too; the repository itself is checked when it is written to.
  const vars = parseVariables(all ?? {});
  const facts: RepositoryFacts = { found: true };
  if (entry.target.environment) facts.environment = await github.environmentState(entry.target);
  if (vars.createdBy !== undefined) facts.createdBy = vars.createdBy;
  if (vars.certificateId) facts.certificateId = vars.certificateId;
  if (vars.pending) facts.pending = vars.pending;
  if (vars.certificateId) {
    const cert = await describeCertificate(clients, vars.certificateId);
    if (cert) facts.certificate = cert;
  }
  if (entry.policyArns.length) facts.rolePolicyArns = await rolePolicies(clients, `${entry.name}-role`);
  return facts;
}

async function describeCertificate(clients: BootstrapClients, id: string): Promise<RepositoryFacts['certificate']> {
  try {
    const d = (await clients.iot.send(new DescribeCertificateCommand({ certificateId: id }))).certificateDescription;
    if (!d?.certificatePem) return undefined;
    const x509 = new X509Certificate(d.certificatePem);
    return { id, status: d.status ?? 'UNKNOWN', notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo) };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw sdkError('iot:DescribeCertificate', err, 'sync reads each certificate to know its age');
  }
}

async function rolePolicies(clients: BootstrapClients, roleName: string): Promise<string[]> {
  const arns: string[] = [];
  let marker: string | undefined;
  try {
    do {
      const page = await clients.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, Marker: marker }));
      for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) arns.push(p.PolicyArn);
      marker = page.IsTruncated ? page.Marker : undefined;
    } while (marker);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw sdkError('iam:ListAttachedRolePolicies', err, '');
  }
  return arns;
}

async function applyItem(item: SyncItem, options: SyncOptions): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { item, applied: false, notes: [] };
  if (item.action === 'ok' || item.action === 'blocked') return outcome;
  const where = describeTarget(item.target);
  options.log?.(`  ${item.action.padEnd(8)} ${where}`);
  try {
    const common: RepositoryOptions = {
      name: item.name,
      region: options.region,
      github: options.github,
      target: item.target,
      clients: options.clients,
      ...(item.entry?.policyArns.length ? { policyArns: item.entry.policyArns } : {}),
      permissionsBoundaryArn: options.limits.boundaryArn,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.caCertificate ? { caCertificate: options.caCertificate } : {}),
      ...(options.verify ? { verify: options.verify } : {}),
    };
    const kind = item.action === 'rotate' ? 'rotate' : item.action === 'revoke' ? 'revoke' : 'ensure';
    const res = await deliverToRepository(kind, common);
    outcome.notes.push(...res.notes);
    if (kind === 'revoke') {
      const revoked = res.steps
        .filter((s) => s.resource === 'certificate' && s.action === 'deactivate')
        .map((s) => s.name);
      outcome.notes.push(...(await cleanUp(item.name, revoked, options)));
    }
    outcome.applied = true;
  } catch (err) {
    outcome.error = (err as Error).message;
  }
  return outcome;
}

/** What bootstrap created for a revoked repository, removed; a thing type AWS cannot delete yet is named. */
async function cleanUp(name: string, revokedIds: string[], options: SyncOptions): Promise<string[]> {
  const desired = iotDesired(name, options.region);
  const state = await discoverIot(options.clients, desired, undefined, revokedIds);
  const steps = planDestroy(state, desired);
  const typeSteps: Step[] = steps.filter((s) => s.resource === 'thing-type' && s.action === 'delete');
  const ctx = {
    clients: options.clients,
    desired: { iot: desired },
    resolved: resolvedFromIot(state),
    ...(options.log ? { log: options.log } : {}),
  };
  await apply(
    steps.filter((s) => !typeSteps.includes(s)),
    ctx,
  );
  try {
    await apply(typeSteps, ctx);
    return [];
  } catch {
    return [thingTypeStillDeprecated(desired.thingTypeName, name)];
  }
}

/** Runs `fn` over `items`, at most `limit` at a time, in order of the results. */
async function eachLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
