/**
 * The AWS IoT Core credentials provider in Node alone (no nginx, no openssl): mutual TLS with node:https under a
 * real-looking endpoint host, answering `GET /role-aliases/<alias>/credentials` per iot-credentials-rules.ts.
 *
 * Connect to 127.0.0.1:`port` with SNI `endpointHost`, trusting `serverCaPem`, with a client certificate issued by
 * `clientCaPem`. A client without a certificate, or with one from another CA, fails the handshake; a connection
 * whose SNI is not the endpoint host is closed without an HTTP answer. The certificate is then known by its SHA-1
 * fingerprint through `register()`, which ties it to a thing.
 */
import { createHash, randomUUID, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  decideCredentialsAnswer,
  type CertificateRecord,
  type IssuedCredentials,
  type MintContext,
  type RoleAliasSpec,
} from './iot-credentials-rules.js';
import { createCa, issueCertificate } from './pki.js';

const DEMO_IOT_ENDPOINT_HOST = 'c0demo0demo0.credentials.iot.us-east-1.amazonaws.com';

export interface IotNodeStandInOptions {
  /** The CA whose certificates may connect (a CA registered with IoT, or Amazon's device CA). */
  clientCaPem: string;
  /** Role aliases that exist, by name. */
  roleAliases: Record<string, RoleAliasSpec>;
  /** Mints the credentials of a successful answer (the demo passes the STS stand-in's `issue`). */
  credentials: (context: MintContext) => IssuedCredentials;
  /** Default DEMO_IOT_ENDPOINT_HOST. */
  endpointHost?: string;
}

/** One request that reached HTTP, as the stand-in saw it. */
interface IotNodeRequest {
  method: string;
  path: string;
  /** x-amzn-iot-thingname as sent, if sent. */
  thingName: string | undefined;
  serverName: string;
  tlsProtocol: string;
  /** SHA-1 of the client certificate's DER, lower-case hex. */
  fingerprint: string;
  status: number;
  message: string | undefined;
}

export interface IotNodeStandIn {
  /** The endpoint host: SNI, certificate name and URL host. Resolve it to 127.0.0.1. */
  endpointHost: string;
  port: number;
  /** `https://<endpointHost>:<port>`, the action's iot-credential-endpoint input. */
  url: string;
  /** The CA of the server certificate; the action's ca-certificate input. */
  serverCaPem: string;
  requests: IotNodeRequest[];
  /** Connections closed because their SNI was not the endpoint host, with the name they sent ('' for none). */
  wrongServerNames: string[];
  /** Registers a client certificate as attached to `thingName` (null: to no thing), active, with a policy allowing every alias. */
  register(certPem: string, thingName: string | null): void;
  close(): Promise<void>;
}

export async function startIotNodeStandIn(options: IotNodeStandInOptions): Promise<IotNodeStandIn> {
  const endpointHost = options.endpointHost ?? DEMO_IOT_ENDPOINT_HOST;
  const serverCa = createCa('IoT Credentials Stand-in Server CA');
  const server = issueCertificate(serverCa, {
    commonName: endpointHost,
    serverNames: [endpointHost],
    serverAuth: true,
  });
  const certificates = new Map<string, CertificateRecord>();
  const roleAliases = new Map(Object.entries(options.roleAliases));
  const requests: IotNodeRequest[] = [];
  const wrongServerNames: string[] = [];

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket as TLSSocket;
    // Closed for its SNI on connection; a request sent with the handshake may still have been read.
    if (socket.destroyed || !socket.authorized) return;
    const thingHeader = req.headers['x-amzn-iot-thingname'];
    const thingName = Array.isArray(thingHeader) ? thingHeader.join(',') : thingHeader;
    const fingerprint = createHash('sha1').update(socket.getPeerCertificate().raw).digest('hex');
    const answer = decideCredentialsAnswer(
      {
        method: req.method ?? '',
        path: req.url ?? '',
        ...(thingName === undefined ? {} : { thingName }),
        clientVerify: 'SUCCESS',
        fingerprint,
      },
      { certificates, roleAliases },
      new Date(),
      options.credentials,
    );
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      thingName,
      serverName: String(socket.servername || ''),
      tlsProtocol: socket.getProtocol() ?? '',
      fingerprint,
      status: answer.status,
      message: answer.message,
    });
    const body = JSON.stringify(answer.credentials ? { credentials: answer.credentials } : { message: answer.message });
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomUUID(),
      ...(answer.errorType ? { 'x-amzn-ErrorType': answer.errorType } : {}),
    });
    res.end(body);
  }

  const https = createServer(
    {
      cert: server.certPem,
      key: server.keyPem,
      ca: options.clientCaPem,
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.2',
    },
    handle,
  );
  https.on('secureConnection', (socket: TLSSocket) => {
    // Only the endpoint's own name gets an answer, as the service's front door routes by SNI.
    const name = String(socket.servername || '');
    if (name !== endpointHost) {
      wrongServerNames.push(name);
      socket.destroy();
    }
  });
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const { port } = https.address() as AddressInfo;

  return {
    endpointHost,
    port,
    url: `https://${endpointHost}:${port}`,
    serverCaPem: serverCa.certPem,
    requests,
    wrongServerNames,
    register(certPem, thingName) {
      const fingerprint = createHash('sha1').update(new X509Certificate(certPem).raw).digest('hex');
      certificates.set(fingerprint, {
        thingName,
        active: true,
        allowsAssumeRoleWithCertificate: true,
        roleAliases: '*',
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        https.closeAllConnections();
        https.close(() => resolve());
      }),
  };
}
