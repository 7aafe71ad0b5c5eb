/**
 * `bootstrap iot|rotate|revoke <name> --github-repo owner/name`: the IoT side as `bootstrap iot` makes it, delivered
 * straight into a repository's (or environment's) Actions secrets and variables. The private key lives only in memory
 * between CreateKeysAndCertificate and the sealed PUT. Rotation never breaks a running pipeline: the new certificate
 * is attached and verified, then delivered, and only then is the old one deactivated and detached.
 */
import { apply, resolvedFromIot, type NewCertificate } from './apply.js';
import { createClients, discoverIot, type BootstrapClients } from './discover.js';
import type { GithubActions } from './github.js';
import { describeTarget, type GithubTarget } from './github-target.js';
import { IOT_SECRETS, credentialEndpoint, writeCertificateFiles } from './iot.js';
import { iotDesired, planIot, planRevoke, planRotate, type IotDesired, type IotState, type Step } from './plan.js';
import { CREATED_BY_VALUE } from './policies.js';
import { verifyNewCertificate, type Verified } from './verify.js';
import { join } from 'node:path';
import { AwsError } from '../errors.js';
import { repositoryKeyMissing, unfinishedRotation } from './advice.js';

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
} as const;

export const createdByMark = (name: string): string => `${CREATED_BY_VALUE} ${name}`;

export interface RepositoryOptions {
  name: string;
  region: string;
  github: GithubActions;
  target: GithubTarget;
  durationSeconds?: number;
  policyArns?: string[];
  /** The boundary the role is created with (sync: the operator's). */
  permissionsBoundaryArn?: string;
  thingTypeName?: string;
  /** Also write the files under `<out>/<name>/` (otherwise the key exists only in GitHub). */
  out?: string;
  /** The credentials-provider endpoint to store and verify against; default DescribeEndpoint's answer. */
  endpoint?: string;
  caCertificate?: string;
  dryRun?: boolean;
  clients?: BootstrapClients;
  log?: (line: string) => void;
  /** Injected for tests of a rotation that stops half-way. */
  verify?: typeof verifyNewCertificate;
}

interface RepositoryResult {
  steps: Step[];
  /** What happens in GitHub, one line each (names only). */
  github: string[];
  applied: boolean;
  desired: IotDesired;
  endpoint?: string;
  verified?: Verified;
  notes: string[];
}

type RepositoryKind = 'ensure' | 'rotate' | 'revoke';

/** The thing attributes that tie a thing to the repository it serves (sync finds its repositories by them). */
function repositoryAttributes(target: GithubTarget): Record<string, string> {
  return {
    'github-repo': `${target.owner}/${target.repo}`,
    ...(target.environment ? { 'github-environment': target.environment } : {}),
  };
}

