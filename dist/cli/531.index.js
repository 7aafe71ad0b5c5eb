export const id = 531;
export const ids = [531,513];
export const modules = {

/***/ 7531:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SHADOWING_VARIABLES: () => (/* binding */ SHADOWING_VARIABLES),
  serveCommand: () => (/* binding */ serveCommand)
});

// EXTERNAL MODULE: ./src/config/values.ts
var values = __webpack_require__(3750);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/providers/registry.ts
var registry = __webpack_require__(3307);
// EXTERNAL MODULE: ./src/providers/context.ts
var context = __webpack_require__(9513);
// EXTERNAL MODULE: ./src/providers/validate-session.ts
var validate_session = __webpack_require__(6739);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: ./src/config/arn.ts
var arn = __webpack_require__(2465);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
;// CONCATENATED MODULE: ./src/delivery/refresh-schedule.ts

/** botocore refreshes in its last 15 minutes (the JS SDK in its last 5): answers stay out of that window. */
const SDK_REFRESH_WINDOW_MS = 15 * 60_000;
/** Room for a slow exchange (retries included) before the window is reached. */
const EXCHANGE_SLACK_MS = 5 * 60_000;
/** However the margin is set, no more than one exchange in this interval. */
const MIN_REFRESH_INTERVAL_MS = 5_000;
const RETRY_BASE_MS = 1_000;
const RETRY_CAP_MS = 60_000;
/** The default margin: every answer at least 15 minutes from expiry; half the lifetime for sessions of 15 minutes or less. */
function defaultMarginMs(lifetimeMs) {
    if (lifetimeMs <= SDK_REFRESH_WINDOW_MS)
        return Math.floor(lifetimeMs / 2);
    return SDK_REFRESH_WINDOW_MS + Math.min(EXCHANGE_SLACK_MS, Math.floor((lifetimeMs - SDK_REFRESH_WINDOW_MS) / 2));
}
/** Epoch ms at which a session obtained at `obtainedAt` and expiring at `expiresAt` is to be replaced. */
function nextRefreshAt(obtainedAt, expiresAt, marginMs) {
    const margin = marginMs ?? defaultMarginMs(expiresAt - obtainedAt);
    return Math.max(obtainedAt + MIN_REFRESH_INTERVAL_MS, expiresAt - margin);
}
/** The wait after the `failures`-th failed refresh in a row: capped exponential backoff with full jitter, never 0. */
function retryDelayMs(failures, random) {
    return Math.max(250, (0,retry/* backoffDelay */.EY)(failures, random, RETRY_BASE_MS, RETRY_CAP_MS));
}
/** `undefined` when `marginMs` suits a session of `lifetimeMs`; else the problem, for the error on refresh-margin-s. */
function marginProblem(marginMs, lifetimeMs) {
    if (marginMs < lifetimeMs)
        return undefined;
    return `${Math.round(marginMs / 1000)}s is not below the session's lifetime (${Math.round(lifetimeMs / 1000)}s), so no answer would ever be fresh`;
}
/**
 * The Expiration to advertise: the session's, but no later than the scheduled refresh plus botocore's window (the
 * widest SDK's), so every SDK re-asks after the endpoint has replaced the session, yet no answer falls inside
 * botocore's window before that (the JS SDK then re-asks at most 10 minutes after a refresh, 5 before its own window).
 */
