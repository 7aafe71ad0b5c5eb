export const id = 518;
export const ids = [518];
export const modules = {

/***/ 8726:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $G: () => (/* binding */ ENV_FORMATS),
/* harmony export */   $K: () => (/* binding */ formatEnvironment),
/* harmony export */   DD: () => (/* binding */ environmentFor),
/* harmony export */   Vp: () => (/* binding */ credentialProcessJson)
/* harmony export */ });
/* unused harmony export powershellQuoted */
const ENV_FORMATS = ['sh', 'json', 'dotenv', 'powershell'];
/** The document AWS's `credential_process` expects on stdout. */
function credentialProcessJson(session) {
    const c = session.credentials;
    const doc = { Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey };
    if (c.sessionToken)
        doc['SessionToken'] = c.sessionToken;
    if (c.expiration)
        doc['Expiration'] = c.expiration.toISOString();
    return JSON.stringify(doc);
}
function environmentFor(session, region) {
    const c = session.credentials;
    const vars = [
        ['AWS_ACCESS_KEY_ID', c.accessKeyId],
        ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
    ];
    if (c.sessionToken)
        vars.push(['AWS_SESSION_TOKEN', c.sessionToken]);
    if (c.expiration)
        vars.push(['AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString()]);
    vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
    if (session.serviceEndpoints?.s3)
        vars.push(['AWS_ENDPOINT_URL_S3', session.serviceEndpoints.s3]);
    return vars;
}
function formatEnvironment(vars, format) {
    switch (format) {
        case 'sh':
            return vars.map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`).join('\n') + '\n';
        case 'dotenv':
            return vars.map(([k, v]) => `${k}=${/^[\w/+=.:-]*$/.test(v) ? v : JSON.stringify(v)}`).join('\n') + '\n';
        case 'powershell':
            return vars.map(([k, v]) => `$Env:${k} = '${powershellQuoted(v)}'`).join('\n') + '\n';
        case 'json':
            return JSON.stringify(Object.fromEntries(vars), null, 2) + '\n';
    }
}
/**
 * PowerShell's verbatim string: it reads ' and the typographic single quotes U+2018..U+201B alike as the quote, and a
 * doubled one as a literal. Double quotes (" and U+201C..U+201E) mean nothing inside single quotes, so stay as they are.
 */
function powershellQuoted(value) {
    return value.replace(/['\u2018-\u201B]/g, (q) => q + q);
}


/***/ }),

/***/ 9518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  credentialProcess: () => (/* binding */ credentialProcess),
  envCommand: () => (/* binding */ envCommand),
  execCommand: () => (/* binding */ execCommand),
  loadSettings: () => (/* binding */ loadSettings),
  loginCommand: () => (/* binding */ loginCommand),
  session: () => (/* binding */ session)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config/action-inputs.ts + 9 modules
var action_inputs = __webpack_require__(5158);
// EXTERNAL MODULE: ./src/config/values.ts
var values = __webpack_require__(3750);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/cli/private-file.ts
function ownedByThisUser(stat) {
    return !process.getuid || stat.uid === process.getuid();
}
/** A regular file of this user that no one else can read or write (a cache entry, a cached login). */
function isPrivateFile(stat) {
    return stat.isFile() && ownedByThisUser(stat) && (stat.mode & 0o077) === 0;
}
/** A directory of this user that no one else can write into. */
function isPrivateDirectory(stat) {
    return stat.isDirectory() && ownedByThisUser(stat) && (stat.mode & 0o022) === 0;
}

;// CONCATENATED MODULE: ./src/cli/cache.ts
/**
 * The credential cache behind `credential-process`: one file per identity and configuration (mode 0600, in a 0700
 * directory the user owns), refreshed when less than a margin is left, and a lock so that many processes started at
 * once cause one exchange. A corrupt, foreign-owned or loosely permissioned entry is ignored, never trusted; expired
 * entries are removed.
 */




/** 2: keys carry a proof of identity and leave a defaulted session name out (version 1 entries are never read). */
const ENTRY_VERSION = 2;
const ENTRY_NAME = /^[0-9a-f]{40}\.json$/;
function sha256(value) {
    return (0,external_node_crypto_.createHash)('sha256').update(value).digest('hex');
}
/**
 * What proves the identity the credentials belong to, as digests: the token, the certificate and key, the base
 * credentials. Two configurations that differ only in who they are never share an entry. Undefined when the proof
 * cannot be read (the exchange will then say why). `readFile` and `env` are passed in so this stays testable.
 */
function identityProof(config, env, readFile) {
    const source = config.source;
    const content = (value) => {
        // Inline PEM or base64 is its own content; anything else is a path, read as the provider will read it.
        if (value.includes('-----BEGIN'))
            return sha256(value.trim());
        try {
            return sha256(readFile(value));
        }
        catch {
            return /^[A-Za-z0-9+/=\s]{64,}$/.test(value) ? sha256(value.replace(/\s/g, '')) : undefined;
        }
    };
    const all = (values) => (values.every((v) => v !== undefined) ? values : undefined);
    // Every certificate mode is proved by its certificate, key and chain, whichever mode it is.
    if ('certificate' in source) {
        const chain = 'certificateChain' in source ? source.certificateChain : undefined;
        return all([
            content(source.certificate),
            source.privateKey ? content(source.privateKey) : '',
            chain ? content(chain) : '',
        ])?.map((digest, i) => `${['certificate', 'private-key', 'certificate-chain'][i]}:${digest}`);
    }
    switch (source.mode) {
        case 'oidc': {
            if (source.tokenFile) {
                try {
                    return [`token:${sha256(readFile(source.tokenFile).toString('utf8').trim())}`];
                }
                catch {
                    return undefined;
                }
            }
            if (source.tokenEnv) {
                const token = env[source.tokenEnv]?.trim();
                return token ? [`token:${sha256(token)}`] : undefined;
            }
            const bearer = env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
            return bearer ? [`runner:${sha256(bearer)}`, `url:${env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? ''}`] : undefined;
        }
        case 'role-chaining': {
            const id = env['AWS_ACCESS_KEY_ID'];
            const secret = env['AWS_SECRET_ACCESS_KEY'];
            return id && secret ? [`access-key-id:${id}`, `secret:${sha256(secret)}`, `session-token:${sha256(env['AWS_SESSION_TOKEN'] ?? '')}`] : undefined;
        }
    }
}
/**
 * The entry's name: the identity proof and everything that changes the credentials. Left out: the passphrase (it
 * only opens the key, which the proof covers) and a session name the user did not choose (it is made from the clock,
 * and would give every call its own entry). Pure.
 */
function cacheKey(config, proof) {
    const source = { ...config.source, passphrase: undefined };
    const session = { ...config.session, sessionName: config.session.sessionNameGiven ? config.session.sessionName : undefined };
    const identity = JSON.stringify({ v: ENTRY_VERSION, region: config.region, source, session, chain: config.chainRoleArn ?? null, proof });
    return sha256(identity).slice(0, 40);
}
function serialiseEntry(session) {
    const c = session.credentials;
    return JSON.stringify({ version: ENTRY_VERSION, accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: c.expiration?.toISOString(), assumedRoleArn: session.assumedRoleArn });
}
/** The session in an entry's text if it is well-formed and fresh for at least `marginMs` more; else undefined. Pure. */
function parseEntry(text, now, marginMs) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        return undefined;
    const { version, accessKeyId, secretAccessKey, sessionToken, expiration, assumedRoleArn } = doc;
    if (version !== ENTRY_VERSION)
        return undefined;
    if (typeof accessKeyId !== 'string' || !accessKeyId || typeof secretAccessKey !== 'string' || !secretAccessKey || typeof expiration !== 'string')
        return undefined;
    const expires = new Date(expiration);
    if (Number.isNaN(expires.getTime()) || expires.getTime() - now.getTime() < marginMs)
        return undefined;
    const session = { credentials: { accessKeyId, secretAccessKey, expiration: expires } };
    if (typeof sessionToken === 'string')
        session.credentials.sessionToken = sessionToken;
    if (typeof assumedRoleArn === 'string')
        session.assumedRoleArn = assumedRoleArn;
    return session;
}
/** True when an entry's text is of no further use: unreadable, of another version, or past its expiration. Pure. */
function isSpentEntry(text, now) {
    return parseEntry(text, now, 0) === undefined;
}
/** Returns a fresh cached session, or runs `obtain` under the entry's lock and caches what it returns. */
async function cachedSession(config, options, obtain) {
    if (!options.proof) {
        options.debug('the identity behind this configuration cannot be read; not caching');
        return obtain();
    }
    if (!prepareDirectory(options.dir, options.debug))
        return obtain();
    const path = (0,external_node_path_.join)(options.dir, `${cacheKey(config, options.proof)}.json`);
    const hit = readEntry(path, options);
    if (hit)
        return hit;
    // Only a miss loads the lock and the writer: a hit is a read, and every `aws` command pays for what it loads.
    const [{ acquireLock }, { writeAtomically }] = await Promise.all([Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 9906)), Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 6016))]);
    const release = await acquireLock(path, 'cache-dir');
    try {
        // Another process may have refreshed the entry while we waited for the lock.
        const refreshed = readEntry(path, options);
        if (refreshed)
            return refreshed;
        const session = await obtain();
        if (session.credentials.expiration)
            writeAtomically(path, serialiseEntry(session), 'cache-dir');
        pruneSpentEntries(options.dir, options.now(), path);
        return session;
    }
    finally {
        release();
    }
}
/**
 * Removes entries that can never be used again, so the directory does not grow by one file per expired session.
 * Best effort: a file another process renames in meanwhile costs at most one more exchange.
 */
function pruneSpentEntries(dir, now, keep) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(dir);
    }
    catch {
        return;
    }
    for (const name of names) {
        const path = (0,external_node_path_.join)(dir, name);
        if (!ENTRY_NAME.test(name) || path === keep)
            continue;
        try {
            if (!(0,external_node_fs_.lstatSync)(path).isFile())
                continue;
            if (isSpentEntry((0,external_node_fs_.readFileSync)(path, 'utf8'), now))
                (0,external_node_fs_.rmSync)(path, { force: true });
        }
        catch {
            // Unreadable or gone: not ours to worry about.
        }
    }
}
function readEntry(path, options) {
    let stat;
    try {
        stat = (0,external_node_fs_.lstatSync)(path);
    }
    catch {
        return undefined;
    }
    if (!isPrivateFile(stat)) {
        options.debug(`cache entry ${path} is not a private file of this user; ignored`);
        return undefined;
    }
    const session = parseEntry((0,external_node_fs_.readFileSync)(path, 'utf8'), options.now(), options.marginMs);
    if (!session)
        options.debug('cache entry missing, expiring or unreadable; refreshing');
    return session;
}
/** Creates the directory 0700; refuses one that another user owns or others can write. */
function prepareDirectory(dir, debug) {
    try {
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
        const stat = (0,external_node_fs_.lstatSync)(dir);
        if (!isPrivateDirectory(stat)) {
            debug(`cache directory ${dir} is not private to this user; not caching`);
            return false;
        }
        return true;
    }
    catch {
        debug(`cache directory ${dir} cannot be created; not caching`);
        return false;
    }
}

// EXTERNAL MODULE: ./src/cli/formats.ts
var formats = __webpack_require__(8726);
// EXTERNAL MODULE: ./src/cli/settings.ts
var settings = __webpack_require__(1957);
// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/delivery/endpoint-process.ts
var endpoint_process = __webpack_require__(7803);
// EXTERNAL MODULE: ./src/delivery/profile-file.ts
var profile_file = __webpack_require__(6016);
;// CONCATENATED MODULE: ./src/cli/login-session.ts
/**
 * `login` and the commands that use its result: the id-token from an interactive sign-in is cached (mode 0600, like
 * credentials) per issuer and client, and later commands exchange it without printing it. A command that finds no
 * valid login says how to sign in; it never starts a browser on its own (the AWS CLI would hang waiting for it).
 */






/** The environment variable through which the cached id-token reaches the OIDC provider, never the process env. */
const LOGIN_TOKEN_VARIABLE = 'ASLC_LOGIN_ID_TOKEN';
function tokenPath(cacheDir, identity) {
    const key = (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify([identity.issuer, identity.clientId])).digest('hex').slice(0, 40);
    return (0,external_node_path_.join)(cacheDir, `${key}.id-token.json`);
}
function saveIdToken(cacheDir, identity, idToken, expiresAt) {
    (0,external_node_fs_.mkdirSync)(cacheDir, { recursive: true, mode: 0o700 });
    (0,profile_file.writeAtomically)(tokenPath(cacheDir, identity), JSON.stringify({ version: 1, ...identity, idToken, expiresAt: expiresAt.toISOString() }), 'cache-dir');
}
/** The cached id-token whatever its expiry (it names the login's identity in the credential cache's key), if private. */
function cachedIdToken(cacheDir, identity) {
    try {
        const path = tokenPath(cacheDir, identity);
        if (!isPrivateFile((0,external_node_fs_.lstatSync)(path)))
            return undefined;
        const doc = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
        return typeof doc.idToken === 'string' ? doc.idToken : undefined;
    }
    catch {
        return undefined;
    }
}
/** The cached id-token if it is ours, private, and valid for at least another minute. */
function loadIdToken(cacheDir, identity, now) {
    const path = tokenPath(cacheDir, identity);
    const relogin = `Sign in again: aws-short-lived-credentials login --issuer ${identity.issuer} --client-id ${identity.clientId} ...`;
    let doc;
    try {
        const stat = (0,external_node_fs_.lstatSync)(path);
        if (!isPrivateFile(stat)) {
            throw new errors/* InputError */.dz('issuer', 'the cached login is not a private file of this user', relogin);
        }
        doc = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw err;
        throw new errors/* InputError */.dz('issuer', `there is no login for this issuer and client id`, relogin);
    }
    const expires = typeof doc.expiresAt === 'string' ? Date.parse(doc.expiresAt) : NaN;
    if (typeof doc.idToken !== 'string' || !(expires - now.getTime() > 60_000)) {
        throw new errors/* InputError */.dz('issuer', 'the login for this issuer has expired', relogin);
    }
    return doc.idToken;
}

;// CONCATENATED MODULE: ./src/cli/run-command.ts
/** The CLI's commands over the shared core: config from flags/env/auth file, a provider, then one kind of output. */












/** Default: refresh cached credentials with less than 15 minutes left, before the AWS CLI would itself refresh. */
const DEFAULT_REFRESH_MARGIN_S = 900;
async function loadSettings(args, io, known) {
    const authPath = args.flags.get('auth') ?? io.env['ASLC_AUTH'];
    let authFile;
    if (authPath) {
        const full = (0,external_node_path_.resolve)(authPath);
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(full, 'utf8');
        }
        catch (err) {
            throw new errors/* InputError */.dz('auth', `cannot read ${full} (${err.code ?? 'error'})`, 'Point --auth at the auth.yaml that bootstrap wrote');
        }
        const { parseAuthFile } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(453)]).then(__webpack_require__.bind(__webpack_require__, 7453));
        authFile = parseAuthFile(text, full, (0,external_node_path_.dirname)(full), known);
        for (const value of (0,settings/* secretSettings */.wL)(new Map(), io.env, authFile))
            io.secret?.(value);
    }
    const base = (0,settings/* settingsReader */.f6)(args.flags, io.env, authFile);
    const usesLogin = base('issuer') !== '' && base('web-identity-token-file') === '' && base('web-identity-token-env') === '';
    const get = usesLogin ? (name) => (name === 'web-identity-token-env' ? LOGIN_TOKEN_VARIABLE : base(name)) : base;
    const config = (0,action_inputs/* buildConfig */.fD)(get, io.env, new Date(), (0,external_node_os_.homedir)());
    if (usesLogin && config.source.mode === 'oidc') {
        // The login's issuer and client are part of the identity: they key the cache like any other source setting.
        config.source.login = { issuer: base('issuer'), clientId: requireFlag(base, 'client-id') };
    }
    return { get, config };
}
function requireFlag(get, name) {
    const value = get(name);
    if (!value)
        throw new errors/* InputError */.dz(name, 'is required with --issuer', `Pass --${name}, the OAuth client id registered for this CLI at the identity provider`);
    return value;
}
function cacheDir(get, io) {
    return get('cache-dir') || (0,external_node_path_.join)(io.env['XDG_CACHE_HOME'] || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'aws-short-lived-credentials');
}
/** The environment a provider sees: with the cached login's id-token when the source is a login. */
function providerEnv(config, get, io) {
    if (config.source.mode !== 'oidc' || !config.source.login)
        return io.env;
    return { ...io.env, [LOGIN_TOKEN_VARIABLE]: loadIdToken(cacheDir(get, io), config.source.login, new Date()) };
}
async function context(config, io, verbose, env) {
    // Loaded only when an exchange happens: a cache hit needs no transport, SDK or certificate code.
    const { createProviderContext } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(513)]).then(__webpack_require__.bind(__webpack_require__, 9513));
    return createProviderContext({
        env,
        retry: config.retry,
        httpProxy: config.httpProxy,
        stsEndpoint: config.stsEndpoint,
        noProxy: config.noProxy,
        // What a provider would mask in a job log is kept off the CLI's stderr.
        mask: (value) => io.secret?.(value),
        debug: (message) => {
            if (verbose)
                io.stderr(`debug: ${message}\n`);
        },
    });
}
/** The identity proof for the cache key; a login's is its cached id-token, read even when expired. */
function proofOf(config, get, io) {
    let env = io.env;
    if (config.source.mode === 'oidc' && config.source.login) {
        const token = cachedIdToken(cacheDir(get, io), config.source.login);
        if (!token)
            return undefined;
        env = { ...io.env, [LOGIN_TOKEN_VARIABLE]: token };
    }
    return identityProof(config, env, (path) => (0,external_node_fs_.readFileSync)(path));
}
/** One exchange for the configured source, with the CLI's context (its login's id-token, its redaction). */
async function session(config, io, get) {
    const env = providerEnv(config, get, io);
    // use-existing-credentials means "leave the job's credentials as they are", which a CLI printing credentials cannot do.
    const guarded = { ...config, guards: { ...config.guards, useExistingCredentials: false } };
    const { obtainGuardedSession } = await __webpack_require__.e(/* import() */ 687).then(__webpack_require__.bind(__webpack_require__, 8687));
    const outcome = await obtainGuardedSession(guarded, await context(config, io, get('verbose') === 'true', env));
    if (!('final' in outcome))
        throw new Error('unreachable: use-existing-credentials is off');
    return outcome.final;
}
async function credentialProcess(args, io, known) {
    // A profile written with refresh-credentials: the answer comes from the job's endpoint, not an exchange.
    if (args.flags.has(endpoint_process/* ENDPOINT_URL_FLAG */.zh))
        return (await __webpack_require__.e(/* import() */ 319).then(__webpack_require__.bind(__webpack_require__, 4319))).endpointCredentialProcess(args.flags, io);
    const { get, config } = await loadSettings(args, io, known);
    const verbose = get('verbose') === 'true';
    const obtain = () => session(config, io, get);
    const result = get('no-cache') === 'true'
        ? await obtain()
        : await cachedSession(config, {
            dir: cacheDir(get, io),
            marginMs: 1000 * (get('refresh-margin-s') ? (0,values/* parseInteger */.cG)(get('refresh-margin-s'), 'refresh-margin-s', 0, 43200, 'seconds') : DEFAULT_REFRESH_MARGIN_S),
            now: () => new Date(),
            proof: proofOf(config, get, io),
            debug: (m) => {
                if (verbose)
                    io.stderr(`debug: ${m}\n`);
            },
        }, obtain);
    io.stdout((0,formats/* credentialProcessJson */.Vp)(result) + '\n');
    return 0;
}
async function envCommand(args, io, known) {
    const { get, config } = await loadSettings(args, io, known);
    const format = (get('format') || 'sh');
    if (!formats/* ENV_FORMATS */.$G.includes(format))
        throw new cli_args/* UsageError */.eb(`--format must be one of ${formats/* ENV_FORMATS */.$G.join(', ')}`);
    const result = await session(config, io, get);
    io.stdout((0,formats/* formatEnvironment */.$K)((0,formats/* environmentFor */.DD)(result, config.region), format));
    return 0;
}
async function execCommand(args, io, known) {
    if (args.rest.length === 0)
        throw new cli_args/* UsageError */.eb('exec needs a command after --, e.g. exec --auth auth.yaml -- aws s3 ls');
    const { get, config } = await loadSettings(args, io, known);
    const result = await session(config, io, get);
    const env = { ...io.env };
    // A profile in the environment would make SDKs skip the credentials we hand over.
    delete env['AWS_PROFILE'];
    delete env['AWS_DEFAULT_PROFILE'];
    for (const [k, v] of (0,formats/* environmentFor */.DD)(result, config.region))
        env[k] = v;
    const [command, ...rest] = args.rest;
    // Loaded here: credential-process, the command the AWS CLI runs on every call, never needs it.
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    return new Promise((resolveExit) => {
        const child = spawn(command, rest, { env: env, stdio: 'inherit' });
        child.on('error', (err) => {
            io.stderr(`aws-short-lived-credentials: cannot run '${command}': ${err.code ?? err.message}\n`);
            resolveExit(127);
        });
        child.on('exit', (code, signal) => resolveExit(code ?? (signal ? 128 + signalNumber(signal) : 1)));
    });
}
/** `login`: sign in at the identity provider in a browser, cache the id-token, exchange it, cache the credentials. */
async function loginCommand(args, io, known) {
    const { get, config } = await loadSettings(args, io, known);
    if (config.source.mode !== 'oidc' || !config.source.login) {
        throw new errors/* InputError */.dz('issuer', 'is required for login', 'Pass --issuer https://your-idp.example.com and --client-id <id>');
    }
    const identity = config.source.login;
    const { login } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(129), __webpack_require__.e(6)]).then(__webpack_require__.bind(__webpack_require__, 4006));
    const port = get('port') ? (0,values/* parseInteger */.cG)(get('port'), 'port', 1, 65535, 'port number') : undefined;
    const result = await login({
        issuer: identity.issuer,
        clientId: identity.clientId,
        ...(get('client-secret') ? { clientSecret: get('client-secret') } : {}),
        ...(port ? { port } : {}),
        openBrowser: get('no-browser') !== 'true',
        timeoutMs: 5 * 60_000,
        print: (line) => io.stderr(line + '\n'),
        env: io.env,
        ...(config.httpProxy ? { httpProxy: config.httpProxy } : {}),
    });
    const dir = cacheDir(get, io);
    saveIdToken(dir, identity, result.idToken, result.expiresAt);
    const obtained = await cachedSession(config, { dir, marginMs: 0, now: () => new Date(), debug: () => undefined, proof: proofOf(config, get, io) }, () => session(config, io, get));
    io.stderr(`Signed in as ${String(result.claims['sub'])} at ${identity.issuer}; credentials for ${obtained.assumedRoleArn ?? config.source.roleArn} until ${obtained.credentials.expiration?.toISOString() ?? 'unknown'}\n`);
    return 0;
}
function signalNumber(signal) {
    return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1;
}


/***/ }),

/***/ 5158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uQ: () => (/* binding */ CHAINED_MAX_SECONDS),
  fD: () => (/* binding */ buildConfig),
  yn: () => (/* binding */ isRoleName)
});

// UNUSED EXPORTS: DEFAULT_DURATION_SECONDS, DEFAULT_MAX_ATTEMPTS, MAX_TIMEOUT_SECONDS, STS_MAX_DURATION_SECONDS, expandHome

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/config/arn.ts
var config_arn = __webpack_require__(2465);
// EXTERNAL MODULE: ./src/config/endpoint-url.ts
var endpoint_url = __webpack_require__(7873);
;// CONCATENATED MODULE: ./src/config/iot-endpoint.ts
/** The IoT credentials provider endpoint, from a host name or an explicit https URL. Pure. */


const DESCRIBE = 'aws iot describe-endpoint --endpoint-type iot:CredentialProvider';
/** Returns `https://host[:port]`. A bare host must look like an IoT credentials endpoint; a URL is trusted as given. */
function normaliseIotEndpoint(value, input) {
    if (value === '') {
        throw new errors/* InputError */.dz(input, 'is required', `Find your account's endpoint with: ${DESCRIBE}`);
    }
    if (/^[a-z]+:\/\//i.test(value)) {
        const url = (0,endpoint_url/* requireSecureEndpoint */.GU)(value, input);
        if (url.protocol !== 'https:') {
            throw new errors/* InputError */.dz(input, `'${(0,endpoint_url/* describeUrl */.Ng)(url)}' is not https`, 'The credentials provider is reached over TLS only: use https://');
        }
        if ((url.pathname !== '/' && url.pathname !== '') || url.search) {
            throw new errors/* InputError */.dz(input, `'${(0,endpoint_url/* describeUrl */.Ng)(url)}' has a path`, `Give the host only; the action adds /role-aliases/<alias>/credentials`);
        }
        return `https://${url.host}`;
    }
    if (!/^[a-z0-9]+\.credentials\.iot(-fips)?\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/i.test(value)) {
        const hint = /\.iot\.[a-z0-9-]+\.amazonaws\.com/i.test(value) && !/credentials/.test(value)
            ? 'This looks like the IoT data endpoint, not the credentials provider.'
            : 'It does not look like <prefix>.credentials.iot.<region>.amazonaws.com.';
        throw new errors/* InputError */.dz(input, `'${value}' is not an IoT credentials endpoint. ${hint}`, `Use the host printed by: ${DESCRIBE} (or an explicit https:// URL)`);
    }
    return `https://${value.toLowerCase()}`;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/config/sources/inputs.ts
/** What every source's input reading shares: the input getter, required inputs, and `~` as a shell reads it. Pure. */


/** `~/x` as a shell would read it: YAML and the runner pass the tilde through unexpanded. */
function expandHome(path, homeDir) {
    return /^~(?=$|[\\/])/.test(path) ? (0,external_node_path_.join)(homeDir, path.slice(1)) : path;
}
function requireInput(get, name, why) {
    const value = get(name);
    if (value === '')
        throw new errors/* InputError */.dz(name, 'is required', `Set it: ${why}`);
    return value;
}

;// CONCATENATED MODULE: ./src/config/sources/iot-certificate.ts
/** IoT certificate mode's inputs: the credentials provider endpoint, the role alias, the thing, the certificate. */



const iotCertificateSource = {
    inputs: ['iot-credential-endpoint', 'role-alias', 'thing-name'],
    sharedInputs: ['ca-certificate'],
    build(get) {
        const endpoint = normaliseIotEndpoint(get('iot-credential-endpoint'), 'iot-credential-endpoint');
        requireInput(get, 'role-alias', 'the IoT credentials provider exchanges the certificate for this role alias\'s role');
        if (!/^[\w=,@-]{1,128}$/.test(get('role-alias'))) {
            throw new errors/* InputError */.dz('role-alias', `'${get('role-alias')}' is not a role alias name`, 'Use the alias name (letters, digits and =,@-), not its ARN');
        }
        const source = {
            mode: 'iot-certificate',
            endpoint,
            roleAlias: get('role-alias'),
            certificate: requireInput(get, 'certificate', 'give the client certificate as PEM text or a path'),
            privateKey: requireInput(get, 'private-key', 'give the certificate\'s private key as PEM text or a path'),
        };
        if (get('thing-name')) {
            if (!/^[a-zA-Z0-9:_-]{1,128}$/.test(get('thing-name'))) {
                throw new errors/* InputError */.dz('thing-name', `'${get('thing-name')}' is not a valid thing name`, 'Use the IoT thing name (letters, digits and :_-)');
            }
            source.thingName = get('thing-name');
        }
        if (get('private-key-passphrase'))
            source.passphrase = get('private-key-passphrase');
        if (get('ca-certificate'))
            source.caCertificate = get('ca-certificate');
        return source;
    },
};

;// CONCATENATED MODULE: ./src/config/sources/minio-certificate.ts
/** MinIO certificate mode's inputs: the MinIO endpoint and the client certificate (PEM or PKCS#12) it maps to a policy. */



/** MinIO answers for its own region; us-east-1 is its default when the server sets none. */
const MINIO_DEFAULT_REGION = 'us-east-1';
/** internal/config/identity/tls: credentials last 15 minutes to 365 days. */
const MINIO_MAX_DURATION_SECONDS = 365 * 24 * 3600;
const minioCertificateSource = {
    inputs: ['minio-endpoint'],
    sharedInputs: ['certificate-chain', 'ca-certificate'],
    defaultRegion: MINIO_DEFAULT_REGION,
    maxDurationSeconds: MINIO_MAX_DURATION_SECONDS,
    refusedInputs: {
        'chain-role-arn': 'MinIO credentials are MinIO\'s own, not AWS\'s: they cannot call sts:AssumeRole on an AWS role',
        'refresh-credentials': 'MinIO issues credentials for the certificate once per exchange; run the step again for fresh ones',
    },
    build(get) {
        const source = {
            mode: 'minio-certificate',
            endpoint: normaliseMinioEndpoint(get('minio-endpoint')),
            certificate: requireInput(get, 'certificate', 'give the client certificate as PEM text, a path, or a PKCS#12 file'),
            privateKey: get('private-key'),
        };
        if (get('certificate-chain'))
            source.certificateChain = get('certificate-chain');
        if (get('private-key-passphrase'))
            source.passphrase = get('private-key-passphrase');
        if (get('ca-certificate'))
            source.caCertificate = get('ca-certificate');
        return source;
    },
};
/** `https://host[:port]`: the certificate is the credential, so only TLS to MinIO itself will do, loopback included. */
function normaliseMinioEndpoint(value) {
    const input = 'minio-endpoint';
    if (value === '')
        throw new errors/* InputError */.dz(input, 'is required', 'Set it to the MinIO server URL, e.g. https://minio.example.com:9000');
    // Not echoed: a value that is not a URL may be anything, a secret pasted into the wrong input included.
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()))
        throw new errors/* InputError */.dz(input, 'does not start with https://', 'Give the server URL, e.g. https://minio.example.com:9000');
    const url = (0,endpoint_url/* requireSecureEndpoint */.GU)(value, input);
    if (url.protocol !== 'https:') {
        throw new errors/* InputError */.dz(input, `'${(0,endpoint_url/* describeUrl */.Ng)(url)}' is not https`, 'MinIO reads the client certificate from the TLS handshake: use https:// (and MINIO_IDENTITY_TLS_ENABLE=on on the server)');
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        throw new errors/* InputError */.dz(input, `'${(0,endpoint_url/* describeUrl */.Ng)(url)}' has a path or query`, 'Give the server URL only, https://host[:port]; the action adds the STS query itself');
    }
    return `https://${url.host}`;
}

;// CONCATENATED MODULE: ./src/config/sources/oidc.ts
/** OIDC mode's inputs: the role, the audience, and where the id-token comes from (the runner, a file, a variable). */



const DEFAULT_AUDIENCE = 'sts.amazonaws.com';
const oidcSource = {
    inputs: ['audience', 'web-identity-token-file', 'web-identity-token-env'],
    build(get, _env, homeDir) {
        requireInput(get, 'role-to-assume', 'OIDC mode assumes this role with the job\'s id-token');
        (0,config_arn/* parseRoleArn */.DM)(get('role-to-assume'), 'role-to-assume');
        const source = { mode: 'oidc', roleArn: get('role-to-assume'), audience: get('audience') || DEFAULT_AUDIENCE };
        if (get('web-identity-token-file') && get('web-identity-token-env')) {
            throw new errors/* InputError */.dz('web-identity-token-env', 'is set together with web-identity-token-file', 'Give the token one way: a file or an environment variable');
        }
        if (get('web-identity-token-file'))
            source.tokenFile = expandHome(get('web-identity-token-file'), homeDir);
        if (get('web-identity-token-env'))
            source.tokenEnv = get('web-identity-token-env');
        return source;
    },
};

;// CONCATENATED MODULE: ./src/config/sources/roles-anywhere.ts
/** Roles Anywhere mode's inputs: the trust anchor, the profile, the role, and the certificate (PEM or PKCS#12). */



const rolesAnywhereSource = {
    inputs: ['trust-anchor-arn', 'profile-arn'],
    sharedInputs: ['certificate-chain'],
    build(get) {
        const anchorExample = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<id>';
        const profileExample = 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/<id>';
        const anchor = (0,config_arn/* parseRegionalArn */.I3)(requireInput(get, 'trust-anchor-arn', 'Roles Anywhere needs the trust anchor that issued the certificate'), 'trust-anchor-arn', 'rolesanywhere', 'trust-anchor', anchorExample);
        const profile = (0,config_arn/* parseRegionalArn */.I3)(requireInput(get, 'profile-arn', 'Roles Anywhere needs the profile that lists the role'), 'profile-arn', 'rolesanywhere', 'profile', profileExample);
        if (anchor.region !== profile.region) {
            throw new errors/* InputError */.dz('profile-arn', `is in region ${profile.region} but trust-anchor-arn is in ${anchor.region}`, 'Use a trust anchor and profile from the same region');
        }
        requireInput(get, 'role-to-assume', 'Roles Anywhere needs the role to assume, one the profile lists');
        (0,config_arn/* parseRoleArn */.DM)(get('role-to-assume'), 'role-to-assume');
        const source = {
            mode: 'roles-anywhere',
            trustAnchorArn: get('trust-anchor-arn'),
            profileArn: get('profile-arn'),
            roleArn: get('role-to-assume'),
            region: anchor.region,
            certificate: requireInput(get, 'certificate', 'give the certificate as PEM text, a path, or a PKCS#12 file'),
            privateKey: get('private-key'),
        };
        if (get('certificate-chain'))
            source.certificateChain = get('certificate-chain');
        if (get('private-key-passphrase'))
            source.passphrase = get('private-key-passphrase');
        return source;
    },
};

;// CONCATENATED MODULE: ./src/config/sources/index.ts




const SOURCES = {
    oidc: oidcSource,
    'iot-certificate': iotCertificateSource,
    'roles-anywhere': rolesAnywhereSource,
    'minio-certificate': minioCertificateSource,
};
/** The modes in the order they are listed to users. */
const MODES = Object.keys(SOURCES);

;// CONCATENATED MODULE: ./src/config/mode.ts
/** Which mode a set of inputs asks for: the `mode` input, or inferred from the inputs only one mode uses. Pure. */


/** Inputs that only one mode reads; their presence selects (or contradicts) that mode. */
const MODE_INPUTS = Object.fromEntries(MODES.map((m) => [m, SOURCES[m].inputs]));
/** Every input a mode reads beyond the common ones: its own and those it shares with other modes. */
const READS = Object.fromEntries(MODES.map((m) => [m, new Set([...SOURCES[m].inputs, ...(SOURCES[m].sharedInputs ?? [])])]));
/** Inputs of the certificate modes, which OIDC and role-chaining never read: setting them there is a mistake. */
const CERTIFICATE_INPUTS = ['certificate', 'private-key', 'private-key-passphrase'];
const SHARED_INPUTS = [...new Set(MODES.flatMap((m) => SOURCES[m].sharedInputs ?? []))];
function resolveMode(get, roleChaining) {
    const given = (mode) => MODE_INPUTS[mode].filter((name) => get(name) !== '');
    /** Set inputs that another mode reads and `mode` does not. */
    const foreignTo = (mode) => [
        ...MODES.filter((m) => m !== mode).flatMap(given),
        ...SHARED_INPUTS.filter((name) => get(name) !== '' && !READS[mode].has(name)),
    ];
    const explicit = get('mode');
    if (roleChaining) {
        const clash = [...MODES.flatMap(given), ...[...CERTIFICATE_INPUTS, ...SHARED_INPUTS].filter((name) => get(name) !== '')];
        if (explicit)
            clash.unshift('mode');
        if (clash.length > 0) {
            throw new errors/* InputError */.dz('role-chaining', `is true, which uses the credentials already in the environment, but ${list(clash)} ${clash.length > 1 ? 'are' : 'is'} also set`, 'Use role-chaining alone with role-to-assume, or remove role-chaining');
        }
        return 'role-chaining';
    }
    if (explicit) {
        if (!MODES.includes(explicit)) {
            throw new errors/* InputError */.dz('mode', `'${explicit}' is not a mode`, `Use one of ${MODES.join(', ')}, or leave it empty to infer the mode`);
        }
        const mode = explicit;
        const foreign = foreignTo(mode);
        if (mode === 'oidc')
            foreign.push(...CERTIFICATE_INPUTS.filter((name) => get(name) !== ''));
        if (foreign.length > 0) {
            throw new errors/* InputError */.dz('mode', `is ${mode}, but ${list(foreign)} belong${foreign.length > 1 ? '' : 's'} to another mode`, `Remove ${list(foreign)}, or change mode`);
        }
        return mode;
    }
    const candidates = MODES.filter((m) => given(m).length > 0);
    if (candidates.length > 1) {
        const clash = candidates.map((m) => `${given(m).join(', ')} (${m})`).join(' and ');
        throw new errors/* InputError */.dz('mode', `cannot be inferred: ${clash} are set together`, 'Keep the inputs of one mode only, or set mode explicitly');
    }
    const inferred = candidates[0];
    if (!inferred && (get('certificate') !== '' || get('private-key') !== '')) {
        throw new errors/* InputError */.dz('mode', 'cannot be inferred: a certificate is given without iot-credential-endpoint/role-alias (IoT), trust-anchor-arn/profile-arn (Roles Anywhere) or minio-endpoint (MinIO)', 'Add the inputs of the mode you want, or set mode');
    }
    const mode = inferred ?? (get('role-to-assume') !== '' ? 'oidc' : undefined);
    if (mode) {
        const stray = foreignTo(mode);
        if (stray.length > 0) {
            const from = inferred ? list(given(inferred)) : 'role-to-assume';
            throw new errors/* InputError */.dz('mode', `is inferred as ${mode} (from ${from}), but ${list(stray)} ${stray.length > 1 ? 'are' : 'is'} not read in that mode`, `Remove ${list(stray)}, or keep the inputs of the mode that reads ${stray.length > 1 ? 'them' : 'it'}`);
        }
        return mode;
    }
    throw new errors/* InputError */.dz('role-to-assume', 'is required (no mode\'s inputs are set)', 'For OIDC set role-to-assume; for a certificate set iot-credential-endpoint and role-alias, trust-anchor-arn and profile-arn, or minio-endpoint');
}
function list(names) {
    return names.join(', ');
}

// EXTERNAL MODULE: ./src/config/values.ts
var values = __webpack_require__(3750);
// EXTERNAL MODULE: ./src/config/proxy.ts
var proxy = __webpack_require__(1574);
;// CONCATENATED MODULE: ./src/config/peer-inputs.ts
/**
 * The inputs configure-aws-credentials users bring that this project's own do not cover: static keys (refused, with
 * the way out), the account guardrail, the switches around the exchange. Pure.
 */


const STATIC_KEY_INPUTS = ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token'];
/** Long-lived keys are what this action exists to remove: refused, naming the three ways to do without them. */
function refuseStaticKeys(get) {
    const given = STATIC_KEY_INPUTS.filter((name) => get(name) !== '');
    if (given.length === 0)
        return;
    throw new errors/* InputError */.dz(given[0], `is not accepted: this action never takes long-lived access keys${given.length > 1 ? ` (nor ${given.slice(1).join(', ')})` : ''}`, 'Remove the keys and use a short-lived identity: GitHub OIDC (role-to-assume with permissions: id-token: write; '
        + 'see "Migrating from configure-aws-credentials" in the README), an IoT certificate (iot-credential-endpoint, role-alias), '
        + 'or IAM Roles Anywhere (trust-anchor-arn, profile-arn); to hop from credentials an earlier step exported, use role-chaining: true');
}
function parseGuards(get) {
    return {
        allowedAccountIds: parseAccountIds(get('allowed-account-ids')),
        useExistingCredentials: (0,values/* parseBoolean */.yG)(get('use-existing-credentials'), 'use-existing-credentials', false),
        unsetCurrentCredentials: (0,values/* parseBoolean */.yG)(get('unset-current-credentials'), 'unset-current-credentials', false),
        specialCharactersWorkaround: (0,values/* parseBoolean */.yG)(get('special-characters-workaround'), 'special-characters-workaround', false),
    };
}
/** `allowed-account-ids`: comma-separated 12-digit account ids. */
function parseAccountIds(value) {
    const ids = (0,values/* parseList */.E1)(value);
    for (const id of ids) {
        if (!/^\d{12}$/.test(id)) {
            throw new errors/* InputError */.dz('allowed-account-ids', `'${id}' is not a 12-digit AWS account id`, 'List account ids separated by commas, e.g. 123456789012,210987654321');
        }
    }
    return ids;
}
/**
 * `force-skip-oidc: true` says not to use the runner's id-token. Only OIDC from the runner's endpoint uses it; there
 * the step would have nothing to exchange, so it fails (as configure-aws-credentials does) naming what to give.
 */
function checkForceSkipOidc(get, source) {
    if (!(0,values/* parseBoolean */.yG)(get('force-skip-oidc'), 'force-skip-oidc', false))
        return;
    if (source.mode === 'oidc' && !source.tokenFile && !source.tokenEnv) {
        throw new errors/* InputError */.dz('force-skip-oidc', 'is true, but role-to-assume would be assumed with the runner\'s OIDC token', 'Give web-identity-token-file, set role-chaining: true to use credentials an earlier step exported, or remove force-skip-oidc');
    }
}
/** `transitive-tag-keys`: one key per line (or comma-separated). */
function parseTagKeys(value, input) {
    const keys = (0,values/* parseList */.E1)(value);
    for (const key of keys) {
        if (key.length > 128 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u.test(key)) {
            throw new errors/* InputError */.dz(input, `'${key}' is not a tag key`, 'Use 1 to 128 letters, digits, spaces and _.:/=+-@ per key');
        }
    }
    return keys;
}

// EXTERNAL MODULE: ./src/config/session-tags.ts
var session_tags = __webpack_require__(1698);
;// CONCATENATED MODULE: ./src/config/action-inputs.ts
/** Turns the action's raw inputs into a validated Config. Pure: inputs, environment and clock are passed in. */












const DEFAULT_DURATION_SECONDS = 3600;
/** As configure-aws-credentials: 12 attempts per call. */
const DEFAULT_MAX_ATTEMPTS = 12;
/**
 * The ceiling on the step, whatever action-timeout-s says. Unset or 0 means no step-wide bound (as
 * configure-aws-credentials), leaving each attempt's own bound (15 s) and the attempt count, and this.
 */
const MAX_TIMEOUT_SECONDS = 3600;
/** STS's longest session, the bound of role-duration-seconds unless a mode's service grants longer. */
const STS_MAX_DURATION_SECONDS = 43200;
/** STS caps a session reached by role chaining at one hour. */
const CHAINED_MAX_SECONDS = 3600;
function buildConfig(get, env, now, homeDir) {
    refuseStaticKeys(get);
    const roleChaining = (0,values/* parseBoolean */.yG)(get('role-chaining'), 'role-chaining', false);
    // Region first: a missing one is the commonest mistake and reads best before any mode's own complaint.
    if (get('aws-region') !== '')
        (0,values/* parseRegion */.cf)(get('aws-region'), 'aws-region');
    const mode = resolveMode(get, roleChaining);
    const spec = mode === 'role-chaining' ? undefined : SOURCES[mode];
    const region = (0,values/* parseRegion */.cf)(get('aws-region') || spec?.defaultRegion || '', 'aws-region');
    for (const [input, reason] of Object.entries(spec?.refusedInputs ?? {})) {
        if (get(input) !== '')
            throw new errors/* InputError */.dz(input, `does not apply in ${mode} mode: ${reason}`, `Remove ${input}`);
    }
    const source = buildSource(mode, get, env, homeDir);
    checkForceSkipOidc(get, source);
    const durationInput = get('role-duration-seconds');
    const chainRoleArn = get('chain-role-arn') || undefined;
    // A bare role name takes the account of the credentials that assume it, as configure-aws-credentials does.
    if (chainRoleArn && !isRoleName(chainRoleArn))
        (0,config_arn/* parseRoleArn */.DM)(chainRoleArn, 'chain-role-arn');
    if (source.mode === 'iot-certificate' && durationInput !== '' && !chainRoleArn) {
        throw new errors/* InputError */.dz('role-duration-seconds', 'does not apply in iot-certificate mode: the role alias sets the session length', 'Remove it, or change the alias: aws iot update-role-alias --role-alias <alias> --credential-duration-seconds <n>');
    }
    const durationSeconds = durationInput === ''
        ? DEFAULT_DURATION_SECONDS
        : (0,values/* parseInteger */.cG)(durationInput, 'role-duration-seconds', 900, spec?.maxDurationSeconds ?? STS_MAX_DURATION_SECONDS, 'seconds');
    if (source.mode === 'role-chaining' && durationSeconds > CHAINED_MAX_SECONDS && env['AWS_SESSION_TOKEN']) {
        throw new errors/* InputError */.dz('role-duration-seconds', `${durationSeconds} exceeds the 1 hour limit STS sets on sessions reached by role chaining`, `Set role-duration-seconds to ${CHAINED_MAX_SECONDS} or less`);
    }
    const sessionNameInput = get('role-session-name');
    const config = {
        region,
        source,
        session: {
            sessionName: sessionNameInput === '' ? (0,values/* defaultSessionName */.te)(env, now) : (0,values/* parseSessionName */.NN)(sessionNameInput, 'role-session-name'),
            sessionNameGiven: sessionNameInput !== '',
            durationSeconds,
            inlinePolicy: (0,values/* parseInlinePolicy */.b8)(get('inline-session-policy'), 'inline-session-policy'),
            managedPolicyArns: managedPolicies(get('managed-session-policies')),
            externalId: externalId(get('role-external-id')),
            sessionTags: !(0,values/* parseBoolean */.yG)(get('role-skip-session-tagging'), 'role-skip-session-tagging', false),
            customTags: (0,session_tags/* parseCustomTags */.ib)(get('custom-tags'), 'custom-tags'),
            transitiveTagKeys: parseTagKeys(get('transitive-tag-keys'), 'transitive-tag-keys'),
        },
        delivery: buildDelivery(get, env, homeDir),
        retry: buildRetry(get),
        guards: parseGuards(get),
    };
    if (config.guards.unsetCurrentCredentials && source.mode === 'role-chaining' && config.delivery.env) {
        throw new errors/* InputError */.dz('unset-current-credentials', 'is true with role-chaining: true, which needs the credentials it would unset', 'Remove one of them');
    }
    const tagged = source.mode === 'role-chaining' || chainRoleArn;
    for (const input of ['custom-tags', 'transitive-tag-keys']) {
        if (get(input) && !tagged) {
            throw new errors/* InputError */.dz(input, `is set, but no sts:AssumeRole call is made in ${source.mode} mode, and only that call takes session tags`, 'Remove it: the tags of an OIDC session come from the id-token\'s https://aws.amazon.com/tags claim; or add chain-role-arn to hop into a tagged session');
        }
    }
    if (chainRoleArn)
        config.chainRoleArn = chainRoleArn;
    if (get('http-proxy'))
        config.httpProxy = (0,proxy/* parseProxyUrl */.Pr)(get('http-proxy'), 'http-proxy').toString();
    if (get('no-proxy'))
        config.noProxy = get('no-proxy');
    if (get('sts-endpoint'))
        config.stsEndpoint = (0,endpoint_url/* requireSecureEndpoint */.GU)(get('sts-endpoint'), 'sts-endpoint').toString();
    return config;
}
function buildRetry(get) {
    const timeoutInput = get('action-timeout-s');
    const timeoutSeconds = timeoutInput === '' || timeoutInput === '0' ? MAX_TIMEOUT_SECONDS : (0,values/* parseInteger */.cG)(timeoutInput, 'action-timeout-s', 0, MAX_TIMEOUT_SECONDS, 'seconds');
    const disabled = (0,values/* parseBoolean */.yG)(get('disable-retry'), 'disable-retry', false);
    // configure-aws-credentials: the workaround asks again until the key is clean, so it turns retries back on at 12.
    const workaround = (0,values/* parseBoolean */.yG)(get('special-characters-workaround'), 'special-characters-workaround', false);
    const given = get('retry-max-attempts') === '' ? DEFAULT_MAX_ATTEMPTS : (0,values/* parseInteger */.cG)(get('retry-max-attempts'), 'retry-max-attempts', 1, 100, 'attempts');
    return { maxAttempts: workaround ? DEFAULT_MAX_ATTEMPTS : disabled ? 1 : given, timeoutMs: 1000 * timeoutSeconds };
}
/** A role name with no ARN around it (`deploy`, `role/deploy`, `path/deploy`). */
function isRoleName(value) {
    return !value.startsWith('arn:') && /^(?:role\/)?(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/.test(value);
}
function buildSource(mode, get, env, homeDir) {
    if (mode !== 'role-chaining')
        return SOURCES[mode].build(get, env, homeDir);
    requireInput(get, 'role-to-assume', 'role-chaining: true assumes this role with the credentials already in the environment');
    if (!isRoleName(get('role-to-assume')))
        (0,config_arn/* parseRoleArn */.DM)(get('role-to-assume'), 'role-to-assume');
    if (env['AWS_ACCESS_KEY_ID'] && env['AWS_SECRET_ACCESS_KEY'])
        return { mode, roleArn: get('role-to-assume') };
    // configure-aws-credentials reads AWS_PROFILE through the SDK's chain: its README chains profiles this way.
    if (env['AWS_PROFILE']) {
        const credentialsFile = env['AWS_SHARED_CREDENTIALS_FILE'] || (0,external_node_path_.join)(homeDir, '.aws', 'credentials');
        return { mode, roleArn: get('role-to-assume'), profile: { name: env['AWS_PROFILE'], credentialsFile } };
    }
    throw new errors/* InputError */.dz('role-chaining', 'is true but no AWS credentials are in the environment', 'Run a step that exports AWS credentials first (or set AWS_PROFILE to a profile it wrote), or remove role-chaining');
}
function buildDelivery(get, env, homeDir) {
    const awsProfile = get('aws-profile');
    if (awsProfile && get('profile') && awsProfile !== get('profile')) {
        throw new errors/* InputError */.dz('aws-profile', `names '${awsProfile}' but profile names '${get('profile')}'`, 'Set one of them (aws-profile is configure-aws-credentials\'s name for profile)');
    }
    const overwriteProfile = (0,values/* parseBoolean */.yG)(get('overwrite-aws-profile'), 'overwrite-aws-profile', false);
    // configure-aws-credentials: with aws-profile the environment is left alone unless output-env-credentials says otherwise.
    const envDelivery = (0,values/* parseBoolean */.yG)(get('output-env-credentials'), 'output-env-credentials', !awsProfile);
    const delivery = {
        env: envDelivery,
        outputs: (0,values/* parseBoolean */.yG)(get('output-credentials'), 'output-credentials', false),
        maskAccountId: (0,values/* parseBoolean */.yG)(get('mask-aws-account-id'), 'mask-aws-account-id', false),
        overwriteProfile,
        announceProfile: !awsProfile || envDelivery,
    };
    const file = expandHome(get('credentials-file'), homeDir);
    const profile = awsProfile || get('profile');
    if (get('overwrite-aws-profile') && !file && !profile) {
        throw new errors/* InputError */.dz('overwrite-aws-profile', 'is set but no profile is written', 'Set aws-profile (or profile), or remove overwrite-aws-profile');
    }
    if (file || profile) {
        if (profile && !/^[\w+=,.@-]{1,64}$/.test(profile)) {
            throw new errors/* InputError */.dz('profile', `'${profile}' is not a usable profile name`, 'Use letters, digits and +=,.@_- only');
        }
        const credentialsFile = file || env['AWS_SHARED_CREDENTIALS_FILE'] || (0,external_node_path_.join)(homeDir, '.aws', 'credentials');
        delivery.credentialsFile = credentialsFile;
        // The region goes beside the credentials: the config file next to an explicit credentials file, else AWS's own.
        delivery.configFile = file ? (0,external_node_path_.join)((0,external_node_path_.dirname)(credentialsFile), 'config') : env['AWS_CONFIG_FILE'] || (0,external_node_path_.join)(homeDir, '.aws', 'config');
        delivery.profile = profile || 'default';
    }
    const jobProfile = env['AWS_PROFILE'];
    if (delivery.env && !delivery.credentialsFile && jobProfile) {
        if (!/^[\w+=,.@-]{1,64}$/.test(jobProfile)) {
            throw new errors/* InputError */.dz('AWS_PROFILE', 'is set to a name this step cannot write as a profile, and the JS SDK would read that profile instead of the credentials exported', 'Remove AWS_PROFILE from the job\'s environment, or use a name of letters, digits and +=,.@_- only');
        }
        delivery.jobProfile = {
            profile: jobProfile,
            credentialsFile: env['AWS_SHARED_CREDENTIALS_FILE'] || (0,external_node_path_.join)(homeDir, '.aws', 'credentials'),
            configFile: env['AWS_CONFIG_FILE'] || (0,external_node_path_.join)(homeDir, '.aws', 'config'),
            ...(env['RUNNER_TEMP'] ? { tempDir: env['RUNNER_TEMP'] } : {}),
        };
    }
    if (!delivery.env && !delivery.outputs && !delivery.credentialsFile) {
        throw new errors/* InputError */.dz('output-env-credentials', 'is false and no other delivery is chosen, so the credentials would go nowhere', 'Set profile/credentials-file, or output-credentials: true');
    }
    return delivery;
}
function managedPolicies(value) {
    const arns = (0,values/* parseList */.E1)(value);
    for (const arn of arns)
        (0,config_arn/* parsePolicyArn */.VU)(arn, 'managed-session-policies');
    if (arns.length > 10) {
        throw new errors/* InputError */.dz('managed-session-policies', `lists ${arns.length} policies; STS accepts at most 10`, 'Remove some, or combine them into one policy');
    }
    return arns;
}
function externalId(value) {
    if (value === '')
        return undefined;
    if (!/^[\w+=,.@:/-]{2,1224}$/.test(value)) {
        throw new errors/* InputError */.dz('role-external-id', 'contains characters STS does not accept, or is shorter than 2', 'Use 2 to 1224 characters from letters, digits and +=,.@:/-');
    }
    return value;
}


/***/ }),

/***/ 2465:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DM: () => (/* binding */ parseRoleArn),
/* harmony export */   I3: () => (/* binding */ parseRegionalArn),
/* harmony export */   KC: () => (/* binding */ accountOfArn),
/* harmony export */   VU: () => (/* binding */ parsePolicyArn)
/* harmony export */ });
/* unused harmony export parseArn */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Parsing of the ARNs the inputs carry. Pure. */

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
function parseArn(value, input, example) {
    const parts = value.split(':');
    if (parts.length < 6 || parts[0] !== 'arn') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not an ARN`, `Use the full ARN, e.g. ${example}`);
    }
    const [, partition = '', service = '', region = '', account = '', ...rest] = parts;
    if (!PARTITIONS.includes(partition)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' has an unknown partition '${partition}'`, `Use one of ${PARTITIONS.join(', ')}, e.g. ${example}`);
    }
    return { partition, service, region, account, resource: rest.join(':') };
}
/** An IAM role ARN, `arn:<partition>:iam::<12-digit account>:role/<optional path/>name`. A bare name gets the ARN form. */
function parseRoleArn(value, input) {
    const example = 'arn:aws:iam::123456789012:role/my-role';
    if (!value.startsWith('arn:')) {
        const name = value.replace(/^role\//, '');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is a role name, not a role ARN`, `Use the role's ARN: arn:aws:iam::<account-id>:role/${name || '<role-name>'}`);
    }
    const arn = parseArn(value, input, example);
    if (arn.service !== 'iam') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is an ARN of service '${arn.service}', not an IAM role`, `Use an IAM role ARN, e.g. ${example}`);
    }
    if (arn.region !== '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' has a region, but IAM ARNs have none`, `Remove the region: arn:${arn.partition}:iam::${arn.account}:${arn.resource}`);
    }
    checkAccount(arn.account, value, input, example);
    const match = /^role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(arn.resource);
    if (!match?.[1]) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' does not name a role (its resource must be role/<name>)`, `Use an IAM role ARN, e.g. ${example}`);
    }
    return { ...arn, roleName: match[1] };
}
/** A managed policy ARN for `managed-session-policies`. */
function parsePolicyArn(value, input) {
    const example = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const arn = parseArn(value, input, example);
    if (arn.service !== 'iam' || !arn.resource.startsWith('policy/')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not an IAM policy ARN`, `Use one policy ARN per line, e.g. ${example}`);
    }
    if (arn.account !== 'aws')
        checkAccount(arn.account, value, input, example);
    return arn;
}
/** An ARN of a given service and resource type with a region, e.g. a Roles Anywhere trust anchor. */
function parseRegionalArn(value, input, service, resourceType, example) {
    const arn = parseArn(value, input, example);
    if (arn.service !== service) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is an ARN of service '${arn.service}', not '${service}'`, `Use an ARN like ${example}`);
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(arn.region)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' has no valid region`, `Use an ARN like ${example}`);
    }
    checkAccount(arn.account, value, input, example);
    const prefix = `${resourceType}/`;
    const id = arn.resource.startsWith(prefix) ? arn.resource.slice(prefix.length) : '';
    if (!/^[\w-]{1,64}$/.test(id)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a ${resourceType} ARN`, `Use an ARN like ${example}`);
    }
    return { ...arn, id };
}
function checkAccount(account, value, input, example) {
    if (!/^\d{12}$/.test(account)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' has account '${account}', which is not 12 digits`, `Use an ARN like ${example}`);
    }
}
/** The account id of an STS assumed-role ARN (`arn:aws:sts::123456789012:assumed-role/role/session`), or ''. */
function accountOfArn(arn) {
    const account = arn.split(':')[4] ?? '';
    return /^\d{12}$/.test(account) ? account : '';
}


