export const id = 699;
export const ids = [699];
export const modules = {

/***/ 9080:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  callSts: () => (/* binding */ callSts),
  getCallerIdentity: () => (/* binding */ getCallerIdentity),
  stsEndpointOverride: () => (/* binding */ stsEndpointOverride),
  stsFailure: () => (/* binding */ stsFailure)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/request.ts
var request = __webpack_require__(7777);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/@smithy/core/dist-cjs/submodules/protocols/index.js
var protocols = __webpack_require__(3422);
;// CONCATENATED MODULE: ./src/http/sdk-handler.ts
/**
 * A request handler for the AWS SDK's clients over this project's one transport (request.ts): the same proxy rules,
 * loopback-only cleartext, bounded bodies and per-attempt deadline as every other request. The SDK's own retries are
 * switched off (maxAttempts: 1) by the caller; retrying is the provider's policy, not two policies multiplied.
 */


function sdkRequestHandler(settings) {
    return {
        async handle(request) {
            const query = (0,protocols.buildQueryString)(request.query ?? {});
            const port = request.port ? `:${request.port}` : '';
            const url = `${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`;
            const headers = {};
            // undici derives host and content-length from the URL and body; the signed values are the same.
            for (const [name, value] of Object.entries(request.headers))
                if (!/^(host|content-length)$/i.test(name))
                    headers[name] = value;
            const { timeoutMs, proxyFor, http } = settings();
            const res = await http({
                url,
                method: request.method === 'GET' ? 'GET' : 'POST',
                headers,
                ...(request.body !== undefined && request.body !== null ? { body: request.body } : {}),
                timeoutMs,
                proxy: proxyFor(url),
            });
            const responseHeaders = {};
            for (const [name, value] of Object.entries(res.headers))
                if (value !== undefined)
                    responseHeaders[name] = value;
            return { response: new protocols.HttpResponse({ statusCode: res.status, headers: responseHeaders, body: external_node_stream_.Readable.from([Buffer.from(res.body, 'utf8')]) }) };
        },
        updateHttpClientConfig() { },
        httpHandlerConfigs: () => ({}),
        destroy() { },
    };
}

// EXTERNAL MODULE: ./src/providers/context.ts
var context = __webpack_require__(9513);
;// CONCATENATED MODULE: ./src/providers/sts-errors.ts
/** Which STS failures are worth retrying, and what to tell the user about the rest. Pure. */

const TRANSIENT_CODES = new Set([
    'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException', 'PriorRequestNotComplete',
    'IDPCommunicationError', 'RequestTimeout', 'RequestTimeoutException', 'ServiceUnavailable', 'InternalFailure', 'InternalError',
]);
function stsError(call, status, code, message) {
    const retryable = TRANSIENT_CODES.has(code) || status === 429 || status >= 500;
    return new errors/* AwsError */.Gy(call, code || `HTTP ${status}`, message, retryable ? '' : stsHint(call, code, message), retryable);
}
function stsHint(call, code, message) {
    switch (code) {
        case 'AccessDenied':
            if (call === 'sts:AssumeRoleWithWebIdentity') {
                return "Check the role's trust policy: its Principal must be the account's OIDC provider (token.actions.githubusercontent.com), its 'sub' condition must match this job (repo:<owner>/<repo>:ref:..., :environment:..., or :pull_request) and its 'aud' condition the audience input (default sts.amazonaws.com)";
            }
            if (/session tags|TagSession/i.test(message)) {
                return "The role's trust policy must also allow sts:TagSession, or set role-skip-session-tagging: true";
            }
            return "Check that the calling identity may sts:AssumeRole this role and that the role's trust policy names it (and role-external-id matches, if the trust policy requires one)";
        case 'InvalidIdentityToken':
            return 'The id-token was rejected: check that an IAM OIDC identity provider exists for the issuer and lists the audience as a client id';
        case 'ExpiredTokenException':
        case 'ExpiredToken':
            return 'The token or credentials used had expired; re-run the job, and make sure the token is fetched right before this step';
        case 'MalformedPolicyDocument':
            return 'Fix inline-session-policy: it must be a valid IAM policy document';
        case 'PackedPolicyTooLarge':
            return 'The session policies or tags are too large: shorten inline-session-policy, list fewer managed-session-policies, or set role-skip-session-tagging: true';
        case 'RegionDisabledException':
            return 'STS is not activated in this region for the account: activate it in IAM account settings, or use another aws-region';
        case 'ValidationError':
            if (/DurationSeconds exceeds the 1 hour session limit/i.test(message)) {
                return 'Sessions reached by role chaining last at most 1 hour: set role-duration-seconds to 3600 or less';
            }
            if (/DurationSeconds exceeds the MaxSessionDuration/i.test(message)) {
                return "Lower role-duration-seconds, or raise the role's maximum session duration (aws iam update-role --max-session-duration)";
            }
            return 'Check role-to-assume, role-session-name, role-duration-seconds and the session policies';
        case 'InvalidClientTokenId':
        case 'SignatureDoesNotMatch':
            return 'The credentials used to call STS are invalid: check the credentials that this step starts from';
        default:
            return '';
    }
}

// EXTERNAL MODULE: ./src/providers/validate-session.ts
var validate_session = __webpack_require__(6739);
// EXTERNAL MODULE: ./src/providers/endpoints.ts
var endpoints = __webpack_require__(5720);
;// CONCATENATED MODULE: ./src/providers/sts.ts
/**
 * STS through @aws-sdk/client-sts: the SDK's endpoint rules (partitions, FIPS, dual-stack, AWS_ENDPOINT_URL_STS), its
 * query protocol, XML and signing, and its clock-skew correction; over this project's transport (http/sdk-handler.ts)
 * with the SDK's own retries off and this project's retry budget and deadline on top. Every answer is validated.
 */








async function callSts(ctx, req) {
    const call = `sts:${req.action}`;
    const configured = ctx.stsEndpoint ?? stsEndpointOverride(ctx.env);
    let timeoutMs = 0;
    let endpoint = configured ?? `STS in ${req.region}`;
    const client = new dist_cjs/* STSClient */.iM({
        region: req.region,
        maxAttempts: 1,
        requestHandler: sdkRequestHandler(() => ({
            timeoutMs,
            proxyFor: ctx.proxyFor,
            http: (request) => {
                // Where the SDK's rules sent it, for messages: origin only, never a query or user information.
                endpoint = new URL(request.url).origin;
                return ctx.http(request);
            },
        })),
        ...(configured ? { endpoint: configured } : {}),
        // AssumeRoleWithWebIdentity is unsigned; AssumeRole signs with the credentials it starts from, never the default chain.
        credentials: req.action === 'AssumeRole' ? { ...req.credentials } : unsignedCallCredentials,
    });
    try {
        return await (0,context/* retrying */.R$)(ctx, call, async (attempt, attemptTimeoutMs) => {
            timeoutMs = attemptTimeoutMs;
            const command = req.action === 'AssumeRole' ? new dist_cjs/* AssumeRoleCommand */.QL(await req.input(attempt)) : new dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH(await req.input(attempt));
            ctx.debug(`${call}: attempt ${attempt}`);
            let out;
            try {
                out = await client.send(command);
            }
            catch (err) {
                throw stsFailure(call, err, endpoint);
            }
            return (0,validate_session/* validateSession */.dk)(toSession(out), { call, endpoint, now: new Date(ctx.clock.now()) });
        });
    }
    finally {
        client.destroy();
    }
}
/** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL from the provider's environment, checked before anything is sent. */
function stsEndpointOverride(env) {
    return (0,endpoints/* configuredEndpoint */.iw)('STS', env);
}
const unsignedCallCredentials = async () => {
    throw new Error('AssumeRoleWithWebIdentity is an unsigned call');
};
function toSession(out) {
    const c = out.Credentials;
    const credentials = { accessKeyId: c?.AccessKeyId ?? '', secretAccessKey: c?.SecretAccessKey ?? '' };
    if (c?.SessionToken !== undefined)
        credentials.sessionToken = c.SessionToken;
    if (c?.Expiration !== undefined)
        credentials.expiration = c.Expiration;
    return { credentials, ...(out.AssumedRoleUser?.Arn !== undefined ? { assumedRoleArn: out.AssumedRoleUser.Arn } : {}) };
}
/** The SDK's errors (service errors, our transport's NetworkError, unreadable answers) as this project's AwsError. */
function stsFailure(call, err, endpoint) {
    if (err instanceof errors/* AwsError */.Gy)
        return err;
    if (err instanceof request/* NetworkError */.D)
        return (0,context/* networkFailure */.rd)(call, err, `check aws-region, sts-endpoint and AWS_ENDPOINT_URL_STS (${endpoint})`);
    const e = err;
    const status = e.$metadata?.httpStatusCode ?? 0;
    if (status >= 200 && status < 300) {
        return new errors/* AwsError */.Gy(call, 'MalformedResponse', `HTTP ${status} with an answer that is not STS's`, `Check that the endpoint is STS (${endpoint})`, false);
    }
    const code = e.name && e.name !== 'Error' && !/^Unknown/.test(e.name) ? wireCode(e.name) : '';
    const failure = stsError(call, status, code, e.message && e.message !== 'UnknownError' ? e.message : `HTTP ${status}`);
    // The SDK corrected its clock offset from the server's Date: one more attempt signs with the right time.
    if (e.$metadata?.clockSkewCorrected && !failure.retryable)
        return new errors/* AwsError */.Gy(failure.call, failure.code, failure.serviceMessage, failure.hint, true);
    return failure;
}
/** The SDK names modelled errors by class; STS's documentation and this project's advice use the wire code. */
const SDK_ERROR_CODES = {
    IDPCommunicationErrorException: 'IDPCommunicationError',
    IDPRejectedClaimException: 'IDPRejectedClaim',
    InsufficientSessionLifetimeException: 'InsufficientSessionLifetime',
    InvalidContextAssertionException: 'InvalidContextAssertion',
    InvalidIdentityTokenException: 'InvalidIdentityToken',
    InvalidSubjectCredentialsException: 'InvalidSubjectCredentials',
    MalformedPolicyDocumentException: 'MalformedPolicyDocument',
    PackedPolicyTooLargeException: 'PackedPolicyTooLarge',
};
function wireCode(name) {
    return SDK_ERROR_CODES[name] ?? name;
}
/** sts:GetCallerIdentity with `credentials`: whose they are, and that they still work. Same transport and retries. */
async function getCallerIdentity(ctx, region, credentials) {
    const call = 'sts:GetCallerIdentity';
    const configured = ctx.stsEndpoint ?? stsEndpointOverride(ctx.env);
    let timeoutMs = 0;
    let endpoint = configured ?? `STS in ${region}`;
    const client = new dist_cjs/* STSClient */.iM({
        region,
        maxAttempts: 1,
        requestHandler: sdkRequestHandler(() => ({ timeoutMs, proxyFor: ctx.proxyFor, http: (request) => { endpoint = new URL(request.url).origin; return ctx.http(request); } })),
        ...(configured ? { endpoint: configured } : {}),
        credentials: { ...credentials },
    });
    try {
        return await (0,context/* retrying */.R$)(ctx, call, async (_attempt, attemptTimeoutMs) => {
            timeoutMs = attemptTimeoutMs;
            let out;
            try {
                out = await client.send(new dist_cjs/* GetCallerIdentityCommand */.zI({}));
            }
            catch (err) {
                throw stsFailure(call, err, endpoint);
            }
            // Printed and compared with allowed-account-ids: only AWS's shapes get through.
            if (!/^\d{12}$/.test(out.Account ?? '') || !/^arn:[\w-]+:(sts|iam)::\d{12}:[\w+=,.@/-]{1,512}$/.test(out.Arn ?? '')) {
                throw new errors/* AwsError */.Gy(call, 'MalformedResponse', 'the answer lacks a valid Account or Arn', `Check that the endpoint is STS (${endpoint})`, false);
            }
            return { account: out.Account, arn: out.Arn };
        });
    }
    finally {
        client.destroy();
    }
}


/***/ }),

