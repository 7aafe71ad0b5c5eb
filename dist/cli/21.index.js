export const id = 21;
export const ids = [21,513];
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

/***/ 4839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ih: () => (/* binding */ loadCertificate),
/* harmony export */   Nl: () => (/* binding */ certificateSerialDecimal),
/* harmony export */   PK: () => (/* binding */ certificateDer),
/* harmony export */   dF: () => (/* binding */ describeCertificate),
/* harmony export */   om: () => (/* binding */ certificateValidity),
/* harmony export */   zv: () => (/* binding */ loadCertificateChain)
/* harmony export */ });
/* unused harmony export certificateSerial */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _der_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2787);
/* harmony import */ var _pem_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2166);
/** X.509 certificates from PEM, and the fields a SigV4-X509 signer and the validity check need. Pure. */




const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
/** The first certificate in `text` (a leaf followed by its chain is fine: the rest is ignored). */
function loadCertificate(text, input) {
    const [first] = certificateBlocks(text, input);
    return decodeCertificate(first, 1, input);
}
/** Every certificate in `text`, in the order written. */
function loadCertificateChain(text, input) {
    return certificateBlocks(text, input).map((block, i) => decodeCertificate(block, i + 1, input));
}
/** The serial number in decimal, as SigV4-X509 puts it in the credential scope. */
function certificateSerialDecimal(cert) {
    return certificateSerial(cert).toString(10);
}
/** The serial number as an integer, read from the DER (it may be up to 20 bytes, with a leading zero byte). */
function certificateSerial(cert) {
    return (0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .bigInteger */ .dC)(tbsField(cert, 0), 'the certificate serial number');
}
/** The certificate's DER bytes (the `X-Amz-X509` header carries them in base64). */
function certificateDer(cert) {
    return Buffer.from(cert.raw);
}
/** notBefore and notAfter as dates, read from the DER rather than OpenSSL's display strings. */
function certificateValidity(cert) {
    const [notBefore, notAfter] = (0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .sequence */ .K2)(tbsField(cert, 3), 'the certificate validity');
    return { notBefore: (0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .time */ .kB)(notBefore, 'notBefore'), notAfter: (0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .time */ .kB)(notAfter, 'notAfter') };
}
/** A short, public description for messages: `subject CN=x (serial 1234)`. */
function describeCertificate(cert) {
    return `subject '${cert.subject.replace(/\n/g, ', ')}' (serial ${certificateSerialDecimal(cert)})`;
}
function certificateBlocks(text, input) {
    const blocks = (0,_pem_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePemBlocks */ .Sq)(text, input);
    const certificates = blocks.filter((b) => CERTIFICATE_LABELS.has(b.label));
    if (certificates.length > 0)
        return certificates;
    const labels = blocks.map((b) => b.label);
    if (labels.some((l) => l.endsWith('PRIVATE KEY'))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, 'holds a private key, not a certificate', `Put the certificate (-----BEGIN CERTIFICATE-----) in '${input}' and the key in 'private-key'; rotate the key if it was exposed`);
    }
    if (labels.some((l) => l.includes('CERTIFICATE REQUEST'))) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, 'holds a certificate signing request, not a certificate', 'Use the certificate your CA issued for the request');
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `holds no certificate (found PEM block(s) ${labels.map((l) => `'${l}'`).join(', ')})`, 'Paste the certificate, starting with -----BEGIN CERTIFICATE-----');
}
function decodeCertificate(block, ordinal, input) {
    try {
        return new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(block.der);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `certificate ${ordinal} is not a readable X.509 certificate`, 'Paste the certificate exactly as issued (check it with: openssl x509 -noout -text -in cert.pem)');
    }
}
/** The TBSCertificate field `n` places after the serial number (0 = serial, 3 = validity). */
function tbsField(cert, n) {
    try {
        const [tbs] = (0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .sequence */ .K2)((0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDer */ .zE)(Buffer.from(cert.raw)), 'the certificate');
        const fields = (0,_der_js__WEBPACK_IMPORTED_MODULE_2__/* .sequence */ .K2)(tbs, 'the certificate body');
        // The version field is an optional explicit [0] in front of the serial number.
        const serialAt = fields[0]?.tag === 0xa0 ? 1 : 0;
        return fields[serialAt + n];
    }
    catch (err) {
        // OpenSSL already parsed this DER, so a failure here is a bug in our reader, not the user's input.
        if (err instanceof _der_js__WEBPACK_IMPORTED_MODULE_2__/* .DerError */ .I4)
            throw new Error(`internal: could not read certificate DER: ${err.message}`);
        throw err;
    }
}


