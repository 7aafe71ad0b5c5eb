export const id = 6;
export const ids = [6];
export const modules = {

/***/ 4006:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  login: () => (/* binding */ login)
});

// UNUSED EXPORTS: DISCOVERY_CALL, IdTokenError, TOKEN_CALL, VERIFY_CALL, authorizationUrl, discoverClient, isLoopbackHost, newSignInChecks, parseIssuer, proxiedFetch, redeemCallback

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./node_modules/openid-client/build/index.js
var build = __webpack_require__(8129);
// EXTERNAL MODULE: ./node_modules/oauth4webapi/build/index.js
var oauth4webapi_build = __webpack_require__(5235);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/cli/login/callback-server.ts
/**
 * The loopback redirect target of a terminal sign-in (RFC 8252): one HTTP server on 127.0.0.1 that waits for the
 * browser to come back to /callback, checks the state, answers with a short page, and closes itself. A callback
 * with another state is refused and the wait goes on: only this sign-in's browser can end it.
 */


const AUTHORIZE_CALL = 'OIDC authorization';
const CALLBACK_PATH = '/callback';
/** Starts listening and returns once the port is bound. */
async function startCallbackServer(options) {
    const requested = options.port ?? 0;
    if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
        throw new errors/* InputError */.dz('port', `${String(requested)} is not a TCP port`, 'Give a port from 1024 to 65535, or 0 for any free one');
    }
    let settle;
    const outcome = new Promise((resolve, reject) => (settle = { resolve, reject }));
    // Callers may await later (or never, when an earlier step fails): a rejection must not go unhandled meanwhile.
    outcome.catch(() => undefined);
    let settled = false;
    let redirectUri = '';
    const server = (0,external_node_http_.createServer)((req, res) => {
        const result = handle(req, res);
        if (result === undefined)
            return;
        if (result instanceof errors/* AwsError */.Gy && result.code === 'StateMismatch') {
            // Anyone on this machine (or a stale tab) can hit the port: a foreign callback must not end the real sign-in.
            page(res, 400, 'Sign-in failed', `${result.serviceMessage}. Finish the sign-in in the tab this terminal opened; you can close this window.`);
            return;
        }
        if (settled) {
            page(res, 409, 'Sign-in already finished', 'This sign-in has already finished. You can close this window.');
            return;
        }
        settled = true;
        if (result instanceof Error) {
            page(res, 400, 'Sign-in failed', `${result instanceof errors/* AwsError */.Gy ? result.serviceMessage || result.code : result.message}. Return to the terminal for details; you can close this window.`);
            finish(result);
        }
        else {
            page(res, 200, 'Signed in', 'You are signed in. Return to the terminal; you can close this window.');
            finish(null, result);
        }
    });
    const handle = (req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname !== CALLBACK_PATH) {
            page(res, 404, 'Not found', 'Nothing here.');
            return undefined;
        }
        if (req.method !== 'GET') {
            page(res, 405, 'Method not allowed', 'The sign-in callback accepts GET only.');
            return undefined;
        }
        const problem = readCallback(url.searchParams, options, redirectUri);
        return problem ?? new URL(`${redirectUri}${url.search}`);
    };
    let timer;
    const finish = (err, callback) => {
        settled = true;
        clearTimeout(timer);
        if (err)
            settle.reject(err);
        else
            settle.resolve(callback);
        // Let the answer reach the browser, then refuse keep-alive reuse so the process can exit.
        server.close();
        setImmediate(() => server.closeIdleConnections());
    };
    await new Promise((resolve, reject) => {
        server.once('error', (err) => reject(listenError(err, requested)));
        server.listen(requested, '127.0.0.1', () => resolve());
    });
    const port = server.address().port;
    redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;
    timer = setTimeout(() => {
        if (settled)
            return;
        finish(new errors/* AwsError */.Gy(AUTHORIZE_CALL, 'ETIMEDOUT', `no browser came back to ${redirectUri} within ${Math.round(options.timeoutMs / 1000)} s`, 'Open the printed URL in a browser on this machine and finish signing in; allow more time if you need it', false));
    }, options.timeoutMs);
    timer.unref();
    return {
        redirectUri,
        port,
        waitForCallback: () => outcome,
        waitForCode: () => outcome.then((callback) => callback.searchParams.get('code')),
        close: async () => {
            if (!settled)
                finish(new errors/* AwsError */.Gy(AUTHORIZE_CALL, 'Cancelled', 'the sign-in was stopped before the browser came back', '', false));
            server.closeAllConnections();
            await new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
        },
    };
}
/** Reads a callback's query: undefined when it carries this sign-in's code, else the error that explains why not. */
function readCallback(params, options, redirectUri) {
    if (params.get('state') !== options.state) {
        return new errors/* AwsError */.Gy(AUTHORIZE_CALL, 'StateMismatch', 'the browser came back with a state this sign-in did not send', 'Start the sign-in again from this terminal and finish it in the browser tab it opens (an old or foreign tab cannot complete it)', false);
    }
    const iss = params.get('iss');
    if (options.issuer && (iss !== null || options.issuer.required) && iss !== options.issuer.value) {
        return new errors/* AwsError */.Gy(AUTHORIZE_CALL, 'IssuerMismatch', iss === null ? 'the authorization response does not name its issuer' : 'the authorization response comes from another issuer than --issuer', 'Sign in again; if this repeats, check that --issuer is the provider the browser signs in to', false);
    }
    const error = params.get('error');
    if (error !== null) {
        const code = error.replace(/[^\w.-]/g, '').slice(0, 64) || 'error';
        const description = (params.get('error_description') ?? '').replace(/[\p{Cc}]/gu, ' ').slice(0, 300);
        return new errors/* AwsError */.Gy(AUTHORIZE_CALL, code, description, providerErrorHint(code, redirectUri), false);
    }
    const code = params.get('code');
    if (!code) {
        return new errors/* AwsError */.Gy(AUTHORIZE_CALL, 'MissingCode', 'the browser came back without an authorization code', 'Sign in again; the provider must use the authorization code flow (response_type=code)', false);
    }
    return undefined;
}
function providerErrorHint(code, redirectUri) {
    switch (code) {
        case 'access_denied':
            return 'The sign-in was refused or cancelled in the browser; sign in again, or ask for access to this application';
        case 'invalid_scope':
            return 'Ask only for scopes the application may request';
        case 'unauthorized_client':
        case 'invalid_request':
        case 'invalid_client':
            return `Check --client-id, that the application allows the authorization code flow with PKCE, and that ${redirectUri} is a registered redirect URI (fix the port with --port)`;
        case 'login_required':
        case 'interaction_required':
        case 'consent_required':
            return 'Sign in again and complete every step in the browser';
        default:
            return '';
    }
}
function listenError(err, port) {
    if (err.code === 'EADDRINUSE') {
        return new errors/* InputError */.dz('port', `127.0.0.1:${port} is already in use`, 'Choose another --port (and register its redirect URI at the provider), or stop what holds it');
    }
    if (err.code === 'EACCES') {
        return new errors/* InputError */.dz('port', `this user may not listen on port ${port}`, 'Choose a --port from 1024 to 65535');
    }
    return new errors/* InputError */.dz('port', `cannot listen on 127.0.0.1:${port} (${err.code ?? 'error'})`, 'Choose another --port, or 0 for any free one');
}
function page(res, status, title, text) {
    const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
        `<body style="font-family:sans-serif;margin:3em"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
    res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        'referrer-policy': 'no-referrer',
        connection: 'close',
    });
    res.end(body);
}
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

;// CONCATENATED MODULE: ./src/cli/login/login.ts
/**
 * `login`: a person at a terminal signs in to an OpenID Connect provider in their browser (authorization code flow
 * with PKCE, loopback redirect) and gets back a verified id-token for AssumeRoleWithWebIdentity. The protocol is
 * openid-client's (discovery, PKCE, code exchange, id-token signature and claims with the nonce); this module adds
 * the loopback callback, the proxy, and errors that say what to do.
 */





const DISCOVERY_CALL = 'OIDC discovery';
const TOKEN_CALL = 'OIDC token request';
const VERIFY_CALL = 'OIDC id-token verification';
/** An id-token the library refused; `check` names the claim (iss, aud, exp, nonce, ...) or `signature`. */
class IdTokenError extends errors/* AwsError */.Gy {
    check;
    constructor(check, problem) {
        super(VERIFY_CALL, 'InvalidIdToken', problem, idTokenHint(check), false);
        this.check = check;
    }
}
/** No single request to the provider waits longer than this. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Loopback hosts may use plain http: the traffic never leaves the machine (and tests run local providers). */
function isLoopbackHost(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
/** Checks the --issuer value itself (https, or http on loopback; no query, fragment or credentials). Pure. */
function parseIssuer(issuer) {
    let url;
    try {
        url = new URL(issuer);
    }
    catch {
        throw new errors/* InputError */.dz('issuer', 'is not a URL', 'Give the issuer URL, e.g. https://login.example.com/ or https://accounts.google.com');
    }
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
        throw new errors/* InputError */.dz('issuer', `uses ${url.protocol} on a host that is not loopback`, 'Use the https:// issuer URL your identity provider documents');
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new errors/* InputError */.dz('issuer', 'has a query, fragment or credentials', 'Give the bare issuer URL, exactly as the provider writes it in its tokens');
    }
    return url;
}
/** fetch through undici with the proxy the environment (or http-proxy) names, NO_PROXY honoured. */
function proxiedFetch(env, httpProxy) {
    const pick = (...names) => names.map((n) => env[n]).find((v) => v) ?? '';
    // The options are given explicitly ('' = none) so that the environment passed in is the only one read.
    const options = {
        httpProxy: httpProxy ?? pick('http_proxy', 'HTTP_PROXY'),
        httpsProxy: httpProxy ?? pick('https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'),
        noProxy: pick('no_proxy', 'NO_PROXY'),
    };
    // undici 6 announces EnvHttpProxyAgent as experimental on stderr, which the CLI keeps for its own messages.
    const emitWarning = process.emitWarning;
    let dispatcher;
    try {
        process.emitWarning = () => undefined;
        dispatcher = new undici.EnvHttpProxyAgent(options);
    }
    finally {
        process.emitWarning = emitWarning;
    }
    return ((url, init) => (0,undici.fetch)(url, { ...init, dispatcher }));
}
/** Discovers the issuer and returns the client's configuration, the client authentication chosen from its metadata. */
async function discoverClient(options) {
    if (!options.clientId)
        throw new errors/* InputError */.dz('client-id', 'is empty', 'Give the client (application) id registered at the provider');
    const issuer = parseIssuer(options.issuer);
    const customFetch = proxiedFetch(options.env ?? process.env, options.httpProxy);
    const insecure = issuer.protocol === 'http:';
    const timeout = Math.ceil(Math.min(options.timeoutMs, REQUEST_TIMEOUT_MS) / 1000);
    let discovered;
    try {
        discovered = await build/* discovery */.HD(issuer, options.clientId, undefined, build/* None */.NV(), {
            [build/* customFetch */.A6]: customFetch,
            timeout,
            ...(insecure ? { execute: [build/* allowInsecureRequests */.cm] } : {}),
        });
    }
    catch (err) {
        throw discoveryError(err, issuer.href);
    }
    const server = discovered.serverMetadata();
    const methods = server.code_challenge_methods_supported;
    if (Array.isArray(methods) && !server.supportsPKCE('S256')) {
        throw new errors/* InputError */.dz('issuer', 'the provider does not list S256 in code_challenge_methods_supported', 'Enable PKCE with S256 for this provider (or its application settings)');
    }
    const secret = options.clientSecret;
    const auth = secret === undefined ? build/* None */.NV() : onlyPost(server.token_endpoint_auth_methods_supported) ? build/* ClientSecretPost */.qm(secret) : build/* ClientSecretBasic */.gH(secret);
    const config = new build/* Configuration */.Vk(server, options.clientId, secret, auth);
    config[build/* customFetch */.A6] = customFetch;
    config.timeout = timeout;
    if (insecure)
        build/* allowInsecureRequests */.cm(config);
    // openid-client trusts TLS for an id-token from the token endpoint; the signature is checked too, as it always was here.
    build/* enableNonRepudiationChecks */.wV(config);
    return config;
}
/** Fresh one-time values for a sign-in: the PKCE verifier, the state and the nonce. */
function newSignInChecks() {
    return { codeVerifier: build/* randomPKCECodeVerifier */.Wm(), state: build/* randomState */.Du(), nonce: build/* randomNonce */.Pv() };
}
/** The URL the browser opens: the provider's endpoint with the code-flow parameters. */
async function authorizationUrl(config, redirectUri, scopes, checks) {
    return build/* buildAuthorizationUrl */.Zw(config, {
        redirect_uri: redirectUri,
        scope: ['openid', ...(scopes ?? []).filter((s) => s && s !== 'openid')].join(' '),
        code_challenge: await build/* calculatePKCECodeChallenge */.Yv(checks.codeVerifier),
        code_challenge_method: 'S256',
        state: checks.state,
        nonce: checks.nonce,
    });
}
/** Redeems the callback's code with the PKCE verifier and returns the id-token once its signature and claims hold. */
async function redeemCallback(config, callback, checks) {
    let tokens;
    try {
        tokens = await build/* authorizationCodeGrant */.vI(config, callback, {
            pkceCodeVerifier: checks.codeVerifier,
            expectedState: checks.state,
            expectedNonce: checks.nonce,
            idTokenExpected: true,
        });
    }
    catch (err) {
        throw tokenError(err, config.clientMetadata().client_secret !== undefined);
    }
    const claims = tokens.claims();
    const idToken = tokens.id_token;
    if (!claims || !idToken)
        throw new IdTokenError('format', 'the token response has no id_token');
    return { idToken, claims: { ...claims }, expiresAt: new Date(claims.exp * 1000) };
}
/** Signs in through the browser and returns a verified id-token. The token is never printed. */
async function login(options) {
    const config = await discoverClient(options);
    const metadata = config.serverMetadata();
    const checks = newSignInChecks();
    const server = await startCallbackServer({
        port: options.port,
        state: checks.state,
        timeoutMs: options.timeoutMs,
        issuer: { value: metadata.issuer, required: metadata.authorization_response_iss_parameter_supported === true },
    });
    try {
        const url = await authorizationUrl(config, server.redirectUri, options.scopes, checks);
        options.print('Open this URL in a browser to sign in:');
        options.print(url.href);
        if (options.openBrowser)
            openBrowser(url.href);
        return await redeemCallback(config, await server.waitForCallback(), checks);
    }
    finally {
        await server.close();
    }
}
function onlyPost(methods) {
    return Array.isArray(methods) && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
}
/** A failure below HTTP (refused, DNS, TLS, proxy), as undici reports it inside fetch's TypeError. */
function networkCode(err) {
    let cause = err;
    for (let i = 0; i < 5 && cause; i++) {
        const code = cause.code;
        if (typeof code === 'string' && !code.startsWith('OAUTH_'))
            return code;
        cause = cause.cause;
    }
    return undefined;
}
function discoveryError(err, issuer) {
    const where = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    if (err instanceof build/* ClientError */.MZ) {
        const status = err.cause?.status;
        if (status === 404)
            return new errors/* InputError */.dz('issuer', `${where} answered HTTP 404`, 'Check --issuer: it is the URL in front of /.well-known/openid-configuration');
        if (typeof status === 'number')
            return new errors/* AwsError */.Gy(DISCOVERY_CALL, `HTTP${status}`, '', `The provider could not serve ${where}; try again later`, status >= 500 || status === 429);
        if (/issuer does not match/.test(err.message)) {
            return new errors/* InputError */.dz('issuer', `the provider's configuration names another issuer, not '${issuer}'`, 'Pass --issuer exactly as the provider names itself in its OpenID configuration (including any trailing slash)');
        }
        if (err.code === 'OAUTH_HTTP_REQUEST_FORBIDDEN')
            return new errors/* InputError */.dz('issuer', "the provider's configuration names an endpoint that is not https", 'Only https endpoints are used (plain http only on loopback); fix the provider\'s configuration');
        return new errors/* InputError */.dz('issuer', `${where} is not a usable OpenID configuration (${err.message})`, 'Point --issuer at an OpenID Connect provider');
    }
    const code = networkCode(err);
    if (code)
        return new errors/* AwsError */.Gy(DISCOVERY_CALL, code, `cannot reach ${where}`, networkHint(code, 'check --issuer'), code === 'ECONNRESET' || code === 'ETIMEDOUT');
    return err;
}
function tokenError(err, confidential) {
    if (err instanceof oauth4webapi_build/* WWWAuthenticateChallengeError */.m4) {
        // A 401 with WWW-Authenticate: the client authentication was refused.
        const named = err.cause[0]?.parameters.error;
        const code = typeof named === 'string' ? named.replace(/[^\w.-]/g, '').slice(0, 64) || 'invalid_client' : 'invalid_client';
        return new errors/* AwsError */.Gy(TOKEN_CALL, code, '', tokenErrorHint(code, confidential), false);
    }
    if (err instanceof oauth4webapi_build/* ResponseBodyError */.uK) {
        const code = err.error.replace(/[^\w.-]/g, '').slice(0, 64) || `HTTP${err.status}`;
        const description = (err.error_description ?? '').replace(/\p{Cc}/gu, ' ').slice(0, 300);
        return new errors/* AwsError */.Gy(TOKEN_CALL, code, description, tokenErrorHint(code, confidential), err.status >= 500 || err.status === 429);
    }
    if (err instanceof build/* ClientError */.MZ) {
        const cause = err.cause;
        const problem = (cause?.message ?? err.message).replace(/\p{Cc}/gu, ' ').slice(0, 200);
        const claim = typeof cause?.cause?.claim === 'string' ? cause.cause.claim : undefined;
        if (claim)
            return new IdTokenError(claim, problem);
        const named = /"(iss|aud|azp|nonce|exp|iat|nbf|sub|alg)"/.exec(problem)?.[1];
        if (named)
            return new IdTokenError(named, problem);
        if (/signature/i.test(problem))
            return new IdTokenError('signature', problem);
        return new errors/* AwsError */.Gy(TOKEN_CALL, err.code ?? 'InvalidResponse', problem, 'Sign in again; if this repeats, check --issuer and the application settings at the provider', false);
    }
    const code = networkCode(err);
    if (code)
        return new errors/* AwsError */.Gy(TOKEN_CALL, code, 'the token endpoint could not be reached', networkHint(code, "check the provider's token_endpoint"), code === 'ECONNRESET' || code === 'ETIMEDOUT');
    return err;
}
function networkHint(code, endpointHint) {
    if (code === 'ENOTFOUND')
        return `The host name does not resolve: ${endpointHint}`;
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/i.test(code))
        return 'The server\'s TLS certificate was not trusted; TLS verification stays on: add its CA with NODE_EXTRA_CA_CERTS';
    if (/PROXY|UND_ERR/.test(code))
        return 'Check HTTPS_PROXY / http-proxy, and NO_PROXY for hosts to reach directly';
    return '';
}
function idTokenHint(check) {
    switch (check) {
        case 'iss':
            return 'The token comes from another issuer than --issuer; sign in again with the right --issuer';
        case 'aud':
        case 'azp':
            return 'Check --client-id is the application the provider issued the token to';
        case 'nonce':
            return 'The token was not issued for this sign-in (replayed or mixed up); sign in again';
        case 'exp':
        case 'iat':
        case 'nbf':
            return 'Sign in again; if this repeats, check this machine\'s clock';
        case 'signature':
            return 'The token was not signed by the issuer; sign in again, and check nothing between you and the provider alters responses';
        default:
            return 'Sign in again';
    }
}
function tokenErrorHint(code, confidential) {
    switch (code) {
        case 'invalid_client':
            return confidential
                ? 'Check --client-id and --client-secret'
                : 'Check --client-id; if the application is confidential, give --client-secret';
        case 'invalid_grant':
            return 'The code was refused (expired, used twice, or a PKCE or redirect URI mismatch); sign in again';
        case 'unauthorized_client':
            return 'Allow the authorization code grant for this application at the provider';
        default:
            return '';
    }
}
/** Best effort: the URL is printed anyway, so a missing or failing opener is not an error. */
function openBrowser(url) {
    const [command, args] = process.platform === 'darwin' ? ['open', [url]]
        : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', `"${url}"`]]
            : ['xdg-open', [url]];
    try {
        const child = (0,external_node_child_process_.spawn)(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
        child.on('error', () => undefined);
        child.unref();
    }
    catch {
        // No opener on this machine: the printed URL is the way in.
    }
}


/***/ })

};
