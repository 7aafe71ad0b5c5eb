/**
 * Where the CLI's configuration comes from, most specific first: flags, then environment variables (the AWS SDKs'
 * own names where they have one, else `ASLC_<INPUT>`), then the `--auth` file. The result is read through the same
 * `buildConfig` as the action's inputs, so validation and error texts are the same. Pure.
 */

/** Input names the CLI reads beyond the action's, for its own token sources and commands. */
export const CLI_ONLY_INPUTS = ['web-identity-token-env', 'auth', 'format', 'no-cache', 'cache-dir', 'refresh-margin-s', 'verbose', 'help', 'issuer', 'client-id', 'client-secret', 'port', 'no-browser'];

/** Flags of the `bootstrap` commands only. */
export const BOOTSTRAP_FLAGS = ['out', 'policy-arn', 'duration-seconds', 'repo', 'branch', 'tag', 'environment', 'role-name', 'certificate-id', 'dry-run', 'i-understand-any-repo', 'github-repo', 'github-environment', 'config', 'concurrency', 'operator'];

/** The AWS SDKs' environment variables for some inputs (AWS_ROLE_ARN etc. are what web-identity users already set). */
const AWS_ENV: Record<string, string[]> = {
  'aws-region': ['AWS_REGION', 'AWS_DEFAULT_REGION'],
  'role-to-assume': ['AWS_ROLE_ARN'],
  'role-session-name': ['AWS_ROLE_SESSION_NAME'],
  'web-identity-token-file': ['AWS_WEB_IDENTITY_TOKEN_FILE'],
};

export function envName(input: string): string {
  return `ASLC_${input.toUpperCase().replace(/-/g, '_')}`;
}

export function settingsReader(
  flags: ReadonlyMap<string, string>,
  env: Record<string, string | undefined>,
  authFile: ReadonlyMap<string, string> | undefined,
): (name: string) => string {
  return (name) => {
    const flag = flags.get(name);
    if (flag !== undefined) return flag.trim();
    for (const variable of [envName(name), ...(AWS_ENV[name] ?? [])]) {
      const value = env[variable];
      if (value) return value.trim();
    }
    return authFile?.get(name)?.trim() ?? '';
  };
}
