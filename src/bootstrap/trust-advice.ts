/** What `bootstrap oidc` tells the user when GitHub cannot say which ids a repository has. */

export const REPOSITORY_NOT_VISIBLE =
  'GitHub answers 404 for a repository that does not exist and for a private one the token cannot read: check --repo, and for a private repository export a GITHUB_TOKEN that may read it (or give --sub-format legacy to write the name-only sub without asking GitHub)';

export const REPOSITORY_MOVED =
  'The repository was renamed or transferred: give its current name in --repo (a renamed repository emits the immutable sub)';

export const TOKEN_REFUSED =
  'GitHub did not accept GITHUB_TOKEN: it is mistyped or expired; a public repository needs no token, so unset it, or export a valid one';

export const GITHUB_UNREACHABLE =
  'GitHub could not be reached: check GITHUB_API_URL and the network, or give --sub-format legacy to write the name-only sub without asking GitHub';

export const SUB_FORMAT_FIX =
  'auto (the default) asks GitHub which form the repository emits; immutable, legacy or both write that form whatever GitHub says';

export const BAD_REPOSITORY_ANSWER = 'GitHub answered without numeric ids for the owner and the repository';

export const ISSUER_FORMS =
  'https://token.actions.githubusercontent.com (github.com), https://token.actions.githubusercontent.com/<enterprise-slug> (an enterprise with its own issuer), https://<host>/_services/token (GitHub Enterprise Server)';

export const ISSUER_FIX = `Give --issuer as the iss your jobs' tokens carry: ${ISSUER_FORMS}`;

export const ISSUER_API_MISMATCH =
  'GITHUB_API_URL and --issuer must name the same GitHub: for Enterprise Server, https://<host>/api/v3 with https://<host>/_services/token; otherwise unset GITHUB_API_URL (or give https://api.github.com)';
