/**
 * IAM policy documents as the readers of this project take them (bootstrap's discovery, the audit, doctor): parsed
 * from what IAM and IoT return, their statements, a key's values, and IAM's `*`/`?` patterns. Pure.
 */

type Statement = Record<string, unknown>;

/** A policy document as IAM returns it (URL-encoded JSON) or as given. */
export function parseDocument(raw: string | undefined): unknown {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    try {
      return JSON.parse(decodeURIComponent(raw));
    } catch {
      return raw;
    }
  }
}

/** The statements of a document: one statement or a list of them; anything else is none. */
export function statementsOf(document: unknown): Statement[] {
  const raw = (document as { Statement?: unknown } | undefined)?.Statement;
  const all = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  return all.filter((s): s is Statement => !!s && typeof s === 'object');
}

/** A policy element's values: a list, one value, or none. */
export const valueList = (v: unknown): string[] =>
  Array.isArray(v) ? v.map((x) => String(x)) : v === undefined || v === null ? [] : [String(v)];

/** An IAM pattern (`*` and `?` wildcards) against a value: actions case-insensitive, ARNs case-sensitive. */
export function globMatches(pattern: string, value: string, caseSensitive: boolean): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, caseSensitive ? 's' : 'is').test(value);
}
