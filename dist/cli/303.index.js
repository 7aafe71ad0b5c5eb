export const id = 303;
export const ids = [303,513];
export const modules = {

/***/ 7777:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ NetworkError),
/* harmony export */   a: () => (/* binding */ httpRequest)
/* harmony export */ });
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6752);
/* harmony import */ var _config_proxy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1574);
/* harmony import */ var _config_endpoint_url_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7873);



/** A failure below HTTP: refused, reset, timed out, TLS alert, proxy refusal. `code` is Node's, or one of ours. */
class NetworkError extends Error {
    code;
    name = 'NetworkError';
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
const MAX_BODY_BYTES = 1 << 20;
async function httpRequest(req) {
    const url = new URL(req.url);
    requireSafeScheme(url);
    const dispatcher = dispatcherFor(req, url);
    const signal = AbortSignal.timeout(Math.max(1, Math.round(req.timeoutMs)));
    try {
        const res = await (0,undici__WEBPACK_IMPORTED_MODULE_0__.request)(url, {
            method: req.method,
            headers: req.headers ?? {},
            body: req.body ?? null,
            dispatcher,
            signal,
            headersTimeout: req.timeoutMs,
            bodyTimeout: req.timeoutMs,
        });
        const body = await readBounded(res.body, req.maxBodyBytes ?? MAX_BODY_BYTES, url.host);
        return { status: res.statusCode, headers: flatHeaders(res.headers), body };
    }
    catch (err) {
        if (signal.aborted)
            throw new NetworkError('ETIMEDOUT', `no complete response from ${url.host} within ${Math.round(req.timeoutMs)} ms`);
        throw toNetworkError(err, url, req.proxy);
    }
    finally {
        dispatcher.destroy().catch(() => undefined);
    }
}
/** Plain http carries tokens and signatures in the clear: only to a host written as loopback. */
function requireSafeScheme(url) {
    if (url.protocol === 'https:')
        return;
    if (url.protocol === 'http:' && (0,_config_endpoint_url_js__WEBPACK_IMPORTED_MODULE_2__/* .isLoopbackHost */ .cW)(url.hostname))
        return;
    throw new NetworkError('EINSECURE', `refusing to send a credential request to ${url.protocol}//${url.host} in cleartext: only https, or http to a loopback address (127.0.0.0/8, [::1], localhost), is allowed`);
}
function dispatcherFor(req, url) {
    const tls = { minVersion: 'TLSv1.2', ...(req.tls?.secureContext ? { secureContext: req.tls.secureContext } : {}) };
    const timeouts = { connectTimeout: req.timeoutMs, headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs };
    // Plain http goes to the proxy in absolute form (many proxies refuse CONNECT to port 80); https is tunnelled.
    if (req.proxy)
        return new undici__WEBPACK_IMPORTED_MODULE_0__.ProxyAgent({ uri: req.proxy.href, requestTls: tls, proxyTunnel: false, ...timeouts });
    return new undici__WEBPACK_IMPORTED_MODULE_0__.Agent({ connect: { ...tls, timeout: req.timeoutMs }, ...timeouts });
}
async function readBounded(body, max, host) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > max)
            throw new NetworkError('EMSGSIZE', `response from ${host} exceeds ${max} bytes`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
function flatHeaders(headers) {
    const out = {};
    for (const [name, value] of Object.entries(headers))
        out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    return out;
}
/** undici's and Node's failures under the codes the providers reason about. */
function toNetworkError(err, url, proxy) {
    if (err instanceof NetworkError)
        return err;
    const e = err;
    const message = e.message ?? String(err);
    const tunnel = /Proxy response \((\d+)\)/.exec(message);
    if (proxy && tunnel) {
        // 407 is the standard answer; some proxies (tinyproxy) answer 401.
        const status = Number(tunnel[1]);
        const code = status === 407 || status === 401 ? 'EPROXYAUTH' : 'EPROXY';
        return new NetworkError(code, `proxy ${(0,_config_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .describeProxy */ .GK)(proxy)} refused CONNECT ${url.hostname}:${url.port || 443} with HTTP ${status}`);
    }
    const raw = e.cause?.code ?? e.code ?? 'ERR_NETWORK';
    const code = UNDICI_CODES[raw] ?? raw;
    return new NetworkError(code, `talking to ${url.host}${proxy ? ` through proxy ${(0,_config_proxy_js__WEBPACK_IMPORTED_MODULE_1__/* .describeProxy */ .GK)(proxy)}` : ''}: ${e.cause?.message ?? message}`);
}
const UNDICI_CODES = {
    UND_ERR_SOCKET: 'ECONNRESET',
    UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
    UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
    UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
    UND_ERR_CLOSED: 'ECONNRESET',
    UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'ECONNRESET',
};


/***/ }),

