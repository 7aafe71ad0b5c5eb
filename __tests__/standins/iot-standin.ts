/**
 * A stand-in for the AWS IoT Core credentials provider that tests use as the real peer: nginx terminates mutual TLS
 * (client CA, CRL, SNI) and proxies to a Node backend on a unix socket that answers as the service does.
 *
 * Connect to `host` (127.0.0.1) on `port` with `servername: endpointHost`, `ca: serverCaPem`, a Host header of
 * endpointHost (another Host is answered 421) and a client certificate from `pki.clients`. Certificates that fail verification (unknown CA, expired, revoked) or no
 * certificate at all get the connection closed without an HTTP answer (nginx `return 444`); a wrong or missing
 * SNI fails the handshake. Everything else reaches the backend, is recorded in `requests`, and is answered per
 * iot-credentials-rules.ts unless a fault is set.
 */
import { randomBytes, randomUUID, createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decideCredentialsAnswer,
  formatExpiration,
  type CertificateRecord,
  type CredentialsAnswer,
  type IssuedCredentials,
  type MintContext,
  type RoleAliasSpec,
} from './iot-credentials-rules.js';
import { startNginxTlsFront } from './nginx-tls-front.js';
import { createIotTestPki, removeIotTestPki, type IotTestPki } from './iot-test-pki.js';

export { MESSAGES as IOT_MESSAGES } from './iot-credentials-rules.js';

/** The alias every stand-in knows unless `roleAliases` says otherwise. */
export const DEFAULT_ROLE_ALIAS = 'ci-role-alias';

/**
 * Misbehaviour for the next requests that reach the backend:
 * - status: answer `status` with `body` (default `{"message":...}` with a guessed text) instead of deciding.
 * - hang: never answer; the connection stays open until the client gives up or close().
 * - reset-mid-body: send the decided answer's headers and half its body, then destroy the socket.
 * - slow-body: send the decided answer one byte per second.
 * - malformed-body: 200 with a truncated JSON document.
 * - expired-credentials: a successful answer carries an expiration one hour in the past (errors are unchanged).
 */
type Fault =
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'hang' }
  | { kind: 'reset-mid-body' }
  | { kind: 'slow-body' }
  | { kind: 'malformed-body' }
  | { kind: 'expired-credentials' };

interface RegisterOptions {
  active?: boolean;
  allowsAssumeRoleWithCertificate?: boolean;
  roleAliases?: '*' | string[];
}

/** One request as the backend saw it; requests nginx refused at the TLS layer never appear. */
interface Recorded {
  seq: number;
  receivedAt: Date;
  method: string;
  path: string;
  host: string | undefined;
  /** x-amzn-iot-thingname as sent, if sent. */
  thingName: string | undefined;
  clientVerify: string;
  clientFingerprint: string;
  clientSubject: string;
  clientSerial: string;
  serverName: string;
  tlsProtocol: string;
  roleAlias: string | undefined;
  /** The fault applied, if any. */
  fault: Fault['kind'] | undefined;
  /** Status sent (or, for reset and slow faults, started); undefined for a hang. */
  status: number | undefined;
  message: string | undefined;
}

export interface IotStandInOptions {
  /** Reuse a PKI (it is then not deleted by close()); otherwise one is generated. */
  pki?: IotTestPki;
  /** Ignored when `pki` is given (its endpointHost is used). */
  endpointHost?: string;
  /** How nginx checks client certificates (see NginxTlsFrontOptions.clientVerification). */
  clientVerification?: 'ca' | 'registered-only';
  /** Role aliases that exist; default { [DEFAULT_ROLE_ALIAS]: role arn:aws:iam::111122223333:role/ci-iot, 3600 s }. */
  roleAliases?: Record<string, RoleAliasSpec>;
  /** Fixed credentials for every success, or a callback minting them; random ASIA… values by default. */
  credentials?: IssuedCredentials | ((context: MintContext) => IssuedCredentials);
  /** Clock for default expirations and `expired-credentials`. */
  now?: () => Date;
}

