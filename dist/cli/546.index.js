export const id = 546;
export const ids = [546,453];
export const modules = {

/***/ 3546:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  bootstrapCommand: () => (/* binding */ bootstrapCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
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
/** Names `bootstrap sync` gives what it creates start with this; the operator role may touch only those. */
const SYNC_NAME_PREFIX = 'gh-';
const OPERATOR_POLICY_NAME = 'aws-short-lived-credentials-sync';
/**
 * The inline policy of the role the operator workflow assumes: the IoT and IAM calls `bootstrap sync` makes, on
 * resources named gh-* in one region. Certificates have no names, so their actions cover the region's certificates;
 * the role can attach any managed policy to a gh-* role, so it can hand out at most what the operator could.
 */
function operatorPolicyDocument(partition, region) {
    const iot = (type) => `arn:${partition}:iot:${region}:*:${type}/${SYNC_NAME_PREFIX}*`;
    const roles = `arn:${partition}:iam::*:role/${SYNC_NAME_PREFIX}*`;
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: 'FindAndCertify',
                Effect: 'Allow',
                // No resource-level permissions for these, or they act on certificates, which have no names.
                Action: ['iot:ListThings', 'iot:DescribeEndpoint', 'iot:CreateKeysAndCertificate', 'iot:DescribeCertificate', 'iot:UpdateCertificate', 'iot:DeleteCertificate', 'iot:ListAttachedPolicies'],
                Resource: '*',
            },
            {
                Sid: 'ManageRepositoryThings',
                Effect: 'Allow',
                Action: [
                    'iot:DescribeThingType', 'iot:CreateThingType', 'iot:DeprecateThingType', 'iot:DeleteThingType',
                    'iot:DescribeThing', 'iot:CreateThing', 'iot:DeleteThing', 'iot:ListThingPrincipals', 'iot:AttachThingPrincipal', 'iot:DetachThingPrincipal',
                    'iot:GetPolicy', 'iot:CreatePolicy', 'iot:CreatePolicyVersion', 'iot:ListPolicyVersions', 'iot:DeletePolicyVersion', 'iot:DeletePolicy', 'iot:AttachPolicy', 'iot:DetachPolicy',
                    'iot:DescribeRoleAlias', 'iot:CreateRoleAlias', 'iot:UpdateRoleAlias', 'iot:DeleteRoleAlias', 'iot:TagResource',
                ],
                Resource: [iot('thing'), iot('thingtype'), iot('policy'), iot('rolealias'), `arn:${partition}:iot:${region}:*:cert/*`],
            },
            {
                Sid: 'ManageRepositoryRoles',
                Effect: 'Allow',
                Action: ['iam:GetRole', 'iam:CreateRole', 'iam:TagRole', 'iam:ListRoleTags', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole', 'iam:ListAttachedRolePolicies', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:ListRolePolicies', 'iam:GetRolePolicy'],
                Resource: roles,
            },
            {
                Sid: 'PassRepositoryRolesToIot',
                Effect: 'Allow',
                Action: 'iam:PassRole',
                Resource: roles,
                Condition: { StringEquals: { 'iam:PassedToService': 'credentials.iot.amazonaws.com' } },
            },
        ],
    };
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
        thingTypeName: options.thingTypeName ?? `${name}-type`,
        policyName: `${name}-policy`,
        roleAliasName: `${name}-role-alias`,
        durationSeconds: duration,
        policyArns: checkPolicyArns(options.policyArns ?? []),
        attributes: options.attributes ?? {},
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
        // IAM deletes a role only once it has no inline policies left.
        ...Object.keys(role.inlinePolicies ?? {}).map((name) => ({ action: 'delete', resource: 'iam-role-inline-policy', name, target: roleName, detail: '' })),
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
    return { subject, roleName, policyArns: checkPolicyArns(options.policyArns ?? []), allowAnyRepo, ...(options.inlinePolicy ? { inlinePolicy: options.inlinePolicy } : {}) };
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
    if (want.inlinePolicy) {
        const { name, document } = want.inlinePolicy;
        const current = state.role?.inlinePolicies?.[name];
        if (current === undefined)
            steps.push({ action: 'create', resource: 'iam-role-inline-policy', name, target: want.roleName, detail: 'PutRolePolicy' });
        else if (!samePolicy(current, document)) {
            steps.push({ action: 'drift', resource: 'iam-role-inline-policy', name, target: want.roleName, detail: 'document differs from the one bootstrap writes' }, { action: 'update', resource: 'iam-role-inline-policy', name, target: want.roleName, detail: 'PutRolePolicy' });
        }
        else
            steps.push({ action: 'exists', resource: 'iam-role-inline-policy', name, target: want.roleName, detail: '' });
    }
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
function createClients(region, maxAttempts, retryMode) {
    // 'adaptive' also slows the client down after a Throttling answer, for runs that make many calls (sync).
    const common = { region, ...(maxAttempts ? { maxAttempts } : {}), ...(retryMode ? { retryMode } : {}) };
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
    const inline = {};
    marker = undefined;
    do {
        const page = await read('iam:ListRolePolicies', () => iam.send(new dist_cjs/* ListRolePoliciesCommand */.Y7N({ RoleName: roleName, Marker: marker })));
        for (const name of page?.PolicyNames ?? []) {
            const got = await read('iam:GetRolePolicy', () => iam.send(new dist_cjs/* GetRolePolicyCommand */.WHQ({ RoleName: roleName, PolicyName: name })));
            if (got)
                inline[name] = parseDocument(got.PolicyDocument);
        }
        marker = page?.IsTruncated ? page.Marker : undefined;
    } while (marker);
    return {
        arn: role.Arn,
        trustPolicy: parseDocument(role.AssumeRolePolicyDocument),
        owned: tags.some((t) => t.Key === CREATED_BY_KEY && t.Value === CREATED_BY_VALUE),
        attachedPolicyArns: attached,
        inlinePolicies: inline,
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

// EXTERNAL MODULE: ./src/config/auth-file.ts
var auth_file = __webpack_require__(7453);
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
        case 'create iam-role-inline-policy':
        case 'update iam-role-inline-policy': {
            const policy = 'oidc' in ctx.desired ? ctx.desired.oidc.inlinePolicy : undefined;
            const document = need(policy?.name === step.name ? JSON.stringify(policy.document) : undefined, `the document of ${step.name}`);
            await call('iam:PutRolePolicy', () => iam.send(new dist_cjs/* PutRolePolicyCommand */.pMt({ RoleName: need(step.target, 'the role'), PolicyName: step.name, PolicyDocument: document })));
            return;
        }
        case 'delete iam-role-inline-policy':
            await call('iam:DeleteRolePolicy', () => iam.send(new dist_cjs/* DeleteRolePolicyCommand */.Tt({ RoleName: need(step.target, 'the role'), PolicyName: step.name })), isNotFound);
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
            await call('iot:CreateThing', () => iot.send(new client_iot_dist_cjs/* CreateThingCommand */.E1H({ thingName: step.name, thingTypeName: iotWant(ctx).thingTypeName, attributePayload: { attributes: { ...iotWant(ctx).attributes, [CREATED_BY_KEY]: CREATED_BY_VALUE } } })), alreadyExists);
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
            await ctx.onCertificate?.(cert);
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
        '      - uses: aws-short-lived-credentials/aws-short-lived-credentials@v1',
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
        ...(options.operator ? { inlinePolicy: { name: OPERATOR_POLICY_NAME, document: operatorPolicyDocument(partitionOf(options.region), options.region) } } : {}),
    });
}
/** The partition a region belongs to. */
function partitionOf(region) {
    return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
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
    if (!desired.policyArns.length && !desired.inlinePolicy)
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
        '      - uses: aws-short-lived-credentials/aws-short-lived-credentials@v1',
        '        with:',
        `          aws-region: ${region}`,
        `          role-to-assume: ${roleArn}`,
    ].join('\n');
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2785);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/lib/index.js
var lib = __webpack_require__(4584);
var lib_default = /*#__PURE__*/__webpack_require__.n(lib);
// EXTERNAL MODULE: ./node_modules/libsodium-wrappers/dist/modules-esm/libsodium-wrappers.mjs + 1 modules
var libsodium_wrappers = __webpack_require__(4768);
;// CONCATENATED MODULE: ./src/bootstrap/github-target.ts
/** A GitHub repository (and optionally one of its environments) as bootstrap delivers to it. Pure. */