/***/ 9513:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R$: () => (/* binding */ retrying),
/* harmony export */   createProviderContext: () => (/* binding */ createProviderContext),
/* harmony export */   rd: () => (/* binding */ networkFailure),
/* harmony export */   tN: () => (/* binding */ send)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _http_request_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7777);
/* harmony import */ var _config_proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1574);
/** What a provider may use from the outside world: all of it passed in, so tests can drive every path. */





/** The one way the action and the CLI build a provider's world: deadline from now, proxies from the env and inputs. */
function createProviderContext(options) {
    const clock = options.clock ?? _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .ml;
    return {
        env: options.env,
        clock,
        deadline: clock.now() + options.retry.timeoutMs,
        maxAttempts: options.retry.maxAttempts,
        mask: options.mask,
        debug: options.debug,
        readFile: options.readFile ?? ((path) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path)),
        proxyFor: (url) => (0,_config_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .proxyFor */ .iJ)(new URL(url), withNoProxy(options.env, options.noProxy), options.httpProxy),
        ...(options.stsEndpoint ? { stsEndpoint: options.stsEndpoint } : {}),
        http: options.http ?? _http_request_js__WEBPACK_IMPORTED_MODULE_3__/* .httpRequest */ .a,
    };
}
/** NO_PROXY with the `no-proxy` input's hosts added (the lower-case form is the one read first). */
function withNoProxy(env, extra) {
    if (!extra)
        return env;
    const merged = [env['no_proxy'] || env['NO_PROXY'], extra].filter(Boolean).join(',');
    return { ...env, no_proxy: merged, NO_PROXY: merged };
}
const TRANSIENT_NETWORK = new Set([
    'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET',
]);
/** A network failure as an AwsError: transient ones retried, the rest (DNS, TLS) explained. */
function networkFailure(call, err, endpointHint) {
    if (TRANSIENT_NETWORK.has(err.code))
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, '', true);
    if (err.code === 'EPROXYAUTH') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, 'The proxy refused its credentials: check the user and password in http-proxy or HTTPS_PROXY', false);
    }
    if (err.code === 'EPROXY') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, 'The proxy would not open a tunnel: check http-proxy / HTTPS_PROXY, and NO_PROXY for hosts to reach directly', false);
    }
    if (err.code === 'EINSECURE') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, 'Use an https:// endpoint: tokens, signatures and credentials never cross the network in cleartext', false);
    }
    if (err.code === 'ENOTFOUND') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, `The host name does not resolve: ${endpointHint}`, false);
    }
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/i.test(err.code)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, 'The server\'s TLS certificate was not trusted; TLS verification stays on: fix the endpoint, or add its CA (NODE_EXTRA_CA_CERTS, or ca-certificate for IoT)', false);
    }
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(call, err.code, err.message, '', false);
}
/** Runs a call's attempts within the context's bounds (retry-max-attempts, action-timeout-s), logging each retry. */
function retrying(ctx, call, attempt) {
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(call, attempt, { maxAttempts: ctx.maxAttempts, deadline: ctx.deadline }, ctx.clock, (err, n, delay) => ctx.debug(`${call}: attempt ${n} failed with ${err.code}; retrying in ${delay} ms`));
}
/** One request through the context's proxy; a failure below HTTP becomes the AwsError `toAwsError` makes of it. */
async function send(ctx, req, toAwsError) {
    try {
        return await ctx.http({ ...req, proxy: ctx.proxyFor(req.url) });
    }
    catch (err) {
        if (err instanceof _http_request_js__WEBPACK_IMPORTED_MODULE_3__/* .NetworkError */ .D)
            throw toAwsError(err);
        throw err;
    }
}


/***/ }),

