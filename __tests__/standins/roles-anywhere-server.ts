/**
 * A stand-in for the IAM Roles Anywhere CreateSession endpoint (HTTPS on 127.0.0.1). It authenticates each request as
 * AWS does, from what arrived on the wire and without using src/signing: its own canonical request, the signature checked
 * with the key of the certificate in X-Amz-X509, the Credential serial and scope, the date skew, the chain up to a
 * configured trust anchor, certificate validity, then the trust anchor / profile / role / duration configuration.
 * It answers in AWS's JSON shapes, records every request, and can inject faults (status, reset, hang).
 */
import {
  constants,
  createHash,
  randomBytes,
  randomUUID,
  verify as verifySignature,
  X509Certificate,
} from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createCa, issueCertificate } from './pki.js';

interface StandInTrustAnchor {
  arn: string;
  /** The CA certificate the anchor holds (root or intermediate); chains must end at it. */
  caPem: string;
  enabled?: boolean;
}

interface StandInProfile {
  arn: string;
  roleArns: string[];
  enabled?: boolean;
  /** The profile's session duration, which is also the most a request may ask for. Default 3600. */
  durationSeconds?: number;
}

interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO 8601. */
  expiration: string;
}

/** What a `credentials` callback is told about the session it mints for. */
export interface MintRequest {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  certificate: X509Certificate;
  now: Date;
}

type StandInFault =
  { kind: 'status'; status: number; errorType?: string; message?: string } | { kind: 'reset' } | { kind: 'hang' };

export interface RolesAnywhereStandInOptions {
  /** Default `us-east-1`; the Credential scope must name it. */
  region?: string;
  trustAnchors: StandInTrustAnchor[];
  profiles: StandInProfile[];
  /** Added to the real clock for every check (date skew, certificate validity, expiration). */
  clockOffsetMs?: number;
  /** Applied to the first requests, one each, in order. */
  faults?: StandInFault[];
  /** Fixed credentials, or a function minting them; default: fresh random ones per session. */
  credentials?:
    Omit<IssuedCredentials, 'expiration'> | ((request: MintRequest) => IssuedCredentials | Promise<IssuedCredentials>);
  /** A server certificate to reuse (for `localhost` and `127.0.0.1`); default: one made by a fresh test CA. */
  tls?: { certPem: string; keyPem: string; caPem: string };
}

interface RecordedRequest {
  method: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  fault?: StandInFault['kind'];
  /** The answer given; absent for reset and hang. */
  status?: number;
  errorType?: string;
  message?: string;
}

export interface RolesAnywhereStandIn {
  /** `https://127.0.0.1:<port>`; POST to `${url}/sessions`. */
  url: string;
  /** The CA that issued the server certificate: clients must trust it. */
  caCertPem: string;
  requests: RecordedRequest[];
  /** Every credential set handed out, for secret-leak checks. */
  issued: IssuedCredentials[];
  queue(...faults: StandInFault[]): void;
  setClockOffsetMs(ms: number): void;
  close(): Promise<void>;
}

const MAX_SKEW_MS = 5 * 60_000;
const SERVICE = 'rolesanywhere';

/** An error answer: status, `x-amzn-ErrorType`, and the `message` in the JSON body. */
class Rejection extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
  }
}
const denied = (message: string) => new Rejection(403, 'AccessDeniedException', message);
const invalid = (message: string) => new Rejection(400, 'ValidationException', message);

