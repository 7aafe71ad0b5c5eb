/**
 * A stateful STS stand-in in Node that checks requests as AWS does: AssumeRoleWithWebIdentity verifies the id-token
 * against trusted issuers; AssumeRole and GetCallerIdentity verify the SigV4 signature with the secret of credentials
 * it issued. Other stand-ins (IoT, Roles Anywhere) mint credentials it recognises through `issue()`.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TrustedIssuers, parseAmzDate, parseAuthorization, signatureMatches } from './sts-standin-auth.js';
import type { IdTokenClaims, ReceivedRequest, TrustedIssuer } from './sts-standin-auth.js';
import {
  StsFault,
  checkAssumeParams,
  errorXml,
  faults,
  parseRoleArn,
  resultXml,
  sessionTags,
  stsTimestamp,
} from './sts-standin-wire.js';

export interface StsStandInOptions {
  /** The OIDC providers STS trusts (`iss`, keys, audiences). More can be added later with `trustIssuer`. */
  trustedIssuers?: TrustedIssuer[];
  /** The role's trust policy for web identities; false → AccessDenied. Default: trust every verified token. */
  trustWebIdentity?: (roleArn: string, claims: IdTokenClaims) => boolean;
  /** The target role's trust policy for sts:AssumeRole; false → AccessDenied. Default: trust every caller. */
  trustAssumeRole?: (roleArn: string, caller: IssuedCredentials, tags: Record<string, string>) => boolean;
  /**
   * Whether the target role's trust policy allows sts:SetSourceIdentity for this caller, asked whenever the new session
   * would carry a source identity (asked for, or inherited from the caller's session); false → AccessDenied naming
   * sts:SetSourceIdentity. Default: allowed.
   */
  trustSetSourceIdentity?: (roleArn: string, caller: IssuedCredentials) => boolean;
  /** A role's MaxSessionDuration in seconds. Default 43200 for every role. */
  maxSessionDuration?: (roleArn: string) => number;
  /** The stand-in's clock (ms since the epoch). Default Date.now. */
  now?: () => number;
}

interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  sessionName: string;
  account: string;
  /** `arn:<partition>:sts::<account>:assumed-role/<role name>/<session>` */
  assumedRoleArn: string;
  /** `AROA...:<session>`, GetCallerIdentity's UserId. */
  assumedRoleId: string;
  /** Session tags set by AssumeRole. */
  tags: Record<string, string>;
  /** The source identity the session carries: set by its AssumeRole, or inherited from the session that called it. */
  sourceIdentity?: string;
}

export interface StsCall {
  action: string;
  params: Record<string, string>;
  status: number;
  /** The error code answered, if any. */
  code?: string;
  /** For signed calls: the access key id that signed it. */
  signedBy?: string;
}

export interface StsStandIn {
  /** The value for AWS_ENDPOINT_URL_STS / the SDK's `endpoint`. */
  url: string;
  /** Every call, in order, with what was answered. */
  requests: StsCall[];
  /** Every credential issued, by access key id. */
  issued: Map<string, IssuedCredentials>;
  /** Mints credentials for `roleArn` as if some other AWS service had assumed it (IoT, Roles Anywhere). */
  issue(roleArn: string, sessionName: string, durationSeconds: number): IssuedCredentials;
  trustIssuer(issuer: TrustedIssuer): void;
  close(): Promise<void>;
}

const MAX_SKEW_MS = 5 * 60 * 1000;
const CHAINED_MAX_SECONDS = 3600;

