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
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { InputError } from '../errors.js';
import { isAbsolute, join } from 'node:path';

const AUTH_FILE_VERSION = 1;

/** Keys whose values are paths, resolved against the file's directory. */
const PATH_KEYS = new Set([
  'certificate',
  'private-key',
  'certificate-chain',
  'ca-certificate',
  'web-identity-token-file',
  'credentials-file',
]);

const FLAT_MAP = 'auth.yaml holds one flat map of input names to values (key: value); see the README';

export function parseAuthFile(
  text: string,
  path: string,
  dir: string,
  known: ReadonlySet<string>,
): Map<string, string> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { schema: 'failsafe', lineCounter: lines, prettyErrors: false });
  const firstError = doc.errors[0];
  if (firstError) {
    // The library's message quotes the offending line, which may hold a key or passphrase: keep only its reason.
    const reason = firstError.message
      .split(/ at line \d|\n/)[0]!
      .replace(/\p{Cc}/gu, ' ')
      .slice(0, 120);
    const line = lines.linePos(firstError.pos[0]).line;
    throw new InputError(
      'auth',
      `${path} line ${line} is not valid YAML (${reason})`,
      'Fix the YAML; quote values that hold #, : or leading spaces',
    );
  }
  const lineOf = (offset: number | undefined): string =>
    offset === undefined ? '' : ` line ${lines.linePos(offset).line}`;
  const values = new Map<string, string>();
  if (doc.contents === null)
    throw new InputError('auth', `${path} is empty`, `Add 'version: ${AUTH_FILE_VERSION}' and the inputs; ${FLAT_MAP}`);
  if (!isMap(doc.contents)) throw new InputError('auth', `${path} is not a map of keys to values`, FLAT_MAP);
  for (const pair of doc.contents.items) {
    const where = lineOf((pair.key as { range?: number[] } | null)?.range?.[0]);
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string')
      throw new InputError('auth', `${path}${where} has a key that is not a plain name`, FLAT_MAP);
    const key = pair.key.value;
    if (!/^[a-z0-9-]+$/.test(key) || (key !== 'version' && !known.has(key))) {
      const shown = key.replace(/[^\w.-]/g, '?').slice(0, 40);
      throw new InputError(
        'auth',
        `${path}${where} has an unknown key '${shown}'`,
        'Use the action input names (aws-region, role-to-assume, certificate, ...)',
      );
    }
    if (pair.value !== null && (!isScalar(pair.value) || typeof pair.value.value !== 'string')) {
      throw new InputError(
        'auth',
        `${path}${where}: '${key}' is not a single value (a list or map is given)`,
        'Give one value; quote it if it holds YAML characters',
      );
    }
    const value = pair.value === null ? '' : (pair.value.value as string);
    values.set(
      key,
      PATH_KEYS.has(key) && value && !value.includes('-----BEGIN') && !isAbsolute(value) ? join(dir, value) : value,
    );
  }
  const version = values.get('version');
  if (version !== String(AUTH_FILE_VERSION)) {
    const shown = version === undefined ? '(none)' : version.replace(/[^\w.-]/g, '?').slice(0, 20);
    throw new InputError(
      'auth',
      `${path} has version ${shown}, this CLI reads version ${AUTH_FILE_VERSION}`,
      `Add 'version: ${AUTH_FILE_VERSION}' or upgrade the CLI`,
    );
  }
  values.delete('version');
  return values;
}

/** Writes values as auth.yaml text (bootstrap uses it); values with YAML-special characters are quoted. */
export function formatAuthFile(values: ReadonlyArray<readonly [string, string]>, comment: string): string {
  const lines = [`# ${comment}`, `version: ${AUTH_FILE_VERSION}`];
  // Plain only when no YAML reader could take it for anything else: a leading - or @, a trailing : or a leading digit
  // would.
  const plain = (v: string): boolean => /^[A-Za-z_./][\w./@:-]*$/.test(v) && !v.endsWith(':');
  for (const [k, v] of values) lines.push(`${k}: ${plain(v) ? v : JSON.stringify(v)}`);
  return lines.join('\n') + '\n';
}
