export const id = 319;
export const ids = [319];
export const modules = {

/***/ 4319:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   endpointCredentialProcess: () => (/* binding */ endpointCredentialProcess)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/* harmony import */ var _providers_validate_session_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6739);
/* harmony import */ var _delivery_endpoint_process_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7803);
/* harmony import */ var _formats_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8726);
/**
 * `credential-process --endpoint-url <url> --endpoint-token-file <file>`: what a profile written with
 * refresh-credentials runs. Prints the credentials the local endpoint holds now, so every profile reader gets the
 * endpoint's refreshes; the token is read from its 0600 file, never taken from the command line.
 */






const CALL = 'credentials endpoint';
const TIMEOUT_MS = 5_000;
const MAX_BODY = 64 * 1024;
// The endpoint listens on 127.0.0.1 under a random path; the token goes nowhere else.
const ENDPOINT_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[\w-]{16,}$/;
async function endpointCredentialProcess(flags, io) {
    const url = flags.get(_delivery_endpoint_process_js__WEBPACK_IMPORTED_MODULE_4__/* .ENDPOINT_URL_FLAG */ .zh) ?? '';
    const tokenFile = flags.get(_delivery_endpoint_process_js__WEBPACK_IMPORTED_MODULE_4__/* .ENDPOINT_TOKEN_FILE_FLAG */ .MZ) ?? '';
    if (!ENDPOINT_URL.test(url))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(_delivery_endpoint_process_js__WEBPACK_IMPORTED_MODULE_4__/* .ENDPOINT_URL_FLAG */ .zh, 'is not the local credentials endpoint\'s URL (http://127.0.0.1:<port>/<path>)', 'Use the line the action wrote into the profile');
    if (!tokenFile)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(_delivery_endpoint_process_js__WEBPACK_IMPORTED_MODULE_4__/* .ENDPOINT_TOKEN_FILE_FLAG */ .MZ, 'is required with --endpoint-url', 'Use the line the action wrote into the profile');
    let token;
    try {
        token = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(tokenFile, 'utf8');
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(CALL, err.code ?? 'ReadError', `cannot read the token file ${tokenFile}`, 'The endpoint was stopped (the job\'s post step removes it) or this runs as another user', false);
    }
    io.secret?.(token);
    const { status, body } = await get(url, token);
    let doc;
    try {
        doc = JSON.parse(body);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(CALL, `HTTP ${status}`, 'the answer is not JSON', '', false);
    }
    if (status !== 200)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(CALL, String(doc['Code'] ?? `HTTP ${status}`), String(doc['Message'] ?? ''), '', status >= 500);
    const session = (0,_providers_validate_session_js__WEBPACK_IMPORTED_MODULE_3__/* .validateSession */ .dk)({
        credentials: {
            accessKeyId: String(doc['AccessKeyId'] ?? ''),
            secretAccessKey: String(doc['SecretAccessKey'] ?? ''),
            sessionToken: String(doc['Token'] ?? ''),
            expiration: new Date(String(doc['Expiration'] ?? '')),
        },
    }, { endpoint: 'http://127.0.0.1/', now: new Date(), call: CALL });
    io.stdout((0,_formats_js__WEBPACK_IMPORTED_MODULE_5__/* .credentialProcessJson */ .Vp)(session) + '\n');
    return 0;
}
function get(url, token) {
    return new Promise((resolve, reject) => {
        const req = (0,node_http__WEBPACK_IMPORTED_MODULE_1__.request)(url, { headers: { authorization: token }, timeout: TIMEOUT_MS }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (d) => {
                body += d;
                if (body.length > MAX_BODY)
                    req.destroy(new Error('the answer is too large'));
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
        req.on('error', (err) => reject(new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .AwsError */ .Gy(CALL, err.code ?? 'Error', err.message, 'The endpoint is not running: it lives only as long as the job that started it', false)));
        req.end();
    });
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
