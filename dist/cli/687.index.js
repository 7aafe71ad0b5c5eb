export const id = 687;
export const ids = [687];
export const modules = {

/***/ 8687:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   obtainGuardedSession: () => (/* binding */ obtainGuardedSession)
/* harmony export */ });
/* unused harmony export hasSpecialCharacters */
/* harmony import */ var _config_arn_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2465);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _registry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3307);



/** configure-aws-credentials's test: any of these in either key, which some tools mangle. */
const SPECIAL_CHARACTERS = /[!@#$%^&*()_+\-=[\]{};':"\\|,.<>/?]/;
/** A clean 40-character key comes about one time in four; 50 tries leave about 1 in 10^7 jobs without one. */
const MAX_CLEAN_KEY_TRIES = 50;
async function obtainGuardedSession(config, ctx) {
    const existing = await existingIdentity(config, ctx);
    if (existing)
        return { existing };
    let obtained = await (0,_registry_js__WEBPACK_IMPORTED_MODULE_2__/* .obtainSession */ .U)(config, ctx);
    for (let tries = 1; config.guards.specialCharactersWorkaround && hasSpecialCharacters(obtained.final); tries++) {
        if (tries >= MAX_CLEAN_KEY_TRIES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AwsError */ .Gy('special-characters-workaround', 'NoCleanKey', `no secret key without special characters in ${tries} sessions`, 'Remove special-characters-workaround and quote the key where it is used', false);
        }
        ctx.debug('special-characters-workaround: the secret key has special characters; asking again');
        obtained = await (0,_registry_js__WEBPACK_IMPORTED_MODULE_2__/* .obtainSession */ .U)(config, ctx);
    }
    const final = await checkAccount(obtained.final, config, ctx);
    return { source: obtained.source, final };
}
function hasSpecialCharacters(session) {
    return SPECIAL_CHARACTERS.test(session.credentials.accessKeyId) || SPECIAL_CHARACTERS.test(session.credentials.secretAccessKey);
}
/**
 * allowed-account-ids: the account comes from the assumed-role ARN; where the exchange reports none (plain IoT mode)
 * sts:GetCallerIdentity asks, and its ARN then also fills the outputs.
 */
async function checkAccount(session, config, ctx) {
    const allowed = config.guards.allowedAccountIds;
    if (allowed.length === 0)
        return session;
    let arn = session.assumedRoleArn;
    if (!arn) {
        const { getCallerIdentity } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(861), __webpack_require__.e(695), __webpack_require__.e(80)]).then(__webpack_require__.bind(__webpack_require__, 9080));
        arn = (await getCallerIdentity(ctx, config.region, session.credentials)).arn;
    }
    const account = (0,_config_arn_js__WEBPACK_IMPORTED_MODULE_0__/* .accountOfArn */ .KC)(arn);
    if (!allowed.includes(account)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('allowed-account-ids', `the credentials are for account ${account || '(unknown)'}, which is not one of ${allowed.join(', ')}; nothing was delivered`, 'Check role-to-assume (or the role alias / Roles Anywhere profile), or add the account to allowed-account-ids');
    }
    return { ...session, assumedRoleArn: arn };
}
/** use-existing-credentials: the environment's AWS_* credentials, if sts:GetCallerIdentity accepts them (and the account is allowed). */
async function existingIdentity(config, ctx) {
    if (!config.guards.useExistingCredentials)
        return undefined;
    const { environmentCredentials } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(861), __webpack_require__.e(695), __webpack_require__.e(970)]).then(__webpack_require__.bind(__webpack_require__, 9970));
    const credentials = environmentCredentials(ctx.env);
    if (!credentials.accessKeyId || !credentials.secretAccessKey) {
        ctx.debug('use-existing-credentials: no AWS credentials in the environment; obtaining new ones');
        return undefined;
    }
    const { getCallerIdentity } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(861), __webpack_require__.e(695), __webpack_require__.e(80)]).then(__webpack_require__.bind(__webpack_require__, 9080));
    try {
        const identity = await getCallerIdentity({ ...ctx, maxAttempts: 1 }, config.region, credentials);
        const allowed = config.guards.allowedAccountIds;
        if (allowed.length > 0 && !allowed.includes(identity.account)) {
            ctx.debug(`use-existing-credentials: the environment's credentials are for account ${identity.account}, not in allowed-account-ids; obtaining new ones`);
            return undefined;
        }
        return identity;
    }
    catch (err) {
        ctx.debug(`use-existing-credentials: the environment's credentials were not accepted (${err instanceof Error ? err.message : String(err)}); obtaining new ones`);
        return undefined;
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


/***/ })

};
