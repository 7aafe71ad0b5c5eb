/** What bootstrap tells the operator to do when a step fails or leaves work behind: one home per message. */

/** After a failed step: what is done stays, and a re-run picks up from there. */
export const RERUN_AFTER_FAILED_STEP =
  'The steps before it are done; fix the cause and re-run the same command: what exists is found and reused';

/** iot:DeleteThingType refused right after bootstrap deprecated the type. */
export const THING_TYPE_DELETE_WAIT =
  'AWS IoT deletes a thing type only 5 minutes after it was deprecated (bootstrap just did that); ' +
  're-run destroy after that';

/** `bootstrap sync`'s note when a revoked entry's thing type could not be deleted yet. */
export const thingTypeStillDeprecated = (thingType: string, name: string): string =>
  `thing type ${thingType} is deprecated; AWS IoT deletes it only 5 minutes later: ` +
  `run 'bootstrap destroy ${name}' then`;

/** The thing's certificate has its key elsewhere: no auth.yaml in the local directory. */
export const localKeyMissing = (thingName: string, dir: string, name: string): string =>
  `${thingName} has a certificate whose key is not in ${dir}; auth.yaml was not written. ` +
  `Run 'bootstrap rotate ${name}' to mint one there.`;

/** The thing's certificate has its key elsewhere: the repository holds no usable key. */
export const repositoryKeyMissing = (thingName: string, where: string, name: string, repo: string): string =>
  `${thingName} has a certificate whose key is not in ${where}; ` +
  `run 'bootstrap rotate ${name} --github-repo ${repo}' to deliver one.`;

/** A rotation that stopped between minting and GitHub's confirmation is finished by this run. */
export const unfinishedRotation = (where: string, pending: string): string =>
  `A rotation of ${where} stopped after minting certificate ${pending} and before GitHub confirmed its secrets; ` +
  'a new certificate is delivered now, then the earlier ones retired.';

/** The new certificate did not exchange: nothing was switched over. */
export const NEW_CERTIFICATE_REFUSED =
  'The credentials provider refused the new certificate; the old one stays active and in the secrets. ' +
  'Fix the cause and re-run';

/** `bootstrap sync`: a repository another bootstrap entry created. */
export const foreignCreatedBy = (createdBy: string): string =>
  `its IOT_CREATED_BY is '${createdBy}', another bootstrap's; give this entry that name or clear the variables`;

export const GITHUB_TOKEN_NEEDED =
  'Export a token that may write Actions secrets and variables ' +
  '(a GitHub App installation token with Secrets, Variables and Environments write)';

const GITHUB_PERMISSIONS =
  "the token needs the 'Secrets', 'Variables' (and, with --github-environment, 'Environments') repository " +
  'permissions with write access (a GitHub App installation token), or the repo scope (a classic token)';

/** GitHub's answers a retry will not change, by status. */
export const GITHUB_REFUSED = {
  401:
    'GitHub did not accept GITHUB_TOKEN: it is missing, mistyped or expired ' +
    '(an App installation token lives one hour)',
  403: `Forbidden: ${GITHUB_PERMISSIONS}; if this was a rate limit, wait and re-run`,
  404:
    'GitHub answers 404 for a repository or environment that does not exist or that the token cannot see: ' +
    `check the name and that ${GITHUB_PERMISSIONS}`,
} as const;

/** The plan's note on a new role that no --policy-arn gives any permission. */
export const NO_PERMISSIONS = '; no permissions (add --policy-arn)';

/** `bootstrap audit --format`: the report formats. */
export const AUDIT_FORMAT_FIX =
  'Use table (the default; text is the same), json, or sarif (SARIF 2.1.0 for code scanning)';

/** `bootstrap audit --fail-on`: the severity at or above which a finding fails the run. */
export const AUDIT_FAIL_ON_FIX =
  'Use error (the default), warning, note, or none (report and exit 0 whatever is found)';

/**
 * `bootstrap audit`: why the Roles Anywhere control plane was not read (one line of the report; the audit goes on),
 * and the hints of the errors that do fail it.
 */
export const ROLES_ANYWHERE_UNREAD = {
  denied: (call: string) =>
    `Roles Anywhere not read: ${call} was denied (grant rolesanywhere:ListTrustAnchors and ` +
    `rolesanywhere:ListProfiles, as in the README's audit policy, to audit its trust anchors and profiles)`,
  notInRegion: (region: string, host: string) =>
    `Roles Anywhere not read: ${host} does not resolve; the service is not available in ${region}`,
  notServed: (host: string, status: number, generic: boolean) =>
    `Roles Anywhere not read: ${host}${generic ? ' (AWS_ENDPOINT_URL)' : ''} does not serve its API ` +
    `(HTTP ${status}); set AWS_ENDPOINT_URL_ROLESANYWHERE to audit it`,
  network: 'Check the network, the region (--aws-region) and AWS_ENDPOINT_URL_ROLESANYWHERE, then re-run',
  hint: (call: string) => `The audit needs ${call} (see the README's audit policy); check the credentials and region`,
  malformed: 'The Roles Anywhere answer does not have the shape its API defines; check AWS_ENDPOINT_URL_ROLESANYWHERE',
} as const;
