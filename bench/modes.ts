/** The modes the benchmark times: each sets up its loopback peer and returns the step's inputs and environment. */
import { startMoto } from '../__tests__/support/moto.js';
import { startTokenEndpoint } from '../__tests__/support/token-endpoint.js';

export interface BenchMode {
  name: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function benchModes(): Promise<BenchMode[]> {
  const moto = await startMoto();
  const tokens = await startTokenEndpoint();
  return [
    {
      name: 'oidc',
      inputs: { 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/bench' },
      env: { ACTIONS_ID_TOKEN_REQUEST_URL: tokens.url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: tokens.bearer, AWS_ENDPOINT_URL_STS: moto.url, GITHUB_RUN_ID: '1' },
      close: async () => {
        await tokens.close();
        await moto.stop();
      },
    },
  ];
}
