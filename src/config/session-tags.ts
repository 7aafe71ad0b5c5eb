/**
 * The session tags every sts:AssumeRole hop carries, as configure-aws-credentials sends them (ABAC policies written for
 * it keep working), and the `custom-tags` / `transitive-tag-keys` inputs checked against them. Pure.
 */
import { InputError } from '../errors.js';

export interface Tag {
  Key: string;
  Value: string;
}

/** The run as the tags name it: each value '' when the runner did not say. */
export interface RunContext {
  repository: string;
  workflow: string;
  action: string;
  actor: string;
  sha: string;
  ref: string;
  eventName: string;
  baseRef: string;
  headRef: string;
  runId: string;
  job: string;
  triggeringActor: string;
}

/** Tag key and the run fact it carries, in the order they are sent. Always sent (when known). */
const RUN_TAGS: ReadonlyArray<readonly [string, keyof RunContext]> = [
  ['Repository', 'repository'],
  ['Workflow', 'workflow'],
  ['Action', 'action'],
  ['Actor', 'actor'],
  ['Commit', 'sha'],
  ['Branch', 'ref'],
];

/** Sent after RUN_TAGS; dropped, with one more try, when STS answers PackedPolicyTooLarge. */
const DROPPABLE_RUN_TAGS: ReadonlyArray<readonly [string, keyof RunContext]> = [
  ['EventName', 'eventName'],
  ['BaseRef', 'baseRef'],
  ['HeadRef', 'headRef'],
  ['RunId', 'runId'],
  ['Job', 'job'],
  ['TriggeringActor', 'triggeringActor'],
];

/** Keys custom-tags may not reuse: the run's own. */
const PROTECTED_TAG_KEYS: ReadonlySet<string> = new Set([
  'GitHub',
  ...RUN_TAGS.map(([k]) => k),
  ...DROPPABLE_RUN_TAGS.map(([k]) => k),
]);

/** STS: at most 50 session tags, keys 1..128 and values 0..256 characters of letters, digits, spaces and _.:/=+-@. */
const MAX_SESSION_TAGS = 50;
const TAG_CHAR_CLASS = String.raw`\p{L}\p{Z}\p{N}_.:/=+\-@`;
const TAG_CHARS = new RegExp(`^[${TAG_CHAR_CLASS}]*$`, 'u');
const NOT_TAG_CHAR = new RegExp(`[^${TAG_CHAR_CLASS}]`, 'gu');

/** Characters STS accepts in a tag value; others become '_'. Values are cut to 256 characters. */
export function sanitiseTagValue(value: string): string {
  // Cut by code point: slicing UTF-16 units could leave half a surrogate pair, which encodeURIComponent refuses.
  return Array.from(value.replace(NOT_TAG_CHAR, '_')).slice(0, 256).join('');
}

/** `custom-tags`: a JSON object of string, number or boolean values; keys must not be the run's own. */
export function parseCustomTags(value: string, input: string): Tag[] {
  if (value === '') return [];
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    throw new InputError(input, 'is not valid JSON', 'Give a JSON object, e.g. {"Team":"platform","CostCenter":"42"}');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(
      input,
      'is not a JSON object',
      'Give a JSON object of tag keys to values, e.g. {"Team":"platform"}',
    );
  }
  const tags: Tag[] = [];
  for (const [key, raw] of Object.entries(doc)) {
    if (raw === null || typeof raw === 'object')
      throw new InputError(
        input,
        `the value of '${key}' is not a string, number or boolean`,
        'Give each tag a plain value',
      );
    const text = String(raw);
    if (key.length < 1 || key.length > 128 || !TAG_CHARS.test(key)) {
      throw new InputError(
        input,
        `key '${key}' is not a valid tag key`,
        'Use 1 to 128 letters, digits, spaces and _.:/=+-@',
      );
    }
    if (text.length > 256 || !TAG_CHARS.test(text)) {
      throw new InputError(
        input,
        `the value of '${key}' is not a valid tag value`,
        'Use up to 256 letters, digits, spaces and _.:/=+-@',
      );
    }
    if (PROTECTED_TAG_KEYS.has(key)) {
      throw new InputError(
        input,
        `key '${key}' is one of the run's own session tags`,
        `Choose another key; the run's tags are ${[...PROTECTED_TAG_KEYS].join(', ')}`,
      );
    }
    tags.push({ Key: key, Value: text });
  }
  // The run's tags are at most 13; the rest of STS's 50 is the user's.
  if (tags.length > MAX_SESSION_TAGS - PROTECTED_TAG_KEYS.size) {
    throw new InputError(
      input,
      `has ${tags.length} tags; with the run's own that exceeds STS's limit of ${MAX_SESSION_TAGS}`,
      `Give at most ${MAX_SESSION_TAGS - PROTECTED_TAG_KEYS.size}`,
    );
  }
  return tags;
}

/** The run's tags (none outside GitHub Actions: no repository), then the custom ones. */
export function sessionTags(run: RunContext, custom: readonly Tag[], dropDroppable = false): Tag[] {
  if (!run.repository) return [...custom];
  const tags: Tag[] = [{ Key: 'GitHub', Value: 'Actions' }];
  for (const [Key, fact] of dropDroppable ? RUN_TAGS : [...RUN_TAGS, ...DROPPABLE_RUN_TAGS]) {
    if (run[fact]) tags.push({ Key, Value: sanitiseTagValue(run[fact]) });
  }
  return [...tags, ...custom];
}

/** The run context from the runner's GITHUB_* variables (what @actions/github's context reads, plus three it lacks). */
export function runContextFromEnv(env: Record<string, string | undefined>): RunContext {
  const v = (name: string) => env[name] ?? '';
  return {
    repository: v('GITHUB_REPOSITORY'),
    workflow: v('GITHUB_WORKFLOW'),
    action: v('GITHUB_ACTION'),
    actor: v('GITHUB_ACTOR'),
    sha: v('GITHUB_SHA'),
    ref: v('GITHUB_REF'),
    eventName: v('GITHUB_EVENT_NAME'),
    baseRef: v('GITHUB_BASE_REF'),
    headRef: v('GITHUB_HEAD_REF'),
    runId: v('GITHUB_RUN_ID'),
    job: v('GITHUB_JOB'),
    triggeringActor: v('GITHUB_TRIGGERING_ACTOR'),
  };
}
