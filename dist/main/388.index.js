export const id = 388;
export const ids = [388];
export const modules = {

/***/ 388:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parsePkcs12: () => (/* binding */ parsePkcs12)
});

// UNUSED EXPORTS: MAX_BAGS, MAX_TOTAL_ITERATIONS

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/pki/der.ts
var pki_der = __webpack_require__(2787);
;// CONCATENATED MODULE: ./src/pki/pkcs12-pbe.ts
/**
 * Password-based cryptography inside PKCS#12 files: PBES2 (PBKDF2 + AES/3DES), the legacy PKCS#12 PBE schemes with
 * their own key derivation (RFC 7292 appendix B), and the HMAC that guards the whole file. Pure.
 */


/** An algorithm this tool does not implement, or one the runtime's OpenSSL has disabled (RC2, RC4). */
class UnsupportedAlgorithm extends Error {
    algorithm;
    name = 'UnsupportedAlgorithm';
    constructor(algorithm) {
        super(`unsupported algorithm ${algorithm}`);
        this.algorithm = algorithm;
    }
}
/** Decryption produced bad padding: a wrong password, or damaged data. */
class DecryptFailed extends Error {
    name = 'DecryptFailed';
}
/** The password encodings to try: an empty password may have been written as "no password" (empty BMP) too. */
function pkcs12Passwords(passphrase) {
    const utf8 = Buffer.from(passphrase, 'utf8');
    const bmp = Buffer.concat([Buffer.from(passphrase, 'utf16le').swap16(), Buffer.alloc(2)]);
    const passwords = [{ utf8, bmp }];
    if (passphrase === '')
        passwords.push({ utf8, bmp: Buffer.alloc(0) });
    return passwords;
}
// Iteration counts beyond these are not something a real export uses; refusing them keeps garbage from stalling us.
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_PKCS12_ITERATIONS = 1_000_000;
const DIGESTS = {
    '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
    '2.16.840.1.101.3.4.2.4': { name: 'sha224', size: 28, block: 64 },
    '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
    '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
    '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};
const HMAC_PRFS = {
    '1.2.840.113549.2.7': 'sha1',
    '1.2.840.113549.2.8': 'sha224',
    '1.2.840.113549.2.9': 'sha256',
    '1.2.840.113549.2.10': 'sha384',
    '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS = {
    '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
    '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
    '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
    '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
const PKCS12_PBE = {
    '1.2.840.113549.1.12.1.3': { name: 'pbeWithSHAAnd3-KeyTripleDES-CBC', cipher: 'des-ede3-cbc', keyLength: 24, ivLength: 8 },
    '1.2.840.113549.1.12.1.4': { name: 'pbeWithSHAAnd2-KeyTripleDES-CBC', cipher: 'des-ede-cbc', keyLength: 16, ivLength: 8 },
    '1.2.840.113549.1.12.1.5': { name: 'pbeWithSHAAnd128BitRC2-CBC', cipher: 'rc2-cbc', keyLength: 16, ivLength: 8 },
    '1.2.840.113549.1.12.1.6': { name: 'pbewithSHAAnd40BitRC2-CBC', cipher: 'rc2-40-cbc', keyLength: 5, ivLength: 8 },
};
const NAMED_UNSUPPORTED = {
    '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
    '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
    '1.2.840.113549.1.5.14': 'PBMAC1',
};
/** Decrypts `data` under an AlgorithmIdentifier (PBES2 or PKCS#12 PBE). */
function decrypt(algorithm, data, password) {
    const [algOid, params] = (0,pki_der/* sequence */.K2)(algorithm, 'the encryption algorithm');
    const id = (0,pki_der/* oid */.jq)(algOid, 'the encryption algorithm');
    if (id === '1.2.840.113549.1.5.13')
        return decryptPbes2(params, data, password.utf8);
    const pbe = PKCS12_PBE[id];
    if (!pbe)
        throw new UnsupportedAlgorithm(NAMED_UNSUPPORTED[id] ?? id);
    const [salt, iterations] = (0,pki_der/* sequence */.K2)(params, 'the PBE parameters');
    const saltBytes = (0,pki_der/* octets */.tu)(salt, 'the PBE salt');
    const count = (0,pki_der/* boundedInteger */.as)(iterations, 'the PBE iteration count', MAX_PKCS12_ITERATIONS);
    const sha1 = DIGESTS['1.3.14.3.2.26'];
    const key = pkcs12Kdf(sha1, password.bmp, saltBytes, 1, count, pbe.keyLength);
    const iv = pkcs12Kdf(sha1, password.bmp, saltBytes, 2, count, pbe.ivLength);
    return runCipher(pbe.cipher, pbe.name, key, iv, data);
}
/**
 * The hash iterations decrypting under `algorithm` will cost, read from its parameters without running anything;
 * 0 for an algorithm `decrypt` will refuse anyway. Lets a caller refuse a file before it starts the work.
 */
function decryptionWork(algorithm) {
    const [algOid, params] = (0,pki_der/* sequence */.K2)(algorithm, 'the encryption algorithm');
    const id = (0,pki_der/* oid */.jq)(algOid, 'the encryption algorithm');
    if (id === '1.2.840.113549.1.5.13') {
        const [kdf, scheme] = (0,pki_der/* sequence */.K2)(params, 'the PBES2 parameters');
        const fields = (0,pki_der/* sequence */.K2)((0,pki_der/* sequence */.K2)(kdf, 'the PBES2 key derivation')[1], 'the PBKDF2 parameters');
        const iterations = (0,pki_der/* boundedInteger */.as)(fields[1], 'the PBKDF2 iteration count', MAX_PBKDF2_ITERATIONS);
        const cipher = PBES2_CIPHERS[(0,pki_der/* oid */.jq)((0,pki_der/* sequence */.K2)(scheme, 'the PBES2 cipher')[0], 'the PBES2 cipher')];
        const prfNode = fields.slice(2).find((f) => f.tag === 0x30);
        const prf = prfNode ? HMAC_PRFS[(0,pki_der/* oid */.jq)((0,pki_der/* sequence */.K2)(prfNode, 'the PBKDF2 PRF')[0], 'the PBKDF2 PRF')] : 'sha1';
        const prfSize = Object.values(DIGESTS).find((d) => d.name === prf)?.size ?? 20;
        // PBKDF2 runs the whole count once per output block: SHA-1 (20 bytes) needs two for a 32-byte key.
        return iterations * Math.ceil((cipher?.keyLength ?? 32) / prfSize);
    }
    const pbe = PKCS12_PBE[id];
    if (!pbe)
        return 0;
    const iterations = (0,pki_der/* boundedInteger */.as)((0,pki_der/* sequence */.K2)(params, 'the PBE parameters')[1], 'the PBE iteration count', MAX_PKCS12_ITERATIONS);
    // One run per 20-byte SHA-1 block of the key, and one for the IV.
    return iterations * (Math.ceil(pbe.keyLength / 20) + 1);
}
/** The hash iterations one MAC check costs. */
function macWork(macData) {
    const iterations = (0,pki_der/* sequence */.K2)(macData, 'the MAC data')[2];
    return iterations ? (0,pki_der/* boundedInteger */.as)(iterations, 'the MAC iteration count', MAX_PKCS12_ITERATIONS) : 1;
}
/** Checks the file's HMAC over `authSafe`; false means the password is wrong (or the file was altered). */
function verifyMac(macData, authSafe, password) {
    const [digestInfo, salt, iterations] = (0,pki_der/* sequence */.K2)(macData, 'the MAC data');
    const [digestAlg, expected] = (0,pki_der/* sequence */.K2)(digestInfo, 'the MAC digest');
    const [digestOid] = (0,pki_der/* sequence */.K2)(digestAlg, 'the MAC algorithm');
    const digestId = (0,pki_der/* oid */.jq)(digestOid, 'the MAC algorithm');
    const digest = DIGESTS[digestId];
    if (!digest)
        throw new UnsupportedAlgorithm(NAMED_UNSUPPORTED[digestId] ?? `MAC digest ${digestId}`);
    // RFC 7292 makes the iteration count optional, defaulting to 1.
    const count = iterations ? (0,pki_der/* boundedInteger */.as)(iterations, 'the MAC iteration count', MAX_PKCS12_ITERATIONS) : 1;
    const key = pkcs12Kdf(digest, password.bmp, (0,pki_der/* octets */.tu)(salt, 'the MAC salt'), 3, count, digest.size);
    const actual = (0,external_node_crypto_.createHmac)(digest.name, key).update(authSafe).digest();
    const want = (0,pki_der/* octets */.tu)(expected, 'the MAC value');
    return actual.length === want.length && (0,external_node_crypto_.timingSafeEqual)(actual, want);
}
function decryptPbes2(params, data, password) {
    const [kdf, scheme] = (0,pki_der/* sequence */.K2)(params, 'the PBES2 parameters');
    const [kdfOid, kdfParams] = (0,pki_der/* sequence */.K2)(kdf, 'the PBES2 key derivation');
    const kdfId = (0,pki_der/* oid */.jq)(kdfOid, 'the PBES2 key derivation');
    if (kdfId !== '1.2.840.113549.1.5.12')
        throw new UnsupportedAlgorithm(kdfId === '1.3.6.1.4.1.11591.4.11' ? 'scrypt' : kdfId);
    const [schemeOid, ivNode] = (0,pki_der/* sequence */.K2)(scheme, 'the PBES2 cipher');
    const schemeId = (0,pki_der/* oid */.jq)(schemeOid, 'the PBES2 cipher');
    const cipher = PBES2_CIPHERS[schemeId];
    if (!cipher)
        throw new UnsupportedAlgorithm(schemeId);
    const fields = (0,pki_der/* sequence */.K2)(kdfParams, 'the PBKDF2 parameters');
    const salt = (0,pki_der/* octets */.tu)(fields[0], 'the PBKDF2 salt');
    const iterations = (0,pki_der/* boundedInteger */.as)(fields[1], 'the PBKDF2 iteration count', MAX_PBKDF2_ITERATIONS);
    let rest = fields.slice(2);
    let keyLength = cipher.keyLength;
    if (rest[0]?.tag === 0x02) {
        keyLength = (0,pki_der/* boundedInteger */.as)(rest[0], 'the PBKDF2 key length', 64);
        rest = rest.slice(1);
    }
    if (keyLength !== cipher.keyLength)
        throw new pki_der/* DerError */.I4(`the PBKDF2 key length ${keyLength} does not fit ${cipher.name}`);
    let prf = 'sha1';
    if (rest[0]) {
        const prfId = (0,pki_der/* oid */.jq)((0,pki_der/* sequence */.K2)(rest[0], 'the PBKDF2 PRF')[0], 'the PBKDF2 PRF');
        const named = HMAC_PRFS[prfId];
        if (!named)
            throw new UnsupportedAlgorithm(`PBKDF2 PRF ${prfId}`);
        prf = named;
    }
    const key = (0,external_node_crypto_.pbkdf2Sync)(password, salt, iterations, keyLength, prf);
    return runCipher(cipher.name, cipher.name, key, (0,pki_der/* octets */.tu)(ivNode, 'the PBES2 IV'), data);
}
function runCipher(cipher, displayName, key, iv, data) {
    let decipher;
    try {
        decipher = (0,external_node_crypto_.createDecipheriv)(cipher, key, iv);
    }
    catch {
        // RC2 lives in OpenSSL 3's legacy provider, which Node does not load; a bad IV length lands here too.
        throw new UnsupportedAlgorithm(displayName);
    }
    try {
        return Buffer.concat([decipher.update(data), decipher.final()]);
    }
    catch {
        throw new DecryptFailed('bad decrypt');
    }
}
/** RFC 7292 appendix B.2: derive `length` bytes of purpose `id` (1 key, 2 IV, 3 MAC key) from a BMP password. */
function pkcs12Kdf(digest, password, salt, id, iterations, length) {
    const v = digest.block;
    const repeatToBlocks = (bytes) => {
        const out = Buffer.alloc(v * Math.ceil(bytes.length / v));
        for (let i = 0; i < out.length; i++)
            out[i] = bytes[i % bytes.length];
        return out;
    };
    const diversifier = Buffer.alloc(v, id);
    const input = Buffer.concat([repeatToBlocks(salt), repeatToBlocks(password)]);
    const out = [];
    for (let produced = 0; produced < length; produced += digest.size) {
        let a = (0,external_node_crypto_.createHash)(digest.name).update(diversifier).update(input).digest();
        for (let r = 1; r < iterations; r++)
            a = (0,external_node_crypto_.createHash)(digest.name).update(a).digest();
        out.push(a);
        const b = Buffer.alloc(v);
        for (let i = 0; i < v; i++)
            b[i] = a[i % a.length];
        // Each v-byte block of the input becomes (block + b + 1) mod 2^(8v).
        for (let start = 0; start < input.length; start += v) {
            let carry = 1;
            for (let k = v - 1; k >= 0; k--) {
                const sum = input[start + k] + b[k] + carry;
                input[start + k] = sum & 0xff;
                carry = sum >> 8;
            }
        }
    }
    return Buffer.concat(out).subarray(0, length);
}

;// CONCATENATED MODULE: ./src/pki/pkcs12.ts
/**
 * PKCS#12 (.p12/.pfx) files, which Node cannot read: PFX → AuthenticatedSafe → SafeContents → key and certificate
 * bags. Pure. Every failure, including truncated or random bytes, ends in an InputError naming the input.
 */




const OID = {
    data: '1.2.840.113549.1.7.1',
    encryptedData: '1.2.840.113549.1.7.6',
    envelopedData: '1.2.840.113549.1.7.3',
    keyBag: '1.2.840.113549.1.12.10.1.1',
    shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
    certBag: '1.2.840.113549.1.12.10.1.3',
    safeContentsBag: '1.2.840.113549.1.12.10.1.6',
    x509Certificate: '1.2.840.113549.1.9.22.1',
};
// Nested safeContents bags deeper than this are not a real file.
const MAX_BAG_DEPTH = 8;
/** A key, its certificate and a chain are a handful of bags; thousands are a file built to stall us. */
const MAX_BAGS = 256;
/**
 * Key-derivation hash iterations a whole file may ask for (exports use 2,048 to 600,000 per operation). Bounds the
 * time a file can hold the step, which must end within action-timeout-s, to seconds.
 */
const MAX_TOTAL_ITERATIONS = 10_000_000;
/** Decodes a PKCS#12 file: its private key, the certificate for that key, and the other certificates. */
function parsePkcs12(der, passphrase, input, passphraseInput = 'private-key-passphrase', limits = {}) {
    const ctx = {
        input,
        passphraseInput,
        macVerified: false,
        bagsLeft: limits.maxBags ?? MAX_BAGS,
        workLeft: limits.maxTotalIterations ?? MAX_TOTAL_ITERATIONS,
        maxWork: limits.maxTotalIterations ?? MAX_TOTAL_ITERATIONS,
    };
    try {
        return readPfx(der, passphrase, ctx);
    }
    catch (err) {
        if (err instanceof errors/* InputError */.dz)
            throw err;
        if (err instanceof UnsupportedAlgorithm)
            throw unsupported(err.algorithm, input);
        if (err instanceof DecryptFailed)
            throw decryptFailed(ctx);
        // DerError, and as a last resort anything else the bytes provoked: the file is not what it should be.
        const detail = err instanceof pki_der/* DerError */.I4 ? `: ${err.message}` : '';
        throw new errors/* InputError */.dz(input, `is not a readable PKCS#12 file${detail}`, 'Check that it holds the whole .p12/.pfx (stored as base64 in a secret, or as a file path), or export it again with: openssl pkcs12 -export');
    }
}
function chargeWork(ctx, iterations) {
    ctx.workLeft -= iterations;
    if (ctx.workLeft < 0) {
        throw new errors/* InputError */.dz(ctx.input, `asks for more key-derivation work than any real export (over ${ctx.maxWork.toLocaleString('en-US')} iterations in total), so it is refused rather than left to run past action-timeout-s`, 'Export it again with ordinary settings: openssl pkcs12 -export (OpenSSL 3 uses 2048 iterations)');
    }
}
function countBag(ctx) {
    if (--ctx.bagsLeft < 0) {
        throw new errors/* InputError */.dz(ctx.input, 'holds more bags (keys, certificates and other entries) than any real export', 'Export a file with just the certificate, its key and its chain: openssl pkcs12 -export -inkey key.pem -in cert.pem -certfile chain.pem');
    }
}
function readPfx(der, passphrase, ctx) {
    const [version, authSafe, macData] = (0,pki_der/* sequence */.K2)((0,pki_der/* parseDer */.zE)(der), 'the PFX');
    if (version?.tag !== pki_der/* TAG */.Dk.INTEGER)
        throw new pki_der/* DerError */.I4('the PFX has no version number');
    const authSafeBytes = dataContent(authSafe, 'the authenticated safe');
    const candidates = pkcs12Passwords(passphrase);
    let password = candidates[0];
    if (macData) {
        chargeWork(ctx, macWork(macData) * candidates.length);
        const match = candidates.find((candidate) => verifyMac(macData, authSafeBytes, candidate));
        if (!match)
            throw wrongPassphrase(ctx, "the file's integrity check (MAC) fails");
        password = match;
        ctx.macVerified = true;
    }
    const bags = { keys: [], certificates: [] };
    const infos = (0,pki_der/* children */.Y_)(expectSequence((0,pki_der/* parseDer */.zE)(authSafeBytes), 'the authenticated safe'));
    // The whole file's declared work is refused up front where it is visible, before any of it runs.
    for (const info of infos) {
        countBag(ctx);
        const [type, content] = (0,pki_der/* sequence */.K2)(info, 'a content info');
        if ((0,pki_der/* oid */.jq)(type, 'a content type') === OID.encryptedData)
            chargeWork(ctx, decryptionWork(encryptionAlgorithm((0,pki_der/* explicit */.pc)(content, 0, 'the encrypted data'))));
    }
    for (const info of infos) {
        const [type, content] = (0,pki_der/* sequence */.K2)(info, 'a content info');
        const typeId = (0,pki_der/* oid */.jq)(type, 'a content type');
        if (typeId === OID.data) {
            readSafeContents((0,pki_der/* octets */.tu)((0,pki_der/* explicit */.pc)(content, 0, 'the data content'), 'the data content'), password, bags, ctx, 0);
        }
        else if (typeId === OID.encryptedData) {
            readSafeContents(decryptEncryptedData((0,pki_der/* explicit */.pc)(content, 0, 'the encrypted data'), password), password, bags, ctx, 0);
        }
        else if (typeId === OID.envelopedData) {
            throw new UnsupportedAlgorithm('public-key encryption (envelopedData)');
        }
    }
    return pickLeaf(bags, ctx);
}
function readSafeContents(der, password, bags, ctx, depth) {
    if (depth > MAX_BAG_DEPTH)
        throw new pki_der/* DerError */.I4('safe contents are nested too deeply');
    const safe = (0,pki_der/* sequence */.K2)((0,pki_der/* parseDer */.zE)(der), 'the safe contents');
    for (const bag of safe) {
        countBag(ctx);
        const [bagId, bagValue] = (0,pki_der/* sequence */.K2)(bag, 'a safe bag');
        if ((0,pki_der/* oid */.jq)(bagId, 'a bag type') === OID.shroudedKeyBag)
            chargeWork(ctx, decryptionWork((0,pki_der/* sequence */.K2)((0,pki_der/* explicit */.pc)(bagValue, 0, 'a bag value'), 'an encrypted private key')[0]));
    }
    for (const bag of safe) {
        const [bagId, bagValue] = (0,pki_der/* sequence */.K2)(bag, 'a safe bag');
        const id = (0,pki_der/* oid */.jq)(bagId, 'a bag type');
        const value = () => (0,pki_der/* explicit */.pc)(bagValue, 0, 'a bag value');
        if (id === OID.keyBag) {
            bags.keys.push(privateKeyFromPkcs8(value().raw, ctx, false));
        }
        else if (id === OID.shroudedKeyBag) {
            const [algorithm, encrypted] = (0,pki_der/* sequence */.K2)(value(), 'an encrypted private key');
            const plain = decrypt(algorithm, (0,pki_der/* octets */.tu)(encrypted, 'an encrypted private key'), password);
            bags.keys.push(privateKeyFromPkcs8(plain, ctx, true));
        }
        else if (id === OID.certBag) {
            const [certType, certValue] = (0,pki_der/* sequence */.K2)(value(), 'a certificate bag');
            // SDSI certificates exist on paper only; skipping them leaves the X.509 ones.
            if ((0,pki_der/* oid */.jq)(certType, 'a certificate type') !== OID.x509Certificate)
                continue;
            bags.certificates.push(certificateFromDer((0,pki_der/* octets */.tu)((0,pki_der/* explicit */.pc)(certValue, 0, 'a certificate'), 'a certificate'), ctx));
        }
        else if (id === OID.safeContentsBag) {
            readSafeContents(value().raw, password, bags, ctx, depth + 1);
        }
        // CRL and secret bags carry nothing this tool needs.
    }
}
function encryptionAlgorithm(node) {
    const [, encryptedContentInfo] = (0,pki_der/* sequence */.K2)(node, 'the encrypted data');
    return (0,pki_der/* sequence */.K2)(encryptedContentInfo, 'the encrypted content info')[1];
}
function decryptEncryptedData(node, password) {
    const [, encryptedContentInfo] = (0,pki_der/* sequence */.K2)(node, 'the encrypted data');
    const [, algorithm, encrypted] = (0,pki_der/* sequence */.K2)(encryptedContentInfo, 'the encrypted content info');
    // encryptedContent is [0] IMPLICIT OCTET STRING: tag 0x80, or 0xa0 when BER splits it into segments.
    return decrypt(algorithm, (0,pki_der/* octets */.tu)(encrypted, 'the encrypted content', 0x80), password);
}
function privateKeyFromPkcs8(der, ctx, wasEncrypted) {
    try {
        return (0,external_node_crypto_.createPrivateKey)({ key: der, format: 'der', type: 'pkcs8' });
    }
    catch {
        // Without a MAC, a wrong password can decrypt to valid padding but garbage: blame the password first.
        if (wasEncrypted && !ctx.macVerified)
            throw wrongPassphrase(ctx, 'its private key does not decrypt');
        throw new errors/* InputError */.dz(ctx.input, 'holds a private key that is not readable (or of a type this tool cannot read)', 'Export it again with: openssl pkcs12 -export -inkey key.pem -in cert.pem');
    }
}
function certificateFromDer(der, ctx) {
    try {
        return new external_node_crypto_.X509Certificate(der);
    }
    catch {
        throw new errors/* InputError */.dz(ctx.input, 'holds a certificate that is not readable', 'Export it again with: openssl pkcs12 -export');
    }
}
function pickLeaf({ keys, certificates }, ctx) {
    const fix = 'Export the certificate together with its key: openssl pkcs12 -export -inkey key.pem -in cert.pem -certfile chain.pem';
    if (keys.length === 0)
        throw new errors/* InputError */.dz(ctx.input, 'holds no private key', fix);
    if (keys.length > 1)
        throw new errors/* InputError */.dz(ctx.input, `holds ${keys.length} private keys`, 'Export a file with only the key you need');
    const key = keys[0];
    const spki = spkiOf(key);
    const leaf = certificates.find((c) => spkiOf(c.publicKey).equals(spki));
    if (!leaf) {
        throw new errors/* InputError */.dz(ctx.input, certificates.length === 0 ? 'holds no certificate' : `holds ${certificates.length} certificate(s), none for its private key`, fix);
    }
    return { certificate: leaf, key, chain: orderChain(leaf, certificates.filter((c) => c !== leaf)) };
}
// Files list certificates in any order; walking issuers from the leaf gives the order the chain check expects.
function orderChain(leaf, others) {
    const remaining = [...others];
    const ordered = [];
    let current = leaf;
    for (;;) {
        const at = remaining.findIndex((c) => current.checkIssued(c) && current.verify(c.publicKey));
        if (at < 0)
            break;
        current = remaining.splice(at, 1)[0];
        ordered.push(current);
    }
    return [...ordered, ...remaining];
}
function dataContent(info, what) {
    const [type, content] = (0,pki_der/* sequence */.K2)(info, what);
    const typeId = (0,pki_der/* oid */.jq)(type, `${what} type`);
    if (typeId !== OID.data)
        throw new UnsupportedAlgorithm(`${what} of type ${typeId} (public-key integrity mode)`);
    return (0,pki_der/* octets */.tu)((0,pki_der/* explicit */.pc)(content, 0, what), what);
}
function expectSequence(node, what) {
    if (node.tag !== pki_der/* TAG */.Dk.SEQUENCE)
        throw new pki_der/* DerError */.I4(`${what} is not a sequence`);
    return node;
}
function spkiOf(key) {
    // createPublicKey accepts a private KeyObject but refuses a public one.
    return (key.type === 'public' ? key : (0,external_node_crypto_.createPublicKey)(key)).export({ type: 'spki', format: 'der' });
}
function wrongPassphrase(ctx, why) {
    return new errors/* InputError */.dz(ctx.passphraseInput, `does not open the PKCS#12 file in '${ctx.input}': ${why}, so the passphrase is most likely wrong`, `Set '${ctx.passphraseInput}' to the password the .p12 was exported with`);
}
function decryptFailed(ctx) {
    if (!ctx.macVerified)
        return wrongPassphrase(ctx, 'its contents do not decrypt');
    return new errors/* InputError */.dz(ctx.input, 'has contents that do not decrypt although the passphrase is right (damaged file?)', 'Export it again with: openssl pkcs12 -export');
}
function unsupported(algorithm, input) {
    const rc2 = /RC2|RC4/i.test(algorithm);
    return new errors/* InputError */.dz(input, `is protected with ${algorithm}, ${rc2 ? "a legacy cipher this runtime's OpenSSL no longer provides" : 'which this tool cannot decrypt'}`, 'Re-export it with AES, the OpenSSL 3 default: openssl pkcs12 -legacy -in old.p12 -out tmp.pem, then openssl pkcs12 -export -in tmp.pem -out new.p12 (and delete tmp.pem)');
}


/***/ })

};
