/**
 * MinIO's certificate STS (`AssumeRoleWithCertificate`) and an S3 front, written from MinIO's source
 * (cmd/sts-handlers.go, cmd/sts-errors.go, internal/config/identity/tls, cmd/iam-store.go SetTempUser).
 *
 *   POST https://127.0.0.1:<port>/?Action=AssumeRoleWithCertificate&Version=2011-06-15[&DurationSeconds=N]
 *
 * TLS asks for a client certificate without naming acceptable CAs, as MinIO's `tls.RequestClientCert` does (a server
 * that names them makes clients withhold a certificate from another CA); the chain is verified here after the
 * handshake, so an untrusted certificate gets MinIO's InvalidClientCertificate answer instead of a failed handshake.
 * The subject CN names the policy (a comma-separated list, as MinIO splits it); a CN naming no configured policy gets
 * MinIO's 500 InternalError. DurationSeconds is read from the URL query only: MinIO parses no form body here.
 *
 * Every other request is S3: its SigV4 signature is checked against the temporary credentials issued here, then the
 * request is signed again with the upstream's own credentials and forwarded (moto in the tests). Re-signing, not
 * passing through, keeps the upstream seeing one coherent principal, as MinIO's storage never sees the caller's keys.
 * Presigned URLs and aws-chunked chunk signatures are not checked (clients over HTTPS send UNSIGNED-PAYLOAD or
 * STREAMING-UNSIGNED-PAYLOAD-TRAILER); the seed signature and any declared body hash are.
 */
import { createHash, createHmac, randomBytes, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { children, oid, parseDer, sequence, TAG } from '../../src/pki/der.js';
import { createCa, issueCertificate } from './pki.js';
import { parseAmzDate, parseAuthorization, signatureMatches } from './sts-standin-auth.js';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const XML_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';
const COMMON_NAME = '2.5.4.3';
/** internal/config/identity/tls: default, minimum and maximum lifetime of the credentials. */
const MINIO_DEFAULT_EXPIRY_S = 3600;
const MINIO_MIN_EXPIRY_S = 900;
const MINIO_MAX_EXPIRY_S = 365 * 24 * 3600;
const MAX_INTERMEDIATE_CAS = 10;

export interface MinioStandInOptions {
  /** Roots a client certificate must chain to (MinIO's CAs directory). */
  clientCaPems: string[];
  /** Policy names that exist; a certificate's CN must name one of them. */
  policies: string[];
  /** MINIO_IDENTITY_TLS_ENABLE; default true. When off, no client certificate is asked for and STS answers 503. */
  identityTlsEnabled?: boolean;
  /** MINIO_IDENTITY_TLS_SKIP_VERIFY: trust any certificate, still requiring the client-auth usage. Default false. */
  skipVerify?: boolean;
  /** Where S3 requests go after their signature is checked, with the credentials to sign them for it. */
  s3Upstream?: { url: string; accessKeyId: string; secretAccessKey: string };
  /** Injected clock for expiry decisions; default the real one. */
  now?: () => Date;
}

interface MinioIssued {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  commonName: string;
}

/** One request as the stand-in answered it. */
interface MinioRequest {
  method: string;
  url: string;
  /** `sts`, or `s3` for everything else. */
  kind: 'sts' | 's3';
  status: number;
  code: string | undefined;
  /** The message of an error answer; undefined on success. */
  message: string | undefined;
}

export interface MinioStandIn {
  /** `https://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The CA of the server certificate (names 127.0.0.1 and localhost). */
  serverCaPem: string;
  issued: MinioIssued[];
  requests: MinioRequest[];
  close(): Promise<void>;
}

/** An error MinIO answers with: an STS ErrorResponse or an S3 Error document. */
export class MinioFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly shape: 'sts' | 's3' = 'sts',
  ) {
    super(message);
  }
}

