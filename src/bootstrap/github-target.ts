/** A GitHub repository (and optionally one of its environments) as bootstrap delivers to it. Pure. */
import { InputError } from '../errors.js';

export interface GithubTarget {
  owner: string;
  repo: string;
  environment?: string;
}

/** `owner/name` (and an optional environment) as a target; refuses anything else. */
export function parseGithubTarget(
  repo: string,
  environment?: string,
  input = 'github-repo',
  environmentInput = 'github-environment',
): GithubTarget {
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9_.-]{1,100})$/.exec(repo.trim());
  if (!m || m[2] === '.' || m[2] === '..')
    throw new InputError(input, `'${repo}' is not owner/name`, 'Give the repository as my-org/my-repo');
  const target: GithubTarget = { owner: m[1]!, repo: m[2]! };
  if (environment !== undefined && environment !== '') {
    if (!/^[^/\\\u0000-\u001f,:;*?"<>|']{1,255}$/.test(environment))
      throw new InputError(
        environmentInput,
        `'${environment}' is not an environment name`,
        'Use the name shown under Settings > Environments',
      );
    // The name is recorded as a thing attribute, whose values AWS IoT limits to these characters.
    if (!/^[A-Za-z0-9_.@#=[\]-]{1,255}$/.test(environment))
      throw new InputError(
        environmentInput,
        `'${environment}' has characters an AWS IoT thing attribute cannot hold`,
        'Use an environment named with letters, digits and _.@#=[]- only',
      );
    target.environment = environment;
  }
  return target;
}

export function describeTarget(t: GithubTarget): string {
  return `${t.owner}/${t.repo}${t.environment ? ` (environment ${t.environment})` : ''}`;
}
