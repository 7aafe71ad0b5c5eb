export const id = 853;
export const ids = [853];
export const modules = {

/***/ 836:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  rd: () => (/* binding */ networkFailure),
  R$: () => (/* binding */ retrying),
  tN: () => (/* binding */ send)
});

// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(809);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(916);
// EXTERNAL MODULE: ./src/http/proxy.ts
var http_proxy = __webpack_require__(856);
;// CONCATENATED MODULE: ./src/http/request.ts

/** A failure below HTTP: refused, reset, timed out, TLS alert. `code` is Node's error code or `ETIMEDOUT`. */
class NetworkError extends Error {
    code;
    name = 'NetworkError';
    constructor(code, message) {
        super(message);
        this.code = code;
    }
}
/** Responses larger than this are not credentials: stop reading rather than buffer without bound. */
const MAX_BODY_BYTES = 1 << 20;
async function httpRequest(req) {
    const url = new URL(req.url);
    const isHttps = url.protocol === 'https:';
    const mod = isHttps ? await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 708, 23)) : await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 67, 23));
    return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (err, res) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            if (err) {
                request.destroy();
                reject(err);
            }
            else
                resolve(res);
        };
        const options = {
            method: req.method,
            protocol: url.protocol,
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port || (isHttps ? 443 : 80),
            path: url.pathname + url.search,
            headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}) },
            agent: false,
        };
        if (isHttps) {
            options.minVersion = 'TLSv1.2';
            options.servername = req.tls?.servername ?? (isIpAddress(url.hostname) ? undefined : url.hostname);
            // https passes it through to tls.connect; its RequestOptions type does not list it.
            if (req.tls?.secureContext)
                options.secureContext = req.tls.secureContext;
        }
        if (req.proxy && !isHttps) {
            // Plain http through a proxy: the absolute URL goes to the proxy itself.
            options.hostname = req.proxy.hostname;
            options.port = req.proxy.port || 80;
            options.path = url.toString();
            options.headers = { ...options.headers, host: url.host, ...proxyAuthorization(req.proxy) };
        }
        else if (req.proxy) {
            const proxy = req.proxy;
            // An agent of our own whose sockets are TLS over a CONNECT tunnel (request-level createConnection is ignored
            // once an agent is involved, and agent: false creates one).
            const agent = new mod.Agent({ keepAlive: false });
            agent.createConnection = ((_opts, oncreate) => {
                openTunnel(proxy, url, req.timeoutMs).then(async (tunnel) => oncreate(null, await tunnelTls(tunnel, options)), (err) => oncreate(err));
                return undefined;
            });
            options.agent = agent;
        }
        const request = mod.request(options, (res) => {
            const chunks = [];
            let size = 0;
            res.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_BODY_BYTES)
                    finish(new NetworkError('EMSGSIZE', `response from ${url.host} exceeds ${MAX_BODY_BYTES} bytes`));
                else
                    chunks.push(chunk);
            });
            res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('aborted', () => finish(new NetworkError('ECONNRESET', `connection to ${url.host} was reset while reading the response`)));
            res.on('error', (err) => finish(toNetworkError(err, url.host)));
        });
        const timer = setTimeout(() => finish(new NetworkError('ETIMEDOUT', `no complete response from ${url.host} within ${Math.round(req.timeoutMs)} ms`)), req.timeoutMs);
        request.on('error', (err) => finish(toNetworkError(err, url.host)));
        request.end(req.body);
    });
}
function proxyAuthorization(proxy) {
    if (!proxy.username)
        return {};
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}
/** Asks the proxy for a raw TCP tunnel to the target (HTTP CONNECT). */
async function openTunnel(proxy, target, timeoutMs) {
    const http = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 67, 23));
    const authority = `${target.hostname}:${target.port || 443}`;
    return new Promise((resolve, reject) => {
        const req = http.request({
            host: proxy.hostname,
            port: proxy.port || 80,
            method: 'CONNECT',
            path: authority,
            headers: { host: authority, ...proxyAuthorization(proxy) },
            agent: false,
            timeout: timeoutMs,
        });
        req.on('connect', (res, socket) => {
            if (res.statusCode === 200)
                return resolve(socket);
            socket.destroy();
            // 407 is the standard answer; some proxies (tinyproxy) answer 401.
            const code = res.statusCode === 407 || res.statusCode === 401 ? 'EPROXYAUTH' : 'EPROXY';
            reject(new NetworkError(code, `proxy ${(0,http_proxy/* describeProxy */.GK)(proxy)} refused CONNECT ${authority} with HTTP ${res.statusCode}`));
        });
        req.on('timeout', () => req.destroy(new NetworkError('ETIMEDOUT', `proxy ${(0,http_proxy/* describeProxy */.GK)(proxy)} did not open a tunnel in time`)));
        req.on('error', (err) => reject(err instanceof NetworkError ? err : new NetworkError(err.code ?? 'EPROXY', `proxy ${(0,http_proxy/* describeProxy */.GK)(proxy)}: ${err.message}`)));
        req.end();
    });
}
/** TLS to the target over the tunnel: SNI, verification and the client certificate exactly as without a proxy. */
async function tunnelTls(socket, options) {
    // Already loaded with https, so importing it here costs nothing more.
    const { connect } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 692, 23));
    return connect({
        socket,
        servername: options.servername,
        minVersion: options.minVersion,
        secureContext: options.secureContext,
    });
}
function toNetworkError(err, host) {
    if (err instanceof NetworkError)
        return err;
    const code = err.code ?? 'ERR_NETWORK';
    return new NetworkError(code, `talking to ${host}: ${err.message}`);
}
function isIpAddress(host) {
    return /^[\d.]+$/.test(host) || host.includes(':');
}

