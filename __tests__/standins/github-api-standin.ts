/**
 * A stand-in for the part of GitHub's REST API bootstrap uses, written from docs.github.com/rest (actions/secrets,
 * actions/variables, deployments/environments, rate limits): bearer auth, GitHub's 401/403/404 bodies, a real
 * Curve25519 key pair per repository and per environment, secrets it opens with crypto_box_seal_open so a test can
 * read what a repository would receive, variables, environments, and rate-limit answers on demand.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import sodium from 'libsodium-wrappers';

interface RecordedGithubRequest {
  method: string;
  path: string;
  status: number;
}

interface KeyPair {
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

interface Scope {
  key: KeyPair;
  secrets: Map<string, { value: string; updatedAt: string }>;
  variables: Map<string, { value: string; updatedAt: string }>;
}

/**
 * An environment as GitHub's deployment environments API describes it: a deployment branch policy (null: any branch
 * may deploy), the custom branch name patterns when that policy is custom, and required reviewers.
 */
interface Environment {
  id: number;
  /** As created; GitHub matches environment names case-insensitively and answers this spelling. */
  name: string;
  scope: Scope;
  deploymentBranchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  branchPolicies: Array<{ id: number; name: string; type: 'branch' | 'tag' }>;
  reviewers: Array<{ type: 'User' | 'Team'; id: number }>;
  waitTimer: number;
}

/** What addEnvironment sets up: reviewers, a custom branch policy with these names, or protected branches only. */
interface EnvironmentProtection {
  reviewers?: number[];
  branches?: string[];
  protectedBranches?: boolean;
}

interface Repository {
  scope: Scope;
  /** By lower-cased name. */
  environments: Map<string, Environment>;
  /** GET /repos/{owner}/{repo}: the numeric ids (what the immutable sub claim carries), visibility, creation time. */
  id: number;
  ownerId: number;
  private: boolean;
  createdAt: string;
  /** As created (GitHub answers the canonical case whatever the request's). */
  fullName: string;
}

/** Repository options; ids default to ones derived from the names, so two runs agree. */
interface RepositoryOptions {
  access?: 'write' | 'read';
  id?: number;
  ownerId?: number;
  /** Public repositories are read without a token, as on GitHub. Default false. */
  private?: boolean;
  createdAt?: string;
}

/** A rate-limit answer for the next `times` requests: GitHub's secondary limit (retry-after) or its primary one. */
type RateLimit = { kind: 'secondary'; retryAfterS: number } | { kind: 'primary'; resetInS: number };

export interface GithubStandIn {
  url: string;
  requests: RecordedGithubRequest[];
  /** Requests that changed something (PUT, POST, PATCH, DELETE) answered with a 2xx. */
  writes(): RecordedGithubRequest[];
  /** Creates a repository the token may write to; `access: 'read'` gives a token that gets 403 on writes. */
  addRepository(fullName: string, options?: RepositoryOptions): void;
  /** The ids GET /repos/{owner}/{repo} answers for a repository. */
  ids(fullName: string): { ownerId: number; id: number };
  /** Creates an environment, unprotected unless `protection` says otherwise. */
  addEnvironment(fullName: string, environment: string, protection?: EnvironmentProtection): void;
  /** The environment as GET /repos/{owner}/{repo}/environments/{name} describes it, with its branch policies' names. */
  environment(
    fullName: string,
    environment: string,
  ): (Pick<Environment, 'name' | 'deploymentBranchPolicy' | 'reviewers'> & { branches: string[] }) | undefined;
  /** What the repository (or environment) would hand a workflow: the opened secret value. */
  secret(fullName: string, name: string, environment?: string): string | undefined;
  secretNames(fullName: string, environment?: string): string[];
  variable(fullName: string, name: string, environment?: string): string | undefined;
  variableNames(fullName: string, environment?: string): string[];
  repositories(): string[];
  environmentNames(fullName: string): string[];
  rateLimit(limit: RateLimit, times?: number): void;
  /** Answers 502 to the next request matching `when` (a GitHub outage mid-run). */
  failNext(when: (method: string, path: string) => boolean): void;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';

/** A stable id in GitHub's range for a name (the stand-in's repositories need not be told one). */
function derivedId(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 900_000_000;
  return 100_000 + h;
}

export async function startGithubStandIn(options: { token: string }): Promise<GithubStandIn> {
  await sodium.ready;
  const repos = new Map<string, Repository>();
  const readOnly = new Set<string>();
  const requests: RecordedGithubRequest[] = [];
  let limit: { limit: RateLimit; remaining: number } | undefined;
  let failure: ((method: string, path: string) => boolean) | undefined;

  const newScope = (): Scope => {
    const pair = sodium.crypto_box_keypair();
    return {
      key: { keyId: String(randomBytes(6).readUIntBE(0, 6)), publicKey: pair.publicKey, privateKey: pair.privateKey },
      secrets: new Map(),
      variables: new Map(),
    };
  };

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      ...headers,
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }
  const notFound = (res: ServerResponse) =>
    send(res, 404, { message: 'Not Found', documentation_url: DOCS, status: '404' });