/** cmd/sts-errors.go: the STS errors this API uses, with MinIO's status codes. */
const stsFaults = {
  missingParameter: (m: string) => new MinioFault(400, 'MissingParameter', m),
  invalidParameterValue: (m: string) => new MinioFault(400, 'InvalidParameterValue', m),
  invalidClientCertificate: (m: string) => new MinioFault(400, 'InvalidClientCertificate', m),
  tooManyIntermediateCAs: (m: string) => new MinioFault(400, 'TooManyIntermediateCAs', m),
  notInitialized: (m: string) => new MinioFault(503, 'STSNotInitialized', m),
  internalError: (m: string) => new MinioFault(500, 'InternalError', m),
};

/** cmd/api-errors.go: the S3 errors of authentication. */
const s3Faults = {
  accessDenied: () => new MinioFault(403, 'AccessDenied', 'Access Denied.', 's3'),
  invalidAccessKeyId: () =>
    new MinioFault(403, 'InvalidAccessKeyId', 'The Access Key Id you provided does not exist in our records.', 's3'),
  invalidToken: () =>
    new MinioFault(403, 'InvalidTokenId', 'The security token included in the request is invalid', 's3'),
  signatureDoesNotMatch: () =>
    new MinioFault(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      's3',
    ),
  malformedAuthorization: () =>
    new MinioFault(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.', 's3'),
  contentSha256Mismatch: () =>
    new MinioFault(
      400,
      'XAmzContentSHA256Mismatch',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      's3',
    ),
  notImplemented: () =>
    new MinioFault(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented', 's3'),
  unsupportedCall: (method: string, path: string) =>
    new MinioFault(400, 'BadRequest', `An unsupported API call for method: ${method} at '${path}'`, 's3'),
};

// ---- decisions (pure) ---------------------------------------------------------------------------------------------

/** internal/config/identity/tls GetExpiryDuration: '' → 1 h; otherwise a Go Atoi integer within 15 min .. 365 days. */
export function expirySeconds(value: string | null): number {
  if (value === null || value === '') return MINIO_DEFAULT_EXPIRY_S;
  // strconv.Atoi: an optional sign, then decimal digits; anything else (spaces, 1e3, 0x10) is an error.
  if (!/^[+-]?\d+$/.test(value)) throw stsFaults.missingParameter('invalid token expiry');
  const seconds = Number(value);
  if (!Number.isSafeInteger(seconds) || seconds < MINIO_MIN_EXPIRY_S || seconds > MINIO_MAX_EXPIRY_S) {
    throw stsFaults.missingParameter('invalid token expiry');
  }
  return seconds;
}

/** The subject's CommonName as Go's pkix.Name keeps it (the last CN attribute); '' when there is none. */
function subjectCommonName(cert: X509Certificate): string {
  const tbs = sequence(sequence(parseDer(cert.raw), 'certificate')[0], 'tbsCertificate');
  const subject = tbs[tbs[0]?.tag === 0xa0 ? 5 : 4];
  let cn = '';
  for (const rdn of sequence(subject, 'subject')) {
    for (const attribute of children(rdn)) {
      const [type, value] = sequence(attribute, 'attribute');
      if (oid(type, 'attribute type') === COMMON_NAME && value && value.tag !== TAG.SEQUENCE)
        cn = value.content.toString('utf8');
    }
  }
  return cn;
}

/** Whether a certificate's extended key usage allows client authentication (Go treats a missing extension as any). */
function allowsClientAuth(cert: X509Certificate, absentMeans: boolean): boolean {
  const usages = cert.keyUsage as string[] | undefined;
  if (!usages || usages.length === 0) return absentMeans;
  return usages.includes(CLIENT_AUTH) || usages.includes(ANY_EKU);
}

function validAt(cert: X509Certificate, now: Date): boolean {
  return now >= new Date(cert.validFrom) && now <= new Date(cert.validTo);
}

/**
 * Go's x509 Verify with the client-auth usage, as MinIO calls it: the leaf must chain through the CA certificates the
 * client sent to one of the roots, every certificate valid now and allowing client authentication.
 */
function verifyClientChain(
  leaf: X509Certificate,
  intermediates: X509Certificate[],
  roots: X509Certificate[],
  now: Date,
): void {
  if (!validAt(leaf, now))
    throw stsFaults.invalidClientCertificate('x509: certificate has expired or is not yet valid');
  let usageRefused = false;
  const walk = (cert: X509Certificate, depth: number): boolean => {
    if (roots.some((r) => r.fingerprint256 === cert.fingerprint256)) return true;
    if (depth > MAX_INTERMEDIATE_CAS + 1) return false;
    for (const issuer of [...roots, ...intermediates]) {
      if (!issuer.ca || !cert.checkIssued(issuer) || !validAt(issuer, now)) continue;
      if (!cert.verify(issuer.publicKey)) continue;
      if (!allowsClientAuth(issuer, true)) {
        usageRefused = true;
        continue;
      }
      if (roots.includes(issuer) || walk(issuer, depth + 1)) return true;
    }
    return false;
  };
  if (!allowsClientAuth(leaf, true))
    throw stsFaults.invalidClientCertificate('x509: certificate specifies an incompatible key usage');
  if (walk(leaf, 0)) return;
  throw stsFaults.invalidClientCertificate(
    usageRefused
      ? 'x509: certificate specifies an incompatible key usage'
      : 'x509: certificate signed by unknown authority',
  );
}

/** cmd/iam-store.go SetTempUser: the CN is a comma-separated list of policy names; at least one must exist. */
function checkPolicy(commonName: string, policies: ReadonlySet<string>): void {
  const named = commonName.split(',').filter((p) => p.trim() !== '');
  if (!named.some((p) => policies.has(p))) {
    throw stsFaults.internalError(`specified policy ${commonName}, not found Specified canned policy does not exist`);
  }
}

// ---- the server -----------------------------------------------------------------------------------------------

export async function startMinioStandIn(options: MinioStandInOptions): Promise<MinioStandIn> {
  const enabled = options.identityTlsEnabled ?? true;
  const now = options.now ?? (() => new Date());
  const roots = options.clientCaPems.map((pem) => new X509Certificate(pem));
  const policies = new Set(options.policies);
  const serverCa = createCa('MinIO Stand-in Server CA');
  const serverCert = issueCertificate(serverCa, {
    commonName: 'minio',
    serverNames: ['localhost'],
    ipAddresses: ['127.0.0.1'],
    serverAuth: true,
  });
  const tokenKey = randomBytes(32);
  const issued: MinioIssued[] = [];
  const requests: MinioRequest[] = [];
  let requestCounter = 0;

  function assumeRoleWithCertificate(req: IncomingMessage, query: URLSearchParams, requestId: string): string {
    if (!enabled) throw stsFaults.notInitialized("STS API 'AssumeRoleWithCertificate' is disabled");
    const { leaves, cas } = peerCertificates(req.socket as TLSSocket);
    if (cas.length > MAX_INTERMEDIATE_CAS)
      throw stsFaults.tooManyIntermediateCAs(
        `client certificate contains more than ${MAX_INTERMEDIATE_CAS} intermediate CAs`,
      );
    if (leaves.length === 0) throw stsFaults.missingParameter('No client certificate provided');
    if (leaves.length > 1) throw stsFaults.invalidParameterValue('More than one client certificate provided');
    const leaf = leaves[0]!;
    if (!options.skipVerify) verifyClientChain(leaf, cas, roots, now());
    else if (!allowsClientAuth(leaf, false))
      throw stsFaults.missingParameter('certificate is not valid for client authentication');
    const commonName = subjectCommonName(leaf);
    if (commonName === '') throw stsFaults.missingParameter('certificate subject CN cannot be empty');
    const requested = expirySeconds(query.get('DurationSeconds'));
    // The credentials never outlive the certificate.
    const untilNotAfter = Math.floor((new Date(leaf.validTo).getTime() - now().getTime()) / 1000);
    const lifetime = Math.min(requested, untilNotAfter);
    const expiration = new Date((Math.floor(now().getTime() / 1000) + lifetime) * 1000);
    // Only reachable with skip-verify and an expired certificate: SetTempUser refuses expired credentials.
    if (lifetime <= 0) throw stsFaults.internalError('Invalid arguments specified');
    checkPolicy(commonName, policies);
    const credentials = mintCredentials(commonName, leaf, expiration, tokenKey);
    issued.push({ ...credentials, expiration, commonName });
    return (
      `${XML_HEADER}<AssumeRoleWithCertificateResponse xmlns="${STS_NAMESPACE}"><AssumeRoleWithCertificateResult><Credentials>` +
      `<AccessKeyId>${credentials.accessKeyId}</AccessKeyId><SecretAccessKey>${credentials.secretAccessKey}</SecretAccessKey>` +
      `<SessionToken>${credentials.sessionToken}</SessionToken><Expiration>${expiration.toISOString().replace('.000Z', 'Z')}</Expiration>` +
      `</Credentials></AssumeRoleWithCertificateResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></AssumeRoleWithCertificateResponse>`
    );
  }

  async function authenticateS3(req: IncomingMessage, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://stand-in');
    if (url.searchParams.has('X-Amz-Signature')) throw s3Faults.notImplemented();
    const header = req.headers['authorization'];
    if (!header) throw s3Faults.accessDenied();
    let auth;
    try {
      auth = parseAuthorization(header);
    } catch {
      throw s3Faults.malformedAuthorization();
    }
    const found = issued.find((c) => c.accessKeyId === auth.accessKeyId);
    if (!found || found.expiration <= now()) throw s3Faults.invalidAccessKeyId();
    if (req.headers['x-amz-security-token'] !== found.sessionToken) throw s3Faults.invalidToken();
    const date = parseAmzDate(String(req.headers['x-amz-date'] ?? ''));
    if (!date) throw s3Faults.accessDenied();
    const declared = String(req.headers['x-amz-content-sha256'] ?? '');
    if (/^[0-9a-f]{64}$/.test(declared) && createHash('sha256').update(body).digest('hex') !== declared)
      throw s3Faults.contentSha256Mismatch();
    const ok = await signatureMatches(
      { method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body: '' },
      auth,
      found.secretAccessKey,
      date,
    );
    if (!ok) throw s3Faults.signatureDoesNotMatch();
  }

  async function forwardS3(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<number> {
    const upstream = options.s3Upstream;
    if (!upstream) throw s3Faults.notImplemented();
    const target = new URL(upstream.url);
    const url = new URL(req.url ?? '/', upstream.url);
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers['authorization']))?.[1] ?? 'us-east-1';
    const headers: Record<string, string> = {};
    const dropped = new Set([
      'authorization',
      'x-amz-security-token',
      'x-amz-date',
      'host',
      'connection',
      'keep-alive',
      'transfer-encoding',
      'expect',
    ]);
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined && !dropped.has(name)) headers[name] = Array.isArray(value) ? value.join(',') : value;
    }
    headers['host'] = target.host;
    headers['content-length'] = String(body.length);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const signer = new SignatureV4({
      service: 's3',
      region,
      credentials: { accessKeyId: upstream.accessKeyId, secretAccessKey: upstream.secretAccessKey },
      sha256: Sha256Js,
      uriEscapePath: false,
    });
    const signed = await signer.sign({
      method: req.method ?? 'GET',
      protocol: target.protocol,
      hostname: target.hostname,
      port: Number(target.port),
      path: url.pathname,
      query,
      headers,
      body,
    });
    return new Promise((resolve, reject) => {
      const out = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: `${url.pathname}${url.search}`,
          headers: signed.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () => resolve(answer.statusCode ?? 502));
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // MinIO's request ids: the time in nanoseconds, upper-case hex.
    const requestId = (process.hrtime.bigint() + BigInt(++requestCounter)).toString(16).toUpperCase();
    const url = new URL(req.url ?? '/', 'https://stand-in');
    const isSts =
      req.method === 'POST' &&
      url.searchParams.get('Action') === 'AssumeRoleWithCertificate' &&
      url.searchParams.get('Version') === '2011-06-15';
    const record = (status: number, code?: string, message?: string) =>
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        kind: isSts ? 'sts' : 's3',
        status,
        code,
        message,
      });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const common = { 'x-amz-request-id': requestId, server: 'MinIO' };
    try {
      if (isSts) {
        const xml = assumeRoleWithCertificate(req, url.searchParams, requestId);
        res.writeHead(200, { ...common, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
        res.end(xml);
        record(200);
        return;
      }
      // A query Action that no STS route takes falls through MinIO's router to its catch-all handler.
      if (req.method === 'POST' && url.searchParams.has('Action'))
        throw s3Faults.unsupportedCall(req.method ?? '', url.pathname);
      await authenticateS3(req, body);
      record(await forwardS3(req, res, body));
    } catch (err) {
      const fault = err instanceof MinioFault ? err : stsFaults.internalError((err as Error).message);
      const xml = faultXml(fault, requestId, url.pathname);
      if (!res.headersSent)
        res.writeHead(fault.status, {
          ...common,
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(xml),
        });
      res.end(xml);
      record(fault.status, fault.code, fault.message);
    }
  }

  // No `ca` option: Node would send its subjects as the acceptable CAs. The chain is checked in the handler instead.
  const https = createServer(
    {
      cert: serverCert.certPem,
      key: serverCert.keyPem,
      requestCert: enabled,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
    },
    (req, res) => void handle(req, res),
  );
  await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
  const { port } = https.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    serverCaPem: serverCa.certPem,
    issued,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        https.closeAllConnections();
        https.close(() => resolve());
      }),
  };
}

