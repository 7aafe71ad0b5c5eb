/**
 * Where certificate and key inputs come from: the PEM text itself, or a path to a file. The only module in pki/ that
 * reads files, and only through the reader it is given.
 */
import { InputError } from '../errors.js';
import { normalisePem, parsePemBlocks } from './pem.js';
import { convertDerToPem, PEM_DAMAGED, PEM_WITHOUT_ARMOUR, pemOrExistingPath } from './advice.js';

/** Reads a whole file; return a Buffer (a string only for text), e.g. `(p) => fs.readFileSync(p)`. */
export type ReadFile = (path: string) => Buffer | string;

export interface PemSource {
  text: string;
  from: 'inline' | 'file';
  path?: string;
}

export interface BinarySource {
  der: Buffer;
  from: 'inline' | 'file';
  path?: string;
}

/** PEM text given inline, or read from the path the value names. Never echoes a value that might be a key. */
export function readPemOrPath(value: string, input: string, readFile: ReadFile): PemSource {
  const text = normalisePem(value);
  if (text.includes('-----BEGIN')) return { text, from: 'inline' };
  const candidate = unquote(value);
  const shape = classify(candidate);
  if (shape === 'base64') throw base64WithoutArmour(input);
  if (shape === 'empty') throw new InputError(input, 'is empty', 'Set it to PEM text or to the path of a PEM file');
  if (shape === 'damaged-pem' || shape === 'material') throw notAPath(shape, input);
  if (shape === 'other') {
    throw new InputError(
      input,
      `is neither PEM text nor a path to a file (${describeShape(candidate)})`,
      'Set it to the whole PEM text (-----BEGIN ... -----END ...) or to the path of a PEM file',
    );
  }
  const content = readOrExplain(candidate, input, readFile);
  const fileText = normalisePem(typeof content === 'string' ? content : content.toString('utf8'));
  if (!fileText.includes('-----BEGIN')) {
    const binary = typeof content !== 'string' && content[0] === 0x30;
    throw new InputError(
      input,
      `names the file '${candidate}', which holds no PEM text${binary ? ' (it looks like binary DER)' : ''}`,
      binary ? convertDerToPem(candidate) : 'Point it at a PEM file (-----BEGIN ...)',
    );
  }
  return { text: fileText, from: 'file', path: candidate };
}

/** A PKCS#12 file given as base64 (how secrets store it), as PEM-armoured base64, or as a path to the .p12/.pfx. */
export function readBinaryOrPath(value: string, input: string, readFile: ReadFile): BinarySource {
  const candidate = unquote(value);
  if (normalisePem(value).includes('-----BEGIN')) return { der: parsePemBlocks(value, input)[0]!.der, from: 'inline' };
  const shape = classify(candidate);
  if (shape === 'base64') return { der: decodeBase64Der(candidate, input), from: 'inline' };
  if (shape === 'empty')
    throw new InputError(input, 'is empty', 'Set it to the base64 of the .p12 file or to its path');
  if (shape === 'damaged-pem' || shape === 'material') throw notAPath(shape, input);
  if (shape === 'other') {
    throw new InputError(
      input,
      `is neither base64 of a PKCS#12 file nor a path to one (${describeShape(candidate)})`,
      "Set it to the output of 'base64 -w0 file.p12' or to the path of the file",
    );
  }
  const content = readOrExplain(candidate, input, readFile);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
  // A file holding the base64 text (as copied out of a secret) is as good as the binary.
  if (bytes[0] !== 0x30) {
    const asText = unquote(bytes.toString('latin1'));
    if (classify(asText) === 'base64') return { der: decodeBase64Der(asText, input), from: 'file', path: candidate };
  }
  return { der: bytes, from: 'file', path: candidate };
}

type Shape = 'empty' | 'base64' | 'damaged-pem' | 'material' | 'path' | 'other';

// Base64 of any DER structure starts with 'M' (0x30, SEQUENCE); no file path we need to support is 60+ base64 letters.
function classify(value: string): Shape {
  if (value === '') return 'empty';
  const compact = value.replace(/\s+/g, '');
  const startsLikePath = /^(\/|\.{1,2}[\\/]|~|[A-Za-z]:[\\/]|\\\\)/.test(value);
  const base64 = /^[A-Za-z0-9+/]+={0,2}$/.test(compact);
  // A shorter 'MI...' run is a fragment of a key or certificate: never treat it as a path, which we would echo.
  if (!startsLikePath && base64 && (compact.length >= 60 || /^MI[A-Za-z0-9+/]{14}/.test(compact))) return 'base64';
  // Checked before 'path': both shapes contain slashes, and a path is echoed in errors while these must never be.
  if (/-{2,}\s*(BEGIN|END)\b|\b(BEGIN|END) [A-Z0-9 ]*(KEY|CERTIFICATE)\b/.test(value)) return 'damaged-pem';
  if (hasKeyLikeRun(value)) return 'material';
  if (/[\n\0]/.test(value) || value.length > 1024) return 'other';
  if (startsLikePath || /[\\/]/.test(value) || /\.[A-Za-z0-9]{1,5}$/.test(value)) return 'path';
  return 'other';
}

// 40+ base64 letters mixing upper case, lower case and digits: a key or certificate body, not a directory name
// (hex digests, the long names paths do have, are single-case).
function hasKeyLikeRun(value: string): boolean {
  return (value.match(/[A-Za-z0-9+=]{40,}/g) ?? []).some(
    (run) => /[A-Z]/.test(run) && /[a-z]/.test(run) && /\d/.test(run),
  );
}

function notAPath(shape: 'damaged-pem' | 'material', input: string): InputError {
  return shape === 'damaged-pem'
    ? new InputError(input, 'looks like PEM text with a damaged header or footer (not shown)', PEM_DAMAGED)
    : new InputError(
        input,
        'looks like key or certificate material without its -----BEGIN line, not a path (not shown)',
        PEM_WITHOUT_ARMOUR,
      );
}

function readOrExplain(path: string, input: string, readFile: ReadFile): Buffer | string {
  try {
    return readFile(path);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied)'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot be read (${typeof code === 'string' ? code : 'unknown error'})`;
    const tilde = path.startsWith('~') ? " ('~' is not expanded here: use an absolute path)" : '';
    throw new InputError(input, `looks like a file path, but '${path}' ${why}${tilde}`, pemOrExistingPath(input));
  }
}

function decodeBase64Der(text: string, input: string): Buffer {
  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  if (der[0] !== 0x30) {
    throw new InputError(
      input,
      'is base64, but not of a DER structure',
      "Store the file as 'base64 -w0 file.p12' gives it",
    );
  }
  return der;
}

function base64WithoutArmour(input: string): InputError {
  return new InputError(
    input,
    'looks like base64 DER without the -----BEGIN line',
    'Paste the whole PEM, including the -----BEGIN ...----- and -----END ...----- lines',
  );
}

// Counts and a character class are safe to show; the characters themselves might be part of a key.
function describeShape(value: string): string {
  const lines = value.split('\n').length;
  return `${value.length} characters on ${lines} line${lines === 1 ? '' : 's'}`;
}

function unquote(value: string): string {
  let out = value.trim();
  while (out.length >= 2 && (out[0] === '"' || out[0] === "'") && out[out.length - 1] === out[0])
    out = out.slice(1, -1).trim();
  return out;
}
