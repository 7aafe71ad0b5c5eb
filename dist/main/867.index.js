export const id = 867;
export const ids = [867,514];
export const modules = {

/***/ 1867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   assumesRole: () => (/* binding */ assumesRole),
/* harmony export */   jobProfileTarget: () => (/* binding */ jobProfileTarget),
/* harmony export */   removeJobProfile: () => (/* binding */ removeJobProfile),
/* harmony export */   writeJobProfile: () => (/* binding */ writeJobProfile)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _ini_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2605);
/* harmony import */ var _profile_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4514);
/**
 * Env delivery into a job whose AWS_PROFILE is already set. The JS SDK v3's default chain skips AWS_ACCESS_KEY_ID
 * whenever AWS_PROFILE is set and reads that profile from the shared files (botocore and the AWS CLI take the
 * environment keys), and GITHUB_ENV cannot unset a variable, so the new credentials are also written as that profile
 * into a step-owned copy of the credentials file, which AWS_SHARED_CREDENTIALS_FILE then names; the post step deletes it.
 */






const DIR_PREFIX = 'aslc-profile-';
const DIR_NAME = /^aslc-profile-[A-Za-z0-9]{6}$/;
/**
 * True when the config file makes `profile` assume a role from another source: the JS SDK resolves that before static
 * keys of the same profile, so a copy of the keys would not be read. Pure.
 */
function assumesRole(configText, profile) {
    return (0,_profile_js__WEBPACK_IMPORTED_MODULE_4__.configSectionNames)(profile).some((name) => {
        const section = (0,_ini_js__WEBPACK_IMPORTED_MODULE_5__/* .readSection */ .GU)(configText, name);
        return section !== undefined && section.has('role_arn') && (section.has('source_profile') || section.has('credential_source'));
    });
}
async function readIfPresent(path, variable) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return null;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(variable, `${path} cannot be read (${err.code ?? 'error'}), so AWS_PROFILE's other settings could not be carried over`, 'Make the file readable by the runner, or unset AWS_PROFILE for this job');
    }
}
/** Writes the copy with the new credentials as `job.profile` and returns the receipt; nothing is left behind on failure. */
async function writeJobProfile(job, credentials, region) {
    const config = await readIfPresent(job.configFile, 'AWS_CONFIG_FILE');
    if (config !== null && assumesRole(config, job.profile)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz('AWS_PROFILE', `names '${job.profile}', which assumes a role (role_arn with source_profile or credential_source in ${job.configFile}); the JS SDK would use that role instead of these credentials`, 'Remove AWS_PROFILE from the job\'s environment for the steps that use these credentials, or set aws-profile to another name with output-env-credentials: true');
    }
    const user = await readIfPresent(job.credentialsFile, 'AWS_SHARED_CREDENTIALS_FILE');
    const dir = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdtemp)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(job.tempDir || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)()), DIR_PREFIX));
    try {
        const credentialsFile = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'credentials');
        // A copy, so the user's other profiles (source_profile chains, --profile calls) still read as before.
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(credentialsFile, user ?? '', { mode: 0o600, flag: 'wx' });
        // writeProfile also sets the region beside the keys; this config is never exported, the user's stays in force.
        return await (0,_profile_js__WEBPACK_IMPORTED_MODULE_4__.writeProfile)({ credentialsFile, configFile: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'config'), profile: job.profile }, credentials, region, { overwrite: true });
    }
    catch (err) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(dir, { recursive: true, force: true });
        throw err;
    }
}
/**
 * The target a saved receipt may name if it is a step-owned copy: `credentials` in a directory this module makes
 * directly under RUNNER_TEMP, for the job's AWS_PROFILE. Anything else is not one.
 */
function jobProfileTarget(raw, env) {
    let file;
    try {
        file = JSON.parse(raw).credentialsFile;
    }
    catch {
        return undefined;
    }
    const profile = env['AWS_PROFILE'];
    if (typeof file !== 'string' || !profile || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(file) !== file || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(file) !== 'credentials')
        return undefined;
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file);
    if (!DIR_NAME.test((0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(dir)) || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(dir) !== (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(env['RUNNER_TEMP'] || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)()))
        return undefined;
    return { credentialsFile: file, configFile: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'config'), profile };
}
/** Deletes the step-owned directory of a receipt that jobProfileTarget accepted, copy of the user's profiles and all. */
async function removeJobProfile(receipt) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(receipt.credentialsFile), { recursive: true, force: true });
}


