export const id = 94;
export const ids = [94];
export const modules = {

/***/ 1277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ formatAuthFile),
/* harmony export */   M9: () => (/* binding */ parseAuthFile)
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


/***/ }),

/***/ 6094:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bootstrapCommand: () => (/* binding */ bootstrapCommand)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/config/values.ts
var values = __webpack_require__(3750);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iam/dist-cjs/index.js
var dist_cjs = __webpack_require__(6764);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-iot/dist-cjs/index.js
var client_iot_dist_cjs = __webpack_require__(8907);
;// CONCATENATED MODULE: ./src/bootstrap/policies.ts
/**
 * The policy documents bootstrap writes (trust policies, the IoT policy), the ARNs they name, and how drift is judged.
 * Pure.
 */

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/** Trust policy of the role the IoT credentials provider assumes. */
function iotRoleTrustPolicy() {
    return {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    };
}
/**
 * The IoT policy on the certificate: the role alias only, and only when the request names a thing attached to the
 * certificate. `credentials-iot:ThingName` works in IAM policies only and `iot:Connection.Thing.ThingName` over MQTT
 * only, so the thing binding of the credentials provider is `credentials-iot:Connection.Thing.IsAttached` (the
 * provider also refuses an `x-amzn-iot-thingname` that is not attached to the certificate), and one policy per thing.
 */
function iotPolicyDocument(roleAliasArn) {
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Effect: 'Allow',
                Action: 'iot:AssumeRoleWithCertificate',
                Resource: roleAliasArn,
                Condition: { Bool: { 'credentials-iot:Connection.Thing.IsAttached': 'true' } },
            },
        ],
    };
}
/** The `sub` claim a GitHub job's token carries for the given repository and branch, tag or environment. */
function githubSubject(subject) {
    const { repo, branch, tag, environment } = subject;
    const given = [branch, tag, environment].filter((v) => v !== undefined && v !== '');
    if (given.length > 1)
        throw new errors/* InputError */.dz('branch', 'only one of --branch, --tag and --environment can be given', 'A token carries one of them in its sub claim; make one role per ref or environment');
    if (branch)
        return `repo:${repo}:ref:refs/heads/${branch}`;
    if (tag)
        return `repo:${repo}:ref:refs/tags/${tag}`;
    if (environment)
        return `repo:${repo}:environment:${environment}`;
    return repo === '*' ? 'repo:*' : `repo:${repo}:*`;
}
/** Trust policy of a role for GitHub Actions jobs of one repository; refuses one that would admit any repository. */
function githubTrustPolicy(providerArn, subject, allowAnyRepo) {
    checkRepo(subject.repo, allowAnyRepo);
    const sub = githubSubject(subject);
    const doc = {
        Version: '2012-10-17',
        Statement: [
            {
                Effect: 'Allow',
                Principal: { Federated: providerArn },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                    StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE },
                    [sub.includes('*') ? 'StringLike' : 'StringEquals']: { [`${GITHUB_OIDC_HOST}:sub`]: sub },
                },
            },
        ],
    };
    // Merge the two StringEquals blocks when sub is exact.
    const cond = doc.Statement[0]['Condition'];
    if (!sub.includes('*'))
        cond['StringEquals'] = { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: sub };
    assertTrustIsScoped(doc, allowAnyRepo);
    return doc;
}
function checkRepo(repo, allowAnyRepo) {
    if (allowAnyRepo && repo === '*')
        return;
    const m = /^([^/]+)\/([^/]+)$/.exec(repo);
    if (!m)
        throw new errors/* InputError */.dz('repo', `'${repo}' is not owner/name`, 'Give the repository as --repo my-org/my-repo');
    const [, owner, name] = m;
    if (owner.includes('*') || owner.includes('?')) {
        if (!allowAnyRepo)
            throw new errors/* InputError */.dz('repo', `'${repo}' has a wildcard owner, which lets repositories of every GitHub account assume the role`, 'Name the owner (my-org/my-repo), or pass --i-understand-any-repo if that is really wanted');
        return;
    }
    if (!/^[A-Za-z0-9_.-]+$/.test(owner))
        throw new errors/* InputError */.dz('repo', `owner '${owner}' is not a GitHub account name`, 'Give the repository as --repo my-org/my-repo');
    if (!/^[A-Za-z0-9_.*-]+$/.test(name))
        throw new errors/* InputError */.dz('repo', `name '${name}' is not a repository name`, 'Give the repository as --repo my-org/my-repo');
}
/**
 * Throws unless every web-identity statement of the document limits `sub` to one owner: no `sub` condition, a bare
 * `repo:*`, `*`, or a wildcard in the owner admit every repository on GitHub.
 */
function assertTrustIsScoped(doc, allowAnyRepo) {
    if (allowAnyRepo)
        return;
    for (const st of doc.Statement) {
        const cond = (st['Condition'] ?? {});
        const subs = [];
        for (const block of Object.values(cond)) {
            for (const [key, value] of Object.entries(block)) {
                if (key.toLowerCase() === `${GITHUB_OIDC_HOST}:sub`)
                    subs.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
            }
        }
        if (subs.length === 0)
            throw new errors/* InputError */.dz('repo', 'the trust policy has no sub condition, so every repository on GitHub could assume the role', 'Give --repo owner/name (and --branch, --tag or --environment), or pass --i-understand-any-repo');
        for (const s of subs) {
            const owner = /^repo:([^/:]*)/.exec(s)?.[1];
            if (owner === undefined || owner === '' || /[*?]/.test(owner)) {
                throw new errors/* InputError */.dz('repo', `the trust policy admits '${s}', which matches repositories of every GitHub account`, 'Name the owner and repository (--repo my-org/my-repo), or pass --i-understand-any-repo');
            }
        }
    }
}
function roleAliasArn(partition, region, account, alias) {
    return `arn:${partition}:iot:${region}:${account}:rolealias/${alias}`;
}
function oidcProviderArn(partition, account) {
    return `arn:${partition}:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}`;
}
/** Partition and account of an ARN (`arn:aws:iam::123456789012:role/x` → aws, 123456789012). */
function arnAccount(arn) {
    const parts = arn.split(':');
    return { partition: parts[1] ?? 'aws', account: parts[4] ?? '' };
}
/** Policy documents compared by meaning: key order, and `x` versus `[x]`, do not matter. */
function samePolicy(a, b) {
    return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
function canonical(v) {
    if (Array.isArray(v)) {
        const items = v.map(canonical);
        if (items.length === 1)
            return items[0];
        return items.map((i) => JSON.stringify(i)).sort().map((s) => JSON.parse(s));
    }
    if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
    }
    return v;
}
// ---------------------------------------------------------------------------------------------------------------
// Desired resources and discovered state

;// CONCATENATED MODULE: ./src/bootstrap/plan.ts
/**
 * Bootstrap planning: from what exists (a discovered state) and what is wanted, the ordered steps that get there, and
 * the policy documents those steps write. Pure: no SDK, no files, no clock.
 */


// Re-exported: callers plan and build documents through this module.

