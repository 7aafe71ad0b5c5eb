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
  | {
      action: 'AssumeRoleWithWebIdentity';
      region: string;
      input: (attempt: number) => Promise<AssumeRoleWithWebIdentityCommandInput>;
    }
  | {
      action: 'AssumeRole';
      region: string;
      credentials: Credentials;
      input: (attempt: number) => Promise<AssumeRoleCommandInput>;
    };

export async function callSts(ctx: ProviderContext, req: StsRequest): Promise<Session> {
  const call: StsCall = `sts:${req.action}`;
  // AssumeRoleWithWebIdentity is unsigned; AssumeRole signs with the credentials it starts from, never the default chain.
  return withStsClient(
    ctx,
    req.region,
    req.action === 'AssumeRole' ? req.credentials : undefined,
    call,
    async (send, attempt, endpoint) => {
      const command =
        req.action === 'AssumeRole'
          ? new AssumeRoleCommand(await req.input(attempt))
          : new AssumeRoleWithWebIdentityCommand(await req.input(attempt));
      ctx.debug(`${call}: attempt ${attempt}`);
      const out: { Credentials?: StsCredentials; AssumedRoleUser?: { Arn?: string } } = await send(
        command as AssumeRoleCommand,
      );
      return validateSession(toSession(out), { call, endpoint: endpoint(), now: new Date(ctx.clock.now()) });
    },
  );
}

type Send = <O>(command: { input: unknown }) => Promise<O>;

/**
 * One STS client for all attempts of one call (so the SDK's clock-skew correction carries to the next attempt), over
 * the context's transport, with the SDK's retries off and the project's around `each`; destroyed afterwards. `send`
 * turns the SDK's failures into AwsError; `endpoint()` is where the SDK's rules sent the last request, for messages.
 */
async function withStsClient<T>(
  ctx: ProviderContext,
  region: string,
  credentials: Credentials | undefined,
  call: StsCall,
  each: (send: Send, attempt: number, endpoint: () => string) => Promise<T>,
): Promise<T> {
  const configured = ctx.stsEndpoint ?? configuredEndpoint(ctx.stsEndpointSetting);
  let timeoutMs = 0;
  let endpoint = configured ?? `STS in ${region}`;
  const client = new STSClient({
    region,
    maxAttempts: 1,
    ...(ctx.stsUserAgent ? { customUserAgent: ctx.stsUserAgent } : {}),
    requestHandler: sdkRequestHandler(() => ({
      timeoutMs,
      proxyFor: ctx.proxyFor,
      http: (request) => {
        // Origin only, never a query or user information.
        endpoint = new URL(request.url).origin;
        return ctx.http(request);
      },
    })),
    ...(configured ? { endpoint: configured } : {}),
    credentials: credentials ? { ...credentials } : unsignedCallCredentials,
  });
  const send: Send = async (command) => {
    try {
      return (await client.send(command as AssumeRoleCommand)) as never;
    } catch (err) {
      throw stsFailure(call, err, endpoint);
    }
  };
  try {
    return await retrying(ctx, call, (attempt, attemptTimeoutMs) => {
      timeoutMs = attemptTimeoutMs;
      return each(send, attempt, () => endpoint);
    });
  } finally {
    client.destroy();
  }
}

const unsignedCallCredentials = async (): Promise<never> => {
  throw new Error('AssumeRoleWithWebIdentity is an unsigned call');
};

function toSession(out: { Credentials?: StsCredentials; AssumedRoleUser?: { Arn?: string } }): Session {
  const c = out.Credentials;
  const credentials: Credentials = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '' };
  if (c?.SessionToken !== undefined) credentials.sessionToken = c.SessionToken;
  if (c?.Expiration !== undefined) credentials.expiration = c.Expiration;
  return {
    credentials,
    ...(out.AssumedRoleUser?.Arn !== undefined ? { assumedRoleArn: out.AssumedRoleUser.Arn } : {}),
  };
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
  if (err instanceof NetworkError)
    return networkFailure(call, err, `check aws-region, sts-endpoint and AWS_ENDPOINT_URL_STS (${endpoint})`);
  const e = err as SdkFailure;
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 200 && status < 300) {
    return new AwsError(
      call,
      'MalformedResponse',
      `HTTP ${status} with an answer that is not STS's`,
      `Check that the endpoint is STS (${endpoint})`,
      false,
    );
  }
  const code = e.name && e.name !== 'Error' && !/^Unknown/.test(e.name) ? wireCode(e.name) : '';
  const failure = stsError(
    call,
    status,
    code,
    e.message && e.message !== 'UnknownError' ? e.message : `HTTP ${status}`,
  );
  // The SDK corrected its clock offset from the server's Date: one more attempt signs with the right time.
  if (e.$metadata?.clockSkewCorrected && !failure.retryable)
    return new AwsError(failure.call, failure.code, failure.serviceMessage, failure.hint, true);
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
export async function getCallerIdentity(
  ctx: ProviderContext,
  region: string,
  credentials: Credentials,
): Promise<{ account: string; arn: string }> {
  const call: StsCall = 'sts:GetCallerIdentity';
  return withStsClient(ctx, region, credentials, call, async (send, _attempt, endpoint) => {
    const out: { Account?: string; Arn?: string } = await send(new GetCallerIdentityCommand({}));
    // Printed and compared with allowed-account-ids: only AWS's shapes get through.
    if (
      !/^\d{12}$/.test(out.Account ?? '') ||
      !/^arn:[\w-]+:(sts|iam)::\d{12}:[\w+=,.@/-]{1,512}$/.test(out.Arn ?? '')
    ) {
      throw new AwsError(
        call,
        'MalformedResponse',
        'the answer lacks a valid Account or Arn',
        `Check that the endpoint is STS (${endpoint()})`,
        false,
      );
    }
    return { account: out.Account!, arn: out.Arn! };
  });
}
