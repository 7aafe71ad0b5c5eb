export const id = 27;
export const ids = [27];
export const modules = {

/***/ 27:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   assumeRoleWith: () => (/* binding */ assumeRoleWith),
/* harmony export */   chainedDuration: () => (/* binding */ chainedDuration),
/* harmony export */   environmentCredentials: () => (/* binding */ environmentCredentials)
/* harmony export */ });
/* harmony import */ var _config_action_inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(643);
/* harmony import */ var _sts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(805);
/* harmony import */ var _session_params_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(89);



async function assumeRoleWith(credentials, roleArn, config, ctx, durationSeconds) {
    return (0,_sts_js__WEBPACK_IMPORTED_MODULE_1__/* .callSts */ .l)(ctx, {
        action: 'AssumeRole',
        region: config.region,
        credentials,
        params: () => ({
            RoleArn: roleArn,
            RoleSessionName: config.session.sessionName,
            DurationSeconds: String(durationSeconds),
            ExternalId: config.session.externalId,
            ...(0,_session_params_js__WEBPACK_IMPORTED_MODULE_2__/* .sessionPolicyParams */ .hz)(config.session),
            ...(config.session.sessionTags ? (0,_session_params_js__WEBPACK_IMPORTED_MODULE_2__/* .tagParams */ .H$)((0,_session_params_js__WEBPACK_IMPORTED_MODULE_2__/* .runTags */ .He)(ctx.env)) : {}),
        }),
    });
}
/** A hop from role credentials is role chaining: STS caps it at an hour, so ask for no more. */
function chainedDuration(config) {
    return Math.min(config.session.durationSeconds, _config_action_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .CHAINED_MAX_SECONDS */ .uQ);
}
/** `role-chaining: true`: the AWS_* credentials of the environment assume `role-to-assume`. */
function environmentCredentials(env) {
    const credentials = { accessKeyId: env['AWS_ACCESS_KEY_ID'] ?? '', secretAccessKey: env['AWS_SECRET_ACCESS_KEY'] ?? '' };
    if (env['AWS_SESSION_TOKEN'])
        credentials.sessionToken = env['AWS_SESSION_TOKEN'];
    return credentials;
}


/***/ })

};