function advertisedExpiration(expiresAt, refreshAt) {
    return refreshAt === undefined ? expiresAt : Math.min(expiresAt, refreshAt + SDK_REFRESH_WINDOW_MS);
}
/** Holds the current session in memory and replaces it before expiry; failures are retried with backoff. */
class SessionRefresher {
    options;
    session;
    obtainedAt;
    failures = 0;
    lastError = '';
    timer;
    stopped = false;
    exchanges = 0;
    constructor(options, initial, obtainedAt) {
        this.options = options;
        this.session = initial;
        this.obtainedAt = obtainedAt;
    }
    start() {
        this.schedule(nextRefreshAt(this.obtainedAt, expiry(this.session), this.options.marginMs) - this.options.now());
    }
    stop() {
        this.stopped = true;
        this.timer?.cancel();
    }
    /** What an SDK asking now gets: the session while it is valid, else why there is none. */
    current() {
        if (expiry(this.session) > this.options.now())
            return { session: this.session, refreshAt: nextRefreshAt(this.obtainedAt, expiry(this.session), this.options.marginMs) };
        const reason = this.lastError || 'the refresh has not completed';
        return { error: `the credentials expired at ${new Date(expiry(this.session)).toISOString()} and refreshing failed: ${reason}` };
    }
    /** One refresh now (the timer's work); exposed so tests drive it step by step. */
    async refreshNow() {
        if (this.stopped)
            return;
        try {
            const session = await this.options.refresh();
            this.exchanges++;
            this.session = session;
            this.obtainedAt = this.options.now();
            this.failures = 0;
            this.lastError = '';
            const next = nextRefreshAt(this.obtainedAt, expiry(session), this.options.marginMs);
            this.options.log(`refreshed: valid until ${new Date(expiry(session)).toISOString()}, next refresh at ${new Date(next).toISOString()}`);
            this.schedule(next - this.options.now());
        }
        catch (err) {
            this.failures++;
            this.lastError = err.message ?? String(err);
            const delay = retryDelayMs(this.failures, this.options.random());
            this.options.log(`refresh failed (${this.failures} in a row), retrying in ${delay} ms: ${this.lastError}`);
            this.schedule(delay);
        }
    }
    schedule(ms) {
        if (this.stopped)
            return;
        this.timer?.cancel();
        this.timer = this.options.setTimer(() => void this.refreshNow(), Math.max(0, ms));
    }
}
function expiry(session) {
    return session.credentials.expiration?.getTime() ?? 0;
}

;// CONCATENATED MODULE: ./src/delivery/credentials-endpoint.ts
/**
 * A local credentials endpoint in the form the AWS SDKs' container credential provider reads
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI + an authorization token): loopback only, every request authorized, every
 * answer from memory. `answerRequest` decides; `startCredentialsEndpoint` is the HTTP server around it.
 */




const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;
/** Compared in constant time: digests of equal length, so neither length nor content leaks through timing. */
function tokenMatches(given, expected) {
    const a = (0,external_node_crypto_.createHash)('sha256').update(given).digest();
    const b = (0,external_node_crypto_.createHash)('sha256').update(expected).digest();
    return (0,external_node_crypto_.timingSafeEqual)(a, b);
}
function error(status, code, message) {
    return { status, body: JSON.stringify({ Code: code, Message: message }) };
}
/** The reply to one request. Pure: the current answer is passed in. */
function answerRequest(req, secrets, current) {
    if (!req.remoteAddress || !LOOPBACK.test(req.remoteAddress))
        return error(403, 'Forbidden', 'only this machine may ask');
    // A page in a browser reaching 127.0.0.1 under another name (DNS rebinding) carries that name in Host.
    const hosts = [`127.0.0.1:${secrets.port}`, `localhost:${secrets.port}`];
    if (!req.host || !hosts.includes(req.host.toLowerCase()))
        return error(403, 'Forbidden', 'unexpected Host header');
    if (req.authorization === undefined || req.authorization === '') {
        return error(401, 'Unauthorized', 'no Authorization header: set AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE or AWS_CONTAINER_AUTHORIZATION_TOKEN as exported');
    }
    if (!tokenMatches(req.authorization, secrets.token))
        return error(403, 'Forbidden', 'the authorization token is not this endpoint\'s');
    if (req.target !== secrets.path)
        return error(404, 'NotFound', 'no such path');
    if (req.method === 'DELETE')
        return { status: 200, body: '{"Stopping":true}', stop: true };
    if (req.method !== 'GET')
        return error(405, 'MethodNotAllowed', 'use GET');
    const answer = current();
    // 5xx: botocore shows the body's text, and the JS SDK retries before giving up with the status.
    if ('error' in answer)
        return error(503, 'CredentialsUnavailable', answer.error);
    const c = answer.session.credentials;
    const doc = {
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        Token: c.sessionToken ?? '',
        Expiration: c.expiration ? new Date(advertisedExpiration(c.expiration.getTime(), answer.refreshAt)).toISOString() : '',
    };
    const account = (0,arn/* accountOfArn */.KC)(answer.session.assumedRoleArn ?? '');
    if (account)
        doc['AccountId'] = account;
    return { status: 200, body: JSON.stringify(doc) };
}
/** Listens on 127.0.0.1 only; never logs a header, a token or a credential. */
async function startCredentialsEndpoint(options) {
    let requestStop = () => undefined;
    const stopRequested = new Promise((resolve) => (requestStop = resolve));
    const stats = { answers: 0, refused: 0, latenciesUs: [] };
    const secrets = { path: options.path, token: options.token, port: 0 };
    const server = (0,external_node_http_.createServer)((req, res) => {
        const started = process.hrtime.bigint();
        const reply = answerRequest({ method: req.method ?? '', target: req.url ?? '', host: req.headers.host, authorization: req.headers.authorization, remoteAddress: req.socket.remoteAddress }, secrets, options.current);
        res.writeHead(reply.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(reply.body);
        if (reply.status === 200 && !reply.stop) {
            stats.answers++;
            if (options.keepLatencies) {
                // A ring: the last keepLatencies answers, without shifting an array on every request.
                stats.latenciesUs[(stats.answers - 1) % options.keepLatencies] = Number(process.hrtime.bigint() - started) / 1000;
            }
        }
        else if (reply.status !== 200) {
            stats.refused++;
            options.log(`refused ${req.method ?? '?'} with ${reply.status} (${JSON.parse(reply.body).Message})`);
        }
        if (reply.stop)
            requestStop();
    });
    server.keepAliveTimeout = 5_000;
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, '127.0.0.1', () => resolve());
    });
    secrets.port = server.address().port;
    return {
        port: secrets.port,
        url: `http://127.0.0.1:${secrets.port}${options.path}`,
        stopRequested,
        stats,
        close: () => new Promise((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
        }),
    };
}

