/**
 * `bootstrap sync`'s plan: from operator.yaml and what GitHub and AWS hold, one action per repository (create,
 * rotate, update, revoke, ok, or blocked with the reason). Pure: the clock is an argument.
 */
import { describeTarget, type GithubTarget } from './github-target.js';
import { targetKey, type OperatorConfig, type OperatorEntry } from './operator-config.js';
import { SYNC_NAME_PREFIX } from './policies.js';
import { foreignCreatedBy } from './advice.js';
import type { EnvironmentState } from './github.js';
import { environmentNotProtected } from './operator-advice.js';

/** Rotate anything that expires within this many days, whatever its age. */
const EXPIRY_MARGIN_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;

interface CertificateFacts {
  id: string;
  status: string;
  /** From the certificate itself (AWS's DescribeCertificate dates are not the certificate's). */
  notBefore: Date;
  notAfter: Date;
}

/** What GitHub and AWS hold for one listed repository. */
export interface RepositoryFacts {
  /** False when GitHub answered 404: no such repository, or the token cannot see it. */
  found: boolean;
  /** IOT_CREATED_BY, IOT_CERTIFICATE_ID, IOT_CERTIFICATE_ID_NEXT as read. */
  createdBy?: string;
  certificateId?: string;
  pending?: string;
  /** The certificate IOT_CERTIFICATE_ID names, when AWS knows it. */
  certificate?: CertificateFacts;
  /** The entry's environment as GitHub holds it (only read for an entry with one). */
  environment?: EnvironmentState;
  /** Managed policies on the entry's role (read only when the entry asks for some). */
  rolePolicyArns?: string[];
}

/** A thing bootstrap created for a repository (its created-by, github-repo and github-environment attributes). */
export interface ManagedThing {
  thingName: string;
  target: GithubTarget;
}

export interface SyncState {
  /** By targetKey of each listed entry. */
  repositories: Map<string, RepositoryFacts>;
  things: ManagedThing[];
}

type SyncAction = 'create' | 'rotate' | 'update' | 'revoke' | 'ok' | 'blocked';

export interface SyncItem {
  action: SyncAction;
  target: GithubTarget;
  /** The bootstrap name: the entry's, or (revoke) the thing's. */
  name: string;
  reason: string;
  entry?: OperatorEntry;
}

/** The created-by variable value a sync-made repository carries (the mark `bootstrap iot --github-repo` writes too). */
type MarkOf = (name: string) => string;

export function planSync(config: OperatorConfig, state: SyncState, now: Date, markOf: MarkOf): SyncItem[] {
  const items: SyncItem[] = [];
  const listed = new Map(config.repositories.map((e) => [targetKey(e.target), e]));
  for (const entry of config.repositories) {
    const facts = state.repositories.get(targetKey(entry.target)) ?? { found: false };
    const [action, reason] = planEntry(entry, facts, state.things, now, markOf);
    items.push({ action, target: entry.target, name: entry.name, reason, entry });
  }
  for (const thing of state.things) {
    // A thing named otherwise was delivered by hand (bootstrap iot --github-repo): not sync's to revoke.
    if (!thing.thingName.startsWith(SYNC_NAME_PREFIX)) continue;
    const entry = listed.get(targetKey(thing.target));
    if (entry?.name === thing.thingName) continue;
    // A thing named like a listed entry but serving another repository is that entry's conflict, not a revocation.
    if (config.repositories.some((e) => e.name === thing.thingName)) continue;
    items.push({
      action: 'revoke',
      target: thing.target,
      name: thing.thingName,
      reason: entry ? `listed now under the name ${entry.name}` : 'no longer listed',
    });
  }
  return items.sort((a, b) => targetKey(a.target).localeCompare(targetKey(b.target)) || a.name.localeCompare(b.name));
}

function planEntry(
  entry: OperatorEntry,
  facts: RepositoryFacts,
  things: ManagedThing[],
  now: Date,
  markOf: MarkOf,
): [SyncAction, string] {
  if (!facts.found)
    return [
      'blocked',
      'GitHub answers 404: the repository does not exist or the token cannot see it (is the App installed on it?)',
    ];
  const env = entry.target.environment;
  if (env && facts.environment === 'unprotected') return ['blocked', environmentNotProtected(env, 'unprotected')];
  if (env && facts.environment === 'missing' && !entry.createEnvironment)
    return ['blocked', environmentNotProtected(env, 'missing')];
  const other = things.find((t) => t.thingName === entry.name && targetKey(t.target) !== targetKey(entry.target));
  if (other)
    return ['blocked', `thing ${entry.name} serves ${describeTarget(other.target)}; give this entry another name:`];
  if (facts.createdBy !== undefined && facts.createdBy !== markOf(entry.name))
    return ['blocked', foreignCreatedBy(facts.createdBy)];
  const thing = things.find((t) => t.thingName === entry.name);
  if (!thing) return ['create', 'not provisioned'];
  if (facts.createdBy === undefined || !facts.certificateId)
    return ['create', 'provisioned in AWS, but GitHub holds no certificate from bootstrap'];
  if (facts.pending) return ['rotate', `a rotation stopped after minting ${facts.pending}`];
  const cert = facts.certificate;
  if (!cert) return ['rotate', `certificate ${facts.certificateId} is unknown to AWS`];
  if (cert.status !== 'ACTIVE') return ['rotate', `certificate ${cert.id} is ${cert.status}`];
  const ageDays = Math.floor((now.getTime() - cert.notBefore.getTime()) / DAY_MS);
  const leftDays = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
  if (ageDays >= entry.rotateAfterDays)
    return ['rotate', `certificate is ${ageDays} days old (rotate-after-days ${entry.rotateAfterDays})`];
  if (cert.notAfter.getTime() - now.getTime() < EXPIRY_MARGIN_DAYS * DAY_MS)
    return [
      'rotate',
      leftDays < 0
        ? `certificate expired on ${day(cert.notAfter)}`
        : `certificate expires on ${day(cert.notAfter)}, within ${EXPIRY_MARGIN_DAYS} days`,
    ];
  const missing = entry.policyArns.filter((arn) => !(facts.rolePolicyArns ?? []).includes(arn));
  if (missing.length) return ['update', `role lacks ${missing.join(', ')}`];
  const rotatedIn = Math.min(entry.rotateAfterDays - ageDays, leftDays - EXPIRY_MARGIN_DAYS);
  return ['ok', `certificate ${ageDays} days old, rotated in ${rotatedIn} days`];
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** One line per repository, aligned: action, repository, name, why. */
export function formatSyncPlan(items: SyncItem[]): string {
  const width = Math.max(10, ...items.map((i) => describeTarget(i.target).length));
  return items
    .map((i) => `  ${i.action.padEnd(8)} ${describeTarget(i.target).padEnd(width)}  ${i.name}  (${i.reason})`)
    .join('\n');
}

/** How many of each action, e.g. "1 create, 2 ok". */
export function summarizeSyncPlan(items: SyncItem[]): string {
  const counts = new Map<SyncAction, number>();
  for (const i of items) counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
  return [...counts].map(([a, n]) => `${n} ${a}`).join(', ') || 'nothing listed, nothing to revoke';
}
