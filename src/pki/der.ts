/**
 * A small, defensive reader for ASN.1 DER (and the BER subset PKCS#12 files use: indefinite lengths, constructed
 * OCTET STRINGs). Every malformed input ends in a `DerError`, never a RangeError or a hang; callers turn it into an
 * InputError that names their input.
 */

export class DerError extends Error {
  override readonly name = 'DerError';
}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

export interface DerNode {
  /** The identifier octet as written (class, constructed bit and tag number), e.g. 0x30 for SEQUENCE, 0xa0 for [0]. */
  tag: number;
  constructed: boolean;
  /** The content octets; for an indefinite-length element, everything up to (not including) its end-of-contents. */
  content: Buffer;
  /** The whole element, identifier and length included. */
  raw: Buffer;
}

// Nesting deeper than this is not a real PKCS#12 or certificate; refusing it keeps garbage from exhausting the stack.
const MAX_DEPTH = 64;

/** Reads one element at `offset`; returns it and the offset just past it. */
function readNode(buf: Buffer, offset: number, depth = 0): { node: DerNode; next: number } {
  if (depth > MAX_DEPTH) throw new DerError('nesting is too deep');
  if (offset + 2 > buf.length) throw new DerError('data ends in the middle of an element');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('uses a high tag number, which this format never needs');
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++]!;
  if (first === 0x80) {
    if (!constructed) throw new DerError('has an indefinite length on a primitive element');
    const start = pos;
    for (;;) {
      if (pos + 2 > buf.length) throw new DerError('data ends before an end-of-contents marker');
      if (buf[pos] === 0 && buf[pos + 1] === 0) {
        return {
          node: { tag, constructed, content: buf.subarray(start, pos), raw: buf.subarray(offset, pos + 2) },
          next: pos + 2,
        };
      }
      pos = readNode(buf, pos, depth + 1).next;
    }
  }
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError('declares a length too large to be real');
    if (pos + count > buf.length) throw new DerError('data ends in the middle of a length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[pos++]!;
  }
  if (pos + length > buf.length) throw new DerError('data ends before the element it declares (truncated?)');
  return {
    node: { tag, constructed, content: buf.subarray(pos, pos + length), raw: buf.subarray(offset, pos + length) },
    next: pos + length,
  };
}

/** The single element that makes up `buf` (trailing bytes are ignored, as OpenSSL does for PKCS#12 files). */
export function parseDer(buf: Buffer): DerNode {
  return readNode(buf, 0).node;
}

/** The elements inside a constructed element. */
export function children(node: DerNode, depth = 0): DerNode[] {
  if (!node.constructed) throw new DerError('expected a constructed element');
  const out: DerNode[] = [];
  let pos = 0;
  while (pos < node.content.length) {
    const { node: child, next } = readNode(node.content, pos, depth + 1);
    out.push(child);
    pos = next;
  }
  return out;
}

/** Asserts the element's tag; `what` names it in the error ("the PFX version"). */
function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  if (node.tag !== tag)
    throw new DerError(`${what} has tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return node;
}

/** The elements of a SEQUENCE, after checking that it is one. */
export function sequence(node: DerNode | undefined, what: string): DerNode[] {
  return children(expectTag(node, TAG.SEQUENCE, what));
}

/** An OBJECT IDENTIFIER in dotted form. */
export function oid(node: DerNode | undefined, what: string): string {
  const bytes = expectTag(node, TAG.OID, what).content;
  if (bytes.length === 0) throw new DerError(`${what} is an empty object identifier`);
  const arcs: bigint[] = [];
  let value = 0n;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    value = (value << 7n) | BigInt(b & 0x7f);
    if (!(b & 0x80)) {
      arcs.push(value);
      value = 0n;
    } else if (i === bytes.length - 1) {
      throw new DerError(`${what} is a truncated object identifier`);
    }
  }
  const head = arcs[0]!;
  const first = head < 40n ? 0n : head < 80n ? 1n : 2n;
  return [first, head - first * 40n, ...arcs.slice(1)].join('.');
}

/** A two's-complement INTEGER of any size. */
export function bigInteger(node: DerNode | undefined, what: string): bigint {
  const bytes = expectTag(node, TAG.INTEGER, what).content;
  if (bytes.length === 0) throw new DerError(`${what} is an empty integer`);
  let value = BigInt(`0x${bytes.toString('hex')}`);
  if (bytes[0]! & 0x80) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** A non-negative INTEGER no larger than `max`; iteration counts and lengths pass here so garbage cannot stall us. */
export function boundedInteger(node: DerNode | undefined, what: string, max: number): number {
  const value = bigInteger(node, what);
  if (value < 0n || value > BigInt(max))
    throw new DerError(`${what} is ${value < 0n ? 'negative' : `larger than ${max}`}`);
  return Number(value);
}

/** The bytes of an OCTET STRING (or of an implicitly tagged one), joining BER's constructed segments. */
export function octets(node: DerNode | undefined, what: string, tag: number = TAG.OCTET_STRING, depth = 0): Buffer {
  if (!node) throw new DerError(`${what} is missing`);
  if ((node.tag & ~0x20) !== (tag & ~0x20)) {
    throw new DerError(`${what} has tag 0x${node.tag.toString(16)}, expected an octet string`);
  }
  if (!node.constructed) return node.content;
  if (depth > MAX_DEPTH) throw new DerError(`${what} is nested too deeply`);
  return Buffer.concat(children(node).map((part) => octets(part, what, TAG.OCTET_STRING, depth + 1)));
}

/** The single element inside an EXPLICIT context tag such as [0]. */
export function explicit(node: DerNode | undefined, tagNumber: number, what: string): DerNode {
  const wrapper = expectTag(node, 0xa0 | tagNumber, what);
  const inner = children(wrapper)[0];
  if (!inner) throw new DerError(`${what} is empty`);
  return inner;
}

/** A UTCTime or GeneralizedTime (the forms X.509 uses: UTC, `Z`-terminated, optional fraction). */
export function time(node: DerNode | undefined, what: string): Date {
  if (!node || (node.tag !== TAG.UTC_TIME && node.tag !== TAG.GENERALIZED_TIME))
    throw new DerError(`${what} is not a time`);
  const text = node.content.toString('latin1');
  const match =
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(text)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.\d+)?Z$/.exec(text);
  if (!match) throw new DerError(`${what} is not a UTC time`);
  const [, y, mo, d, h, mi, s] = match;
  let year = Number(y);
  // RFC 5280: two-digit years 50-99 are 19xx, 00-49 are 20xx.
  if (node.tag === TAG.UTC_TIME) year += year >= 50 ? 1900 : 2000;
  return new Date(Date.UTC(year, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? '0')));
}
