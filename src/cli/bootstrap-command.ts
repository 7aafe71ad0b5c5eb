/** `bootstrap iot|oidc|rotate|revoke|destroy`: flags in, the bootstrap functions, the plan and next steps out. */
import { STS_MAX_DURATION_SECONDS, STS_MIN_DURATION_SECONDS } from '../config/limits.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInteger, parseRegion } from '../config/values.js';
import { InputError } from '../errors.js';
import { createClients } from '../bootstrap/discover.js';
import {
  FILES,
  IOT_SECRETS,
  bootstrapIot,
  destroy,
  revoke,
  rotate,
  workflowSnippet,
  type IotOptions,
  type IotResult,
} from '../bootstrap/iot.js';
import { bootstrapOidc, destroyOidc, oidcWorkflowSnippet, type SubFormat } from '../bootstrap/oidc.js';
import { SUB_FORMAT_FIX } from '../bootstrap/trust-advice.js';
import { formatPlan, isNoop, type Step } from '../bootstrap/plan.js';
import { githubActions, type GithubActions } from '../bootstrap/github.js';
import { parseGithubTarget } from '../bootstrap/github-target.js';
import { deliverToRepository, repositoryWorkflowSnippet } from '../bootstrap/repository.js';
import { UsageError, type ParsedArgs } from './args.js';
import { syncCommand } from './sync-command.js';
import type { CliIo } from './load-settings.js';
import { settingsReader } from './settings.js';
import { DESTROY_AFTER_REVOKE } from './advice.js';
import { AUDIT_FAIL_ON_FIX, AUDIT_FORMAT_FIX } from '../bootstrap/advice.js';
import type { AuditFormat, FailOn } from '../bootstrap/audit-report.js';
import type { RolesAnywhereTarget } from '../bootstrap/audit.js';
import { serviceEndpoints } from '../config/environment.js';

const SUBCOMMANDS = ['iot', 'oidc', 'rotate', 'revoke', 'destroy', 'sync', 'audit'];
const OIDC_FLAGS = [
  'repo',
  'branch',
  'tag',
  'environment',
  'pull-request',
  'sub-format',
  'issuer',
  'role-name',
  'i-understand-any-repo',
  'operator',
];
const SUB_FORMATS = ['auto', 'immutable', 'legacy', 'both'] as const;