/** Stands for the certificate a `create certificate` step mints, in the steps that follow it. */
const NEW_CERTIFICATE = '(new certificate)';
/** The mark bootstrap leaves on what it creates (tag, thing attribute, description); destroy checks it. */
const CREATED_BY_KEY = 'created-by';
const CREATED_BY_VALUE = 'aws-short-lived-credentials';
const THING_TYPE_DESCRIPTION = `${CREATED_BY_KEY} ${CREATED_BY_VALUE} bootstrap`;
const DEFAULT_DURATION_SECONDS = 3600;
/** The resources `bootstrap iot <name>` manages, named after `name`. */
function iotDesired(name, region, options = {}) {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(name)) {
        throw new errors/* InputError */.dz('name', `'${name}' cannot name a thing, role and role alias`, 'Use 1 to 100 letters, digits, - and _ (e.g. bootstrap iot my-repo-runner)');
    }
    const duration = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
        throw new errors/* InputError */.dz('duration-seconds', `${duration} is out of range`, 'Use a whole number of seconds from 900 to 43200');
    }
    return {
        name,
        region,
        roleName: `${name}-role`,
        thingName: name,
        thingTypeName: `${name}-type`,
        policyName: `${name}-policy`,
        roleAliasName: `${name}-role-alias`,
        durationSeconds: duration,
        policyArns: checkPolicyArns(options.policyArns ?? []),
    };
}
function checkPolicyArns(arns) {
    for (const arn of arns) {
        if (!/^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/.+$/.test(arn)) {
            throw new errors/* InputError */.dz('policy-arn', `'${arn}' is not a managed policy ARN`, 'Give arn:aws:iam::<account>:policy/<name> (or arn:aws:iam::aws:policy/<name>); separate several with commas');
        }
    }
    return [...new Set(arns)];
}
// ---------------------------------------------------------------------------------------------------------------
// IoT plans
/** Steps that create or complete what `bootstrap iot <name>` provides; an empty change set is all `exists`. */
function planIot(state, want) {
    const steps = [...planIotBase(state, want)];
    const active = state.certificates.filter((c) => c.status === 'ACTIVE' && c.attachedToThing);
    const local = state.certificates.find((c) => c.id === state.localCertificateId && c.status === 'ACTIVE');
    let certs;
    if (active.length > 0) {
        certs = active;
        for (const c of active)
            steps.push({ action: 'exists', resource: 'certificate', name: c.id, detail: c.id === state.localCertificateId ? 'ACTIVE, its key is in the output directory' : 'ACTIVE (its key is not in the output directory: run bootstrap rotate to mint one there)' });
    }
    else if (local) {
        certs = [local];
        steps.push({ action: 'exists', resource: 'certificate', name: local.id, detail: 'ACTIVE, minted by a run that stopped half-way; reused' });
    }
    else {
        certs = [undefined];
        steps.push({ action: 'create', resource: 'certificate', name: NEW_CERTIFICATE, detail: 'CreateKeysAndCertificate, set active; key written with mode 0600' });
    }
    steps.push(...planAlias(state, want), ...planPolicy(state, want));
    for (const c of certs)
        steps.push(...attachCertificate(c, want));
    return steps;
}
function planIotBase(state, want) {
    const steps = planRole(state.role, want.roleName, iotRoleTrustPolicy(), 'trusts credentials.iot.amazonaws.com', want.policyArns);
    steps.push(state.thingType
        ? { action: 'exists', resource: 'thing-type', name: want.thingTypeName, detail: state.thingType.deprecated ? 'deprecated' : '' }
        : { action: 'create', resource: 'thing-type', name: want.thingTypeName, detail: `tagged ${CREATED_BY_KEY}=${CREATED_BY_VALUE}` }, state.thing
        ? { action: 'exists', resource: 'thing', name: want.thingName, detail: state.thing.owned ? '' : 'not created by bootstrap; reused' }
        : { action: 'create', resource: 'thing', name: want.thingName, detail: `type ${want.thingTypeName}, attribute ${CREATED_BY_KEY}=${CREATED_BY_VALUE}` });
    return steps;
}
/** Role create / drift+update / exists, then its managed-policy attachments. */
function planRole(role, roleName, trust, trustSummary, policyArns) {
    const steps = [];
    if (!role)
        steps.push({ action: 'create', resource: 'iam-role', name: roleName, detail: `${trustSummary}; tagged ${CREATED_BY_KEY}=${CREATED_BY_VALUE}${policyArns.length ? '' : '; no permissions (add --policy-arn)'}` });
    else if (!samePolicy(role.trustPolicy, trust)) {
        steps.push({ action: 'drift', resource: 'iam-role', name: roleName, detail: 'trust policy differs from the one bootstrap writes' }, { action: 'update', resource: 'iam-role', name: roleName, detail: `UpdateAssumeRolePolicy: ${trustSummary}` });
    }
    else
        steps.push({ action: 'exists', resource: 'iam-role', name: roleName, detail: role.owned ? trustSummary : `${trustSummary}; not created by bootstrap, reused` });
    for (const arn of policyArns) {
        steps.push(role?.attachedPolicyArns.includes(arn)
            ? { action: 'exists', resource: 'iam-role-policy', name: arn, target: roleName, detail: 'attached' }
            : { action: 'attach', resource: 'iam-role-policy', name: arn, target: roleName, detail: `to role ${roleName}` });
    }
    return steps;
}
function planAlias(state, want) {
    const alias = state.roleAlias;
    if (!alias)
        return [{ action: 'create', resource: 'role-alias', name: want.roleAliasName, detail: `for role ${want.roleName}, ${want.durationSeconds} s` }];
    const wrongRole = state.role !== undefined && alias.roleArn !== state.role.arn;
    if (wrongRole || alias.durationSeconds !== want.durationSeconds) {
        return [{ action: 'update', resource: 'role-alias', name: want.roleAliasName, detail: `${wrongRole ? `role ${alias.roleArn} -> ${want.roleName}` : ''}${wrongRole && alias.durationSeconds !== want.durationSeconds ? ', ' : ''}${alias.durationSeconds !== want.durationSeconds ? `duration ${alias.durationSeconds} -> ${want.durationSeconds} s` : ''}` }];
    }
    return [{ action: 'exists', resource: 'role-alias', name: want.roleAliasName, detail: `${alias.durationSeconds} s` }];
}
/** The role alias ARN the policy must name: the alias's own, else built from the policy's account. */
function expectedAliasArn(state, want) {
    if (state.roleAlias)
        return state.roleAlias.arn;
    const from = state.policy?.arn ?? state.role?.arn;
    if (!from)
        return undefined;
    const { partition, account } = arnAccount(from);
    return roleAliasArn(partition, want.region, account, want.roleAliasName);
}
function planPolicy(state, want) {
    if (!state.policy)
        return [{ action: 'create', resource: 'iot-policy', name: want.policyName, detail: `iot:AssumeRoleWithCertificate on role alias ${want.roleAliasName}, thing attached` }];
    const aliasArn = expectedAliasArn(state, want);
    if (aliasArn && !samePolicy(state.policy.document, iotPolicyDocument(aliasArn))) {
        return [
            { action: 'drift', resource: 'iot-policy', name: want.policyName, detail: 'document differs from the one bootstrap writes' },
            { action: 'update', resource: 'iot-policy', name: want.policyName, detail: 'new default policy version (CreatePolicyVersion --set-as-default)' },
        ];
    }
    return [{ action: 'exists', resource: 'iot-policy', name: want.policyName, detail: '' }];
}
function attachCertificate(c, want) {
    const id = c?.id ?? NEW_CERTIFICATE;
    return [
        c?.policies.includes(want.policyName)
            ? { action: 'exists', resource: 'iot-policy-attachment', name: want.policyName, target: id, detail: 'attached' }
            : { action: 'attach', resource: 'iot-policy-attachment', name: want.policyName, target: id, detail: 'policy to certificate' },
        c?.attachedToThing
            ? { action: 'exists', resource: 'thing-principal', name: id, target: want.thingName, detail: 'attached' }
            : { action: 'attach', resource: 'thing-principal', name: id, target: want.thingName, detail: 'certificate to thing' },
    ];
}
function requireBase(state, want, command) {
    if (!state.thing || !state.policy || !state.roleAlias) {
        throw new errors/* InputError */.dz('name', `'${want.name}' has no complete bootstrap (${[!state.thing && 'thing', !state.policy && 'IoT policy', !state.roleAlias && 'role alias'].filter(Boolean).join(', ')} missing) for ${command}`, `Run 'bootstrap iot ${want.name}' first`);
    }
}
/**
 * Rotation: a new certificate attached beside the old ones, then the old ones deactivated and detached. A rotation
 * that stopped half-way is completed rather than started again (the certificate on disk is the new one).
 */
