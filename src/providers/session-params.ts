/** Session policies and session tags as the SDK's AssumeRole* inputs. Pure. */
import type { SessionOptions } from '../config/model.js';

export interface SessionPolicyInput {
  Policy?: string;
  PolicyArns?: Array<{ arn: string }>;
}

export function sessionPolicyInput(session: SessionOptions): SessionPolicyInput {
  const input: SessionPolicyInput = {};
  if (session.inlinePolicy) input.Policy = session.inlinePolicy;
  if (session.managedPolicyArns.length) input.PolicyArns = session.managedPolicyArns.map((arn) => ({ arn }));
  return input;
}

/** Characters STS accepts in a tag value; others become '_'. Values are cut to 256 characters. */
export function sanitiseTagValue(value: string): string {
  // Cut by code point: slicing UTF-16 units could leave half a surrogate pair, which encodeURIComponent refuses.
  return Array.from(value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_')).slice(0, 256).join('');
}

/** Session tags naming the run, as CloudTrail and ABAC policies see them; none outside GitHub Actions. */
export function runTags(env: Record<string, string | undefined>): Array<{ Key: string; Value: string }> {
  if (!env['GITHUB_REPOSITORY']) return [];
  const tags: Array<[string, string | undefined]> = [
    ['GitHub', 'Actions'],
    ['Repository', env['GITHUB_REPOSITORY']],
    ['Workflow', env['GITHUB_WORKFLOW']],
    ['RunId', env['GITHUB_RUN_ID']],
    ['Actor', env['GITHUB_ACTOR']],
    ['Commit', env['GITHUB_SHA']],
    ['Branch', env['GITHUB_REF']],
  ];
  return tags
    .filter((t): t is [string, string] => typeof t[1] === 'string' && t[1] !== '')
    .map(([Key, v]) => ({ Key, Value: sanitiseTagValue(v) }));
}