/***/ }),

/***/ 4514:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ACCESS_KEY_ID: () => (/* binding */ ACCESS_KEY_ID),
  PROFILE_NAME: () => (/* binding */ PROFILE_NAME),
  PROFILE_STATE: () => (/* binding */ PROFILE_STATE),
  configSectionNames: () => (/* binding */ configSectionNames),
  parseReceipt: () => (/* binding */ parseReceipt),
  removeProfile: () => (/* binding */ removeProfile),
  servicesSectionName: () => (/* binding */ servicesSectionName),
  writeProfile: () => (/* binding */ writeProfile)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(3648);
var proper_lockfile_default = /*#__PURE__*/__webpack_require__.n(proper_lockfile);
;// CONCATENATED MODULE: ./src/delivery/file-lock.ts
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
            ...external_node_fs_,
            rmdirSync: (p) => {
                if (ours !== undefined && identity(String(p)) !== ours)
                    return;
                external_node_fs_.rmdirSync(p);
            },
        };
        try {
            const release = proper_lockfile_default().lockSync(path, { realpath: false, stale: STALE_MS, lockfilePath: lockPath, fs: guardedFs, onCompromised: () => undefined });
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
            throw new errors/* InputError */.dz(input, `${lockPath} ${problem}`, `Remove ${lockPath} if no other process is writing ${path}, or choose another path`);
        const left = deadline - Date.now();
        if (left <= 0) {
            throw new errors/* InputError */.dz(input, `${lockPath} is held by another process and was not released in time`, `Another process is writing ${path}; if none is, remove ${lockPath}`);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(left, 50 + Math.random() * 100)));
    }
}
/** Which lock directory this is: a new one made after ours was removed differs in inode or birth time. */
function identity(lockPath) {
    try {
        const stat = external_node_fs_.lstatSync(lockPath);
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
        stat = external_node_fs_.lstatSync(lockPath);
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
    return new errors/* InputError */.dz(input, `cannot take the lock ${lockPath} (${code}${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ''})`, 'Choose a path in a directory this job can write and owns');
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
    return new errors/* InputError */.dz(input, `cannot write ${path} (${code}${why[code] ? `: ${why[code]}` : ''})`, 'Choose a path the job can write, in a directory it owns');
}

;// CONCATENATED MODULE: ./src/delivery/profile-file.ts
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
    const unique = [...new Set(paths.map((p) => (0,external_node_path_.resolve)(p)))].sort();
    const releases = [];
    try {
        for (const path of unique) {
            refuseSymlink(path, input);
            try {
                (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true, mode: 0o700 });
            }
            catch (err) {
                throw fileError(input, path, err);
            }
            releases.push(await acquireLock(path, input, options));
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
                        (0,external_node_fs_.unlinkSync)(path);
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
                (0,external_node_fs_.rmSync)(path, { force: true });
        }
        catch {
            failed.push(path);
        }
    }
    if (failed.length > 0) {
        const why = cause instanceof Error ? cause.message : String(cause);
        throw new errors/* InputError */.dz(input, `${why}; and putting back ${failed.join(', ')} as it was failed too`, `Check ${failed.join(', ')} by hand: it may hold credentials this step wrote`);
    }
}
function readText(path, input) {
    try {
        return { text: (0,external_node_fs_.readFileSync)(path, 'utf8'), existed: true };
    }
    catch (err) {
        if (err.code !== 'ENOENT')
            throw fileError(input, path, err);
        return { text: '', existed: false };
    }
}
/** Writes `text` to `path` with mode 0600 via a sibling temporary file and rename. */
function writeAtomically(path, text, input) {
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${process.pid}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(tmp, 'wx', 0o600);
        (0,external_node_fs_.writeSync)(fd, text);
        (0,external_node_fs_.fsyncSync)(fd);
        (0,external_node_fs_.closeSync)(fd);
        fd = undefined;
        (0,external_node_fs_.renameSync)(tmp, path);
    }
    catch (err) {
        try {
            if (fd !== undefined)
                (0,external_node_fs_.closeSync)(fd);
            (0,external_node_fs_.rmSync)(tmp, { force: true });
        }
        catch {
            // The temporary file could not be made or is gone; the first failure is the one to report.
        }
        throw fileError(input, path, err);
    }
}
function refuseSymlink(path, input) {
    let isLink = false;
    try {
        isLink = (0,external_node_fs_.lstatSync)(path).isSymbolicLink();
    }
    catch {
        return;
    }
    if (isLink) {
        throw new errors/* InputError */.dz(input, `${path} is a symbolic link, which this action will not write through`, 'Point it at a regular file, or remove the link');
    }
}

