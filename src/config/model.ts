/** The validated configuration every front-end (action, CLI) produces and every provider consumes. */
import type { Credentials } from '../credentials.js';
import type { ProxyVariables } from './proxy.js';
import type { RunnerBase } from './runner-identity.js';
import type { RunContext, Tag } from './session-tags.js';
import type { UserAgentField } from './run-user-agent.js';

export type Mode = 'oidc' | 'iot-certificate' | 'roles-anywhere' | 'minio-certificate';

export interface OidcSource {
  mode: 'oidc';
  roleArn: string;
  audience: string;
  /** Read the token from this file instead of the runner's endpoint. */
  tokenFile?: string;
  /** Read the token from this environment variable (CLI: GitLab's, CircleCI's job tokens). */
  tokenEnv?: string;
  /** CLI: the token comes from an interactive `login` at this issuer for this client. */
  login?: { issuer: string; clientId: string };
  /** The login's cached id-token, resolved by the CLI before each exchange (never read from the environment). */
  idToken?: string;
  /** The value of `tokenEnv`'s variable, read with the config (checked when the exchange runs). */
  tokenEnvValue?: string;
  /** The runner's id-token request (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN) when no file or variable is given. */
  runnerRequest?: { url: string; bearer: string };
}

export interface IotSource {
  mode: 'iot-certificate';
  /** `https://host[:port]`, normalised. */
  endpoint: string;
  roleAlias: string;
  thingName?: string;
  certificate: string;
  privateKey: string;
  passphrase?: string;
  caCertificate?: string;
}

export interface RolesAnywhereSource {
  mode: 'roles-anywhere';
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  region: string;
  certificate: string;
  certificateChain?: string;
  privateKey: string;
  passphrase?: string;
}

/** MinIO's certificate STS: the client certificate (sent in the TLS handshake) is the credential. */
export interface MinioSource {
  mode: 'minio-certificate';
  /** `https://host[:port]`, normalised; also the S3 endpoint the credentials are for. */
  endpoint: string;
  certificate: string;
  certificateChain?: string;
  /** Empty when `certificate` is a PKCS#12 bundle that carries the key. */
  privateKey: string;
  passphrase?: string;
  caCertificate?: string;
}

/** `role-chaining: true`: the credentials already in the environment assume `role-to-assume`. */
export interface EnvironmentSource {
  mode: 'role-chaining';
  roleArn: string;
  /** Where the credentials are when the environment has no keys but AWS_PROFILE names a profile. */
  profile?: { name: string; credentialsFile: string };
}

/**
 * The runner's own AWS identity assumes `role-to-assume`: an OIDC-looking step with no id-token, or role-chaining
 * with no keys or profile in the environment (config/runner-identity.ts).
 */
export interface RunnerIdentitySource {
  mode: 'runner-identity';
  roleArn: string;
  base: RunnerBase;
  /** Why the runner's identity is used: for the error when it has none. */
  reason: 'no-id-token' | 'role-chaining';
}

export type Source =
  OidcSource | IotSource | RolesAnywhereSource | MinioSource | EnvironmentSource | RunnerIdentitySource;

export interface SessionOptions {
  sessionName: string;
  /** True when the user chose the name (Roles Anywhere sends it only then). */
  sessionNameGiven: boolean;
  durationSeconds: number;
  inlinePolicy?: string;
  managedPolicyArns: string[];
  externalId?: string;
  /** Tag AssumeRole sessions with the run's repository, workflow, run and actor. */
  sessionTags: boolean;
  /** `custom-tags`: sent after the run's tags on every AssumeRole hop. */
  customTags: Tag[];
  /** `transitive-tag-keys`: those among the tags sent are marked transitive. */
  transitiveTagKeys: string[];
  /** `source-identity`: sent as SourceIdentity on every sts:AssumeRole hop (the same value on each). */
  sourceIdentity?: string;
}

interface RetryOptions {
  maxAttempts: number;
  /** The whole step's bound. */
  timeoutMs: number;
}

export interface Config {
  region: string;
  source: Source;
  session: SessionOptions;
  /** One more sts:AssumeRole hop after the source's credentials arrive. */
  chainRoleArn?: string;
  retry: RetryOptions;
  /** The `http-proxy` input: overrides HTTPS_PROXY/HTTP_PROXY for every request. */
  httpProxy?: string;
  /** The `no-proxy` input: hosts reached directly, on top of NO_PROXY. */
  noProxy?: string;
  /** The `sts-endpoint` input: STS's URL instead of the region's. */
  stsEndpoint?: string;
  /** Checks and switches that come with configure-aws-credentials's inputs (config/peer-inputs.ts). */
  guards: GuardOptions;
  /** The endpoints the environment configures (AWS_ENDPOINT_URL_STS, ...); absent when it sets none. */
  endpoints?: ServiceEndpoints;
  /** HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the environment set them; absent when it sets none. */
  proxyVariables?: ProxyVariables;
  /** The run the session tags describe (GITHUB_*): read only when an sts:AssumeRole hop will send them. */
  runContext?: RunContext;
  /** The run's `md/` fields for STS's User-Agent (GITHUB_ACTION, _RUN_ID, _RUN_ATTEMPT); absent outside a run. */
  userAgentFields?: UserAgentField[];
  /**
   * The environment's AWS_* keys: role-chaining's base and use-existing-credentials' candidate, read only for those.
   */
  environmentCredentials?: Credentials;
  /** Inputs that were given but have no effect with this configuration: each front-end shows them as warnings. */
  warnings: string[];
}

/** An endpoint URL as a variable set it (AWS_ENDPOINT_URL_STS, or AWS_ENDPOINT_URL): checked, naming it, when used. */
export interface EndpointSetting {
  variable: string;
  url: string;
}

/** The endpoints the environment configures, as the SDKs read them (config/environment.ts). */
export interface ServiceEndpoints {
  sts?: EndpointSetting;
  rolesAnywhere?: EndpointSetting;
  /** AWS_USE_FIPS_ENDPOINT=true: the region's FIPS host where no URL is configured. */
  fips?: boolean;
}

export interface GuardOptions {
  /** `allowed-account-ids`: the delivered credentials must belong to one of these accounts (empty: any). */
  allowedAccountIds: string[];
  /** `use-existing-credentials`: keep the environment's credentials when they still work, and do nothing else. */
  useExistingCredentials: boolean;
  /** `unset-current-credentials`: clear AWS_* credentials from the job's environment before anything else. */
  unsetCurrentCredentials: boolean;
  /** `special-characters-workaround`: ask again until the secret key has none of the characters some tools mangle. */
  specialCharactersWorkaround: boolean;
}
