/** The real AWS CLI, run with exactly the environment a later workflow step would have. */
import { spawn, spawnSync } from 'node:child_process';
import { collect } from './processes.js';

export interface AwsCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json?: unknown;
}

function cleanEnv(env: Record<string, string | undefined>): Record<string, string> {
  const clean: Record<string, string> = { PATH: process.env['PATH'] ?? '', AWS_EC2_METADATA_DISABLED: 'true' };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) clean[k] = v;
  return clean;
}

export function runAwsCli(args: string[], env: Record<string, string | undefined>): AwsCliResult {
  const res = spawnSync('aws', [...args, '--output', 'json'], { env: cleanEnv(env), encoding: 'utf8', timeout: 60000 });
  return withJson({ code: res.status, stdout: res.stdout, stderr: res.stderr });
}

/** The same without blocking the event loop, for a peer served from this very process. */
export async function runAwsCliAsync(args: string[], env: Record<string, string | undefined>): Promise<AwsCliResult> {
  const child = spawn('aws', [...args, '--output', 'json'], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60000,
  });
  return withJson(await collect(child));
}

function withJson(result: AwsCliResult): AwsCliResult {
  try {
    result.json = JSON.parse(result.stdout);
  } catch {
    // Not every command prints JSON (aws configure list).
  }
  return result;
}
