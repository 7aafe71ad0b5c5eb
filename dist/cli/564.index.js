export const id = 564;
export const ids = [564];
export const modules = {

/***/ 3564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  login: () => (/* binding */ login)
});

// UNUSED EXPORTS: JWKS_CALL, TOKEN_CALL, authorizationUrl, exchangeCode, fetchJwks

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/http/request.ts
var request = __webpack_require__(7777);
// EXTERNAL MODULE: ./src/providers/context.ts + 1 modules
var context = __webpack_require__(1918);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
;// CONCATENATED MODULE: ./src/cli/login/callback-server.ts
/**
 * The loopback redirect target of a terminal sign-in (RFC 8252): one HTTP server on 127.0.0.1 that waits for the
 * browser to come back to /callback, checks the state, answers with a short page, and closes itself.
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
        return readCallback(url.searchParams, options, redirectUri);
    };
    let timer;
    const finish = (err, code) => {
        settled = true;
        clearTimeout(timer);
        if (err)
            settle.reject(err);
        else
            settle.resolve(code);
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
        waitForCode: () => outcome,
        close: async () => {
            if (!settled)
                finish(new errors/* AwsError */.Gy(AUTHORIZE_CALL, 'Cancelled', 'the sign-in was stopped before the browser came back', '', false));
            server.closeAllConnections();
            await new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
        },
    };
}
/** Reads a callback's query: the code, or the error that explains why there is none. */
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
    return code;
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

;// CONCATENATED MODULE: ./src/cli/login/discovery.ts
/**
 * OpenID Connect discovery: fetch `<issuer>/.well-known/openid-configuration` and keep only what the login flow
 * needs, after checking it can be trusted (exact issuer, https endpoints, S256 PKCE).
 */



const DISCOVERY_CALL = 'OIDC discovery';
/** Loopback hosts may use plain http: the traffic never leaves the machine (and tests run local providers). */
function isLoopbackHost(hostname) {
    return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}
/** https, or http to a loopback host. */
function isTrustedEndpoint(url) {
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}
/** Checks the --issuer value itself and returns its discovery URL. */
function discoveryUrl(issuer) {
    let url;
    try {
        url = new URL(issuer);
    }
    catch {
        throw new errors/* InputError */.dz('issuer', 'is not a URL', 'Give the issuer URL, e.g. https://login.example.com/ or https://accounts.google.com');
    }
    if (!isTrustedEndpoint(url)) {
        throw new errors/* InputError */.dz('issuer', `uses ${url.protocol} on a host that is not loopback`, 'Use the https:// issuer URL your identity provider documents');
    }
    if (url.search || url.hash || url.username || url.password) {
        throw new errors/* InputError */.dz('issuer', 'has a query, fragment or credentials', 'Give the bare issuer URL, exactly as the provider writes it in its tokens');
    }
    return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}
