export const id = 848;
export const ids = [848];
export const modules = {

/***/ 4848:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  startJobEndpoint: () => (/* binding */ startJobEndpoint)
});

// UNUSED EXPORTS: ENDPOINT_STATE, parseEndpointState, stopJobEndpoint

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
;// CONCATENATED MODULE: ./src/delivery/refresh-schedule.ts

/** botocore refreshes in its last 15 minutes (the JS SDK in its last 5): answers stay out of that window. */
const SDK_REFRESH_WINDOW_MS = (/* unused pure expression or super */ null && (15 * 60_000));
/** Room for a slow exchange (retries included) before the window is reached. */
const EXCHANGE_SLACK_MS = (/* unused pure expression or super */ null && (5 * 60_000));
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
    return Math.max(250, backoffDelay(failures, random, RETRY_BASE_MS, RETRY_CAP_MS));
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

;// CONCATENATED MODULE: ./src/delivery/endpoint-process.ts
/**
 * Profile delivery through the local credentials endpoint: the profile's `credential_process` line runs the bundled
 * CLI, which asks the endpoint (URL and token file on the line, never the token). Pure.
 */

/** The CLI flags the line passes; one definition for the writer and the command reading them. */
const ENDPOINT_URL_FLAG = 'endpoint-url';
const ENDPOINT_TOKEN_FILE_FLAG = 'endpoint-token-file';
// ' ends the quoting; # and ; after a blank start a comment for the JS SDK's INI reader; control characters break lines.
const UNQUOTABLE = /[\p{Cc}'#;]/u;
/**
 * Each word in single quotes: the JS SDK runs the line through /bin/sh, botocore and the AWS CLI split it with
 * shlex, and both read '...' the same way, spaces included.
 */
function quoteWord(word, what) {
    const bad = UNQUOTABLE.exec(word);
    if (bad || word === '') {
        throw new errors/* InputError */.dz('credentials-file', `the ${what} (${word}) cannot go on a credential_process line${bad ? `: it contains ${JSON.stringify(bad[0])}` : ''}`, 'Run the job from a directory (RUNNER_TEMP and the action\'s path) without quotes, # or ;, or leave refresh-credentials off for profile delivery');
    }
    return `'${word}'`;
}
/** `'<node>' '<cli>' credential-process --endpoint-url '<url>' --endpoint-token-file '<file>'` */
function endpointProcessLine(node, cli, endpoint) {
    return [
        quoteWord(node, 'Node.js path'),
        quoteWord(cli, 'CLI path'),
        'credential-process',
        `--${ENDPOINT_URL_FLAG}`,
        quoteWord(endpoint.url, 'endpoint URL'),
        `--${ENDPOINT_TOKEN_FILE_FLAG}`,
        quoteWord(endpoint.tokenFile, 'token file path'),
    ].join(' ');
}

;// CONCATENATED MODULE: ./src/action/job-endpoint.ts
/**
 * `refresh-credentials: true`: the main step starts the CLI's `serve --handover` detached, hands it the configuration
 * over stdin, and returns once it answers; the post step stops it and removes its files.
 */












const ENDPOINT_STATE = 'credentials-endpoint';
const READY_TIMEOUT_MS = 15_000;
/** Longer than any job on GitHub's runners (6 hours) with room; the watched runner process normally ends it first. */
const MAX_LIFETIME_MS = 36 * 3600_000;
const FILE_NAME = /^aslc-endpoint-[0-9a-f]{16}\.(?:token|log)$/;
/** Starts the endpoint and points the environment at it; returns the `credential_process` line a profile is to run. */
async function startJobEndpoint(wf, config, session, obtainedAt, refresh, env) {
    if (!config.delivery.env && !config.delivery.credentialsFile) {
        throw new errors/* InputError */.dz('refresh-credentials', 'has nothing to deliver through: output-env-credentials is false and no profile is written', 'Keep output-env-credentials: true or set credentials-file/profile, or leave refresh-credentials off');
    }
    if (config.delivery.env && env['AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) {
        throw new errors/* InputError */.dz('refresh-credentials', 'cannot take effect: AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set (an ECS task\'s endpoint), and every SDK prefers it to a full URI', 'Run the job outside ECS task credentials, or leave refresh-credentials off');
    }
    if (refresh.marginMs !== undefined) {
        const problem = marginProblem(refresh.marginMs, (session.credentials.expiration?.getTime() ?? obtainedAt) - obtainedAt);
        if (problem)
            throw new errors/* InputError */.dz('refresh-margin-s', problem, 'Set it below role-duration-seconds (or the IoT role alias\'s session length), or leave it unset');
    }
    const { path, token } = newEndpointSecrets();
    wf.setSecret(token);
    const dir = env['RUNNER_TEMP'] || (0,external_node_os_.tmpdir)();
    const id = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    const tokenFile = (0,external_node_path_.join)(dir, `aslc-endpoint-${id}.token`);
    const logFile = (0,external_node_path_.join)(dir, `aslc-endpoint-${id}.log`);
    // The CLI bundle beside this one: dist/main/index.js → dist/cli/index.js.
    const cli = (0,external_node_path_.join)((0,external_node_path_.dirname)(process.argv[1] ?? ''), '..', 'cli', 'index.js');
    // Checked before anything starts: a path the profile line cannot hold fails the step with nothing left behind.
    const credentialProcess = config.delivery.credentialsFile ? endpointProcessLine(process.execPath, cli, { url: `http://127.0.0.1:1${path}`, tokenFile }) : '';
    // A fresh name opened exclusively with 0600: no one else can have it open or read it. No newline: botocore sends it verbatim.
    (0,external_node_fs_.writeFileSync)(tokenFile, token, { mode: 0o600, flag: 'wx' });
    const logFd = (0,external_node_fs_.openSync)(logFile, 'wx', 0o600);
    let child;
    try {
        child = (0,external_node_child_process_.spawn)(process.execPath, [cli, 'serve', '--handover'], { detached: true, stdio: ['pipe', 'pipe', logFd], env: env, cwd: dir });
    }
    finally {
        (0,external_node_fs_.closeSync)(logFd);
    }
    child.stdin.end(serializeHandover({
        config,
        session,
        obtainedAt,
        path,
        token,
        ...(refresh.marginMs !== undefined ? { marginMs: refresh.marginMs } : {}),
        watchPid: process.ppid,
        maxLifetimeMs: MAX_LIFETIME_MS,
    }));
    try {
        const { port, pid } = await readyLine(child);
        const url = `http://127.0.0.1:${port}${path}`;
        const answer = await getJson(url, token);
        if (answer['AccessKeyId'] !== session.credentials.accessKeyId)
            throw new Error('the endpoint answered with other credentials');
        const state = { pid, url, tokenFile, logFile };
        wf.saveState(ENDPOINT_STATE, JSON.stringify(state));
        if (config.delivery.env)
            exportEndpointEnvironment(wf, { url, tokenFile }, config.region);
        wf.info(`Credentials endpoint at ${url} (pid ${pid}) refreshes the credentials before they expire; log: ${logFile}`);
        return { credentialProcess: credentialProcess && endpointProcessLine(process.execPath, cli, { url, tokenFile }) };
    }
    catch (err) {
        child.kill('SIGKILL');
        const log = safeRead(logFile);
        (0,external_node_fs_.rmSync)(tokenFile, { force: true });
        (0,external_node_fs_.rmSync)(logFile, { force: true });
        throw new Error(`the credentials endpoint did not start: ${err.message}${log ? `\n${log}` : ''}`);
    }
    finally {
        // The step ends now: it keeps no pipe or handle on the endpoint, and the endpoint none of the step's.
        child.stdout?.destroy();
        child.stdin?.destroy();
        child.unref();
    }
}
function readyLine(child) {
    return new Promise((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS / 1000}s`)), READY_TIMEOUT_MS);
        child.stdout.on('data', (d) => {
            text += d.toString();
            const line = text.split('\n')[0];
            if (!text.includes('\n'))
                return;
            clearTimeout(timer);
            try {
                const doc = JSON.parse(line);
                if (Number.isInteger(doc.port) && Number.isInteger(doc.pid))
                    resolve({ port: doc.port, pid: doc.pid });
                else
                    reject(new Error('it reported no port'));
            }
            catch {
                reject(new Error('it reported no port'));
            }
        });
        child.once('exit', (code) => {
            clearTimeout(timer);
            reject(new Error(`it exited with code ${code}`));
        });
        child.once('error', (err) => {
            clearTimeout(timer);
            reject(err);
        });
    });
}
function getJson(url, token, method = 'GET') {
    return new Promise((resolve, reject) => {
        const req = (0,external_node_http_.request)(url, { method, headers: { authorization: token }, timeout: 5_000 }, (res) => {
            let body = '';
            res.on('data', (d) => (body += d.toString()));
            res.on('end', () => {
                if (res.statusCode !== 200)
                    return reject(new Error(`it answered HTTP ${res.statusCode}`));
                try {
                    resolve(JSON.parse(body));
                }
                catch {
                    reject(new Error('its answer is not JSON'));
                }
            });
        });
        req.on('timeout', () => req.destroy(new Error('timed out')));
        req.on('error', reject);
        req.end();
    });
}
function safeRead(path) {
    try {
        return (0,external_node_fs_.readFileSync)(path, 'utf8').trim();
    }
    catch {
        return '';
    }
}
/** The state as far as it names only what the main step could have made; otherwise undefined. */
function parseEndpointState(raw) {
    let doc;
    try {
        doc = JSON.parse(raw);
    }
    catch {
        return undefined;
    }
    const file = (p) => typeof p === 'string' && isAbsolute(p) && normalize(p) === p && FILE_NAME.test(basename(p));
    if (!Number.isInteger(doc.pid) || (doc.pid ?? 0) <= 1)
        return undefined;
    if (typeof doc.url !== 'string' || !/^http:\/\/127\.0\.0\.1:\d{1,5}\/[0-9a-f]{32}$/.test(doc.url))
        return undefined;
    if (!file(doc.tokenFile) || !file(doc.logFile))
        return undefined;
    return doc;
}
/** Post step: ask the endpoint to stop, wait for its port to close and its process to end, remove its files. */
async function stopJobEndpoint(wf) {
    const raw = wf.getState(ENDPOINT_STATE);
    if (!raw)
        return;
    const state = parseEndpointState(raw);
    if (!state) {
        wf.warning('Post step: the saved credentials endpoint state was not used (malformed); nothing was stopped');
        return;
    }
    const token = safeRead(state.tokenFile);
    if (token)
        await getJson(state.url, token, 'DELETE').catch(() => undefined);
    const port = Number(new URL(state.url).port);
    if (!(await waitUntil(async () => !(await listening(port)) && !isOurServe(state.pid), 5_000)) && isOurServe(state.pid)) {
        // The request did not stop it (token file gone, process stuck): the pid is checked to be our serve process first.
        process.kill(state.pid, 'SIGKILL');
        await waitUntil(async () => !isOurServe(state.pid), 2_000);
    }
    const log = safeRead(state.logFile);
    for (const line of log.split('\n').filter(Boolean).slice(-20))
        wf.info(line);
    rmSync(state.tokenFile, { force: true });
    rmSync(state.logFile, { force: true });
    wf.info(`Credentials endpoint stopped; port ${port} ${(await listening(port)) ? 'is still open' : 'is closed'}`);
}
async function waitUntil(check, timeoutMs) {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
        if (await check())
            return true;
        await new Promise((r) => setTimeout(r, 50));
    }
    return check();
}
function listening(port) {
    return new Promise((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('error', () => resolve(false));
    });
}
/** True while `pid` is a live `serve --handover` process (read from /proc where there is one). */
function isOurServe(pid) {
    try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return cmdline.includes('serve') && cmdline.includes('--handover');
    }
    catch {
        return false;
    }
}


/***/ })

};
