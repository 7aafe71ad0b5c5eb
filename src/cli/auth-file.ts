/**
 * `auth.yaml`, the CLI's configuration file (the one `bootstrap` writes): a flat map of action input names to values,
 * with a `version`. A strict subset of YAML, read without a YAML library. Pure.
 *
 *   version: 1
 *   mode: iot-certificate
 *   aws-region: us-east-1
 *   certificate: ./certificate.pem    # relative paths are relative to the file
 */
import { InputError } from '../errors.js';
import { isAbsolute, join } from 'node:path';

export const AUTH_FILE_VERSION = 1;

/** Keys whose values are paths, resolved against the file's directory. */
const PATH_KEYS = new Set(['certificate', 'private-key', 'certificate-chain', 'ca-certificate', 'web-identity-token-file', 'credentials-file']);

export function parseAuthFile(text: string, path: string, dir: string, known: ReadonlySet<string>): Map<string, string> {
  const values = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '').trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const match = /^([a-z0-9-]+):\s*(.*)$/.exec(line);
    if (!match) {
      throw new InputError('auth', `${path} line ${i + 1} is not 'key: value'`, 'auth.yaml holds one flat map of input names to values; see the README');
    }
    const key = match[1]!;
    const value = unquote(match[2]!.trim());
    if (key !== 'version' && !known.has(key)) {
      throw new InputError('auth', `${path} line ${i + 1} has an unknown key '${key}'`, 'Use the action input names (aws-region, role-to-assume, certificate, ...)');
    }
    if (values.has(key)) throw new InputError('auth', `${path} line ${i + 1} repeats '${key}'`, 'Give each key once');
    values.set(key, PATH_KEYS.has(key) && value && !value.includes('-----BEGIN') && !isAbsolute(value) ? join(dir, value) : value);
  });
  const version = values.get('version');
  if (version !== String(AUTH_FILE_VERSION)) {
    throw new InputError('auth', `${path} has version ${version ?? '(none)'}, this CLI reads version ${AUTH_FILE_VERSION}`, `Add 'version: ${AUTH_FILE_VERSION}' or upgrade the CLI`);
  }
  values.delete('version');
  return values;
}

/** Writes values as auth.yaml text (bootstrap uses it); values with YAML-special characters are quoted. */
export function formatAuthFile(values: ReadonlyArray<readonly [string, string]>, comment: string): string {
  const lines = [`# ${comment}`, `version: ${AUTH_FILE_VERSION}`];
  for (const [k, v] of values) lines.push(`${k}: ${/^[\w./@:-]*$/.test(v) && !/^\d/.test(v) ? v : JSON.stringify(v)}`);
  return lines.join('\n') + '\n';
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}
