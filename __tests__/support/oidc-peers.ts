/** moto and the runner's id-token endpoint, started before a test file's tests and stopped after them. */
import { after, before } from 'node:test';
import { startMoto, type Moto } from './moto.js';
import { startTokenEndpoint, type TokenEndpoint } from '../standins/token-endpoint.js';

export interface OidcPeers {
  moto: Moto;
  tokens: TokenEndpoint;
}

/** `ready` runs once both are up, inside the same hook (a second file-level hook may run before this one ends). */
export function useOidcPeers(ready?: (peers: OidcPeers) => void | Promise<void>): OidcPeers {
  const peers = {} as OidcPeers;
  before(async () => {
    peers.moto = await startMoto();
    peers.tokens = await startTokenEndpoint();
    await ready?.(peers);
  });
  after(async () => {
    await peers.tokens?.close();
    await peers.moto?.stop();
  });
  return peers;
}

/** What an OIDC step is given on the runner with these peers: the id-token request and STS at moto. */
export function oidcStepEnv(peers: OidcPeers): Record<string, string> {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: peers.tokens.url,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: peers.tokens.bearer,
    AWS_ENDPOINT_URL_STS: peers.moto.url,
  };
}