export async function bootstrapCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  const [sub, name, extra] = args.rest;
  if (!sub || !SUBCOMMANDS.includes(sub))
    throw new UsageError(`bootstrap needs one of: ${SUBCOMMANDS.join(', ')} (see 'help bootstrap')`);
  if (extra !== undefined) throw new UsageError(`bootstrap ${sub} takes one name, not '${extra}'`);
  const get = settingsReader(args.flags, io.env, undefined);
  if (sub !== 'oidc' && name !== undefined) {
    for (const flag of OIDC_FLAGS) {
      if (args.flags.has(flag)) throw new UsageError(`--${flag} belongs to bootstrap oidc, not bootstrap ${sub}`);
    }
  }
  if (sub !== 'oidc' && sub !== 'sync')
    for (const flag of ['operator-boundary-arn', 'operator-allowed-policy-arn'])
      if (args.flags.has(flag)) throw new UsageError(`--${flag} belongs to bootstrap oidc and sync`);
  const region = parseRegion(get('aws-region'), 'aws-region');
  const attempts = get('retry-max-attempts');
  const maxAttempts = attempts ? parseInteger(attempts, 'retry-max-attempts', 1, 20, 'attempts') : undefined;
  if (sub === 'sync') {
    if (name !== undefined)
      throw new UsageError(`bootstrap sync takes no name; the repositories are in --config operator.yaml`);
    // Many calls in a row: more attempts, and the SDK's adaptive mode slows down after a Throttling answer.
    return syncCommand(get, io, {
      region,
      clients: createClients(region, maxAttempts ?? 8, 'adaptive'),
      github: githubFrom(get, io.env, (line) => io.stderr(`${line}\n`)),
      limits: {
        boundaryArn: get('operator-boundary-arn'),
        allowedPolicyArns: list(get('operator-allowed-policy-arn')),
      },
      dryRun: get('dry-run') === 'true',
      ...(get('iot-credential-endpoint') ? { endpoint: get('iot-credential-endpoint') } : {}),
      ...(get('ca-certificate') ? { caCertificate: readCa(get('ca-certificate')) } : {}),
    });
  }
  const clients = createClients(region, maxAttempts);
  if (sub === 'audit') {
    if (name !== undefined) throw new UsageError('bootstrap audit takes no name: it reads every role of the account');
    const target = { region, endpoints: serviceEndpoints(io.env), now: () => new Date() };
    return auditCommand(get('format') || 'table', get('fail-on') || 'error', clients, target, io);
  }
  const dryRun = get('dry-run') === 'true';
  const policyArns = list(get('policy-arn'));
  const log = (line: string) => io.stderr(`${line}\n`);

  if (sub === 'oidc' || (sub === 'destroy' && name === undefined)) {
    if (name !== undefined) throw new UsageError(`bootstrap oidc takes no name; use --repo owner/name and --role-name`);
    if (sub === 'destroy') {
      const roleName = get('role-name');
      if (!roleName)
        throw new UsageError('bootstrap destroy needs a name (IoT) or --role-name (the role bootstrap oidc created)');
      const res = await destroyOidc({ region, roleName, dryRun, clients, log });
      report(io, `bootstrap destroy --role-name ${roleName}`, res.steps, res.applied, res.notes);
      return 0;
    }
    const repo = get('repo');
    if (!repo)
      throw new InputError(
        'repo',
        'is required',
        'Give the repository whose jobs may assume the role: --repo my-org/my-repo',
      );
    const res = await bootstrapOidc({
      region,
      repo,
      branch: get('branch'),
      tag: get('tag'),
      environment: get('environment'),
      pullRequest: get('pull-request') === 'true',
      subFormat: subFormat(get('sub-format')),
      // The flag alone: ASLC_ISSUER is login's issuer, not GitHub's.
      ...(args.flags.get('issuer') ? { issuer: args.flags.get('issuer')! } : {}),
      github: { token: io.env['GITHUB_TOKEN'] ?? '', baseUrl: io.env['GITHUB_API_URL'] || 'https://api.github.com' },
      roleName: get('role-name'),
      policyArns,
      allowAnyRepo: get('i-understand-any-repo') === 'true',
      operator: get('operator') === 'true',
      ...(get('operator-boundary-arn') ? { operatorBoundaryArn: get('operator-boundary-arn') } : {}),
      operatorAllowedPolicyArns: list(get('operator-allowed-policy-arn')),
      dryRun,
      clients,
      log,
    });
    report(io, `bootstrap oidc --repo ${repo}`, res.steps, res.applied, res.notes);
    if (res.applied && res.roleArn)
      io.stdout(`\nRole: ${res.roleArn}\nWorkflow:\n${oidcWorkflowSnippet(region, res.roleArn)}\n`);
    if (res.boundaryArn)
      io.stdout(
        `\nSync with: bootstrap sync --config operator.yaml --operator-boundary-arn ${res.boundaryArn}${list(
          get('operator-allowed-policy-arn'),
        )
          .map((arn) => ` --operator-allowed-policy-arn ${arn}`)
          .join('')}\n`,
      );
    return 0;
  }

  if (!name) throw new UsageError(`bootstrap ${sub} needs a name, e.g. bootstrap ${sub} my-repo-runner`);
  if (get('github-repo')) {
    if (sub === 'destroy') throw new UsageError(DESTROY_AFTER_REVOKE);
    const target = parseGithubTarget(get('github-repo'), get('github-environment'));
    const res = await deliverToRepository(sub === 'iot' ? 'ensure' : (sub as 'rotate' | 'revoke'), {
      name,
      region,
      github: githubFrom(get, io.env, log),
      target,
      policyArns,
      dryRun,
      clients,
      log,
      ...(get('duration-seconds')
        ? {
            durationSeconds: parseInteger(
              get('duration-seconds'),
              'duration-seconds',
              STS_MIN_DURATION_SECONDS,
              STS_MAX_DURATION_SECONDS,
              'seconds',
            ),
          }
        : {}),
      ...(get('out') ? { out: get('out') } : {}),
      ...(get('iot-credential-endpoint') ? { endpoint: get('iot-credential-endpoint') } : {}),
      ...(get('ca-certificate') ? { caCertificate: readCa(get('ca-certificate')) } : {}),
    });
    report(io, `bootstrap ${sub} ${name} --github-repo ${get('github-repo')}`, res.steps, res.applied, res.notes);
    io.stdout(
      `GitHub (${res.applied ? 'done' : 'planned'}):\n${res.github.map((l) => `  ${l}`).join('\n') || '  (nothing)'}\n`,
    );
    if (res.applied && sub !== 'revoke')
      io.stdout(`\nWorkflow step (secrets and variables by name):\n${repositoryWorkflowSnippet(target)}\n`);
    return 0;
  }
  if (get('github-environment')) throw new UsageError('--github-environment needs --github-repo');
  const options: IotOptions = { name, region, out: get('out') || 'output', dryRun, clients, log, policyArns };
  const duration = get('duration-seconds');
  if (duration)
    options.durationSeconds = parseInteger(
      duration,
      'duration-seconds',
      STS_MIN_DURATION_SECONDS,
      STS_MAX_DURATION_SECONDS,
      'seconds',
    );
  if (get('certificate-id')) options.certificateId = get('certificate-id');
  const run = { iot: bootstrapIot, rotate, revoke, destroy }[sub as 'iot' | 'rotate' | 'revoke' | 'destroy'];
  const res = await run(options);
  report(io, `bootstrap ${sub} ${name}`, res.steps, res.applied, res.notes);
  if (res.applied && res.authFile && res.endpoint) printIotNext(io, res);
  return 0;
}

