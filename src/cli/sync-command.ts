/** `bootstrap sync --config operator.yaml`: the file read and checked, the plan printed, applied unless --dry-run. */
import { parseInteger } from '../config/values.js';
import { InputError } from '../errors.js';
import { parseOperatorConfig } from '../bootstrap/operator-config.js';
import { BOUNDARY_REQUIRED } from '../bootstrap/operator-advice.js';
import { DEFAULT_CONCURRENCY, checkWithinLimits, sync, type SyncOptions } from '../bootstrap/sync.js';
import { formatSyncPlan, summarizeSyncPlan } from '../bootstrap/sync-plan.js';
import { describeTarget } from '../bootstrap/github-target.js';
import type { CliIo } from './load-settings.js';
import { readText } from './read-text.js';

export type SyncSettings = Pick<
  SyncOptions,
  'region' | 'clients' | 'github' | 'dryRun' | 'endpoint' | 'caCertificate' | 'limits'
>;

export async function syncCommand(get: (name: string) => string, io: CliIo, settings: SyncSettings): Promise<number> {
  const file = get('config');
  if (!file)
    throw new InputError(
      'config',
      'is required',
      'Give the desired state: bootstrap sync --config operator.yaml (see schemas/operator.schema.json)',
    );
  const text = readText(file, (code) => new InputError('config', `${file} cannot be read (${code})`, 'Check the path'));
  const config = parseOperatorConfig(text, file);
  if (!settings.limits.boundaryArn) throw new InputError('operator-boundary-arn', ...BOUNDARY_REQUIRED);
  checkWithinLimits(config, settings.limits, file);
  const concurrency = get('concurrency')
    ? parseInteger(get('concurrency'), 'concurrency', 1, 32, 'repositories at a time')
    : DEFAULT_CONCURRENCY;
  const result = await sync({ ...settings, config, concurrency, log: (line) => io.stderr(`${line}\n`) });
  const heading = settings.dryRun ? 'Dry run, nothing was changed. The plan' : 'Done';
  const plan = formatSyncPlan(result.items) || '  (nothing)';
  io.stdout(`bootstrap sync --config ${file}\n${heading} (${summarizeSyncPlan(result.items)}):\n${plan}\n`);
  for (const o of result.outcomes) {
    for (const n of o.notes) io.stdout(`Note: ${describeTarget(o.item.target)}: ${n}\n`);
    if (o.error) io.stdout(`Failed: ${o.item.action} ${describeTarget(o.item.target)}: ${o.error}\n`);
  }
  if (result.failed) return 3;
  return result.items.some((i) => i.action === 'blocked') ? 1 : 0;
}