;// CONCATENATED MODULE: ./src/delivery/endpoint-handover.ts
/**
 * What the action's main step hands the detached endpoint process over its stdin pipe: the configuration (it may hold
 * a private key: never on a command line or in a file), the first session, and the endpoint's path and token. Pure.
 */

function serializeHandover(handover) {
    return JSON.stringify(handover);
}
/** The handover in `text`, with its dates revived; throws on anything malformed (it comes from our own main step). */
function parseHandover(text) {
    const doc = JSON.parse(text);
    const ok = typeof doc === 'object' && doc !== null &&
        typeof doc.config === 'object' && typeof doc.session?.credentials?.accessKeyId === 'string' &&
        typeof doc.path === 'string' && /^\/[\w-]{16,}$/.test(doc.path) &&
        typeof doc.token === 'string' && doc.token.length >= 32 &&
        Number.isInteger(doc.obtainedAt) && Number.isInteger(doc.maxLifetimeMs) &&
        (doc.marginMs === undefined || Number.isInteger(doc.marginMs)) &&
        (doc.watchPid === undefined || (Number.isInteger(doc.watchPid) && doc.watchPid > 0));
    if (!ok)
        throw new Error('the endpoint handover is malformed');
    const expiration = doc.session.credentials.expiration;
    if (expiration !== undefined)
        doc.session.credentials.expiration = new Date(expiration);
    return doc;
}
/** A fresh random path and token: 128 and 256 bits. */
function newEndpointSecrets() {
    return { path: `/${(0,external_node_crypto_.randomBytes)(16).toString('hex')}`, token: (0,external_node_crypto_.randomBytes)(32).toString('base64url') };
}

;// CONCATENATED MODULE: ./src/delivery/endpoint-export.ts
const ENDPOINT_URL_VARIABLE = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
const ENDPOINT_TOKEN_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';
const ENDPOINT_TOKEN_FILE_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE';
/**
 * Static keys win over the endpoint in every SDK, so earlier ones are cleared: an empty value counts as unset in
 * botocore, the AWS CLI and the JS SDK. The token goes in a file: botocore and the JS SDK prefer a token file to the
 * variable, so a file exported by an earlier step (EKS Pod Identity's) would otherwise be sent instead of ours.
 */
function exportEndpointEnvironment(out, endpoint, region) {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', ENDPOINT_TOKEN_VARIABLE])
        out.exportVariable(name, '');
    out.exportVariable(ENDPOINT_URL_VARIABLE, endpoint.url);
    out.exportVariable(ENDPOINT_TOKEN_FILE_VARIABLE, endpoint.tokenFile);
    out.exportVariable('AWS_REGION', region);
    out.exportVariable('AWS_DEFAULT_REGION', region);
}

// EXTERNAL MODULE: ./src/cli/formats.ts
var formats = __webpack_require__(8726);
// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/cli/run-command.ts + 3 modules
var run_command = __webpack_require__(9518);
;// CONCATENATED MODULE: ./src/cli/serve-command.ts