/** The certificates the client sent, split as MinIO splits them: CA certificates (intermediates) and the rest. */
function peerCertificates(socket: TLSSocket): { leaves: X509Certificate[]; cas: X509Certificate[] } {
  const seen = new Set<string>();
  const all: X509Certificate[] = [];
  let cert = socket.getPeerCertificate(true) as DetailedPeerCertificate | Record<string, never>;
  while (cert && 'raw' in cert && cert.raw) {
    const x509 = new X509Certificate(cert.raw);
    if (seen.has(x509.fingerprint256)) break;
    seen.add(x509.fingerprint256);
    all.push(x509);
    cert = cert.issuerCertificate;
  }
  return { leaves: all.filter((c) => !c.ca), cas: all.filter((c) => c.ca) };
}

/** MinIO's temporary credentials: a 20-character access key, a 40-character secret, an HS512 JWT session token. */
function mintCredentials(commonName: string, leaf: X509Certificate, expiration: Date, tokenKey: Buffer) {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const accessKeyId = [...randomBytes(20)].map((b) => alphabet[b % alphabet.length]).join('');
  const secretAccessKey = randomBytes(30).toString('base64').replace(/\//g, '+');
  const claims = {
    exp: Math.floor(expiration.getTime() / 1000),
    sub: commonName,
    iss: /CN=([^\n]*)/.exec(leaf.issuer)?.[1] ?? '',
    parent: `tls=${commonName}`,
    accessKey: accessKeyId,
  };
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS512', typ: 'JWT' })}.${encode(claims)}`;
  const sessionToken = `${unsigned}.${createHmac('sha512', tokenKey).update(unsigned).digest('base64url')}`;
  return { accessKeyId, secretAccessKey, sessionToken };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&#34;', "'": '&#39;' })[c]!);
}

/**
 * cmd/sts-errors.go writes `<ErrorResponse xmlns=STS><Error><Type></Type>…` (Type is never filled in); S3 errors are
 * cmd/api-errors.go's `<Error><Code>…</Code><Message>…</Message><Resource>…</Resource><RequestId>…</RequestId>…`.
 */
function faultXml(fault: MinioFault, requestId: string, resource: string): string {
  if (fault.shape === 'sts') {
    return (
      `${XML_HEADER}<ErrorResponse xmlns="${STS_NAMESPACE}"><Error><Type></Type><Code>${escapeXml(fault.code)}</Code>` +
      `<Message>${escapeXml(fault.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
    );
  }
  return (
    `${XML_HEADER}<Error><Code>${escapeXml(fault.code)}</Code><Message>${escapeXml(fault.message)}</Message>` +
    `<Resource>${escapeXml(resource)}</Resource><RequestId>${requestId}</RequestId><HostId>${createHash('sha256').update('stand-in').digest('hex')}</HostId></Error>`
  );
}
