/** Calls to STS over its query protocol, retried on transient failures. The only STS transport in the project. */
import type { Credentials, Session } from '../credentials.js';
import { AwsError } from '../errors.js';
import { signRequest } from '../signing/sigv4.js';
import type { ProviderContext } from './context.js';
import { networkFailure, retrying, send } from './context.js';
import { stsEndpoint } from './endpoints.js';
import type { StsCall } from './sts-errors.js';
import { stsError } from './sts-errors.js';
import { validateSession } from './validate-session.js';
import { formBody, parseAssumeRoleResult, parseStsError } from './sts-query.js';

export interface StsRequest {
  action: 'AssumeRoleWithWebIdentity' | 'AssumeRole';
  region: string;
  /** Parameters for each attempt: a function, so a fresh token can go into a retry. */
  params: (attempt: number) => Record<string, string | undefined> | Promise<Record<string, string | undefined>>;
  /** Sign with these (AssumeRole); AssumeRoleWithWebIdentity is unsigned. */
  credentials?: Credentials;
}

export async function callSts(ctx: ProviderContext, req: StsRequest): Promise<Session> {
  const call = `sts:${req.action}` as StsCall;
  const endpoint = stsEndpoint(req.region, ctx.env);
  return retrying(ctx, call, async (attempt, timeoutMs) => {
    const body = formBody(req.action, await req.params(attempt));
    const base = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' };
    const headers = req.credentials
      ? signRequest({ method: 'POST', url: `${endpoint}/`, headers: base, body }, req.credentials, req.region, 'sts', new Date(ctx.clock.now()))
      : base;
    ctx.debug(`${call}: attempt ${attempt} to ${endpoint}`);
    const res = await send(ctx, { url: `${endpoint}/`, method: 'POST', headers, body, timeoutMs }, (err) => networkFailure(call, err, `check aws-region and AWS_ENDPOINT_URL_STS (${endpoint})`));
    if (res.status === 200) {
      const session = parseAssumeRoleResult(res.body);
      if (!session) throw new AwsError(call, 'MalformedResponse', `HTTP 200 without credentials from ${endpoint}`, 'Check that the endpoint is STS', false);
      return validateSession(session, { call, endpoint, now: new Date(ctx.clock.now()) });
    }
    const parsed = parseStsError(res.body);
    throw stsError(call, res.status, parsed?.code ?? '', parsed?.message ?? `HTTP ${res.status}`);
  });
}