function planRotate(state, want) {
    requireBase(state, want, 'rotate');
    const local = state.certificates.find((c) => c.id === state.localCertificateId && c.status === 'ACTIVE');
    const others = state.certificates.filter((c) => c.id !== local?.id && c.attachedToThing);
    const steps = [];
    let fresh;
    let old;
    const localComplete = local && local.attachedToThing && local.policies.includes(want.policyName);
    if (local && (!localComplete || others.length > 0)) {
        fresh = local;
        old = others;
        steps.push({ action: 'exists', resource: 'certificate', name: local.id, detail: 'the new certificate of a rotation that stopped half-way; reused' });
    }
    else {
        old = state.certificates.filter((c) => c.attachedToThing);
        steps.push({ action: 'create', resource: 'certificate', name: NEW_CERTIFICATE, detail: 'CreateKeysAndCertificate, set active; files switched to it' });
    }
    steps.push(...attachCertificate(fresh, want));
    for (const c of old)
        steps.push(...retire(c, want, 'INACTIVE'));
    return steps;
}
/** Revocation: each certificate of the thing (or the one named) set REVOKED and detached from policy and thing. */
function planRevoke(state, want, certificateId) {
    const targets = certificateId ? state.certificates.filter((c) => c.id === certificateId) : state.certificates.filter((c) => c.attachedToThing || c.id === state.localCertificateId);
    if (certificateId && targets.length === 0)
        throw new errors/* InputError */.dz('certificate-id', `certificate ${certificateId} is not one of ${want.name}'s`, `List them with: aws iot list-thing-principals --thing-name ${want.thingName}`);
    if (targets.length === 0)
        return [{ action: 'exists', resource: 'certificate', name: '-', detail: `${want.thingName} has no certificate; nothing to revoke` }];
    return targets.flatMap((c) => retire(c, want, 'REVOKED'));
}
function retire(c, want, status) {
    const steps = [];
    if (c.status === 'ACTIVE' || (status === 'REVOKED' && c.status !== 'REVOKED'))
        steps.push({ action: 'deactivate', resource: 'certificate', name: c.id, status, detail: `set ${status}` });
    for (const p of c.policies)
        steps.push({ action: 'detach', resource: 'iot-policy-attachment', name: p, target: c.id, detail: 'policy from certificate' });
    if (c.attachedToThing)
        steps.push({ action: 'detach', resource: 'thing-principal', name: c.id, target: want.thingName, detail: 'certificate from thing' });
    return steps;
}
/** Removal, in reverse order of creation, of what bootstrap created; anything else is named and kept. */
function planDestroy(state, want) {
    const steps = [];
    const kept = (resource, name, why) => ({ action: 'exists', resource, name, detail: `kept: ${why}` });
    const thingOwned = state.thing?.owned === true;
    const aliasArn = expectedAliasArn(state, want);
    const policyOwned = state.policy !== undefined && aliasArn !== undefined && samePolicy(state.policy.document, iotPolicyDocument(aliasArn));
    for (const c of state.certificates) {
        if (c.attachedToThing && !thingOwned && c.id !== state.localCertificateId) {
            // Not minted here: kept, but freed of bootstrap's policy so that the policy can go.
            if (policyOwned && c.policies.includes(want.policyName))
                steps.push({ action: 'detach', resource: 'iot-policy-attachment', name: want.policyName, target: c.id, detail: 'policy from certificate' });
            steps.push(kept('certificate', c.id, 'attached to a thing bootstrap did not create'));
            continue;
        }
        const foreign = c.policies.filter((p) => p !== want.policyName);
        steps.push(...retire({ ...c, policies: c.policies.filter((p) => p === want.policyName) }, want, 'INACTIVE'));
        if (foreign.length)
            steps.push(kept('certificate', c.id, `other policies attached (${foreign.join(', ')})`));
        else
            steps.push({ action: 'delete', resource: 'certificate', name: c.id, detail: '' });
    }
    if (state.policy) {
        steps.push(policyOwned
            ? { action: 'delete', resource: 'iot-policy', name: want.policyName, detail: 'with its other versions' }
            : kept('iot-policy', want.policyName, 'its document is not the one bootstrap writes'));
    }
    if (state.roleAlias) {
        steps.push(state.role?.owned && state.roleAlias.roleArn === state.role.arn
            ? { action: 'delete', resource: 'role-alias', name: want.roleAliasName, detail: '' }
            : kept('role-alias', want.roleAliasName, 'it does not point at a role bootstrap created'));
    }
    if (state.thing)
        steps.push(thingOwned ? { action: 'delete', resource: 'thing', name: want.thingName, detail: '' } : kept('thing', want.thingName, `no ${CREATED_BY_KEY} attribute`));
    steps.push(...destroyRole(state.role, want.roleName));
    // Last: AWS IoT deletes a thing type only 5 minutes after deprecating it, so this step may need a second run.
    if (state.thingType)
        steps.push(state.thingType.owned ? { action: 'delete', resource: 'thing-type', name: want.thingTypeName, detail: 'deprecated first' } : kept('thing-type', want.thingTypeName, 'not described as created by bootstrap'));
    return steps;
}
function destroyRole(role, roleName) {
    if (!role)
        return [];
    if (!role.owned)
        return [{ action: 'exists', resource: 'iam-role', name: roleName, detail: `kept: no ${CREATED_BY_KEY} tag` }];
    return [
        ...role.attachedPolicyArns.map((arn) => ({ action: 'detach', resource: 'iam-role-policy', name: arn, target: roleName, detail: `from role ${roleName}` })),
        { action: 'delete', resource: 'iam-role', name: roleName, detail: '' },
    ];
}
function oidcDesired(subject, options = {}) {
    const allowAnyRepo = options.allowAnyRepo ?? false;
    // Validates the repository and refuses an any-repository trust before anything else happens.
    githubTrustPolicy(oidcProviderArn('aws', '000000000000'), subject, allowAnyRepo);
    const roleName = options.roleName || `github-${subject.repo.replace(/[^A-Za-z0-9+=,.@_-]+/g, '-')}`.slice(0, 64);
    if (!/^[A-Za-z0-9+=,.@_-]{1,64}$/.test(roleName))
        throw new errors/* InputError */.dz('role-name', `'${roleName}' is not an IAM role name`, 'Use 1 to 64 letters, digits and +=,.@_-');
    return { subject, roleName, policyArns: checkPolicyArns(options.policyArns ?? []), allowAnyRepo };
}
function planOidc(state, want) {
    const steps = [];
    if (!state.provider)
        steps.push({ action: 'create', resource: 'oidc-provider', name: GITHUB_OIDC_HOST, detail: `audience ${GITHUB_OIDC_AUDIENCE}` });
    else if (!state.provider.clientIds.includes(GITHUB_OIDC_AUDIENCE))
        steps.push({ action: 'update', resource: 'oidc-provider', name: GITHUB_OIDC_HOST, detail: `add audience ${GITHUB_OIDC_AUDIENCE}` });
    else
        steps.push({ action: 'exists', resource: 'oidc-provider', name: GITHUB_OIDC_HOST, detail: '' });
    const from = state.provider?.arn ?? state.role?.arn;
    const { partition, account } = from ? arnAccount(from) : { partition: 'aws', account: '' };
    const trust = state.provider?.arn ?? (account ? oidcProviderArn(partition, account) : undefined);
    // Without a provider ARN nothing exists yet: the role is created after the provider, so there is nothing to compare.
    const expected = trust ? githubTrustPolicy(trust, want.subject, want.allowAnyRepo) : null;
    steps.push(...planRole(state.role, want.roleName, expected, `trusts ${githubSubject(want.subject)} (aud ${GITHUB_OIDC_AUDIENCE})`, want.policyArns));
    return steps;
}
/** Lines a person reads: one per step, aligned. */
function formatPlan(steps) {
    return steps
        .map((s) => {
        const label = s.action === 'update' ? 'change' : s.action;
        const name = s.target ? `${s.name} -> ${s.target}` : s.name;
        return `  ${label.padEnd(10)} ${s.resource.padEnd(21)} ${name}${s.detail ? `  (${s.detail})` : ''}`;
    })
        .join('\n');
}
/** True when applying the plan would call nothing that writes. */
function isNoop(steps) {
    return steps.every((s) => s.action === 'exists');
}

;// CONCATENATED MODULE: ./src/bootstrap/discover.ts
/** Reads what exists in the account, through the SDK, into the state the planner takes. Reads only; NotFound is "absent". */




