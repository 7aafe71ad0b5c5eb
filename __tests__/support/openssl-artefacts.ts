/**
 * Keys, certificates and containers made by the openssl CLI, for the tests of src/pki/: the parsers are checked against
 * what the most common producer writes (traditional and encrypted keys, legacy PKCS#12, DSA, ed25519), which the
 * Node-only builder in __tests__/standins/pki.ts cannot make. Made at test time in a temp dir; no key is committed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Workspace {
  dir: string;
  path(name: string): string;
  /** Runs openssl in the workspace; returns stdout. */
  openssl(...args: string[]): string;
  read(name: string): string;
  write(name: string, content: string | Buffer): string;
  cleanup(): void;
}

export function workspace(): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'pki-test-'));
  const path = (name: string) => join(dir, name);
  return {
    dir,
    path,
    openssl: (...args) =>
      execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8'),
    read: (name) => readFileSync(path(name), 'utf8'),
    write: (name, content) => {
      writeFileSync(path(name), content);
      return path(name);
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type KeySpec = 'rsa2048' | 'rsa3072' | 'p256' | 'p384';

/** Writes `<name>.pem`, an unencrypted PKCS#8 key, and returns its text. */
export function genKey(ws: Workspace, spec: KeySpec, name: string): string {
  const args =
    spec === 'rsa2048' || spec === 'rsa3072'
      ? ['-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${spec.slice(3)}`]
      : ['-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${spec === 'p256' ? 'P-256' : 'P-384'}`];
  ws.openssl('genpkey', ...args, '-out', `${name}.pem`);
  return ws.read(`${name}.pem`);
}

/** A self-signed certificate for `<key>.pem`, written to `<name>.pem`; returns its text. */
export function selfSigned(ws: Workspace, key: string, name: string, extra: string[] = []): string {
  ws.openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    `${key}.pem`,
    '-subj',
    `/CN=${name}`,
    '-days',
    '30',
    '-out',
    `${name}.pem`,
    ...extra,
  );
  return ws.read(`${name}.pem`);
}

/** A certificate for `<key>.pem` issued by `<issuer>.pem`/`<issuerKey>.pem`; `ca` makes it able to issue. */
export function issue(
  ws: Workspace,
  key: string,
  name: string,
  issuer: string,
  issuerKey: string,
  ca: boolean,
): string {
  ws.openssl('req', '-new', '-key', `${key}.pem`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  const ext = ca
    ? 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n'
    : 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n';
  ws.write(`${name}.ext`, ext);
  ws.openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${issuer}.pem`,
    '-CAkey',
    `${issuerKey}.pem`,
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  );
  return ws.read(`${name}.pem`);
}