/** `owner/name` (and an optional environment) as a target; refuses anything else. */
function parseGithubTarget(repo, environment, input = 'github-repo', environmentInput = 'github-environment') {
    const m = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9_.-]{1,100})$/.exec(repo.trim());
    if (!m || m[2] === '.' || m[2] === '..')
        throw new errors/* InputError */.dz(input, `'${repo}' is not owner/name`, 'Give the repository as my-org/my-repo');
    const target = { owner: m[1], repo: m[2] };
    if (environment !== undefined && environment !== '') {
        if (!/^[^/\\\u0000-\u001f,:;*?"<>|']{1,255}$/.test(environment))
            throw new errors/* InputError */.dz(environmentInput, `'${environment}' is not an environment name`, 'Use the name shown under Settings > Environments');
        // The name is recorded as a thing attribute, whose values AWS IoT limits to these characters.
        if (!/^[A-Za-z0-9_.@#=[\]-]{1,255}$/.test(environment))
            throw new errors/* InputError */.dz(environmentInput, `'${environment}' has characters an AWS IoT thing attribute cannot hold`, 'Use an environment named with letters, digits and _.@#=[]- only');
        target.environment = environment;
    }
    return target;
}
function describeTarget(t) {
    return `${t.owner}/${t.repo}${t.environment ? ` (environment ${t.environment})` : ''}`;
}

;// CONCATENATED MODULE: ./src/bootstrap/github.ts
/**
 * The GitHub side of bootstrap: Actions secrets (sealed with the repository's or environment's public key) and
 * Actions variables, through Octokit with GitHub's rate limits honoured. Values never enter an error or a log line.
 */






/** Seals `value` for the holder of `publicKeyBase64` (a Curve25519 key), as GitHub's secrets API requires. */
async function sealSecret(value, publicKeyBase64) {
    await libsodium_wrappers/* default.ready */.Ay.ready;
    const key = libsodium_wrappers/* default.from_base64 */.Ay.from_base64(publicKeyBase64, libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
    return libsodium_wrappers/* default.to_base64 */.Ay.to_base64(libsodium_wrappers/* default */.Ay.crypto_box_seal(libsodium_wrappers/* default.from_string */.Ay.from_string(value), key), libsodium_wrappers/* default.base64_variants */.Ay.base64_variants.ORIGINAL);
}
/** A secret or variable name as GitHub accepts it. */
function checkGithubName(name) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name))
        throw new errors/* InputError */.dz('name', `'${name}' cannot name a GitHub secret or variable`, 'Use letters, digits and _, not starting with a digit or GITHUB_');
    return name;
}
function githubActions(options) {
    if (!options.token)
        throw new errors/* InputError */.dz('GITHUB_TOKEN', 'is not set', 'Export a token that may write Actions secrets and variables (a GitHub App installation token with Secrets, Variables and Environments write)');
    const baseUrl = (options.baseUrl || 'https://api.github.com').replace(/\/+$/, '');
    if (!/^https:\/\//.test(baseUrl) && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(baseUrl)) {
        throw new errors/* InputError */.dz('GITHUB_API_URL', `'${baseUrl}' is not an https URL`, 'Use https://api.github.com or https://<host>/api/v3 for GitHub Enterprise Server');
    }
    const retries = options.rateLimitRetries ?? 4;
    const onLimit = (kind) => (retryAfter, req, _o, retryCount) => {
        options.log?.(`  github     ${kind} rate limit on ${req.method} ${req.url}; ${retryCount < retries ? `retrying in ${retryAfter} s` : 'giving up'}`);
        return retryCount < retries;
    };
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        baseUrl,
        throttle: {
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
            retryAfterBaseValue: options.retryAfterUnitMs ?? 1000,
            fallbackSecondaryRateRetryAfter: 60,
            // One group per client, so the interval is this client's own, not shared with every Octokit in the process.
            write: new (lib_default()).Group({ maxConcurrent: 1, minTime: options.writeIntervalMs ?? 1000 }),
        },
        request: { retries: 0 },
    }, dist_bundle/* throttling */.A);
    let requests = 0;
    octokit.hook.before('request', () => {
        requests++;
    });
    const base = (t) => (t.environment ? `/repos/${enc(t.owner)}/${enc(t.repo)}/environments/${enc(t.environment)}` : `/repos/${enc(t.owner)}/${enc(t.repo)}/actions`);
    async function call(what, t, method, path, body, absent = []) {
        try {
            const res = await octokit.request({ method, url: path, ...(body ?? {}) });
            return { status: res.status, data: res.data };
        }
        catch (err) {
            const status = err.status;
            if (status !== undefined && absent.includes(status))
                return undefined;
            throw githubError(what, t, method, status, err);
        }
    }
    return {
        get requests() {
            return requests;
        },
        async putSecrets(t, values) {
            const key = await call('read the public key of', t, 'GET', `${base(t)}/secrets/public-key`);
            if (!key || typeof key.data.key !== 'string' || typeof key.data.key_id !== 'string')
                throw new errors/* AwsError */.Gy(`github:GET ${base(t)}/secrets/public-key`, 'BadAnswer', 'no key or key_id in the answer', '', false);
            for (const [name, value] of Object.entries(values)) {
                const encrypted = await sealSecret(value, key.data.key);
                await call('write a secret of', t, 'PUT', `${base(t)}/secrets/${checkGithubName(name)}`, { encrypted_value: encrypted, key_id: key.data.key_id });
            }
        },
        async deleteSecret(t, name) {
            return (await call('delete a secret of', t, 'DELETE', `${base(t)}/secrets/${checkGithubName(name)}`, undefined, [404])) !== undefined;
        },
        async getVariable(t, name) {
            const got = await call('read a variable of', t, 'GET', `${base(t)}/variables/${checkGithubName(name)}`, undefined, [404]);
            return typeof got?.data.value === 'string' ? got.data.value : undefined;
        },
        async listVariables(t) {
            const out = {};
            // GitHub pages variables at most 30 at a time.
            for (let page = 1;; page++) {
                const got = await call('list the variables of', t, 'GET', `${base(t)}/variables?per_page=30&page=${page}`, undefined, [404]);
                if (!got)
                    return page === 1 ? undefined : out;
                const list = Array.isArray(got.data.variables) ? got.data.variables : [];
                for (const v of list)
                    if (typeof v.name === 'string' && typeof v.value === 'string')
                        out[v.name.toUpperCase()] = v.value;
                if (list.length < 30)
                    return out;
            }
        },
        async setVariable(t, name, value, current) {
            if (current === value)
                return;
            const existing = current === null ? undefined : (current ?? (await this.getVariable(t, name)));
            if (existing === value)
                return;
            // Created since it was read (409): then it is updated like one that was there.
            if (existing === undefined && (await call('create a variable of', t, 'POST', `${base(t)}/variables`, { name: checkGithubName(name), value }, [409])))
                return;
            await call('update a variable of', t, 'PATCH', `${base(t)}/variables/${checkGithubName(name)}`, { name, value });
        },
        async deleteVariable(t, name) {
            return (await call('delete a variable of', t, 'DELETE', `${base(t)}/variables/${checkGithubName(name)}`, undefined, [404])) !== undefined;
        },
        async ensureEnvironment(t) {
            if (!t.environment)
                return;
            const path = `/repos/${enc(t.owner)}/${enc(t.repo)}/environments/${enc(t.environment)}`;
            if (await call('read the environment of', t, 'GET', path, undefined, [404]))
                return;
            await call('create the environment of', t, 'PUT', path, {});
        },
    };
}
const enc = encodeURIComponent;
const PERMISSIONS = "the token needs the 'Secrets', 'Variables' (and, with --github-environment, 'Environments') repository permissions with write access (a GitHub App installation token), or the repo scope (a classic token)";
/** GitHub's answer as an error naming the call and what to do; the request (which may carry a sealed value) never enters it. */
function githubError(what, t, method, status, err) {
    const message = String(err.response?.data?.message ?? err.message ?? '').replace(/\s+/g, ' ').slice(0, 200);
    const call = `github:${method} ${what} ${describeTarget(t)}`;
    if (status === 401)
        return new errors/* AwsError */.Gy(call, 'HTTP 401', message, 'GitHub did not accept GITHUB_TOKEN: it is missing, mistyped or expired (an App installation token lives one hour)', false);
    if (status === 403)
        return new errors/* AwsError */.Gy(call, 'HTTP 403', message, `Forbidden: ${PERMISSIONS}; if this was a rate limit, wait and re-run`, false);
    if (status === 404)
        return new errors/* AwsError */.Gy(call, 'HTTP 404', message, `GitHub answers 404 for a repository or environment that does not exist or that the token cannot see: check the name and that ${PERMISSIONS}`, false);
    if (status === 422)
        return new errors/* AwsError */.Gy(call, 'HTTP 422', message, 'GitHub refused the request as invalid', false);
    const code = status !== undefined ? `HTTP ${status}` : (err.code ?? 'Error');
    return new errors/* AwsError */.Gy(call, code, message, status === undefined ? 'GitHub could not be reached: check GITHUB_API_URL and the network' : '', false);
}