/***/ }),

/***/ 2787:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   I4: () => (/* binding */ DerError),
/* harmony export */   K2: () => (/* binding */ sequence),
/* harmony export */   Y_: () => (/* binding */ children),
/* harmony export */   as: () => (/* binding */ boundedInteger),
/* harmony export */   dC: () => (/* binding */ bigInteger),
/* harmony export */   jq: () => (/* binding */ oid),
/* harmony export */   kB: () => (/* binding */ time),
/* harmony export */   pc: () => (/* binding */ explicit),
/* harmony export */   tu: () => (/* binding */ octets),
/* harmony export */   zE: () => (/* binding */ parseDer)
/* harmony export */ });
/* unused harmony exports readNode, expectTag */
/**
 * A small, defensive reader for ASN.1 DER (and the BER subset PKCS#12 files use: indefinite lengths, constructed
 * OCTET STRINGs). Every malformed input ends in a `DerError`, never a RangeError or a hang; callers turn it into an
 * InputError that names their input.
 */
class DerError extends Error {
    name = 'DerError';
}
const TAG = {
    INTEGER: 0x02,
    OCTET_STRING: 0x04,
    NULL: 0x05,
    OID: 0x06,
    UTC_TIME: 0x17,
    GENERALIZED_TIME: 0x18,
    SEQUENCE: 0x30,
    SET: 0x31,
};
// Nesting deeper than this is not a real PKCS#12 or certificate; refusing it keeps garbage from exhausting the stack.
const MAX_DEPTH = 64;
/** Reads one element at `offset`; returns it and the offset just past it. */
function readNode(buf, offset, depth = 0) {
    if (depth > MAX_DEPTH)
        throw new DerError('nesting is too deep');
    if (offset + 2 > buf.length)
        throw new DerError('data ends in the middle of an element');
    const tag = buf[offset];
    if ((tag & 0x1f) === 0x1f)
        throw new DerError('uses a high tag number, which this format never needs');
    const constructed = (tag & 0x20) !== 0;
    let pos = offset + 1;
    const first = buf[pos++];
    if (first === 0x80) {
        if (!constructed)
            throw new DerError('has an indefinite length on a primitive element');
        const start = pos;
        for (;;) {
            if (pos + 2 > buf.length)
                throw new DerError('data ends before an end-of-contents marker');
            if (buf[pos] === 0 && buf[pos + 1] === 0) {
                return { node: { tag, constructed, content: buf.subarray(start, pos), raw: buf.subarray(offset, pos + 2) }, next: pos + 2 };
            }
            pos = readNode(buf, pos, depth + 1).next;
        }
    }
    let length = first;
    if (first & 0x80) {
        const count = first & 0x7f;
        if (count > 4)
            throw new DerError('declares a length too large to be real');
        if (pos + count > buf.length)
            throw new DerError('data ends in the middle of a length');
        length = 0;
        for (let i = 0; i < count; i++)
            length = length * 256 + buf[pos++];
    }
    if (pos + length > buf.length)
        throw new DerError('data ends before the element it declares (truncated?)');
    return {
        node: { tag, constructed, content: buf.subarray(pos, pos + length), raw: buf.subarray(offset, pos + length) },
        next: pos + length,
    };
}
/** The single element that makes up `buf` (trailing bytes are ignored, as OpenSSL does for PKCS#12 files). */
function parseDer(buf) {
    return readNode(buf, 0).node;
}
/** The elements inside a constructed element. */
function children(node, depth = 0) {
    if (!node.constructed)
        throw new DerError('expected a constructed element');
    const out = [];
    let pos = 0;
    while (pos < node.content.length) {
        const { node: child, next } = readNode(node.content, pos, depth + 1);
        out.push(child);
        pos = next;
    }
    return out;
}
/** Asserts the element's tag; `what` names it in the error ("the PFX version"). */
function expectTag(node, tag, what) {
    if (!node)
        throw new DerError(`${what} is missing`);
    if (node.tag !== tag)
        throw new DerError(`${what} has tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
    return node;
}
/** The elements of a SEQUENCE, after checking that it is one. */
function sequence(node, what) {
    return children(expectTag(node, TAG.SEQUENCE, what));
}
/** An OBJECT IDENTIFIER in dotted form. */
function oid(node, what) {
    const bytes = expectTag(node, TAG.OID, what).content;
    if (bytes.length === 0)
        throw new DerError(`${what} is an empty object identifier`);
    const arcs = [];
    let value = 0n;
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        value = (value << 7n) | BigInt(b & 0x7f);
        if (!(b & 0x80)) {
            arcs.push(value);
            value = 0n;
        }
        else if (i === bytes.length - 1) {
            throw new DerError(`${what} is a truncated object identifier`);
        }
    }
    const head = arcs[0];
    const first = head < 40n ? 0n : head < 80n ? 1n : 2n;
    return [first, head - first * 40n, ...arcs.slice(1)].join('.');
}
/** A two's-complement INTEGER of any size. */
function bigInteger(node, what) {
    const bytes = expectTag(node, TAG.INTEGER, what).content;
    if (bytes.length === 0)
        throw new DerError(`${what} is an empty integer`);
    let value = BigInt(`0x${bytes.toString('hex')}`);
    if (bytes[0] & 0x80)
        value -= 1n << BigInt(bytes.length * 8);
    return value;
}
/** A non-negative INTEGER no larger than `max`; iteration counts and lengths go through here so garbage cannot stall us. */
function boundedInteger(node, what, max) {
    const value = bigInteger(node, what);
    if (value < 0n || value > BigInt(max))
        throw new DerError(`${what} is ${value < 0n ? 'negative' : `larger than ${max}`}`);
    return Number(value);
}
/** The bytes of an OCTET STRING (or of an implicitly tagged one), joining BER's constructed segments. */
function octets(node, what, tag = TAG.OCTET_STRING, depth = 0) {
    if (!node)
        throw new DerError(`${what} is missing`);
    if ((node.tag & ~0x20) !== (tag & ~0x20)) {
        throw new DerError(`${what} has tag 0x${node.tag.toString(16)}, expected an octet string`);
    }
    if (!node.constructed)
        return node.content;
    if (depth > MAX_DEPTH)
        throw new DerError(`${what} is nested too deeply`);
    return Buffer.concat(children(node).map((part) => octets(part, what, TAG.OCTET_STRING, depth + 1)));
}
/** The single element inside an EXPLICIT context tag such as [0]. */
function explicit(node, tagNumber, what) {
    const wrapper = expectTag(node, 0xa0 | tagNumber, what);
    const inner = children(wrapper)[0];
    if (!inner)
        throw new DerError(`${what} is empty`);
    return inner;
}
/** A UTCTime or GeneralizedTime (the forms X.509 uses: UTC, `Z`-terminated, optional fraction). */
function time(node, what) {
    if (!node || (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME))
        throw new DerError(`${what} is not a time`);
    const text = node.content.toString('latin1');
    const match = node.tag === TAG.UTC_TIME
        ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
        : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
    if (!match)
        throw new DerError(`${what} is not a UTC time`);
    const [, y, mo, d, h, mi, s] = match;
    let year = Number(y);
    // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
    if (node.tag === TAG.UTC_TIME)
        year += year >= 50 ? 1900 : 2000;
    return new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0')));
}


/***/ }),

/***/ 2166:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sq: () => (/* binding */ parsePemBlocks),
/* harmony export */   Zs: () => (/* binding */ normalisePem),
/* harmony export */   uy: () => (/* binding */ formatPem)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** PEM text as users paste it into CI secrets: normalised forgivingly, split into blocks precisely. Pure. */

/**
 * Undoes what secret stores and YAML do to PEM: CRLF or CR line endings, literal `\n` escapes, surrounding quotes
 * and whitespace, indented lines. Base64 never contains a backslash or quote, so none of this can damage a real body.
 */
function normalisePem(text) {
    let out = text.replace(/^\uFEFF/, '').trim();
    while (out.length >= 2 && (out[0] === '"' || out[0] === "'") && out[out.length - 1] === out[0]) {
        out = out.slice(1, -1).trim();
    }
    out = out
        .replace(/\\r\\n|\\n|\\r/g, '\n')
        .replace(/\r\n?/g, '\n')
        .split('\n')
        .map((line) => line.trim())
        .join('\n');
    return out.trim();
}
const BEGIN = /-----BEGIN ([A-Z0-9 ]+)-----/g;
const END = /-----END ([A-Z0-9 ]+)-----/g;
/** Every PEM block in `text`, in order; text outside blocks (openssl's "Bag Attributes", comments) is ignored. */
function parsePemBlocks(text, input) {
    const pem = normalisePem(text);
    const blocks = [];
    let from = 0;
    for (;;) {
        BEGIN.lastIndex = from;
        const begin = BEGIN.exec(pem);
        if (!begin)
            break;
        const label = begin[1];
        const ordinal = blocks.length + 1;
        END.lastIndex = begin.index + begin[0].length;
        const end = END.exec(pem);
        BEGIN.lastIndex = begin.index + begin[0].length;
        const nextBegin = BEGIN.exec(pem);
        if (!end || (nextBegin && nextBegin.index < end.index)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `PEM block ${ordinal} ('-----BEGIN ${label}-----') has no matching '-----END ${label}-----' line`, 'Paste the whole PEM, including its last line; check that the secret was not cut short');
        }
        if (end[1] !== label) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `PEM block ${ordinal} begins as '${label}' but ends as '${end[1]}'`, 'Paste each PEM block whole, from its BEGIN line to its own END line');
        }
        const body = pem.slice(begin.index + begin[0].length, end.index);
        blocks.push({ label, ...decodeBody(body, label, ordinal, input) });
        from = end.index + end[0].length;
    }
    if (blocks.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'holds no PEM block (no -----BEGIN ...----- line)', 'Paste the whole PEM text, from the -----BEGIN line to the -----END line');
    }
    return blocks;
}
/** Re-armours a block, headers included, so that OpenSSL can read it (legacy encrypted keys need their headers). */
function formatPem(block) {
    const headers = Object.entries(block.headers).map(([k, v]) => `${k}: ${v}\n`);
    const body = (block.der.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
    return [
        `-----BEGIN ${block.label}-----\n`,
        ...headers,
        headers.length > 0 ? '\n' : '',
        `${body}\n`,
        `-----END ${block.label}-----\n`,
    ].join('');
}
// Splitting on any whitespace also reads a PEM whose newlines a secret store collapsed into spaces.
function decodeBody(body, label, ordinal, input) {
    const tokens = body.split(/\s+/).filter((t) => t.length > 0);
    const headers = {};
    let i = 0;
    while (i < tokens.length && /^[A-Za-z][A-Za-z0-9-]*:$/.test(tokens[i])) {
        headers[tokens[i].slice(0, -1)] = tokens[i + 1] ?? '';
        i += 2;
    }
    let base64 = tokens.slice(i).join('');
    const bad = (problem) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `PEM block ${ordinal} ('${label}') is not valid base64: ${problem}`, 'Paste the PEM exactly as the file holds it; check that the secret was not cut short or edited');
    if (base64.length === 0)
        throw bad('its body is empty');
    const badAt = base64.search(/[^A-Za-z0-9+/=]/);
    if (badAt >= 0)
        throw bad(`it has a character outside the base64 alphabet at position ${badAt + 1}`);
    if (/=[^=]/.test(base64) || /={3,}$/.test(base64))
        throw bad("it has '=' padding in the middle");
    // Missing padding is harmless to decode, so we add it back; a remainder of 1 means characters were lost.
    if (base64.length % 4 === 1)
        throw bad('its length is not a whole number of base64 groups (truncated?)');
    while (base64.length % 4 !== 0)
        base64 += '=';
    return { der: Buffer.from(base64, 'base64'), headers };
}


/***/ }),

/***/ 707:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ readBinaryOrPath),
/* harmony export */   N: () => (/* binding */ readPemOrPath)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _pem_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2166);
/**
 * Where certificate and key inputs come from: the PEM text itself, or a path to a file. The only module in pki/ that
 * reads files, and only through the reader it is given.
 */


/** PEM text given inline, or read from the path the value names. Never echoes a value that might be a key. */
function readPemOrPath(value, input, readFile) {
    const text = (0,_pem_js__WEBPACK_IMPORTED_MODULE_1__/* .normalisePem */ .Zs)(value);
    if (text.includes('-----BEGIN'))
        return { text, from: 'inline' };
    const candidate = unquote(value);
    const shape = classify(candidate);
    if (shape === 'base64')
        throw base64WithoutArmour(input);
    if (shape === 'empty')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is empty', 'Set it to PEM text or to the path of a PEM file');
    if (shape === 'damaged-pem' || shape === 'material')
        throw notAPath(shape, input);
    if (shape === 'other') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `is neither PEM text nor a path to a file (${describeShape(candidate)})`, 'Set it to the whole PEM text (-----BEGIN ... -----END ...) or to the path of a PEM file');
    }
    const content = readOrExplain(candidate, input, readFile);
    const fileText = (0,_pem_js__WEBPACK_IMPORTED_MODULE_1__/* .normalisePem */ .Zs)(typeof content === 'string' ? content : content.toString('utf8'));
    if (!fileText.includes('-----BEGIN')) {
        const binary = typeof content !== 'string' && content[0] === 0x30;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `names the file '${candidate}', which holds no PEM text${binary ? ' (it looks like binary DER)' : ''}`, binary
            ? `Convert it to PEM (openssl x509 -inform der -in '${candidate}' for a certificate, openssl pkey -inform der for a key)`
            : 'Point it at a PEM file (-----BEGIN ...)');
    }
    return { text: fileText, from: 'file', path: candidate };
}
/** A PKCS#12 file given as base64 (how secrets store it), as PEM-armoured base64, or as a path to the .p12/.pfx. */
function readBinaryOrPath(value, input, readFile) {
    const candidate = unquote(value);
    if ((0,_pem_js__WEBPACK_IMPORTED_MODULE_1__/* .normalisePem */ .Zs)(value).includes('-----BEGIN'))
        return { der: (0,_pem_js__WEBPACK_IMPORTED_MODULE_1__/* .parsePemBlocks */ .Sq)(value, input)[0].der, from: 'inline' };
    const shape = classify(candidate);
    if (shape === 'base64')
        return { der: decodeBase64Der(candidate, input), from: 'inline' };
    if (shape === 'empty')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is empty', 'Set it to the base64 of the .p12 file or to its path');
    if (shape === 'damaged-pem' || shape === 'material')
        throw notAPath(shape, input);
    if (shape === 'other') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `is neither base64 of a PKCS#12 file nor a path to one (${describeShape(candidate)})`, "Set it to the output of 'base64 -w0 file.p12' or to the path of the file");
    }
    const content = readOrExplain(candidate, input, readFile);
    const bytes = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    // A file holding the base64 text (as copied out of a secret) is as good as the binary.
    if (bytes[0] !== 0x30) {
        const asText = unquote(bytes.toString('latin1'));
        if (classify(asText) === 'base64')
            return { der: decodeBase64Der(asText, input), from: 'file', path: candidate };
    }
    return { der: bytes, from: 'file', path: candidate };
}
// Base64 of any DER structure starts with 'M' (0x30, SEQUENCE); no file path we need to support is 60+ base64 letters.
function classify(value) {
    if (value === '')
        return 'empty';
    const compact = value.replace(/\s+/g, '');
    const startsLikePath = /^(\/|\.{1,2}[\\/]|~|[A-Za-z]:[\\/]|\\\\)/.test(value);
    const base64 = /^[A-Za-z0-9+/]+={0,2}$/.test(compact);
    // A shorter 'MI...' run is a fragment of a key or certificate: never treat it as a path, which we would echo.
    if (!startsLikePath && base64 && (compact.length >= 60 || /^MI[A-Za-z0-9+/]{14}/.test(compact)))
        return 'base64';
    // Checked before 'path': both shapes contain slashes, and a path is echoed in errors while these must never be.
    if (/-{2,}\s*(BEGIN|END)\b|\b(BEGIN|END) [A-Z0-9 ]*(KEY|CERTIFICATE)\b/.test(value))
        return 'damaged-pem';
    if (hasKeyLikeRun(value))
        return 'material';
    if (/[\n\0]/.test(value) || value.length > 1024)
        return 'other';
    if (startsLikePath || /[\\/]/.test(value) || /\.[A-Za-z0-9]{1,5}$/.test(value))
        return 'path';
    return 'other';
}
// 40+ base64 letters mixing upper case, lower case and digits: a key or certificate body, not a directory name
// (hex digests, the long names paths do have, are single-case).
function hasKeyLikeRun(value) {
    return (value.match(/[A-Za-z0-9+=]{40,}/g) ?? []).some((run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run));
}
function notAPath(shape, input) {
    return shape === 'damaged-pem'
        ? new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'looks like PEM text with a damaged header or footer (not shown)', 'Paste the whole PEM again: it must start with -----BEGIN <LABEL>----- and end with -----END <LABEL>-----, five dashes each side')
        : new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'looks like key or certificate material without its -----BEGIN line, not a path (not shown)', 'Paste the whole PEM, including the -----BEGIN ...----- and -----END ...----- lines, or give the path of a PEM file');
}
function readOrExplain(path, input, readFile) {
    try {
        return readFile(path);
    }
    catch (err) {
        const code = err.code;
        const why = code === 'ENOENT'
            ? 'does not exist'
            : code === 'EACCES' || code === 'EPERM'
                ? 'cannot be read (permission denied)'
                : code === 'EISDIR'
                    ? 'is a directory'
                    : `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
        const tilde = path.startsWith('~') ? " ('~' is not expanded here: use an absolute path)" : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `looks like a file path, but '${path}' ${why}${tilde}`, `Set '${input}' to the PEM text itself or to the path of an existing file (relative paths start from the working directory)`);
    }
}
function decodeBase64Der(text, input) {
    const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    if (der[0] !== 0x30) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is base64, but not of a DER structure', "Store the file as 'base64 -w0 file.p12' gives it");
    }
    return der;
}
function base64WithoutArmour(input) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'looks like base64 DER without the -----BEGIN line', 'Paste the whole PEM, including the -----BEGIN ...----- and -----END ...----- lines');
}
// Counts and a character class are safe to show; the characters themselves might be part of a key.
function describeShape(value) {
    const lines = value.split('\n').length;
    return `${value.length} characters on ${lines} line${lines === 1 ? '' : 's'}`;
}
function unquote(value) {
    let out = value.trim();
    while (out.length >= 2 && (out[0] === '"' || out[0] === "'") && out[out.length - 1] === out[0])
        out = out.slice(1, -1).trim();
    return out;
}


/***/ }),

/***/ 9731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  F: () => (/* binding */ sourceMaterial)
});

// UNUSED EXPORTS: loadCertificateMaterial

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/pki/certificate.ts
var pki_certificate = __webpack_require__(4839);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/pki/checks.ts
/** Checks that a key and certificates will work before AWS is asked: pairing, validity, key strength, chain order. Pure. */



const SUPPORTED_CURVES = { prime256v1: 'P-256', secp384r1: 'P-384' };
/** Throws unless `key` is the private half of the certificate's public key. */
function checkKeyMatchesCertificate(key, cert, inputs) {
    if (publicKeyDer(key).equals(publicKeyDer(cert.publicKey)))
        return;
    throw new errors/* InputError */.dz(inputs.key, `does not belong to the certificate in '${inputs.certificate}' (${(0,pki_certificate/* describeCertificate */.dF)(cert)}): ` +
        `the key is ${describeKey(key)}, the certificate's is ${describeKey(cert.publicKey)}` +
        (describeKey(key) === describeKey(cert.publicKey) ? ' with a different public key' : ''), `Use the private key the certificate was issued for, or issue a certificate for this key`);
}
/** Throws if the certificate has expired or is not yet valid at `now`. */
function checkCertificateValidity(cert, now, input) {
    const { notBefore, notAfter } = (0,pki_certificate/* certificateValidity */.om)(cert);
    if (now.getTime() > notAfter.getTime()) {
        throw new errors/* InputError */.dz(input, `the certificate (${(0,pki_certificate/* describeCertificate */.dF)(cert)}) expired at ${iso(notAfter)}`, 'Issue a new certificate and update the secret');
    }
    if (now.getTime() < notBefore.getTime()) {
        throw new errors/* InputError */.dz(input, `the certificate (${(0,pki_certificate/* describeCertificate */.dF)(cert)}) is not valid until ${iso(notBefore)}`, "Wait until then, or check the clock of the machine that issued it and of this runner");
    }
}
/** Throws unless the key is RSA of 2048 bits or more, or EC on P-256 or P-384 (what AWS X.509 signing accepts). */
function checkKeySupported(key, input) {
    const type = key.asymmetricKeyType;
    const details = key.asymmetricKeyDetails ?? {};
    if (type === 'rsa' && (details.modulusLength ?? 0) >= 2048)
        return;
    if (type === 'ec' && details.namedCurve && details.namedCurve in SUPPORTED_CURVES)
        return;
    throw new errors/* InputError */.dz(input, `holds ${describeKey(key)}, which AWS X.509 signing does not accept`, 'Use an RSA key of 2048 bits or more, or an EC key on P-256 or P-384');
}
/**
 * Throws unless `leaf` was issued by `chain[0]`, `chain[0]` by `chain[1]`, and so on. Position 1 is the first
 * certificate of `input`; the message says which link breaks and, when it can, how to reorder.
 */
