/**
 * The action's `diagnose: true`: after STS refuses the job's web identity, doctor's report for that token and role,
 * read with the runner's own AWS credentials (the SDK's default chain: an instance profile, a task role, AWS_*
 * variables), never the refused exchange's (there are none). Without credentials, or when the role may not be read,
 * one line says what the diagnosis needs instead. Loaded only after a refusal, so the exchange never carries it.
 */
import { IAMClient } from '@aws-sdk/client-iam';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { oidcProviderArn } from '../bootstrap/policies.js';
import { parseRoleArn } from '../config/arn.js';
import { sdkRequestHandler } from '../http/sdk-handler.js';
import type { ProviderContext } from '../providers/context.js';
import type { RefusedWebIdentity } from '../providers/sts-errors.js';
import { payloadClaims, type TrustClaims } from '../providers/token-claims.js';
import { DIAGNOSIS_HEADING, diagnoseNeeds, NO_ISSUER, NO_RUNNER_CREDENTIALS, TRUST_READ_DENIED } from './advice.js';
import { readProvider, readTrustPolicy, type ProviderFacts, type Read } from './doctor.js';
import { doctorReport } from './doctor-report.js';
import { webIdentityContext, type WebIdentityContext } from './trust-evaluation.js';

/** What the diagnosis is about: the role asked for, its account's provider for the token's issuer, the claims. */
interface Target {
  roleArn: string;
  roleName: string;
  providerArn: string;
  payload: Record<string, unknown>;
  claims: TrustClaims;
  context: WebIdentityContext;
}

/** What the runner's credentials could read: nothing (no credentials), or the trust policy and the provider. */
export type RunnerReads = { noCredentials: true } | { trust: Read<unknown>; provider: Read<ProviderFacts> };

/** The target of a refusal, or undefined when the token names no single issuer. Pure. */
function refusalTarget(refused: RefusedWebIdentity): Target | undefined {
  const context = webIdentityContext(refused.payload);
  if (!context) return undefined;
  const role = parseRoleArn(refused.roleArn, 'role-to-assume');
  return {
    roleArn: refused.roleArn,
    roleName: role.roleName,
    providerArn: oidcProviderArn(role.partition, role.account, context.issuer),
    payload: refused.payload,
    claims: payloadClaims(refused.payload),
    context,
  };
}

/**
 * The lines to print after a refusal: doctor's report (without the claims and the admitting Condition, printed just
 * above), or the one line saying what the diagnosis needs. Each line is data for the front-end to print as such. Pure.
 */
export function diagnosisLines(refused: RefusedWebIdentity, reads: RunnerReads, now: Date): string[] {
  const target = refusalTarget(refused);
  if (!target) return [NO_ISSUER];
  if ('noCredentials' in reads) return [diagnoseNeeds(NO_RUNNER_CREDENTIALS, target.roleArn, target.providerArn)];
  if ('denied' in reads.trust) return [diagnoseNeeds(TRUST_READ_DENIED, target.roleArn, target.providerArn)];
  const { roleName: _name, ...facts } = target;
  const report = doctorReport({ ...facts, trust: reads.trust, provider: reads.provider, now, claimsShown: true });
  return [DIAGNOSIS_HEADING, ...report.lines.map((line) => (line ? `  ${line}` : line))];
}

/** The account ids in the ARNs of `lines`, for mask-aws-account-id to mask before they are printed. Pure. */
export function accountIdsIn(lines: readonly string[]): string[] {
  const ids = lines.flatMap((line) => [...line.matchAll(/arn:[\w-]+:[\w-]*:[\w-]*:(\d{12}):/g)].map((m) => m[1]!));
  return [...new Set(ids)];
}

/** A request's bound; the diagnosis also ends with the step's own (action-timeout-s). */
const READ_TIMEOUT_MS = 15000;

/**
 * Reads the role's trust policy and the provider with the runner's own credentials and returns the lines to print.
 * `credentials`: the SDK's default chain unless given (tests). Failures other than "none" and "denied" are thrown.
 */
export async function diagnoseRefusal(
  refused: RefusedWebIdentity,
  region: string,
  ctx: ProviderContext,
  credentials?: AwsCredentialIdentityProvider,
): Promise<string[]> {
  const target = refusalTarget(refused);
  const now = () => new Date(ctx.clock.now());
  if (!target) return [NO_ISSUER];
  // The SDK's endpoint rules and AWS_ENDPOINT_URL_IAM; requests go through this project's transport (proxies,
  // loopback-only cleartext, a bound per request).
  const iam = new IAMClient({
    region,
    maxAttempts: 2,
    ...(credentials ? { credentials } : {}),
    requestHandler: sdkRequestHandler(() => ({
      timeoutMs: Math.max(1, Math.min(READ_TIMEOUT_MS, ctx.deadline - ctx.clock.now())),
      proxyFor: ctx.proxyFor,
      http: (request) => ctx.http(request),
    })),
  });
  try {
    try {
      await iam.config.credentials();
    } catch (err) {
      ctx.debug(`diagnose: no runner credentials: ${err instanceof Error ? err.message : String(err)}`);
      return diagnosisLines(refused, { noCredentials: true }, now());
    }
    const [trust, provider] = await Promise.all([
      readTrustPolicy(iam, target.roleName),
      readProvider(iam, target.providerArn),
    ]);
    return diagnosisLines(refused, { trust, provider }, now());
  } finally {
    iam.destroy();
  }
}
