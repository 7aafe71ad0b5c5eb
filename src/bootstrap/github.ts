/**
 * The GitHub side of bootstrap: Actions secrets (sealed with the repository's or environment's public key) and
 * Actions variables, through Octokit with GitHub's rate limits honoured. Values never enter an error or a log line.
 */
import { getOctokit } from '@actions/github';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import sodium from 'libsodium-wrappers';
import { AwsError, InputError } from '../errors.js';
import { GITHUB_REFUSED, GITHUB_TOKEN_NEEDED } from './advice.js';
import { httpRequest, NetworkError } from '../http/request.js';
import { describeTarget, type GithubTarget } from './github-target.js';
import {
  BAD_REPOSITORY_ANSWER,
  GITHUB_UNREACHABLE,
  REPOSITORY_MOVED,
  REPOSITORY_NOT_VISIBLE,
  TOKEN_REFUSED,
} from './trust-advice.js';
import { API_URL_WITH_USERINFO } from './operator-advice.js';

interface GithubOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, or GitHub Enterprise Server's https://HOST/api/v3. */
  baseUrl?: string;
  /** Pause between two writes; GitHub asks integrations for at least one second. */
  writeIntervalMs?: number;
  /** How many times one request is retried after a rate-limit answer. */
  rateLimitRetries?: number;
  /** Multiplies retry-after seconds into milliseconds (1000); tests shrink it. */
  retryAfterUnitMs?: number;
  log?: (line: string) => void;
}

/** What bootstrap needs of GitHub Actions, one repository or environment at a time. */
export interface GithubActions {
  putSecrets(target: GithubTarget, values: Record<string, string>): Promise<void>;
  deleteSecret(target: GithubTarget, name: string): Promise<boolean>;
  getVariable(target: GithubTarget, name: string): Promise<string | undefined>;
  /** Every variable of the repository or environment, by name; undefined when GitHub answers 404 (no such scope). */
  listVariables(target: GithubTarget): Promise<Record<string, string> | undefined>;
  /** `current`: the value as read, null when known absent, undefined when not read (then it is read first). */
  setVariable(target: GithubTarget, name: string, value: string, current?: string | null): Promise<void>;
  deleteVariable(target: GithubTarget, name: string): Promise<boolean>;
  /** Whether the target's environment exists and is protected (see isProtectedEnvironment); 'protected' for none. */
  environmentState(target: GithubTarget): Promise<EnvironmentState>;
  /**
   * Creates the environment when it is missing (an environment's secrets need it to exist), limited to the
   * repository's default branch; one that exists is left as it is.
   */
  ensureEnvironment(target: GithubTarget): Promise<void>;
  /** Requests sent so far, rate-limit retries included. */
  readonly requests: number;
}

export type EnvironmentState = 'missing' | 'unprotected' | 'protected';

/**
 * Whether GET /repos/{owner}/{repo}/environments/{name} describes a protected environment: one that limits which
 * branches may deploy to it (deployment_branch_policy set) or that needs a reviewer's approval. A wait timer alone
 * protects nothing: any branch still receives the secrets once it has run.
 */
export function isProtectedEnvironment(answer: unknown): boolean {
  if (!answer || typeof answer !== 'object') return false;
  const a = answer as { deployment_branch_policy?: unknown; protection_rules?: unknown };
  const policy = a.deployment_branch_policy as { protected_branches?: unknown; custom_branch_policies?: unknown };
  if (policy && (policy.protected_branches === true || policy.custom_branch_policies === true)) return true;
  const rules = Array.isArray(a.protection_rules) ? (a.protection_rules as Array<Record<string, unknown>>) : [];
  return rules.some(
    (r) => r && r['type'] === 'required_reviewers' && Array.isArray(r['reviewers']) && r['reviewers'].length > 0,
  );
}

/** Seals `value` for the holder of `publicKeyBase64` (a Curve25519 key), as GitHub's secrets API requires. */
async function sealSecret(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const key = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  return sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL);
}

/** A secret or variable name as GitHub accepts it. */
function checkGithubName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name))
    throw new InputError(
      'name',
      `'${name}' cannot name a GitHub secret or variable`,
      'Use letters, digits and _, not starting with a digit or GITHUB_',
    );
  return name;
}

