export const id = 970;
export const ids = [970,513,80,699];
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

/***/ 9970:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assumeRoleWith: () => (/* binding */ assumeRoleWith),
  chainedDuration: () => (/* binding */ chainedDuration),
  environmentCredentials: () => (/* binding */ environmentCredentials),
  roleArnFor: () => (/* binding */ roleArnFor),
  roleChainingProvider: () => (/* binding */ roleChainingProvider)
});

// EXTERNAL MODULE: ./src/config/action-inputs.ts + 9 modules
var action_inputs = __webpack_require__(5158);
;// CONCATENATED MODULE: ./src/ini.ts
/**
 * Editing an AWS INI file (credentials or config) while every other byte stays as it was: other profiles, other keys,
 * comments, blank lines and line endings. Sections and keys are found the way botocore (Python's configparser) finds
 * them: a header's name is exactly what stands between the brackets, and an indented line after a key continues it.
 * What this module writes is refused if a reader could see it differently from how it was meant. Pure.
 */
/** Text this module refuses to write, or a file it cannot edit so that every reader agrees; says what, never a value. */
class IniEditError extends (/* unused pure expression or super */ null && (Error)) {
    name = 'IniEditError';
}
/** configparser's header rule on the stripped line: `[` then the longest text up to a `]`. */
function headerName(line) {
    return /^\s*\[(.+)\]/.exec(line)?.[1];
}
function lineEnding(text) {
    return text.includes('\r\n') ? '\r\n' : '\n';
}
function splitLines(text) {
    return text === '' ? [] : text.split(/\r?\n/);
}
const CONTROL = /\p{Cc}/u;
function refuseControl(what, text) {
    const at = text.search(CONTROL);
    if (at >= 0)
        throw new IniEditError(`${what} contains a control character (U+${text.codePointAt(at).toString(16).toUpperCase().padStart(4, '0')})`);
}
/** Refuses a section name or entry that would break the file or be read back differently. */
function checkWritable(name, entries) {
    refuseControl('the section name', name);
    if (/[[\]]/.test(name) || name.trim() !== name || name === '')
        throw new IniEditError('the section name has brackets, surrounding spaces or is empty');
    for (const [key, value] of entries) {
        refuseControl('a key', key);
        if (!/^[A-Za-z0-9_.-]+$/.test(key))
            throw new IniEditError(`the key '${key}' is not a plain INI key`);
        refuseControl(`the value of ${key}`, value);
        if (value.trim() !== value)
            throw new IniEditError(`the value of ${key} has surrounding spaces, which readers strip`);
    }
}
/** Line-index spans of every section named exactly `name` (header line through its last key or value line). */
function findSections(lines, name) {
    const spans = [];
    for (let start = 0; start < lines.length; start++) {
        if (headerName(lines[start]) !== name)
            continue;
        let end = start + 1;
        while (end < lines.length && headerName(lines[end]) === undefined)
            end++;
        // Trailing blank lines and comments belong to the gap before the next section (such a comment describes it).
        while (end > start + 1 && /^\s*(?:[#;].*)?$/.test(lines[end - 1]))
            end--;
        spans.push({ start, end });
        start = end - 1;
    }
    return spans;
}
/** The lines of `span` that start a key (not comments, blanks, or indented continuations), with their lower-cased key. */
function keyLines(lines, span) {
    const found = [];
    let keyIndent;
    for (let i = span.start + 1; i < span.end; i++) {
        const line = lines[i];
        if (/^\s*(?:[#;].*)?$/.test(line))
            continue;
        const indent = /^\s*/.exec(line)[0].length;
        if (keyIndent !== undefined && indent > keyIndent)
            continue;
        keyIndent = indent;
        const match = /^\s*([^=:]*?)\s*[=:]/.exec(line);
        if (match)
            found.push({ index: i, key: match[1].toLowerCase() });
    }
    return found;
}
function render(name, entries) {
    return [`[${name}]`, ...entries.map(([k, v]) => `${k} = ${v}`)];
}
/** Removes the lines of `span` and the blank lines that separated it; the last section takes the gap before it. */
function cut(lines, span) {
    let { start, end } = span;
    while (end < lines.length && lines[end].trim() === '' && end < lines.length - 1)
        end++;
    while (end >= lines.length - 1 && start > 0 && lines[start - 1].trim() === '')
        start--;
    lines.splice(start, end - start);
}
function append(text, section) {
    const eol = lineEnding(text);
    const lines = splitLines(text);
    if (lines.length > 0 && lines[lines.length - 1] === '')
        lines.pop();
    const gap = lines.length > 0 && lines[lines.length - 1].trim() !== '' ? [''] : [];
    return [...lines, ...gap, ...section, ''].join(eol);
}
/**
 * Returns `text` with section `name` replaced by `entries`, or with it appended when absent. Later sections of the same
 * name go: botocore refuses a file that repeats a section and the JS SDK merges them, so one section is the only form
 * all readers read alike.
 */
function upsertSection(text, name, entries) {
    checkWritable(name, entries);
    return replaceSection(text, name, render(name, entries));
}
/**
 * The same for a section of nested blocks, as botocore reads a `[services name]` section: each block is a key with
 * no value and its settings indented below it (`s3 =` then `  endpoint_url = ...`).
 */
function upsertNestedSection(text, name, blocks) {
    checkWritable(name, blocks.map(([block]) => [block, '']));
    for (const [, entries] of blocks)
        checkWritable(name, entries);
    const rendered = [`[${name}]`, ...blocks.flatMap(([block, entries]) => [`${block} =`, ...entries.map(([k, v]) => `  ${k} = ${v}`)])];
    return replaceSection(text, name, rendered);
}
function replaceSection(text, name, rendered) {
    const lines = splitLines(text);
    const spans = findSections(lines, name);
    if (spans.length === 0)
        return append(text, rendered);
    for (const span of spans.slice(1).reverse())
        cut(lines, span);
    lines.splice(spans[0].start, spans[0].end - spans[0].start, ...rendered);
    return lines.join(lineEnding(text));
}
/** Returns `text` without section `name` (and the blank line that separated it), or `text` itself when absent. */
function removeSection(text, name) {
    const lines = text.split(/\r?\n/);
    const span = findSections(lines, name)[0];
    if (!span)
        return text;
    cut(lines, span);
    return lines.join(lineEnding(text));
}
/** The key/value pairs of section `name` (the first, if repeated), or undefined when absent. */
function readSection(text, name) {
    const lines = text.split(/\r?\n/);
    const span = findSections(lines, name)[0];
    if (!span)
        return undefined;
    const values = new Map();
    for (const line of lines.slice(span.start + 1, span.end)) {
        const match = /^\s*([^=#;\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
        if (match?.[1] !== undefined)
            values.set(match[1], match[2] ?? '');
    }
    return values;
}
/** How many sections are named exactly `name`. */
function countSections(text, name) {
    return findSections(splitLines(text), name).length;
}
/** Sets one key of section `name`, leaving its other keys, nested blocks and comments as they were. */
function setKey(text, name, key, value) {
    checkWritable(name, [[key, value]]);
    const lines = splitLines(text);
    const spans = findSections(lines, name);
    if (spans.length === 0)
        return { text: append(text, render(name, [[key, value]])), previousLine: null, createdSection: true };
    if (spans.length > 1)
        throw new IniEditError(`[${name}] appears ${spans.length} times; botocore and the AWS CLI refuse such a file and the JS SDK merges the copies`);
    const span = spans[0];
    const all = keyLines(lines, span);
    const existing = all.filter((k) => k.key === key.toLowerCase());
    if (existing.length > 1)
        throw new IniEditError(`[${name}] sets ${key} ${existing.length} times; botocore and the AWS CLI refuse such a file`);
    const line = `${key} = ${value}`;
    const at = existing[0];
    if (at) {
        const next = all.find((k) => k.index > at.index)?.index ?? span.end;
        if (lines.slice(at.index + 1, next).some((l) => !/^\s*(?:[#;].*)?$/.test(l)))
            throw new IniEditError(`${key} in [${name}] has indented continuation lines`);
        const previousLine = lines[at.index];
        lines[at.index] = line;
        return { text: lines.join(lineEnding(text)), previousLine, createdSection: false };
    }
    lines.splice(span.end, 0, line);
    return { text: lines.join(lineEnding(text)), previousLine: null, createdSection: false };
}
/**
 * Undoes setKey: only while the key's line is still exactly the one written, puts back `previousLine` (or removes
 * the line), and removes a section setKey created once it holds nothing else. Returns undefined when it was changed.
 */
function restoreKey(text, name, key, value, previousLine, createdSection) {
    const lines = text.split(/\r?\n/);
    const spans = findSections(lines, name);
    if (spans.length !== 1)
        return undefined;
    const span = spans[0];
    const existing = keyLines(lines, span).filter((k) => k.key === key.toLowerCase());
    if (existing.length !== 1 || lines[existing[0].index] !== `${key} = ${value}`)
        return undefined;
    if (previousLine === null)
        lines.splice(existing[0].index, 1);
    else
        lines[existing[0].index] = previousLine;
    const after = lines.join(lineEnding(text));
    if (createdSection && previousLine === null && keyLines(lines, { start: span.start, end: span.end - 1 }).length === 0) {
        return removeSection(after, name);
    }
    return after;
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/config/profile-credentials.ts


function profileCredentials(text, profile, file) {
    const section = readSection(text, profile);
    const accessKeyId = section?.get('aws_access_key_id') ?? '';
    const secretAccessKey = section?.get('aws_secret_access_key') ?? '';
    if (!accessKeyId || !secretAccessKey) {
        throw new errors/* InputError */.dz('role-chaining', `is true and AWS_PROFILE is '${profile}', but ${file} has no ${section ? 'aws_access_key_id and aws_secret_access_key in that profile' : 'such profile'}`, 'Run the step that writes that profile (aws-profile) first, or set AWS_PROFILE to the profile it wrote');
    }
    const credentials = { accessKeyId, secretAccessKey };
    const sessionToken = section?.get('aws_session_token');
    if (sessionToken)
        credentials.sessionToken = sessionToken;
    return credentials;
}

// EXTERNAL MODULE: ./src/providers/sts.ts + 2 modules
var sts = __webpack_require__(9080);
// EXTERNAL MODULE: ./src/providers/session-params.ts
var session_params = __webpack_require__(89);
// EXTERNAL MODULE: ./src/config/session-tags.ts
var session_tags = __webpack_require__(1698);
;// CONCATENATED MODULE: ./src/providers/run-context.ts
/**
 * The run context for session tags, from @actions/github's `context` on the runner. Imported only where tags are
 * sent (an AssumeRole hop): it loads Octokit, about 30 MiB and 50-150 ms, which no other step should pay.
 */

async function loadRunContext(env) {
    const fromEnv = (0,session_tags/* runContextFromEnv */.wX)(env);
    // The library reads process.env; elsewhere (the CLI with its own env, tests) the given env is the truth.
    if (env !== process.env || env['GITHUB_ACTIONS'] !== 'true')
        return fromEnv;
    const { context } = await __webpack_require__.e(/* import() */ 785).then(__webpack_require__.bind(__webpack_require__, 2785));
    return {
        ...fromEnv,
        workflow: context.workflow ?? '',
        action: context.action ?? '',
        actor: context.actor ?? '',
        sha: context.sha ?? '',
        ref: context.ref ?? '',
        eventName: context.eventName ?? '',
        job: context.job ?? '',
        runId: Number.isFinite(context.runId) ? String(context.runId) : fromEnv.runId,
    };
}

;// CONCATENATED MODULE: ./src/providers/assume-role.ts






async function assumeRoleWith(credentials, roleArn, config, ctx, durationSeconds) {
    const run = config.session.sessionTags ? await loadRunContext(ctx.env) : undefined;
    const hop = (dropDroppable) => (0,sts.callSts)(ctx, {
        action: 'AssumeRole',
        region: config.region,
        credentials,
        input: async () => ({
            RoleArn: roleArn,
            RoleSessionName: config.session.sessionName,
            DurationSeconds: durationSeconds,
            ...(config.session.externalId ? { ExternalId: config.session.externalId } : {}),
            ...(0,session_params/* sessionPolicyInput */.F)(config.session),
            ...(run ? (0,session_params/* sessionTagInput */.v)(config.session, run, dropDroppable) : {}),
        }),
    });
    try {
        return await hop(false);
    }
    catch (err) {
        // The tags' packed size counts against the session; the run's convenience tags go first, as the peer does.
        if (!(err instanceof errors/* AwsError */.Gy) || err.code !== 'PackedPolicyTooLarge' || !run)
            throw err;
        ctx.debug('sts:AssumeRole: the session tags were too large; trying once more without EventName, BaseRef, HeadRef, RunId, Job, TriggeringActor');
        return hop(true);
    }
}
/** A hop from role credentials is role chaining: STS caps it at an hour, so ask for no more. */
function chainedDuration(config) {
    return Math.min(config.session.durationSeconds, action_inputs/* CHAINED_MAX_SECONDS */.uQ);
}
/**
 * A role ARN for `role`: itself, or for a bare name the role in the account (and partition) of the credentials
 * that assume it, from their session ARN when known, else from sts:GetCallerIdentity.
 */
async function roleArnFor(role, credentials, knownArn, config, ctx) {
    if (!(0,action_inputs/* isRoleName */.yn)(role))
        return role;
    const arn = knownArn ?? (await (0,sts.getCallerIdentity)(ctx, config.region, credentials)).arn;
    const [, partition, , , account] = arn.split(':');
    return `arn:${partition}:iam::${account}:role/${role.replace(/^role\//, '')}`;
}
/** `role-chaining: true`: the AWS_* credentials of the environment assume `role-to-assume`. */
const roleChainingProvider = async (source, config, ctx) => {
    const credentials = source.profile ? readProfileCredentials(source.profile, ctx) : environmentCredentials(ctx.env);
    const roleArn = await roleArnFor(source.roleArn, credentials, undefined, config, ctx);
    return assumeRoleWith(credentials, roleArn, config, ctx, config.session.durationSeconds);
};
function readProfileCredentials(profile, ctx) {
    let text = '';
    try {
        text = ctx.readFile(profile.credentialsFile).toString('utf8');
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw err;
    }
    return profileCredentials(text, profile.name, profile.credentialsFile);
}
function environmentCredentials(env) {
    const credentials = { accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: env['AWS_SECRET_ACCESS_KEY'] ?? '' };
    if (env['AWS_SESSION_TOKEN'])
        credentials.sessionToken = env['AWS_SESSION_TOKEN'];
    return credentials;
}


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