/** Clients on the standard credential chain; `AWS_ENDPOINT_URL(_IAM/_IOT)` and `AWS_MAX_ATTEMPTS` apply as in every SDK. */
function createClients(region, maxAttempts) {
    const common = maxAttempts ? { region, maxAttempts } : { region };
    return { iam: new dist_cjs/* IAMClient */.h8v(common), iot: new client_iot_dist_cjs/* IoTClient */.CgZ(common) };
}
function isNotFound(err) {
    const e = err;
    return ['NoSuchEntity', 'NoSuchEntityException', 'ResourceNotFoundException', 'NotFoundException'].includes(e?.name ?? e?.Code ?? '');
}
/** An SDK error as an AwsError naming the call; no request data enters it. */
function sdkError(call, err, hint) {
    const e = err;
    const code = e?.Code ?? e?.name ?? 'Error';
    const status = e?.$metadata?.httpStatusCode;
    const message = (e?.message ?? '').replace(/\s+/g, ' ').trim().replace(/\.+$/, '').slice(0, 300);
    return new errors/* AwsError */.Gy(call, status && !message.includes(String(status)) ? `${code} (HTTP ${status})` : code, message === code ? '' : message, hint, false);
}
async function read(call, run) {
    try {
        return await run();
    }
    catch (err) {
        if (isNotFound(err))
            return undefined;
        throw sdkError(call, err, 'Reading the current state failed; check the credentials, region and permissions, then re-run');
    }
}
/** A policy document as IAM returns it (URL-encoded JSON) or as given. */
function parseDocument(raw) {
    if (!raw)
        return undefined;
    try {
        return JSON.parse(raw);
    }
    catch {
        try {
            return JSON.parse(decodeURIComponent(raw));
        }
        catch {
            return raw;
        }
    }
}
async function discoverRole(iam, roleName) {
    const got = await read('iam:GetRole', () => iam.send(new dist_cjs/* GetRoleCommand */.kbp({ RoleName: roleName })));
    const role = got?.Role;
    if (!role?.Arn)
        return undefined;
    const tags = role.Tags ?? (await read('iam:ListRoleTags', () => iam.send(new dist_cjs/* ListRoleTagsCommand */.DP4({ RoleName: roleName }))))?.Tags ?? [];
    const attached = [];
    let marker;
    do {
        const page = await read('iam:ListAttachedRolePolicies', () => iam.send(new dist_cjs/* ListAttachedRolePoliciesCommand */.wfM({ RoleName: roleName, Marker: marker })));
        for (const p of page?.AttachedPolicies ?? [])
            if (p.PolicyArn)
                attached.push(p.PolicyArn);
        marker = page?.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return {
        arn: role.Arn,
        trustPolicy: parseDocument(role.AssumeRolePolicyDocument),
        owned: tags.some((t) => t.Key === CREATED_BY_KEY && t.Value === CREATED_BY_VALUE),
        attachedPolicyArns: attached,
    };
}
/**
 * What exists of `bootstrap iot <name>`. `localCertificateId` is the certificate whose files are on disk;
 * `retiredCertificateIds` those bootstrap detached earlier (IoT certificates carry no tags to find them by).
 */
async function discoverIot(clients, want, localCertificateId, retiredCertificateIds = []) {
    const { iot } = clients;
    const state = { certificates: [] };
    const role = await discoverRole(clients.iam, want.roleName);
    if (role)
        state.role = role;
    const type = await read('iot:DescribeThingType', () => iot.send(new client_iot_dist_cjs/* DescribeThingTypeCommand */.Tdq({ thingTypeName: want.thingTypeName })));
    if (type) {
        state.thingType = {
            owned: type.thingTypeProperties?.thingTypeDescription === THING_TYPE_DESCRIPTION,
            deprecated: type.thingTypeMetadata?.deprecated === true,
        };
    }
    const thing = await read('iot:DescribeThing', () => iot.send(new client_iot_dist_cjs/* DescribeThingCommand */.jnU({ thingName: want.thingName })));
    const attachedIds = new Set();
    if (thing) {
        state.thing = { owned: thing.attributes?.[CREATED_BY_KEY] === CREATED_BY_VALUE };
        let nextToken;
        do {
            const page = await read('iot:ListThingPrincipals', () => iot.send(new client_iot_dist_cjs/* ListThingPrincipalsCommand */.jDT({ thingName: want.thingName, nextToken })));
            for (const p of page?.principals ?? []) {
                const id = /:cert\/([0-9a-f]+)$/.exec(p)?.[1];
                if (id)
                    attachedIds.add(id);
            }
            nextToken = page?.nextToken;
        } while (nextToken);
    }
    const ids = [...new Set([...attachedIds, ...(localCertificateId ? [localCertificateId] : []), ...retiredCertificateIds])];
    for (const id of ids) {
        const cert = await discoverCertificate(iot, id, attachedIds.has(id));
        if (cert)
            state.certificates.push(cert);
    }
    if (localCertificateId)
        state.localCertificateId = localCertificateId;
    const policy = await read('iot:GetPolicy', () => iot.send(new client_iot_dist_cjs/* GetPolicyCommand */.s4W({ policyName: want.policyName })));
    if (policy?.policyArn)
        state.policy = { arn: policy.policyArn, document: parseDocument(policy.policyDocument) };
    const alias = (await read('iot:DescribeRoleAlias', () => iot.send(new client_iot_dist_cjs/* DescribeRoleAliasCommand */.VmY({ roleAlias: want.roleAliasName }))))?.roleAliasDescription;
    if (alias?.roleAliasArn)
        state.roleAlias = { arn: alias.roleAliasArn, roleArn: alias.roleArn ?? '', durationSeconds: alias.credentialDurationSeconds ?? 3600 };
    return state;
}
async function discoverCertificate(iot, id, attachedToThing) {
    const desc = (await read('iot:DescribeCertificate', () => iot.send(new client_iot_dist_cjs/* DescribeCertificateCommand */.iIX({ certificateId: id }))))?.certificateDescription;
    if (!desc?.certificateArn)
        return undefined;
    const policies = [];
    let marker;
    do {
        const page = await read('iot:ListAttachedPolicies', () => iot.send(new client_iot_dist_cjs/* ListAttachedPoliciesCommand */.Qfo({ target: desc.certificateArn, marker })));
        for (const p of page?.policies ?? [])
            if (p.policyName)
                policies.push(p.policyName);
        marker = page?.nextMarker;
    } while (marker);
    return { id, arn: desc.certificateArn, status: desc.status ?? 'UNKNOWN', attachedToThing, policies };
}
/** What exists of `bootstrap oidc`: the account's GitHub provider and the role. */
async function discoverOidc(clients, want) {
    const { iam } = clients;
    const state = {};
    const list = await read('iam:ListOpenIDConnectProviders', () => iam.send(new dist_cjs/* ListOpenIDConnectProvidersCommand */.vfi({})));
    const arn = list?.OpenIDConnectProviderList?.map((p) => p.Arn ?? '').find((a) => a.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`));
    if (arn) {
        const got = await read('iam:GetOpenIDConnectProvider', () => iam.send(new dist_cjs/* GetOpenIDConnectProviderCommand */.cCT({ OpenIDConnectProviderArn: arn })));
        if (got)
            state.provider = { arn, clientIds: got.ClientIDList ?? [] };
    }
    const role = await discoverRole(iam, want.roleName);
    if (role)
        state.role = role;
    return state;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/cli/auth-file.ts
var auth_file = __webpack_require__(1277);
;// CONCATENATED MODULE: ./src/bootstrap/apply.ts
/**
 * Carries out a plan, one step at a time. Every step is idempotent (an "already exists" or "not found" where that is
 * the goal counts as done), so re-running after a failure completes the work. A failed step's error names the step.
 */





function resolvedFromIot(state) {
    const r = { certificates: new Map(state.certificates.map((c) => [c.id, c.arn])) };
    if (state.role)
        r.roleArn = state.role.arn;
    if (state.roleAlias)
        r.roleAliasArn = state.roleAlias.arn;
    return r;
}
function resolvedFromOidc(state) {
    const r = { certificates: new Map() };
    if (state.role)
        r.roleArn = state.role.arn;
    if (state.provider)
        r.providerArn = state.provider.arn;
    return r;
}
const CREATED_BY_TAGS_IAM = [{ Key: CREATED_BY_KEY, Value: CREATED_BY_VALUE }];
const CREATED_BY_TAGS_IOT = [{ Key: CREATED_BY_KEY, Value: CREATED_BY_VALUE }];
/** Executes the steps in order; stops at the first failure with an error naming that step. */
async function apply(steps, ctx) {
    for (const [i, step] of steps.entries()) {
        if (step.action === 'exists' || step.action === 'drift')
            continue;
        try {
            await execute(step, ctx);
        }
        catch (err) {
            const label = `bootstrap step ${i + 1}/${steps.length} (${step.action} ${step.resource} ${step.name}${step.target ? ` -> ${step.target}` : ''})`;
            const done = 'The steps before it are done; fix the cause and re-run the same command: what exists is found and reused';
            if (err instanceof errors/* AwsError */.Gy)
                throw new errors/* AwsError */.Gy(`${label}: ${err.call}`, err.code, err.serviceMessage, [err.hint, done].filter(Boolean).join('. '), false);
            throw sdkError(label, err, done);
        }
        ctx.log?.(`  done       ${step.resource.padEnd(21)} ${step.action} ${step.name}${step.target ? ` -> ${step.target}` : ''}`);
    }
}
/** Runs one SDK call, turning its error into an AwsError naming the call; `ok` lists error names that mean "done". */
async function call(name, run, ok = () => false) {
    try {
        return await run();
    }
    catch (err) {
        if (ok(err))
            return undefined;
        throw sdkError(name, err, '');
    }
}
const named = (...names) => (err) => names.includes(err?.name ?? '');
const alreadyExists = named('EntityAlreadyExists', 'EntityAlreadyExistsException', 'ResourceAlreadyExistsException');
function iotWant(ctx) {
    if (!('iot' in ctx.desired))
        throw new Error('an IoT step in a plan without IoT resources');
    return ctx.desired.iot;
}
function need(value, what) {
    if (!value)
        throw new errors/* AwsError */.Gy('bootstrap', 'MissingDependency', `${what} is not known yet`, 'A step before this one should have created it; re-run the command', false);
    return value;
}
function certificateArn(ctx, id) {
    const real = id === NEW_CERTIFICATE ? ctx.resolved.newCertificateId : id;
    return need(real ? ctx.resolved.certificates.get(real) : undefined, `the ARN of certificate ${id}`);
}
function certificateId(ctx, id) {
    return id === NEW_CERTIFICATE ? need(ctx.resolved.newCertificateId, 'the new certificate') : id;
}
function trustPolicy(ctx) {
    if ('iot' in ctx.desired)
        return JSON.stringify(iotRoleTrustPolicy());
    const want = ctx.desired.oidc;
    return JSON.stringify(githubTrustPolicy(need(ctx.resolved.providerArn, 'the OIDC provider ARN'), want.subject, want.allowAnyRepo));
}
async function execute(step, ctx) {
    const { iam, iot } = ctx.clients;
    const key = `${step.action} ${step.resource}`;
    switch (key) {
        case 'create iam-role': {
            const created = await call('iam:CreateRole', () => iam.send(new dist_cjs/* CreateRoleCommand */.IS({
                RoleName: step.name,
                AssumeRolePolicyDocument: trustPolicy(ctx),
                Description: `Created by aws-short-lived-credentials bootstrap`,
                Tags: CREATED_BY_TAGS_IAM,
            })), alreadyExists);
            ctx.resolved.roleArn = created?.Role?.Arn ?? (await call('iam:GetRole', () => iam.send(new dist_cjs/* GetRoleCommand */.kbp({ RoleName: step.name }))))?.Role?.Arn;
            return;
        }
        case 'update iam-role':
            await call('iam:UpdateAssumeRolePolicy', () => iam.send(new dist_cjs/* UpdateAssumeRolePolicyCommand */.tuH({ RoleName: step.name, PolicyDocument: trustPolicy(ctx) })));
            return;
        case 'delete iam-role':
            await call('iam:DeleteRole', () => iam.send(new dist_cjs/* DeleteRoleCommand */.$kI({ RoleName: step.name })), isNotFound);
            return;
        case 'attach iam-role-policy':
            await call('iam:AttachRolePolicy', () => iam.send(new dist_cjs/* AttachRolePolicyCommand */.XgU({ RoleName: need(step.target, 'the role'), PolicyArn: step.name })));
            return;
        case 'detach iam-role-policy':
            await call('iam:DetachRolePolicy', () => iam.send(new dist_cjs/* DetachRolePolicyCommand */.BA7({ RoleName: need(step.target, 'the role'), PolicyArn: step.name })), isNotFound);
            return;
        case 'create oidc-provider': {
            const created = await call('iam:CreateOpenIDConnectProvider', () => iam.send(new dist_cjs/* CreateOpenIDConnectProviderCommand */.QJe({
                Url: `https://${GITHUB_OIDC_HOST}`,
                ClientIDList: [GITHUB_OIDC_AUDIENCE],
                // IAM no longer checks thumbprints for this issuer, but older API versions require one; these are GitHub's.
                ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'],
                Tags: CREATED_BY_TAGS_IAM,
            })));
            ctx.resolved.providerArn = need(created?.OpenIDConnectProviderArn, 'the OIDC provider ARN');
            return;
        }
        case 'update oidc-provider':
            await call('iam:AddClientIDToOpenIDConnectProvider', () => iam.send(new dist_cjs/* AddClientIDToOpenIDConnectProviderCommand */.gST({ OpenIDConnectProviderArn: need(ctx.resolved.providerArn, 'the OIDC provider ARN'), ClientID: GITHUB_OIDC_AUDIENCE })));
            return;
        case 'create thing-type':
            await call('iot:CreateThingType', () => iot.send(new client_iot_dist_cjs/* CreateThingTypeCommand */.M9I({ thingTypeName: step.name, thingTypeProperties: { thingTypeDescription: THING_TYPE_DESCRIPTION }, tags: CREATED_BY_TAGS_IOT })), alreadyExists);
            return;
        case 'delete thing-type':
            await call('iot:DeprecateThingType', () => iot.send(new client_iot_dist_cjs/* DeprecateThingTypeCommand */.nti({ thingTypeName: step.name })), isNotFound);
            await deleteThingType(ctx, step.name);
            return;
        case 'create thing':
            await call('iot:CreateThing', () => iot.send(new client_iot_dist_cjs/* CreateThingCommand */.E1H({ thingName: step.name, thingTypeName: iotWant(ctx).thingTypeName, attributePayload: { attributes: { [CREATED_BY_KEY]: CREATED_BY_VALUE } } })), alreadyExists);
            return;
        case 'delete thing':
            await call('iot:DeleteThing', () => iot.send(new client_iot_dist_cjs/* DeleteThingCommand */.xFK({ thingName: step.name })), isNotFound);
            return;
        case 'create certificate': {
            const out = await call('iot:CreateKeysAndCertificate', () => iot.send(new client_iot_dist_cjs/* CreateKeysAndCertificateCommand */._HI({ setAsActive: true })));
            const cert = {
                id: need(out?.certificateId, 'the new certificate id'),
                arn: need(out?.certificateArn, 'the new certificate ARN'),
                certificatePem: need(out?.certificatePem, 'the new certificate'),
                privateKey: need(out?.keyPair?.PrivateKey, 'the new private key'),
                publicKey: out?.keyPair?.PublicKey ?? '',
            };
            ctx.resolved.certificates.set(cert.id, cert.arn);
            ctx.resolved.newCertificateId = cert.id;
            ctx.onCertificate?.(cert);
            return;
        }
        case 'deactivate certificate':
            await call('iot:UpdateCertificate', () => iot.send(new client_iot_dist_cjs/* UpdateCertificateCommand */.Csq({ certificateId: certificateId(ctx, step.name), newStatus: step.status ?? 'INACTIVE' })));
            return;
        case 'delete certificate':
            await deleteCertificate(ctx, certificateId(ctx, step.name));
            return;
        case 'create role-alias': {
            const want = iotWant(ctx);
            const created = await call('iot:CreateRoleAlias', () => iot.send(new client_iot_dist_cjs/* CreateRoleAliasCommand */.k5W({ roleAlias: step.name, roleArn: need(ctx.resolved.roleArn, 'the role ARN'), credentialDurationSeconds: want.durationSeconds, tags: CREATED_BY_TAGS_IOT })), alreadyExists);
            ctx.resolved.roleAliasArn = created?.roleAliasArn ?? (await call('iot:DescribeRoleAlias', () => iot.send(new client_iot_dist_cjs/* DescribeRoleAliasCommand */.VmY({ roleAlias: step.name }))))?.roleAliasDescription?.roleAliasArn;
            return;
        }
        case 'update role-alias':
            await call('iot:UpdateRoleAlias', () => iot.send(new client_iot_dist_cjs/* UpdateRoleAliasCommand */.Zy0({ roleAlias: step.name, roleArn: need(ctx.resolved.roleArn, 'the role ARN'), credentialDurationSeconds: iotWant(ctx).durationSeconds })));
            return;
        case 'delete role-alias':
            await call('iot:DeleteRoleAlias', () => iot.send(new client_iot_dist_cjs/* DeleteRoleAliasCommand */.hLp({ roleAlias: step.name })), isNotFound);
            return;
        case 'create iot-policy': {
            const doc = JSON.stringify(iotPolicyDocument(need(ctx.resolved.roleAliasArn, 'the role alias ARN')));
            await call('iot:CreatePolicy', () => iot.send(new client_iot_dist_cjs/* CreatePolicyCommand */.Mrm({ policyName: step.name, policyDocument: doc, tags: CREATED_BY_TAGS_IOT })), alreadyExists);
            return;
        }
        case 'update iot-policy': {
            const doc = JSON.stringify(iotPolicyDocument(need(ctx.resolved.roleAliasArn, 'the role alias ARN')));
            // A policy keeps at most five versions: make room by dropping the oldest one that is not the default.
            const versions = (await call('iot:ListPolicyVersions', () => iot.send(new client_iot_dist_cjs/* ListPolicyVersionsCommand */.D6R({ policyName: step.name }))))?.policyVersions ?? [];
            if (versions.length >= 5) {
                const oldest = versions.filter((v) => !v.isDefaultVersion).sort((a, b) => Number(a.versionId) - Number(b.versionId))[0];
                if (oldest?.versionId)
                    await call('iot:DeletePolicyVersion', () => iot.send(new client_iot_dist_cjs/* DeletePolicyVersionCommand */.$Pb({ policyName: step.name, policyVersionId: oldest.versionId })), isNotFound);
            }
            await call('iot:CreatePolicyVersion', () => iot.send(new client_iot_dist_cjs/* CreatePolicyVersionCommand */.WZZ({ policyName: step.name, policyDocument: doc, setAsDefault: true })));
            return;
        }
        case 'delete iot-policy': {
            const versions = (await call('iot:ListPolicyVersions', () => iot.send(new client_iot_dist_cjs/* ListPolicyVersionsCommand */.D6R({ policyName: step.name })), isNotFound))?.policyVersions ?? [];
            for (const v of versions.filter((x) => !x.isDefaultVersion)) {
                await call('iot:DeletePolicyVersion', () => iot.send(new client_iot_dist_cjs/* DeletePolicyVersionCommand */.$Pb({ policyName: step.name, policyVersionId: v.versionId })), isNotFound);
            }
            await call('iot:DeletePolicy', () => iot.send(new client_iot_dist_cjs/* DeletePolicyCommand */.Z6J({ policyName: step.name })), isNotFound);
            return;
        }
        case 'attach iot-policy-attachment':
            await call('iot:AttachPolicy', () => iot.send(new client_iot_dist_cjs/* AttachPolicyCommand */.FL3({ policyName: step.name, target: certificateArn(ctx, need(step.target, 'the certificate')) })));
            return;
        case 'detach iot-policy-attachment':
            await call('iot:DetachPolicy', () => iot.send(new client_iot_dist_cjs/* DetachPolicyCommand */.$dF({ policyName: step.name, target: certificateArn(ctx, need(step.target, 'the certificate')) })), isNotFound);
            return;
        case 'attach thing-principal':
            await call('iot:AttachThingPrincipal', () => iot.send(new client_iot_dist_cjs/* AttachThingPrincipalCommand */.dj0({ thingName: need(step.target, 'the thing'), principal: certificateArn(ctx, step.name) })));
            return;
        case 'detach thing-principal':
            await call('iot:DetachThingPrincipal', () => iot.send(new client_iot_dist_cjs/* DetachThingPrincipalCommand */.Txh({ thingName: need(step.target, 'the thing'), principal: certificateArn(ctx, step.name) })), isNotFound);
            return;
        default:
            throw new errors/* AwsError */.Gy('bootstrap', 'UnknownStep', `no way to '${key}'`, 'This is a bug in bootstrap; please report it', false);
    }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Detaching is eventually consistent: a delete right after it can still see the attachment, so it is tried again. */
