/**
 * STS through @aws-sdk/client-sts: the SDK's endpoint rules (partitions, FIPS, dual-stack, AWS_ENDPOINT_URL_STS), its
 * query protocol, XML and signing, and its clock-skew correction; over this project's transport (http/sdk-handler.ts)
 * with the SDK's own retries off and this project's retry budget and deadline on top. Every answer is validated.
 */
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
  type AssumeRoleCommandInput,
  type AssumeRoleWithWebIdentityCommandInput,
  type Credentials as StsCredentials,
} from '@aws-sdk/client-sts';
import type { Credentials, Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import { NetworkError } from '../http/request.js';
import { sdkRequestHandler } from '../http/sdk-handler.js';
import type { ProviderContext } from './context.js';
import { networkFailure, retrying } from './context.js';
import type { StsCall } from './sts-errors.js';
import { stsError } from './sts-errors.js';
import { validateSession } from './validate-session.js';
import { configuredEndpoint } from './endpoints.js';

export type StsRequest =
  | { action: 'AssumeRoleWithWebIdentity'; region: string; input: (attempt: number) => Promise<AssumeRoleWithWebIdentityCommandInput> }
  | { action: 'AssumeRole'; region: string; credentials: Credentials; input: (attempt: number) => Promise<AssumeRoleCommandInput> };

export async function callSts(ctx: ProviderContext, req: StsRequest): Promise<Session> {
  const call: StsCall = `sts:${req.action}`;
  const configured = ctx.stsEndpoint ?? stsEndpointOverride(ctx.env);
  let timeoutMs = 0;
  let endpoint = configured ?? `STS in ${req.region}`;
  const client = new STSClient({
    region: req.region,
    maxAttempts: 1,
    requestHandler: sdkRequestHandler(() => ({
      timeoutMs,
      proxyFor: ctx.proxyFor,
      http: (request) => {
        // Where the SDK's rules sent it, for messages: origin only, never a query or user information.
        endpoint = new URL(request.url).origin;
        return ctx.http(request);
      },
    })),
    ...(configured ? { endpoint: configured } : {}),
    // AssumeRoleWithWebIdentity is unsigned; AssumeRole signs with the credentials it starts from, never the default chain.
    credentials: req.action === 'AssumeRole' ? { ...req.credentials } : unsignedCallCredentials,
  });
  try {
    return await retrying(ctx, call, async (attempt, attemptTimeoutMs) => {
      timeoutMs = attemptTimeoutMs;
      const command = req.action === 'AssumeRole' ? new AssumeRoleCommand(await req.input(attempt)) : new AssumeRoleWithWebIdentityCommand(await req.input(attempt));
      ctx.debug(`${call}: attempt ${attempt}`);
      let out: { Credentials?: StsCredentials; AssumedRoleUser?: { Arn?: string } };
      try {
        out = await client.send(command as AssumeRoleCommand);
      } catch (err) {
        throw stsFailure(call, err, endpoint);
      }
      return validateSession(toSession(out), { call, endpoint, now: new Date(ctx.clock.now()) });
    });
  } finally {
    client.destroy();
  }
}

/** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL from the provider's environment, checked before anything is sent. */
export function stsEndpointOverride(env: Record<string, string | undefined>): string | undefined {
  return configuredEndpoint('STS', env);
}

const unsignedCallCredentials = async (): Promise<never> => {
  throw new Error('AssumeRoleWithWebIdentity is an unsigned call');
};

function toSession(out: { Credentials?: StsCredentials; AssumedRoleUser?: { Arn?: string } }): Session {
  const c = out.Credentials;
  const credentials: Credentials = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '' };
  if (c?.SessionToken !== undefined) credentials.sessionToken = c.SessionToken;
  if (c?.Expiration !== undefined) credentials.expiration = c.Expiration;
  return { credentials, ...(out.AssumedRoleUser?.Arn !== undefined ? { assumedRoleArn: out.AssumedRoleUser.Arn } : {}) };
}

