/**
 * The action's inputs as a step sees them. The runner passes each `with:` value as `INPUT_<NAME>`; since its 4.2.0,
 * configure-aws-credentials also reads most inputs from the job's environment (`env: AWS_REGION: us-east-1` stands for
 * `aws-region`), and workflows migrated from it rely on that. Same names, same precedence: a non-empty input wins,
 * else the variable's non-empty value. Only the action reads these: the CLI has flags, and a shell's ROLE_TO_ASSUME or
 * AUDIENCE is nobody's input. Pure.
 */
import { inputVariable } from './input-names.js';
import type { Env, GetInput } from './sources/inputs.js';

/**
 * The job variables configure-aws-credentials maps to inputs (its `translateEnvVariables`): the input is the name in
 * lower case with `-` for `_`. HTTP_PROXY, HTTPS_PROXY and NO_PROXY are on its list too, but here they stay what they
 * are everywhere else, proxy variables (config/proxy.ts): the peer would send every request through HTTP_PROXY, and a
 * job that sets them for its tools would see its AWS calls routed differently.
 */
export const INPUT_VARIABLES = [
  'AWS_REGION',
  'ROLE_TO_ASSUME',
  'WEB_IDENTITY_TOKEN_FILE',
  'ROLE_CHAINING',
  'AUDIENCE',
  'MASK_AWS_ACCOUNT_ID',
  'ROLE_DURATION_SECONDS',
  'ROLE_EXTERNAL_ID',
  'ROLE_SESSION_NAME',
  'ROLE_SKIP_SESSION_TAGGING',
  'TRANSITIVE_TAG_KEYS',
  'INLINE_SESSION_POLICY',
  'MANAGED_SESSION_POLICIES',
  'OUTPUT_CREDENTIALS',
  'UNSET_CURRENT_CREDENTIALS',
  'DISABLE_RETRY',
  'RETRY_MAX_ATTEMPTS',
  'SPECIAL_CHARACTERS_WORKAROUND',
  'USE_EXISTING_CREDENTIALS',
  'OVERWRITE_AWS_PROFILE',
] as const;

const VARIABLE_OF_INPUT: ReadonlyMap<string, string> = new Map(
  INPUT_VARIABLES.map((variable) => [variable.toLowerCase().replace(/_/g, '-'), variable]),
);

/**
 * The effective inputs of a step with environment `env`: `INPUT_<NAME>` as @actions/core reads it (trimmed), else the
 * job variable standing for it. The one reader of inputs for the action's entry, main and post steps.
 */
export function actionInputs(env: Env): GetInput {
  return (name) => {
    const given = env[inputVariable(name)];
    if (given) return given.trim();
    const variable = VARIABLE_OF_INPUT.get(name);
    return ((variable && env[variable]) || '').trim();
  };
}