;// CONCATENATED MODULE: ./src/providers/context.ts



const TRANSIENT_NETWORK = new Set([
    'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'UND_ERR_SOCKET',
]);
/** A network failure as an AwsError: transient ones retried, the rest (DNS, TLS) explained. */
function networkFailure(call, err, endpointHint) {
    if (TRANSIENT_NETWORK.has(err.code))
        return new errors/* AwsError */.Gy(call, err.code, err.message, '', true);
    if (err.code === 'EPROXYAUTH') {
        return new errors/* AwsError */.Gy(call, err.code, err.message, 'The proxy refused its credentials: check the user and password in http-proxy or HTTPS_PROXY', false);
    }
    if (err.code === 'EPROXY') {
        return new errors/* AwsError */.Gy(call, err.code, err.message, 'The proxy would not open a tunnel: check http-proxy / HTTPS_PROXY, and NO_PROXY for hosts to reach directly', false);
    }
    if (err.code === 'ENOTFOUND') {
        return new errors/* AwsError */.Gy(call, err.code, err.message, `The host name does not resolve: ${endpointHint}`, false);
    }
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/i.test(err.code)) {
        return new errors/* AwsError */.Gy(call, err.code, err.message, 'The server\'s TLS certificate was not trusted; TLS verification stays on: fix the endpoint, or add its CA (NODE_EXTRA_CA_CERTS, or ca-certificate for IoT)', false);
    }
    return new errors/* AwsError */.Gy(call, err.code, err.message, '', false);
}
/** Runs a call's attempts within the context's bounds (retry-max-attempts, action-timeout-s), logging each retry. */
function retrying(ctx, call, attempt) {
    return (0,retry/* withRetry */.bD)(call, attempt, { maxAttempts: ctx.maxAttempts, deadline: ctx.deadline }, ctx.clock, (err, n, delay) => ctx.debug(`${call}: attempt ${n} failed with ${err.code}; retrying in ${delay} ms`));
}
/** One request through the context's proxy; a failure below HTTP becomes the AwsError `toAwsError` makes of it. */
async function send(ctx, req, toAwsError) {
    try {
        return await httpRequest({ ...req, proxy: ctx.proxyFor(req.url) });
    }
    catch (err) {
        if (err instanceof NetworkError)
            throw toAwsError(err);
        throw err;
    }
}


/***/ }),

/***/ 720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Xf: () => (/* binding */ serviceEndpoint),
/* harmony export */   u1: () => (/* binding */ stsEndpoint)
/* harmony export */ });
/* unused harmony export dnsSuffix */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(916);
/** Service endpoints, resolved the way the AWS SDKs do: service-specific env, then global env, then the region's. Pure. */

function dnsSuffix(region) {
    return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}
/** `serviceEnvId` is the SDK's env suffix, e.g. `STS` for `AWS_ENDPOINT_URL_STS`, `ROLESANYWHERE`. */
function serviceEndpoint(hostPrefix, serviceEnvId, region, env) {
    if (env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS']?.toLowerCase() !== 'true') {
        for (const name of [`AWS_ENDPOINT_URL_${serviceEnvId}`, 'AWS_ENDPOINT_URL']) {
            const value = env[name];
            if (value)
                return checkedUrl(value, name);
        }
    }
    const fips = env['AWS_USE_FIPS_ENDPOINT']?.toLowerCase() === 'true' ? '-fips' : '';
    return `https://${hostPrefix}${fips}.${region}.${dnsSuffix(region)}`;
}
function stsEndpoint(region, env) {
    return serviceEndpoint('sts', 'STS', region, env);
}
function checkedUrl(value, name) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `'${value}' is not a URL`, `Set ${name} to a URL like https://sts.us-east-1.amazonaws.com, or unset it`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(name, `'${value}' is not an http(s) URL`, `Set ${name} to an https:// URL, or unset it`);
    }
    return value.replace(/\/+$/, '');
}


