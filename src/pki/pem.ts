/** PEM text as users paste it into CI secrets: normalised forgivingly, split into blocks precisely. Pure. */
import { InputError } from '../errors.js';

export interface PemBlock {
  /** The label between `BEGIN ` and `-----`, e.g. `CERTIFICATE`, `EC PRIVATE KEY`. */
  label: string;
  der: Buffer;
  /** RFC 1421 headers such as `Proc-Type` and `DEK-Info` (legacy encrypted keys); empty for most blocks. */
  headers: Record<string, string>;
}

/**
 * Undoes what secret stores and YAML do to PEM: CRLF or CR line endings, literal `\n` escapes, surrounding quotes
 * and whitespace, indented lines. Base64 never contains a backslash or quote, so none of this can damage a real body.
 */
export function normalisePem(text: string): string {
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
export function parsePemBlocks(text: string, input: string): PemBlock[] {
  const pem = normalisePem(text);
  const blocks: PemBlock[] = [];
  let from = 0;
  for (;;) {
    BEGIN.lastIndex = from;
    const begin = BEGIN.exec(pem);
    if (!begin) break;
    const label = begin[1]!;
    const ordinal = blocks.length + 1;
    END.lastIndex = begin.index + begin[0].length;
    const end = END.exec(pem);
    BEGIN.lastIndex = begin.index + begin[0].length;
    const nextBegin = BEGIN.exec(pem);
    if (!end || (nextBegin && nextBegin.index < end.index)) {
      throw new InputError(
        input,
        `PEM block ${ordinal} ('-----BEGIN ${label}-----') has no matching '-----END ${label}-----' line`,
        'Paste the whole PEM, including its last line; check that the secret was not cut short',
      );
    }
    if (end[1] !== label) {
      throw new InputError(
        input,
        `PEM block ${ordinal} begins as '${label}' but ends as '${end[1]}'`,
        'Paste each PEM block whole, from its BEGIN line to its own END line',
      );
    }
    const body = pem.slice(begin.index + begin[0].length, end.index);
    blocks.push({ label, ...decodeBody(body, label, ordinal, input) });
    from = end.index + end[0].length;
  }
  if (blocks.length === 0) {
    throw new InputError(
      input,
      'holds no PEM block (no -----BEGIN ...----- line)',
      'Paste the whole PEM text, from the -----BEGIN line to the -----END line',
    );
  }
  return blocks;
}

/** Re-armours a block, headers included, so that OpenSSL can read it (legacy encrypted keys need their headers). */
export function formatPem(block: PemBlock): string {
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
function decodeBody(body: string, label: string, ordinal: number, input: string): Pick<PemBlock, 'der' | 'headers'> {
  const tokens = body.split(/\s+/).filter((t) => t.length > 0);
  const headers: Record<string, string> = {};
  let i = 0;
  while (i < tokens.length && /^[A-Za-z][A-Za-z0-9-]*:$/.test(tokens[i]!)) {
    headers[tokens[i]!.slice(0, -1)] = tokens[i + 1] ?? '';
    i += 2;
  }
  let base64 = tokens.slice(i).join('');
  const bad = (problem: string) =>
    new InputError(
      input,
      `PEM block ${ordinal} ('${label}') is not valid base64: ${problem}`,
      'Paste the PEM exactly as the file holds it; check that the secret was not cut short or edited',
    );
  if (base64.length === 0) throw bad('its body is empty');
  const badAt = base64.search(/[^A-Za-z0-9+/=]/);
  if (badAt >= 0) throw bad(`it has a character outside the base64 alphabet at position ${badAt + 1}`);
  if (/=[^=]/.test(base64) || /={3,}$/.test(base64)) throw bad("it has '=' padding in the middle");
  // Missing padding is harmless to decode, so we add it back; a remainder of 1 means characters were lost.
  if (base64.length % 4 === 1) throw bad('its length is not a whole number of base64 groups (truncated?)');
  while (base64.length % 4 !== 0) base64 += '=';
  return { der: Buffer.from(base64, 'base64'), headers };
}