function checkChainOrder(leaf, chain, input) {
    const all = [leaf, ...chain];
    for (let i = 0; i < chain.length; i++) {
        const child = all[i];
        const parent = all[i + 1];
        if (issued(parent, child))
            continue;
        const childName = i === 0 ? 'the leaf certificate' : `certificate ${i} of '${input}'`;
        let problem = `certificate ${i + 1} (${(0,pki_certificate/* describeCertificate */.dF)(parent)}) did not issue ${childName} (issuer '${flat(child.issuer)}')`;
        if (parent.fingerprint256 === child.fingerprint256) {
            problem = `certificate ${i + 1} is ${i === 0 ? 'the leaf certificate' : `certificate ${i}`} again`;
        }
        else {
            const realParent = chain.findIndex((c) => issued(c, child));
            if (realParent >= 0)
                problem += `; certificate ${realParent + 1} did`;
        }
        throw new errors/* InputError */.dz(input, problem, "List the chain in order: the leaf's issuer first, then that certificate's issuer, up to (optionally) the root");
    }
}
/** The SigV4-X509 algorithm name for a key's type. */
function keySigningAlgorithm(key) {
    return key.asymmetricKeyType === 'ec' ? 'AWS4-X509-ECDSA-SHA256' : 'AWS4-X509-RSA-SHA256';
}
/** `an RSA 2048-bit key`, `an EC key on P-256`, `an ED25519 key`: public facts only. */
function describeKey(key) {
    const type = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
    const details = key.asymmetricKeyDetails ?? {};
    // Letters whose names start with a vowel sound take "an": an RSA, an EC, an X448, but a DSA.
    const article = /^[AEFHILMNORSX]/.test(type) ? 'an' : 'a';
    if (type === 'RSA' || type === 'RSA-PSS' || type === 'DSA')
        return `${article} ${type} ${details.modulusLength ?? '?'}-bit key`;
    if (type === 'EC')
        return `an EC key on ${SUPPORTED_CURVES[details.namedCurve ?? ''] ?? details.namedCurve ?? 'an unknown curve'}`;
    return `${article} ${type} key`;
}
// checkIssued compares names and key identifiers; verify proves the signature, so a same-named impostor fails.
function issued(parent, child) {
    return child.checkIssued(parent) && child.verify(parent.publicKey);
}
function publicKeyDer(key) {
    // createPublicKey accepts a private KeyObject but refuses a public one.
    return (key.type === 'public' ? key : (0,external_node_crypto_.createPublicKey)(key)).export({ type: 'spki', format: 'der' });
}
function flat(name) {
    return name.replace(/\n/g, ', ');
}
function iso(date) {
    return date.toISOString().replace(/\.000Z$/, 'Z');
}