export function githubActions(options: GithubOptions): GithubActions {
  if (!options.token) throw new InputError('GITHUB_TOKEN', 'is not set', GITHUB_TOKEN_NEEDED);
  const baseUrl = apiBase(options.baseUrl);
  const retries = options.rateLimitRetries ?? 4;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number): boolean => {
      const next = retryCount < retries ? `retrying in ${retryAfter} s` : 'giving up';
      options.log?.(`  github     ${kind} rate limit on ${req.method} ${req.url}; ${next}`);
      return retryCount < retries;
    };
  const octokit = getOctokit(
    options.token,
    {
      baseUrl,
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: options.retryAfterUnitMs ?? 1000,
        fallbackSecondaryRateRetryAfter: 60,
        // One group per client, so the interval is this client's own, not shared with every Octokit in the process.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeIntervalMs ?? 1000 }),
      },
      request: { retries: 0 },
    } as Parameters<typeof getOctokit>[1],
    throttling,
  );
  let requests = 0;
  octokit.hook.before('request', () => {
    requests++;
  });

  const base = (t: GithubTarget) =>
    t.environment
      ? `/repos/${enc(t.owner)}/${enc(t.repo)}/environments/${enc(t.environment)}`
      : `/repos/${enc(t.owner)}/${enc(t.repo)}/actions`;

  async function call<T>(
    what: string,
    t: GithubTarget,
    method: string,
    path: string,
    body?: Record<string, unknown>,
    absent: number[] = [],
  ): Promise<{ status: number; data: T } | undefined> {
    try {
      const res = await octokit.request({ method, url: path, ...(body ?? {}) });
      return { status: res.status, data: res.data as T };
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status !== undefined && absent.includes(status)) return undefined;
      throw githubError(what, t, method, status, err);
    }
  }

  /** DELETE of one secret or variable; false when GitHub has no such name. */
  async function remove(what: string, t: GithubTarget, collection: 'secrets' | 'variables', name: string) {
    const path = `${base(t)}/${collection}/${checkGithubName(name)}`;
    return (await call(what, t, 'DELETE', path, undefined, [404])) !== undefined;
  }

  return {
    get requests() {
      return requests;
    },
    async putSecrets(t, values) {
      const key = await call<{ key_id: string; key: string }>(
        'read the public key of',
        t,
        'GET',
        `${base(t)}/secrets/public-key`,
      );
      if (!key || typeof key.data.key !== 'string' || typeof key.data.key_id !== 'string')
        throw new AwsError(
          `github:GET ${base(t)}/secrets/public-key`,
          'BadAnswer',
          'no key or key_id in the answer',
          '',
          false,
        );
      for (const [name, value] of Object.entries(values)) {
        const encrypted = await sealSecret(value, key.data.key);
        await call('write a secret of', t, 'PUT', `${base(t)}/secrets/${checkGithubName(name)}`, {
          encrypted_value: encrypted,
          key_id: key.data.key_id,
        });
      }
    },
    async deleteSecret(t, name) {
      return remove('delete a secret of', t, 'secrets', name);
    },
    async getVariable(t, name) {
      const got = await call<{ value?: unknown }>(
        'read a variable of',
        t,
        'GET',
        `${base(t)}/variables/${checkGithubName(name)}`,
        undefined,
        [404],
      );
      return typeof got?.data.value === 'string' ? got.data.value : undefined;
    },
    async listVariables(t) {
      const out: Record<string, string> = {};
      // GitHub pages variables at most 30 at a time.
      for (let page = 1; ; page++) {
        const got = await call<{ variables?: Array<{ name?: unknown; value?: unknown }> }>(
          'list the variables of',
          t,
          'GET',
          `${base(t)}/variables?per_page=30&page=${page}`,
          undefined,
          [404],
        );
        if (!got) return page === 1 ? undefined : out;
        const list = Array.isArray(got.data.variables) ? got.data.variables : [];
        for (const v of list)
          if (typeof v.name === 'string' && typeof v.value === 'string') out[v.name.toUpperCase()] = v.value;
        if (list.length < 30) return out;
      }
    },
    async setVariable(t, name, value, current) {
      if (current === value) return;
      const existing = current === null ? undefined : (current ?? (await this.getVariable(t, name)));
      if (existing === value) return;
      // Created since it was read (409): then it is updated like one that was there.
      if (
        existing === undefined &&
        (await call(
          'create a variable of',
          t,
          'POST',
          `${base(t)}/variables`,
          { name: checkGithubName(name), value },
          [409],
        ))
      )
        return;
      await call('update a variable of', t, 'PATCH', `${base(t)}/variables/${checkGithubName(name)}`, { name, value });
    },
    async deleteVariable(t, name) {
      return remove('delete a variable of', t, 'variables', name);
    },
    async environmentState(t) {
      if (!t.environment) return 'protected';
      const got = await call('read the environment of', t, 'GET', base(t), undefined, [404]);
      if (!got) return 'missing';
      return isProtectedEnvironment(got.data) ? 'protected' : 'unprotected';
    },
    async ensureEnvironment(t) {
      if (!t.environment) return;
      if (await call('read the environment of', t, 'GET', base(t), undefined, [404])) return;
      const repo = await call<{ default_branch?: unknown }>(
        'read the default branch of',
        t,
        'GET',
        `/repos/${enc(t.owner)}/${enc(t.repo)}`,
      );
      const branch = repo?.data.default_branch;
      if (typeof branch !== 'string' || !branch)
        throw new AwsError(
          `github:GET ${describeTarget(t)}`,
          'BadAnswer',
          'no default_branch in the answer',
          '',
          false,
        );
      // Only the default branch may deploy to it: a branch pushed by anyone with write access never sees its secrets.
      await call('create the environment of', t, 'PUT', base(t), {
        deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
      });
      await call('limit to the default branch the environment of', t, 'POST', `${base(t)}/deployment-branch-policies`, {
        name: branch,
        type: 'branch',
      });
    },
  };
}