/***/ }),

/***/ 7873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GU: () => (/* binding */ requireSecureEndpoint),
/* harmony export */   Ng: () => (/* binding */ describeUrl),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * Where an id-token, a bearer or a signed request may be sent: https anywhere, plain http only to a host written as
 * loopback. Pure: the check reads the URL as written and never resolves a name.
 */

/** Parses `value` and refuses cleartext to anything but loopback, and any user name or password in the URL. */
function requireSecureEndpoint(value, what) {
    let url;
    try {
        url = new URL(value.trim());
    }
    catch {
        // Not echoed: a value that is not a URL may be anything, a secret pasted into the wrong setting included.
        const why = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? '' : ' (it does not start with https://)';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, `is not a URL${why}`, `Set ${what} to an https:// URL`);
    }
    if (url.username || url.password) {
        // Never printed: the URL's user information is most likely a password.
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, 'has a user name or password in the URL (not shown)', 'Remove the user information: AWS endpoints take none, and it would be sent and logged as part of the URL');
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol !== 'http:') {
        // Echoed only as scheme://host: in 'user:secret@host' the URL parser reads 'user:' as the scheme.
        const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? `'${describeUrl(url)}' ` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, `${shown}is not an http(s) URL`, `Set ${what} to an https:// URL`);
    }
    if (!isLoopbackHost(url.hostname)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, `'${describeUrl(url)}' is plain http:// to a host that is not loopback, so tokens and signed requests would cross the network in clear text`, 'Use https://; plain http:// is accepted only for 127.0.0.1, [::1] or localhost (a local stand-in)');
    }
    return url;
}
/** True for a host written as loopback: 127.0.0.0/8, [::1] or `localhost`; a name that merely resolves there is not. */
function isLoopbackHost(hostname) {
    if (hostname === 'localhost' || hostname === '[::1]')
        return true;
    // WHATWG URL parsing has already turned every IPv4 spelling (127.1, 0x7f.0.0.1) into dotted decimal.
    const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
    return octets !== null && octets[1] === '127';
}
/** A URL as it may be printed: scheme, host, port and path, never user information, query or fragment. */
function describeUrl(url) {
    let parsed;
    try {
        parsed = typeof url === 'string' ? new URL(url) : url;
    }
    catch {
        return '(not a URL)';
    }
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}


