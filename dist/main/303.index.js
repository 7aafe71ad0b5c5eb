export const id = 303;
export const ids = [303];
export const modules = {

/***/ 303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  oidcSession: () => (/* binding */ oidcSession)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(916);
// EXTERNAL MODULE: ./src/providers/context.ts + 1 modules
var context = __webpack_require__(836);
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
    const full = new URL(url);
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

// EXTERNAL MODULE: ./src/providers/sts.ts + 3 modules
var sts = __webpack_require__(805);
// EXTERNAL MODULE: ./src/providers/session-params.ts
var session_params = __webpack_require__(89);
;// CONCATENATED MODULE: ./src/providers/oidc.ts



async function oidcSession(config, source, ctx, applyPolicies) {
    const token = idTokenSource(source, ctx);
    return (0,sts/* callSts */.l)(ctx, {
        action: 'AssumeRoleWithWebIdentity',
        region: config.region,
        params: async () => ({
            RoleArn: source.roleArn,
            RoleSessionName: config.session.sessionName,
            WebIdentityToken: await token(),
            DurationSeconds: String(config.session.durationSeconds),
            ...(applyPolicies ? (0,session_params/* sessionPolicyParams */.hz)(config.session) : {}),
        }),
    });
}


/***/ })

};
