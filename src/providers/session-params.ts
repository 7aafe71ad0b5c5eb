/** STS parameters shared by every AssumeRole* call: session policies and session tags. Pure. */
import type { SessionOptions } from '../config/model.js';

export function sessionPolicyParams(session: SessionOptions): Record<string, string> {
  const params: Record<string, string> = {};
  if (session.inlinePolicy) params['Policy'] = session.inlinePolicy;
  session.managedPolicyArns.forEach((arn, i) => {
    params[`PolicyArns.member.${i + 1}.arn`] = arn;
  });
  return params;
}

/** Characters STS accepts in a tag value; others become '_'. Values are cut to 256 characters. */
export function sanitiseTagValue(value: string): string {
  // Cut by code point: slicing UTF-16 units could leave half a surrogate pair, which encodeURIComponent refuses.
  return Array.from(value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_')).slice(0, 256).join('');
}

/** Session tags naming the run, as CloudTrail and ABAC policies see them; none outside GitHub Actions. */
export function runTags(env: Record<string, string | undefined>): Array<[string, string]> {
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
    .map(([k, v]) => [k, sanitiseTagValue(v)]);
}

export function tagParams(tags: Array<[string, string]>): Record<string, string> {
  const params: Record<string, string> = {};
  tags.forEach(([key, value], i) => {
    params[`Tags.member.${i + 1}.Key`] = key;
    params[`Tags.member.${i + 1}.Value`] = value;
  });
  return params;
}