/***/ }),

/***/ 1574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GK: () => (/* binding */ describeProxy),
/* harmony export */   Pr: () => (/* binding */ parseProxyUrl),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export noProxyMatches */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Which proxy a request goes through: `http-proxy` if given, else HTTPS_PROXY/HTTP_PROXY, minus NO_PROXY. Pure. */

function envValue(env, name) {
    return env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
}
/** The proxy URL for `target`, or undefined for a direct connection. `explicit` is the `http-proxy` input. */
function proxyFor(target, env, explicit) {
    const raw = explicit || (target.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy'));
    if (!raw)
        return undefined;
    if (noProxyMatches(target, envValue(env, 'no_proxy') ?? ''))
        return undefined;
    return parseProxyUrl(raw, explicit ? 'http-proxy' : target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY');
}
function parseProxyUrl(raw, input) {
    let url;
    try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is not a proxy URL', 'Use http://host:port (credentials, if any, as http://user:password@host:port)');
    }
    if (url.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `uses ${url.protocol.replace(':', '')}, which is not supported`, 'Use an http:// proxy; HTTPS requests are tunnelled through it with CONNECT, so TLS stays end to end');
    }
    return url;
}
/** NO_PROXY as curl reads it: `*`, host names (a leading dot or not: the name and its subdomains), IPs, optional `:port`. */
function noProxyMatches(target, noProxy) {
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    for (const entry of noProxy.split(/[\s,]+/).map((e) => e.trim().toLowerCase()).filter(Boolean)) {
        if (entry === '*')
            return true;
        // A bare IPv6 address has colons of its own: only a bracketed one can carry a port.
        const match = (entry.split(':').length > 2 && !entry.startsWith('[')) ? [entry, entry, undefined] : /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry);
        if (!match)
            continue;
        const [, name = '', entryPort] = match;
        if (entryPort && entryPort !== port)
            continue;
        const bare = name.replace(/^\*?\./, '');
        if (host === bare || host.endsWith(`.${bare}`))
            return true;
    }
    return false;
}
/** A proxy URL safe to print: without its credentials. */
function describeProxy(proxy) {
    return `${proxy.protocol}//${proxy.host}`;
}