export async function startRolesAnywhereStandIn(options: RolesAnywhereStandInOptions): Promise<RolesAnywhereStandIn> {
  const tls = options.tls ?? makeServerCertificate();
  const requests: RecordedRequest[] = [];
  const issued: IssuedCredentials[] = [];
  const faults = [...(options.faults ?? [])];
  const sockets = new Set<Socket>();
  let offsetMs = options.clockOffsetMs ?? 0;

  const server = createServer({ cert: tls.certPem, key: tls.keyPem }, (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const record: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: body.toString('utf8'),
      };
      requests.push(record);
      const fault = faults.shift();
      if (fault) record.fault = fault.kind;
      if (fault?.kind === 'hang') return;
      if (fault?.kind === 'reset') {
        resetConnection(req.socket);
        return;
      }
      const answer = (status: number, payload: unknown, errorType?: string) => {
        record.status = status;
        if (errorType) {
          record.errorType = errorType;
          record.message = (payload as { message: string }).message;
          res.setHeader('x-amzn-ErrorType', errorType);
        }
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-amzn-RequestId', randomUUID());
        res.end(JSON.stringify(payload));
      };
      if (fault?.kind === 'status') {
        const type = fault.errorType ?? (fault.status === 429 ? 'ThrottlingException' : 'InternalServerException');
        answer(fault.status, { message: fault.message ?? 'Injected fault' }, type);
        return;
      }
      const now = new Date(Date.now() + offsetMs);
      createSession(
        { method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body },
        now,
        options,
        issued,
      )
        .then((session) => answer(201, session))
        .catch((err: unknown) => {
          if (err instanceof Rejection) answer(err.status, { message: err.message }, err.errorType);
          else answer(500, { message: `Stand-in failure: ${String(err)}` }, 'InternalServerException');
        });
    });
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    caCertPem: tls.caPem,
    requests,
    issued,
    queue: (...more) => void faults.push(...more),
    setClockOffsetMs: (ms) => void (offsetMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

interface WireRequest {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
}

/** Authenticates, validates and authorises one request; resolves to the 201 body or rejects with a `Rejection`. */
async function createSession(
  wire: WireRequest,
  now: Date,
  options: RolesAnywhereStandInOptions,
  issued: IssuedCredentials[],
) {
  const region = options.region ?? 'us-east-1';
  const target = new URL(wire.url, 'https://stand-in');
  if (target.pathname !== '/sessions' || wire.method !== 'POST') {
    throw new Rejection(404, 'UnknownOperationException', `No operation at ${wire.method} ${target.pathname}`);
  }
  const headers = wireHeaders(wire.rawHeaders);
  const leaf = authenticate(wire, headers, now, region);

  const params = sessionParameters(target, wire.body);
  const anchor = options.trustAnchors.find((a) => a.arn === params.trustAnchorArn);
  if (!anchor) throw denied('Untrusted trust anchor: no trust anchor with that ARN');
  if (anchor.enabled === false) throw denied('Trust anchor is disabled');
  const intermediates = (headers.get('x-amz-x509-chain') ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map((s) => parseCertificate(s, 'X-Amz-X509-Chain'));
  verifyChain(leaf, intermediates, new X509Certificate(anchor.caPem), now);

  const profile = options.profiles.find((p) => p.arn === params.profileArn);
  if (!profile) throw denied('Profile not found');
  if (profile.enabled === false) throw denied('Profile is disabled');
  if (!profile.roleArns.includes(params.roleArn)) throw denied('Role is not associated with the profile');
  const profileSeconds = profile.durationSeconds ?? 3600;
  if (params.durationSeconds !== undefined && params.durationSeconds > profileSeconds) {
    throw invalid(
      `durationSeconds ${params.durationSeconds} exceeds the profile's session duration of ${profileSeconds}`,
    );
  }
  const durationSeconds = params.durationSeconds ?? profileSeconds;

  // The session name defaults to the certificate serial (hex), as AWS names sessions when none is given.
  const roleSessionName = params.roleSessionName ?? leaf.serialNumber.toLowerCase();
  const mint: MintRequest = { ...params, roleSessionName, durationSeconds, certificate: leaf, now };
  const credentials = await mintCredentials(options.credentials, mint);
  issued.push(credentials);
  const account = params.roleArn.split(':')[4] ?? '000000000000';
  const roleName = params.roleArn.split('/').pop() ?? 'role';
  return {
    credentialSet: [
      {
        assumedRoleUser: {
          arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${roleSessionName}`,
          assumedRoleId: `AROA${randomBytes(9).toString('hex').toUpperCase().slice(0, 17)}:${roleSessionName}`,
        },
        credentials,
        packedPolicySize: 0,
        roleArn: params.roleArn,
        sourceIdentity: `CN=${commonName(leaf)}`,
      },
    ],
    subjectArn: `arn:aws:rolesanywhere:${region}:${account}:subject/${subjectId(leaf)}`,
  };
}

/** Checks the Authorization header against the request; returns the signing certificate. */
function authenticate(wire: WireRequest, headers: Map<string, string>, now: Date, region: string): X509Certificate {
  const authorization = headers.get('authorization') ?? '';
  const parts =
    /^(AWS4-X509-(?:RSA|ECDSA)-SHA256) Credential=([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([0-9a-f]+)$/.exec(
      authorization,
    );
  if (!parts) throw denied('Missing or malformed Authorization header');
  const [, algorithm = '', credential = '', signedHeaderList = '', signatureHex = ''] = parts;

  const date = headers.get('x-amz-date') ?? '';
  const signedAt = parseAmzDate(date);
  if (!signedAt) throw denied('X-Amz-Date is missing or not of the form YYYYMMDDTHHMMSSZ');
  if (Math.abs(now.getTime() - signedAt.getTime()) > MAX_SKEW_MS) {
    throw denied(`Signature expired: ${date} is not within 5 minutes of the server time`);
  }

  const [serial, scopeDate, scopeRegion, scopeService, terminal, ...extra] = credential.split('/');
  if (extra.length || terminal !== 'aws4_request' || scopeService !== SERVICE || scopeDate !== date.slice(0, 8)) {
    throw denied(`Credential should be scoped to ${date.slice(0, 8)}/${region}/${SERVICE}/aws4_request`);
  }
  if (scopeRegion !== region) throw denied(`Credential should be scoped to a valid region: ${region}`);

  const signedNames = signedHeaderList.split(';');
  if ([...signedNames].sort().join(';') !== signedHeaderList || new Set(signedNames).size !== signedNames.length) {
    throw denied('SignedHeaders must be lower-case, sorted and unique');
  }
  for (const required of ['host', 'x-amz-date', 'x-amz-x509']) {
    if (!signedNames.includes(required)) throw denied(`SignedHeaders must include ${required}`);
  }
  for (const name of headers.keys()) {
    if (name.startsWith('x-amz-') && !signedNames.includes(name))
      throw denied(`Header ${name} is present but not signed`);
  }

  const certificate = parseCertificate(headers.get('x-amz-x509') ?? '', 'X-Amz-X509');
  if (BigInt(`0x${certificate.serialNumber}`).toString(10) !== serial) {
    throw denied('The Credential serial number does not match the certificate in X-Amz-X509');
  }
  const keyType = certificate.publicKey.asymmetricKeyType;
  const expected = keyType === 'rsa' ? 'AWS4-X509-RSA-SHA256' : keyType === 'ec' ? 'AWS4-X509-ECDSA-SHA256' : undefined;
  if (algorithm !== expected)
    throw denied(`Algorithm ${algorithm} does not fit the certificate's ${keyType ?? 'unknown'} key`);

  const bodyHash = createHash('sha256').update(wire.body).digest('hex');
  const claimedHash = headers.get('x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash)
    throw denied('X-Amz-Content-Sha256 does not match the body');

  const canonical = [
    wire.method,
    canonicalPath(new URL(wire.url, 'https://stand-in').pathname),
    canonicalQuery(wire.url),
    signedNames
      .map((name) => {
        const value = headers.get(name);
        if (value === undefined) throw denied(`Signed header ${name} is missing from the request`);
        return `${name}:${value}\n`;
      })
      .join(''),
    signedHeaderList,
    bodyHash,
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/${scopeService}/${terminal}`;
  const toSign = `${algorithm}\n${date}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
  const ok = verifySignature(
    'sha256',
    Buffer.from(toSign, 'utf8'),
    keyType === 'rsa'
      ? { key: certificate.publicKey, padding: constants.RSA_PKCS1_PADDING }
      : { key: certificate.publicKey, dsaEncoding: 'der' },
    Buffer.from(signatureHex, 'hex'),
  );
  if (!ok) throw denied('The request signature we calculated does not match the signature you provided');
  return certificate;
}

/** Walks leaf → intermediates (any order) → anchor, each link checked by name and signature, each certificate in date. */
function verifyChain(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  anchor: X509Certificate,
  now: Date,
): void {
  const unused = [...intermediates];
  let current = leaf;
  for (;;) {
    checkValidity(current, now);
    if (current.checkIssued(anchor) && current.verify(anchor.publicKey)) {
      checkValidity(anchor, now);
      return;
    }
    const index = unused.findIndex((c) => c.ca && current.checkIssued(c) && current.verify(c.publicKey));
    const issuer = unused[index];
    if (!issuer) throw denied('Untrusted certificate: no chain to the trust anchor');
    unused.splice(index, 1);
    current = issuer;
  }
}

function checkValidity(certificate: X509Certificate, now: Date): void {
  if (now < new Date(certificate.validFrom) || now > new Date(certificate.validTo)) {
    throw denied(`Certificate ${certificate.subject.replace(/\n/g, ', ')} is expired or not yet valid`);
  }
}

interface SessionParameters {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  durationSeconds?: number;
  roleSessionName?: string;
}

/** The ARNs come from the query or the JSON body (the API takes either); the rest from the body. */
function sessionParameters(target: URL, body: Buffer): SessionParameters {
  let json: unknown;
  try {
    json = body.length ? JSON.parse(body.toString('utf8')) : {};
  } catch {
    throw invalid('The request body is not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalid('The request body must be a JSON object');
  const fields = json as Record<string, unknown>;
  const text = (name: string): string => {
    const value = target.searchParams.get(name) ?? fields[name];
    if (typeof value !== 'string' || !/^arn:aws[\w-]*:/.test(value))
      throw invalid(`${name} is required and must be an ARN`);
    return value;
  };
  const params: SessionParameters = {
    trustAnchorArn: text('trustAnchorArn'),
    profileArn: text('profileArn'),
    roleArn: text('roleArn'),
  };
  const duration = fields['durationSeconds'];
  if (duration !== undefined) {
    if (typeof duration !== 'number' || !Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw invalid('durationSeconds must be an integer from 900 to 43200');
    }
    params.durationSeconds = duration;
  }
  const sessionName = fields['roleSessionName'];
  if (sessionName !== undefined) {
    if (typeof sessionName !== 'string' || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw invalid('roleSessionName must be 2 to 64 characters of [A-Za-z0-9_+=,.@-]');
    }
    params.roleSessionName = sessionName;
  }
  return params;
}

async function mintCredentials(
  source: RolesAnywhereStandInOptions['credentials'],
  request: MintRequest,
): Promise<IssuedCredentials> {
  if (typeof source === 'function') return source(request);
  const expiration = new Date(request.now.getTime() + request.durationSeconds * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  if (source) return { ...source, expiration };
  return {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `RA${randomBytes(96).toString('base64')}`,
    expiration,
  };
}

/** Header values by lower-case name, repeated headers joined with commas, spaces trimmed and folded. */
function wireHeaders(rawHeaders: string[]): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] ?? '').toLowerCase();
    grouped.set(name, [...(grouped.get(name) ?? []), (rawHeaders[i + 1] ?? '').trim().replace(/ +/g, ' ')]);
  }
  return new Map([...grouped].map(([name, values]) => [name, values.join(',')]));
}

// RFC 3986 unreserved characters stay; everything else is %XX in upper case.
function rfc3986(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

function canonicalPath(rawPath: string): string {
  return (
    rawPath
      .split('/')
      .map((segment) => rfc3986(decodeURIComponent(segment)))
      .join('/') || '/'
  );
}

function canonicalQuery(rawUrl: string): string {
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  return query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const [k, v] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
      return `${rfc3986(decodeURIComponent(k))}=${rfc3986(decodeURIComponent(v))}`;
    })
    .sort()
    .join('&');
}

function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function parseCertificate(base64: string, header: string): X509Certificate {
  try {
    return new X509Certificate(Buffer.from(base64.trim(), 'base64'));
  } catch {
    throw denied(`${header} does not hold a base64 DER certificate`);
  }
}

function commonName(certificate: X509Certificate): string {
  return /(?:^|\n)CN=([^\n]*)/.exec(certificate.subject)?.[1] ?? '';
}

// Stable per certificate, like AWS's subject records.
function subjectId(certificate: X509Certificate): string {
  const h = createHash('sha256').update(certificate.raw).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function resetConnection(socket: Socket): void {
  // A TCP RST where the platform allows it, so clients see ECONNRESET rather than a clean close.
  try {
    socket.resetAndDestroy();
  } catch {
    socket.destroy();
  }
}

function makeServerCertificate(): { certPem: string; keyPem: string; caPem: string } {
  const ca = createCa('Roles Anywhere Stand-in TLS CA');
  const server = issueCertificate(ca, {
    commonName: 'localhost',
    serverNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    serverAuth: true,
  });
  return { certPem: server.certPem, keyPem: server.keyPem, caPem: ca.certPem };
}