const enc = encodeURIComponent;

/** GITHUB_API_URL without its trailing slash; https, or http to a loopback address only. */
function apiBase(url: string | undefined): string {
  const baseUrl = (url || 'https://api.github.com').replace(/\/+$/, '');
  // A user name or password in the URL is a credential: refused, and never repeated in the message.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(baseUrl))
    throw new InputError('GITHUB_API_URL', ...API_URL_WITH_USERINFO);
  if (!/^https:\/\//.test(baseUrl) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(baseUrl)) {
    throw new InputError(
      'GITHUB_API_URL',
      `'${baseUrl}' is not an https URL`,
      'Use https://api.github.com or https://<host>/api/v3 for GitHub Enterprise Server',
    );
  }
  return baseUrl;
}

/** GitHub Enterprise Server answers under /api/v3; github.com and GHE.com (api.<name>.ghe.com) do not. */
export function isEnterpriseServer(url: string | undefined): boolean {
  return /\/api\/v3$/.test(apiBase(url));
}

/** What the immutable `sub` is made of: the numeric ids GitHub gives an owner and a repository. */
export interface RepositoryIds {
  ownerId: number;
  /** Absent when only the owner was asked for (a wildcard repository name). */
  repoId?: number;
  /** ISO 8601; absent when only the owner was asked for. */
  createdAt?: string;
}

/**
 * Reads the ids of `owner/name` (`GET /repos/{owner}/{repo}`), or of the owner alone when the name has a wildcard
 * (`GET /users/{owner}`). A public repository needs no token; a private one needs one that may read it.
 */
export async function repositoryIds(
  options: { token?: string; baseUrl?: string; timeoutMs?: number },
  owner: string,
  name: string,
): Promise<RepositoryIds> {
  const ownerOnly = /[*?]/.test(name);
  const path = ownerOnly ? `/users/${enc(owner)}` : `/repos/${enc(owner)}/${enc(name)}`;
  const call = `github:GET ${path}`;
  let res;
  try {
    res = await httpRequest({
      url: `${apiBase(options.baseUrl)}${path}`,
      method: 'GET',
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'aws-short-lived-credentials',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      timeoutMs: options.timeoutMs ?? 15000,
    });
  } catch (err) {
    if (err instanceof NetworkError) throw new AwsError(call, err.code, err.message, GITHUB_UNREACHABLE, false);
    throw err;
  }
  if (res.status !== 200) {
    const hint =
      res.status === 404
        ? REPOSITORY_NOT_VISIBLE
        : res.status === 401
          ? TOKEN_REFUSED
          : res.status === 301 || res.status === 302 || res.status === 307
            ? REPOSITORY_MOVED
            : '';
    throw new AwsError(call, `HTTP ${res.status}`, messageOf(res.body), hint, false);
  }
  const data = parseObject(res.body);
  const id = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
  if (ownerOnly) {
    const ownerId = id(data?.['id']);
    if (ownerId === undefined) throw new AwsError(call, 'BadAnswer', BAD_REPOSITORY_ANSWER, '', false);
    return { ownerId };
  }
  const ownerObj = data?.['owner'];
  const ownerId = id(ownerObj && typeof ownerObj === 'object' ? (ownerObj as Record<string, unknown>)['id'] : null);
  const repoId = id(data?.['id']);
  const createdAt = data?.['created_at'];
  if (ownerId === undefined || repoId === undefined)
    throw new AwsError(call, 'BadAnswer', BAD_REPOSITORY_ANSWER, '', false);
  return { ownerId, repoId, ...(typeof createdAt === 'string' ? { createdAt } : {}) };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function messageOf(body: string): string {
  const m = parseObject(body)?.['message'];
  return typeof m === 'string' ? m.slice(0, 200) : '';
}

/**
 * GitHub's answer as an error naming the call and what to do; the request (which may carry a sealed value) never
 * enters it.
 */
function githubError(
  what: string,
  t: GithubTarget,
  method: string,
  status: number | undefined,
  err: unknown,
): AwsError {
  const message = String(
    (err as { response?: { data?: { message?: unknown } } }).response?.data?.message ?? (err as Error).message ?? '',
  )
    .replace(/\s+/g, ' ')
    .slice(0, 200);
  const call = `github:${method} ${what} ${describeTarget(t)}`;
  if (status === 401 || status === 403 || status === 404)
    return new AwsError(call, `HTTP ${status}`, message, GITHUB_REFUSED[status], false);
  if (status === 422) return new AwsError(call, 'HTTP 422', message, 'GitHub refused the request as invalid', false);
  const code = status !== undefined ? `HTTP ${status}` : ((err as { code?: string }).code ?? 'Error');
  return new AwsError(
    call,
    code,
    message,
    status === undefined ? 'GitHub could not be reached: check GITHUB_API_URL and the network' : '',
    false,
  );
}