/***/ }),

/***/ 1698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cc: () => (/* binding */ sessionTags),
/* harmony export */   ib: () => (/* binding */ parseCustomTags),
/* harmony export */   wX: () => (/* binding */ runContextFromEnv)
/* harmony export */ });
/* unused harmony exports RUN_TAGS, DROPPABLE_RUN_TAGS, PROTECTED_TAG_KEYS, MAX_SESSION_TAGS, sanitiseTagValue */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * The session tags every sts:AssumeRole hop carries, as configure-aws-credentials sends them (ABAC policies written for
 * it keep working), and the `custom-tags` / `transitive-tag-keys` inputs checked against them. Pure.
 */

/** Tag key and the run fact it carries, in the order they are sent. Always sent (when known). */
const RUN_TAGS = [
    ['Repository', 'repository'],
    ['Workflow', 'workflow'],
    ['Action', 'action'],
    ['Actor', 'actor'],
    ['Commit', 'sha'],
    ['Branch', 'ref'],
];
/** Sent after RUN_TAGS; dropped, with one more try, when STS answers PackedPolicyTooLarge. */
const DROPPABLE_RUN_TAGS = [
    ['EventName', 'eventName'],
    ['BaseRef', 'baseRef'],
    ['HeadRef', 'headRef'],
    ['RunId', 'runId'],
    ['Job', 'job'],
    ['TriggeringActor', 'triggeringActor'],
];
/** Keys custom-tags may not reuse: the run's own. */
const PROTECTED_TAG_KEYS = new Set(['GitHub', ...RUN_TAGS.map(([k]) => k), ...DROPPABLE_RUN_TAGS.map(([k]) => k)]);
/** STS: at most 50 session tags, keys 1..128 and values 0..256 characters of letters, digits, spaces and _.:/=+-@. */
const MAX_SESSION_TAGS = 50;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** Characters STS accepts in a tag value; others become '_'. Values are cut to 256 characters. */
function sanitiseTagValue(value) {
    // Cut by code point: slicing UTF-16 units could leave half a surrogate pair, which encodeURIComponent refuses.
    return Array.from(value.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_')).slice(0, 256).join('');
}
/** `custom-tags`: a JSON object of string, number or boolean values; keys must not be the run's own. */
function parseCustomTags(value, input) {
    if (value === '')
        return [];
    let doc;
    try {
        doc = JSON.parse(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is not valid JSON', 'Give a JSON object, e.g. {"Team":"platform","CostCenter":"42"}');
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is not a JSON object', 'Give a JSON object of tag keys to values, e.g. {"Team":"platform"}');
    }
    const tags = [];
    for (const [key, raw] of Object.entries(doc)) {
        if (raw === null || typeof raw === 'object')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `the value of '${key}' is not a string, number or boolean`, 'Give each tag a plain value');
        const text = String(raw);
        if (key.length < 1 || key.length > 128 || !TAG_CHARS.test(key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `key '${key}' is not a valid tag key`, 'Use 1 to 128 letters, digits, spaces and _.:/=+-@');
        }
        if (text.length > 256 || !TAG_CHARS.test(text)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `the value of '${key}' is not a valid tag value`, 'Use up to 256 letters, digits, spaces and _.:/=+-@');
        }
        if (PROTECTED_TAG_KEYS.has(key)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `key '${key}' is one of the run's own session tags`, `Choose another key; the run's tags are ${[...PROTECTED_TAG_KEYS].join(', ')}`);
        }
        tags.push({ Key: key, Value: text });
    }
    // The run's tags are at most 13; the rest of STS's 50 is the user's.
    if (tags.length > MAX_SESSION_TAGS - PROTECTED_TAG_KEYS.size) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `has ${tags.length} tags; with the run's own that exceeds STS's limit of ${MAX_SESSION_TAGS}`, `Give at most ${MAX_SESSION_TAGS - PROTECTED_TAG_KEYS.size}`);
    }
    return tags;
}
/** The run's tags (none outside GitHub Actions: no repository), then the custom ones. */
function sessionTags(run, custom, dropDroppable = false) {
    if (!run.repository)
        return [...custom];
    const tags = [{ Key: 'GitHub', Value: 'Actions' }];
    for (const [Key, fact] of dropDroppable ? RUN_TAGS : [...RUN_TAGS, ...DROPPABLE_RUN_TAGS]) {
        if (run[fact])
            tags.push({ Key, Value: sanitiseTagValue(run[fact]) });
    }
    return [...tags, ...custom];
}
/** The run context from the runner's GITHUB_* variables (what @actions/github's context reads, plus three it lacks). */
function runContextFromEnv(env) {
    const v = (name) => env[name] ?? '';
    return {
        repository: v('GITHUB_REPOSITORY'),
        workflow: v('GITHUB_WORKFLOW'),
        action: v('GITHUB_ACTION'),
        actor: v('GITHUB_ACTOR'),
        sha: v('GITHUB_SHA'),
        ref: v('GITHUB_REF'),
        eventName: v('GITHUB_EVENT_NAME'),
        baseRef: v('GITHUB_BASE_REF'),
        headRef: v('GITHUB_HEAD_REF'),
        runId: v('GITHUB_RUN_ID'),
        job: v('GITHUB_JOB'),
        triggeringActor: v('GITHUB_TRIGGERING_ACTOR'),
    };
}