async function deleteCertificate(ctx, id) {
    const wait = ctx.sleep ?? sleep;
    for (let attempt = 1;; attempt++) {
        try {
            await ctx.clients.iot.send(new client_iot_dist_cjs/* DeleteCertificateCommand */.Uub({ certificateId: id }));
            return;
        }
        catch (err) {
            if (isNotFound(err))
                return;
            if (named('DeleteConflictException')(err) && attempt < 6) {
                await wait(2000);
                continue;
            }
            throw sdkError('iot:DeleteCertificate', err, '');
        }
    }
}
/** A thing type can be deleted only five minutes after it was deprecated. */
async function deleteThingType(ctx, name) {
    try {
        await ctx.clients.iot.send(new client_iot_dist_cjs/* DeleteThingTypeCommand */.FdB({ thingTypeName: name }));
    }
    catch (err) {
        if (isNotFound(err))
            return;
        const hint = named('InvalidRequestException')(err) ? 'AWS IoT deletes a thing type only 5 minutes after it was deprecated (bootstrap just did that); re-run destroy after that' : '';
        throw sdkError('iot:DeleteThingType', err, hint);
    }
}

;// CONCATENATED MODULE: ./src/bootstrap/iot.ts
/**
 * `bootstrap iot <name>` and its lifecycle (rotate, revoke, destroy): discover, plan, apply, then the files under
 * `<out>/<name>/` (certificate, private key with mode 0600, public key, certificate id, auth.yaml).
 */







