/**
 * An endpoint that answers whatever bytes a test scripts: STS (XML), the IoT credentials provider (JSON, over TLS
 * with a client certificate asked for, as IoT does) and Roles Anywhere (JSON). It models a compromised or spoofed
 * service, so nothing it sends is checked; it records what reached it.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createCa, issueCertificate } from './pki.js';

interface HostileAnswer {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface HostileEndpoint {
  /** `http://127.0.0.1:<port>`, or `https://localhost:<port>` with `tls`. */
  url: string;
  /** With `tls`: the CA of the server certificate (the IoT ca-certificate input). */
  serverCaPem?: string;
  /** Paths requested, in order. */
  requests: string[];
  answer(next: HostileAnswer): void;
  close(): Promise<void>;
}

export async function startHostileEndpoint(options: { tls?: boolean } = {}): Promise<HostileEndpoint> {
  let current: HostileAnswer = { status: 500, body: '' };
  const requests: string[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      requests.push(req.url ?? '');
      const body = Buffer.from(current.body, 'utf8');
      res.writeHead(current.status ?? 200, { 'content-length': body.length, ...current.headers });
      res.end(body);
    });
  };
  let server: Server;
  let serverCaPem: string | undefined;
  if (options.tls) {
    const ca = createCa('Hostile Endpoint CA');
    const leaf = issueCertificate(ca, { commonName: 'localhost', serverNames: ['localhost'], serverAuth: true });
    serverCaPem = ca.certPem;
    // Asks for a client certificate as IoT does, and takes any: a hostile server has no reason to check it.
    server = createHttpsServer(
      { cert: leaf.certPem, key: leaf.keyPem, requestCert: true, rejectUnauthorized: false },
      handle,
    );
  } else {
    server = createHttpServer(handle);
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: options.tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}`,
    ...(serverCaPem ? { serverCaPem } : {}),
    requests,
    answer(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An STS AssumeRole* success as STS writes it, with each field's text inserted verbatim (entities included). */
export function stsResultXml(
  action: string,
  f: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string; arn: string },
): string {
  return (
    `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result>` +
    `<AssumedRoleUser><Arn>${f.arn}</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>` +
    `<Credentials><AccessKeyId>${f.accessKeyId}</AccessKeyId><SecretAccessKey>${f.secretAccessKey}</SecretAccessKey>` +
    `<SessionToken>${f.sessionToken}</SessionToken><Expiration>${f.expiration}</Expiration></Credentials>` +
    `</${action}Result><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></${action}Response>`
  );
}
