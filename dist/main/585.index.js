export const id = 585;
export const ids = [585];
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

/***/ 1585:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  minioProvider: () => (/* binding */ minioProvider)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/pki/certificate.ts
var certificate = __webpack_require__(4839);
// EXTERNAL MODULE: ./src/pki/source.ts
var pki_source = __webpack_require__(707);
// EXTERNAL MODULE: ./src/providers/certificate-material.ts + 2 modules
var certificate_material = __webpack_require__(9731);
// EXTERNAL MODULE: ./src/providers/client-tls.ts
var client_tls = __webpack_require__(2515);
// EXTERNAL MODULE: ./src/providers/context.ts
var context = __webpack_require__(9513);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/xmlparser/XMLParser.js + 26 modules
var XMLParser = __webpack_require__(9658);
// EXTERNAL MODULE: ./node_modules/fast-xml-parser/src/fxp.js
var fxp = __webpack_require__(5824);
;// CONCATENATED MODULE: ./src/providers/minio-response.ts
/**
 * Reading MinIO's AssumeRoleWithCertificate answers (cmd/sts-handlers.go, cmd/sts-errors.go): the credentials of an
 * `AssumeRoleWithCertificateResponse`, or the code and message of an error body. Pure: the body and the time in.
 * Every value is checked before it leaves, since it ends up in environment files and profiles.
 */


const MINIO_CALL = 'minio:AssumeRoleWithCertificate';
/** minio-go reads at most this much of an answer; anything longer is not MinIO's. */
const MAX_BODY = 1 << 20;
const MAX_MESSAGE = 500;
// Printable ASCII only: no spaces, newlines or control characters can reach an env file. Bounds are generous
// (MinIO issues 20/40 characters and a JWT that grows with a session policy).
const SHAPES = {
    AccessKeyId: /^[\x21-\x7e]{3,128}$/,
    SecretAccessKey: /^[\x21-\x7e]{8,256}$/,
    SessionToken: /^[\x21-\x7e]{1,65536}$/,
};
// Go marshals time.Time as RFC 3339, in UTC for MinIO's answers; fractions are allowed, other forms are not.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const parser = new XMLParser/* default */.A({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    // Go's encoder writes ' and " as &#39; and &#34;: numeric references must be decoded.
    htmlEntities: true,
    processEntities: true,
});
function malformed(problem) {
    return new errors/* AwsError */.Gy(MINIO_CALL, 'MalformedResponse', problem, 'Check that the MinIO endpoint is the MinIO server itself, not a proxy or a load balancer page', false);
}
/** The XML as a tree, or undefined when it is not XML this parser will read (too long, a DOCTYPE, not well formed). */
function readXml(body) {
    // MinIO never sends a DTD; refusing one keeps entity expansion out entirely.
    if (body.length > MAX_BODY || /<!DOCTYPE/i.test(body))
        return undefined;
    try {
        // The parser is lenient (it reads `</Expiration` without `>`); the validator insists on well-formed XML.
        if (fxp/* XMLValidator */.iI.validate(body) !== true)
            return undefined;
        const tree = parser.parse(body);
        return tree && typeof tree === 'object' ? tree : undefined;
    }
    catch {
        return undefined;
    }
}
/** A child element that occurs once, as an object; undefined otherwise. */
function minio_response_element(parent, name) {
    if (!parent || typeof parent !== 'object' || !Object.hasOwn(parent, name))
        return undefined;
    const value = parent[name];
    return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}