const FILES = { certificate: 'certificate.pem', privateKey: 'private.key', publicKey: 'public.key', certificateId: 'certificate.id', retired: 'retired-certificate.ids', auth: 'auth.yaml' };
/** Secrets a workflow needs, by name, and the file each one's value is in. */
const IOT_SECRETS = [
    { name: 'IOT_CERTIFICATE', file: FILES.certificate },
    { name: 'IOT_PRIVATE_KEY', file: FILES.privateKey },
];
const bootstrapIot = (options) => run('ensure', options);
const rotate = (options) => run('rotate', options);
const revoke = (options) => run('revoke', options);
const destroy = (options) => run('destroy', options);
async function run(kind, options) {
    const desired = iotDesired(options.name, options.region, {
        ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
        ...(options.policyArns ? { policyArns: options.policyArns } : {}),
    });
    const dir = (0,external_node_path_.join)(options.out ?? 'output', options.name);
    const clients = options.clients ?? createClients(options.region);
    const localId = readLocalCertificateId(dir);
    // Certificates a rotation or revocation detached are found again through this list, so destroy can delete them.
    const retired = readRetiredIds(dir);
    const state = await discoverIot(clients, desired, localId, retired);
    const steps = kind === 'ensure' ? planIot(state, desired)
        : kind === 'rotate' ? planRotate(state, desired)
            : kind === 'revoke' ? planRevoke(state, desired, options.certificateId)
                : planDestroy(state, desired);
    const result = { steps, applied: false, dir, notes: [], desired };
    if (options.dryRun)
        return result;
    const retiring = steps.filter((s) => s.action === 'deactivate' && s.resource === 'certificate').map((s) => s.name);
    if (kind !== 'destroy' && retiring.length)
        writeRetiredIds(dir, [...retired, ...retiring]);
    await apply(steps, {
        clients,
        desired: { iot: desired },
        resolved: resolvedFromIot(state),
        onCertificate: (cert) => writeCertificateFiles(dir, cert),
        ...(options.log ? { log: options.log } : {}),
    });
    result.applied = true;
    if (kind === 'destroy') {
        removeFiles(dir);
        return result;
    }
    if (kind === 'revoke') {
        result.notes.push(`The revoked certificate can no longer obtain credentials; run 'bootstrap rotate ${desired.name}' for a new one.`);
        return result;
    }
    const current = readLocalCertificateId(dir);
    const attached = new Set(steps.filter((s) => s.resource === 'thing-principal' && s.action !== 'detach').map((s) => s.name));
    const usable = current !== undefined && (attached.has(current) || steps.some((s) => s.action === 'create' && s.resource === 'certificate'));
    result.endpoint = await credentialEndpoint(clients);
    if (!usable) {
        result.notes.push(`${desired.thingName} has a certificate whose key is not in ${dir}; auth.yaml was not written. Run 'bootstrap rotate ${desired.name}' to mint one there.`);
        return result;
    }
    result.authFile = (0,external_node_path_.join)(dir, FILES.auth);
    (0,external_node_fs_.writeFileSync)(result.authFile, authFileText(desired, result.endpoint));
    return result;
}
/** The credentials-provider endpoint of the account and region (`DescribeEndpoint iot:CredentialProvider`). */
async function credentialEndpoint(clients) {
    try {
        const out = await clients.iot.send(new client_iot_dist_cjs/* DescribeEndpointCommand */.CX3({ endpointType: 'iot:CredentialProvider' }));
        if (!out.endpointAddress)
            throw new Error('no endpointAddress in the answer');
        return out.endpointAddress;
    }
    catch (err) {
        throw sdkError('iot:DescribeEndpoint', err, 'Everything else is in place; re-run to write auth.yaml');
    }
}
/** auth.yaml for `credential-process --auth`: the action's input names, paths relative to the file. */
function authFileText(desired, endpoint) {
    return (0,auth_file/* formatAuthFile */.A)([
        ['mode', 'iot-certificate'],
        ['aws-region', desired.region],
        ['iot-credential-endpoint', endpoint],
        ['role-alias', desired.roleAliasName],
        ['thing-name', desired.thingName],
        ['certificate', FILES.certificate],
        ['private-key', FILES.privateKey],
    ], `written by aws-short-lived-credentials bootstrap iot ${desired.name}`);
}
/** The workflow step that uses what bootstrap created; secrets by name only. */
function workflowSnippet(desired, endpoint) {
    return [
        '      - uses: aws-short-lived-credentials/aws-short-lived-credentials@v0',
        '        with:',
        `          aws-region: ${desired.region}`,
        `          iot-credential-endpoint: ${endpoint}`,
        `          role-alias: ${desired.roleAliasName}`,
        `          thing-name: ${desired.thingName}`,
        `          certificate: \${{ secrets.${IOT_SECRETS[0].name} }}`,
        `          private-key: \${{ secrets.${IOT_SECRETS[1].name} }}`,
    ].join('\n');
}
function readRetiredIds(dir) {
    try {
        return (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, FILES.retired), 'utf8').split(/\s+/).filter((id) => /^[0-9a-f]{16,128}$/.test(id));
    }
    catch {
        return [];
    }
}
function writeRetiredIds(dir, ids) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(dir, FILES.retired), [...new Set(ids)].join('\n') + '\n');
}
function readLocalCertificateId(dir) {
    try {
        const id = (0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, FILES.certificateId), 'utf8').trim();
        return /^[0-9a-f]{16,128}$/.test(id) ? id : undefined;
    }
    catch {
        return undefined;
    }
}
/** Writes a new certificate's files, each by rename so none is ever half-written; the key is mode 0600 throughout. */
function writeCertificateFiles(dir, cert) {
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true, mode: 0o700 });
    const put = (name, text, mode) => {
        const tmp = (0,external_node_path_.join)(dir, `.${name}.tmp`);
        (0,external_node_fs_.rmSync)(tmp, { force: true });
        (0,external_node_fs_.writeFileSync)(tmp, text, { mode, flag: 'wx' });
        (0,external_node_fs_.chmodSync)(tmp, mode);
        (0,external_node_fs_.renameSync)(tmp, (0,external_node_path_.join)(dir, name));
    };
    put(FILES.privateKey, cert.privateKey, 0o600);
    put(FILES.certificate, cert.certificatePem, 0o644);
    if (cert.publicKey)
        put(FILES.publicKey, cert.publicKey, 0o644);
    // Last: the id says which certificate the files hold, so a re-run finds and reuses it.
    put(FILES.certificateId, `${cert.id}\n`, 0o644);
}
function removeFiles(dir) {
    for (const f of Object.values(FILES))
        (0,external_node_fs_.rmSync)((0,external_node_path_.join)(dir, f), { force: true });
    try {
        if ((0,external_node_fs_.existsSync)(dir) && (0,external_node_fs_.readdirSync)(dir).length === 0)
            (0,external_node_fs_.rmdirSync)(dir);
    }
    catch {
        // A directory with other files in it stays.
    }
}