/***/ }),

/***/ 89:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   H$: () => (/* binding */ tagParams),
/* harmony export */   He: () => (/* binding */ runTags),
/* harmony export */   hz: () => (/* binding */ sessionPolicyParams)
/* harmony export */ });
/* unused harmony export sanitiseTagValue */
function sessionPolicyParams(session) {
    const params = {};
    if (session.inlinePolicy)
        params['Policy'] = session.inlinePolicy;
    session.managedPolicyArns.forEach((arn, i) => {
        params[`PolicyArns.member.${i + 1}.arn`] = arn;
    });
    return params;
}
/** Characters STS accepts in a tag value; others become '_'. Values are cut to 256 characters. */
function sanitiseTagValue(value) {
    // Cut by code point: slicing UTF-16 units could leave half a surrogate pair, which encodeURIComponent refuses.
    return Array.from(value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_')).slice(0, 256).join('');
}
/** Session tags naming the run, as CloudTrail and ABAC policies see them; none outside GitHub Actions. */
function runTags(env) {
    if (!env['GITHUB_REPOSITORY'])
        return [];
    const tags = [
        ['GitHub', 'Actions'],
        ['Repository', env['GITHUB_REPOSITORY']],
        ['Workflow', env['GITHUB_WORKFLOW']],
        ['RunId', env['GITHUB_RUN_ID']],
        ['Actor', env['GITHUB_ACTOR']],
        ['Commit', env['GITHUB_SHA']],
        ['Branch', env['GITHUB_REF']],
    ];
    return tags
        .filter((t) => typeof t[1] === 'string' && t[1] !== '')
        .map(([k, v]) => [k, sanitiseTagValue(v)]);
}
function tagParams(tags) {
    const params = {};
    tags.forEach(([key, value], i) => {
        params[`Tags.member.${i + 1}.Key`] = key;
        params[`Tags.member.${i + 1}.Value`] = value;
    });
    return params;
}


/***/ }),

/***/ 805:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  l: () => (/* binding */ callSts)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: ./src/signing/canonical-request.ts
var canonical_request = __webpack_require__(133);
;// CONCATENATED MODULE: ./src/signing/sigv4.ts
/** AWS Signature Version 4 with an access key (HMAC-SHA256), for STS AssumeRole hops. Pure: clock passed in. */



/** The canonical request of a request given by URL (its path and query read from the URL). */
function canonicalRequest(req) {
    const url = new URL(req.url);
    return (0,canonical_request/* canonicalRequest */.O9)({
        method: req.method,
        path: url.pathname.split('/').map((s) => decodeURIComponent(s)).join('/'),
        query: [...url.searchParams.entries()],
        headers: req.headers,
        body: req.body,
    });
}
/** Returns the request's headers plus `host`, `x-amz-date`, the session token and `authorization`. */
function signRequest(req, credentials, region, service, now) {
    const date = (0,canonical_request/* amzDate */.bQ)(now);
    const headers = { ...req.headers, host: new URL(req.url).host, 'x-amz-date': date };
    if (credentials.sessionToken)
        headers['x-amz-security-token'] = credentials.sessionToken;
    const { text, signedHeaders } = canonicalRequest({ ...req, headers });
    const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', date, scope, (0,canonical_request/* sha256Hex */.fg)(text)].join('\n');
    let key = (0,external_node_crypto_.createHmac)('sha256', `AWS4${credentials.secretAccessKey}`).update(date.slice(0, 8)).digest();
    for (const part of [region, service, 'aws4_request'])
        key = (0,external_node_crypto_.createHmac)('sha256', key).update(part).digest();
    const signature = (0,external_node_crypto_.createHmac)('sha256', key).update(stringToSign).digest('hex');
    headers['authorization'] = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return headers;
}

// EXTERNAL MODULE: ./src/providers/context.ts + 1 modules
var context = __webpack_require__(836);
// EXTERNAL MODULE: ./src/providers/endpoints.ts
var endpoints = __webpack_require__(720);
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