/***/ 6739:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   aX: () => (/* binding */ MINIO_SHAPES),
/* harmony export */   dk: () => (/* binding */ validateSession)
/* harmony export */ });
/* unused harmony exports DEFAULT_MAX_LIFETIME_MS, CLOCK_SKEW_MS, AWS_SHAPES */
/* harmony import */ var _config_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7873);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/**
 * The check every exchange's answer passes before anything uses it: each credential field has AWS's shape, the
 * expiration is a real date in a sane window, the assumed-role ARN follows its grammar. A value outside fails the
 * step: it would otherwise be written into env files, credentials files and logs that treat newlines as structure.
 * Pure. Errors name the endpoint and the field, never the value.
 */


const DEFAULT_MAX_LIFETIME_MS = 12 * 3600_000;
/** Clock difference tolerated between this machine and the service. */
const CLOCK_SKEW_MS = 5 * 60_000;
// AWS documents AccessKeyId as 16..128 word characters; every key it issues is upper-case letters and digits.
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
// Secrets are 40 base64 characters today; the bound leaves room without letting a document through.
const SECRET_ACCESS_KEY = /^[A-Za-z0-9+/=]{16,128}$/;
// Session tokens are base64 of no fixed size (session tags and policies grow them): a few KB in practice.
const SESSION_TOKEN = /^[A-Za-z0-9+/=]{16,16384}$/;
const AWS_SHAPES = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY, sessionToken: SESSION_TOKEN };
/**
 * MinIO's (internal/auth): a 20-character access key of upper-case letters and digits, a 40-character base64 secret,
 * and a session token that is a JWT (base64url parts joined by dots), which grows with a session policy.
 */