/***/ 5720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xf: () => (/* binding */ serviceEndpoint),
/* harmony export */   iw: () => (/* binding */ configuredEndpoint)
/* harmony export */ });
/* unused harmony exports dnsSuffix, checkedUrl */
/* harmony import */ var _config_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7873);
/** Service endpoints, resolved the way the AWS SDKs do: service-specific env, then global env, then the region's. Pure. */

function dnsSuffix(region) {
    return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
/** `serviceEnvId` is the SDK's env suffix, e.g. `STS` for `AWS_ENDPOINT_URL_STS`, `ROLESANYWHERE`. */
function serviceEndpoint(hostPrefix, serviceEnvId, region, env) {
    const configured = configuredEndpoint(serviceEnvId, env);
    if (configured)
        return configured;
    const fips = env['AWS_USE_FIPS_ENDPOINT']?.toLowerCase() === 'true' ? '-fips' : '';
    return `https://${hostPrefix}${fips}.${region}.${dnsSuffix(region)}`;
}
/** The endpoint set by AWS_ENDPOINT_URL_<service> or AWS_ENDPOINT_URL, checked, as the SDKs read them; else undefined. */
function configuredEndpoint(serviceEnvId, env) {
    if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() === 'true')
        return undefined;
    for (const name of [`AWS_ENDPOINT_URL_${serviceEnvId}`, 'AWS_ENDPOINT_URL']) {
        const value = env[name];
        if (value)
            return checkedUrl(value, name);
    }
    return undefined;
}
/** A pure check the SDK-based transport can call too: refuses cleartext off loopback and URLs carrying a password. */
function checkedUrl(value, name) {
    (0,_config_endpoint_url_js__WEBPACK_IMPORTED_MODULE_0__/* .requireSecureEndpoint */ .GU)(value, name);
    return value.trim().replace(/\/+$/, '');
}


/***/ }),

/***/ 5303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oidcProvider: () => (/* binding */ oidcProvider)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/providers/context.ts
var context = __webpack_require__(9513);
// EXTERNAL MODULE: ./src/config/endpoint-url.ts
var endpoint_url = __webpack_require__(7873);
;// CONCATENATED MODULE: ./src/providers/id-token.ts
/** Sources of an OIDC id-token: the GitHub runner's endpoint, a file, or an environment variable. */



