export const id = 453;
export const ids = [453];
export const modules = {

/***/ 7453:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ formatAuthFile),
/* harmony export */   parseAuthFile: () => (/* binding */ parseAuthFile)
/* harmony export */ });
/* unused harmony export AUTH_FILE_VERSION */
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/**
 * `auth.yaml`, the CLI's configuration file (the one `bootstrap` writes): a flat map of action input names to values,
 * with a `version`. Read with the `yaml` library's failsafe schema, so every value is the string written (0777 stays
 * 0777, `no` stays no) and quoting and comments follow YAML. Pure.
 *
 *   version: 1
 *   mode: iot-certificate
 *   aws-region: us-east-1
 *   certificate: ./certificate.pem    # relative paths are relative to the file
 */



const AUTH_FILE_VERSION = 1;
/** Keys whose values are paths, resolved against the file's directory. */
const PATH_KEYS = new Set(['certificate', 'private-key', 'certificate-chain', 'ca-certificate', 'web-identity-token-file', 'credentials-file']);
const FLAT_MAP = 'auth.yaml holds one flat map of input names to values (key: value); see the README';
function parseAuthFile(text, path, dir, known) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false });
    const firstError = doc.errors[0];
    if (firstError) {
        // The library's message quotes the offending line, which may hold a key or passphrase: keep only its reason.
        const reason = firstError.message.split(/ at line \d|\n/)[0].replace(/\p{Cc}/gu, ' ').slice(0, 120);
        const line = lines.linePos(firstError.pos[0]).line;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path} line ${line} is not valid YAML (${reason})`, 'Fix the YAML; quote values that hold #, : or leading spaces');
    }
    const lineOf = (offset) => (offset === undefined ? '' : ` line ${lines.linePos(offset).line}`);
    const values = new Map();
    if (doc.contents === null)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path} is empty`, `Add 'version: ${AUTH_FILE_VERSION}' and the inputs; ${FLAT_MAP}`);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(doc.contents))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path} is not a map of keys to values`, FLAT_MAP);
    for (const pair of doc.contents.items) {
        const where = lineOf(pair.key?.range?.[0]);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) || typeof pair.key.value !== 'string')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path}${where} has a key that is not a plain name`, FLAT_MAP);
        const key = pair.key.value;
        if (!/^[a-z0-9-]+$/.test(key) || (key !== 'version' && !known.has(key))) {
            const shown = key.replace(/[^\w.-]/g, '?').slice(0, 40);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path}${where} has an unknown key '${shown}'`, 'Use the action input names (aws-region, role-to-assume, certificate, ...)');
        }
        if (pair.value !== null && (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.value) || typeof pair.value.value !== 'string')) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path}${where}: '${key}' is not a single value (a list or map is given)`, 'Give one value; quote it if it holds YAML characters');
        }
        const value = pair.value === null ? '' : pair.value.value;
        values.set(key, PATH_KEYS.has(key) && value && !value.includes('-----BEGIN') && !(0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(value) ? (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, value) : value);
    }
    const version = values.get('version');
    if (version !== String(AUTH_FILE_VERSION)) {
        const shown = version === undefined ? '(none)' : version.replace(/[^\w.-]/g, '?').slice(0, 20);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('auth', `${path} has version ${shown}, this CLI reads version ${AUTH_FILE_VERSION}`, `Add 'version: ${AUTH_FILE_VERSION}' or upgrade the CLI`);
    }
    values.delete('version');
    return values;
}
/** Writes values as auth.yaml text (bootstrap uses it); values with YAML-special characters are quoted. */
function formatAuthFile(values, comment) {
    const lines = [`# ${comment}`, `version: ${AUTH_FILE_VERSION}`];
    // Plain only when no YAML reader could take it for anything else: a leading - or @, a trailing : or a leading digit would.
    const plain = (v) => /^[A-Za-z_./][\w./@:-]*$/.test(v) && !v.endsWith(':');
    for (const [k, v] of values)
        lines.push(`${k}: ${plain(v) ? v : JSON.stringify(v)}`);
    return lines.join('\n') + '\n';
}


/***/ })

};
