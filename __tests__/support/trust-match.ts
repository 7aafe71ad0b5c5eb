/**
 * Whether a role's trust policy admits a web-identity token's claims, for the operators bootstrap writes, evaluated as
 * AWS's condition-operator reference says: every operator block and every key in it must match (AND), any value of a
 * key (OR); StringEquals is exact and case-sensitive; StringLike matches `*` (any run, `/` and `:` included) and `?`
 * (one character). As STS does, the token's `iss` picks the provider: the statement's Federated principal must be the
 * provider for that issuer (`oidc-provider/<iss without https://>`) and every key must carry that prefix. moto does
 * not evaluate trust policies, so the e2e tests check documents read back from it with this.
 */
type Claims = Record<string, unknown>;

const ISSUER = 'token.actions.githubusercontent.com';

function like(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

export function trustAdmits(document: unknown, claims: Claims): boolean {
  const statements = (document as { Statement: Array<Record<string, unknown>> }).Statement;
  return statements.some((st) => {
    if (st['Effect'] !== 'Allow' || st['Action'] !== 'sts:AssumeRoleWithWebIdentity') return false;
    const issuer = String(claims['iss']).replace(/^https:\/\//, '');
    const federated = (st['Principal'] as { Federated?: unknown } | undefined)?.Federated;
    if (typeof federated !== 'string' || !federated.endsWith(`:oidc-provider/${issuer}`)) return false;
    const condition = (st['Condition'] ?? {}) as Record<string, Record<string, string | string[]>>;
    return Object.entries(condition).every(([operator, block]) =>
      Object.entries(block).every(([key, expected]) => {
        const claim = key.slice(key.lastIndexOf(':') + 1);
        if (key.slice(0, key.lastIndexOf(':')) !== issuer) return false;
        const actual = claims[claim];
        if (typeof actual !== 'string') return false;
        const values = Array.isArray(expected) ? expected : [expected];
        if (operator === 'StringEquals') return values.includes(actual);
        if (operator === 'StringLike') return values.some((v) => like(v, actual));
        throw new Error(`trustAdmits does not evaluate ${operator}`);
      }),
    );
  });
}

/**
 * The claims of a GitHub Actions token for a push to `ref`, as docs.github.com's OIDC reference lists them, from `iss`
 * (github.com's issuer unless given).
 */
export function githubClaims(
  repo: { owner: string; ownerId: number; name: string; id: number },
  ref: string,
  form: 'immutable' | 'legacy',
  context?: string,
  iss = `https://${ISSUER}`,
): Claims {
  const name =
    form === 'immutable' ? `${repo.owner}@${repo.ownerId}/${repo.name}@${repo.id}` : `${repo.owner}/${repo.name}`;
  return {
    iss,
    aud: 'sts.amazonaws.com',
    sub: `repo:${name}:${context ?? `ref:${ref}`}`,
    repository: `${repo.owner}/${repo.name}`,
    repository_id: String(repo.id),
    repository_owner: repo.owner,
    repository_owner_id: String(repo.ownerId),
    ref,
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    event_name: 'push',
    job_workflow_ref: `${repo.owner}/${repo.name}/.github/workflows/deploy.yml@${ref}`,
  };
}