const CALL = 'GitHub OIDC token request';
/** Seconds before a token's `exp` at which it is fetched again rather than sent. */
const REFRESH_MARGIN_S = 60;
/** Returns a function that yields a token fit to send now, fetching or re-reading only when needed. */
function idTokenSource(source, ctx) {
    if (source.tokenFile)
        return async () => readTokenFile(source.tokenFile, ctx);
    if (source.tokenEnv)
        return async () => readTokenEnv(source.tokenEnv, ctx);
    let cached;
    return async () => {
        const exp = cached ? tokenExpiry(cached) : undefined;
        if (!cached || (exp !== undefined && exp * 1000 - ctx.clock.now() < REFRESH_MARGIN_S * 1000)) {
            cached = await fetchRunnerToken(source.audience, ctx);
        }
        return cached;
    };
}
function readTokenFile(path, ctx) {
    if (JWT_SHAPE.test(path.trim())) {
        // The token itself was given as the path: mask it, and never repeat it in the error.
        ctx.mask(path.trim());
        throw new errors/* InputError */.dz('web-identity-token-file', 'looks like a JWT (the id-token itself), not a path (not shown)', 'Write the token to a file and give that file\'s path, or use web-identity-token-env');
    }
    let token;
    try {
        token = ctx.readFile(path).toString('utf8').trim();
    }
    catch (err) {
        const code = err.code ?? 'error';
        throw new errors/* InputError */.dz('web-identity-token-file', `cannot read ${path} (${code})`, 'Point it at the file your OIDC issuer writes the token to, readable by the job');
    }
    if (!token)
        throw new errors/* InputError */.dz('web-identity-token-file', `${path} is empty`, 'Write the id-token (a JWT) to the file before this step');
    ctx.mask(token);
    checkJwtShape(token, 'web-identity-token-file');
    return token;
}
function readTokenEnv(name, ctx) {
    const token = (ctx.env[name] ?? '').trim();
    if (!token)
        throw new errors/* InputError */.dz('web-identity-token-env', `the environment variable ${name} is empty or unset`, 'Name the variable your CI system puts the job\'s id-token in');
    ctx.mask(token);
    checkJwtShape(token, 'web-identity-token-env');
    return token;
}
const JWT_SHAPE = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/;
function checkJwtShape(token, input) {
    if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
        throw new errors/* InputError */.dz(input, 'does not hold a JWT (three base64url parts separated by dots)', 'Give the raw id-token, not JSON around it or a file of several lines');
    }
}
/** The `exp` claim of a JWT, read without verifying (STS verifies); undefined when unreadable. */
function tokenExpiry(token) {
    try {
        const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
        return typeof payload.exp === 'number' ? payload.exp : undefined;
    }
    catch {
        return undefined;
    }
}
async function fetchRunnerToken(audience, ctx) {
    const url = ctx.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
    const bearer = ctx.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
    if (!url || !bearer) {
        throw new errors/* AwsError */.Gy(CALL, 'IdTokenUnavailable', 'ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set', "Give the job 'permissions: id-token: write' (pull requests from forks never get one), or set web-identity-token-file", false);
    }
    ctx.mask(bearer);
    // The bearer and the token it buys travel on this URL: never in clear text off this machine.
    const full = (0,endpoint_url/* requireSecureEndpoint */.GU)(url, 'ACTIONS_ID_TOKEN_REQUEST_URL');
    full.searchParams.set('audience', audience);
    return (0,context/* retrying */.R$)(ctx, CALL, async (_attempt, timeoutMs) => {
        const res = await (0,context/* send */.tN)(ctx, { url: full.toString(), method: 'GET', headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' }, timeoutMs }, (err) => (0,context/* networkFailure */.rd)(CALL, err, 'check ACTIONS_ID_TOKEN_REQUEST_URL'));
        if (res.status !== 200) {
            const retryable = res.status === 429 || res.status >= 500;
            const hint = res.status === 401 || res.status === 403
                ? "The runner refused the token request: give the job 'permissions: id-token: write'"
                : '';
            throw new errors/* AwsError */.Gy(CALL, `HTTP ${res.status}`, '', hint, retryable);
        }
        let token;
        try {
            token = JSON.parse(res.body).value;
        }
        catch {
            token = undefined;
        }
        if (typeof token !== 'string' || !token)
            throw new errors/* AwsError */.Gy(CALL, 'MalformedResponse', 'the answer has no token value', '', true);
        ctx.mask(token);
        return token;
    });
}

// EXTERNAL MODULE: ./src/providers/session-params.ts
var session_params = __webpack_require__(89);
// EXTERNAL MODULE: ./src/providers/endpoints.ts
var endpoints = __webpack_require__(5720);
;// CONCATENATED MODULE: ./src/providers/oidc.ts



const oidcProvider = async (source, config, ctx) => {
    // The STS client loads while the id-token request is in flight.
    const sts = Promise.all(/* import() */[__webpack_require__.e(861), __webpack_require__.e(695), __webpack_require__.e(699)]).then(__webpack_require__.bind(__webpack_require__, 9080));
    // A bad endpoint setting is reported before any token is fetched or read.
    (0,endpoints/* configuredEndpoint */.iw)('STS', ctx.env);
    const token = idTokenSource(source, ctx);
    const first = await token();
    const { callSts } = await sts;
    return callSts(ctx, {
        action: 'AssumeRoleWithWebIdentity',
        region: config.region,
        input: async (attempt) => ({
            RoleArn: source.roleArn,
            RoleSessionName: config.session.sessionName,
            WebIdentityToken: attempt === 1 ? first : await token(),
            DurationSeconds: config.session.durationSeconds,
            // Session policies narrow the last hop: with chain-role-arn they go on the chained role instead.
            ...(config.chainRoleArn ? {} : (0,session_params/* sessionPolicyInput */.F)(config.session)),
        }),
    });
};


/***/ }),

/***/ 89:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ sessionPolicyInput),
/* harmony export */   v: () => (/* binding */ sessionTagInput)
/* harmony export */ });
/* harmony import */ var _config_session_tags_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1698);

function sessionPolicyInput(session) {
    const input = {};
    if (session.inlinePolicy)
        input.Policy = session.inlinePolicy;
    if (session.managedPolicyArns.length)
        input.PolicyArns = session.managedPolicyArns.map((arn) => ({ arn }));
    return input;
}
/**
 * Tags and transitive keys for one AssumeRole hop: none with role-skip-session-tagging; transitive keys only those
 * among the tags sent (as configure-aws-credentials filters them).
 */
