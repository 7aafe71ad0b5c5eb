/**
 * `bootstrap audit`'s reads of the IAM Roles Anywhere control plane: every page of ListTrustAnchors and ListProfiles
 * (REST-JSON, SigV4 with the audit's own credentials, through the one transport). Every field used is checked here;
 * an answer that does not fit fails the read rather than leaving a resource out of the audit.
 */
import { Sha256Js } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ServiceEndpoints } from '../config/model.js';
import { AwsError } from '../errors.js';
import { httpRequest, NetworkError, type HttpResponse } from '../http/request.js';
import { serviceEndpoint } from '../providers/endpoints.js';
import { ROLES_ANYWHERE_UNREAD } from './advice.js';

export interface TrustAnchorView {
  name: string;
  arn: string;
  enabled: boolean;
  /** AWS_ACM_PCA, CERTIFICATE_BUNDLE, ...: printed only (where the CA lives is not a finding). */
  sourceType: string;
}

export interface ProfileView {
  name: string;
  arn: string;
  enabled: boolean;
  roleArns: string[];
  managedPolicyArns: string[];
  /** The inline session policy's text, when the profile has one. */
  sessionPolicy?: string;
  durationSeconds: number;
}

export type RolesAnywhereRead = { trustAnchors: TrustAnchorView[]; profiles: ProfileView[] } | { unread: string };

export interface RolesAnywhereReadOptions {
  region: string;
  endpoints: ServiceEndpoints | undefined;
  credentials: () => Promise<AwsCredentialIdentity>;
  now: () => Date;
}

const TIMEOUT_MS = 15_000;
/** A service answering nextToken forever would otherwise keep the audit running. */
const MAX_PAGES = 1000;
/** CreateSession's default when a profile sets no durationSeconds. */
const DEFAULT_PROFILE_DURATION = 3600;

const PARTITION = 'arn:aws(?:-[a-z]+)*';
const TRUST_ANCHOR_ARN = new RegExp(`^${PARTITION}:rolesanywhere:[a-z0-9-]+:\\d{12}:trust-anchor/[A-Za-z0-9-]{1,64}$`);
const PROFILE_ARN = new RegExp(`^${PARTITION}:rolesanywhere:[a-z0-9-]+:\\d{12}:profile/[A-Za-z0-9-]{1,64}$`);
const ROLE_ARN = new RegExp(`^${PARTITION}:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$`);
const POLICY_ARN = new RegExp(`^${PARTITION}:iam::(?:\\d{12}|aws):policy/[\\w+=,.@/-]{1,512}$`);
/** The API's ResourceName. */
const NAME = /^[ a-zA-Z0-9_-]{1,255}$/;

/** Both lists, or why they could not be read when the reads are denied or the service is not there. */
export async function readRolesAnywhere(options: RolesAnywhereReadOptions): Promise<RolesAnywhereRead> {
  const endpoint = serviceEndpoint(
    'rolesanywhere',
    options.region,
    options.endpoints?.rolesAnywhere,
    options.endpoints?.fips,
  );
  try {
    const trustAnchors = await listAll(options, endpoint, LIST_TRUST_ANCHORS);
    const profiles = await listAll(options, endpoint, LIST_PROFILES);
    return { trustAnchors, profiles };
  } catch (err) {
    if (err instanceof Unread) return { unread: err.message };
    throw err;
  }
}

/** Why the control plane was not read, for one line of the report; not a failure of the audit. */
class Unread extends Error {}

interface ListCall<T> {
  call: string;
  path: string;
  items: string;
  parse: (item: unknown, index: number) => T;
}

async function listAll<T>(options: RolesAnywhereReadOptions, endpoint: string, list: ListCall<T>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await get(options, endpoint, list.call, list.path, nextToken);
    const items = body[list.items];
    if (items !== undefined && items !== null && !Array.isArray(items))
      throw malformed(list.call, `${list.items} is not a list`);
    for (const item of (items as unknown[] | undefined | null) ?? []) out.push(list.parse(item, out.length));
    const next = body['nextToken'];
    if (next === undefined || next === null || next === '') return out;
    if (typeof next !== 'string' || next.length > 10_000) throw malformed(list.call, 'nextToken is not a string');
    if (seen.has(next)) throw malformed(list.call, 'nextToken repeats an earlier page');
    seen.add(next);
    nextToken = next;
  }
  throw malformed(list.call, `more than ${MAX_PAGES} pages`);
}