// EXTERNAL MODULE: external "node:tls"
var external_node_tls_ = __webpack_require__(1692);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/http/request.ts
var request = __webpack_require__(7777);
// EXTERNAL MODULE: ./src/config/proxy.ts
var proxy = __webpack_require__(1574);
// EXTERNAL MODULE: ./src/providers/iot-response.ts
var iot_response = __webpack_require__(2564);
;// CONCATENATED MODULE: ./src/bootstrap/verify.ts
/**
 * Proof that a freshly minted certificate and key work before anything depends on them: the key must sign what the
 * certificate's public key verifies, then one exchange with the IoT credentials provider; where the endpoint cannot be
 * reached at all (no route, no name) the signature check stands alone and says so.
 */






const UNREACHABLE = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT']);
const CALL = 'verify new certificate';
function checkKeyMatchesCertificate(certificatePem, privateKey) {
    const data = (0,external_node_crypto_.randomBytes)(32);
    const key = (0,external_node_crypto_.createPrivateKey)(privateKey);
    const signature = (0,external_node_crypto_.sign)(key.asymmetricKeyType === 'rsa' ? 'sha256' : null, data, key);
    const ok = (0,external_node_crypto_.verify)(key.asymmetricKeyType === 'rsa' ? 'sha256' : null, data, new external_node_crypto_.X509Certificate(certificatePem).publicKey, signature);
    if (!ok)
        throw new errors/* AwsError */.Gy(CALL, 'KeyMismatch', 'the private key does not match the certificate', 'The new certificate was not delivered; re-run to mint another', false);
}
async function verifyNewCertificate(input) {
    checkKeyMatchesCertificate(input.certificatePem, input.privateKey);
    const base = /^https:\/\//.test(input.endpoint) ? input.endpoint.replace(/\/+$/, '') : `https://${input.endpoint}`;
    const url = new URL(`${base}/role-aliases/${encodeURIComponent(input.roleAlias)}/credentials`);
    const attempts = input.attempts ?? 4;
    const wait = input.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (let n = 1;; n++) {
        const answer = await exchange(url, input).catch((err) => err);
        if (answer instanceof Error) {
            if (UNREACHABLE.has(answer.code ?? ''))
                return 'signature-only';
            throw new errors/* AwsError */.Gy(CALL, answer.code ?? 'Error', answer.message, `The credentials provider at ${url.host} could not be asked; the old certificate stays active`, false);
        }
        if (answer.status === 200) {
            (0,iot_response/* parseIotCredentials */.k)(answer.body, new Date(), url.origin);
            return 'exchanged';
        }
        if (answer.status === 403 && n < attempts) {
            await wait(2000 * n);
            continue;
        }
        throw new errors/* AwsError */.Gy(CALL, `HTTP ${answer.status}`, answer.body.replace(/\s+/g, ' ').slice(0, 200), `The credentials provider refused the new certificate; the old one stays active and in the secrets. Fix the cause and re-run`, false);
    }
}
/** One mutual-TLS request through the project's transport (proxies as every other request). */
async function exchange(url, input) {
    const secureContext = (0,external_node_tls_.createSecureContext)({
        cert: input.certificatePem,
        key: input.privateKey,
        minVersion: 'TLSv1.2',
        ...(input.caCertificate ? { ca: [...external_node_tls_.rootCertificates, input.caCertificate] } : {}),
    });
    try {
        return await (0,request/* httpRequest */.a)({
            url: url.toString(),
            method: 'GET',
            headers: { accept: 'application/json', 'x-amzn-iot-thingname': input.thingName },
            timeoutMs: 15000,
            tls: { secureContext },
            proxy: (0,proxy/* proxyFor */.iJ)(url, process.env),
            maxBodyBytes: 65536,
        });
    }
    catch (err) {
        // The caller tells an unreachable endpoint (signature check only) from one that refused.
        if (err instanceof request/* NetworkError */.D)
            throw Object.assign(new Error(err.message), { code: err.code });
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/bootstrap/repository.ts
/**
 * `bootstrap iot|rotate|revoke <name> --github-repo owner/name`: the IoT side as `bootstrap iot` makes it, delivered
 * straight into a repository's (or environment's) Actions secrets and variables. The private key lives only in memory
 * between CreateKeysAndCertificate and the sealed PUT. Rotation never breaks a running pipeline: the new certificate
 * is attached and verified, then delivered, and only then is the old one deactivated and detached.
 */








/** The repository variables bootstrap writes; IOT_CREATED_BY is its mark, and only what carries it is ever deleted. */
const GITHUB_VARIABLES = {
    endpoint: 'IOT_CREDENTIAL_ENDPOINT',
    roleAlias: 'IOT_ROLE_ALIAS',
    thingName: 'IOT_THING_NAME',
    region: 'IOT_AWS_REGION',
    certificateId: 'IOT_CERTIFICATE_ID',
    /** Set before the secrets change and cleared after: present on a re-run means the secrets may hold either key. */
    pending: 'IOT_CERTIFICATE_ID_NEXT',
    createdBy: 'IOT_CREATED_BY',
};
const createdByMark = (name) => `${CREATED_BY_VALUE} ${name}`;
/** The thing attributes that tie a thing to the repository it serves (sync finds its repositories by them). */
function repositoryAttributes(target) {
    return { 'github-repo': `${target.owner}/${target.repo}`, ...(target.environment ? { 'github-environment': target.environment } : {}) };
}
async function deliverToRepository(kind, options) {
    const desired = iotDesired(options.name, options.region, {
        ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
        ...(options.policyArns ? { policyArns: options.policyArns } : {}),
        ...(options.thingTypeName ? { thingTypeName: options.thingTypeName } : {}),
        attributes: repositoryAttributes(options.target),
    });
    const { github, target } = options;
    const where = describeTarget(target);
    const clients = options.clients ?? createClients(options.region);
    const current = await readVariables(github, target);
    const mine = current.createdBy === createdByMark(desired.name);
    if (current.createdBy !== undefined && !mine) {
        throw new errors/* AwsError */.Gy(`bootstrap ${kind}`, 'NotOurs', `${where} has ${GITHUB_VARIABLES.createdBy}=${current.createdBy}`, `Its secrets belong to another bootstrap; use that name or another repository/environment`, false);
    }
    // With a delivery pending, the secrets may hold the old key or the new one: neither is trusted, both stay active.
    const localId = current.pending ? undefined : current.certificateId;
    const state = await discoverIot(clients, desired, localId);
    const hasLocal = localId !== undefined && state.certificates.some((c) => c.id === localId && c.status === 'ACTIVE' && c.attachedToThing);
    const needsCertificate = kind === 'rotate' || (kind === 'ensure' && !hasLocal && state.thing !== undefined && state.policy !== undefined && state.roleAlias !== undefined);
    // A rotation always mints and delivers; the certificate GitHub holds is then one of those retired.
    const rotation = needsCertificate ? planRotate({ ...state, localCertificateId: undefined }, desired) : [];
    // Bootstrapping a repository never retires a certificate someone else may hold (files from 'bootstrap iot').
    const steps = kind === 'revoke' ? planRevoke(state, desired) : kind === 'rotate' ? rotation : needsCertificate ? rotation.filter((s) => s.action !== 'deactivate' && s.action !== 'detach') : planIot(state, desired);
    const result = { steps, github: [], applied: false, desired, notes: [] };
    if (current.pending)
        result.notes.push(`A rotation of ${where} stopped after minting certificate ${current.pending} and before GitHub confirmed its secrets; a new certificate is delivered now, then the earlier ones retired.`);
    const minting = steps.some((s) => s.action === 'create' && s.resource === 'certificate');
    if (kind === 'revoke') {
        result.github = mine ? [...IOT_SECRETS.map((s) => `delete secret ${s.name}`), ...Object.values(GITHUB_VARIABLES).filter((v) => v in current.raw).map((v) => `delete variable ${v}`)] : [`nothing: no ${GITHUB_VARIABLES.createdBy} mark in ${where}`];
        if (options.dryRun)
            return result;
        await apply(steps, { clients, desired: { iot: desired }, resolved: resolvedFromIot(state), ...(options.log ? { log: options.log } : {}) });
        if (mine)
            await removeFromRepository(github, target, current.raw);
        result.applied = true;
        return result;
    }
    result.github = [
        ...(target.environment ? [`ensure environment ${target.environment}`] : []),
        ...(minting ? IOT_SECRETS.map((s) => `put secret ${s.name}`) : []),
        ...variableLines(current.raw, desired, minting),
    ];
    if (options.dryRun)
        return result;
    const retiring = steps.filter((s) => s.action === 'deactivate' || s.action === 'detach');
    const setup = steps.filter((s) => !retiring.includes(s));
    let fresh;
    await github.ensureEnvironment(target);
    const resolved = resolvedFromIot(state);
    await apply(setup, {
        clients,
        desired: { iot: desired },
        resolved,
        onCertificate: (cert) => {
            fresh = cert;
            if (options.out)
                writeCertificateFiles((0,external_node_path_.join)(options.out, desired.name), cert);
        },
        ...(options.log ? { log: options.log } : {}),
    });
    const endpoint = options.endpoint ?? current.endpoint ?? (await credentialEndpoint(clients));
    result.endpoint = endpoint;
    if (fresh) {
        result.verified = await (options.verify ?? verifyNewCertificate)({
            certificatePem: fresh.certificatePem, privateKey: fresh.privateKey, endpoint, roleAlias: desired.roleAliasName, thingName: desired.thingName,
            ...(options.caCertificate ? { caCertificate: options.caCertificate } : {}),
        });
        if (result.verified === 'signature-only')
            result.notes.push(`${endpoint} could not be reached from here, so the new certificate was checked by signature only.`);
        await deliver(github, target, desired, endpoint, fresh, current.raw);
        options.log?.(`  done       github                secrets and variables of ${where}`);
    }
    else {
        await setVariables(github, target, desired, endpoint, current.certificateId, current.raw);
        if (!hasLocal)
            result.notes.push(`${desired.thingName} has a certificate whose key is not in ${where}; run 'bootstrap rotate ${desired.name} --github-repo ${target.owner}/${target.repo}' to deliver one.`);
    }
    await apply(retiring, { clients, desired: { iot: desired }, resolved, ...(options.log ? { log: options.log } : {}) });
    result.applied = true;
    return result;
}
async function readVariables(github, target) {
    return parseVariables((await github.listVariables(target)) ?? {});
}
/** Bootstrap's variables out of all of a repository's, ids checked. */
function parseVariables(all) {
    const raw = {};
    for (const name of Object.values(GITHUB_VARIABLES))
        if (all[name] !== undefined)
            raw[name] = all[name];
    const id = (v) => (v && /^[0-9a-f]{16,128}$/.test(v) ? v : undefined);
    const out = { raw };
    const certificateId = id(raw[GITHUB_VARIABLES.certificateId]);
    const pending = id(raw[GITHUB_VARIABLES.pending]);
    if (certificateId)
        out.certificateId = certificateId;
    if (pending)
        out.pending = pending;
    if (raw[GITHUB_VARIABLES.createdBy] !== undefined)
        out.createdBy = raw[GITHUB_VARIABLES.createdBy];
    if (raw[GITHUB_VARIABLES.endpoint])
        out.endpoint = raw[GITHUB_VARIABLES.endpoint];
    return out;
}
function wantedVariables(desired, endpoint, certificateId) {
    return {
        [GITHUB_VARIABLES.createdBy]: createdByMark(desired.name),
        [GITHUB_VARIABLES.region]: desired.region,
        [GITHUB_VARIABLES.roleAlias]: desired.roleAliasName,
        [GITHUB_VARIABLES.thingName]: desired.thingName,
        ...(endpoint ? { [GITHUB_VARIABLES.endpoint]: endpoint } : {}),
        ...(certificateId ? { [GITHUB_VARIABLES.certificateId]: certificateId } : {}),
    };
}
function variableLines(raw, desired, minting) {
    const lines = Object.entries(wantedVariables(desired, raw[GITHUB_VARIABLES.endpoint], undefined))
        .filter(([name, value]) => raw[name] !== value)
        .map(([name]) => `${raw[name] === undefined ? 'create' : 'update'} variable ${name}`);
    if (!raw[GITHUB_VARIABLES.endpoint])
        lines.push(`create variable ${GITHUB_VARIABLES.endpoint}`);
    if (minting)
        lines.push(`${raw[GITHUB_VARIABLES.certificateId] ? 'update' : 'create'} variable ${GITHUB_VARIABLES.certificateId}`);
    return lines;
}
async function setVariables(github, target, desired, endpoint, certificateId, raw) {
    // The mark first: whatever else gets written is then known to be bootstrap's.
    for (const [name, value] of Object.entries(wantedVariables(desired, endpoint, certificateId)))
        await setKnown(github, target, raw, name, value);
}
/** Sets a variable given what the listing said (absent is known, so no read), and keeps `raw` in step with GitHub. */
async function setKnown(github, target, raw, name, value) {
    await github.setVariable(target, name, value, raw[name] ?? null);
    raw[name] = value;
}
/** Pending id, secrets, settings, then the current id; the pending id cleared last. */
async function deliver(github, target, desired, endpoint, cert, raw) {
    await setKnown(github, target, raw, GITHUB_VARIABLES.createdBy, createdByMark(desired.name));
    await setKnown(github, target, raw, GITHUB_VARIABLES.pending, cert.id);
    await github.putSecrets(target, { [IOT_SECRETS[0].name]: cert.certificatePem, [IOT_SECRETS[1].name]: cert.privateKey });
    await setVariables(github, target, desired, endpoint, cert.id, raw);
    await github.deleteVariable(target, GITHUB_VARIABLES.pending);
    delete raw[GITHUB_VARIABLES.pending];
}
/** Secrets first (they are what grants access), the mark last, so an interrupted removal is found and finished. */
async function removeFromRepository(github, target, raw) {
    for (const s of IOT_SECRETS)
        await github.deleteSecret(target, s.name);
    for (const name of Object.values(GITHUB_VARIABLES))
        if (name !== GITHUB_VARIABLES.createdBy && name in raw)
            await github.deleteVariable(target, name);
    await github.deleteVariable(target, GITHUB_VARIABLES.createdBy);
}
/** The workflow step that reads what was delivered, by name. */
function repositoryWorkflowSnippet(target) {
    const v = (name) => `\${{ vars.${name} }}`;
    return [
        ...(target.environment ? ['    environment: ' + target.environment, '    steps:'] : []),
        '      - uses: aws-short-lived-credentials/aws-short-lived-credentials@v1',
        '        with:',
        `          aws-region: ${v(GITHUB_VARIABLES.region)}`,
        `          iot-credential-endpoint: ${v(GITHUB_VARIABLES.endpoint)}`,
        `          role-alias: ${v(GITHUB_VARIABLES.roleAlias)}`,
        `          thing-name: ${v(GITHUB_VARIABLES.thingName)}`,
        `          certificate: \${{ secrets.${IOT_SECRETS[0].name} }}`,
        `          private-key: \${{ secrets.${IOT_SECRETS[1].name} }}`,
    ].join('\n');
}

// EXTERNAL MODULE: ./src/cli/args.ts
var cli_args = __webpack_require__(7593);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/bootstrap/operator-config.ts
/**
 * operator.yaml, the desired state `bootstrap sync` reconciles: which repositories (and environments) hold an IoT
 * certificate, how old it may grow, which policies its role gets. schemas/operator.schema.json documents the same
 * shape. Pure: text in, a validated config out; every error names the file, the entry and the key.
 */






const DEFAULT_ROTATE_AFTER_DAYS = 30;
const MODES = ['iot'];
const ENTRY_KEYS = ['repo', 'environment', 'mode', 'rotate-after-days', 'policy-arns', 'name'];
/** The key that identifies a repository (and environment) across config, GitHub and thing attributes. */
function targetKey(t) {
    return `${t.owner}/${t.repo}`.toLowerCase() + (t.environment ? `#${t.environment}` : '');
}
/**
 * The bootstrap name for a repository: readable, within IAM's 64 characters once `-role-alias`-style suffixes are
 * added, and stable; a long one is shortened and given a hash of the whole so two never meet.
 */
function syncName(t) {
    const full = `${SYNC_NAME_PREFIX}${t.owner}-${t.repo}${t.environment ? `-${t.environment}` : ''}`.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
    if (full.length <= 50)
        return full;
    return `${full.slice(0, 41).replace(/-+$/, '')}-${(0,external_node_crypto_.createHash)('sha256').update(targetKey(t)).digest('hex').slice(0, 8)}`;
}
function parseOperatorConfig(text, file) {
    const doc = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: false, uniqueKeys: true });
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem)
        throw new errors/* InputError */.dz(file, `is not valid YAML (${problem.message.split('\n')[0]})`, 'Fix the YAML at that line; see schemas/operator.schema.json');
    const root = doc.toJS();
    if (!isMap(root))
        throw new errors/* InputError */.dz(file, 'is not a mapping', 'Start the file with repositories: followed by a list of entries');
    for (const key of Object.keys(root))
        if (key !== 'repositories')
            throw new errors/* InputError */.dz(`${file} ${key}`, 'is not a key of the operator file', 'The file has one key, repositories');
    const list = root['repositories'];
    if (list === undefined || list === null)
        throw new errors/* InputError */.dz(`${file} repositories`, 'is missing or empty', 'List the repositories to provision; write repositories: [] to revoke every one bootstrap made');
    if (!Array.isArray(list))
        throw new errors/* InputError */.dz(`${file} repositories`, 'is not a list', 'Write each repository as a list item: - repo: my-org/my-repo');
    const entries = list.map((raw, i) => parseEntry(raw, `${file} repositories[${i}]`));
    const byKey = new Map();
    const byName = new Map();
    entries.forEach((e, i) => {
        const where = `${file} repositories[${i}]`;
        const key = targetKey(e.target);
        if (byKey.has(key))
            throw new errors/* InputError */.dz(where, `repeats ${byKey.get(key)}`, 'List each repository (and environment) once');
        if (byName.has(e.name))
            throw new errors/* InputError */.dz(`${where}.name`, `'${e.name}' is also the name of ${byName.get(e.name)}`, 'Give one of them its own name:');
        byKey.set(key, `repositories[${i}]`);
        byName.set(e.name, `repositories[${i}]`);
    });
    return { repositories: entries };
}
function parseEntry(raw, where) {
    if (!isMap(raw))
        throw new errors/* InputError */.dz(where, 'is not a mapping', 'Write the entry as repo: my-org/my-repo (with mode: iot)');
    for (const key of Object.keys(raw))
        if (!ENTRY_KEYS.includes(key))
            throw new errors/* InputError */.dz(`${where}.${key}`, 'is not a key of a repository entry', `Use ${ENTRY_KEYS.join(', ')}`);
    const repo = raw['repo'];
    if (typeof repo !== 'string')
        throw new errors/* InputError */.dz(`${where}.repo`, repo === undefined ? 'is missing' : 'is not a string', 'Give the repository as repo: my-org/my-repo');
    const environment = raw['environment'];
    if (environment !== undefined && typeof environment !== 'string')
        throw new errors/* InputError */.dz(`${where}.environment`, 'is not a string', 'Give the environment by name');
    const target = parseGithubTarget(repo, environment, `${where}.repo`, `${where}.environment`);
    const mode = raw['mode'];
    if (!MODES.includes(mode))
        throw new errors/* InputError */.dz(`${where}.mode`, mode === undefined ? 'is missing' : `'${String(mode)}' is not a mode sync provisions`, `Use mode: ${MODES.join(' | ')}`);
    const days = 'rotate-after-days' in raw ? raw['rotate-after-days'] : DEFAULT_ROTATE_AFTER_DAYS;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365)
        throw new errors/* InputError */.dz(`${where}.rotate-after-days`, `${JSON.stringify(days)} is not a whole number of days from 1 to 365`, `Use e.g. rotate-after-days: ${DEFAULT_ROTATE_AFTER_DAYS}`);
    const arns = 'policy-arns' in raw ? raw['policy-arns'] : [];
    if (!Array.isArray(arns) || arns.some((a) => typeof a !== 'string'))
        throw new errors/* InputError */.dz(`${where}.policy-arns`, 'is not a list of ARNs', 'Write policy-arns: [arn:aws:iam::123456789012:policy/deploy]');
    let policyArns;
    try {
        policyArns = checkPolicyArns(arns);
    }
    catch (err) {
        throw err instanceof errors/* InputError */.dz ? new errors/* InputError */.dz(`${where}.policy-arns`, err.problem, err.fix) : err;
    }
    const name = 'name' in raw ? raw['name'] : syncName(target);
    if (typeof name !== 'string' || !/^[A-Za-z0-9_-]{1,50}$/.test(name))
        throw new errors/* InputError */.dz(`${where}.name`, `${JSON.stringify(name)} cannot name a thing, role and role alias`, `Use 1 to 50 letters, digits, - and _, starting with ${SYNC_NAME_PREFIX}`);
    // The operator role may manage only resources named so, and sync revokes only things named so.
    if (!name.startsWith(SYNC_NAME_PREFIX))
        throw new errors/* InputError */.dz(`${where}.name`, `'${name}' does not start with ${SYNC_NAME_PREFIX}`, `Use e.g. ${SYNC_NAME_PREFIX}${name}`);
    return { target, mode: 'iot', name, rotateAfterDays: days, policyArns };
}
function isMap(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}

