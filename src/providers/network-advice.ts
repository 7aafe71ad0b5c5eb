/** The longer fixes for failures below HTTP and for the runner's id-token, shared by every provider. */

export const UNTRUSTED_SERVER_FIX =
  "The server's TLS certificate was not trusted; TLS verification stays on: fix the endpoint, " +
  'or add its CA (NODE_EXTRA_CA_CERTS, or ca-certificate for IoT)';

export const NO_ID_TOKEN_FIX =
  "Give the job 'permissions: id-token: write' (pull requests from forks never get one), " +
  'or set web-identity-token-file';
