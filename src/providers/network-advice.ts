/** The longer fixes for failures below HTTP and for the runner's id-token, shared by every provider. */

export const UNTRUSTED_SERVER_FIX =
  "The server's TLS certificate was not trusted; TLS verification stays on: fix the endpoint, " +
  'or add its CA (NODE_EXTRA_CA_CERTS, or ca-certificate for IoT)';

export const NO_ID_TOKEN_FIX =
  "Give the job 'permissions: id-token: write' (pull requests from forks never get one), " +
  'or set web-identity-token-file';

/** role-to-assume with no id-token fell back to the runner's own AWS identity, and the runner has none. */
export const RUNNER_NO_ID_TOKEN_FIX =
  "Give the job 'permissions: id-token: write' (or set web-identity-token-file) to use OIDC; on a self-hosted " +
  'runner on AWS, give it an instance profile, task role or Pod Identity association';

/** role-chaining: true found no keys or profile, and the runner has no AWS identity either. */
export const RUNNER_CHAINING_FIX =
  'role-chaining: true found no AWS_* keys or AWS_PROFILE: run a step that exports credentials first, ' +
  'or give the runner an instance profile, task role or Pod Identity association';