/** Validates a discovery document for `issuer`. Pure. */
function parseDiscoveryDocument(issuer, body) {
    const where = discoveryUrl(issuer);
    let doc;
    try {
        doc = JSON.parse(body);
    }
    catch {
        doc = undefined;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
        throw new errors/* InputError */.dz('issuer', `${where} did not return a JSON object`, 'Check --issuer: it is the URL in front of /.well-known/openid-configuration');
    }
    const meta = doc;
    if (meta['issuer'] !== issuer) {
        const named = typeof meta['issuer'] === 'string' ? `'${truncate(meta['issuer'])}'` : 'no issuer';
        const fix = typeof meta['issuer'] === 'string'
            ? `Pass --issuer exactly as the provider names itself (including any trailing slash): ${truncate(meta['issuer'])}`
            : 'Point --issuer at an OpenID Connect provider';
        throw new errors/* InputError */.dz('issuer', `the provider's configuration names ${named}, not '${issuer}'`, fix);
    }
    const endpoint = (field) => {
        const value = meta[field];
        if (typeof value !== 'string' || !value) {
            throw new errors/* InputError */.dz('issuer', `the provider's configuration has no ${field}`, 'Use an OpenID Connect provider that supports the authorization code flow');
        }
        let url;
        try {
            url = new URL(value);
        }
        catch {
            throw new errors/* InputError */.dz('issuer', `the provider's ${field} is not a URL`, 'Fix the provider\'s OpenID configuration');
        }
        if (!isTrustedEndpoint(url)) {
            throw new errors/* InputError */.dz('issuer', `the provider's ${field} is not https`, 'Only https endpoints are used (plain http only on loopback); fix the provider\'s configuration');
        }
        return value;
    };
    const methods = stringList(meta['code_challenge_methods_supported']);
    if (methods && !methods.includes('S256')) {
        throw new errors/* InputError */.dz('issuer', 'the provider does not list S256 in code_challenge_methods_supported', 'Enable PKCE with S256 for this provider (or its application settings)');
    }
    const responseTypes = stringList(meta['response_types_supported']);
    if (responseTypes && !responseTypes.includes('code')) {
        throw new errors/* InputError */.dz('issuer', 'the provider does not support response_type=code', 'Use a provider that supports the authorization code flow');
    }
    return {
        issuer,
        authorizationEndpoint: endpoint('authorization_endpoint'),
        tokenEndpoint: endpoint('token_endpoint'),
        jwksUri: endpoint('jwks_uri'),
        tokenEndpointAuthMethods: stringList(meta['token_endpoint_auth_methods_supported']),
        issParameterSupported: meta['authorization_response_iss_parameter_supported'] === true,
    };
}
/** Fetches and validates the issuer's discovery document. */
async function discover(issuer, timeoutMs) {
    const url = discoveryUrl(issuer);
    let res;
    try {
        res = await (0,request/* httpRequest */.a)({ url, method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
    }
    catch (err) {
        if (err instanceof request/* NetworkError */.D)
            throw (0,context/* networkFailure */.rd)(DISCOVERY_CALL, err, 'check --issuer');
        throw err;
    }
    if (res.status === 404) {
        throw new errors/* InputError */.dz('issuer', `${url} answered HTTP 404`, 'Check --issuer: it is the URL in front of /.well-known/openid-configuration');
    }
    if (res.status !== 200) {
        throw new errors/* AwsError */.Gy(DISCOVERY_CALL, `HTTP${res.status}`, '', `The provider could not serve ${url}; try again later`, res.status >= 500 || res.status === 429);
    }
    return parseDiscoveryDocument(issuer, res.body);
}
function stringList(value) {
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : undefined;
}
function truncate(value) {
    return value.length > 200 ? `${value.slice(0, 200)}...` : value;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/cli/login/jwt-verify.ts
/**
 * Verifies an OpenID Connect id-token: its JWS signature against the issuer's JWKS, then the claims that bind it to
 * this issuer, this client and this sign-in. Pure: the clock and the keys are passed in. Messages say which check
 * failed and never carry the token or the nonce.
 */


const VERIFY_CALL = 'OIDC id-token verification';
class IdTokenError extends errors/* AwsError */.Gy {
    check;
    constructor(check, problem, hint) {
        super(VERIFY_CALL, 'InvalidIdToken', `${check} check failed: ${problem}`, hint, false);
        this.check = check;
    }
}
const DEFAULT_SKEW_SECONDS = 60;
const ALGORITHMS = {
    RS256: { kty: 'RSA', hash: 'sha256' },
    PS256: { kty: 'RSA', hash: 'sha256', pss: true },
    ES256: { kty: 'EC', crv: 'P-256', hash: 'sha256', signatureBytes: 64 },
    ES384: { kty: 'EC', crv: 'P-384', hash: 'sha384', signatureBytes: 96 },
};
const MIN_RSA_BITS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const SIGN_IN_AGAIN = 'Sign in again';
/** Parses a JWKS document (the body of jwks_uri). Throws an IdTokenError('kid') when it holds no keys. */
function parseJwks(body) {
    let doc;
    try {
        doc = JSON.parse(body);
    }
    catch {
        doc = undefined;
    }
    const keys = doc?.keys;
    if (!Array.isArray(keys)) {
        throw new IdTokenError('kid', 'the provider\'s jwks_uri did not return a JSON Web Key Set', 'Check the provider\'s jwks_uri in its OpenID configuration');
    }
    return { keys: keys.filter((k) => typeof k === 'object' && k !== null && !Array.isArray(k)) };
}
/** Verifies `token` and returns its header and claims; throws IdTokenError naming the failed check. */
function verifyIdToken(token, jwks, options) {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p)) || !parts[0] || !parts[1] || !parts[2]) {
        throw new IdTokenError('format', 'the id-token is not a signed JWT (three base64url parts)', 'Make sure the provider returns a signed id_token (JWS), not an encrypted one');
    }
    const [headerPart, payloadPart, signaturePart] = parts;
    const header = decodeJson(headerPart, 'header');
    const claims = decodeJson(payloadPart, 'payload');
    const alg = header['alg'];
    if (typeof alg !== 'string')
        throw new IdTokenError('alg', 'the header has no alg', SIGN_IN_AGAIN);
    if (alg.toLowerCase() === 'none') {
        throw new IdTokenError('alg', 'alg "none" (an unsigned token) is refused', 'Configure the client at the provider to sign id-tokens with RS256, PS256, ES256 or ES384');
    }
    if (/^HS/i.test(alg)) {
        throw new IdTokenError('alg', `alg ${alg} (a shared-secret MAC) is refused`, 'Configure the client at the provider to sign id-tokens with RS256, PS256, ES256 or ES384');
    }
    const algorithm = ALGORITHMS[alg];
    if (!algorithm) {
        throw new IdTokenError('alg', `alg ${jwt_verify_truncate(alg)} is not supported`, 'Configure the client at the provider to sign id-tokens with RS256, PS256, ES256 or ES384');
    }
    if (header['crit'] !== undefined) {
        throw new IdTokenError('format', 'the header has critical extensions (crit) this verifier does not understand', SIGN_IN_AGAIN);
    }
    const signature = Buffer.from(signaturePart, 'base64url');
    const signed = Buffer.from(`${headerPart}.${payloadPart}`, 'ascii');
    const keys = candidateKeys(jwks, header['kid'], alg, algorithm);
    if (!keys.some((key) => checkSignature(algorithm, key, signed, signature))) {
        throw new IdTokenError('signature', `the ${alg} signature does not verify against the provider's keys`, 'The token was not signed by the issuer; sign in again, and check nothing between you and the provider alters responses');
    }
    checkClaims(claims, options);
    return { header, claims, expiresAt: new Date(claims['exp'] * 1000) };
}
function checkClaims(claims, options) {
    const skew = options.skewSeconds ?? DEFAULT_SKEW_SECONDS;
    const now = Math.floor(options.now.getTime() / 1000);
    const iss = claims['iss'];
    if (iss !== options.issuer) {
        const found = typeof iss === 'string' ? `'${jwt_verify_truncate(iss)}'` : 'no issuer';
        throw new IdTokenError('iss', `the token names ${found}, not '${options.issuer}'`, 'The token comes from another issuer than --issuer; sign in again with the right --issuer');
    }
    const aud = claims['aud'];
    const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
    if (!audiences.every((a) => typeof a === 'string') || audiences.length === 0) {
        throw new IdTokenError('aud', 'the token has no valid aud claim', SIGN_IN_AGAIN);
    }
    if (!audiences.includes(options.clientId)) {
        throw new IdTokenError('aud', `the token was issued for another audience, not client '${options.clientId}'`, 'Check --client-id is the application the provider issued the token to');
    }
    const azp = claims['azp'];
    if (azp !== undefined && azp !== options.clientId) {
        throw new IdTokenError('azp', `the token's authorized party is another client, not '${options.clientId}'`, 'Check --client-id is the application the provider issued the token to');
    }
    if (audiences.length > 1 && azp === undefined) {
        throw new IdTokenError('azp', 'the token has several audiences and no azp claim naming this client', 'Configure the provider to issue id-tokens for this client alone, or with azp');
    }
    const exp = claims['exp'];
    if (!isNumericDate(exp))
        throw new IdTokenError('exp', 'the token has no numeric exp claim', SIGN_IN_AGAIN);
    if (now >= exp + skew) {
        throw new IdTokenError('exp', `the token expired at ${iso(exp)}`, 'Sign in again; if this repeats, check this machine\'s clock');
    }
    const iat = claims['iat'];
    if (!isNumericDate(iat))
        throw new IdTokenError('iat', 'the token has no numeric iat claim', SIGN_IN_AGAIN);
    if (iat > now + skew) {
        throw new IdTokenError('iat', `the token claims to be issued in the future (${iso(iat)})`, 'Check this machine\'s clock, then sign in again');
    }
    if (iat > exp)
        throw new IdTokenError('iat', 'the token was issued after it expires', SIGN_IN_AGAIN);
    const nbf = claims['nbf'];
    if (nbf !== undefined) {
        if (!isNumericDate(nbf))
            throw new IdTokenError('nbf', 'the token\'s nbf claim is not a number', SIGN_IN_AGAIN);
        if (nbf > now + skew) {
            throw new IdTokenError('nbf', `the token is not valid before ${iso(nbf)}`, 'Check this machine\'s clock, then sign in again');
        }
    }
    const nonce = claims['nonce'];
    if (typeof nonce !== 'string' || !sameString(nonce, options.nonce)) {
        throw new IdTokenError('nonce', typeof nonce === 'string' ? 'the token\'s nonce is not the one this sign-in sent' : 'the token carries no nonce', 'The token was not issued for this sign-in (replayed or mixed up); sign in again');
    }
    const sub = claims['sub'];
    if (typeof sub !== 'string' || !sub)
        throw new IdTokenError('sub', 'the token has no subject (sub)', SIGN_IN_AGAIN);
}
/** The keys that may have signed a token with this kid and alg; throws when there are none to try. */
function candidateKeys(jwks, kid, alg, algorithm) {
    const fits = (jwk) => jwk.kty === algorithm.kty &&
        (algorithm.crv === undefined || jwk.crv === algorithm.crv) &&
        (jwk.use === undefined || jwk.use === 'sig') &&
        (jwk.alg === undefined || jwk.alg === alg) &&
        (jwk.key_ops === undefined || (Array.isArray(jwk.key_ops) && jwk.key_ops.includes('verify')));
    let chosen;
    if (typeof kid === 'string') {
        const named = jwks.keys.filter((k) => k.kid === kid);
        if (named.length === 0) {
            throw new IdTokenError('kid', 'the provider\'s JWKS has no key with the token\'s kid', 'The provider may have rotated its keys; sign in again');
        }
        chosen = named.filter(fits);
        if (chosen.length === 0)
            throw new IdTokenError('kid', `the key named by the token's kid is not a ${alg} signing key`, SIGN_IN_AGAIN);
    }
    else {
        chosen = jwks.keys.filter(fits);
        if (chosen.length === 0)
            throw new IdTokenError('kid', `the provider's JWKS has no ${alg} signing key`, SIGN_IN_AGAIN);
    }
    const keys = chosen.map(importKey).filter((k) => k !== undefined);
    if (keys.length === 0)
        throw new IdTokenError('kid', `the provider's ${alg} keys are malformed or too weak`, 'Fix the provider\'s JWKS');
    return keys;
}
function importKey(jwk) {
    try {
        const key = jwk.kty === 'RSA'
            ? (0,external_node_crypto_.createPublicKey)({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
            : (0,external_node_crypto_.createPublicKey)({ key: { kty: 'EC', crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' });
        if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS)
            return undefined;
        return key;
    }
    catch {
        return undefined;
    }
}
function checkSignature(algorithm, key, signed, signature) {
    if (algorithm.signatureBytes !== undefined && signature.length !== algorithm.signatureBytes)
        return false;
    try {
        if (algorithm.kty === 'EC')
            return (0,external_node_crypto_.verify)(algorithm.hash, signed, { key, dsaEncoding: 'ieee-p1363' }, signature);
        if (algorithm.pss) {
            // RFC 7518 section 3.5: the salt is as long as the hash.
            return (0,external_node_crypto_.verify)(algorithm.hash, signed, { key, padding: external_node_crypto_.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, signature);
        }
        return (0,external_node_crypto_.verify)(algorithm.hash, signed, { key, padding: external_node_crypto_.constants.RSA_PKCS1_PADDING }, signature);
    }
    catch {
        return false;
    }
}
function decodeJson(part, what) {
    let value;
    try {
        value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    }
    catch {
        value = undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new IdTokenError('format', `the id-token's ${what} is not a JSON object`, SIGN_IN_AGAIN);
    }
    return value;
}
function isNumericDate(value) {
    return typeof value === 'number' && Number.isFinite(value);
}
function sameString(a, b) {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && (0,external_node_crypto_.timingSafeEqual)(x, y);
}
function iso(seconds) {
    const date = new Date(seconds * 1000);
    return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString();
}
function jwt_verify_truncate(value) {
    return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}

;// CONCATENATED MODULE: ./src/cli/login/pkce.ts
/**
 * PKCE (RFC 7636) and the two one-time values of an authorization request: `state` (ties the callback to this
 * terminal) and `nonce` (ties the id-token to this request). No I/O; randomness is passed in so tests can fix it.
 */

/** RFC 7636 section 4.1: 43 to 128 characters from the unreserved set. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** A code verifier of `length` characters (43..128), base64url of fresh random bytes. */
function createCodeVerifier(length = 64, random = external_node_crypto_.randomBytes) {
    if (!Number.isInteger(length) || length < 43 || length > 128) {
        throw new RangeError(`a PKCE code verifier is 43 to 128 characters long, not ${length}`);
    }
    // Each base64url character carries 6 bits: draw enough bytes, then cut to the exact length.
    return random(Math.ceil((length * 6) / 8)).toString('base64url').slice(0, length);
}
/** True when `value` may be sent as a code_verifier. */
function isCodeVerifier(value) {
    return VERIFIER.test(value);
}
/** The S256 code_challenge: base64url(SHA-256(ASCII(verifier))). */
function codeChallengeS256(verifier) {
    if (!isCodeVerifier(verifier))
        throw new RangeError('a PKCE code verifier must be 43 to 128 unreserved characters');
    return (0,external_node_crypto_.createHash)('sha256').update(verifier, 'ascii').digest('base64url');
}
/** An unguessable `state` value (256 bits). */
function createState(random = external_node_crypto_.randomBytes) {
    return random(32).toString('base64url');
}
/** An unguessable `nonce` value (256 bits). */
function createNonce(random = external_node_crypto_.randomBytes) {
    return random(32).toString('base64url');
}

;// CONCATENATED MODULE: ./src/cli/login/login.ts
/**
 * `login`: a person at a terminal signs in to an OpenID Connect provider in their browser (authorization code flow
 * with PKCE, loopback redirect) and gets back a verified id-token for AssumeRoleWithWebIdentity.
 */








const TOKEN_CALL = 'OIDC token request';
const JWKS_CALL = 'OIDC JWKS request';
/** No single request to the provider waits longer than this. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Signs in through the browser and returns a verified id-token. The token is never printed. */
async function login(options) {
    if (!options.clientId)
        throw new errors/* InputError */.dz('client-id', 'is empty', 'Give the client (application) id registered at the provider');
    const now = options.now ?? (() => new Date());
    const requestTimeoutMs = Math.min(options.timeoutMs, REQUEST_TIMEOUT_MS);
    const metadata = await discover(options.issuer, requestTimeoutMs);
    const verifier = createCodeVerifier();
    const state = createState();
    const nonce = createNonce();
    const server = await startCallbackServer({
        port: options.port,
        state,
        timeoutMs: options.timeoutMs,
        issuer: { value: metadata.issuer, required: metadata.issParameterSupported },
    });
    try {
        const url = authorizationUrl(metadata, {
            clientId: options.clientId,
            redirectUri: server.redirectUri,
            scopes: options.scopes,
            state,
            nonce,
            codeChallenge: codeChallengeS256(verifier),
        });
        options.print('Open this URL in a browser to sign in:');
        options.print(url);
        if (options.openBrowser)
            openBrowser(url);
        const code = await server.waitForCode();
        const idToken = await exchangeCode(metadata, {
            code,
            codeVerifier: verifier,
            redirectUri: server.redirectUri,
            clientId: options.clientId,
            clientSecret: options.clientSecret,
            timeoutMs: requestTimeoutMs,
        });
        const jwks = await fetchJwks(metadata, requestTimeoutMs);
        const verified = verifyIdToken(idToken, jwks, { issuer: metadata.issuer, clientId: options.clientId, nonce, now: now() });
        return { idToken, claims: verified.claims, expiresAt: verified.expiresAt };
    }
    finally {
        await server.close();
    }
}
/** The URL the browser opens: the provider's endpoint with the code-flow parameters (keeping any it already has). */
function authorizationUrl(metadata, request) {
    const url = new URL(metadata.authorizationEndpoint);
    const scopes = ['openid', ...(request.scopes ?? []).filter((s) => s && s !== 'openid')];
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', request.clientId);
    url.searchParams.set('redirect_uri', request.redirectUri);
    url.searchParams.set('scope', scopes.join(' '));
    url.searchParams.set('state', request.state);
    url.searchParams.set('nonce', request.nonce);
    url.searchParams.set('code_challenge', request.codeChallenge);
    url.searchParams.set('code_challenge_method', 'S256');
    return url.toString();
}
/** Redeems the authorization code at the token endpoint and returns the (still unverified) id_token. */
async function exchangeCode(metadata, exchange) {
    const form = new URLSearchParams({
        grant_type: 'authorization_code',
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
    });
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (exchange.clientSecret === undefined) {
        form.set('client_id', exchange.clientId);
    }
    else if (clientAuthMethod(metadata) === 'client_secret_basic') {
        // RFC 6749 section 2.3.1: both halves are form-encoded before base64.
        const pair = `${formEncode(exchange.clientId)}:${formEncode(exchange.clientSecret)}`;
        headers['authorization'] = `Basic ${Buffer.from(pair).toString('base64')}`;
    }
    else {
        form.set('client_id', exchange.clientId);
        form.set('client_secret', exchange.clientSecret);
    }
    let res;
    try {
        res = await (0,request/* httpRequest */.a)({ url: metadata.tokenEndpoint, method: 'POST', headers, body: form.toString(), timeoutMs: exchange.timeoutMs });
    }
    catch (err) {
        if (err instanceof request/* NetworkError */.D)
            throw (0,context/* networkFailure */.rd)(TOKEN_CALL, err, 'check the provider\'s token_endpoint');
        throw err;
    }
    const body = parseJsonObject(res.body);
    if (res.status !== 200) {
        const code = typeof body?.['error'] === 'string' ? body['error'].replace(/[^\w.-]/g, '').slice(0, 64) || `HTTP${res.status}` : `HTTP${res.status}`;
        const description = typeof body?.['error_description'] === 'string' ? body['error_description'].replace(/\p{Cc}/gu, ' ').slice(0, 300) : '';
        throw new errors/* AwsError */.Gy(TOKEN_CALL, code, description, tokenErrorHint(code, exchange.clientSecret !== undefined), res.status >= 500 || res.status === 429);
    }
    const idToken = body?.['id_token'];
    if (typeof idToken !== 'string' || !idToken) {
        throw new errors/* AwsError */.Gy(TOKEN_CALL, 'MissingIdToken', 'the token response has no id_token', 'The provider must issue an id-token: the openid scope is requested, so check the application is an OpenID Connect one', false);
    }
    return idToken;
}
/** The provider's signing keys. */
async function fetchJwks(metadata, timeoutMs) {
    let res;
    try {
        res = await (0,request/* httpRequest */.a)({ url: metadata.jwksUri, method: 'GET', headers: { accept: 'application/json' }, timeoutMs });
    }
    catch (err) {
        if (err instanceof request/* NetworkError */.D)
            throw (0,context/* networkFailure */.rd)(JWKS_CALL, err, 'check the provider\'s jwks_uri');
        throw err;
    }
    if (res.status !== 200) {
        throw new errors/* AwsError */.Gy(JWKS_CALL, `HTTP${res.status}`, '', 'The provider could not serve its signing keys; try again later', res.status >= 500 || res.status === 429);
    }
    return parseJwks(res.body);
}
/** client_secret_basic unless the provider lists only client_secret_post. */
function clientAuthMethod(metadata) {
    const methods = metadata.tokenEndpointAuthMethods;
    if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post'))
        return 'client_secret_post';
    return 'client_secret_basic';
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
function formEncode(value) {
    return new URLSearchParams({ v: value }).toString().slice(2);
}
function parseJsonObject(text) {
    try {
        const value = JSON.parse(text);
        return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ })

};
