/** OIDC mode: the job's id-token → STS AssumeRoleWithWebIdentity. */
import type { OidcSource } from '../config/model.js';
import type { Provider } from './context.js';
import { idTokenSource } from './id-token.js';
import { sessionPolicyInput } from './session-params.js';
import { configuredEndpoint } from './endpoints.js';
import { withTokenClaims } from './sts-errors.js';

export const oidcProvider: Provider<OidcSource> = async (source, config, ctx) => {
  // A bad endpoint setting is reported before any token is fetched or read.
  configuredEndpoint(config.endpoints?.sts);
  const token = idTokenSource(source, ctx);
  const pending = token();
  let waiting = true;
  void pending.then(
    () => (waiting = false),
    () => (waiting = false),
  );
  // While the id-token request is in flight the STS client loads and is made ready (sts.ts readyStsClient), so only
  // the call itself waits for the token. Node compiles the chunk synchronously inside import(): the request is
  // started first.
  const sts = import('./sts.js').then(async ({ callSts, readyStsClient }) => ({
    callSts,
    client: await readyStsClient(ctx, config.region, () => waiting),
  }));
  const [first, { callSts, client }] = await Promise.all([pending, sts]);
  let sent = first;
  return callSts(
    ctx,
    {
      action: 'AssumeRoleWithWebIdentity',
      region: config.region,
      input: async (attempt) => ({
        RoleArn: source.roleArn,
        RoleSessionName: config.session.sessionName,
        WebIdentityToken: (sent = attempt === 1 ? first : await token()),
        DurationSeconds: config.session.durationSeconds,
        // Session policies narrow the last hop: with chain-role-arn they go on the chained role instead.
        ...(config.chainRoleArn ? {} : sessionPolicyInput(config.session)),
      }),
    },
    client,
  ).catch((err: unknown) => {
    // A refusal carries what the token claimed (never the token), for the front-end to print before the error.
    throw withTokenClaims(err, sent, source.roleArn);
  });
};
