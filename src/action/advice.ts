/** The longer problems and fixes the action's own checks report. */

export const NO_RUNNER_FILES_FIX =
  'Run this action under the GitHub Actions runner; ' +
  'elsewhere use the CLI (aws-short-lived-credentials env or credential-process)';

export const ECS_ENDPOINT_SHADOWS =
  "cannot take effect: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set (an ECS task's endpoint), " +
  'and every SDK prefers it to a full URI';

/** `diagnose: true` could not read or evaluate the role: one warning, and the step fails with STS's error. */
export const DIAGNOSIS_FAILED = 'diagnose: the diagnosis could not be made (the step fails with the error below)';
