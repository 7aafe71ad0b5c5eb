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
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
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

/** `client`: one built ahead for this region and signer (stsClient), else one is built now. */
export async function callSts(
  ctx: ProviderContext,
  req: StsRequest,
  client = stsClient(ctx, req.region, req.action === 'AssumeRole' ? req.credentials : undefined),
): Promise<Session> {
  const call: StsCall = `sts:${req.action}`;
  return withStsClient(ctx, client, call, async (send, attempt, endpoint) => {
    const command =
      req.action === 'AssumeRole'
        ? new AssumeRoleCommand(await req.input(attempt))
        : new AssumeRoleWithWebIdentityCommand(await req.input(attempt));
    ctx.debug(`${call}: attempt ${attempt}`);
    const out: StsAnswer = await send(command as AssumeRoleCommand);
    return validateSession(toSession(out), { call, endpoint: endpoint(), now: new Date(ctx.clock.now()) });
  });
}

/**
 * An STS client over the context's transport, with the SDK's retries off; `timeoutMs` is set per attempt and
 * `endpoint` records where the SDK's rules sent the last request (origin only), for messages. Building one resolves
 * the SDK's configuration, so the OIDC provider builds it while the id-token is in flight. AssumeRoleWithWebIdentity
 * is unsigned (no `credentials`); the other calls sign with the credentials they start from, never the default chain.
 */
export interface StsClient {
  sdk: STSClient;
  timeoutMs: number;
  endpoint: string;
}

function stsClient(ctx: ProviderContext, region: string, credentials?: Credentials): StsClient {
  const configured = ctx.stsEndpoint ?? configuredEndpoint(ctx.stsEndpointSetting);
  const state = { timeoutMs: 0, endpoint: configured ?? `STS in ${region}` };
  const sdk = new STSClient({
    region,
    maxAttempts: 1,
    ...(ctx.stsUserAgent ? { customUserAgent: ctx.stsUserAgent } : {}),
    requestHandler: sdkRequestHandler(() => ({
      timeoutMs: state.timeoutMs,
      proxyFor: ctx.proxyFor,
      http: (request) => {
        // Origin only, never a query or user information.
        state.endpoint = new URL(request.url).origin;
        return ctx.http(request);
      },
    })),
    ...(configured ? { endpoint: configured } : {}),
    credentials: credentials ? { ...credentials } : unsignedCallCredentials,
  });
  return Object.assign(state, { sdk });
}

/**
 * A client for AssumeRoleWithWebIdentity made ready while something else is awaited (the OIDC provider: its id-token),
 * so that only the call itself waits: built (the SDK's configuration resolved), its endpoint resolved, and, as long
 * as `waiting()` is true, the call rehearsed. A setting the SDK refuses fails the call itself, with its usual message.
 */
export async function readyStsClient(ctx: ProviderContext, region: string, waiting: () => boolean): Promise<StsClient> {
  const client = stsClient(ctx, region);
  await resolveEndpoint(client).catch(() => undefined);
  if (waiting()) {
    await rehearse(ctx, region).catch(() => undefined);
    ctx.debug('sts:AssumeRoleWithWebIdentity: rehearsed in-process while the id-token is on its way');
  }
  return client;
}

/**
 * Where the SDK's endpoint rules will send AssumeRoleWithWebIdentity from `client`, resolved as the SDK's endpoint step
 * does (region, FIPS, dual-stack, the global endpoint, AWS_ENDPOINT_URL_STS; the settings it reads from the environment
 * and ~/.aws/config are read once and kept, the answer is cached), so the first attempt finds it done and messages
 * name the endpoint from the start.
 */
async function resolveEndpoint(client: StsClient): Promise<void> {
  // A copy, as the endpoint step passes: resolving changes nothing on the client but its caches.
  const endpoint = await getEndpointFromInstructions({}, AssumeRoleWithWebIdentityCommand, { ...client.sdk.config });
  client.endpoint = endpoint.url.origin;
}