// EXTERNAL MODULE: ./src/pki/pem.ts
var pem = __webpack_require__(2166);
;// CONCATENATED MODULE: ./src/pki/private-key.ts
/** Private keys from PEM: PKCS#1, SEC1, PKCS#8, encrypted PKCS#8 and legacy OpenSSL-encrypted PEM. Pure. */



const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
/** The one private key in `text` (a certificate or EC PARAMETERS block beside it is ignored). RSA and EC only. */
function loadPrivateKey(text, passphrase, inputs) {
    const block = privateKeyBlock((0,pem/* parsePemBlocks */.Sq)(text, inputs.key), inputs.key);
    const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/.test(block.headers['Proc-Type'] ?? '');
    if (encrypted && !passphrase) {
        throw new errors/* InputError */.dz(inputs.passphrase, `is not set, but the key in '${inputs.key}' is encrypted`, `Set '${inputs.passphrase}' to the key's passphrase (from a secret), or store the key unencrypted`);
    }
    let key;
    try {
        // Re-armouring lets OpenSSL see one clean block, with the Proc-Type/DEK-Info headers legacy keys need.
        key = (0,external_node_crypto_.createPrivateKey)({ key: (0,pem/* formatPem */.uy)(block), format: 'pem', passphrase: encrypted ? passphrase : undefined });
    }
    catch (err) {
        throw decodeError(err, block, encrypted, inputs);
    }
    return requireSupportedType(key, inputs.key);
}
function privateKeyBlock(blocks, input) {
    const keys = blocks.filter((b) => KEY_LABELS.has(b.label));
    if (keys.length === 1)
        return keys[0];
    if (keys.length > 1) {
        throw new errors/* InputError */.dz(input, `holds ${keys.length} private keys`, 'Keep only the key that belongs to the certificate');
    }
    const labels = blocks.map((b) => b.label);
    if (labels.includes('OPENSSH PRIVATE KEY')) {
        throw new errors/* InputError */.dz(input, 'holds an OpenSSH-format key, which cannot sign X.509 requests', 'Use the PEM key that belongs to your X.509 certificate (-----BEGIN PRIVATE KEY-----)');
    }
    const dsa = labels.find((l) => l === 'DSA PRIVATE KEY');
    if (dsa)
        throw unsupportedType('dsa', input);
    if (labels.some((l) => l.endsWith('PUBLIC KEY'))) {
        throw new errors/* InputError */.dz(input, 'holds a public key, not a private key', 'Paste the private key (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA/EC PRIVATE KEY-----) that belongs to the certificate');
    }
    if (labels.some((l) => l.includes('CERTIFICATE'))) {
        throw new errors/* InputError */.dz(input, 'holds a certificate, not a private key', `Put the certificate in 'certificate' and the private key (-----BEGIN PRIVATE KEY-----) in '${input}'`);
    }
    throw new errors/* InputError */.dz(input, `holds no private key (found PEM block(s) ${labels.map((l) => `'${l}'`).join(', ')})`, 'Paste the private key, starting with -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY)');
}
// OpenSSL's message names the routine and reason only, never key bytes, but a code is all the user needs.
function decodeError(err, block, encrypted, inputs) {
    const code = err.code;
    if (encrypted) {
        return new errors/* InputError */.dz(inputs.passphrase, `did not decrypt the key in '${inputs.key}' (wrong passphrase, or the key is damaged)`, `Check that '${inputs.passphrase}' holds this key's passphrase (test it with: openssl pkey -in key.pem -noout)`);
    }
    // OpenSSL 3 reports a damaged body and an unknown key type alike ("unsupported"), so the message covers both.
    return new errors/* InputError */.dz(inputs.key, `holds a '${block.label}' block that is not a readable key: damaged, or of a type this tool cannot read` +
        (typeof code === 'string' ? ` (${code})` : ''), 'Paste the key exactly as the file holds it; check it with: openssl pkey -in key.pem -noout');
}
const supportedFix = 'Use an RSA key (2048 bits or more) or an EC key on P-256 or P-384';
function unsupportedType(type, input) {
    return new errors/* InputError */.dz(input, `holds a ${type.toUpperCase()} key, which AWS X.509 signing does not accept`, supportedFix);
}
// RSA-PSS keys are excluded too: SigV4-X509 signs with RSA PKCS#1 v1.5, which a PSS-restricted key refuses.
function requireSupportedType(key, input) {
    const type = key.asymmetricKeyType ?? 'unknown';
    if (type !== 'rsa' && type !== 'ec')
        throw unsupportedType(type, input);
    return key;
}

