/** The CLI's help texts: one per command, and the overview. */

const EXIT_CODES = `Exit codes: 0 success, 1 configuration error, 2 usage error, 3 AWS or network error.
(exec passes the command's own exit code through.)`;

const CONFIG = `Configuration (most specific first):
  --<input> <value>        any action input as a flag: --aws-region, --role-to-assume, --role-alias,
                           --certificate, --private-key (a path or PEM text), --trust-anchor-arn, ...
  ASLC_<INPUT>             the same as environment variables (ASLC_ROLE_ALIAS); also AWS_REGION,
                           AWS_ROLE_ARN, AWS_ROLE_SESSION_NAME, AWS_WEB_IDENTITY_TOKEN_FILE
  --auth <auth.yaml>       a file of input names and values (the one 'bootstrap' writes)
OIDC token sources: --web-identity-token-file <path>, --web-identity-token-env <VAR> (GitLab's, CircleCI's
job tokens), or the GitHub runner's token endpoint when present.`;

const LOGIN_USAGE = [
  'Usage: aws-short-lived-credentials login',
  '--issuer <url> --client-id <id> --aws-region <r> --role-to-assume <arn> [flags]',
].join(' ');

const LOGIN = `${LOGIN_USAGE}

Signs you in at an OpenID Connect provider (Auth0, Okta, Google, Keycloak, ...) with the authorization-code flow and
PKCE on a loopback redirect (http://127.0.0.1:<port>/callback): prints the URL and opens a browser where one exists.
The id-token's signature, issuer, audience, expiry and nonce are verified against the issuer's keys; it is cached
(mode 0600) and never printed. Then it is exchanged with sts:AssumeRoleWithWebIdentity and the credentials cached, so
credential-process, env and exec with the same --issuer and --client-id use them without a browser.
  --client-secret <s>      for confidential clients
  --port <n>               a fixed callback port, when the provider needs the exact redirect URI registered
  --no-browser             only print the URL`;