const MINIO_SHAPES = {
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET_ACCESS_KEY,
    sessionToken: /^(?=[\w.-]{16,65536}$)[\w-]+\.[\w-]+\.[\w-]*$/,
};
// arn:<partition>:sts::<account>:assumed-role/<role name>/<session name>; a role path never appears in it.
const ASSUMED_ROLE_ARN = /^arn:aws(?:-[a-z]+)*:sts::\d{12}:assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64}$/;
/** Returns `session` unchanged when every field has its expected shape; throws a non-retryable AwsError otherwise. */
function validateSession(session, source) {
    const fail = (field, problem, hint = 'The endpoint is not AWS, or something altered its answer: check the endpoint setting and any proxy in between') => new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsError */ .Gy(source.call ?? 'credentials exchange', 'InvalidResponse', `the answer from ${(0,_config_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .describeUrl */ .Ng)(source.endpoint)} has ${problem} in ${field}`, hint, false);
    const { credentials } = session;
    const shapes = source.shapes ?? AWS_SHAPES;
    checkShape(credentials.accessKeyId, shapes.accessKeyId, 'accessKeyId', fail);
    checkShape(credentials.secretAccessKey, shapes.secretAccessKey, 'secretAccessKey', fail);
    checkShape(credentials.sessionToken, shapes.sessionToken, 'sessionToken', fail);
    if (session.assumedRoleArn !== undefined)
        checkShape(session.assumedRoleArn, ASSUMED_ROLE_ARN, 'assumedRoleArn', fail);
    const expiration = credentials.expiration;
    if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime()))
        throw fail('expiration', 'no readable date');
    const clockHint = "Check this machine's clock, and the session length configured on the AWS side";
    if (expiration.getTime() <= source.now.getTime()) {
        throw fail('expiration', `a time already past (${expiration.toISOString()})`, clockHint);
    }
    const latest = source.now.getTime() + (source.maxLifetimeMs ?? DEFAULT_MAX_LIFETIME_MS) + CLOCK_SKEW_MS;
    if (expiration.getTime() > latest) {
        throw fail('expiration', `a time further ahead than any session this service issues (${expiration.toISOString()})`, clockHint);
    }
    return session;
}
/** Describes a bad value by its length and the kind of character at fault: safe to print, unlike the value. */
function checkShape(value, pattern, field, fail) {
    if (typeof value !== 'string' || value === '')
        throw fail(field, 'no value');
    if (pattern.test(value))
        return;
    throw fail(field, `a value of unexpected shape (${value.length} characters${offendingKind(value)})`);
}
function offendingKind(value) {
    if (/\p{Cc}/u.test(value))
        return ', including a control character';
    if (/[^\x20-\x7e]/.test(value))
        return ', including a non-ASCII character';
    if (/\s/.test(value))
        return ', including white space';
    return '';
}


/***/ })

};