// EXTERNAL MODULE: ./src/pki/source.ts
var source = __webpack_require__(707);
;// CONCATENATED MODULE: ./src/providers/certificate-material.ts





async function loadCertificateMaterial(inputs, io, options) {
    if (inputs.passphrase)
        io.mask(inputs.passphrase);
    let material;
    if (!inputs.privateKey) {
        if (!options.pkcs12Allowed) {
            throw new errors/* InputError */.dz('private-key', 'is required', "Set it to the certificate's private key, as PEM text from a secret or a file path");
        }
        const bundle = (0,source/* readBinaryOrPath */.C)(inputs.certificate, 'certificate', io.readFile);
        // Loaded only for PKCS#12 input: most users give PEM, and the DER reader is the largest part of pki/.
        const { parsePkcs12 } = await __webpack_require__.e(/* import() */ 388).then(__webpack_require__.bind(__webpack_require__, 388));
        material = parsePkcs12(bundle.der, inputs.passphrase ?? '', 'certificate');
    }
    else {
        const certificate = (0,pki_certificate/* loadCertificate */.Ih)((0,source/* readPemOrPath */.N)(inputs.certificate, 'certificate', io.readFile).text, 'certificate');
        const key = loadPrivateKey((0,source/* readPemOrPath */.N)(inputs.privateKey, 'private-key', io.readFile).text, inputs.passphrase, {
            key: 'private-key',
            passphrase: 'private-key-passphrase',
        });
        material = { certificate, key, chain: [] };
    }
    if (inputs.certificateChain) {
        material.chain = (0,pki_certificate/* loadCertificateChain */.zv)((0,source/* readPemOrPath */.N)(inputs.certificateChain, 'certificate-chain', io.readFile).text, 'certificate-chain');
    }
    checkKeySupported(material.key, 'private-key');
    checkKeyMatchesCertificate(material.key, material.certificate, { key: 'private-key', certificate: 'certificate' });
    checkCertificateValidity(material.certificate, io.now, 'certificate');
    if (material.chain.length > 0)
        checkChainOrder(material.certificate, material.chain, 'certificate-chain');
    return material;
}
/** A certificate mode's material from its source's fields, with the provider's file reader, clock and masker. */
function sourceMaterial(source, ctx, options) {
    return loadCertificateMaterial({
        certificate: source.certificate,
        privateKey: source.privateKey,
        ...(source.passphrase ? { passphrase: source.passphrase } : {}),
        ...(source.certificateChain ? { certificateChain: source.certificateChain } : {}),
    }, { readFile: ctx.readFile, now: new Date(ctx.clock.now()), mask: ctx.mask }, options);
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
