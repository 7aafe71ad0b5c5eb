/** The real AWS CLI, run with exactly the environment a later workflow step would have. */
import { spawnSync } from 'node:child_process';

export interface AwsCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json?: unknown;
}

export function runAwsCli(args: string[], env: Record<string, string | undefined>): AwsCliResult {
  const clean: Record<string, string> = { PATH: process.env['PATH'] ?? '', AWS_EC2_METADATA_DISABLED: 'true' };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  const res = spawnSync('aws', [...args, '--output', 'json'], { env: clean, encoding: 'utf8', timeout: 60000 });
  const result: AwsCliResult = { code: res.status, stdout: res.stdout, stderr: res.stderr };
  try {
    result.json = JSON.parse(res.stdout);
  } catch {
    // Not every command prints JSON (aws configure list).
  }
  return result;
}