;// CONCATENATED MODULE: ./src/bootstrap/sync-plan.ts
/**
 * `bootstrap sync`'s plan: from operator.yaml and what GitHub and AWS hold, one action per repository (create,
 * rotate, update, revoke, ok, or blocked with the reason). Pure: the clock is an argument.
 */



/** Rotate anything that expires within this many days, whatever its age. */
const EXPIRY_MARGIN_DAYS = 7;
const DAY_MS = 24 * 3600 * 1000;
function planSync(config, state, now, markOf) {
    const items = [];
    const listed = new Map(config.repositories.map((e) => [targetKey(e.target), e]));
    for (const entry of config.repositories) {
        const facts = state.repositories.get(targetKey(entry.target)) ?? { found: false };
        const [action, reason] = planEntry(entry, facts, state.things, now, markOf);
        items.push({ action, target: entry.target, name: entry.name, reason, entry });
    }
    for (const thing of state.things) {
        // A thing named otherwise was delivered by hand (bootstrap iot --github-repo): not sync's to revoke.
        if (!thing.thingName.startsWith(SYNC_NAME_PREFIX))
            continue;
        const entry = listed.get(targetKey(thing.target));
        if (entry?.name === thing.thingName)
            continue;
        // A thing named like a listed entry but serving another repository is that entry's conflict, not a revocation.
        if (config.repositories.some((e) => e.name === thing.thingName))
            continue;
        items.push({ action: 'revoke', target: thing.target, name: thing.thingName, reason: entry ? `listed now under the name ${entry.name}` : 'no longer listed' });
    }
    return items.sort((a, b) => targetKey(a.target).localeCompare(targetKey(b.target)) || a.name.localeCompare(b.name));
}
function planEntry(entry, facts, things, now, markOf) {
    if (!facts.found)
        return ['blocked', 'GitHub answers 404: the repository does not exist or the token cannot see it (is the App installed on it?)'];
    const other = things.find((t) => t.thingName === entry.name && targetKey(t.target) !== targetKey(entry.target));
    if (other)
        return ['blocked', `thing ${entry.name} serves ${describeTarget(other.target)}; give this entry another name:`];
    if (facts.createdBy !== undefined && facts.createdBy !== markOf(entry.name))
        return ['blocked', `its IOT_CREATED_BY is '${facts.createdBy}', another bootstrap's; give this entry that name or clear the variables`];
    const thing = things.find((t) => t.thingName === entry.name);
    if (!thing)
        return ['create', 'not provisioned'];
    if (facts.createdBy === undefined || !facts.certificateId)
        return ['create', 'provisioned in AWS, but GitHub holds no certificate from bootstrap'];
    if (facts.pending)
        return ['rotate', `a rotation stopped after minting ${facts.pending}`];
    const cert = facts.certificate;
    if (!cert)
        return ['rotate', `certificate ${facts.certificateId} is unknown to AWS`];
    if (cert.status !== 'ACTIVE')
        return ['rotate', `certificate ${cert.id} is ${cert.status}`];
    const ageDays = Math.floor((now.getTime() - cert.notBefore.getTime()) / DAY_MS);
    const leftDays = Math.floor((cert.notAfter.getTime() - now.getTime()) / DAY_MS);
    if (ageDays >= entry.rotateAfterDays)
        return ['rotate', `certificate is ${ageDays} days old (rotate-after-days ${entry.rotateAfterDays})`];
    if (cert.notAfter.getTime() - now.getTime() < EXPIRY_MARGIN_DAYS * DAY_MS)
        return ['rotate', leftDays < 0 ? `certificate expired on ${day(cert.notAfter)}` : `certificate expires on ${day(cert.notAfter)}, within ${EXPIRY_MARGIN_DAYS} days`];
    const missing = entry.policyArns.filter((arn) => !(facts.rolePolicyArns ?? []).includes(arn));
    if (missing.length)
        return ['update', `role lacks ${missing.join(', ')}`];
    return ['ok', `certificate ${ageDays} days old, rotated in ${Math.min(entry.rotateAfterDays - ageDays, leftDays - EXPIRY_MARGIN_DAYS)} days`];
}
const day = (d) => d.toISOString().slice(0, 10);
/** One line per repository, aligned: action, repository, name, why. */
function formatSyncPlan(items) {
    const width = Math.max(10, ...items.map((i) => describeTarget(i.target).length));
    return items.map((i) => `  ${i.action.padEnd(8)} ${describeTarget(i.target).padEnd(width)}  ${i.name}  (${i.reason})`).join('\n');
}
/** How many of each action, e.g. "1 create, 2 ok". */
function summarizeSyncPlan(items) {
    const counts = new Map();
    for (const i of items)
        counts.set(i.action, (counts.get(i.action) ?? 0) + 1);
    return [...counts].map(([a, n]) => `${n} ${a}`).join(', ') || 'nothing listed, nothing to revoke';
}

