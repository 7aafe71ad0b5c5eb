/**
 * operator.yaml, the desired state `bootstrap sync` reconciles: which repositories (and environments) hold an IoT
 * certificate, how old it may grow, which policies its role gets. schemas/operator.schema.json documents the same
 * shape. Pure: text in, a validated config out; every error names the file, the entry and the key.
 */
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { parseGithubTarget, type GithubTarget } from './github-target.js';
import { checkPolicyArns } from './plan.js';
import { SYNC_NAME_PREFIX } from './policies.js';

const DEFAULT_ROTATE_AFTER_DAYS = 30;
const MODES = ['iot'] as const;

export interface OperatorEntry {
  target: GithubTarget;
  mode: 'iot';
  /** The bootstrap name (thing, role, role alias, policy are named after it). */
  name: string;
  rotateAfterDays: number;
  policyArns: string[];
  /** create-environment: a missing environment is created, limited to the default branch (else sync refuses it). */
  createEnvironment: boolean;
}

export interface OperatorConfig {
  repositories: OperatorEntry[];
}

const ENTRY_KEYS = ['repo', 'environment', 'create-environment', 'mode', 'rotate-after-days', 'policy-arns', 'name'];

/**
 * The key that identifies a repository (and environment) across config, GitHub and thing attributes; GitHub matches
 * owners, repositories and environment names case-insensitively, so `Prod` and `prod` are one environment.
 */
export function targetKey(t: GithubTarget): string {
  return (`${t.owner}/${t.repo}` + (t.environment ? `#${t.environment}` : '')).toLowerCase();
}

/**
 * The bootstrap name for a repository: readable, within IAM's 64 characters once `-role-alias`-style suffixes are
 * added, and stable; a long one is shortened and given a hash of the whole so two never meet.
 */
export function syncName(t: GithubTarget): string {
  const full = `${SYNC_NAME_PREFIX}${t.owner}-${t.repo}${t.environment ? `-${t.environment}` : ''}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-');
  if (full.length <= 50) return full;
  const hash = createHash('sha256').update(targetKey(t)).digest('hex').slice(0, 8);
  return `${full.slice(0, 41).replace(/-+$/, '')}-${hash}`;
}

export function parseOperatorConfig(text: string, file: string): OperatorConfig {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem)
    throw new InputError(
      file,
      `is not valid YAML (${problem.message.split('\n')[0]})`,
      'Fix the YAML at that line; see schemas/operator.schema.json',
    );
  const root: unknown = doc.toJS();
  if (!isMap(root))
    throw new InputError(file, 'is not a mapping', 'Start the file with repositories: followed by a list of entries');
  for (const key of Object.keys(root))
    if (key !== 'repositories')
      throw new InputError(`${file} ${key}`, 'is not a key of the operator file', 'The file has one key, repositories');
  const list = root['repositories'];
  if (list === undefined || list === null)
    throw new InputError(
      `${file} repositories`,
      'is missing or empty',
      'List the repositories to provision; write repositories: [] to revoke every one bootstrap made',
    );
  if (!Array.isArray(list))
    throw new InputError(
      `${file} repositories`,
      'is not a list',
      'Write each repository as a list item: - repo: my-org/my-repo',
    );

  const entries = list.map((raw, i) => parseEntry(raw, `${file} repositories[${i}]`));
  const byKey = new Map<string, string>();
  const byName = new Map<string, string>();
  entries.forEach((e, i) => {
    const where = `${file} repositories[${i}]`;
    const key = targetKey(e.target);
    if (byKey.has(key))
      throw new InputError(where, `repeats ${byKey.get(key)}`, 'List each repository (and environment) once');
    if (byName.has(e.name))
      throw new InputError(
        `${where}.name`,
        `'${e.name}' is also the name of ${byName.get(e.name)}`,
        'Give one of them its own name:',
      );
    byKey.set(key, `repositories[${i}]`);
    byName.set(e.name, `repositories[${i}]`);
  });
  return { repositories: entries };
}

function parseEntry(raw: unknown, where: string): OperatorEntry {
  if (!isMap(raw))
    throw new InputError(where, 'is not a mapping', 'Write the entry as repo: my-org/my-repo (with mode: iot)');
  for (const key of Object.keys(raw))
    if (!ENTRY_KEYS.includes(key))
      throw new InputError(`${where}.${key}`, 'is not a key of a repository entry', `Use ${ENTRY_KEYS.join(', ')}`);
  const repo = raw['repo'];
  if (typeof repo !== 'string')
    throw new InputError(
      `${where}.repo`,
      repo === undefined ? 'is missing' : 'is not a string',
      'Give the repository as repo: my-org/my-repo',
    );
  const environment = raw['environment'];
  if (environment !== undefined && typeof environment !== 'string')
    throw new InputError(`${where}.environment`, 'is not a string', 'Give the environment by name');
  const target = parseGithubTarget(repo, environment, `${where}.repo`, `${where}.environment`);
  const createEnvironment = raw['create-environment'] ?? false;
  if (typeof createEnvironment !== 'boolean')
    throw new InputError(`${where}.create-environment`, 'is not true or false', 'Write create-environment: true');
  if (createEnvironment && environment === undefined)
    throw new InputError(
      `${where}.create-environment`,
      'applies only to an entry with an environment',
      'Add environment: <name>, or remove create-environment',
    );
  const mode = raw['mode'];
  if (!MODES.includes(mode as 'iot'))
    throw new InputError(
      `${where}.mode`,
      mode === undefined ? 'is missing' : `'${String(mode)}' is not a mode sync provisions`,
      `Use mode: ${MODES.join(' | ')}`,
    );
  const days = 'rotate-after-days' in raw ? raw['rotate-after-days'] : DEFAULT_ROTATE_AFTER_DAYS;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365)
    throw new InputError(
      `${where}.rotate-after-days`,
      `${JSON.stringify(days)} is not a whole number of days from 1 to 365`,
      `Use e.g. rotate-after-days: ${DEFAULT_ROTATE_AFTER_DAYS}`,
    );
  const arns = 'policy-arns' in raw ? raw['policy-arns'] : [];
  if (!Array.isArray(arns) || arns.some((a) => typeof a !== 'string'))
    throw new InputError(
      `${where}.policy-arns`,
      'is not a list of ARNs',
      'Write policy-arns: [arn:aws:iam::123456789012:policy/deploy]',
    );
  let policyArns: string[];
  try {
    policyArns = checkPolicyArns(arns as string[]);
  } catch (err) {
    throw err instanceof InputError ? new InputError(`${where}.policy-arns`, err.problem, err.fix) : err;
  }
  const name = 'name' in raw ? raw['name'] : syncName(target);
  if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,50}$/.test(name))
    throw new InputError(
      `${where}.name`,
      `${JSON.stringify(name)} cannot name a thing, role and role alias`,
      `Use 1 to 50 letters, digits, - and _, starting with ${SYNC_NAME_PREFIX}`,
    );
  // The operator role may manage only resources named so, and sync revokes only things named so.
  if (!name.startsWith(SYNC_NAME_PREFIX))
    throw new InputError(
      `${where}.name`,
      `'${name}' does not start with ${SYNC_NAME_PREFIX}`,
      `Use e.g. ${SYNC_NAME_PREFIX}${name}`,
    );
  return { target, mode: 'iot', name, rotateAfterDays: days, policyArns, createEnvironment };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
