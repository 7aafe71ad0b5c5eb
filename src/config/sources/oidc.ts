/** OIDC mode's inputs: the role, the audience, and where the id-token comes from (the runner, a file, a variable). */
import { InputError } from '../../errors.js';
import { parseRoleArn } from '../arn.js';
import type { OidcSource } from '../model.js';
import { runnerTokenRequestOf } from '../environment.js';
import { expandHome, requireInput, type SourceSpec } from './inputs.js';

const DEFAULT_AUDIENCE = 'sts.amazonaws.com';

export const oidcSource: SourceSpec<OidcSource> = {
  inputs: ['audience', 'web-identity-token-file', 'web-identity-token-env'],
  build(get, env, homeDir) {
    requireInput(get, 'role-to-assume', "OIDC mode assumes this role with the job's id-token");
    parseRoleArn(get('role-to-assume'), 'role-to-assume');
    const source: OidcSource = {
      mode: 'oidc',
      roleArn: get('role-to-assume'),
      audience: get('audience') || DEFAULT_AUDIENCE,
    };
    if (get('web-identity-token-file') && get('web-identity-token-env')) {
      throw new InputError(
        'web-identity-token-env',
        'is set together with web-identity-token-file',
        'Give the token one way: a file or an environment variable',
      );
    }
    if (get('web-identity-token-file')) source.tokenFile = expandHome(get('web-identity-token-file'), homeDir);
    if (get('web-identity-token-env')) {
      source.tokenEnv = get('web-identity-token-env');
      const value = env[source.tokenEnv];
      if (value) source.tokenEnvValue = value;
    }
    const runner = source.tokenFile || source.tokenEnv ? undefined : runnerTokenRequestOf(env);
    if (runner) source.runnerRequest = runner;
    return source;
  },
};