  async function readBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (chunks.length === 0) return {};
    try {
      const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  function openSecret(scope: Scope, encrypted: string): string | undefined {
    try {
      const box = sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL);
      return sodium.to_string(sodium.crypto_box_seal_open(box, scope.key.publicKey, scope.key.privateKey));
    } catch {
      return undefined;
    }
  }

  let nextEnvironmentId = 1;
  const newEnvironment = (name: string): Environment => ({
    id: nextEnvironmentId++,
    name,
    scope: newScope(),
    deploymentBranchPolicy: null,
    branchPolicies: [],
    reviewers: [],
    waitTimer: 0,
  });

  /** GET's answer: protection_rules lists only the rules set, as GitHub does. */
  function describeEnvironment(e: Environment): Record<string, unknown> {
    const rules: Array<Record<string, unknown>> = [];
    if (e.waitTimer > 0) rules.push({ id: e.id * 10 + 1, type: 'wait_timer', wait_timer: e.waitTimer });
    if (e.reviewers.length)
      rules.push({
        id: e.id * 10 + 2,
        type: 'required_reviewers',
        prevent_self_review: false,
        reviewers: e.reviewers.map((r) => ({ type: r.type, reviewer: { id: r.id } })),
      });
    if (e.deploymentBranchPolicy) rules.push({ id: e.id * 10 + 3, type: 'branch_policy' });
    return {
      id: e.id,
      node_id: `EN_${e.id}`,
      name: e.name,
      protection_rules: rules,
      deployment_branch_policy: e.deploymentBranchPolicy,
    };
  }

