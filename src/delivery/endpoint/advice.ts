/** What to do when the credentials endpoint cannot be started, reached or stopped: the long advice behind its errors. */

export const ENDPOINT_NOT_STARTED =
  "The endpoint's log is printed above; leave refresh-credentials off to deliver the credentials without it";