/**
 * AssumeRoleWithWebIdentity with placeholder values on a throwaway client whose transport answers in-process with a
 * fixed STS answer: nothing leaves the process and nothing of it is kept. V8 compiles a function on its first call,
 * and a call's first run through the SDK (middleware, serializer, XML parser) is mostly such compiling (about 10 ms,
 * twice that on a loaded machine); rehearsed during a wait, the real call runs warm.
 */
async function rehearse(ctx: ProviderContext, region: string): Promise<void> {
  const answer = { status: 200, headers: { 'content-type': 'text/xml' }, body: REHEARSAL_ANSWER };
  const client = stsClient({ ...ctx, proxyFor: () => undefined, http: async () => answer }, region);
  try {
    await client.sdk.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: 'arn:aws:iam::000000000000:role/rehearsal',
        RoleSessionName: 'rehearsal',
        WebIdentityToken: 'rehearsal',
      }),
    );
  } finally {
    client.sdk.destroy();
  }
}

const REHEARSAL_ANSWER = [
  '<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">',
  '<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>rehearsal</AccessKeyId>',
  '<SecretAccessKey>rehearsal</SecretAccessKey><SessionToken>rehearsal</SessionToken>',
  '<Expiration>2000-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser><Arn>rehearsal</Arn>',
  '<AssumedRoleId>rehearsal</AssumedRoleId></AssumedRoleUser></AssumeRoleWithWebIdentityResult>',
  '</AssumeRoleWithWebIdentityResponse>',
].join('');

type Send = <O>(command: { input: unknown }) => Promise<O>;

/**
 * All attempts of one call on one client (so the SDK's clock-skew correction carries to the next attempt), with the
 * project's retries around `each`; the client is destroyed afterwards. `send` turns the SDK's failures into AwsError;
 * `endpoint()` is where the SDK's rules sent the last request, for messages.
 */
async function withStsClient<T>(
  ctx: ProviderContext,
  client: StsClient,
  call: StsCall,
  each: (send: Send, attempt: number, endpoint: () => string) => Promise<T>,
): Promise<T> {
  const send: Send = async (command) => {
    try {
      return (await client.sdk.send(command as AssumeRoleCommand)) as never;
    } catch (err) {
      throw stsFailure(call, err, client.endpoint);
    }
  };
  try {
    return await retrying(ctx, call, (attempt, attemptTimeoutMs) => {
      client.timeoutMs = attemptTimeoutMs;
      return each(send, attempt, () => client.endpoint);
    });
  } finally {
    client.sdk.destroy();
  }
}

const unsignedCallCredentials = async (): Promise<never> => {
  throw new Error('AssumeRoleWithWebIdentity is an unsigned call');
};

interface StsAnswer {
  Credentials?: StsCredentials;
  AssumedRoleUser?: { Arn?: string };
  SourceIdentity?: string;
}

function toSession(out: StsAnswer): Session {
  const c = out.Credentials;
  const credentials: Credentials = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '' };
  if (c?.SessionToken !== undefined) credentials.sessionToken = c.SessionToken;
  if (c?.Expiration !== undefined) credentials.expiration = c.Expiration;
  return {
    credentials,
    ...(out.AssumedRoleUser?.Arn !== undefined ? { assumedRoleArn: out.AssumedRoleUser.Arn } : {}),
    ...(out.SourceIdentity ? { sourceIdentity: out.SourceIdentity } : {}),
  };
}

interface SdkFailure {
  name?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; clockSkewCorrected?: boolean };
}

/** The SDK's errors (service errors, our transport's NetworkError, unreadable answers) as this project's AwsError. */
function stsFailure(call: StsCall, err: unknown, endpoint: string): AwsError {
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
  return withStsClient(ctx, stsClient(ctx, region, credentials), call, async (send, _attempt, endpoint) => {
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
