/** Provisioning of the AWS side of each mode, as a library: plan as data, discover, apply, and the commands over them. */
export {
  planIot,
  planRotate,
  planRevoke,
  planDestroy,
  planOidc,
  destroyRole,
  formatPlan,
  isNoop,
  iotDesired,
  oidcDesired,
  iotRoleTrustPolicy,
  iotPolicyDocument,
  githubTrustPolicy,
  githubSubject,
  assertTrustIsScoped,
  samePolicy,
  NEW_CERTIFICATE,
  CREATED_BY_KEY,
  CREATED_BY_VALUE,
  type Step,
  type StepAction,
  type StepResource,
  type IotDesired,
  type IotState,
  type OidcDesired,
  type OidcState,
  type GithubSubject,
} from './plan.js';
export { discoverIot, discoverOidc, createClients, type BootstrapClients } from './discover.js';
export {
  apply,
  resolvedFromIot,
  resolvedFromOidc,
  type ApplyContext,
  type NewCertificate,
  type Resolved,
} from './apply.js';
export {
  bootstrapIot,
  rotate,
  revoke,
  destroy,
  workflowSnippet,
  authFileText,
  IOT_SECRETS,
  type IotOptions,
  type IotResult,
} from './iot.js';
export { bootstrapOidc, destroyOidc, oidcWorkflowSnippet, type OidcOptions, type OidcResult } from './oidc.js';

/** The planners under one name, for callers that think of "plan" as one thing. */
export { planIot as plan } from './plan.js';
export { discoverIot as discover } from './discover.js';