  /**
   * GET and PUT of an environment, GET and POST of its deployment branch policies; undefined when the request is
   * none of these (then 404).
   */
  async function environmentRoute(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    repo: Repository,
    name: string,
    found: Environment | undefined,
    sub: string | undefined,
  ): Promise<number | undefined> {
    const invalid = (message: string) => (send(res, 422, { message, documentation_url: DOCS, status: '422' }), 422);
    if (!sub && method === 'GET') {
      if (!found) return undefined;
      send(res, 200, describeEnvironment(found));
      return 200;
    }
    if (!sub && method === 'PUT') {
      const body = await readBody(req);
      if (!body) return invalid('Problems parsing JSON');
      const policy = body['deployment_branch_policy'];
      let branchPolicy: Environment['deploymentBranchPolicy'] = null;
      if (policy !== undefined && policy !== null) {
        const p = policy as Record<string, unknown>;
        if (typeof p['protected_branches'] !== 'boolean' || typeof p['custom_branch_policies'] !== 'boolean')
          return invalid(
            'Invalid request. deployment_branch_policy needs protected_branches and custom_branch_policies',
          );
        if (p['protected_branches'] === p['custom_branch_policies'])
          return invalid('Only one of protected_branches and custom_branch_policies can be true');
        branchPolicy = {
          protected_branches: p['protected_branches'],
          custom_branch_policies: p['custom_branch_policies'],
        };
      }
      const e = found ?? newEnvironment(name);
      // A PUT without deployment_branch_policy leaves any branch free to deploy, as on GitHub.
      e.deploymentBranchPolicy = branchPolicy;
      if (!branchPolicy?.custom_branch_policies) e.branchPolicies = [];
      if (Array.isArray(body['reviewers']))
        e.reviewers = (body['reviewers'] as Array<{ type: 'User' | 'Team'; id: number }>).slice(0, 6);
      if (typeof body['wait_timer'] === 'number') e.waitTimer = body['wait_timer'];
      repo.environments.set(name.toLowerCase(), e);
      send(res, 200, describeEnvironment(e));
      return 200;
    }
    if (sub && found && method === 'GET') {
      send(res, 200, { total_count: found.branchPolicies.length, branch_policies: found.branchPolicies });
      return 200;
    }
    if (sub && found && method === 'POST') {
      if (!found.deploymentBranchPolicy?.custom_branch_policies) return undefined;
      const body = await readBody(req);
      const branch = body?.['name'];
      const type = (body?.['type'] ?? 'branch') as 'branch' | 'tag';
      if (typeof branch !== 'string' || !branch || (type !== 'branch' && type !== 'tag'))
        return invalid('Invalid request. name is required');
      if (found.branchPolicies.some((b) => b.name === branch && b.type === type)) return (send(res, 303), 303);
      const made = { id: found.id * 1000 + found.branchPolicies.length + 1, name: branch, type };
      found.branchPolicies.push(made);
      send(res, 200, { ...made, node_id: `MDE2_${made.id}` });
      return 200;
    }
    return undefined;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const method = req.method ?? 'GET';
    const path = decodeURI((req.url ?? '/').split('?')[0]!);
    if (failure?.(method, path)) {
      failure = undefined;
      send(res, 502, { message: 'Server Error' });
      return 502;
    }
    if (limit) {
      const current = limit.limit;
      if (--limit.remaining <= 0) limit = undefined;
      if (current.kind === 'secondary') {
        send(
          res,
          403,
          {
            message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          },
          { 'retry-after': String(current.retryAfterS) },
        );
      } else {
        send(
          res,
          403,
          {
            message: 'API rate limit exceeded for installation.',
            documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
          },
          {
            'x-ratelimit-remaining': '0',
            'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + current.resetInS),
          },
        );
      }
      return 403;
    }
    const authorization = req.headers.authorization;
    const authorized = authorization === `Bearer ${options.token}` || authorization === `token ${options.token}`;
    // GitHub answers 401 to a wrong token even where none is needed; no token at all reads public data only.
    if (authorization !== undefined && !authorized) {
      send(res, 401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
      return 401;
    }
    if (method === 'GET') {
      const read = readPublic(path, authorized);
      if (read) return (send(res, read.status, read.body), read.status);
    }
    if (!authorized) {
      send(res, 401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' });
      return 401;
    }
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(path);
    const repo = m ? repos.get(`${m[1]}/${m[2]}`.toLowerCase()) : undefined;
    if (!m || !repo) return (notFound(res), 404);
    const fullName = `${m[1]}/${m[2]}`.toLowerCase();
    let rest = m[3]!;
    let scope: Scope | undefined = repo.scope;
    const env = /^\/environments\/([^/]+)(\/.*)?$/.exec(rest);
    if (env) {
      const name = env[1]!;
      const found = repo.environments.get(name.toLowerCase());
      if (!env[2] || env[2] === '/deployment-branch-policies') {
        if (method !== 'GET' && readOnly.has(fullName)) return forbidden(res);
        const answer = await environmentRoute(req, res, method, repo, name, found, env[2]);
        if (answer !== undefined) return answer;
        return (notFound(res), 404);
      }
      scope = found?.scope;
      if (!scope) return (notFound(res), 404);
      rest = env[2];
    } else if (rest.startsWith('/actions/')) {
      rest = rest.slice('/actions'.length);
    } else {
      return (notFound(res), 404);
    }
    const write = method !== 'GET' && method !== 'HEAD';
    if (write && readOnly.has(fullName)) return forbidden(res);
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');

    if (rest === '/secrets/public-key' && method === 'GET') {
      send(res, 200, {
        key_id: scope.key.keyId,
        key: sodium.to_base64(scope.key.publicKey, sodium.base64_variants.ORIGINAL),
      });
      return 200;
    }
    const secret = /^\/secrets\/([A-Za-z0-9_]+)$/.exec(rest);
    if (secret) {
      const name = secret[1]!.toUpperCase();
      if (method === 'GET') {
        const s = scope.secrets.get(name);
        if (!s) return (notFound(res), 404);
        send(res, 200, { name, created_at: s.updatedAt, updated_at: s.updatedAt });
        return 200;
      }
      if (method === 'PUT') {
        const body = await readBody(req);
        if (!body || typeof body['encrypted_value'] !== 'string' || typeof body['key_id'] !== 'string')
          return invalid(res, 'Invalid request.\n\n"encrypted_value" and "key_id" are required.');
        if (body['key_id'] !== scope.key.keyId)
          return invalid(res, 'Bad request: key_id does not match the current public key.');
        const value = openSecret(scope, body['encrypted_value']);
        if (value === undefined) return invalid(res, 'Bad request: encrypted_value is not a sealed box for this key.');
        const existed = scope.secrets.has(name);
        scope.secrets.set(name, { value, updatedAt: now });
        send(res, existed ? 204 : 201, existed ? undefined : {});
        return existed ? 204 : 201;
      }
      if (method === 'DELETE') {
        if (!scope.secrets.delete(name)) return (notFound(res), 404);
        send(res, 204);
        return 204;
      }
    }
    if (rest === '/variables' && method === 'GET') {
      // docs: per_page at most 30, page from 1; total_count is every variable of the scope.
      const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
      const perPage = Math.min(30, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
      const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
      const all = [...scope.variables.entries()].sort(([a], [b]) => a.localeCompare(b));
      const variables = all
        .slice((page - 1) * perPage, page * perPage)
        .map(([name, v]) => ({ name, value: v.value, created_at: v.updatedAt, updated_at: v.updatedAt }));
      send(res, 200, { total_count: all.length, variables });
      return 200;
    }
    if (rest === '/variables' && method === 'POST') {
      const body = await readBody(req);
      if (!body || typeof body['name'] !== 'string' || typeof body['value'] !== 'string')
        return invalid(res, 'Invalid request.\n\n"name" and "value" are required.');
      const name = body['name'].toUpperCase();
      if (scope.variables.has(name)) {
        send(res, 409, { message: 'Already exists - Variable already exists', documentation_url: DOCS, status: '409' });
        return 409;
      }
      scope.variables.set(name, { value: body['value'], updatedAt: now });
      send(res, 201, {});
      return 201;
    }
    const variable = /^\/variables\/([A-Za-z0-9_]+)$/.exec(rest);
    if (variable) {
      const name = variable[1]!.toUpperCase();
      const v = scope.variables.get(name);
      if (method === 'GET') {
        if (!v) return (notFound(res), 404);
        send(res, 200, { name, value: v.value, created_at: v.updatedAt, updated_at: v.updatedAt });
        return 200;
      }
      if (method === 'PATCH') {
        if (!v) return (notFound(res), 404);
        const body = await readBody(req);
        if (!body || typeof body['value'] !== 'string') return invalid(res, 'Invalid request.\n\n"value" is required.');
        scope.variables.set(name, { value: body['value'], updatedAt: now });
        send(res, 204);
        return 204;
      }
      if (method === 'DELETE') {
        if (!scope.variables.delete(name)) return (notFound(res), 404);
        send(res, 204);
        return 204;
      }
    }
    return (notFound(res), 404);
  }

  /**
   * GET /repos/{owner}/{repo} and GET /users/{username} (docs: repos#get-a-repository, users#get-a-user): a private
   * repository is 404 to whoever cannot read it, as GitHub hides it. Undefined for any other path.
   */
  function readPublic(path: string, authorized: boolean): { status: number; body: unknown } | undefined {
    const repoPath = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path);
    if (repoPath) {
      const repo = repos.get(`${repoPath[1]}/${repoPath[2]}`.toLowerCase());
      if (!repo || (repo.private && !authorized))
        return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      const [owner, name] = repo.fullName.split('/') as [string, string];
      return {
        status: 200,
        body: {
          id: repo.id,
          node_id: `R_${repo.id}`,
          name,
          full_name: repo.fullName,
          private: repo.private,
          visibility: repo.private ? 'private' : 'public',
          owner: { login: owner, id: repo.ownerId, node_id: `O_${repo.ownerId}`, type: 'Organization' },
          created_at: repo.createdAt,
          default_branch: 'main',
        },
      };
    }
    const userPath = /^\/users\/([^/]+)$/.exec(path);
    if (userPath) {
      const owned = [...repos.values()].find(
        (r) => r.fullName.split('/')[0]!.toLowerCase() === userPath[1]!.toLowerCase(),
      );
      if (!owned) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
      return {
        status: 200,
        body: { login: owned.fullName.split('/')[0], id: owned.ownerId, type: 'Organization' },
      };
    }
    return undefined;
  }

  function forbidden(res: ServerResponse): number {
    send(res, 403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
    return 403;
  }
  function invalid(res: ServerResponse, message: string): number {
    send(res, 422, { message, documentation_url: DOCS, status: '422' });
    return 422;
  }

  const server: Server = createServer((req, res) => {
    const entry: RecordedGithubRequest = { method: req.method ?? 'GET', path: req.url ?? '/', status: 0 };
    requests.push(entry);
    route(req, res).then(
      (status) => (entry.status = status),
      () => {
        entry.status = 500;
        if (!res.headersSent) send(res, 500, { message: 'Server Error' });
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const scopeOf = (fullName: string, environment?: string): Scope | undefined => {
    const repo = repos.get(fullName.toLowerCase());
    return environment ? repo?.environments.get(environment.toLowerCase())?.scope : repo?.scope;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    writes: () =>
      requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD' && r.status >= 200 && r.status < 300),
    addRepository(fullName, opts = {}) {
      const owner = fullName.split('/')[0]!.toLowerCase();
      const sameOwner = [...repos.values()].find((r) => r.fullName.split('/')[0]!.toLowerCase() === owner);
      repos.set(fullName.toLowerCase(), {
        scope: newScope(),
        environments: new Map(),
        id: opts.id ?? derivedId(fullName.toLowerCase()),
        ownerId: opts.ownerId ?? sameOwner?.ownerId ?? derivedId(owner),
        private: opts.private ?? false,
        createdAt: opts.createdAt ?? '2024-03-01T12:00:00Z',
        fullName,
      });
      if (opts.access === 'read') readOnly.add(fullName.toLowerCase());
    },
    addEnvironment(fullName, environment, protection = {}) {
      const repo = repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`no repository ${fullName}`);
      const e = repo.environments.get(environment.toLowerCase()) ?? newEnvironment(environment);
      if (protection.branches || protection.protectedBranches)
        e.deploymentBranchPolicy = {
          protected_branches: !protection.branches,
          custom_branch_policies: Boolean(protection.branches),
        };
      e.branchPolicies = (protection.branches ?? []).map((name, i) => ({
        id: e.id * 1000 + i + 1,
        name,
        type: 'branch',
      }));
      e.reviewers = (protection.reviewers ?? []).map((id) => ({ type: 'User', id }));
      repo.environments.set(environment.toLowerCase(), e);
    },
    environment(fullName, environment) {
      const e = repos.get(fullName.toLowerCase())?.environments.get(environment.toLowerCase());
      return e
        ? {
            name: e.name,
            deploymentBranchPolicy: e.deploymentBranchPolicy,
            reviewers: e.reviewers,
            branches: e.branchPolicies.map((b) => b.name),
          }
        : undefined;
    },
    ids(fullName) {
      const repo = repos.get(fullName.toLowerCase());
      if (!repo) throw new Error(`no repository ${fullName}`);
      return { ownerId: repo.ownerId, id: repo.id };
    },
    secret: (fullName, name, environment) => scopeOf(fullName, environment)?.secrets.get(name)?.value,
    secretNames: (fullName, environment) => [...(scopeOf(fullName, environment)?.secrets.keys() ?? [])].sort(),
    variable: (fullName, name, environment) => scopeOf(fullName, environment)?.variables.get(name)?.value,
    variableNames: (fullName, environment) => [...(scopeOf(fullName, environment)?.variables.keys() ?? [])].sort(),
    repositories: () => [...repos.keys()].sort(),
    environmentNames: (fullName) =>
      [...(repos.get(fullName.toLowerCase())?.environments.values() ?? [])].map((e) => e.name).sort(),
    rateLimit(l, times = 1) {
      limit = { limit: l, remaining: times };
    },
    failNext(when) {
      failure = when;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