;// CONCATENATED MODULE: ./src/bootstrap/sync.ts
/**
 * `bootstrap sync`: reads what GitHub and AWS hold for operator.yaml, plans (sync-plan.ts), then applies each
 * repository's action a few at a time through the same delivery as `bootstrap iot|rotate|revoke --github-repo`.
 * Revocations run first, so a repository listed under a new name is freed before it is provisioned again.
 */










const DEFAULT_CONCURRENCY = 4;
async function sync(options) {
    const limit = options.concurrency ?? DEFAULT_CONCURRENCY;
    const state = await discoverSync(options.config, options.github, options.clients, limit);
    const items = planSync(options.config, state, options.now ?? new Date(), createdByMark);
    if (options.dryRun)
        return { items, outcomes: items.map((item) => ({ item, applied: false, notes: [] })), failed: 0 };
    const revokes = items.filter((i) => i.action === 'revoke');
    const others = items.filter((i) => i.action !== 'revoke');
    const outcomes = [...(await eachLimited(revokes, limit, (i) => applyItem(i, options))), ...(await eachLimited(others, limit, (i) => applyItem(i, options)))];
    return { items, outcomes, failed: outcomes.filter((o) => o.error !== undefined).length };
}
/** The owned things that serve a repository, and for each listed repository its variables and certificate. */
async function discoverSync(config, github, clients, limit) {
    const things = await managedThings(clients);
    const repositories = new Map();
    await eachLimited(config.repositories, limit, async (entry) => {
        repositories.set(targetKey(entry.target), await repositoryFacts(entry, github, clients));
    });
    return { repositories, things };
}
async function managedThings(clients) {
    const out = [];
    let nextToken;
    do {
        let page;
        try {
            page = await clients.iot.send(new client_iot_dist_cjs/* ListThingsCommand */.b7P({ attributeName: CREATED_BY_KEY, attributeValue: CREATED_BY_VALUE, maxResults: 250, nextToken }));
        }
        catch (err) {
            throw sdkError('iot:ListThings', err, 'sync needs iot:ListThings to find the repositories it provisioned');
        }
        for (const t of page.things ?? []) {
            const repo = t.attributes?.['github-repo'];
            if (!t.thingName || !repo)
                continue;
            try {
                out.push({ thingName: t.thingName, target: parseGithubTarget(repo, t.attributes?.['github-environment']) });
            }
            catch {
                // An attribute bootstrap did not write: the thing is not sync's to manage.
            }
        }
        nextToken = page.nextToken;
    } while (nextToken);
    return out;
}
async function repositoryFacts(entry, github, clients) {
    const all = await github.listVariables(entry.target);
    if (all === undefined && !entry.target.environment)
        return { found: false };
    // An environment not created yet answers 404 too; the repository itself is checked when it is written to.
    const vars = parseVariables(all ?? {});
    const facts = { found: true };
    if (vars.createdBy !== undefined)
        facts.createdBy = vars.createdBy;
    if (vars.certificateId)
        facts.certificateId = vars.certificateId;
    if (vars.pending)
        facts.pending = vars.pending;
    if (vars.certificateId) {
        const cert = await describeCertificate(clients, vars.certificateId);
        if (cert)
            facts.certificate = cert;
    }
    if (entry.policyArns.length)
        facts.rolePolicyArns = await rolePolicies(clients, `${entry.name}-role`);
    return facts;
}
async function describeCertificate(clients, id) {
    try {
        const d = (await clients.iot.send(new client_iot_dist_cjs/* DescribeCertificateCommand */.iIX({ certificateId: id }))).certificateDescription;
        if (!d?.certificatePem)
            return undefined;
        const x509 = new external_node_crypto_.X509Certificate(d.certificatePem);
        return { id, status: d.status ?? 'UNKNOWN', notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo) };
    }
    catch (err) {
        if (isNotFound(err))
            return undefined;
        throw sdkError('iot:DescribeCertificate', err, 'sync reads each certificate to know its age');
    }
}
async function rolePolicies(clients, roleName) {
    const arns = [];
    let marker;
    try {
        do {
            const page = await clients.iam.send(new dist_cjs/* ListAttachedRolePoliciesCommand */.wfM({ RoleName: roleName, Marker: marker }));
            for (const p of page.AttachedPolicies ?? [])
                if (p.PolicyArn)
                    arns.push(p.PolicyArn);
            marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
    }
    catch (err) {
        if (isNotFound(err))
            return [];
        throw sdkError('iam:ListAttachedRolePolicies', err, '');
    }
    return arns;
}
async function applyItem(item, options) {
    const outcome = { item, applied: false, notes: [] };
    if (item.action === 'ok' || item.action === 'blocked')
        return outcome;
    const where = describeTarget(item.target);
    options.log?.(`  ${item.action.padEnd(8)} ${where}`);
    try {
        const common = {
            name: item.name, region: options.region, github: options.github, target: item.target, clients: options.clients,
            ...(item.entry?.policyArns.length ? { policyArns: item.entry.policyArns } : {}),
            ...(options.endpoint ? { endpoint: options.endpoint } : {}),
            ...(options.caCertificate ? { caCertificate: options.caCertificate } : {}),
            ...(options.verify ? { verify: options.verify } : {}),
        };
        const kind = item.action === 'rotate' ? 'rotate' : item.action === 'revoke' ? 'revoke' : 'ensure';
        const res = await deliverToRepository(kind, common);
        outcome.notes.push(...res.notes);
        if (kind === 'revoke') {
            const revoked = res.steps.filter((s) => s.resource === 'certificate' && s.action === 'deactivate').map((s) => s.name);
            outcome.notes.push(...(await cleanUp(item.name, revoked, options)));
        }
        outcome.applied = true;
    }
    catch (err) {
        outcome.error = err.message;
    }
    return outcome;
}
/** What bootstrap created for a revoked repository, removed; a thing type AWS cannot delete yet is named. */
async function cleanUp(name, revokedIds, options) {
    const desired = iotDesired(name, options.region);
    const state = await discoverIot(options.clients, desired, undefined, revokedIds);
    const steps = planDestroy(state, desired);
    const typeSteps = steps.filter((s) => s.resource === 'thing-type' && s.action === 'delete');
    const ctx = { clients: options.clients, desired: { iot: desired }, resolved: resolvedFromIot(state), ...(options.log ? { log: options.log } : {}) };
    await apply(steps.filter((s) => !typeSteps.includes(s)), ctx);
    try {
        await apply(typeSteps, ctx);
        return [];
    }
    catch {
        return [`thing type ${desired.thingTypeName} is deprecated; AWS IoT deletes it only 5 minutes later: run 'bootstrap destroy ${name}' then`];
    }
}
/** Runs `fn` over `items`, at most `limit` at a time, in order of the results. */
async function eachLimited(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/cli/sync-command.ts
/** `bootstrap sync --config operator.yaml`: the file read and checked, the plan printed, applied unless --dry-run. */







async function syncCommand(get, io, settings) {
    const file = get('config');
    if (!file)
        throw new errors/* InputError */.dz('config', 'is required', 'Give the desired state: bootstrap sync --config operator.yaml (see schemas/operator.schema.json)');
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(file, 'utf8');
    }
    catch (err) {
        throw new errors/* InputError */.dz('config', `${file} cannot be read (${err.code ?? 'error'})`, 'Check the path');
    }
    const config = parseOperatorConfig(text, file);
    const concurrency = get('concurrency') ? (0,values/* parseInteger */.cG)(get('concurrency'), 'concurrency', 1, 32, 'repositories at a time') : DEFAULT_CONCURRENCY;
    const result = await sync({ ...settings, config, concurrency, log: (line) => io.stderr(`${line}\n`) });
    const heading = settings.dryRun ? 'Dry run, nothing was changed. The plan' : 'Done';
    io.stdout(`bootstrap sync --config ${file}\n${heading} (${summarizeSyncPlan(result.items)}):\n${formatSyncPlan(result.items) || '  (nothing)'}\n`);
    for (const o of result.outcomes) {
        for (const n of o.notes)
            io.stdout(`Note: ${describeTarget(o.item.target)}: ${n}\n`);
        if (o.error)
            io.stdout(`Failed: ${o.item.action} ${describeTarget(o.item.target)}: ${o.error}\n`);
    }
    if (result.failed)
        return 3;
    return result.items.some((i) => i.action === 'blocked') ? 1 : 0;
}

// EXTERNAL MODULE: ./src/cli/settings.ts
var settings = __webpack_require__(1957);
;// CONCATENATED MODULE: ./src/cli/bootstrap-command.ts
/** `bootstrap iot|oidc|rotate|revoke|destroy`: flags in, the library's bootstrap functions, the plan and next steps out. */














const SUBCOMMANDS = ['iot', 'oidc', 'rotate', 'revoke', 'destroy', 'sync'];
async function bootstrapCommand(args, io) {
    const [sub, name, extra] = args.rest;
    if (!sub || !SUBCOMMANDS.includes(sub))
        throw new cli_args/* UsageError */.eb(`bootstrap needs one of: ${SUBCOMMANDS.join(', ')} (see 'help bootstrap')`);
    if (extra !== undefined)
        throw new cli_args/* UsageError */.eb(`bootstrap ${sub} takes one name, not '${extra}'`);
    const get = (0,settings/* settingsReader */.f6)(args.flags, io.env, undefined);
    if (sub !== 'oidc' && name !== undefined) {
        for (const flag of ['repo', 'branch', 'tag', 'environment', 'role-name', 'i-understand-any-repo', 'operator']) {
            if (args.flags.has(flag))
                throw new cli_args/* UsageError */.eb(`--${flag} belongs to bootstrap oidc, not bootstrap ${sub}`);
        }
    }
    const region = (0,values/* parseRegion */.cf)(get('aws-region'), 'aws-region');
    // This CLI supports Node 20 on purpose; the SDK's notice about its future Node 22 floor would only clutter stderr.
    process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
    const attempts = get('retry-max-attempts');
    const maxAttempts = attempts ? (0,values/* parseInteger */.cG)(attempts, 'retry-max-attempts', 1, 20, 'attempts') : undefined;
    if (sub === 'sync') {
        if (name !== undefined)
            throw new cli_args/* UsageError */.eb(`bootstrap sync takes no name; the repositories are in --config operator.yaml`);
        // Many calls in a row: more attempts, and the SDK's adaptive mode slows down after a Throttling answer.
        return syncCommand(get, io, {
            region, clients: createClients(region, maxAttempts ?? 8, 'adaptive'), github: githubFrom(get, io.env, (line) => io.stderr(`${line}\n`)), dryRun: get('dry-run') === 'true',
            ...(get('iot-credential-endpoint') ? { endpoint: get('iot-credential-endpoint') } : {}),
            ...(get('ca-certificate') ? { caCertificate: readCa(get('ca-certificate')) } : {}),
        });
    }
    const clients = createClients(region, maxAttempts);
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
            allowAnyRepo: get('i-understand-any-repo') === 'true', operator: get('operator') === 'true', dryRun, clients, log,
        });
        report(io, `bootstrap oidc --repo ${repo}`, res.steps, res.applied, res.notes);
        if (res.applied && res.roleArn)
            io.stdout(`\nRole: ${res.roleArn}\nWorkflow:\n${oidcWorkflowSnippet(region, res.roleArn)}\n`);
        return 0;
    }
    if (!name)
        throw new cli_args/* UsageError */.eb(`bootstrap ${sub} needs a name, e.g. bootstrap ${sub} my-repo-runner`);
    if (get('github-repo')) {
        if (sub === 'destroy')
            throw new cli_args/* UsageError */.eb('bootstrap destroy works on files; revoke the repository first (bootstrap revoke <name> --github-repo ...), then destroy');
        const target = parseGithubTarget(get('github-repo'), get('github-environment'));
        const res = await deliverToRepository(sub === 'iot' ? 'ensure' : sub, {
            name, region, github: githubFrom(get, io.env, log), target, policyArns, dryRun, clients, log,
            ...(get('duration-seconds') ? { durationSeconds: (0,values/* parseInteger */.cG)(get('duration-seconds'), 'duration-seconds', 900, 43200, 'seconds') } : {}),
            ...(get('out') ? { out: get('out') } : {}),
            ...(get('iot-credential-endpoint') ? { endpoint: get('iot-credential-endpoint') } : {}),
            ...(get('ca-certificate') ? { caCertificate: readCa(get('ca-certificate')) } : {}),
        });
        report(io, `bootstrap ${sub} ${name} --github-repo ${get('github-repo')}`, res.steps, res.applied, res.notes);
        io.stdout(`GitHub (${res.applied ? 'done' : 'planned'}):\n${res.github.map((l) => `  ${l}`).join('\n') || '  (nothing)'}\n`);
        if (res.applied && sub !== 'revoke')
            io.stdout(`\nWorkflow step (secrets and variables by name):\n${repositoryWorkflowSnippet(target)}\n`);
        return 0;
    }
    if (get('github-environment'))
        throw new cli_args/* UsageError */.eb('--github-environment needs --github-repo');
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
/** GITHUB_TOKEN and GITHUB_API_URL, as a runner sets them (an App token in the operator workflow). */
function githubFrom(get, env, log) {
    const interval = get('github-write-interval-ms');
    return githubActions({
        token: env['GITHUB_TOKEN'] ?? '',
        baseUrl: env['GITHUB_API_URL'] || 'https://api.github.com',
        log,
        ...(interval ? { writeIntervalMs: (0,values/* parseInteger */.cG)(interval, 'github-write-interval-ms', 0, 60000, 'milliseconds') } : {}),
    });
}
function readCa(value) {
    return value.includes('-----BEGIN') ? value : (0,external_node_fs_.readFileSync)(value, 'utf8');
}