// EXTERNAL MODULE: ./src/ini.ts
var ini = __webpack_require__(2605);
;// CONCATENATED MODULE: ./src/delivery/profile.ts
/**
 * Delivery to a named profile: credentials in the credentials file, the region in the config file; and its undoing.
 * The write is all or nothing and returns a receipt; the undo acts only on what the receipt proves this step wrote.
 */





/** The key under which the main step hands its ProfileReceipt to the post step. */
const PROFILE_STATE = 'profile-receipt';
const INPUT = 'credentials-file';
const PROFILE_NAME = /^[\w+=,.@-]{1,64}$/;
// Every service here issues upper-case letters and digits (AWS's ASIA..., MinIO's 20 characters); the session was
// validated in full before delivery, this keeps the receipt and the file to the same plain shape.
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/**
 * The config sections that name `profile`. For `default` both forms count: botocore takes whichever comes last and
 * the JS SDK prefers `[profile default]`, so the region is set in every one present for all readers to agree.
 */
function configSectionNames(profile) {
    return profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
}
function digest(entries) {
    return (0,external_node_crypto_.createHash)('sha256').update(JSON.stringify(entries)).digest('hex');
}
function credentialEntries(credentials) {
    const entries = [
        ['aws_access_key_id', credentials.accessKeyId],
        ['aws_secret_access_key', credentials.secretAccessKey],
    ];
    if (credentials.sessionToken)
        entries.push(['aws_session_token', credentials.sessionToken]);
    if (credentials.expiration)
        entries.push(['aws_credential_expiration', credentials.expiration.toISOString()]);
    return entries;
}
/** The `[services ...]` section this project writes for a profile (botocore's per-service endpoint settings). */
function servicesSectionName(profile) {
    return `services aslc-${profile}`;
}
/** Sets `key` in the profile's config sections, creating the usual one when none exists. Pure. */
function setProfileKey(text, profile, key, value) {
    const present = configSectionNames(profile).filter((name) => (0,ini/* countSections */.M$)(text, name) > 0);
    const edits = [];
    for (const section of present.length > 0 ? present : configSectionNames(profile).slice(0, 1)) {
        const edit = (0,ini/* setKey */.qL)(text, section, key, value);
        text = edit.text;
        edits.push({ section, previousLine: edit.previousLine, createdSection: edit.createdSection });
    }
    return { text, edits };
}
/** Writes the profile; either both files change and the receipt is returned, or neither changes and it throws. */
async function writeProfile(target, credentials, region, options = {}, endpoints = {}) {
    if (!PROFILE_NAME.test(target.profile))
        throw new errors/* InputError */.dz('profile', `'${target.profile}' is not a usable profile name`, 'Use letters, digits and +=,.@_- only');
    if (!ACCESS_KEY_ID.test(credentials.accessKeyId))
        throw new errors/* InputError */.dz(INPUT, 'the access key id received is not of the shape credential services issue; nothing was written', 'Check the credential endpoint');
    // In the credentials file, where static keys would be: same section, overwrite rule and receipt; readers merge both files.
    const entries = options.credentialProcess ? [['credential_process', options.credentialProcess]] : credentialEntries(credentials);
    const credentialsFile = (0,external_node_path_.resolve)(target.credentialsFile);
    const configFile = (0,external_node_path_.resolve)(target.configFile);
    let regionEdits = [];
    let services;
    const files = await editFiles([credentialsFile, configFile], INPUT, (before) => profile_ini(() => {
        const plan = new Map();
        // A section already there may hold someone's long-lived keys, which the post step's removal would then lose.
        if (!options.overwrite && (0,ini/* countSections */.M$)(before.get(credentialsFile).text, target.profile) > 0) {
            throw new errors/* InputError */.dz('overwrite-aws-profile', `profile '${target.profile}' already exists in ${credentialsFile}; it was left as it is`, 'Choose another profile name, or set overwrite-aws-profile: true to replace it (the post step then removes it)');
        }
        plan.set(credentialsFile, (0,ini/* upsertSection */.lI)(before.get(credentialsFile).text, target.profile, entries));
        // One file may be both; then the region goes into the text that already holds the credentials.
        const config = setProfileKey(plan.get(configFile) ?? before.get(configFile).text, target.profile, 'region', region);
        let text = config.text;
        regionEdits = config.edits;
        if (endpoints.s3) {
            const section = servicesSectionName(target.profile);
            text = (0,ini/* upsertNestedSection */.qQ)(text, section, [['s3', [['endpoint_url', endpoints.s3]]]]);
            const pointer = setProfileKey(text, target.profile, 'services', section.slice('services '.length));
            text = pointer.text;
            services = { section, sha256: digest([...(0,ini/* readSection */.GU)(text, section)]), edits: pointer.edits };
        }
        plan.set(configFile, text);
        return plan;
    }), options);
    return {
        credentialsFile,
        configFile,
        profile: target.profile,
        accessKeyId: options.credentialProcess ? '' : credentials.accessKeyId,
        credentialsSha256: digest(entries),
        region,
        createdCredentialsFile: !files.get(credentialsFile).existed,
        createdConfigFile: !files.get(configFile).existed,
        regionEdits,
        ...(services ? { services } : {}),
        ...(options.credentialProcess ? { credentialProcess: true } : {}),
    };
}
/**
 * Removes the profile only while its credentials section is still exactly what was written; then restores each config
 * section's region line that still holds the written region. Deletes a file the write created and left empty.
 */