export async function startStsStandIn(options: StsStandInOptions = {}): Promise<StsStandIn> {
  const now = options.now ?? Date.now;
  const issuers = new TrustedIssuers(options.trustedIssuers);
  const issued = new Map<string, IssuedCredentials>();
  const requests: StsCall[] = [];

  function issue(
    roleArn: string,
    sessionName: string,
    durationSeconds: number,
    tags: Record<string, string> = {},
    sourceIdentity?: string,
  ): IssuedCredentials {
    const role = parseRoleArn(roleArn);
    if (!role) throw new Error(`issue(): '${roleArn}' is not a role ARN`);
    const credentials: IssuedCredentials = {
      accessKeyId: `ASIA${randomChars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
      secretAccessKey: randomChars(40, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(600).toString('base64')}`,
      expiration: new Date(Math.floor(now() / 1000) * 1000 + durationSeconds * 1000),
      roleArn,
      sessionName,
      account: role.account,
      assumedRoleArn: `arn:${role.partition}:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
      assumedRoleId: `${roleId(roleArn)}:${sessionName}`,
      tags,
      ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
    };
    issued.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  async function assumeRoleWithWebIdentity(params: Record<string, string>): Promise<string> {
    const { durationSeconds } = checkAssumeParams(params);
    const token = params['WebIdentityToken'];
    if (token === undefined || token.length < 4 || token.length > 20000) {
      throw faults.validation(
        `1 validation error detected: Value at 'webIdentityToken' failed to satisfy constraint: Member must have length between 4 and 20000`,
      );
    }
    const claims = await issuers.verify(token, new Date(now()));
    const roleArn = params['RoleArn']!;
    if (options.trustWebIdentity && !options.trustWebIdentity(roleArn, claims))
      throw faults.accessDenied('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    checkMaxSession(roleArn, durationSeconds);
    const credentials = issue(roleArn, params['RoleSessionName']!, durationSeconds);
    return resultXml('AssumeRoleWithWebIdentity', {
      SubjectFromWebIdentityToken: typeof claims.sub === 'string' ? claims.sub : undefined,
      Audience: Array.isArray(claims.aud) ? claims.aud[0] : claims.aud,
      AssumedRoleUser: { Arn: credentials.assumedRoleArn, AssumedRoleId: credentials.assumedRoleId },
      Credentials: credentialsXml(credentials),
      Provider: claims.iss.replace(/^https:\/\//, ''),
    });
  }

  function assumeRole(params: Record<string, string>, caller: IssuedCredentials): string {
    const { durationSeconds } = checkAssumeParams(params);
    const tags = sessionTags(params);
    const externalId = params['ExternalId'];
    if (externalId !== undefined && !/^[\w+=,.@:/-]{2,1224}$/.test(externalId)) {
      throw faults.validation(
        `1 validation error detected: Value '${externalId}' at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*`,
      );
    }
    const requested = checkSourceIdentity(params['SourceIdentity']);
    const roleArn = params['RoleArn']!;
    if (options.trustAssumeRole && !options.trustAssumeRole(roleArn, caller, tags)) {
      throw faults.accessDenied(
        `User: ${caller.assumedRoleArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
    }
    // A source identity, once set, stays with every session chained from it and cannot be changed (IAM User Guide,
    // "Monitor and control actions taken with assumed roles"): carrying it on needs sts:SetSourceIdentity too.
    const sourceIdentity = caller.sourceIdentity ?? requested;
    const changed =
      caller.sourceIdentity !== undefined && requested !== undefined && requested !== caller.sourceIdentity;
    if (
      sourceIdentity !== undefined &&
      (changed || (options.trustSetSourceIdentity && !options.trustSetSourceIdentity(roleArn, caller)))
    ) {
      throw faults.accessDenied(
        `User: ${caller.assumedRoleArn} is not authorized to perform: sts:SetSourceIdentity on resource: ${roleArn}`,
      );
    }
    // Every credential this STS holds is a role session, so every AssumeRole with one is role chaining.
    if (durationSeconds > CHAINED_MAX_SECONDS)
      throw faults.validation(
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
      );
    checkMaxSession(roleArn, durationSeconds);
    const credentials = issue(roleArn, params['RoleSessionName']!, durationSeconds, tags, sourceIdentity);
    return resultXml('AssumeRole', {
      AssumedRoleUser: { Arn: credentials.assumedRoleArn, AssumedRoleId: credentials.assumedRoleId },
      Credentials: credentialsXml(credentials),
      SourceIdentity: sourceIdentity,
      PackedPolicySize:
        Object.keys(tags).length > 0 || params['Policy']
          ? String(Math.min(99, 6 + Object.keys(tags).length * 3))
          : undefined,
    });
  }

  function checkMaxSession(roleArn: string, durationSeconds: number): void {
    const max = options.maxSessionDuration?.(roleArn) ?? 43200;
    if (durationSeconds > max)
      throw faults.validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  /** SigV4 authentication as STS does it; returns whose credentials signed the request. */
  async function authenticate(req: ReceivedRequest): Promise<IssuedCredentials> {
    const header = req.headers['authorization'];
    if (!header) throw faults.missingAuthenticationToken();
    const auth = parseAuthorization(header);
    const credentials = issued.get(auth.accessKeyId);
    if (!credentials) throw faults.invalidClientTokenId();
    if (req.headers['x-amz-security-token'] !== credentials.sessionToken) throw faults.invalidClientTokenId();
    if (now() >= credentials.expiration.getTime()) throw faults.expiredToken();
    if (auth.service !== 'sts')
      throw faults.signatureDoesNotMatch(`Credential should be scoped to correct service: 'sts'. `);
    if (!auth.signedHeaders.includes('host'))
      throw faults.incompleteSignature(`'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.`);
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const signingDate = parseAmzDate(amzDate);
    if (!signingDate || !auth.signedHeaders.includes('x-amz-date'))
      throw faults.incompleteSignature(
        `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
      );
    if (auth.scopeDate !== amzDate.slice(0, 8)) {
      throw faults.signatureDoesNotMatch(
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      );
    }
    const clock = now();
    const serverDate = amzDateOf(new Date(clock));
    if (signingDate.getTime() < clock - MAX_SKEW_MS) {
      throw faults.signatureDoesNotMatch(
        `Signature expired: ${amzDate} is now earlier than ${amzDateOf(new Date(clock - MAX_SKEW_MS))} (${serverDate} - 5 min.)`,
      );
    }
    if (signingDate.getTime() > clock + MAX_SKEW_MS) {
      throw faults.signatureDoesNotMatch(
        `Signature not yet current: ${amzDate} is still later than ${amzDateOf(new Date(clock + MAX_SKEW_MS))} (${serverDate} + 5 min.)`,
      );
    }
    if (!(await signatureMatches(req, auth, credentials.secretAccessKey, signingDate)))
      throw faults.signatureDoesNotMatch();
    return credentials;
  }

  async function handle(req: ReceivedRequest, call: StsCall): Promise<string> {
    if (call.action === '')
      throw new StsFault(400, 'MissingAction', 'The request is missing an action or a required parameter.');
    const version = call.params['Version'] ?? '';
    if (version !== '2011-06-15')
      throw new StsFault(
        400,
        'InvalidAction',
        `Could not find operation ${call.action} for version ${version || 'NO_VERSION_SPECIFIED'}`,
      );
    switch (call.action) {
      case 'AssumeRoleWithWebIdentity':
        return assumeRoleWithWebIdentity(call.params);
      case 'AssumeRole': {
        const caller = await authenticate(req);
        call.signedBy = caller.accessKeyId;
        return assumeRole(call.params, caller);
      }
      case 'GetCallerIdentity': {
        const caller = await authenticate(req);
        call.signedBy = caller.accessKeyId;
        return resultXml('GetCallerIdentity', {
          Arn: caller.assumedRoleArn,
          UserId: caller.assumedRoleId,
          Account: caller.account,
        });
      }
      default:
        throw new StsFault(400, 'InvalidAction', `Could not find operation ${call.action} for version ${version}`);
    }
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received: ReceivedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const params = Object.fromEntries(new URL(received.url, 'http://stand-in').searchParams);
      if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
        Object.assign(params, Object.fromEntries(new URLSearchParams(received.body)));
      const call: StsCall = { action: params['Action'] ?? '', params, status: 200 };
      requests.push(call);
      handle(received, call)
        .catch((err: unknown) => {
          const fault =
            err instanceof StsFault ? err : new StsFault(500, 'InternalFailure', 'An internal error occurred.');
          if (!(err instanceof StsFault)) console.error('sts stand-in:', err);
          call.status = fault.status;
          call.code = fault.code;
          return errorXml(fault);
        })
        .then((xml) => {
          res.statusCode = call.status;
          res.setHeader('content-type', 'text/xml');
          res.setHeader('x-amzn-requestid', /<RequestId>([^<]+)</.exec(xml)?.[1] ?? '');
          res.end(xml);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    issued,
    issue: (roleArn, sessionName, durationSeconds) => issue(roleArn, sessionName, durationSeconds),
    trustIssuer: (issuer) => issuers.add(issuer),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The JWKS URL of a runner token endpoint started by `startTokenEndpoint`. */
export function tokenEndpointJwks(tokenEndpointUrl: string): string {
  return new URL('/.well-known/jwks', tokenEndpointUrl).href;
}

function credentialsXml(c: IssuedCredentials) {
  return {
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
    SessionToken: c.sessionToken,
    Expiration: stsTimestamp(c.expiration),
  };
}

/** AssumeRole's SourceIdentity as STS constrains it: 2 to 64 of `[\w+=,.@-]` (so never the reserved `aws:`). */
function checkSourceIdentity(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < 2 || value.length > 64)
    throw faults.validation(
      `1 validation error detected: Value '${value}' at 'sourceIdentity' failed to satisfy constraint: Member must have length between 2 and 64`,
    );
  if (!/^[\w+=,.@-]*$/.test(value))
    throw faults.validation(
      `1 validation error detected: Value '${value}' at 'sourceIdentity' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  return value;
}

/** A role's unique id (`AROA` + 17 characters), stable for the ARN as IAM's is for the role. */
function roleId(roleArn: string): string {
  const digest = createHash('sha256').update(roleArn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `AROA${Array.from(digest.subarray(0, 17), (b) => alphabet[b % 32]).join('')}`;
}

function randomChars(length: number, alphabet: string): string {
  return Array.from(randomBytes(length), (b) => alphabet[b % alphabet.length]).join('');
}

function amzDateOf(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
