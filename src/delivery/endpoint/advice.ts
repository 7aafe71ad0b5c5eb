/**
 * What to do when the credentials endpoint cannot be started, reached or stopped: the long advice behind its errors.
 */

export const ENDPOINT_NOT_STARTED =
  "The endpoint's log is printed above; leave refresh-credentials off to deliver the credentials without it";

export const ENDPOINT_GONE = 'The endpoint is not running: it lives only as long as the job that started it';

export const IMPOSTOR =
  "Another process holds the endpoint's port (the endpoint ended: see its log, printed by the post step); its answer was not used. Re-run the job";

export const NOT_PROVEN =
  "could not prove it is this job's credentials endpoint (another process bound the port after the endpoint ended): the token was not sent to it, and it was left running";

export const STILL_OPEN =
  "a process that is not this job's credentials endpoint (or one that could not be ended); check the runner for it";

export const UNSAFE_PROFILE = {
  problem: 'names a profile this step cannot rewrite, and later steps would read it instead of the refreshing endpoint',
  fix: "Remove it from the job's environment, or use a profile name of letters, digits and +=,.@_- only",
};

export const UNREADABLE_FILE = {
  problem: 'its active profile may hold credentials that later steps would use instead of the refreshing endpoint',
  fix: 'Make the file readable by the runner, or point the variable at another file for this job',
};

export const SHADOWED =
  'refresh-credentials: later steps would have used these before the refreshing endpoint, so they no longer can';

export const COPIES_MADE =
  "AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE now name step-owned copies of the shared files whose active profile runs the endpoint's credential_process line (the post step deletes them); other profiles are as they were";

export const UNQUOTABLE_FIX =
  "Run the job from a directory (RUNNER_TEMP and the action's path) without quotes, # or ; (on Windows also without % or !), or leave refresh-credentials off for profile delivery";

/** Post step, where no process table is read (Windows, macOS): the pid is not signalled on trust. */
export const NOT_ENDED_BY_PID = (platform: string) =>
  `did not stop when asked, and on ${platform} this step reads no process table to prove the pid is still that process, so it was not ended by pid; it ends when the runner's worker (its watched parent) ends, or at its 36-hour lifetime cap`;
