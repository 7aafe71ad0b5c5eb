export const id = 545;
export const ids = [545];
export const modules = {

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
