/**
 * Real AWS clients that take their credentials from a container credentials endpoint, each calling STS (moto)
 * repeatedly for a while with only the environment a later workflow step has: botocore (one long-lived client, which
 * re-asks the endpoint inside its refresh window), the AWS CLI (a process per call) and the JS SDK v3's default chain
 * (a client per call), with the credentials from the environment or a profile. Each call records whether it succeeded and the access key the client used.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collect, ROOT } from './processes.js';

export interface ClientCall {
  ok: boolean;
  /** The access key the client used (the AWS CLI shows only its last four characters). */
  key: string;
  error?: string;
}

const BOTOCORE = `
import json, sys, time, botocore.session
s = botocore.session.get_session()
client = s.create_client('sts')
end = time.time() + float(sys.argv[1]) / 1000
calls = []
while time.time() < end:
    try:
        client.get_caller_identity()
        calls.append({'ok': True, 'key': client._request_signer._credentials.get_frozen_credentials().access_key})
    except Exception as e:
        calls.append({'ok': False, 'key': '', 'error': str(e)[:500]})
    time.sleep(float(sys.argv[2]) / 1000)
print(json.dumps(calls))
`;

const JS_SDK = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
const end = Date.now() + Number(process.argv[2]);
const calls = [];
while (Date.now() < end) {
  const client = new STSClient({});
  try {
    await client.send(new GetCallerIdentityCommand({}));
    calls.push({ ok: true, key: (await client.config.credentials()).accessKeyId });
  } catch (e) {
    calls.push({ ok: false, key: '', error: String(e?.message ?? e).slice(0, 500) });
  }
  client.destroy();
  await new Promise((r) => setTimeout(r, Number(process.argv[3])));
}
console.log(JSON.stringify(calls));
`;

// One STSClient and one IAMClient for the whole run, as a long-running Node service holds them: they re-ask the endpoint
// only when their cached credentials enter the SDK's 5-minute window.
const JS_SDK_LONG_LIVED = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
const end = Date.now() + Number(process.argv[2]);
const sts = new STSClient({});
const iam = new IAMClient({});
const calls = [];
while (Date.now() < end) {
  for (const [client, command] of [[sts, new GetCallerIdentityCommand({})], [iam, new ListRolesCommand({})]]) {
    try {
      await client.send(command);
      calls.push({ ok: true, key: (await client.config.credentials()).accessKeyId });
    } catch (e) {
      calls.push({ ok: false, key: '', error: String(e?.message ?? e).slice(0, 500) });
    }
  }
  await new Promise((r) => setTimeout(r, Number(process.argv[3])));
}
console.log(JSON.stringify(calls));
`;

function clean(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { PATH: process.env['PATH'] ?? '', AWS_EC2_METADATA_DISABLED: 'true' };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

function parse(name: string, r: { code: number | null; stdout: string; stderr: string }): ClientCall[] {
  try {
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as ClientCall[];
  } catch {
    throw new Error(`${name} printed no result (exit ${r.code}): ${r.stderr.slice(-2000)}`);
  }
}

export async function botocoreCalls(
  env: Record<string, string | undefined>,
  forMs: number,
  everyMs: number,
): Promise<ClientCall[]> {
  const child = spawn('python3', ['-c', BOTOCORE, String(forMs), String(everyMs)], {
    env: clean(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return parse('botocore', await collect(child));
}

export async function jsSdkCalls(
  env: Record<string, string | undefined>,
  forMs: number,
  everyMs: number,
  node = process.execPath,
  source = JS_SDK,
): Promise<ClientCall[]> {
  // Inside the repository so '@aws-sdk/client-sts' resolves from node_modules.
  const dir = mkdtempSync(join(ROOT, 'node_modules', '.aslc-js-client-'));
  const script = join(dir, 'client.mjs');
  writeFileSync(script, source);
  try {
    const child = spawn(node, [script, String(forMs), String(everyMs)], {
      env: clean(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return parse('JS SDK', await collect(child));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One long-lived STSClient and IAMClient, calls alternating between them. */
export function jsSdkLongLivedCalls(
  env: Record<string, string | undefined>,
  forMs: number,
  everyMs: number,
): Promise<ClientCall[]> {
  return jsSdkCalls(env, forMs, everyMs, process.execPath, JS_SDK_LONG_LIVED);
}

/** `aws sts get-caller-identity` per call; the key's last four characters from `aws configure list`, same process env. */
export async function awsCliCalls(
  env: Record<string, string | undefined>,
  forMs: number,
  everyMs: number,
): Promise<ClientCall[]> {
  const calls: ClientCall[] = [];
  const end = Date.now() + forMs;
  while (Date.now() < end) {
    const call = await collect(
      spawn('aws', ['sts', 'get-caller-identity', '--output', 'json'], {
        env: clean(env),
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const list = await collect(
      spawn('aws', ['configure', 'list'], { env: clean(env), stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    const key = /access_key\s+\*+(\w{4})\s+(?:container-role|custom-process)/.exec(list.stdout)?.[1] ?? '';
    calls.push(call.code === 0 ? { ok: true, key } : { ok: false, key: '', error: call.stderr.slice(-500) });
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return calls;
}

/** The distinct keys in the order first seen. */
export function keysSeen(calls: ClientCall[]): string[] {
  return [...new Set(calls.filter((c) => c.ok).map((c) => c.key))];
}

const BOTOCORE_ARN = `
import json, botocore.session
try:
    print(json.dumps([{'ok': True, 'key': botocore.session.get_session().create_client('sts').get_caller_identity()['Arn']}]))
except Exception as e:
    print(json.dumps([{'ok': False, 'key': '', 'error': str(e)[:500]}]))
`;

const JS_SDK_ARN = `
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
try {
  const { Arn } = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  console.log(JSON.stringify([{ ok: true, key: Arn }]));
} catch (e) {
  console.log(JSON.stringify([{ ok: false, key: '', error: String(e?.message ?? e).slice(0, 500) }]));
}
`;

/** The caller ARN that the AWS CLI, botocore and the JS SDK's default chain each end up with in `env` (or the error). */
export async function callerArns(
  env: Record<string, string | undefined>,
): Promise<{ awsCli: string; botocore: string; jsSdk: string }> {
  const arnOf = (calls: ClientCall[]) => (calls[0]?.ok ? calls[0].key : `error: ${calls[0]?.error ?? 'no answer'}`);
  const cli = spawn('aws', ['sts', 'get-caller-identity', '--query', 'Arn', '--output', 'text'], {
    env: clean(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const boto = spawn('python3', ['-c', BOTOCORE_ARN], { env: clean(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const [c, b, js] = await Promise.all([
    collect(cli),
    collect(boto),
    jsSdkCalls(env, 0, 0, process.execPath, JS_SDK_ARN),
  ]);
  return {
    awsCli: c.code === 0 ? c.stdout.trim() : `error: ${c.stderr.trim()}`,
    botocore: arnOf(JSON.parse(b.stdout) as ClientCall[]),
    jsSdk: arnOf(js),
  };
}
