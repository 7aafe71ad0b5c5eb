/** The OIDC rows: the runner's id-token exchanged with STS, directly and with a chain-role-arn hop into another account. */
import { runAction } from '../__tests__/support/action-runner.js';
import { startTokenEndpoint, type TokenEndpoint } from '../__tests__/standins/token-endpoint.js';
import { tokenEndpointJwks } from '../__tests__/standins/sts-standin.js';
import { runnerEnv, type DemoContext, type DemoMode } from './mode.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const CHAIN_ROLE = 'arn:aws:iam::210987654321:role/target';

/** One runner token endpoint per demo, whichever OIDC row starts first; STS trusts its issuer and keys. */
const endpoints = new WeakMap<DemoContext, Promise<TokenEndpoint>>();

function runnerTokenEndpoint(ctx: DemoContext): Promise<TokenEndpoint> {
  let endpoint = endpoints.get(ctx);
  if (!endpoint) {
    endpoint = startTokenEndpoint().then((tokens) => {
      ctx.defer(() => tokens.close());
      ctx.sts.trustIssuer({
        issuer: 'https://token.actions.githubusercontent.com',
        jwks: tokenEndpointJwks(tokens.url),
        audiences: ['sts.amazonaws.com'],
      });
      return tokens;
    });
    endpoints.set(ctx, endpoint);
  }
  return endpoint;
}

function oidcRow(name: string, inputs: Record<string, string>): DemoMode {
  return {
    name,
    setUp: async (ctx) => {
      await runnerTokenEndpoint(ctx);
    },
    run: async (ctx) => {
      const tokens = await runnerTokenEndpoint(ctx);
      return runAction('main', {
        inputs: { 'aws-region': ctx.region, ...inputs },
        env: runnerEnv(ctx, {
          ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer,
        }),
      });
    },
  };
}

export const oidcMode = oidcRow('oidc', { 'role-to-assume': ROLE });
export const oidcChainMode = oidcRow('oidc + chain-role-arn', { 'role-to-assume': ROLE, 'chain-role-arn': CHAIN_ROLE });
