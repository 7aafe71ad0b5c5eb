/**
 * A push to main of a repository that emits the immutable `sub` (owner and repository ids), claims as the OIDC
 * reference on docs.github.com lists them: the one token the claims, refusal and trust-evaluation tests start from.
 */
export const GITHUB_PUSH_CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org@123456/octo-repo@789012:ref:refs/heads/main',
  repository: 'octo-org/octo-repo',
  repository_id: '789012',
  repository_owner: 'octo-org',
  repository_owner_id: '123456',
  ref: 'refs/heads/main',
  event_name: 'push',
  job_workflow_ref: 'octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main',
  actor: 'octocat',
  run_id: '42',
  exp: 1900000000,
};
