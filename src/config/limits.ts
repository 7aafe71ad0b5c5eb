/** The numbers every front-end and mode bounds its inputs by: one definition each. */
export const DEFAULT_DURATION_SECONDS = 3600;
/** As configure-aws-credentials: 12 attempts per call. */
export const DEFAULT_MAX_ATTEMPTS = 12;
/**
 * The ceiling on the step, whatever action-timeout-s says. Unset or 0 means no step-wide bound (as
 * configure-aws-credentials), leaving each attempt's own bound (15 s) and the attempt count, and this.
 */
export const MAX_TIMEOUT_SECONDS = 3600;
/** STS's shortest session. */
export const STS_MIN_DURATION_SECONDS = 900;
/** STS's longest session, the bound of role-duration-seconds unless a mode's service grants longer. */
export const STS_MAX_DURATION_SECONDS = 43200;
/** STS caps a session reached by role chaining at one hour. */
export const CHAINED_MAX_SECONDS = 3600;
