/**
 * The run context for session tags, from @actions/github's `context` on the runner. Imported only where tags are
 * sent (an AssumeRole hop): it loads Octokit, about 30 MiB and 50-150 ms, which no other step should pay.
 */
import { runContextFromEnv, type RunContext } from '../config/session-tags.js';

export async function loadRunContext(env: Record<string, string | undefined>): Promise<RunContext> {
  const fromEnv = runContextFromEnv(env);
  // The library reads process.env; elsewhere (the CLI with its own env, tests) the given env is the truth.
  if (env !== process.env || env['GITHUB_ACTIONS'] !== 'true') return fromEnv;
  const { context } = await import('@actions/github');
  return {
    ...fromEnv,
    workflow: context.workflow ?? '',
    action: context.action ?? '',
    actor: context.actor ?? '',
    sha: context.sha ?? '',
    ref: context.ref ?? '',
    eventName: context.eventName ?? '',
    job: context.job ?? '',
    runId: Number.isFinite(context.runId) ? String(context.runId) : fromEnv.runId,
  };
}