interface SdkFailure {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
}

/** The SDK's errors (service errors, our transport's NetworkError, unreadable answers) as this project's AwsError. */
export function stsFailure(call: StsCall, err: unknown, endpoint: string): AwsError {
  if (err instanceof AwsError) return err;
  if (err instanceof NetworkError) return networkFailure(call, err, `check aws-region, sts-endpoint and AWS_ENDPOINT_URL_STS (${endpoint})`);
  const e = err as SdkFailure;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 200 && status < 300) {
    return new AwsError(call, 'MalformedResponse', `HTTP ${status} with an answer that is not STS's`, `Check that the endpoint is STS (${endpoint})`, false);
  }
  const code = e.name && e.name !== 'Error' && !/^Unknown/.test(e.name) ? wireCode(e.name) : '';
  const failure = stsError(call, status, code, e.message && e.message !== 'UnknownError' ? e.message : `HTTP ${status}`);
  // The SDK corrected its clock offset from the server's Date: one more attempt signs with the right time.
  if (e.$metadata?.clockSkewCorrected && !failure.retryable) return new AwsError(failure.call, failure.code, failure.serviceMessage, failure.hint, true);
  return failure;
}

/** The SDK names modelled errors by class; STS's documentation and this project's advice use the wire code. */
const SDK_ERROR_CODES: Record<string, string> = {
  IDPCommunicationErrorException: 'IDPCommunicationError',
  IDPRejectedClaimException: 'IDPRejectedClaim',
  InsufficientSessionLifetimeException: 'InsufficientSessionLifetime',
  InvalidContextAssertionException: 'InvalidContextAssertion',
  InvalidIdentityTokenException: 'InvalidIdentityToken',
  InvalidSubjectCredentialsException: 'InvalidSubjectCredentials',
  MalformedPolicyDocumentException: 'MalformedPolicyDocument',
  PackedPolicyTooLargeException: 'PackedPolicyTooLarge',
};

function wireCode(name: string): string {
  return SDK_ERROR_CODES[name] ?? name;
}

/** sts:GetCallerIdentity with `credentials`: whose they are, and that they still work. Same transport and retries. */
export async function getCallerIdentity(ctx: ProviderContext, region: string, credentials: Credentials): Promise<{ account: string; arn: string }> {
  const call: StsCall = 'sts:GetCallerIdentity';
  const configured = ctx.stsEndpoint ?? stsEndpointOverride(ctx.env);
  let timeoutMs = 0;
  let endpoint = configured ?? `STS in ${region}`;
  const client = new STSClient({
    region,
    maxAttempts: 1,
    requestHandler: sdkRequestHandler(() => ({ timeoutMs, proxyFor: ctx.proxyFor, http: (request) => { endpoint = new URL(request.url).origin; return ctx.http(request); } })),
    ...(configured ? { endpoint: configured } : {}),
    credentials: { ...credentials },
  });
  try {
    return await retrying(ctx, call, async (_attempt, attemptTimeoutMs) => {
      timeoutMs = attemptTimeoutMs;
      let out: { Account?: string; Arn?: string };
      try {
        out = await client.send(new GetCallerIdentityCommand({}));
      } catch (err) {
        throw stsFailure(call, err, endpoint);
      }
      // Printed and compared with allowed-account-ids: only AWS's shapes get through.
      if (!/^\d{12}$/.test(out.Account ?? '') || !/^arn:[\w-]+:(sts|iam)::\d{12}:[\w+=,.@/-]{1,512}$/.test(out.Arn ?? '')) {
        throw new AwsError(call, 'MalformedResponse', 'the answer lacks a valid Account or Arn', `Check that the endpoint is STS (${endpoint})`, false);
      }
      return { account: out.Account!, arn: out.Arn! };
    });
  } finally {
    client.destroy();
  }
}