;// CONCATENATED MODULE: ./src/bootstrap/oidc.ts
/** `bootstrap oidc`: the account's GitHub OIDC provider (if missing) and a role only the given repository can assume. */



function desiredFrom(options) {
    const subject = { repo: options.repo };
    if (options.branch)
        subject.branch = options.branch;
    if (options.tag)
        subject.tag = options.tag;
    if (options.environment)
        subject.environment = options.environment;
    return oidcDesired(subject, {
        ...(options.roleName ? { roleName: options.roleName } : {}),
        ...(options.policyArns ? { policyArns: options.policyArns } : {}),
        allowAnyRepo: options.allowAnyRepo ?? false,
    });
}
async function bootstrapOidc(options) {
    const desired = desiredFrom(options);
    const clients = options.clients ?? createClients(options.region);
    const state = await discoverOidc(clients, desired);
    const steps = planOidc(state, desired);
    const result = { steps, applied: false, desired, notes: [] };
    if (state.role)
        result.roleArn = state.role.arn;
    if (options.dryRun)
        return result;
    const resolved = resolvedFromOidc(state);
    await apply(steps, { clients, desired: { oidc: desired }, resolved, ...(options.log ? { log: options.log } : {}) });
    result.applied = true;
    if (resolved.roleArn)
        result.roleArn = resolved.roleArn;
    if (!desired.policyArns.length)
        result.notes.push('The role has no permissions yet: attach policies to it (or re-run with --policy-arn).');
    return result;
}
/** Removes the role `bootstrap oidc` created (never the account's OIDC provider, which other roles may trust). */
async function destroyOidc(options) {
    const clients = options.clients ?? createClients(options.region);
    const desired = { subject: { repo: '-/-' }, roleName: options.roleName, policyArns: [], allowAnyRepo: true };
    const { role } = await discoverOidc(clients, desired);
    const steps = destroyRole(role, options.roleName);
    const notes = ['The GitHub OIDC provider is kept: it is shared by every role of the account that trusts GitHub.'];
    if (!role)
        notes.unshift(`No role ${options.roleName}; nothing to remove.`);
    if (options.dryRun)
        return { steps, applied: false, notes };
    await apply(steps, { clients, desired: { oidc: desired }, resolved: resolvedFromOidc({}), ...(options.log ? { log: options.log } : {}) });
    return { steps, applied: true, notes };
}
function oidcWorkflowSnippet(region, roleArn) {
    return [
        'permissions:',
        '  id-token: write',
        '  contents: read',
        '...',
        '      - uses: aws-short-lived-credentials/aws-short-lived-credentials@v0',
        '        with:',
        `          aws-region: ${region}`,
        `          role-to-assume: ${roleArn}`,
    ].join('\n');
}

// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(7593);
// EXTERNAL MODULE: ./src/cli/settings.ts
var settings = __webpack_require__(1957);
;// CONCATENATED MODULE: ./src/cli/bootstrap-command.ts
/** `bootstrap iot|oidc|rotate|revoke|destroy`: flags in, the library's bootstrap functions, the plan and next steps out. */









