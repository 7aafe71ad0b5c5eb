export const id = 577;
export const ids = [577];
export const modules = {

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

/***/ 9577:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CREATE_SESSION_CALL: () => (/* binding */ CREATE_SESSION_CALL),
  rolesAnywhereProvider: () => (/* binding */ rolesAnywhereProvider)
});

// EXTERNAL MODULE: ./src/pki/certificate.ts
var certificate = __webpack_require__(4839);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/signing/canonical-request.ts
/**
 * The SigV4 canonical request, shared by both signers: the HMAC one (sigv4.ts, STS AssumeRole hops) and the X.509 one
 * (sigv4-x509.ts, Roles Anywhere). Pure.
 */

function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data).digest('hex');
}
/** `YYYYMMDDTHHMMSSZ`, the form of `X-Amz-Date`. */
function amzDate(now) {
    return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
/** RFC 3986 encoding as SigV4 wants it (`encodeURIComponent` leaves !'()* alone). */
function uriEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
// AWS's helper leaves these out of the signature: they are set or rewritten by transports and proxies.
const UNSIGNED_HEADERS = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);
/** The SigV4 canonical request for `req` and its `SignedHeaders` list (every header given, except the unsigned ones). */
function canonicalRequest(req) {
    const values = new Map();
    for (const [name, value] of Object.entries(req.headers)) {
        const lower = name.toLowerCase();
        if (UNSIGNED_HEADERS.has(lower))
            continue;
        values.set(lower, [...(values.get(lower) ?? []), value.trim().replace(/\s+/g, ' ')]);
    }
    const names = [...values.keys()].sort();
    const signedHeaders = names.join(';');
    const pairs = Array.isArray(req.query) ? req.query : Object.entries(req.query ?? {});
    const query = pairs
        .map(([k, v]) => [uriEncode(k), uriEncode(v)])
        .sort(([a, av], [b, bv]) => (a === b ? compare(av, bv) : compare(a, b)))
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
    const text = [
        req.method.toUpperCase(),
        req.path.split('/').map(uriEncode).join('/') || '/',
        query,
        names.map((n) => `${n}:${(values.get(n) ?? []).join(',')}\n`).join(''),
        signedHeaders,
        sha256Hex(req.body),
    ].join('\n');
    return { text, signedHeaders };
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/signing/sigv4-x509.ts
/**
 * SigV4-X509: the SigV4 variant IAM Roles Anywhere uses for CreateSession, signed with a certificate's private key
 * (no HMAC key derivation). Pure: the clock, key and certificate bytes are passed in; nothing is read or sent here.
 */




const ROLES_ANYWHERE_SERVICE = 'rolesanywhere';
const CREATE_SESSION_PATH = '/sessions';
/** The string the private key signs: algorithm, date, scope and the hex SHA-256 of the canonical request. */
function stringToSign(algorithm, amzDateValue, scope, canonicalRequestText) {
    return [algorithm, amzDateValue, scope, sha256Hex(canonicalRequestText)].join('\n');
}
/** `<yyyymmdd>/<region>/rolesanywhere/aws4_request`. */
function credentialScope(amzDateValue, region) {
    return `${amzDateValue.slice(0, 8)}/${region}/${ROLES_ANYWHERE_SERVICE}/aws4_request`;
}
/** The certificate serial in decimal, as the Credential field wants it, from the hex node's `X509Certificate` gives. */
function serialDecimalFromHex(hex) {
    const digits = hex.replace(/:/g, '').trim();
    if (!/^[0-9a-fA-F]+$/.test(digits)) {
        throw new InputError('certificate', 'the certificate serial number is not hexadecimal', 'Use a well-formed X.509 certificate');
    }
    // A leading 00 byte (DER's sign padding for high-bit serials) does not change the value.
    return BigInt(`0x${digits}`).toString(10);
}
/** The SigV4-X509 algorithm for a private key: RSA (PKCS#1 v1.5) or ECDSA; anything else is refused. */
function algorithmForKey(key) {
    if (key.type !== 'private') {
        throw new errors/* InputError */.dz('private-key', 'is not a private key', 'Give the private key that belongs to the certificate');
    }
    if (key.asymmetricKeyType === 'rsa')
        return 'AWS4-X509-RSA-SHA256';
    if (key.asymmetricKeyType === 'ec')
        return 'AWS4-X509-ECDSA-SHA256';
    throw new errors/* InputError */.dz('private-key', `is a ${key.asymmetricKeyType ?? 'unknown'} key; IAM Roles Anywhere accepts RSA and EC keys`, 'Issue the certificate for an RSA or EC (P-256, P-384) key');
}
/** Signs `text` with SHA-256 as the algorithm requires: PKCS#1 v1.5 for RSA, DER-encoded ECDSA for EC. */
function signWithKey(algorithm, key, text) {
    return algorithm === 'AWS4-X509-RSA-SHA256'
        ? (0,external_node_crypto_.sign)('sha256', Buffer.from(text, 'utf8'), { key, padding: external_node_crypto_.constants.RSA_PKCS1_PADDING })
        : (0,external_node_crypto_.sign)('sha256', Buffer.from(text, 'utf8'), { key, dsaEncoding: 'der' });
}
/** Every header a CreateSession request needs, Authorization included; send `body` (and `query`, if given) unchanged. */
function signCreateSession(input) {
    if (!/^[0-9]+$/.test(input.serialDecimal)) {
        throw new errors/* InputError */.dz('certificate', 'the certificate serial number is not a decimal integer', 'Derive it with serialDecimalFromHex');
    }
    if (!/^[a-z0-9-]+$/.test(input.region)) {
        throw new errors/* InputError */.dz('aws-region', 'is not a region name', 'Use a region such as us-east-1');
    }
    const algorithm = algorithmForKey(input.key);
    const date = amzDate(input.now);
    const headers = {
        Host: input.host,
        'Content-Type': 'application/json',
        'X-Amz-Date': date,
        'X-Amz-X509': input.certificateDer.toString('base64'),
    };
    if (input.chainDer.length > 0)
        headers['X-Amz-X509-Chain'] = input.chainDer.map((der) => der.toString('base64')).join(',');
    const canonical = canonicalRequest({
        method: 'POST',
        path: CREATE_SESSION_PATH,
        query: input.query ?? {},
        headers,
        body: input.body,
    });
    const scope = credentialScope(date, input.region);
    const signature = signWithKey(algorithm, input.key, stringToSign(algorithm, date, scope, canonical.text)).toString('hex');
    headers['Authorization'] =
        `${algorithm} Credential=${input.serialDecimal}/${scope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`;
    return headers;
}

// EXTERNAL MODULE: ./src/providers/certificate-material.ts + 2 modules
var certificate_material = __webpack_require__(9731);
// EXTERNAL MODULE: ./src/providers/context.ts
var context = __webpack_require__(9513);
// EXTERNAL MODULE: ./src/providers/endpoints.ts
var endpoints = __webpack_require__(5720);
// EXTERNAL MODULE: ./src/providers/validate-session.ts
var validate_session = __webpack_require__(6739);
;// CONCATENATED MODULE: ./src/providers/roles-anywhere-response.ts


const CALL = 'rolesanywhere:CreateSession';
/** The credentials in a 2xx answer from `endpoint`, checked field by field (validate-session.ts). */
function parseCreateSession(body, now, endpoint) {
    let entry;
    try {
        entry = JSON.parse(body).credentialSet?.[0];
    }
    catch {
        entry = undefined;
    }
    const c = entry?.credentials;
    if (!c || ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiration'].some((f) => typeof c[f] !== 'string' || c[f] === '')) {
        throw new errors/* AwsError */.Gy(CALL, 'MalformedResponse', 'success without credentialSet[0].credentials', 'Check that the endpoint is IAM Roles Anywhere', false);
    }
    const session = {
        credentials: {
            accessKeyId: c['accessKeyId'],
            secretAccessKey: c['secretAccessKey'],
            sessionToken: c['sessionToken'],
            expiration: new Date(c['expiration']),
        },
    };
    const arn = entry?.assumedRoleUser?.arn;
    if (arn !== undefined) {
        if (typeof arn !== 'string')
            throw new errors/* AwsError */.Gy(CALL, 'InvalidResponse', 'credentialSet[0].assumedRoleUser.arn is not a string', 'Check that the endpoint is IAM Roles Anywhere', false);
        session.assumedRoleArn = arn;
    }
    return (0,validate_session/* validateSession */.dk)(session, { call: CALL, endpoint, now });
}
function rolesAnywhereError(status, errorType, body) {
    let message = '';
    try {
        message = String(JSON.parse(body).message ?? '');
    }
    catch {
        message = body.slice(0, 200).replace(/\s+/g, ' ');
    }
    // x-amzn-ErrorType can carry a suffix after ':' (a documentation URL).
    const code = (Array.isArray(errorType) ? errorType[0] : errorType)?.split(':')[0] || `HTTP ${status}`;
    const retryable = status === 429 || status >= 500 || code === 'ThrottlingException';
    return new errors/* AwsError */.Gy(CALL, code, message, retryable ? '' : hint(code, message), retryable);
}
function hint(code, message) {
    if (code === 'AccessDeniedException') {
        if (/signature/i.test(message))
            return "The signature was rejected: check this machine's clock (AWS allows 5 minutes of skew) and that private-key belongs to certificate";
        if (/date|time|skew|expired|not yet valid/i.test(message))
            return "Check this machine's clock and the certificate's validity period";
        return 'Check that the trust anchor holds the CA that issued the certificate (and certificate-chain carries any intermediates), that the trust anchor and profile are enabled, that the profile lists role-to-assume, and that the role trusts rolesanywhere.amazonaws.com with sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity';
    }
    if (code === 'ValidationException') {
        if (/duration/i.test(message))
            return "Lower role-duration-seconds to the profile's and role's maximum session duration";
        if (/session ?name/i.test(message))
            return 'The profile does not accept role session names: remove role-session-name, or enable acceptRoleSessionName on the profile';
        return 'Check trust-anchor-arn, profile-arn and role-to-assume';
    }
    if (code === 'ResourceNotFoundException')
        return 'Check trust-anchor-arn and profile-arn, and that they are in the same region';
    return '';
}

;// CONCATENATED MODULE: ./src/providers/roles-anywhere.ts






const CREATE_SESSION_CALL = 'rolesanywhere:CreateSession';
const rolesAnywhereProvider = async (source, config, ctx) => {
    const material = await (0,certificate_material/* sourceMaterial */.F)(source, ctx, { pkcs12Allowed: true });
    const endpoint = (0,endpoints/* serviceEndpoint */.Xf)('rolesanywhere', 'ROLESANYWHERE', source.region, ctx.env);
    const url = new URL(CREATE_SESSION_PATH, `${endpoint}/`);
    const body = JSON.stringify({
        durationSeconds: config.session.durationSeconds,
        profileArn: source.profileArn,
        roleArn: source.roleArn,
        trustAnchorArn: source.trustAnchorArn,
        // Only a name the user chose: a profile that does not accept session names rejects any.
        ...(config.session.sessionNameGiven ? { roleSessionName: config.session.sessionName } : {}),
    });
    const signing = {
        host: url.host,
        region: source.region,
        body,
        certificateDer: (0,certificate/* certificateDer */.PK)(material.certificate),
        chainDer: material.chain.map(certificate/* certificateDer */.PK),
        serialDecimal: (0,certificate/* certificateSerialDecimal */.Nl)(material.certificate),
        key: material.key,
    };
    return (0,context/* retrying */.R$)(ctx, CREATE_SESSION_CALL, async (attempt, timeoutMs) => {
        // Signed per attempt: X-Amz-Date must be fresh, AWS allows five minutes of skew.
        const headers = signCreateSession({ ...signing, now: new Date(ctx.clock.now()) });
        ctx.debug(`${CREATE_SESSION_CALL}: attempt ${attempt} to ${endpoint}`);
        const res = await (0,context/* send */.tN)(ctx, { url: url.toString(), method: 'POST', headers, body, timeoutMs }, (err) => (0,context/* networkFailure */.rd)(CREATE_SESSION_CALL, err, `check the trust anchor's region and AWS_ENDPOINT_URL_ROLESANYWHERE (${endpoint})`));
        if (res.status < 200 || res.status > 299)
            throw rolesAnywhereError(res.status, res.headers['x-amzn-errortype'], res.body);
        return parseCreateSession(res.body, new Date(ctx.clock.now()), endpoint);
    });
};


/***/ })

};
