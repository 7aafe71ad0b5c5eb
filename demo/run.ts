/**
 * The local demo (`npm run demo`): every mode's bundled action against local stand-ins, no AWS account needed.
 * Each row runs dist/main/index.js as the runner would, then asks STS GetCallerIdentity with exactly the credentials
 * the step exported, and prints who that is. Exits non-zero if any row failed.
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { errorAnnotation, type RunResult } from '../__tests__/support/action-runner.js';
import { startStsStandIn, type StsCall } from '../__tests__/standins/sts-standin.js';
import type { DemoContext, DemoMode } from './mode.js';
import { iotMode } from './iot.js';
import { oidcChainMode, oidcMode } from './oidc.js';
import { minioMode } from './minio.js';
import { rolesAnywhereMode } from './roles-anywhere.js';

export type { DemoContext, DemoMode } from './mode.js';

/** The rows, in order. */
export const MODES: DemoMode[] = [oidcMode, oidcChainMode, iotMode, rolesAnywhereMode, minioMode];

export interface DemoRow {
  mode: string;
  ok: boolean;
  /** The ARN GetCallerIdentity answered for the exported credentials (for MinIO, the policy it issued them under). */
  arn?: string;
  /** AWS_CREDENTIAL_EXPIRATION as the step exported it. */
  expiration?: string;
  /** How long the action step took. */
  elapsedMs?: number;
  /** The access key id the step exported (kept for checks, never printed). */
  accessKeyId?: string;
  error?: string;
}

export interface DemoReport {
  ok: boolean;
  rows: DemoRow[];
  /** Every call the STS stand-in answered. */
  stsCalls: StsCall[];
}

const REGION = 'us-east-1';

export async function runDemo(
  modes: DemoMode[] = MODES,
  print: (line: string) => void = console.log,
): Promise<DemoReport> {
  const cleanups: Array<() => unknown> = [];
  const rows: DemoRow[] = [];
  const sts = await startStsStandIn();
  cleanups.push(() => sts.close());
  const ctx: DemoContext = { sts, region: REGION, defer: (cleanup) => cleanups.push(cleanup) };
  try {
    for (const mode of modes) rows.push(await runRow(mode, ctx));
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        print(`clean-up failed: ${(err as Error).message}`);
      }
    }
  }
  for (const line of formatTable(rows)) print(line);
  const ok = rows.every((r) => r.ok);
  return { ok, rows, stsCalls: sts.requests };
}

async function runRow(mode: DemoMode, ctx: DemoContext): Promise<DemoRow> {
  let run: RunResult | undefined;
  try {
    await mode.setUp(ctx);
    run = await mode.run(ctx);
    const workspace = run.workspace.dir;
    // The workspace's GITHUB_ENV holds the credentials: it goes when the demo ends.
    ctx.defer(() => rmSync(workspace, { recursive: true, force: true }));
    if (run.code !== 0)
      throw new Error(
        errorAnnotation(run.stdout) ||
          `the action exited with ${run.code}: ${run.stderr.trim().split('\n').at(-1) ?? ''}`,
      );
    const arn = mode.identify ? await mode.identify(run.exported, ctx) : await callerIdentity(run.exported, ctx);
    const reported = run.outputs['aws-assumed-role-arn'];
    if (reported !== (mode.reportsAssumedRoleArn === false ? undefined : arn))
      throw new Error(`the step reported ${reported ?? 'no ARN'}, but STS says the credentials are ${arn}`);
    return {
      mode: mode.name,
      ok: true,
      arn,
      expiration: run.exported['AWS_CREDENTIAL_EXPIRATION'] ?? '',
      elapsedMs: run.elapsedMs,
      accessKeyId: run.exported['AWS_ACCESS_KEY_ID'] ?? '',
    };
  } catch (err) {
    return { mode: mode.name, ok: false, error: (err as Error).message, ...(run ? { elapsedMs: run.elapsedMs } : {}) };
  }
}

/** GetCallerIdentity through the AWS SDK, with exactly what the step exported for later steps. */
async function callerIdentity(exported: Record<string, string>, ctx: DemoContext): Promise<string> {
  const accessKeyId = exported['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = exported['AWS_SECRET_ACCESS_KEY'];
  const sessionToken = exported['AWS_SESSION_TOKEN'];
  if (!accessKeyId || !secretAccessKey || !sessionToken)
    throw new Error('the step exported no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN');
  const client = new STSClient({
    region: exported['AWS_REGION'] ?? ctx.region,
    endpoint: ctx.sts.url,
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    maxAttempts: 1,
  });
  try {
    const who = await client.send(new GetCallerIdentityCommand({}));
    if (!who.Arn) throw new Error('GetCallerIdentity answered without an Arn');
    return who.Arn;
  } catch (err) {
    const e = err as { name?: string; message: string };
    throw new Error(`GetCallerIdentity with the exported credentials failed: ${e.name ?? 'Error'}: ${e.message}`);
  } finally {
    client.destroy();
  }
}

export function formatTable(rows: DemoRow[]): string[] {
  const cells = rows.map((r) =>
    r.ok
      ? [r.mode, r.arn ?? '', r.expiration ?? '', String(r.elapsedMs ?? '')]
      : [r.mode, `FAILED: ${firstLine(r.error ?? '')}`, '', r.elapsedMs === undefined ? '' : String(r.elapsedMs)],
  );
  const table = [['mode', 'identity (GetCallerIdentity, or MinIO)', 'expires', 'ms'], ...cells];
  const widths = [0, 1, 2].map((i) => Math.max(...table.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    [...row.slice(0, 3).map((cell, i) => cell.padEnd(widths[i]!)), row[3]!.padStart(5)].join('  ').trimEnd();
  const passed = rows.filter((r) => r.ok).length;
  return [line(table[0]!), ...cells.map(line), '', `${passed}/${rows.length} modes OK`];
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 160);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  runDemo().then(
    (report) => {
      process.exitCode = report.ok ? 0 : 1;
    },
    (err: unknown) => {
      console.error(`demo failed: ${(err as Error).stack ?? String(err)}`);
      process.exitCode = 1;
    },
  );
}