/** A child element that occurs once with text only; undefined otherwise (missing, repeated, or with children). */
function minio_response_text(parent, name) {
    if (!parent || !Object.hasOwn(parent, name))
        return undefined;
    const value = parent[name];
    return typeof value === 'string' ? value : undefined;
}
/** The session in a 200 answer; an AwsError naming what was wrong otherwise. */
function parseMinioCredentials(body, now) {
    const tree = readXml(body);
    if (!tree)
        throw malformed('HTTP 200 with a body that is not readable XML');
    const result = minio_response_element(minio_response_element(tree, 'AssumeRoleWithCertificateResponse'), 'AssumeRoleWithCertificateResult');
    const c = minio_response_element(result, 'Credentials');
    if (!c)
        throw malformed('HTTP 200 without AssumeRoleWithCertificateResponse/AssumeRoleWithCertificateResult/Credentials');
    const values = { AccessKeyId: '', SecretAccessKey: '', SessionToken: '' };
    for (const name of Object.keys(SHAPES)) {
        const value = minio_response_text(c, name);
        if (value === undefined || !SHAPES[name].test(value))
            throw malformed(`the answer's Credentials/${name} is missing or not a single printable token`);
        values[name] = value;
    }
    const written = minio_response_text(c, 'Expiration');
    const expiration = written !== undefined && RFC3339.test(written) ? new Date(written) : undefined;
    if (!expiration || Number.isNaN(expiration.getTime()))
        throw malformed("the answer's Credentials/Expiration is missing or not an RFC 3339 time");
    if (expiration.getTime() <= now.getTime()) {
        throw new errors/* AwsError */.Gy(MINIO_CALL, 'ExpiredCredentials', `the credentials returned expired at ${expiration.toISOString()}`, "Check this machine's clock and the client certificate's notAfter: MinIO never issues credentials past it", false);
    }
    return {
        credentials: { accessKeyId: values.AccessKeyId, secretAccessKey: values.SecretAccessKey, sessionToken: values.SessionToken, expiration },
    };
}
/**
 * The code and message of an error answer: STS's `<ErrorResponse><Error>…` or, for requests no STS route takes,
 * S3's `<Error>…`. Undefined when the body is neither. The message is flattened to one line and shortened.
 */
