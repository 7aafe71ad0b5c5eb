export const id = 562;
export const ids = [562];
export const modules = {

/***/ 2515:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ clientTlsContext)
/* harmony export */ });
async function clientTlsContext(material, extraTrust) {
    const { createSecureContext, rootCertificates } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1692, 23));
    const options = {
        cert: [material.certificate, ...material.chain].map((c) => c.toString()).join('\n'),
        key: material.key.export({ type: 'pkcs8', format: 'pem' }).toString(),
        minVersion: 'TLSv1.2',
    };
    // Without `ca`, Node trusts its built-in root store; a `ca` list would replace it. Adding the extra CAs to the
    // context keeps the roots without handing Node all ~140 of them again as PEM (the fallback, for runtimes without it).
    const context = createSecureContext(options);
    const native = context.context;
    if (extraTrust.length === 0)
        return context;
    if (typeof native?.addCACert === 'function') {
        for (const pem of extraTrust)
            native.addCACert(pem);
        return context;
    }
    return createSecureContext({ ...options, ca: [[...rootCertificates, ...extraTrust].join('\n')] });
}


/***/ }),

/***/ 2564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ iotError),
/* harmony export */   k: () => (/* binding */ parseIotCredentials)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _validate_session_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6739);


const CALL = 'iot:AssumeRoleWithCertificate';
/** The credentials in a 200 answer from `endpoint`, checked field by field (validate-session.ts). */
function parseIotCredentials(body, now, endpoint) {
    let parsed;
    try {
        parsed = JSON.parse(body);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(CALL, 'MalformedResponse', 'HTTP 200 with a body that is not JSON', 'Check that iot-credential-endpoint is the credentials provider, not a proxy or the data endpoint', false);
    }
    const c = parsed?.credentials;
    const fields = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'];
    if (!c || fields.some((f) => typeof c[f] !== 'string' || c[f] === '')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(CALL, 'MalformedResponse', 'HTTP 200 without credentials.accessKeyId/secretAccessKey/sessionToken/expiration', 'Check that iot-credential-endpoint is the credentials provider', false);
    }
    return (0,_validate_session_js__WEBPACK_IMPORTED_MODULE_1__/* .validateSession */ .dk)({
        credentials: {
            accessKeyId: c['accessKeyId'],
            secretAccessKey: c['secretAccessKey'],
            sessionToken: c['sessionToken'],
            expiration: new Date(c['expiration']),
        },
    }, { call: CALL, endpoint, now });
}
function iotError(status, body, source) {
    let message = '';
    try {
        message = String(JSON.parse(body).message ?? '');
    }
    catch {
        message = body.slice(0, 200).replace(/\s+/g, ' ');
    }
    const retryable = status === 429 || status >= 500;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(CALL, `HTTP ${status}`, message, retryable ? '' : iotHint(status, message, source), retryable);
}
function iotHint(status, message, source) {
    if (status === 403 && /thing name/i.test(message)) {
        return source.thingName
            ? `thing-name '${source.thingName}' must be the thing the certificate is attached to (aws iot list-principal-things --principal <certificate-arn>)`
            : "The IoT policy's condition needs the thing name: set thing-name to the thing the certificate is attached to";
    }
    if (status === 403) {
        return `Check that the certificate is ACTIVE and attached to the thing, and that its IoT policy allows iot:AssumeRoleWithCertificate on the role alias '${source.roleAlias}' (arn:aws:iot:<region>:<account>:rolealias/${source.roleAlias})`;
    }
    if (status === 404) {
        return `The role alias '${source.roleAlias}' does not exist in the endpoint's account and region: check role-alias (aws iot list-role-aliases)`;
    }
    if (status === 400) {
        return "The role alias's role cannot be assumed: its trust policy must allow credentials.iot.amazonaws.com to sts:AssumeRole, and the alias's credentialDurationSeconds must not exceed the role's maximum session duration";
    }
    if (status === 401) {
        return 'The endpoint did not accept the certificate: register it with AWS IoT in this region and make it ACTIVE';
    }
    return '';
}


/***/ }),

/***/ 7562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IOT_CALL: () => (/* binding */ IOT_CALL),
/* harmony export */   iotProvider: () => (/* binding */ iotProvider)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _pki_certificate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4839);
/* harmony import */ var _pki_source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(707);
/* harmony import */ var _certificate_material_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9731);
/* harmony import */ var _context_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9513);
/* harmony import */ var _iot_response_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2564);
/* harmony import */ var _client_tls_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2515);







const IOT_CALL = 'iot:AssumeRoleWithCertificate';
const iotProvider = async (source, _config, ctx) => {
    const material = await (0,_certificate_material_js__WEBPACK_IMPORTED_MODULE_3__/* .sourceMaterial */ .F)(source, ctx, { pkcs12Allowed: false });
    const url = `${source.endpoint}/role-aliases/${encodeURIComponent(source.roleAlias)}/credentials`;
    const headers = { accept: 'application/json' };
    if (source.thingName)
        headers['x-amzn-iot-thingname'] = source.thingName;
    const extraTrust = source.caCertificate
        ? (0,_pki_certificate_js__WEBPACK_IMPORTED_MODULE_1__/* .loadCertificateChain */ .zv)((0,_pki_source_js__WEBPACK_IMPORTED_MODULE_2__/* .readPemOrPath */ .N)(source.caCertificate, 'ca-certificate', ctx.readFile).text, 'ca-certificate').map((c) => c.toString())
        : [];
    const tls = { secureContext: await (0,_client_tls_js__WEBPACK_IMPORTED_MODULE_6__/* .clientTlsContext */ .K)(material, extraTrust) };
    return (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .retrying */ .R$)(ctx, IOT_CALL, async (attempt, timeoutMs) => {
        ctx.debug(`${IOT_CALL}: attempt ${attempt} to ${source.endpoint}`);
        const res = await (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .send */ .tN)(ctx, { url, method: 'GET', headers, timeoutMs, tls }, iotNetworkFailure);
        if (res.status !== 200)
            throw (0,_iot_response_js__WEBPACK_IMPORTED_MODULE_5__/* .iotError */ .h)(res.status, res.body, source);
        return (0,_iot_response_js__WEBPACK_IMPORTED_MODULE_5__/* .parseIotCredentials */ .k)(res.body, new Date(ctx.clock.now()), source.endpoint);
    });
};
/** TLS alerts in the handshake mean the endpoint refused the certificate: permanent, and worth explaining. */
function iotNetworkFailure(err) {
    if (/ALERT|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|UNKNOWN_CA|HANDSHAKE/i.test(err.code + err.message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AwsError */ .Gy(IOT_CALL, err.code, 'the endpoint refused the client certificate during the TLS handshake', 'Register the certificate (or its CA) with AWS IoT in the endpoint\'s region and make it ACTIVE; a revoked or unknown certificate is refused here', false);
    }
    return (0,_context_js__WEBPACK_IMPORTED_MODULE_4__/* .networkFailure */ .rd)(IOT_CALL, err, 'check iot-credential-endpoint (aws iot describe-endpoint --endpoint-type iot:CredentialProvider)');
}


/***/ })

};