export interface IotStandIn {
  /** Where to connect: always 127.0.0.1. */
  host: string;
  port: number;
  /** The endpoint host to send as SNI and to verify the server certificate against. */
  endpointHost: string;
  /** `https://<endpointHost>:<port>`, as the action's endpoint input; resolve endpointHost to `host`. */
  url: string;
  serverCaPem: string;
  pki: IotTestPki;
  /** Every request that reached the backend, in order; its length is the request counter. */
  requests: Recorded[];
  /** Registers (or re-registers) a certificate by its fingerprint; thingName null = attached to no thing. Returns the fingerprint. */
  register(certPem: string, thingName: string | null, options?: RegisterOptions): string;
  /** Defines, replaces or (with undefined) deletes a role alias. */
  setRoleAlias(name: string, spec: RoleAliasSpec | undefined): void;
  /** Applies `fault` to the next `times` requests (default: all, until cleared). */
  setFault(fault: Fault, times?: number): void;
  clearFault(): void;
  /** nginx's error and access logs, for assertion messages. */
  logs(): Promise<string>;
  /** Stops nginx (and waits for it to exit), the backend, and removes the temp dir. */
  close(): Promise<void>;
}

/** nginx's $ssl_client_fingerprint for a PEM certificate: SHA-1 of the DER, lowercase hex. */
export function certificateFingerprint(certPem: string): string {
  return createHash('sha1').update(new X509Certificate(certPem).raw).digest('hex');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomAccessKeyId(): string {
  return `ASIA${Array.from(randomBytes(16), (b) => BASE32[b % 32]).join('')}`;
}

/** Random credentials shaped like STS's, expiring after the alias's duration. */
function mintRandomCredentials(context: MintContext): IssuedCredentials {
  return {
    accessKeyId: randomAccessKeyId(),
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(360).toString('base64'),
    expiration: formatExpiration(new Date(context.now.getTime() + context.durationSeconds * 1000)),
  };
}

function header(request: IncomingMessage, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function answerBody(answer: CredentialsAnswer): string {
  return JSON.stringify(answer.credentials ? { credentials: answer.credentials } : { message: answer.message });
}

const GUESSED_FAULT_MESSAGES: Record<number, string> = {
  429: 'Rate exceeded',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Starts nginx and the backend; resolves once nginx completes a TLS handshake for the endpoint host. */
export async function startIotStandIn(options: IotStandInOptions = {}): Promise<IotStandIn> {
  const ownsPki = options.pki === undefined;
  const pki =
    options.pki ??
    (await createIotTestPki(options.endpointHost === undefined ? {} : { endpointHost: options.endpointHost }));
  const dir = await mkdtemp(join(tmpdir(), 'iot-standin-'));
  const now = options.now ?? (() => new Date());
  const configured = options.credentials;
  const mint = typeof configured === 'function' ? configured : configured ? () => configured : mintRandomCredentials;

  const certificates = new Map<string, CertificateRecord>();
  const roleAliases = new Map<string, RoleAliasSpec>(
    Object.entries(
      options.roleAliases ?? { [DEFAULT_ROLE_ALIAS]: { roleArn: 'arn:aws:iam::111122223333:role/ci-iot' } },
    ),
  );
  const requests: Recorded[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let fault: { fault: Fault; remaining: number } | undefined;

  function takeFault(): Fault | undefined {
    if (!fault) return undefined;
    const current = fault.fault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) fault = undefined;
    return current;
  }

  function send(response: ServerResponse, status: number, body: string, errorType?: string): void {
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-RequestId': randomUUID(),
      ...(errorType ? { 'x-amzn-ErrorType': errorType } : {}),
    });
    response.end(body);
  }

  function sendSlowly(response: ServerResponse, status: number, body: string): void {
    const bytes = Buffer.from(body);
    response.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
    let sent = 0;
    const tick = () => {
      if (response.destroyed || sent >= bytes.length) return response.end();
      response.write(bytes.subarray(sent, sent + 1));
      sent += 1;
      const timer = setTimeout(() => {
        timers.delete(timer);
        tick();
      }, 1000);
      timers.add(timer);
    };
    tick();
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const thingHeader = request.headers['x-amzn-iot-thingname'];
    const record: Recorded = {
      seq: requests.length + 1,
      receivedAt: now(),
      method: request.method ?? '',
      path: request.url ?? '',
      host: request.headers.host,
      thingName: Array.isArray(thingHeader) ? thingHeader.join(',') : thingHeader,
      clientVerify: header(request, 'x-standin-client-verify'),
      clientFingerprint: header(request, 'x-standin-client-fingerprint'),
      clientSubject: header(request, 'x-standin-client-subject'),
      clientSerial: header(request, 'x-standin-client-serial'),
      serverName: header(request, 'x-standin-server-name'),
      tlsProtocol: header(request, 'x-standin-tls-protocol'),
      roleAlias: undefined,
      fault: undefined,
      status: undefined,
      message: undefined,
    };
    requests.push(record);
    const applied = takeFault();
    record.fault = applied?.kind;

    if (applied?.kind === 'hang') return;
    if (applied?.kind === 'status') {
      const body = applied.body ?? JSON.stringify({ message: GUESSED_FAULT_MESSAGES[applied.status] ?? 'Error' });
      record.status = applied.status;
      return send(response, applied.status, body);
    }
    if (applied?.kind === 'malformed-body') {
      record.status = 200;
      return send(response, 200, '{"credentials":{"accessKeyId":"ASIA');
    }

    const clock = now();
    const expire = applied?.kind === 'expired-credentials';
    const answer = decideCredentialsAnswer(
      {
        method: record.method,
        path: record.path,
        ...(record.thingName === undefined ? {} : { thingName: record.thingName }),
        clientVerify: record.clientVerify,
        fingerprint: record.clientFingerprint.toLowerCase(),
      },
      { certificates, roleAliases, registeredOnly: options.clientVerification === 'registered-only' },
      clock,
      (context) => {
        const issued = mint(context);
        return expire ? { ...issued, expiration: formatExpiration(new Date(clock.getTime() - 3600_000)) } : issued;
      },
    );
    record.roleAlias = answer.roleAlias;
    record.status = answer.status;
    record.message = answer.message;
    const body = answerBody(answer);

    if (applied?.kind === 'slow-body') return sendSlowly(response, answer.status, body);
    if (applied?.kind === 'reset-mid-body') {
      const bytes = Buffer.from(body);
      response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': bytes.length });
      response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.socket?.destroy());
      return;
    }
    send(response, answer.status, body, answer.errorType);
  }

  const backendSocketPath = join(dir, 'backend.sock');
  const backend: Server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    backend.once('error', reject);
    backend.listen(backendSocketPath, () => resolve());
  });

  let front;
  try {
    front = await startNginxTlsFront({
      dir,
      serverName: pki.endpointHost,
      serverCertPath: pki.server.certPath,
      serverKeyPath: pki.server.keyPath,
      serverCaPem: pki.serverCa.certPem,
      clientCaPath: pki.clientCa.certPath,
      clientCrlPath: pki.clientCa.crlPath,
      clientVerification: options.clientVerification ?? 'ca',
      backendSocketPath,
    });
  } catch (error) {
    backend.close();
    await rm(dir, { recursive: true, force: true });
    if (ownsPki) await removeIotTestPki(pki);
    throw error;
  }
  const nginx = front;

  return {
    host: '127.0.0.1',
    port: nginx.port,
    endpointHost: pki.endpointHost,
    url: `https://${pki.endpointHost}:${nginx.port}`,
    serverCaPem: pki.serverCa.certPem,
    pki,
    requests,
    register(certPem, thingName, registerOptions = {}) {
      const fingerprint = certificateFingerprint(certPem);
      certificates.set(fingerprint, {
        thingName,
        active: registerOptions.active ?? true,
        allowsAssumeRoleWithCertificate: registerOptions.allowsAssumeRoleWithCertificate ?? true,
        roleAliases: registerOptions.roleAliases ?? '*',
      });
      return fingerprint;
    },
    setRoleAlias(name, spec) {
      if (spec) roleAliases.set(name, spec);
      else roleAliases.delete(name);
    },
    setFault(next, times = Number.POSITIVE_INFINITY) {
      fault = times > 0 ? { fault: next, remaining: times } : undefined;
    },
    clearFault() {
      fault = undefined;
    },
    logs: () => nginx.logs(),
    async close() {
      await nginx.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      backend.closeAllConnections();
      await new Promise<void>((resolve) => backend.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
      if (ownsPki) await removeIotTestPki(pki);
    },
  };
}