/***/ }),

/***/ 3750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   NN: () => (/* binding */ parseSessionName),
/* harmony export */   b8: () => (/* binding */ parseInlinePolicy),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   cf: () => (/* binding */ parseRegion),
/* harmony export */   te: () => (/* binding */ defaultSessionName),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
/* unused harmony export sanitiseSessionName */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Parsing of scalar inputs: booleans, integers, regions, session names, policies. Pure. */

function parseBoolean(value, input, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a boolean`, 'Use true or false');
}
function parseInteger(value, input, min, max, unit) {
    if (!/^\d+$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a whole number`, `Use a whole number of ${unit} from ${min} to ${max}`);
    }
    const n = Number(value);
    if (n < min || n > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${n} is out of range`, `Use a whole number of ${unit} from ${min} to ${max}`);
    }
    return n;
}
function parseRegion(value, input) {
    if (value === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is required', "Set it to the AWS region to use, e.g. aws-region: us-east-1");
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not an AWS region name`, 'Use a region code such as us-east-1 or eu-west-2');
    }
    return value;
}
/** Characters STS allows in a role session name, 2..64 of them. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
function parseSessionName(value, input) {
    if (!SESSION_NAME.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a valid role session name`, 'Use 2 to 64 characters from letters, digits and +=,.@_-');
    }
    return value;
}
/** Turns any text into a valid session name: other characters become '-', then cut to 64 and padded to 2. */
function sanitiseSessionName(text) {
    const cleaned = text.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
    return cleaned.length >= 2 ? cleaned : cleaned.padEnd(2, '_');
}
/** The default session name: the run's id and attempt, so CloudTrail ties the session to the run. */
function defaultSessionName(env, now) {
    const runId = env['GITHUB_RUN_ID'];
    if (runId)
        return sanitiseSessionName(`GitHubActions-${runId}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`);
    return sanitiseSessionName(`aws-short-lived-credentials-${Math.floor(now.getTime() / 1000)}`);
}
/** STS limits an inline session policy to 2048 characters once white space outside strings is removed. */
const INLINE_POLICY_MAX = 2048;
function parseInlinePolicy(value, input) {
    if (value === '')
        return undefined;
    let doc;
    try {
        doc = JSON.parse(value);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `is not valid JSON (${err.message})`, 'Give an IAM policy document as JSON, e.g. {"Version":"2012-10-17","Statement":[...]}');
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('Statement' in doc)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is JSON but not an IAM policy document (no "Statement")', 'Give an object with "Version" and "Statement"');
    }
    const compact = JSON.stringify(doc);
    if (compact.length > INLINE_POLICY_MAX) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `is ${compact.length} characters without white space, above STS's limit of ${INLINE_POLICY_MAX}`, 'Shorten the policy, or use managed-session-policies');
    }
    return compact;
}
/** Splits a multi-line input into its non-empty lines (commas also separate, as users write both). */
function parseList(value) {
    return value.split(/[\r\n,]+/).map((s) => s.trim()).filter(Boolean);
}