/** Every SDK prefers these to the endpoint, and a relative URI to the full one. */
const SHADOWING_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', ENDPOINT_TOKEN_FILE_VARIABLE];
const DEFAULT_MAX_LIFETIME_S = 24 * 3600;
const WATCH_INTERVAL_MS = 2_000;
/** Answer latencies kept for the summary logged at stop (80 KB). */
const KEPT_LATENCIES = 10_000;
/** ` (answer latency p50 0.08 ms, p99 0.31 ms over the last N)`, or nothing before the first answer. */
function latencySummary(latenciesUs) {
    if (latenciesUs.length === 0)
        return '';
    const sorted = [...latenciesUs].sort((a, b) => a - b);
    const at = (p) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000).toFixed(2);
    return ` (answer latency p50 ${at(0.5)} ms, p99 ${at(0.99)} ms over the last ${sorted.length})`;
}
async function serveCommand(args, io, known) {
    if (args.flags.get('handover') === 'true')
        return serveHandover(io);
    const { get, config } = await (0,run_command.loadSettings)(args, io, known);
    const format = (get('format') || 'sh');
    if (!formats/* ENV_FORMATS */.$G.includes(format))
        throw new cli_args/* UsageError */.eb(`--format must be one of ${formats/* ENV_FORMATS */.$G.join(', ')}`);
    const first = await (0,run_command.session)(config, io, get);
    const obtainedAt = Date.now();
    const marginMs = get('refresh-margin-s') ? 1000 * (0,values/* parseInteger */.cG)(get('refresh-margin-s'), 'refresh-margin-s', 0, 43200, 'seconds') : undefined;
    checkMargin(marginMs, first, obtainedAt);
    const { path, token } = newEndpointSecrets();
    io.secret?.(token);
    const maxLifetimeMs = 1000 * (get('max-lifetime-s') ? (0,values/* parseInteger */.cG)(get('max-lifetime-s'), 'max-lifetime-s', 1, 30 * 86400, 'seconds') : DEFAULT_MAX_LIFETIME_S);
    const running = await runEndpoint({ config, session: first, obtainedAt, path, token, ...(marginMs !== undefined ? { marginMs } : {}), maxLifetimeMs }, io, () => (0,run_command.session)(config, io, get));
    const variables = [[ENDPOINT_URL_VARIABLE, running.endpoint.url], [ENDPOINT_TOKEN_VARIABLE, token], ['AWS_REGION', config.region], ['AWS_DEFAULT_REGION', config.region]];
    if (args.rest.length === 0) {
        io.stdout((0,formats/* formatEnvironment */.$K)(variables, format));
        io.stderr(`Serving credentials at ${running.endpoint.url} until interrupted (Ctrl-C)\n`);
        await running.done;
        return 0;
    }
    const env = { ...io.env };
    for (const name of SHADOWING_VARIABLES)
        delete env[name];
    for (const [k, v] of variables)
        env[k] = v;
    const [command, ...rest] = args.rest;
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    const code = await new Promise((resolveExit) => {
        const child = spawn(command, rest, { env: env, stdio: 'inherit' });
        child.on('error', (err) => {
            io.stderr(`aws-short-lived-credentials: cannot run '${command}': ${err.code ?? err.message}\n`);
            resolveExit(127);
        });
        child.on('exit', (c, signal) => resolveExit(c ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1)));
    });
    await running.stop('the command exited');
    return code;
}
function checkMargin(marginMs, session, obtainedAt) {
    if (marginMs === undefined)
        return;
    const lifetime = (session.credentials.expiration?.getTime() ?? obtainedAt) - obtainedAt;
    const problem = marginProblem(marginMs, lifetime);
    if (problem)
        throw new errors/* InputError */.dz('refresh-margin-s', problem, 'Set it below the session length (role-duration-seconds, or the IoT role alias\'s), or leave it unset for the default');
}
/** The action's detached form: read the handover, serve, report the port on stdout, then hold no pipe of the step. */
async function serveHandover(io) {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    const handover = parseHandover(Buffer.concat(chunks).toString('utf8'));
    io.secret?.(handover.token);
    const refresh = async () => {
        const ctx = (0,context.createProviderContext)({ env: io.env, retry: handover.config.retry, httpProxy: handover.config.httpProxy, mask: (v) => io.secret?.(v), debug: () => undefined });
        return (await (0,registry/* obtainSession */.U)(handover.config, ctx)).final;
    };
    const running = await runEndpoint(handover, io, refresh);
    process.stdout.write(`${JSON.stringify({ port: running.endpoint.port, pid: process.pid })}\n`, () => process.stdout.destroy());
    process.stdin.destroy();
    await running.done;
    return 0;
}
/** The endpoint and its refresher until a DELETE, a signal, the watched process's end or the maximum lifetime. */
async function runEndpoint(handover, io, obtain) {
    const started = Date.now();
    const log = (line) => io.stderr(`${new Date().toISOString()} credentials endpoint: ${line}\n`);
    const refresher = new SessionRefresher({
        refresh: async () => (0,validate_session/* validateSession */.dk)(await obtain(), { endpoint: 'the credentials exchange', now: new Date(), call: 'credentials refresh' }),
        now: () => Date.now(),
        random: () => Math.random(),
        setTimer: (fn, ms) => {
            const t = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
            return { cancel: () => clearTimeout(t) };
        },
        ...(handover.marginMs !== undefined ? { marginMs: handover.marginMs } : {}),
        log,
    }, (0,validate_session/* validateSession */.dk)(handover.session, { endpoint: 'the credentials exchange', now: new Date(), call: 'credentials refresh' }), handover.obtainedAt);
    const endpoint = await startCredentialsEndpoint({ path: handover.path, token: handover.token, port: 0, current: () => refresher.current(), log, keepLatencies: KEPT_LATENCIES });
    refresher.start();
    log(`listening on 127.0.0.1:${endpoint.port}`);
    let finish = () => undefined;
    const done = new Promise((resolve) => (finish = resolve));
    let stopping = false;
    const timers = [];
    const stop = async (reason) => {
        if (stopping)
            return;
        stopping = true;
        for (const t of timers)
            clearTimeout(t);
        refresher.stop();
        await endpoint.close();
        log(`stopped (${reason}): ${endpoint.stats.answers} answers served${latencySummary(endpoint.stats.latenciesUs)}, ${endpoint.stats.refused} refused, ${refresher.exchanges} refreshes over ${Math.round((Date.now() - started) / 1000)}s`);
        finish();
    };
    void endpoint.stopRequested.then(() => stop('asked to stop'));
    timers.push(setTimeout(() => void stop('maximum lifetime reached'), Math.min(handover.maxLifetimeMs, 2 ** 31 - 1)));
    if (handover.watchPid) {
        const pid = handover.watchPid;
        const watch = setInterval(() => {
            if (!alive(pid)) {
                clearInterval(watch);
                void stop(`process ${pid} is gone`);
            }
        }, WATCH_INTERVAL_MS);
        timers.push(watch);
    }
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'])
        process.once(signal, () => void stop(signal));
    return { endpoint, done, stop };
}
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}


