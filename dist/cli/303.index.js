export const id = 303;
export const ids = [303];
export const modules = {

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


/***/ })

};
