/**
 * `bootstrap iot <name>` and its lifecycle (rotate, revoke, destroy): discover, plan, apply, then the files under
 * `<out>/<name>/` (certificate, private key with mode 0600, public key, certificate id, auth.yaml).
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { join } from 'node:path';
import { DescribeEndpointCommand } from '@aws-sdk/client-iot';
import { formatAuthFile } from '../config/auth-file.js';
import { apply, resolvedFromIot, type NewCertificate } from './apply.js';
import { createClients, discoverIot, sdkError, type BootstrapClients } from './discover.js';
import { iotDesired, planDestroy, planIot, planRevoke, planRotate, type IotDesired, type Step } from './plan.js';
import { localKeyMissing } from './advice.js';

export interface IotOptions {
  name: string;
  region: string;
  /** Parent of `<name>/`; default `./output`. */
  out?: string;
  durationSeconds?: number;
  policyArns?: string[];
  /** Plan only: no call that writes, no file written. */
  dryRun?: boolean;
  /** For revoke: one certificate instead of all of the thing's. */
  certificateId?: string;
  clients?: BootstrapClients;
  log?: (line: string) => void;
}

export interface IotResult {
  steps: Step[];
  applied: boolean;
  /** `<out>/<name>` */
  dir: string;
  endpoint?: string;
  /** auth.yaml, when it was written. */
  authFile?: string;
  /** Things the operator should know (never a secret). */
  notes: string[];
  desired: IotDesired;
}

export const FILES = {
  certificate: 'certificate.pem',
  privateKey: 'private.key',
  publicKey: 'public.key',
  certificateId: 'certificate.id',
  retired: 'retired-certificate.ids',
  auth: 'auth.yaml',
} as const;

/** Secrets a workflow needs, by name, and the file each one's value is in. */
export const IOT_SECRETS = [
  { name: 'IOT_CERTIFICATE', file: FILES.certificate },
  { name: 'IOT_PRIVATE_KEY', file: FILES.privateKey },
] as const;

type Kind = 'ensure' | 'rotate' | 'revoke' | 'destroy';

export const bootstrapIot = (options: IotOptions): Promise<IotResult> => run('ensure', options);
export const rotate = (options: IotOptions): Promise<IotResult> => run('rotate', options);
export const revoke = (options: IotOptions): Promise<IotResult> => run('revoke', options);
export const destroy = (options: IotOptions): Promise<IotResult> => run('destroy', options);

async function run(kind: Kind, options: IotOptions): Promise<IotResult> {
  const desired = iotDesired(options.name, options.region, {
    ...(options.durationSeconds !== undefined ? { durationSeconds: options.durationSeconds } : {}),
    ...(options.policyArns ? { policyArns: options.policyArns } : {}),
  });
  const dir = join(options.out ?? 'output', options.name);
  const clients = options.clients ?? createClients(options.region);
  const localId = readLocalCertificateId(dir);
  // Certificates a rotation or revocation detached are found again through this list, so destroy can delete them.
  const retired = readRetiredIds(dir);
  const state = await discoverIot(clients, desired, localId, retired);
  const steps =
    kind === 'ensure'
      ? planIot(state, desired)
      : kind === 'rotate'
        ? planRotate(state, desired)
        : kind === 'revoke'
          ? planRevoke(state, desired, options.certificateId)
          : planDestroy(state, desired);
  const result: IotResult = { steps, applied: false, dir, notes: [], desired };
  if (options.dryRun) return result;

  const retiring = steps.filter((s) => s.action === 'deactivate' && s.resource === 'certificate').map((s) => s.name);
  if (kind !== 'destroy' && retiring.length) writeRetiredIds(dir, [...retired, ...retiring]);
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
    result.notes.push(
      `The revoked certificate can no longer obtain credentials; run 'bootstrap rotate ${desired.name}' for a new one.`,
    );
    return result;
  }
  const current = readLocalCertificateId(dir);
  const attached = new Set(
    steps.filter((s) => s.resource === 'thing-principal' && s.action !== 'detach').map((s) => s.name),
  );
  const usable =
    current !== undefined &&
    (attached.has(current) || steps.some((s) => s.action === 'create' && s.resource === 'certificate'));
  result.endpoint = await credentialEndpoint(clients);
  if (!usable) {
    result.notes.push(localKeyMissing(desired.thingName, dir, desired.name));
    return result;
  }
  result.authFile = join(dir, FILES.auth);
  writeFileSync(result.authFile, authFileText(desired, result.endpoint));
  return result;
}

/** The credentials-provider endpoint of the account and region (`DescribeEndpoint iot:CredentialProvider`). */
export async function credentialEndpoint(clients: BootstrapClients): Promise<string> {
  try {
    const out = await clients.iot.send(new DescribeEndpointCommand({ endpointType: 'iot:CredentialProvider' }));
    if (!out.endpointAddress) throw new Error('no endpointAddress in the answer');
    return out.endpointAddress;
  } catch (err) {
    throw sdkError('iot:DescribeEndpoint', err, 'Everything else is in place; re-run to write auth.yaml');
  }
}

/** auth.yaml for `credential-process --auth`: the action's input names, paths relative to the file. */
function authFileText(desired: IotDesired, endpoint: string): string {
  return formatAuthFile(
    [
      ['mode', 'iot-certificate'],
      ['aws-region', desired.region],
      ['iot-credential-endpoint', endpoint],
      ['role-alias', desired.roleAliasName],
      ['thing-name', desired.thingName],
      ['certificate', FILES.certificate],
      ['private-key', FILES.privateKey],
    ],
    `written by aws-short-lived-credentials bootstrap iot ${desired.name}`,
  );
}

/** The workflow step that uses what bootstrap created; secrets by name only. */
export function workflowSnippet(desired: IotDesired, endpoint: string): string {
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

function readRetiredIds(dir: string): string[] {
  try {
    return readFileSync(join(dir, FILES.retired), 'utf8')
      .split(/\s+/)
      .filter((id) => /^[0-9a-f]{16,128}$/.test(id));
  } catch {
    return [];
  }
}

function writeRetiredIds(dir: string, ids: string[]): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(join(dir, FILES.retired), [...new Set(ids)].join('\n') + '\n');
}

function readLocalCertificateId(dir: string): string | undefined {
  try {
    const id = readFileSync(join(dir, FILES.certificateId), 'utf8').trim();
    return /^[0-9a-f]{16,128}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Writes a new certificate's files, each by rename so none is ever half-written; the key is mode 0600 throughout. */
export function writeCertificateFiles(dir: string, cert: NewCertificate): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const put = (name: string, text: string, mode: number) => {
    const tmp = join(dir, `.${name}.tmp`);
    rmSync(tmp, { force: true });
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    chmodSync(tmp, mode);
    renameSync(tmp, join(dir, name));
  };
  put(FILES.privateKey, cert.privateKey, 0o600);
  put(FILES.certificate, cert.certificatePem, 0o644);
  if (cert.publicKey) put(FILES.publicKey, cert.publicKey, 0o644);
  // Last: the id says which certificate the files hold, so a re-run finds and reuses it.
  put(FILES.certificateId, `${cert.id}\n`, 0o644);
}

function removeFiles(dir: string): void {
  for (const f of Object.values(FILES)) rmSync(join(dir, f), { force: true });
  try {
    if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // A directory with other files in it stays.
  }
}
