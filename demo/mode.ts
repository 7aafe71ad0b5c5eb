/** What a row of the demo is: a mode that starts its peers, then runs the bundled action against them. */
import type { RunResult } from '../__tests__/support/action-runner.js';
import type { StsStandIn } from '../__tests__/standins/sts-standin.js';

export interface DemoContext {
  /** The STS every mode's credentials come from, directly or minted through `sts.issue()`; GetCallerIdentity asks it. */
  sts: StsStandIn;
  region: string;
  /** Registers a clean-up to run when the demo ends, whether it succeeded or not (last registered runs first). */
  defer(cleanup: () => unknown): void;
}

export interface DemoMode {
  /** The row's label. */
  name: string;
  /** False for a mode whose exchange names no role (plain IoT): its step sets no aws-assumed-role-arn. Default true. */
  reportsAssumedRoleArn?: boolean;
  /** Starts this mode's peers (token endpoint, IoT or Roles Anywhere stand-in); registers their closing with `ctx.defer`. */
  setUp(ctx: DemoContext): Promise<void>;
  /** Runs the bundled action the way the runner does (`runAction('main', ...)`) and returns what the step did. */
  run(ctx: DemoContext): Promise<RunResult>;
  /** Who the exported credentials are, for a mode whose credentials are not AWS's; default: STS GetCallerIdentity. */
  identify?(exported: Record<string, string>, ctx: DemoContext): Promise<string>;
}

/** The job's environment the runner gives every step, with STS pointed at the stand-in. */
export function runnerEnv(ctx: DemoContext, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_STS: ctx.sts.url,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW: 'deploy',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: 'ffac537e6cbbf934b08745a378932722df287a53',
    GITHUB_REF: 'refs/heads/main',
    ...extra,
  };
}
