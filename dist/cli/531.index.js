export const id = 531;
export const ids = [531];
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
        Expiration: c.expiration?.toISOString() ?? '',
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
                stats.latenciesUs.push(Number(process.hrtime.bigint() - started) / 1000);
                if (stats.latenciesUs.length > options.keepLatencies)
                    stats.latenciesUs.shift();
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
            return { session: this.session };
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
// EXTERNAL MODULE: ./src/cli/run-command.ts + 6 modules
var run_command = __webpack_require__(8203);
;// CONCATENATED MODULE: ./src/cli/serve-command.ts












/** Every SDK prefers these to the endpoint, and a relative URI to the full one. */
const SHADOWING_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', ENDPOINT_TOKEN_FILE_VARIABLE];
const DEFAULT_MAX_LIFETIME_S = 24 * 3600;
const WATCH_INTERVAL_MS = 2_000;
async function serveCommand(args, io, known) {
    if (args.flags.get('handover') === 'true')
        return serveHandover(io);
    const { get, config } = (0,run_command.loadSettings)(args, io, known);
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
        const ctx = (0,context/* createProviderContext */.ZB)({ env: io.env, retry: handover.config.retry, httpProxy: handover.config.httpProxy, mask: (v) => io.secret?.(v), debug: () => undefined });
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
    const endpoint = await startCredentialsEndpoint({ path: handover.path, token: handover.token, port: 0, current: () => refresher.current(), log });
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
        log(`stopped (${reason}): ${endpoint.stats.answers} answers served, ${endpoint.stats.refused} refused, ${refresher.exchanges} refreshes over ${Math.round((Date.now() - started) / 1000)}s`);
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