async function get(
  options: RolesAnywhereReadOptions,
  endpoint: string,
  call: string,
  path: string,
  nextToken: string | undefined,
): Promise<Record<string, unknown>> {
  const base = new URL(endpoint);
  const query: Record<string, string> = nextToken ? { nextToken } : {};
  const signer = new SignatureV4({
    service: 'rolesanywhere',
    region: options.region,
    credentials: options.credentials,
    sha256: Sha256Js,
    applyChecksum: false,
  });
  const prefix = base.pathname.replace(/\/+$/, '');
  const signed = await signer.sign(
    {
      method: 'GET',
      protocol: base.protocol,
      hostname: base.hostname,
      ...(base.port ? { port: Number(base.port) } : {}),
      path: `${prefix}${path}`,
      query,
      headers: { host: base.host },
    },
    { signingDate: options.now() },
  );
  const headers: Record<string, string> = {};
  // undici sends host from the URL: the same value that was signed.
  for (const [name, value] of Object.entries(signed.headers)) if (name.toLowerCase() !== 'host') headers[name] = value;
  const search = nextToken ? `?nextToken=${encodeURIComponent(nextToken)}` : '';
  let res: HttpResponse;
  try {
    res = await httpRequest({
      url: `${base.origin}${prefix}${path}${search}`,
      method: 'GET',
      headers,
      timeoutMs: TIMEOUT_MS,
    });
  } catch (err) {
    if (
      err instanceof NetworkError &&
      (err.code === 'ENOTFOUND' || err.code === 'EAI_NONAME') &&
      !options.endpoints?.rolesAnywhere
    )
      throw new Unread(ROLES_ANYWHERE_UNREAD.notInRegion(options.region, base.host));
    const e = err as { code?: string; message?: string };
    throw new AwsError(call, e.code ?? 'ERR_NETWORK', e.message ?? String(err), ROLES_ANYWHERE_UNREAD.network, true);
  }
  const json = parseJson(res.body);
  if (res.status >= 200 && res.status <= 299) {
    if (!json) throw malformed(call, 'the answer is not a JSON object');
    return json;
  }
  // REST-JSON: the error's type in x-amzn-ErrorType (`Name:namespace...`), the message in the body.
  const type = (res.headers['x-amzn-errortype'] ?? String(json?.['__type'] ?? '')).split(':')[0]!.split('#').pop();
  if (res.status === 403 && type === 'AccessDeniedException') throw new Unread(ROLES_ANYWHERE_UNREAD.denied(call));
  // No error type: not the Roles Anywhere API. A 404, or the generic AWS_ENDPOINT_URL (an emulator serving other
  // services, as moto and LocalStack without it do), is "not there"; anywhere else it fails the audit.
  const generic = options.endpoints?.rolesAnywhere?.variable === 'AWS_ENDPOINT_URL';
  if (!type && (res.status === 404 || generic))
    throw new Unread(ROLES_ANYWHERE_UNREAD.notServed(base.host, res.status, generic));
  const message = [json?.['message'], json?.['Message']].find((m) => typeof m === 'string') as string | undefined;
  const code = type ? `${type} (HTTP ${res.status})` : `HTTP ${res.status}`;
  throw new AwsError(call, code, message ?? '', ROLES_ANYWHERE_UNREAD.hint(call), res.status >= 500);
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function malformed(call: string, what: string): AwsError {
  return new AwsError(call, 'MalformedAnswer', what, ROLES_ANYWHERE_UNREAD.malformed, false);
}

/** A field of item `index` in an answer of `call`, checked; the thrown error names the field, never its value. */
function field<T>(call: string, index: number, item: unknown, name: string, check: (v: unknown) => v is T): T {
  const value = (item as Record<string, unknown> | null)?.[name];
  if (!check(value)) throw malformed(call, `item ${index}: ${name} is missing or not what the API defines`);
  return value;
}

const matching =
  (re: RegExp) =>
  (v: unknown): v is string =>
    typeof v === 'string' && re.test(v);
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const optional =
  <T>(check: (v: unknown) => v is T) =>
  (v: unknown): v is T | undefined | null =>
    v === undefined || v === null || check(v);
const listOf =
  (re: RegExp) =>
  (v: unknown): v is string[] | undefined | null =>
    v === undefined || v === null || (Array.isArray(v) && v.length <= 250 && v.every(matching(re)));
const isDuration = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0 && (v as number) <= 43_200;

/** One TrustAnchorDetail of ListTrustAnchors. */
export function parseTrustAnchor(item: unknown, index: number): TrustAnchorView {
  const call = LIST_TRUST_ANCHORS.call;
  const source = field(call, index, item, 'source', (v): v is Record<string, unknown> => !!v && typeof v === 'object');
  return {
    name: field(call, index, item, 'name', matching(NAME)),
    arn: field(call, index, item, 'trustAnchorArn', matching(TRUST_ANCHOR_ARN)),
    enabled: field(call, index, item, 'enabled', isBoolean),
    sourceType: field(call, index, source, 'sourceType', matching(/^[A-Z_]{1,64}$/)),
  };
}

/** One ProfileDetail of ListProfiles. */
export function parseProfile(item: unknown, index: number): ProfileView {
  const call = LIST_PROFILES.call;
  const sessionPolicy = field(
    call,
    index,
    item,
    'sessionPolicy',
    optional((v): v is string => typeof v === 'string'),
  );
  return {
    name: field(call, index, item, 'name', matching(NAME)),
    arn: field(call, index, item, 'profileArn', matching(PROFILE_ARN)),
    enabled: field(call, index, item, 'enabled', isBoolean),
    roleArns: field(call, index, item, 'roleArns', listOf(ROLE_ARN)) ?? [],
    managedPolicyArns: field(call, index, item, 'managedPolicyArns', listOf(POLICY_ARN)) ?? [],
    ...(sessionPolicy ? { sessionPolicy } : {}),
    durationSeconds: field(call, index, item, 'durationSeconds', optional(isDuration)) ?? DEFAULT_PROFILE_DURATION,
  };
}

const LIST_TRUST_ANCHORS: ListCall<TrustAnchorView> = {
  call: 'rolesanywhere:ListTrustAnchors',
  path: '/trustanchors',
  items: 'trustAnchors',
  parse: parseTrustAnchor,
};
const LIST_PROFILES: ListCall<ProfileView> = {
  call: 'rolesanywhere:ListProfiles',
  path: '/profiles',
  items: 'profiles',
  parse: parseProfile,
};
