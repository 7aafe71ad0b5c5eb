/**
 * The three readers of a shared credentials/config file, each asked which region and access key id a profile has:
 * botocore (python3), the AWS CLI, and the JS SDK v3 (the client's own region resolution and fromIni). Each runs with
 * only the file variables and the profile set, as a later step would.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './processes.js';

export interface ProfileView {
  region: string | null;
  accessKeyId: string | null;
}

export interface ProfileFiles {
  credentialsFile: string;
  configFile: string;
  profile: string;
  home: string;
}

function env(files: ProfileFiles): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: files.home,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    AWS_CONFIG_FILE: files.configFile,
    AWS_PROFILE: files.profile,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

function run(command: string, args: string[], files: ProfileFiles): string {
  const res = spawnSync(command, args, { env: env(files), encoding: 'utf8', timeout: 60000 });
  if (res.status !== 0) throw new Error(`${command} failed (${res.status}): ${res.stderr.slice(-500)}`);
  return res.stdout.trim();
}

const BOTOCORE = `
import json, botocore.session
s = botocore.session.Session()
c = s.get_credentials()
print(json.dumps({"region": s.get_config_variable("region"), "accessKeyId": c.access_key if c else None}))
`;

function readWithBotocore(files: ProfileFiles): ProfileView {
  return JSON.parse(run('python3', ['-c', BOTOCORE], files)) as ProfileView;
}

function readWithAwsCli(files: ProfileFiles): ProfileView {
  const get = (key: string) => {
    const res = spawnSync('aws', ['configure', 'get', key, '--profile', files.profile], {
      env: env(files),
      encoding: 'utf8',
      timeout: 60000,
    });
    // `aws configure get` exits 1 with no output when the key is unset; anything on stderr is a real failure.
    if (res.status !== 0 && (res.status !== 1 || res.stderr.trim() !== ''))
      throw new Error(`aws configure get ${key} failed: ${res.stderr.slice(-500)}`);
    return res.stdout.trim() || null;
  };
  return { region: get('region'), accessKeyId: get('aws_access_key_id') };
}

const JS_SDK = `
const { STSClient } = await import(${JSON.stringify(join(ROOT, 'node_modules', '@aws-sdk', 'client-sts', 'dist-cjs', 'index.js'))});
const { fromIni } = await import(${JSON.stringify(join(ROOT, 'node_modules', '@aws-sdk', 'credential-provider-ini', 'dist-cjs', 'index.js'))});
let region = null;
try { region = await new STSClient({}).config.region(); } catch {}
let accessKeyId = null;
try { accessKeyId = (await fromIni()()).accessKeyId; } catch {}
console.log(JSON.stringify({ region, accessKeyId }));
`;

function readWithJsSdk(files: ProfileFiles): ProfileView {
  return JSON.parse(
    run(process.execPath, ['--input-type=module', '-e', JS_SDK], files).split('\n').pop()!,
  ) as ProfileView;
}

export function readWithAll(files: ProfileFiles): Record<'botocore' | 'awsCli' | 'jsSdk', ProfileView> {
  return { botocore: readWithBotocore(files), awsCli: readWithAwsCli(files), jsSdk: readWithJsSdk(files) };
}