/***/ }),

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


/***/ }),

/***/ 7873:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GU: () => (/* binding */ requireSecureEndpoint),
/* harmony export */   Ng: () => (/* binding */ describeUrl),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * Where an id-token, a bearer or a signed request may be sent: https anywhere, plain http only to a host written as
 * loopback. Pure: the check reads the URL as written and never resolves a name.
 */

/** Parses `value` and refuses cleartext to anything but loopback, and any user name or password in the URL. */
function requireSecureEndpoint(value, what) {
    let url;
    try {
        url = new URL(value.trim());
    }
    catch {
        // Not echoed: a value that is not a URL may be anything, a secret pasted into the wrong setting included.
        const why = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? '' : ' (it does not start with https://)';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, `is not a URL${why}`, `Set ${what} to an https:// URL`);
    }
    if (url.username || url.password) {
        // Never printed: the URL's user information is most likely a password.
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, 'has a user name or password in the URL (not shown)', 'Remove the user information: AWS endpoints take none, and it would be sent and logged as part of the URL');
    }
    if (url.protocol === 'https:')
        return url;
    if (url.protocol !== 'http:') {
        // Echoed only as scheme://host: in 'user:secret@host' the URL parser reads 'user:' as the scheme.
        const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? `'${describeUrl(url)}' ` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, `${shown}is not an http(s) URL`, `Set ${what} to an https:// URL`);
    }
    if (!isLoopbackHost(url.hostname)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(what, `'${describeUrl(url)}' is plain http:// to a host that is not loopback, so tokens and signed requests would cross the network in clear text`, 'Use https://; plain http:// is accepted only for 127.0.0.1, [::1] or localhost (a local stand-in)');
    }
    return url;
}
/** True for a host written as loopback: 127.0.0.0/8, [::1] or `localhost`; a name that merely resolves there is not. */
function isLoopbackHost(hostname) {
    if (hostname === 'localhost' || hostname === '[::1]')
        return true;
    // WHATWG URL parsing has already turned every IPv4 spelling (127.1, 0x7f.0.0.1) into dotted decimal.
    const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
    return octets !== null && octets[1] === '127';
}
/** A URL as it may be printed: scheme, host, port and path, never user information, query or fragment. */
function describeUrl(url) {
    let parsed;
    try {
        parsed = typeof url === 'string' ? new URL(url) : url;
    }
    catch {
        return '(not a URL)';
    }
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}