export async function deliverToRepository(kind: RepositoryKind, options: RepositoryOptions): Promise<RepositoryResult> {
  const desired = iotDesired(options.name, options.region, {
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    ...(options.policyArns ? { policyArns: options.policyArns } : {}),
    ...(options.thingTypeName ? { thingTypeName: options.thingTypeName } : {}),
    ...(options.permissionsBoundaryArn ? { permissionsBoundaryArn: options.permissionsBoundaryArn } : {}),
    attributes: repositoryAttributes(options.target),
  });
  const { github, target } = options;
  const where = describeTarget(target);
  const clients = options.clients ?? createClients(options.region);
  const current = await readVariables(github, target);
  const mine = current.createdBy === createdByMark(desired.name);
  if (current.createdBy !== undefined && !mine) {
    throw new AwsError(
      `bootstrap ${kind}`,
      'NotOurs',
      `${where} has ${GITHUB_VARIABLES.createdBy}=${current.createdBy}`,
      `Its secrets belong to another bootstrap; use that name or another repository/environment`,
      false,
    );
  }
  // With a delivery pending, the secrets may hold the old key or the new one: neither is trusted, both stay active.
  const localId = current.pending ? undefined : current.certificateId;
  const state = trustedCertificates(await discoverIot(clients, desired, localId));
  const hasLocal =
    localId !== undefined &&
    state.certificates.some((c) => c.id === localId && c.status === 'ACTIVE' && c.attachedToThing);
  const needsCertificate =
    kind === 'rotate' ||
    (kind === 'ensure' &&
      !hasLocal &&
      state.thing !== undefined &&
      state.policy !== undefined &&
      state.roleAlias !== undefined);
  // A rotation always mints and delivers; the certificate GitHub holds is then one of those retired.
  const rotation = needsCertificate ? planRotate({ ...state, localCertificateId: undefined } as IotState, desired) : [];
  // Bootstrapping a repository never retires a certificate someone else may hold (files from 'bootstrap iot').
  const steps =
    kind === 'revoke'
      ? planRevoke(state, desired)
      : kind === 'rotate'
        ? rotation
        : needsCertificate
          ? rotation.filter((s) => s.action !== 'deactivate' && s.action !== 'detach')
          : planIot(state, desired);
  const result: RepositoryResult = { steps, github: [], applied: false, desired, notes: [] };
  if (current.pending) result.notes.push(unfinishedRotation(where, current.pending));
  const minting = steps.some((s) => s.action === 'create' && s.resource === 'certificate');

  if (kind === 'revoke') {
    result.github = mine
      ? [
          ...IOT_SECRETS.map((s) => `delete secret ${s.name}`),
          ...Object.values(GITHUB_VARIABLES)
            .filter((v) => v in current.raw)
            .map((v) => `delete variable ${v}`),
        ]
      : [`nothing: no ${GITHUB_VARIABLES.createdBy} mark in ${where}`];
    if (options.dryRun) return result;
    await apply(steps, {
      clients,
      desired: { iot: desired },
      resolved: resolvedFromIot(state),
      ...(options.log ? { log: options.log } : {}),
    });
    if (mine) await removeFromRepository(github, target, current.raw);
    result.applied = true;
    return result;
  }

  result.github = [
    ...(target.environment ? [`ensure environment ${target.environment}`] : []),
    ...(minting ? IOT_SECRETS.map((s) => `put secret ${s.name}`) : []),
    ...variableLines(current.raw, desired, minting),
  ];
  if (options.dryRun) return result;

  const retiring: Step[] = steps.filter((s) => s.action === 'deactivate' || s.action === 'detach');
  const setup = steps.filter((s) => !retiring.includes(s));
  let fresh: NewCertificate | undefined;
  await github.ensureEnvironment(target);
  const resolved = resolvedFromIot(state);
  await apply(setup, {
    clients,
    desired: { iot: desired },
    resolved,
    onCertificate: (cert) => {
      fresh = cert;
      if (options.out) writeCertificateFiles(join(options.out, desired.name), cert);
    },
    ...(options.log ? { log: options.log } : {}),
  });
  // Never the repository's IOT_CREDENTIAL_ENDPOINT: its admins may point it anywhere, and the new key is shown to it.
  const endpoint = options.endpoint ?? (await credentialEndpoint(clients));
  result.endpoint = endpoint;
  if (fresh) {
    result.verified = await (options.verify ?? verifyNewCertificate)({
      certificatePem: fresh.certificatePem,
      privateKey: fresh.privateKey,
      endpoint,
      roleAlias: desired.roleAliasName,
      thingName: desired.thingName,
      ...(options.caCertificate ? { caCertificate: options.caCertificate } : {}),
    });
    if (result.verified === 'signature-only')
      result.notes.push(
        `${endpoint} could not be reached from here, so the new certificate was checked by signature only.`,
      );
    await deliver(github, target, desired, endpoint, fresh, current.raw);
    options.log?.(`  done       github                secrets and variables of ${where}`);
  } else {
    await setVariables(github, target, desired, endpoint, current.certificateId, current.raw);
    if (!hasLocal)
      result.notes.push(repositoryKeyMissing(desired.thingName, where, desired.name, `${target.owner}/${target.repo}`));
  }
  await apply(retiring, { clients, desired: { iot: desired }, resolved, ...(options.log ? { log: options.log } : {}) });
  result.applied = true;
  return result;
}

/**
 * IOT_CERTIFICATE_ID is a repository's variable, which its admins can set to any certificate of the region: the one it
 * names counts only when it is attached to the thing, so a rotation or revocation never reaches another's certificate.
 */
function trustedCertificates(state: IotState): IotState {
  const id = state.localCertificateId;
  if (id === undefined || state.certificates.some((c) => c.id === id && c.attachedToThing)) return state;
  const { localCertificateId: _, ...rest } = state;
  return { ...rest, certificates: state.certificates.filter((c) => c.id !== id) };
}

interface RepositoryVariables {
  raw: Record<string, string>;
  certificateId?: string;
  pending?: string;
  createdBy?: string;
  endpoint?: string;
}

async function readVariables(github: GithubActions, target: GithubTarget): Promise<RepositoryVariables> {
  return parseVariables((await github.listVariables(target)) ?? {});
}