async function removeProfile(receipt, options = {}) {
    let removed = false;
    await editFiles([receipt.credentialsFile, receipt.configFile], INPUT, (before) => {
        const plan = new Map();
        const creds = before.get(receipt.credentialsFile);
        const section = (0,ini/* readSection */.GU)(creds.text, receipt.profile);
        const ours = receipt.credentialProcess ? section?.has('credential_process') : section?.get('aws_access_key_id') === receipt.accessKeyId;
        if (!creds.existed || !section || !ours || digest([...section]) !== receipt.credentialsSha256)
            return plan;
        removed = true;
        plan.set(receipt.credentialsFile, emptied((0,ini/* removeSection */.Uf)(creds.text, receipt.profile), receipt.createdCredentialsFile));
        const config = receipt.configFile === receipt.credentialsFile ? { text: plan.get(receipt.credentialsFile) ?? '', existed: true } : before.get(receipt.configFile);
        if (!config.existed)
            return plan;
        let text = config.text;
        // The services pointer first: the region edit may have created the section and removes it once it is empty.
        if (receipt.services) {
            const { section, sha256, edits } = receipt.services;
            const written = (0,ini/* readSection */.GU)(text, section);
            if (written && digest([...written]) === sha256)
                text = (0,ini/* removeSection */.Uf)(text, section);
            for (const edit of edits)
                text = (0,ini/* restoreKey */.eE)(text, edit.section, 'services', section.slice('services '.length), edit.previousLine, edit.createdSection) ?? text;
        }
        for (const edit of receipt.regionEdits)
            text = (0,ini/* restoreKey */.eE)(text, edit.section, 'region', receipt.region, edit.previousLine, edit.createdSection) ?? text;
        plan.set(receipt.configFile, emptied(text, receipt.createdConfigFile));
        return plan;
    }, options);
    return { removed };
}
/** null (delete the file) when this step created it and nothing else is left in it. */
function emptied(text, created) {
    return text !== null && created && text.trim() === '' ? null : text;
}
/** Runs an INI edit, turning what the INI layer refuses into an error on the input. */
function profile_ini(fn) {
    try {
        return fn();
    }
    catch (err) {
        if (err instanceof ini/* IniEditError */.Pz)
            throw new errors/* InputError */.dz(INPUT, `cannot write the profile: ${err.message}`, 'Fix the file by hand (the other readers of it would disagree), or choose another profile or file');
        throw err;
    }
}
/** The receipt in `raw` if it is well-formed and names only what this step could have written; else why not. */
function parseReceipt(raw, allowed) {
    let doc;
    try {
        doc = JSON.parse(raw);
    }
    catch {
        return 'it is not JSON';
    }
    if (typeof doc !== 'object' || doc === null)
        return 'it is not an object';
    const r = doc;
    const str = (k) => typeof r[k] === 'string' && !/\p{Cc}/u.test(r[k]);
    for (const k of ['credentialsFile', 'configFile', 'profile', 'accessKeyId', 'credentialsSha256', 'region'])
        if (!str(k))
            return `${k} is missing or not text`;
    for (const k of ['createdCredentialsFile', 'createdConfigFile'])
        if (typeof r[k] !== 'boolean')
            return `${k} is not true or false`;
    const receipt = r;
    if (r['credentialProcess'] !== undefined && r['credentialProcess'] !== true)
        return 'credentialProcess is not true';
    if (r['credentialProcess'] === true ? receipt.accessKeyId !== '' : !ACCESS_KEY_ID.test(receipt.accessKeyId))
        return 'accessKeyId is not an access key id';
    if (!/^[0-9a-f]{64}$/.test(receipt.credentialsSha256))
        return 'credentialsSha256 is not a SHA-256';
    if (!PROFILE_NAME.test(receipt.profile))
        return 'profile is not a usable profile name';
    if (!REGION.test(receipt.region))
        return 'region is not a region';
    for (const k of ['credentialsFile', 'configFile']) {
        if (!(0,external_node_path_.isAbsolute)(receipt[k]) || (0,external_node_path_.normalize)(receipt[k]) !== receipt[k])
            return `${k} is not an absolute, normal path`;
    }
    const chosen = allowed.some((t) => (0,external_node_path_.resolve)(t.credentialsFile) === receipt.credentialsFile && (0,external_node_path_.resolve)(t.configFile) === receipt.configFile && t.profile === receipt.profile);
    if (!chosen)
        return 'its files and profile are not the ones the inputs choose';
    const names = configSectionNames(receipt.profile);
    const regionEdits = checkEdits(r['regionEdits'], names, 'region');
    if (typeof regionEdits === 'string')
        return regionEdits;
    const clean = { ...receipt, regionEdits };
    delete clean.services;
    if (r['services'] !== undefined) {
        const services = r['services'];
        if (typeof services !== 'object' || services === null)
            return 'services is not an object';
        if (services['section'] !== servicesSectionName(receipt.profile))
            return 'services names another section';
        if (typeof services['sha256'] !== 'string' || !/^[0-9a-f]{64}$/.test(services['sha256']))
            return 'services.sha256 is not a SHA-256';
        const serviceEdits = checkEdits(services['edits'], names, 'services');
        if (typeof serviceEdits === 'string')
            return serviceEdits;
        clean.services = { section: services['section'], sha256: services['sha256'], edits: serviceEdits };
    }
    return clean;
}
/** A receipt's key edits, if each names one of the profile's config sections and holds only a line of `key`. */
function checkEdits(edits, names, key) {
    if (!Array.isArray(edits) || edits.length > 2)
        return `the ${key} edits are not a list`;
    for (const e of edits) {
        if (typeof e !== 'object' || e === null || typeof e['section'] !== 'string' || !names.includes(e['section']))
            return `a ${key} edit names another section`;
        if (typeof e['createdSection'] !== 'boolean')
            return `a ${key} edit lacks createdSection`;
        const line = e['previousLine'];
        if (line !== null && (typeof line !== 'string' || /\p{Cc}/u.test(line) || !new RegExp(`^\\s*${key}\\s*[=:]`, 'i').test(line)))
            return `a ${key} edit holds a line that is not a ${key} line`;
    }
    return edits.map((e) => ({ section: e.section, previousLine: e.previousLine, createdSection: e.createdSection }));
}


/***/ }),

/***/ 2605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GU: () => (/* binding */ readSection),
/* harmony export */   M$: () => (/* binding */ countSections),
/* harmony export */   Pz: () => (/* binding */ IniEditError),
/* harmony export */   Uf: () => (/* binding */ removeSection),
/* harmony export */   eE: () => (/* binding */ restoreKey),
/* harmony export */   lI: () => (/* binding */ upsertSection),
/* harmony export */   qL: () => (/* binding */ setKey),
/* harmony export */   qQ: () => (/* binding */ upsertNestedSection)
/* harmony export */ });
/* unused harmony export checkWritable */
/**
 * Editing an AWS INI file (credentials or config) while every other byte stays as it was: other profiles, other keys,
 * comments, blank lines and line endings. Sections and keys are found the way botocore (Python's configparser) finds
 * them: a header's name is exactly what stands between the brackets, and an indented line after a key continues it.
 * What this module writes is refused if a reader could see it differently from how it was meant. Pure.
 */
/** Text this module refuses to write, or a file it cannot edit so that every reader agrees; says what, never a value. */
class IniEditError extends Error {
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


/***/ })

};