export const HELP: Record<string, string> = {
  login: `${LOGIN}

${EXIT_CODES}`,
  '': `aws-short-lived-credentials: short-lived AWS credentials from an OIDC token or an X.509 certificate.

Usage: aws-short-lived-credentials <command> [flags]

Commands:
  credential-process   print credentials as AWS credential_process JSON (cached)
  env                  print credentials as environment variables (--format sh|dotenv|powershell|json)
  exec -- <cmd...>     run a command with the credentials in its environment
  login                sign in at an OIDC identity provider in a browser, then exchange the id-token
  serve [-- <cmd...>]  a local credentials endpoint that refreshes before expiry (the SDKs' container provider)
  bootstrap <what>     create the AWS side of a mode (iot, oidc) and rotate, revoke or destroy it
  doctor               why STS would refuse a web-identity token for a role: the failing condition and the fix
  help <command>       help for a command

${CONFIG}

${EXIT_CODES}`,
  'credential-process': `Usage: aws-short-lived-credentials credential-process [flags]

Prints {"Version":1,"AccessKeyId",...,"Expiration"} for the AWS CLI and SDKs. In ~/.aws/config:
  [profile ci]
  credential_process = aws-short-lived-credentials credential-process --auth /path/to/auth.yaml

Credentials are cached per configuration (mode 0600, under $XDG_CACHE_HOME or ~/.cache; on Windows under
%LOCALAPPDATA%, the user's own directory) and refreshed when less than --refresh-margin-s (default 900) is left;
concurrent calls wait for one exchange.
  --no-cache               always exchange, never read or write the cache
  --cache-dir <dir>        where the cache lives
  --refresh-margin-s <n>   refresh when fewer seconds than this are left
  --verbose                debug lines on stderr (never secrets)
  --endpoint-url <url> --endpoint-token-file <file>
                           instead, print what a running \`serve\` endpoint holds now (the line refresh-credentials
                           writes into a profile); the token is read from the file

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
  serve: `Usage: aws-short-lived-credentials serve [flags] [-- <command> [args...]]

Exchanges once, then serves the credentials on http://127.0.0.1:<random port>/<random path> in the form the AWS SDKs'
container credential provider reads, and exchanges again before they expire (every answer from memory). Without a
command it prints AWS_CONTAINER_CREDENTIALS_FULL_URI, AWS_CONTAINER_AUTHORIZATION_TOKEN and the region, and serves
until interrupted; with one, it runs the command with them (static AWS_* keys and AWS_PROFILE removed, as every SDK
prefers them) and exits with its code. Every request needs the token; any process of this user that has it can ask.
  --refresh-margin-s <n>   refresh when fewer seconds than this are left (default: every answer 15 minutes from expiry)
  --max-lifetime-s <n>     stop after this long (default 86400)
  --format <f>             sh (default), dotenv, powershell, json
  Example: aws-short-lived-credentials serve --auth auth.yaml -- make deploy

${CONFIG}

${EXIT_CODES}`,
  doctor: `Usage: aws-short-lived-credentials doctor --role-to-assume <arn> [token flags]

Says whether the role's trust policy admits a web-identity token, and if not, which statement and condition refuse
it (operator, key, the values expected, the token's value) and what to change. The token is taken as
credential-process takes it: --web-identity-token-file <path>, --web-identity-token-env <VAR>, --issuer and
--client-id (a cached login), or the GitHub runner's token endpoint. Only its payload is read: the signature is not
checked (STS does that; a diagnosis needs the claims only), and the token is never printed.
Read-only AWS calls with the standard chain's credentials (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...): iam:GetRole for the
trust policy, iam:GetOpenIDConnectProvider for the issuer's provider, whose audiences (client ids) and thumbprints
are shown; a token whose aud is not among the audiences is refused too. A read that is denied is named, and the rest
is still evaluated. Conditions are evaluated as IAM does: StringEquals, StringNotEquals, the IgnoreCase forms,
StringLike and StringNotLike (* and ?), ...IfExists, Null, ForAnyValue: and ForAllValues:, keys case-insensitive;
an explicit Deny that matches refuses. A condition the token cannot decide (aws:SourceIp, ...) is named as such.
Exit codes: 0 the trust admits the token, 1 it does not (or cannot tell, or a configuration error), 2 usage error,
3 AWS or network error.

${CONFIG}`,
  bootstrap: `Usage: aws-short-lived-credentials bootstrap <iot|rotate|revoke|destroy> <name> [flags]
       aws-short-lived-credentials bootstrap oidc --repo owner/name [--branch b | --tag t | --environment e] [flags]
       aws-short-lived-credentials bootstrap sync --config operator.yaml [--dry-run] [--concurrency n]

Creates the AWS side of a mode with the operator's own AWS credentials (the standard chain: AWS_PROFILE,
AWS_ACCESS_KEY_ID, ...), planned first and applied step by step. Re-running finds what exists and creates only what is
missing; a failed step is named, and re-running completes the work. A drifted trust policy is replaced
(UpdateAssumeRolePolicy), a drifted IoT policy gets a new default version.

  iot <name>        IAM role <name>-role (trusts credentials.iot.amazonaws.com; no permissions unless --policy-arn),
                    thing type <name>-type, thing <name>, a certificate (only when the thing has none), IoT policy
                    <name>-policy (iot:AssumeRoleWithCertificate on the role alias only, thing attached), role alias
                    <name>-role-alias; writes <out>/<name>/: certificate.pem, private.key (0600), public.key, auth.yaml
                    (for credential-process --auth), and prints the workflow step and the secrets to set, by name
  rotate <name>     a new certificate beside the old one, files switched to it, then the old one deactivated and
                    detached
  revoke <name>     the thing's certificates (or --certificate-id) set REVOKED and detached from policy and thing
  destroy <name>    removes what bootstrap created, in reverse order; keeps anything without its created-by mark
  destroy --role-name <n>   removes the role bootstrap oidc created (the account's OIDC provider is kept)
  oidc              the GitHub OIDC provider if the account has none, and a role whose trust policy admits only
                    --repo (and --branch, --tag, --environment or --pull-request) with audience sts.amazonaws.com
  audit             read-only: roles trusting a CI OIDC issuer (GitHub, Enterprise Server, GitLab, any) with no sub,
                    a sub of any owner, no aud, ForAllValues: in an Allow, or StringLike without a wildcard; roles
                    trusting Roles Anywhere with no x509Subject/SAN condition; IoT policies granting
                    iot:AssumeRoleWithCertificate without the thing-attachment condition or on any role alias; role
                    aliases whose role allows * or IAM escalation, or lives past 3600 s (see README, the rules).
                    --format table (default; text), json or sarif (SARIF 2.1.0 for code scanning); --fail-on
                    error (default), warning, note or none: exit 1 when a finding is at that severity or above
  sync              reconciles operator.yaml (schemas/operator.schema.json): each listed repository provisioned
                    as with iot --github-repo; a certificate older than its rotate-after-days or expiring within 7 days
                    rotated; a repository no longer listed (a thing with created-by and github-repo attributes) revoked,
                    its secrets and variables deleted and its AWS side destroyed. --dry-run prints, per repository,
                    create / rotate / update / revoke / ok / blocked and writes nothing. Exit 1 if any is blocked,
                    3 if any failed (the others still ran)

  --github-repo <owner/name>   iot, rotate, revoke: deliver to that repository instead of files. The certificate and
                    key become Actions secrets IOT_CERTIFICATE, IOT_PRIVATE_KEY (sealed with the repository's key; the
                    key is written nowhere else unless --out is given), the settings Actions variables IOT_AWS_REGION,
                    IOT_CREDENTIAL_ENDPOINT, IOT_ROLE_ALIAS, IOT_THING_NAME, IOT_CERTIFICATE_ID, IOT_CREATED_BY. rotate
                    verifies the new pair before delivering it and retires the old one only after; revoke also
                    deletes the secrets and variables. Token: GITHUB_TOKEN (Secrets, Variables, Environments: write);
                    GitHub Enterprise Server: GITHUB_API_URL
  --github-environment <e>  the repository's environment to deliver to (a missing one is created, default branch only)
  --iot-credential-endpoint <url>   the endpoint to store and verify against (default: DescribeEndpoint's)
  --aws-region <r>          region (or AWS_REGION)
  --dry-run                 print the plan (exists / create / change / attach ...) and call nothing that writes
  --out <dir>               where <name>/ is written (default ./output)
  --policy-arn <arn,...>    managed policies to attach to the role
  --duration-seconds <n>    the role alias's credential lifetime (default 3600)
  --certificate-id <id>     revoke: only this certificate
  --role-name <name>        oidc: the role's name (default github-<owner>-<repo>)
  --sub-format <f>          oidc: the sub forms the trust admits: auto (default) reads the repository's ids from
                            GitHub (GITHUB_API_URL; GITHUB_TOKEN for a private repository) and admits the immutable
                            repo:owner@id/name@id form, plus the name-only form for a repository created before
                            2026-07-15 (Enterprise Server: name-only); or immutable, legacy, both
  --issuer <url>            oidc: the issuer of the jobs' tokens, whose IAM provider the role trusts: default
                            https://token.actions.githubusercontent.com (or, with GITHUB_API_URL https://<host>/api/v3,
                            https://<host>/_services/token); an enterprise's own issuer
                            https://token.actions.githubusercontent.com/<enterprise-slug>; Enterprise Server
                            https://<host>/_services/token (name-only sub; IAM reads the host's certificate)
  --pull-request            oidc: jobs of pull_request events (repo:...:pull_request)
  --i-understand-any-repo   oidc: allow a trust policy that admits every repository (repo:*, a wildcard owner)
  --operator                oidc: the role of the operator workflow, with an inline policy granting what sync calls
                            (IoT and IAM on gh-* resources in --aws-region; see README, The operator), and the
                            managed policy aws-short-lived-credentials-sync-boundary, the boundary of sync's roles
  --operator-boundary-arn <arn>   oidc --operator: an existing boundary instead; sync (required): the boundary every
                            role it creates carries (the ARN oidc --operator printed)
  --operator-allowed-policy-arn <arn>   oidc --operator and sync, repeatable: a managed policy operator.yaml may name
                            in policy-arns (none by default); sync refuses any other before it writes anything
  --github-write-interval-ms <n>  pause between GitHub writes (default 1000; 0 to 60000)
  --config <file>           sync: the desired state
  --concurrency <n>         sync: repositories read and changed at a time (default 4)
  --format <f>              audit: table (default), json, sarif
  --fail-on <s>             audit: error (default), warning, note, none: the lowest severity that exits 1
  --retry-max-attempts <n>  attempts per AWS call (or AWS_MAX_ATTEMPTS)
AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_IAM / _IOT) point the calls elsewhere, as in every AWS SDK.

${EXIT_CODES}`,
};