/***/ }),

/***/ 1574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GK: () => (/* binding */ describeProxy),
/* harmony export */   Pr: () => (/* binding */ parseProxyUrl),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export noProxyMatches */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/** Which proxy a request goes through: `http-proxy` if given, else HTTPS_PROXY/HTTP_PROXY, minus NO_PROXY. Pure. */

function envValue(env, name) {
    return env[name.toLowerCase()] || env[name.toUpperCase()] || undefined;
}
/** The proxy URL for `target`, or undefined for a direct connection. `explicit` is the `http-proxy` input. */
function proxyFor(target, env, explicit) {
    const raw = explicit || (target.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy'));
    if (!raw)
        return undefined;
    if (noProxyMatches(target, envValue(env, 'no_proxy') ?? ''))
        return undefined;
    return parseProxyUrl(raw, explicit ? 'http-proxy' : target.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY');
}
function parseProxyUrl(raw, input) {
    let url;
    try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'is not a proxy URL', 'Use http://host:port (credentials, if any, as http://user:password@host:port)');
    }
    if (url.protocol !== 'http:') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `uses ${url.protocol.replace(':', '')}, which is not supported`, 'Use an http:// proxy; HTTPS requests are tunnelled through it with CONNECT, so TLS stays end to end');
    }
    return url;
}
/** NO_PROXY as curl reads it: `*`, host names (a leading dot or not: the name and its subdomains), IPs, optional `:port`. */
function noProxyMatches(target, noProxy) {
    const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = target.port || (target.protocol === 'https:' ? '443' : '80');
    for (const entry of noProxy.split(/[\s,]+/).map((e) => e.trim().toLowerCase()).filter(Boolean)) {
        if (entry === '*')
            return true;
        // A bare IPv6 address has colons of its own: only a bracketed one can carry a port.
        const match = (entry.split(':').length > 2 && !entry.startsWith('[')) ? [entry, entry, undefined] : /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(entry);
        if (!match)
            continue;
        const [, name = '', entryPort] = match;
        if (entryPort && entryPort !== port)
            continue;
        const bare = name.replace(/^\*?\./, '');
        if (host === bare || host.endsWith(`.${bare}`))
            return true;
    }
    return false;
}
/** A proxy URL safe to print: without its credentials. */
function describeProxy(proxy) {
    return `${proxy.protocol}//${proxy.host}`;
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


/***/ }),

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