/** Bootstrap's variables out of all of a repository's, ids checked. */
export function parseVariables(all: Record<string, string>): RepositoryVariables {
  const raw: Record<string, string> = {};
  for (const name of Object.values(GITHUB_VARIABLES)) if (all[name] !== undefined) raw[name] = all[name];
  const id = (v: string | undefined) => (v && /^[0-9a-f]{16,128}$/.test(v) ? v : undefined);
  const out: RepositoryVariables = { raw };
  const certificateId = id(raw[GITHUB_VARIABLES.certificateId]);
  const pending = id(raw[GITHUB_VARIABLES.pending]);
  if (certificateId) out.certificateId = certificateId;
  if (pending) out.pending = pending;
  if (raw[GITHUB_VARIABLES.createdBy] !== undefined) out.createdBy = raw[GITHUB_VARIABLES.createdBy];
  if (raw[GITHUB_VARIABLES.endpoint]) out.endpoint = raw[GITHUB_VARIABLES.endpoint];
  return out;
}

function wantedVariables(
  desired: IotDesired,
  endpoint: string | undefined,
  certificateId: string | undefined,
): Record<string, string> {
  return {
    [GITHUB_VARIABLES.createdBy]: createdByMark(desired.name),
    [GITHUB_VARIABLES.region]: desired.region,
    [GITHUB_VARIABLES.roleAlias]: desired.roleAliasName,
    [GITHUB_VARIABLES.thingName]: desired.thingName,
    ...(endpoint ? { [GITHUB_VARIABLES.endpoint]: endpoint } : {}),
    ...(certificateId ? { [GITHUB_VARIABLES.certificateId]: certificateId } : {}),
  };
}

function variableLines(raw: Record<string, string>, desired: IotDesired, minting: boolean): string[] {
  const lines = Object.entries(wantedVariables(desired, raw[GITHUB_VARIABLES.endpoint], undefined))
    .filter(([name, value]) => raw[name] !== value)
    .map(([name]) => `${raw[name] === undefined ? 'create' : 'update'} variable ${name}`);
  if (!raw[GITHUB_VARIABLES.endpoint]) lines.push(`create variable ${GITHUB_VARIABLES.endpoint}`);
  if (minting)
    lines.push(
      `${raw[GITHUB_VARIABLES.certificateId] ? 'update' : 'create'} variable ${GITHUB_VARIABLES.certificateId}`,
    );
  return lines;
}

async function setVariables(
  github: GithubActions,
  target: GithubTarget,
  desired: IotDesired,
  endpoint: string,
  certificateId: string | undefined,
  raw: Record<string, string>,
): Promise<void> {
  // The mark first: whatever else gets written is then known to be bootstrap's.
  for (const [name, value] of Object.entries(wantedVariables(desired, endpoint, certificateId)))
    await setKnown(github, target, raw, name, value);
}

/** Sets a variable given what the listing said (absent is known, so no read), and keeps `raw` in step with GitHub. */
async function setKnown(
  github: GithubActions,
  target: GithubTarget,
  raw: Record<string, string>,
  name: string,
  value: string,
): Promise<void> {
  await github.setVariable(target, name, value, raw[name] ?? null);
  raw[name] = value;
}

/** Pending id, secrets, settings, then the current id; the pending id cleared last. */
async function deliver(
  github: GithubActions,
  target: GithubTarget,
  desired: IotDesired,
  endpoint: string,
  cert: NewCertificate,
  raw: Record<string, string>,
): Promise<void> {
  await setKnown(github, target, raw, GITHUB_VARIABLES.createdBy, createdByMark(desired.name));
  await setKnown(github, target, raw, GITHUB_VARIABLES.pending, cert.id);
  await github.putSecrets(target, {
    [IOT_SECRETS[0].name]: cert.certificatePem,
    [IOT_SECRETS[1].name]: cert.privateKey,
  });
  await setVariables(github, target, desired, endpoint, cert.id, raw);
  await github.deleteVariable(target, GITHUB_VARIABLES.pending);
  delete raw[GITHUB_VARIABLES.pending];
}

/** Secrets first (they are what grants access), the mark last, so an interrupted removal is found and finished. */
async function removeFromRepository(
  github: GithubActions,
  target: GithubTarget,
  raw: Record<string, string>,
): Promise<void> {
  for (const s of IOT_SECRETS) await github.deleteSecret(target, s.name);
  for (const name of Object.values(GITHUB_VARIABLES))
    if (name !== GITHUB_VARIABLES.createdBy && name in raw) await github.deleteVariable(target, name);
  await github.deleteVariable(target, GITHUB_VARIABLES.createdBy);
}

/** The workflow step that reads what was delivered, by name. */
export function repositoryWorkflowSnippet(target: GithubTarget): string {
  const v = (name: string) => `\${{ vars.${name} }}`;
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