function sessionTagInput(session, run, dropDroppable = false) {
    if (!session.sessionTags)
        return {};
    const tags = (0,_config_session_tags_js__WEBPACK_IMPORTED_MODULE_0__/* .sessionTags */ .cc)(run, session.customTags, dropDroppable);
    if (tags.length === 0)
        return {};
    const transitive = session.transitiveTagKeys.filter((key) => tags.some((t) => t.Key === key));
    return { Tags: tags, ...(transitive.length ? { TransitiveTagKeys: transitive } : {}) };
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   ml: () => (/* binding */ systemClock)
/* harmony export */ });
/* unused harmony exports isThrottling, RETRY_DEFAULTS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * Retries with capped exponential backoff and full jitter, bounded by attempts and by a deadline. Clock, sleep and
 * randomness are passed in so the schedule is tested without waiting.
 *
 * Throttling is not a failure of the call but a queue: when a matrix of jobs starts at once, the service's limit is
 * the bottleneck and every job gets through if it waits its turn. So a throttled attempt is retried for as long as
 * the deadline allows, whatever the attempt budget, on a schedule of its own that starts wider (spreading the
 * stampede over the limit) and grows to a longer cap. Every other transient failure spends the attempt budget.
 */

/** The error codes services use to say "too many requests": STS, IoT, Roles Anywhere, S3-compatible stores. */
const THROTTLING_CODES = new Set([
    'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestLimitExceeded', 'TooManyRequestsException',
    'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'HTTP 429',
]);
function isThrottling(err) {
    return THROTTLING_CODES.has(err.code);
}
const RETRY_DEFAULTS = { baseDelayMs: 200, maxDelayMs: 5000, throttleBaseDelayMs: 2000, throttleMaxDelayMs: 10_000 };
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: () => Math.random(),
};
/** The wait before retry number `retry` (1-based): uniform in [0, min(cap, base * 2^(retry-1))]. */
function backoffDelay(retry, random, baseMs, capMs) {
    return Math.floor(random * Math.min(capMs, baseMs * 2 ** (retry - 1)));
}
async function withRetry(call, operation, policy, clock = systemClock, onRetry) {
    const base = policy.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs;
    const cap = policy.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs;
    const throttleBase = policy.throttleBaseDelayMs ?? RETRY_DEFAULTS.throttleBaseDelayMs;
    const throttleCap = policy.throttleMaxDelayMs ?? RETRY_DEFAULTS.throttleMaxDelayMs;
    const perAttempt = policy.attemptTimeoutMs ?? 15000;
    let failures = 0;
    let throttles = 0;
    for (let attempt = 1;; attempt++) {
        const remaining = policy.deadline - clock.now();
        if (remaining <= 0)
            throw timedOut(call, attempt - 1);
        try {
            return await operation(attempt, Math.min(perAttempt, remaining));
        }
        catch (err) {
            if (!(err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy) || !err.retryable)
                throw err;
            const throttled = isThrottling(err) && policy.retryThrottling !== false && policy.maxAttempts > 1;
            if (throttled)
                throttles++;
            else
                failures++;
            if (!throttled && failures >= policy.maxAttempts) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(err.call, err.code, err.serviceMessage, joinHint(err.hint, `Gave up after ${attempt} attempt${attempt > 1 ? 's' : ''} (retry-max-attempts)`), false);
            }
            const delay = throttled ? backoffDelay(throttles, clock.random(), throttleBase, throttleCap) : backoffDelay(failures, clock.random(), base, cap);
            if (clock.now() + delay >= policy.deadline) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(err.call, err.code, err.serviceMessage, joinHint(err.hint, `Gave up after ${attempt} attempt${attempt > 1 ? 's' : ''}: action-timeout-s was reached`), false);
            }
            onRetry?.(err, attempt, delay);
            await clock.sleep(delay);
        }
    }
}
function timedOut(call, attempts) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(call, 'Timeout', '', `No answer within action-timeout-s after ${attempts} attempt${attempts === 1 ? '' : 's'}; check network access to the endpoint or raise action-timeout-s`, false);
}
function joinHint(hint, more) {
    return hint ? `${hint}. ${more}` : more;
}


/***/ })

};