;// CONCATENATED MODULE: ./src/providers/sts-query.ts
const STS_VERSION = '2011-06-15';
function formBody(action, params) {
    const all = { Action: action, Version: STS_VERSION, ...params };
    return Object.entries(all)
        .filter((e) => e[1] !== undefined)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
}
/** The text of the first `<tag>` element, XML entities decoded; '' when absent. */
function xmlText(xml, tag) {
    const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
    return match?.[1] ? decodeXml(match[1]) : '';
}
function decodeXml(text) {
    return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (entity, e) => {
        if (e === 'lt')
            return '<';
        if (e === 'gt')
            return '>';
        if (e === 'amp')
            return '&';
        if (e === 'quot')
            return '"';
        if (e === 'apos')
            return "'";
        const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        // Beyond Unicode: String.fromCodePoint would throw on a malformed answer; keep the text as written.
        return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    });
}
/** Reads `<Credentials>` and `<AssumedRoleUser><Arn>` from an AssumeRole* answer; undefined if they are missing. */
function parseAssumeRoleResult(xml) {
    const block = /<Credentials>([\s\S]*?)<\/Credentials>/.exec(xml)?.[1];
    if (!block)
        return undefined;
    const credentials = {
        accessKeyId: xmlText(block, 'AccessKeyId'),
        secretAccessKey: xmlText(block, 'SecretAccessKey'),
        sessionToken: xmlText(block, 'SessionToken'),
    };
    const expiration = new Date(xmlText(block, 'Expiration'));
    if (!credentials.accessKeyId || !credentials.secretAccessKey || Number.isNaN(expiration.getTime()))
        return undefined;
    credentials.expiration = expiration;
    const user = /<AssumedRoleUser>([\s\S]*?)<\/AssumedRoleUser>/.exec(xml)?.[1] ?? '';
    const arn = xmlText(user, 'Arn');
    return arn ? { credentials, assumedRoleArn: arn } : { credentials };
}
function parseStsError(xml) {
    const error = /<Error>([\s\S]*?)<\/Error>/.exec(xml)?.[1];
    if (!error)
        return undefined;
    return { code: xmlText(error, 'Code'), message: xmlText(error, 'Message') };
}

;// CONCATENATED MODULE: ./src/providers/sts.ts






async function callSts(ctx, req) {
    const call = `sts:${req.action}`;
    const endpoint = (0,endpoints/* stsEndpoint */.u1)(req.region, ctx.env);
    return (0,context/* retrying */.R$)(ctx, call, async (attempt, timeoutMs) => {
        const body = formBody(req.action, await req.params(attempt));
        const base = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' };
        const headers = req.credentials
            ? signRequest({ method: 'POST', url: `${endpoint}/`, headers: base, body }, req.credentials, req.region, 'sts', new Date(ctx.clock.now()))
            : base;
        ctx.debug(`${call}: attempt ${attempt} to ${endpoint}`);
        const res = await (0,context/* send */.tN)(ctx, { url: `${endpoint}/`, method: 'POST', headers, body, timeoutMs }, (err) => (0,context/* networkFailure */.rd)(call, err, `check aws-region and AWS_ENDPOINT_URL_STS (${endpoint})`));
        if (res.status === 200) {
            const session = parseAssumeRoleResult(res.body);
            if (!session)
                throw new errors/* AwsError */.Gy(call, 'MalformedResponse', `HTTP 200 without credentials from ${endpoint}`, 'Check that the endpoint is STS', false);
            return session;
        }
        const parsed = parseStsError(res.body);
        throw stsError(call, res.status, parsed?.code ?? '', parsed?.message ?? `HTTP ${res.status}`);
    });
}


/***/ }),

/***/ 133:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O9: () => (/* binding */ canonicalRequest),
/* harmony export */   bQ: () => (/* binding */ amzDate),
/* harmony export */   fg: () => (/* binding */ sha256Hex)
/* harmony export */ });
/* unused harmony export uriEncode */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The SigV4 canonical request, shared by both signers: the HMAC one (sigv4.ts, STS AssumeRole hops) and the X.509 one
 * (sigv4-x509.ts, Roles Anywhere). Pure.
 */

function sha256Hex(data) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(data).digest('hex');
}
/** `YYYYMMDDTHHMMSSZ`, the form of `X-Amz-Date`. */
function amzDate(now) {
    return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` leaves !'()* alone). */
function uriEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
// AWS's helper leaves these out of the signature: they are set or rewritten by transports and proxies.
const UNSIGNED_HEADERS = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);
/** The SigV4 canonical request for `req` and its `SignedHeaders` list (every header given, except the unsigned ones). */
function canonicalRequest(req) {
    const values = new Map();
    for (const [name, value] of Object.entries(req.headers)) {
        const lower = name.toLowerCase();
        if (UNSIGNED_HEADERS.has(lower))
            continue;
        values.set(lower, [...(values.get(lower) ?? []), value.trim().replace(/\s+/g, ' ')]);
    }
    const names = [...values.keys()].sort();
    const signedHeaders = names.join(';');
    const pairs = Array.isArray(req.query) ? req.query : Object.entries(req.query ?? {});
    const query = pairs
        .map(([k, v]) => [uriEncode(k), uriEncode(v)])
        .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    const text = [
        req.method.toUpperCase(),
        req.path.split('/').map(uriEncode).join('/') || '/',
        query,
        names.map((n) => `${n}:${(values.get(n) ?? []).join(',')}\n`).join(''),
        signedHeaders,
        sha256Hex(req.body),
    ].join('\n');
    return { text, signedHeaders };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}


/***/ })

};
