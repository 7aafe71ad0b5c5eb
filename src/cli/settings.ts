/**
 * Where the CLI's configuration comes from, most specific first: flags, then environment variables (the AWS SDKs'
 * own names where they have one, else `ASLC_<INPUT>`), then the `--auth` file. The result is read through the same
 * `buildConfig` as the action's inputs, so validation and error texts are the same. Pure.
 */

/** Input names the CLI reads beyond the action's, for its own token sources and commands. */
export const CLI_ONLY_INPUTS = [
  'web-identity-token-env',
  'auth',
  'format',
  'no-cache',
  'cache-dir',
  'verbose',
  'help',
  'issuer',
  'client-id',
  'client-secret',
  'port',
  'no-browser',
  'max-lifetime-s',
  'handover',
  'endpoint-url',
  'endpoint-token-file',
];

/** Flags of the `bootstrap` commands only. */
export const BOOTSTRAP_FLAGS = [
  'out',
  'policy-arn',
  'duration-seconds',
  'repo',
  'branch',
  'tag',
  'environment',
  'role-name',
  'certificate-id',
  'dry-run',
  'i-understand-any-repo',
  'github-repo',
  'github-environment',
  'config',
  'concurrency',
  'operator',
  'pull-request',
  'sub-format',
  'operator-boundary-arn',
  'operator-allowed-policy-arn',
  'github-write-interval-ms',
  'fail-on',
];

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

/** Inputs whose values are secrets: never printed, whichever way they arrive. */
const SECRET_INPUTS = ['private-key', 'private-key-passphrase', 'client-secret', 'certificate'];

/**
 * Environment variables that hold secrets whatever the configuration (role-chaining's base credentials, the runner's
 * bearer, the GitHub token bootstrap writes secrets with: the operator's App installation token).
 */
const SECRET_ENV = ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'GITHUB_TOKEN'];

/**
 * The secret values among the settings, to keep out of anything printed. `certificate` counts only when it is not a
 * certificate's PEM or a path: base64 of a PKCS#12 bundle, which holds the key.
 */
export function secretSettings(
  flags: ReadonlyMap<string, string>,
  env: Record<string, string | undefined>,
  authFile?: ReadonlyMap<string, string>,
): string[] {
  const values: string[] = SECRET_ENV.map((name) => env[name] ?? '');
  for (const input of SECRET_INPUTS) {
    for (const value of [flags.get(input), env[envName(input)], authFile?.get(input)]) {
      if (!value) continue;
      if (
        input === 'certificate' &&
        (/-----BEGIN CERTIFICATE-----/.test(value) || !/^[A-Za-z0-9+/=\s]{100,}$/.test(value))
      )
        continue;
      values.push(value);
    }
  }
  // The variable --web-identity-token-env names holds a token.
  const tokenVariable =
    flags.get('web-identity-token-env') ??
    env[envName('web-identity-token-env')] ??
    authFile?.get('web-identity-token-env');
  if (tokenVariable) values.push(env[tokenVariable] ?? '');
  return values.filter((v) => v !== '');
}
