/** The CLI's help texts: one per command, and the overview. */

export const EXIT_CODES = `Exit codes: 0 success, 1 configuration error, 2 usage error, 3 AWS or network error.
(exec passes the command's own exit code through.)`;

const CONFIG = `Configuration (most specific first):
  --<input> <value>        any action input as a flag: --aws-region, --role-to-assume, --role-alias,
                           --certificate, --private-key (a path or PEM text), --trust-anchor-arn, ...
  ASLC_<INPUT>             the same as environment variables (ASLC_ROLE_ALIAS); also AWS_REGION,
                           AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME, AWS_WEB_IDENTITY_TOKEN_FILE
  --auth <auth.yaml>       a file of input names and values (the one 'bootstrap' writes)
OIDC token sources: --web-identity-token-file <path>, --web-identity-token-env <VAR> (GitLab's, CircleCI's
job tokens), or the GitHub runner's token endpoint when present.`;

export const HELP: Record<string, string> = {
  '': `aws-short-lived-credentials: short-lived AWS credentials from an OIDC token or an X.509 certificate.

Usage: aws-short-lived-credentials <command> [flags]

Commands:
  credential-process   print credentials as AWS credential_process JSON (cached)
  env                  print credentials as environment variables (--format sh|dotenv|powershell|json)
  exec -- <cmd...>     run a command with the credentials in its environment
  help <command>       help for a command

${CONFIG}

${EXIT_CODES}`,
  'credential-process': `Usage: aws-short-lived-credentials credential-process [flags]

Prints {"Version":1,"AccessKeyId",...,"Expiration"} for the AWS CLI and SDKs. In ~/.aws/config:
  [profile ci]
  credential_process = aws-short-lived-credentials credential-process --auth /path/to/auth.yaml

Credentials are cached per configuration (mode 0600, under $XDG_CACHE_HOME or ~/.cache) and refreshed when less than
--refresh-margin-s (default 900) is left; concurrent calls wait for one exchange.
  --no-cache               always exchange, never read or write the cache
  --cache-dir <dir>        where the cache lives
  --refresh-margin-s <n>   refresh when fewer seconds than this are left
  --verbose                debug lines on stderr (never secrets)

${CONFIG}

${EXIT_CODES}`,
  env: `Usage: aws-short-lived-credentials env [--format sh|dotenv|powershell|json] [flags]

Prints AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_CREDENTIAL_EXPIRATION, AWS_REGION and
AWS_DEFAULT_REGION.  Example: eval "$(aws-short-lived-credentials env --auth auth.yaml)"

${CONFIG}

${EXIT_CODES}`,
  exec: `Usage: aws-short-lived-credentials exec [flags] -- <command> [args...]

Runs the command with the credentials in its environment (AWS_PROFILE removed so SDKs use them), and exits with
its exit code.

${CONFIG}

${EXIT_CODES}`,
};