function parseMinioError(body) {
    const tree = readXml(body);
    if (!tree)
        return undefined;
    const error = minio_response_element(minio_response_element(tree, 'ErrorResponse'), 'Error') ?? minio_response_element(tree, 'Error');
    const code = minio_response_text(error, 'Code');
    if (code === undefined || !/^[A-Za-z0-9.]{1,64}$/.test(code))
        return undefined;
    return { code, message: oneLine(minio_response_text(error, 'Message') ?? '') };
}
function oneLine(message) {
    const flat = message.replace(/[\x00-\x1f\x7f\u2028\u2029]+/g, ' ').trim();
    return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

;// CONCATENATED MODULE: ./src/providers/minio-errors.ts
/**
 * What MinIO's AssumeRoleWithCertificate errors mean and whether to try again, per MinIO's source (cmd/sts-handlers.go,
 * cmd/sts-errors.go, internal/config/identity/tls, cmd/iam-store.go). Pure.
 */


const CERTIFICATE_INPUTS = 'the certificate and private-key inputs';
/** The advice for one error code and message; the message picks between causes that share a code. */
function minioAdvice(status, code, message) {
    const fix = (hint) => ({ hint, retryable: false });
    switch (code) {
        case 'InvalidClientCertificate':
            if (/unknown authority/i.test(message)) {
                return fix("MinIO does not trust the certificate's issuer: add that CA to the server's certs/CAs directory, and send any intermediate CAs with the certificate");
            }
            if (/expired or is not yet valid/i.test(message))
                return fix("The client certificate (or a CA in its chain) is expired or not yet valid: renew it, and check this machine's clock");
            if (/key usage/i.test(message))
                return fix('The client certificate needs extendedKeyUsage clientAuth (TLS Web Client Authentication), in the certificate and in any CA in its chain that restricts usages');
            return fix('MinIO rejected the client certificate: check that a CA MinIO trusts issued it, that it is valid now and allows client authentication');
        case 'MissingParameter':
            if (/No client certificate/i.test(message)) {
                return fix(`MinIO received no client certificate: check ${CERTIFICATE_INPUTS}, and that nothing between this job and MinIO terminates TLS (the endpoint must be MinIO itself)`);
            }
            if (/invalid token expiry/i.test(message))
                return fix('role-duration-seconds must be a whole number from 900 to 31536000 (365 days)');
            if (/CN cannot be empty/i.test(message))
                return fix("MinIO maps the certificate's subject CN to a policy: issue the certificate with CN=<policy name>");
            if (/not valid for client authentication/i.test(message))
                return fix('The client certificate needs extendedKeyUsage clientAuth (TLS Web Client Authentication)');
            return fix('');
        case 'InvalidParameterValue':
            if (/More than one client certificate/i.test(message))
                return fix(`Send one end-entity certificate (plus CA certificates): check ${CERTIFICATE_INPUTS}`);
            return fix('');
        case 'TooManyIntermediateCAs':
            return fix('MinIO accepts at most 10 CA certificates with the client certificate: send only the chain up to a CA MinIO trusts');
        case 'InsecureConnection':
            return fix('AssumeRoleWithCertificate needs TLS: use an https:// MinIO endpoint');
        case 'STSNotInitialized':
            if (/disabled/i.test(message))
                return fix('Certificate STS is off on this MinIO server: start it with MINIO_IDENTITY_TLS_ENABLE=on (and a TLS certificate)');
            return { hint: '', retryable: true };
        case 'STSIAMNotInitialized':
            return { hint: '', retryable: true };
        case 'InternalError':
            // SetTempUser fails this way when the CN names no policy: a configuration error, not a passing one.
            if (/specified policy .*not found/i.test(message)) {
                return fix("The certificate's subject CN must name a MinIO policy (or a comma-separated list with at least one): create it (mc admin policy create) or issue a certificate with CN=<policy name>");
            }
            return { hint: '', retryable: true };
        case 'AccessDenied':
            return fix('MinIO refused to issue credentials for this request: check the server policy for the certificate CN');
        case 'BadRequest':
            if (/unsupported API call/i.test(message))
                return fix('The server has no AssumeRoleWithCertificate API here: check that the endpoint is a MinIO server recent enough to have it (2021-07 or later)');
            return fix('');
        default:
            return { hint: '', retryable: status === 429 || status >= 500 };
    }
}
/** The AwsError for an error answer; `code` '' (a body that was not MinIO's) is reported by HTTP status. */
function minioError(status, code, message) {
    const advice = minioAdvice(status, code, message);
    return new errors/* AwsError */.Gy(MINIO_CALL, code || `HTTP ${status}`, message, advice.hint, advice.retryable);
}

// EXTERNAL MODULE: ./src/providers/validate-session.ts
var validate_session = __webpack_require__(6739);
;// CONCATENATED MODULE: ./src/providers/minio.ts









/** internal/config/identity/tls: MinIO issues certificate credentials for at most 365 days. */
const MINIO_MAX_LIFETIME_MS = 365 * 24 * 3600_000;
const minioProvider = async (source, config, ctx) => {
    const material = await (0,certificate_material/* sourceMaterial */.F)(source, ctx, { pkcs12Allowed: true });
    const extraTrust = source.caCertificate
        ? (0,certificate/* loadCertificateChain */.zv)((0,pki_source/* readPemOrPath */.N)(source.caCertificate, 'ca-certificate', ctx.readFile).text, 'ca-certificate').map((c) => c.toString())
        : [];
    const tls = { secureContext: await (0,client_tls/* clientTlsContext */.K)(material, extraTrust) };
    // MinIO reads the parameters from the URL query only (cmd/sts-handlers.go parses no body for this call).
    const query = new URLSearchParams({ Action: 'AssumeRoleWithCertificate', Version: '2011-06-15', DurationSeconds: String(config.session.durationSeconds) });
    const url = `${source.endpoint}/?${query.toString()}`;
    const session = await (0,context/* retrying */.R$)(ctx, MINIO_CALL, async (attempt, timeoutMs) => {
        ctx.debug(`${MINIO_CALL}: attempt ${attempt} to ${source.endpoint}`);
        const res = await (0,context/* send */.tN)(ctx, { url, method: 'POST', headers: { accept: 'application/xml' }, timeoutMs, tls }, minioNetworkFailure);
        if (res.status !== 200) {
            const error = parseMinioError(res.body);
            throw minioError(res.status, error?.code ?? '', error?.message ?? `HTTP ${res.status} without a MinIO error document`);
        }
        return parseMinioCredentials(res.body, new Date(ctx.clock.now()));
    });
    (0,validate_session/* validateSession */.dk)(session, { call: MINIO_CALL, endpoint: source.endpoint, now: new Date(ctx.clock.now()), maxLifetimeMs: MINIO_MAX_LIFETIME_MS, shapes: validate_session/* MINIO_SHAPES */.aX });
    // The credentials are good at this server only: its S3 endpoint travels with them to every delivery.
    return { ...session, serviceEndpoints: { s3: source.endpoint } };
};
/** MinIO verifies the client certificate after the handshake; a failed handshake is about the server's certificate. */
function minioNetworkFailure(err) {
    if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/i.test(err.code)) {
        return new errors/* AwsError */.Gy(MINIO_CALL, err.code, err.message, "MinIO's server certificate is not trusted; TLS verification stays on: give its CA in ca-certificate (on-premises MinIO is usually signed by a private CA)", false);
    }
    return (0,context/* networkFailure */.rd)(MINIO_CALL, err, 'check minio-endpoint');
}


/***/ })

};