/***/ }),

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

/***/ 3307:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U: () => (/* binding */ obtainSession)
/* harmony export */ });
/* unused harmony export providerFor */
const PROVIDERS = {
    oidc: async () => (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(303)]).then(__webpack_require__.bind(__webpack_require__, 5303))).oidcProvider,
    'role-chaining': async () => (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(861), __webpack_require__.e(695), __webpack_require__.e(970)]).then(__webpack_require__.bind(__webpack_require__, 9970))).roleChainingProvider,
    'iot-certificate': async () => (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(21), __webpack_require__.e(562)]).then(__webpack_require__.bind(__webpack_require__, 7562))).iotProvider,
    'roles-anywhere': async () => (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(21), __webpack_require__.e(577)]).then(__webpack_require__.bind(__webpack_require__, 9577))).rolesAnywhereProvider,
    'minio-certificate': async () => (await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(893), __webpack_require__.e(21), __webpack_require__.e(585)]).then(__webpack_require__.bind(__webpack_require__, 1585))).minioProvider,
};
async function providerFor(source) {
    return (await PROVIDERS[source.mode]());
}
/** The mode's session, then the chained hop if any. Each session is masked the moment it exists. */
async function obtainSession(config, ctx) {
    const provider = await providerFor(config.source);
    const session = await provider(config.source, config, ctx);
    maskSession(session, ctx);
    if (!config.chainRoleArn)
        return { source: session, final: session };
    const { assumeRoleWith, chainedDuration, roleArnFor } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(861), __webpack_require__.e(695), __webpack_require__.e(970)]).then(__webpack_require__.bind(__webpack_require__, 9970));
    const roleArn = await roleArnFor(config.chainRoleArn, session.credentials, session.assumedRoleArn, config, ctx);
    const final = await assumeRoleWith(session.credentials, roleArn, config, ctx, chainedDuration(config));
    maskSession(final, ctx);
    return { source: session, final };
}
function maskSession(session, ctx) {
    const c = session.credentials;
    for (const value of [c.accessKeyId, c.secretAccessKey, c.sessionToken])
        if (value)
            ctx.mask(value);
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
