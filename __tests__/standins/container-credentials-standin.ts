/**
 * The container credentials endpoint as AWS documents it for ECS task roles (and CodeBuild): GET the path of
 * AWS_CONTAINER_CREDENTIALS_RELATIVE_URI (at 169.254.170.2) or the whole AWS_CONTAINER_CREDENTIALS_FULL_URI, answered
 * with the role's credentials as JSON. With `authorization` set it is the EKS Pod Identity agent's form: the request
 * must carry the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE in its Authorization header (401 without or with
 * another), and the answer names the account as well.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ImdsCredentials } from './imds-standin.js';

export interface ContainerCredentialsOptions {
  /** The credentials path: ECS's `/v2/credentials/<id>`, Pod Identity's `/v1/credentials`. */
  path: string;
  credentials: ImdsCredentials;
  roleArn: string;
  /** Pod Identity: the token the request's Authorization header must hold. */
  authorization?: string;
}

export interface ContainerCredentialsStandIn {
  /** `http://127.0.0.1:<port><path>`: AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  fullUri: string;
  requests: Array<{ method: string; path: string; authorization: string | undefined }>;
  close(): Promise<void>;
}

export async function startContainerCredentialsStandIn(
  options: ContainerCredentialsOptions,
): Promise<ContainerCredentialsStandIn> {
  const requests: ContainerCredentialsStandIn['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://169.254.170.2').pathname;
    const authorization = req.headers.authorization;
    requests.push({ method: req.method ?? '', path, authorization });
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return answer(405, { message: 'method not allowed' });
    if (path !== options.path) return answer(404, { message: 'not found' });
    if (options.authorization !== undefined && authorization !== options.authorization) {
      return answer(401, { message: 'the Authorization header is missing or is not the service account token' });
    }
    const c = options.credentials;
    answer(200, {
      AccessKeyId: c.accessKeyId,
      SecretAccessKey: c.secretAccessKey,
      Token: c.sessionToken,
      Expiration: c.expiration.replace(/\.\d+Z$/, 'Z'),
      ...(options.authorization !== undefined
        ? { AccountId: options.roleArn.split(':')[4] }
        : { RoleArn: options.roleArn }),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    fullUri: `http://127.0.0.1:${port}${options.path}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