/***/ }),

/***/ 7803:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MZ: () => (/* binding */ ENDPOINT_TOKEN_FILE_FLAG),
/* harmony export */   zh: () => (/* binding */ ENDPOINT_URL_FLAG)
/* harmony export */ });
/* unused harmony exports quoteWord, endpointProcessLine */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
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
        throw new InputError('credentials-file', `the ${what} (${word}) cannot go on a credential_process line${bad ? `: it contains ${JSON.stringify(bad[0])}` : ''}`, 'Run the job from a directory (RUNNER_TEMP and the action\'s path) without quotes, # or ;, or leave refresh-credentials off for profile delivery');
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


/***/ }),

/***/ 9906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   acquireLock: () => (/* binding */ acquireLock),
/* harmony export */   fileError: () => (/* binding */ fileError)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var proper_lockfile__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3648);
/* harmony import */ var proper_lockfile__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(proper_lockfile__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/**
 * A lock beside the file it guards (`<path>.lock`), so that processes editing the same file (two steps, the CLI and
 * the action, twenty `aws` commands at once) take turns. proper-lockfile makes it a directory (mkdir is atomic) whose
 * mtime the holder refreshes; a lock whose mtime stopped moving was left by a process that is gone and is taken over.
 * Around it: every wait sleeps and ends at the caller's deadline, anything at `<path>.lock` other than a lock directory
 * of this user fails at once, and release removes the lock only while it is still the one this process made.
 */



const DEFAULT_WAIT_MS = 15000;
/** A holder refreshes its lock every STALE_MS / 2; a lock not refreshed for STALE_MS has lost its holder. */
const STALE_MS = 10000;
/** Takes `<path>.lock`, waiting (sleeping) while another process holds it; returns the release function. */
async function acquireLock(path, input, options = {}) {
    const lockPath = `${path}.lock`;
    const deadline = options.deadline ?? Date.now() + DEFAULT_WAIT_MS;
    for (;;) {
        let ours;
        // Removal goes through here, so neither release nor the exit handler removes a lock another process has taken.
        const guardedFs = {
            ...node_fs__WEBPACK_IMPORTED_MODULE_0__,
            rmdirSync: (p) => {
                if (ours !== undefined && identity(String(p)) !== ours)
                    return;
                node_fs__WEBPACK_IMPORTED_MODULE_0__.rmdirSync(p);
            },
        };
        try {
            const release = proper_lockfile__WEBPACK_IMPORTED_MODULE_1___default().lockSync(path, { realpath: false, stale: STALE_MS, lockfilePath: lockPath, fs: guardedFs, onCompromised: () => undefined });
            ours = identity(lockPath);
            return () => {
                try {
                    release();
                }
                catch {
                    // ERELEASED: the lock was taken over as stale, so there is nothing of ours to remove.
                }
            };
        }
        catch (err) {
            if (err.code !== 'ELOCKED')
                throw lockError(input, lockPath, err);
        }
        const problem = foreignLock(lockPath);
        if (problem)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${lockPath} ${problem}`, `Remove ${lockPath} if no other process is writing ${path}, or choose another path`);
        const left = deadline - Date.now();
        if (left <= 0) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${lockPath} is held by another process and was not released in time`, `Another process is writing ${path}; if none is, remove ${lockPath}`);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(left, 50 + Math.random() * 100)));
    }
}
/** Which lock directory this is: a new one made after ours was removed differs in inode or birth time. */
function identity(lockPath) {
    try {
        const stat = node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(lockPath);
        return `${stat.dev}:${stat.ino}:${stat.birthtimeMs}`;
    }
    catch {
        return undefined;
    }
}
/** Why what sits at `lockPath` is not a lock worth waiting for, or undefined when it is one. */
function foreignLock(lockPath) {
    let stat;
    try {
        stat = node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync(lockPath);
    }
    catch {
        return undefined; // Released between our attempt and this look: try again.
    }
    if (stat.isSymbolicLink())
        return 'is a symbolic link, not a lock';
    if (!stat.isDirectory())
        return 'is not a lock directory (a file left by another program or an older version)';
    if (process.getuid && stat.uid !== process.getuid())
        return `is a lock of another user (uid ${stat.uid}), which this user cannot take over`;
    return undefined;
}
function lockError(input, lockPath, err) {
    const code = err.code ?? 'error';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `cannot take the lock ${lockPath} (${code}${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ''})`, 'Choose a path in a directory this job can write and owns');
}
/** A file-system failure as an InputError on the input that named the path. */
function fileError(input, path, err) {
    const code = err.code ?? 'error';
    const why = {
        ENOTDIR: 'a component of the path is a file, not a directory',
        EEXIST: 'a component of the path is a file, not a directory',
        EISDIR: 'it is a directory',
        EACCES: 'permission denied',
        EPERM: 'permission denied',
        EROFS: 'the file system is read-only',
        ENAMETOOLONG: 'the name is too long',
    };
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `cannot write ${path} (${code}${why[code] ? `: ${why[code]}` : ''})`, 'Choose a path the job can write, in a directory it owns');
}


