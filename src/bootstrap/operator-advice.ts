/**
 * What the operator's checks say: the problem and the fix of each refusal that keeps `bootstrap sync` and the
 * operator role within their bounds, as [problem, fix] for an InputError. Pure.
 */
import type { RoleState } from './plan.js';

type Advice = [problem: string, fix: string];

export function roleOutsideBoundary(roleName: string, role: RoleState, boundary: string): Advice {
  return [
    `role ${roleName} exists ${role.permissionsBoundaryArn ? `with the boundary ${role.permissionsBoundaryArn}` : 'without a permissions boundary'}, not ${boundary}`,
    'sync manages only roles it created with the operator boundary; an administrator removes that role (or the entry gets another name:)',
  ];
}

export function trustChangedUnderOperator(roleName: string): Advice {
  return [
    `role ${roleName} no longer trusts only credentials.iot.amazonaws.com`,
    'the operator may not rewrite a trust policy; an administrator checks who changed it, then runs bootstrap iot for that name',
  ];
}

export function policyNotAllowed(arn: string, allowed: string[]): Advice {
  return [
    `${arn} is not among the policies the operator may attach (${allowed.length ? allowed.join(', ') : 'none given'})`,
    'remove it from operator.yaml, or an administrator re-runs bootstrap oidc --operator with --operator-allowed-policy-arn for it and gives sync the same list',
  ];
}

export const BOUNDARY_REQUIRED: Advice = [
  'is required: every role sync creates carries the operator boundary',
  'give the ARN bootstrap oidc --operator printed (arn:aws:iam::<account>:policy/aws-short-lived-credentials-sync-boundary), or set ASLC_OPERATOR_BOUNDARY_ARN',
];

export const API_URL_WITH_USERINFO: Advice = [
  'carries a user name or password (not repeated here)',
  'Give the API URL alone (https://api.github.com or https://<host>/api/v3) and the token in GITHUB_TOKEN',
];

export const BOUNDARY_NEEDS_OPERATOR: Advice = [
  'only applies with --operator',
  'add --operator, or leave out --operator-boundary-arn and --operator-allowed-policy-arn',
];

/** Why sync will not deliver to an entry's environment, and what makes it deliver. */
export function environmentNotProtected(environment: string, state: 'missing' | 'unprotected'): string {
  return state === 'missing'
    ? `environment ${environment} does not exist; create it under Settings > Environments with deployment branches limited to the default branch (or required reviewers), or add create-environment: true to the entry so sync creates it limited to the default branch`
    : `environment ${environment} has no deployment branch policy and no required reviewers, so any branch would receive its certificate; limit its deployment branches (Settings > Environments > ${environment}) or require reviewers, then run sync again`;
}