function report(io: CliIo, title: string, steps: Step[], applied: boolean, notes: string[]): void {
  const heading = !applied
    ? 'Dry run, nothing was changed. The plan:'
    : isNoop(steps)
      ? 'Everything was already in place:'
      : 'Done:';
  io.stdout(`${title}\n${heading}\n${formatPlan(steps) || '  (nothing)'}\n`);
  for (const n of notes) io.stdout(`Note: ${n}\n`);
}

function printIotNext(io: CliIo, res: IotResult): void {
  const f = (file: string) => join(res.dir, file);
  io.stdout(
    [
      '',
      `Files in ${res.dir}/: ${FILES.certificate}, ${FILES.privateKey} (mode 0600, keep it secret), ` +
        `${FILES.publicKey}, ${FILES.auth}`,
      `Use locally: aws-short-lived-credentials credential-process --auth ${f(FILES.auth)}`,
      '',
      'Secrets to set in the repository (values are the files; never paste them in a log):',
      ...IOT_SECRETS.map(
        (s) => `  ${s.name.padEnd(16)} from ${f(s.file)}   e.g. gh secret set ${s.name} < ${f(s.file)}`,
      ),
      '',
      'Workflow step:',
      workflowSnippet(res.desired, res.endpoint!),
      '',
    ].join('\n'),
  );
}

/** GITHUB_TOKEN and GITHUB_API_URL, as a runner sets them (an App token in the operator workflow). */
function githubFrom(
  get: (name: string) => string,
  env: Record<string, string | undefined>,
  log: (line: string) => void,
): GithubActions {
  const interval = get('github-write-interval-ms');
  return githubActions({
    token: env['GITHUB_TOKEN'] ?? '',
    baseUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
    log,
    ...(interval
      ? { writeIntervalMs: parseInteger(interval, 'github-write-interval-ms', 0, 60000, 'milliseconds') }
      : {}),
  });
}

function subFormat(value: string): SubFormat {
  if (!value) return 'auto';
  if ((SUB_FORMATS as readonly string[]).includes(value)) return value as SubFormat;
  throw new InputError('sub-format', `'${value}' is not one of ${SUB_FORMATS.join(', ')}`, SUB_FORMAT_FIX);
}

/** Read-only; the report on stdout, exit 1 when a finding is at --fail-on or above (so a scheduled job fails). */
async function auditCommand(
  format: string,
  failOn: string,
  clients: ReturnType<typeof createClients>,
  target: RolesAnywhereTarget,
  io: CliIo,
): Promise<number> {
  const { AUDIT_FORMATS, FAIL_ON, failsAt, formatReport } = await import('../bootstrap/audit-report.js');
  // `text` is the table's name from before --format json existed.
  const chosen = format === 'text' ? 'table' : format;
  if (!(AUDIT_FORMATS as readonly string[]).includes(chosen))
    throw new InputError('format', `'${format}' is not a report format of bootstrap audit`, AUDIT_FORMAT_FIX);
  if (!(FAIL_ON as readonly string[]).includes(failOn))
    throw new InputError('fail-on', `'${failOn}' is not a severity`, AUDIT_FAIL_ON_FIX);
  const { auditAccount } = await import('../bootstrap/audit.js');
  const result = await auditAccount(clients, target);
  // The table says it among what was read; a JSON or SARIF reader on a pipe still sees it on stderr.
  if (chosen !== 'table') for (const line of result.unread ?? []) io.stderr(`${line}\n`);
  io.stdout(formatReport(chosen as AuditFormat, result));
  return failsAt(result.findings, failOn as FailOn) ? 1 : 0;
}

/** A comma-separated (or repeated) flag's values. */
function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readCa(value: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(value, 'utf8');
}
