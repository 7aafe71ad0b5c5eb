/** What every source's input reading shares: the input getter, required inputs, and `~` as a shell reads it. Pure. */
import { InputError } from '../../errors.js';
import { platformTraits, type Platform } from '../../platform.js';
import type { Source } from '../model.js';

export type GetInput = (name: string) => string;
export type Env = Record<string, string | undefined>;

/** One mode's inputs: those only it reads (they select it), and how they become its source. */
export interface SourceSpec<S extends Source = Source> {
  inputs: readonly string[];
  /**
   * Inputs it reads that other modes read too: they select no mode, and are foreign to a mode that does not read them.
   */
  sharedInputs?: readonly string[];
  /** The region when aws-region is empty; without one, aws-region is required. */
  defaultRegion?: string;
  /** The longest role-duration-seconds the service grants; default 43200 (STS's 12 hours). */
  maxDurationSeconds?: number;
  /** Inputs this mode cannot honour, each with the reason given to the user. */
  refusedInputs?: Readonly<Record<string, string>>;
  build(get: GetInput, env: Env, homeDir: string): S;
}

/** The shared credentials and config files as the AWS CLI and the SDKs find them: their variables, else ~/.aws. */
export function sharedFiles(
  env: Env,
  homeDir: string,
  platform: Platform = process.platform,
): { credentialsFile: string; configFile: string } {
  const { join } = platformTraits(platform).path;
  return {
    credentialsFile: env['AWS_SHARED_CREDENTIALS_FILE'] || join(homeDir, '.aws', 'credentials'),
    configFile: env['AWS_CONFIG_FILE'] || join(homeDir, '.aws', 'config'),
  };
}

/** The profiles later steps read: botocore takes AWS_DEFAULT_PROFILE too, the JS SDK only AWS_PROFILE. */
export function activeProfiles(env: Env): Array<{ name: string; variable?: string }> {
  const named = (['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const)
    .filter((variable) => env[variable])
    .map((variable) => ({ name: env[variable]!, variable }));
  const all = env['AWS_PROFILE'] ? named : [{ name: 'default' }, ...named];
  return all.filter((p, i) => all.findIndex((q) => q.name === p.name) === i);
}

/** `~/x` as a shell would read it: YAML and the runner pass the tilde through unexpanded. */
export function expandHome(path: string, homeDir: string, platform: Platform = process.platform): string {
  return /^~(?=$|[\\/])/.test(path) ? platformTraits(platform).path.join(homeDir, path.slice(1)) : path;
}

export function requireInput(get: GetInput, name: string, why: string): string {
  const value = get(name);
  if (value === '') throw new InputError(name, 'is required', `Set it: ${why}`);
  return value;
}