const SUBCOMMANDS = ['iot', 'oidc', 'rotate', 'revoke', 'destroy'];
async function bootstrapCommand(args, io) {
    const [sub, name, extra] = args.rest;
    if (!sub || !SUBCOMMANDS.includes(sub))
        throw new cli_args/* UsageError */.eb(`bootstrap needs one of: ${SUBCOMMANDS.join(', ')} (see 'help bootstrap')`);
    if (extra !== undefined)
        throw new cli_args/* UsageError */.eb(`bootstrap ${sub} takes one name, not '${extra}'`);
    const get = (0,settings/* settingsReader */.f6)(args.flags, io.env, undefined);
    if (sub !== 'oidc' && name !== undefined) {
        for (const flag of ['repo', 'branch', 'tag', 'environment', 'role-name', 'i-understand-any-repo']) {
            if (args.flags.has(flag))
                throw new cli_args/* UsageError */.eb(`--${flag} belongs to bootstrap oidc, not bootstrap ${sub}`);
        }
    }
    const region = (0,values/* parseRegion */.cf)(get('aws-region'), 'aws-region');
    // This CLI supports Node 20 on purpose; the SDK's notice about its future Node 22 floor would only clutter stderr.
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    const attempts = get('retry-max-attempts');
    const clients = createClients(region, attempts ? (0,values/* parseInteger */.cG)(attempts, 'retry-max-attempts', 1, 20, 'attempts') : undefined);
    const dryRun = get('dry-run') === 'true';
    const policyArns = get('policy-arn') ? get('policy-arn').split(',').map((s) => s.trim()).filter(Boolean) : [];
    const log = (line) => io.stderr(`${line}\n`);
    if (sub === 'oidc' || (sub === 'destroy' && name === undefined)) {
        if (name !== undefined)
            throw new cli_args/* UsageError */.eb(`bootstrap oidc takes no name; use --repo owner/name and --role-name`);
        if (sub === 'destroy') {
            const roleName = get('role-name');
            if (!roleName)
                throw new cli_args/* UsageError */.eb('bootstrap destroy needs a name (IoT) or --role-name (the role bootstrap oidc created)');
            const res = await destroyOidc({ region, roleName, dryRun, clients, log });
            report(io, `bootstrap destroy --role-name ${roleName}`, res.steps, res.applied, res.notes);
            return 0;
        }
        const repo = get('repo');
        if (!repo)
            throw new errors/* InputError */.dz('repo', 'is required', 'Give the repository whose jobs may assume the role: --repo my-org/my-repo');
        const res = await bootstrapOidc({
            region, repo, branch: get('branch'), tag: get('tag'), environment: get('environment'), roleName: get('role-name'), policyArns,
            allowAnyRepo: get('i-understand-any-repo') === 'true', dryRun, clients, log,
        });
        report(io, `bootstrap oidc --repo ${repo}`, res.steps, res.applied, res.notes);
        if (res.applied && res.roleArn)
            io.stdout(`\nRole: ${res.roleArn}\nWorkflow:\n${oidcWorkflowSnippet(region, res.roleArn)}\n`);
        return 0;
    }
    if (!name)
        throw new cli_args/* UsageError */.eb(`bootstrap ${sub} needs a name, e.g. bootstrap ${sub} my-repo-runner`);
    const options = { name, region, out: get('out') || 'output', dryRun, clients, log, policyArns };
    const duration = get('duration-seconds');
    if (duration)
        options.durationSeconds = (0,values/* parseInteger */.cG)(duration, 'duration-seconds', 900, 43200, 'seconds');
    if (get('certificate-id'))
        options.certificateId = get('certificate-id');
    const run = { iot: bootstrapIot, rotate: rotate, revoke: revoke, destroy: destroy }[sub];
    const res = await run(options);
    report(io, `bootstrap ${sub} ${name}`, res.steps, res.applied, res.notes);
    if (res.applied && res.authFile && res.endpoint)
        printIotNext(io, res);
    return 0;
}
function report(io, title, steps, applied, notes) {
    const heading = !applied ? 'Dry run, nothing was changed. The plan:' : isNoop(steps) ? 'Everything was already in place:' : 'Done:';
    io.stdout(`${title}\n${heading}\n${formatPlan(steps) || '  (nothing)'}\n`);
    for (const n of notes)
        io.stdout(`Note: ${n}\n`);
}
function printIotNext(io, res) {
    const f = (file) => (0,external_node_path_.join)(res.dir, file);
    io.stdout([
        '',
        `Files in ${res.dir}/: ${FILES.certificate}, ${FILES.privateKey} (mode 0600, keep it secret), ${FILES.publicKey}, ${FILES.auth}`,
        `Use locally: aws-short-lived-credentials credential-process --auth ${f(FILES.auth)}`,
        '',
        'Secrets to set in the repository (values are the files; never paste them in a log):',
        ...IOT_SECRETS.map((s) => `  ${s.name.padEnd(16)} from ${f(s.file)}   e.g. gh secret set ${s.name} < ${f(s.file)}`),
        '',
        'Workflow step:',
        workflowSnippet(res.desired, res.endpoint),
        '',
    ].join('\n'));
}


/***/ }),

/***/ 3750:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E1: () => (/* binding */ parseList),
/* harmony export */   NN: () => (/* binding */ parseSessionName),
/* harmony export */   b8: () => (/* binding */ parseInlinePolicy),
/* harmony export */   cG: () => (/* binding */ parseInteger),
/* harmony export */   cf: () => (/* binding */ parseRegion),
/* harmony export */   te: () => (/* binding */ defaultSessionName),
/* harmony export */   yG: () => (/* binding */ parseBoolean)
/* harmony export */ });
/* unused harmony export sanitiseSessionName */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Parsing of scalar inputs: booleans, integers, regions, session names, policies. Pure. */

function parseBoolean(value, input, fallback) {
    if (value === '')
        return fallback;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a boolean`, 'Use true or false');
}
function parseInteger(value, input, min, max, unit) {
    if (!/^\d+$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a whole number`, `Use a whole number of ${unit} from ${min} to ${max}`);
    }
    const n = Number(value);
    if (n < min || n > max) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${n} is out of range`, `Use a whole number of ${unit} from ${min} to ${max}`);
    }
    return n;
}
function parseRegion(value, input) {
    if (value === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is required', "Set it to the AWS region to use, e.g. aws-region: us-east-1");
    }
    if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not an AWS region name`, 'Use a region code such as us-east-1 or eu-west-2');
    }
    return value;
}
/** Characters STS allows in a role session name, 2..64 of them. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
function parseSessionName(value, input) {
    if (!SESSION_NAME.test(value)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${value}' is not a valid role session name`, 'Use 2 to 64 characters from letters, digits and +=,.@_-');
    }
    return value;
}
/** Turns any text into a valid session name: other characters become '-', then cut to 64 and padded to 2. */
function sanitiseSessionName(text) {
    const cleaned = text.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
    return cleaned.length >= 2 ? cleaned : cleaned.padEnd(2, '_');
}
/** The default session name: the run's id and attempt, so CloudTrail ties the session to the run. */
function defaultSessionName(env, now) {
    const runId = env['GITHUB_RUN_ID'];
    if (runId)
        return sanitiseSessionName(`GitHubActions-${runId}-${env['GITHUB_RUN_ATTEMPT'] ?? '1'}`);
    return sanitiseSessionName(`aws-short-lived-credentials-${Math.floor(now.getTime() / 1000)}`);
}
/** STS limits an inline session policy to 2048 characters once white space outside strings is removed. */
const INLINE_POLICY_MAX = 2048;
function parseInlinePolicy(value, input) {
    if (value === '')
        return undefined;
    let doc;
    try {
        doc = JSON.parse(value);
    }
    catch (err) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `is not valid JSON (${err.message})`, 'Give an IAM policy document as JSON, e.g. {"Version":"2012-10-17","Statement":[...]}');
    }
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc) || !('Statement' in doc)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is JSON but not an IAM policy document (no "Statement")', 'Give an object with "Version" and "Statement"');
    }
    const compact = JSON.stringify(doc);
    if (compact.length > INLINE_POLICY_MAX) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `is ${compact.length} characters without white space, above STS's limit of ${INLINE_POLICY_MAX}`, 'Shorten the policy, or use managed-session-policies');
    }
    return compact;
}
/** Splits a multi-line input into its non-empty lines (commas also separate, as users write both). */
function parseList(value) {
    return value.split(/[\r\n,]+/).map((s) => s.trim()).filter(Boolean);
}


/***/ })

};