/***/ }),

/***/ 6016:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   editFiles: () => (/* binding */ editFiles),
/* harmony export */   writeAtomically: () => (/* binding */ writeAtomically)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _file_lock_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9906);
/**
 * Read-modify-write of shared credentials/config files as one change: every file under its lock (taken in path order
 * so two writers cannot deadlock), each written to a temporary file with mode 0600 and renamed over the target so no
 * reader ever sees half a file, never through a symbolic link, and put back as it was if a later file fails.
 */





/**
 * Locks and reads `paths` (made absolute), lets `plan` decide every file's new text from all of them, then writes them.
 * Either every planned file is written, or each file already written is put back and the error thrown.
 */
async function editFiles(paths, input, plan, options = {}) {
    const unique = [...new Set(paths.map((p) => (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(p)))].sort();
    const releases = [];
    try {
        for (const path of unique) {
            refuseSymlink(path, input);
            try {
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true, mode: 0o700 });
            }
            catch (err) {
                throw (0,_file_lock_js__WEBPACK_IMPORTED_MODULE_4__.fileError)(input, path, err);
            }
            releases.push(await (0,_file_lock_js__WEBPACK_IMPORTED_MODULE_4__.acquireLock)(path, input, options));
        }
        const before = new Map();
        for (const path of unique) {
            refuseSymlink(path, input);
            before.set(path, readText(path, input));
        }
        const changes = [...plan(before)].filter(([path, after]) => after !== before.get(path)?.text || (after !== null && !before.get(path)?.existed));
        const done = [];
        try {
            for (const [path, after] of changes) {
                if (!before.has(path))
                    throw new Error(`planned a file that was not locked: ${path}`);
                if (after === null) {
                    if (before.get(path).existed)
                        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.unlinkSync)(path);
                }
                else {
                    writeAtomically(path, after, input);
                }
                done.push(path);
            }
        }
        catch (err) {
            putBack(done, before, input, err);
            throw err;
        }
        return before;
    }
    finally {
        for (const release of releases.reverse())
            release();
    }
}
function putBack(done, before, input, cause) {
    const failed = [];
    for (const path of done.reverse()) {
        const was = before.get(path);
        try {
            if (was.existed)
                writeAtomically(path, was.text, input);
            else
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(path, { force: true });
        }
        catch {
            failed.push(path);
        }
    }
    if (failed.length > 0) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `${why}; and putting back ${failed.join(', ')} as it was failed too`, `Check ${failed.join(', ')} by hand: it may hold credentials this step wrote`);
    }
}
function readText(path, input) {
    try {
        return { text: (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8'), existed: true };
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw (0,_file_lock_js__WEBPACK_IMPORTED_MODULE_4__.fileError)(input, path, err);
        return { text: '', existed: false };
    }
}
/** Writes `text` to `path` with mode 0600 via a sibling temporary file and rename. */
function writeAtomically(path, text, input) {
    const tmp = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), `.${(0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path)}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_2__.randomBytes)(6).toString('hex')}.tmp`);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(tmp, 'wx', 0o600);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, text);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fsyncSync)(fd);
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
        fd = undefined;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.renameSync)(tmp, path);
    }
    catch (err) {
        try {
            if (fd !== undefined)
                (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(fd);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(tmp, { force: true });
        }
        catch {
            // The temporary file could not be made or is gone; the first failure is the one to report.
        }
        throw (0,_file_lock_js__WEBPACK_IMPORTED_MODULE_4__.fileError)(input, path, err);
    }
}
function refuseSymlink(path, input) {
    let isLink = false;
    try {
        isLink = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(path).isSymbolicLink();
    }
    catch {
        return;
    }
    if (isLink) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `${path} is a symbolic link, which this action will not write through`, 'Point it at a regular file, or remove the link');
    }
}


/***/ })

};
