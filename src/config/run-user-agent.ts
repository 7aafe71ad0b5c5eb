/**
 * The run in STS's User-Agent, so CloudTrail's userAgent names it, as configure-aws-credentials (6.2.0) sends it:
 * `md/<label>#<value>` for each run variable the runner set, checked against the pattern the peer checks it with; a
 * value that does not match is left out with a warning (a User-Agent carries no free text). Pure.
 */
import type { Env } from './sources/inputs.js';

/** One `md/` field of the User-Agent. */
export interface UserAgentField {
  label: string;
  value: string;
}

const RUN_FIELDS = [
  { variable: 'GITHUB_ACTION', label: 'action', pattern: /^[A-Za-z0-9_-]{1,128}$/ },
  { variable: 'GITHUB_RUN_ID', label: 'run_id', pattern: /^[0-9]{1,20}$/ },
  { variable: 'GITHUB_RUN_ATTEMPT', label: 'attempt', pattern: /^[0-9]{1,10}$/ },
] as const;

/** The run's User-Agent fields from `env`, and a warning for each variable left out. */
export function runUserAgent(env: Env): { fields: UserAgentField[]; warnings: string[] } {
  const fields: UserAgentField[] = [];
  const warnings: string[] = [];
  for (const { variable, label, pattern } of RUN_FIELDS) {
    const value = env[variable];
    if (value === undefined) continue;
    if (pattern.test(value)) fields.push({ label, value });
    else warnings.push(`${variable} has an unexpected format; it is left out of the User-Agent`);
  }
  return { fields, warnings };
}
