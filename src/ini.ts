/**
 * Editing an AWS INI file (credentials or config) while every other byte stays as it was: other profiles, other keys,
 * comments, blank lines and line endings. Sections and keys are found the way botocore (Python's configparser) finds
 * them: a header's name is exactly what stands between the brackets, and an indented line after a key continues it.
 * What this module writes is refused if a reader could see it differently from how it was meant. Pure.
 */

export type Entries = ReadonlyArray<readonly [string, string]>;

/** Text this module refuses to write, or a file it cannot edit so every reader agrees; says what, never a value. */
export class IniEditError extends Error {
  override readonly name = 'IniEditError';
}

interface Span {
  start: number;
  end: number;
}

/** configparser's header rule on the stripped line: `[` then the longest text up to a `]`. */
function headerName(line: string): string | undefined {
  return /^\s*\[(.+)\]/.exec(line)?.[1];
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/\r?\n/);
}

const CONTROL = /\p{Cc}/u;

function refuseControl(what: string, text: string): void {
  const at = text.search(CONTROL);
  if (at >= 0)
    throw new IniEditError(
      `${what} contains a control character (U+${text.codePointAt(at)!.toString(16).toUpperCase().padStart(4, '0')})`,
    );
}

/** Refuses a section name or entry that would break the file or be read back differently. */
function checkWritable(name: string, entries: Entries): void {
  refuseControl('the section name', name);
  if (/[[\]]/.test(name) || name.trim() !== name || name === '')
    throw new IniEditError('the section name has brackets, surrounding spaces or is empty');
  for (const [key, value] of entries) {
    refuseControl('a key', key);
    if (!/^[A-Za-z0-9_.-]+$/.test(key)) throw new IniEditError(`the key '${key}' is not a plain INI key`);
    refuseControl(`the value of ${key}`, value);
    if (value.trim() !== value)
      throw new IniEditError(`the value of ${key} has surrounding spaces, which readers strip`);
  }
}

/** Line-index spans of every section named exactly `name` (header line through its last key or value line). */
function findSections(lines: string[], name: string): Span[] {
  const spans: Span[] = [];
  for (let start = 0; start < lines.length; start++) {
    if (headerName(lines[start]!) !== name) continue;
    let end = start + 1;
    while (end < lines.length && headerName(lines[end]!) === undefined) end++;
    // Trailing blank lines and comments belong to the gap before the next section (such a comment describes it).
    while (end > start + 1 && /^\s*(?:[#;].*)?$/.test(lines[end - 1]!)) end--;
    spans.push({ start, end });
    start = end - 1;
  }
  return spans;
}

/** The lines of `span` that start a key (not comments, blanks or indented continuations), with the key lower-cased. */
function keyLines(lines: string[], span: Span): Array<{ index: number; key: string }> {
  const found: Array<{ index: number; key: string }> = [];
  let keyIndent: number | undefined;
  for (let i = span.start + 1; i < span.end; i++) {
    const line = lines[i]!;
    if (/^\s*(?:[#;].*)?$/.test(line)) continue;
    const indent = /^\s*/.exec(line)![0].length;
    if (keyIndent !== undefined && indent > keyIndent) continue;
    keyIndent = indent;
    const match = /^\s*([^=:]*?)\s*[=:]/.exec(line);
    if (match) found.push({ index: i, key: match[1]!.toLowerCase() });
  }
  return found;
}

function render(name: string, entries: Entries): string[] {
  return [`[${name}]`, ...entries.map(([k, v]) => `${k} = ${v}`)];
}

/** Removes the lines of `span` and the blank lines that separated it; the last section takes the gap before it. */
function cut(lines: string[], span: Span): void {
  let { start, end } = span;
  while (end < lines.length && lines[end]!.trim() === '' && end < lines.length - 1) end++;
  while (end >= lines.length - 1 && start > 0 && lines[start - 1]!.trim() === '') start--;
  lines.splice(start, end - start);
}

function append(text: string, section: string[]): string {
  const eol = lineEnding(text);
  const lines = splitLines(text);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const gap = lines.length > 0 && lines[lines.length - 1]!.trim() !== '' ? [''] : [];
  return [...lines, ...gap, ...section, ''].join(eol);
}

/**
 * Returns `text` with section `name` replaced by `entries`, or with it appended when absent. Later sections of the same
 * name go: botocore refuses a file that repeats a section and the JS SDK merges them, so one section is the only form
 * all readers read alike.
 */
export function upsertSection(text: string, name: string, entries: Entries): string {
  checkWritable(name, entries);
  return replaceSection(text, name, render(name, entries));
}

/**
 * The same for a section of nested blocks, as botocore reads a `[services name]` section: each block is a key with
 * no value and its settings indented below it (`s3 =` then `  endpoint_url = ...`).
 */
export function upsertNestedSection(
  text: string,
  name: string,
  blocks: ReadonlyArray<readonly [string, Entries]>,
): string {
  checkWritable(
    name,
    blocks.map(([block]) => [block, ''] as const),
  );
  for (const [, entries] of blocks) checkWritable(name, entries);
  const rendered = [
    `[${name}]`,
    ...blocks.flatMap(([block, entries]) => [`${block} =`, ...entries.map(([k, v]) => `  ${k} = ${v}`)]),
  ];
  return replaceSection(text, name, rendered);
}

function replaceSection(text: string, name: string, rendered: string[]): string {
  const lines = splitLines(text);
  const spans = findSections(lines, name);
  if (spans.length === 0) return append(text, rendered);
  for (const span of spans.slice(1).reverse()) cut(lines, span);
  lines.splice(spans[0]!.start, spans[0]!.end - spans[0]!.start, ...rendered);
  return lines.join(lineEnding(text));
}

/** Returns `text` without section `name` (and the blank line that separated it), or `text` itself when absent. */
export function removeSection(text: string, name: string): string {
  const lines = text.split(/\r?\n/);
  const span = findSections(lines, name)[0];
  if (!span) return text;
  cut(lines, span);
  return lines.join(lineEnding(text));
}

/** The key/value pairs of section `name` (the first, if repeated), or undefined when absent. */
export function readSection(text: string, name: string): Map<string, string> | undefined {
  const lines = text.split(/\r?\n/);
  const span = findSections(lines, name)[0];
  if (!span) return undefined;
  const values = new Map<string, string>();
  for (const line of lines.slice(span.start + 1, span.end)) {
    const match = /^\s*([^=#;\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined) values.set(match[1], match[2] ?? '');
  }
  return values;
}

/** How many sections are named exactly `name`. */
export function countSections(text: string, name: string): number {
  return findSections(splitLines(text), name).length;
}

export interface KeyEdit {
  text: string;
  /** The line the key had before (verbatim), or null when the section had no such key. */
  previousLine: string | null;
  createdSection: boolean;
}

/** Sets one key of section `name`, leaving its other keys, nested blocks and comments as they were. */
export function setKey(text: string, name: string, key: string, value: string): KeyEdit {
  checkWritable(name, [[key, value]]);
  const lines = splitLines(text);
  const spans = findSections(lines, name);
  if (spans.length === 0)
    return { text: append(text, render(name, [[key, value]])), previousLine: null, createdSection: true };
  if (spans.length > 1)
    throw new IniEditError(
      `[${name}] appears ${spans.length} times; ` +
        'botocore and the AWS CLI refuse such a file and the JS SDK merges the copies',
    );
  const span = spans[0]!;
  const all = keyLines(lines, span);
  const existing = all.filter((k) => k.key === key.toLowerCase());
  if (existing.length > 1)
    throw new IniEditError(
      `[${name}] sets ${key} ${existing.length} times; botocore and the AWS CLI refuse such a file`,
    );
  const line = `${key} = ${value}`;
  const at = existing[0];
  if (at) {
    const next = all.find((k) => k.index > at.index)?.index ?? span.end;
    if (lines.slice(at.index + 1, next).some((l) => !/^\s*(?:[#;].*)?$/.test(l)))
      throw new IniEditError(`${key} in [${name}] has indented continuation lines`);
    const previousLine = lines[at.index]!;
    lines[at.index] = line;
    return { text: lines.join(lineEnding(text)), previousLine, createdSection: false };
  }
  lines.splice(span.end, 0, line);
  return { text: lines.join(lineEnding(text)), previousLine: null, createdSection: false };
}

/**
 * Undoes setKey: only while the key's line is still exactly the one written, puts back `previousLine` (or removes
 * the line), and removes a section setKey created once it holds nothing else. Returns undefined when it was changed.
 */
export function restoreKey(
  text: string,
  name: string,
  key: string,
  value: string,
  previousLine: string | null,
  createdSection: boolean,
): string | undefined {
  const lines = text.split(/\r?\n/);
  const spans = findSections(lines, name);
  if (spans.length !== 1) return undefined;
  const span = spans[0]!;
  const existing = keyLines(lines, span).filter((k) => k.key === key.toLowerCase());
  if (existing.length !== 1 || lines[existing[0]!.index] !== `${key} = ${value}`) return undefined;
  if (previousLine === null) lines.splice(existing[0]!.index, 1);
  else lines[existing[0]!.index] = previousLine;
  const after = lines.join(lineEnding(text));
  if (
    createdSection &&
    previousLine === null &&
    keyLines(lines, { start: span.start, end: span.end - 1 }).length === 0
  ) {
    return removeSection(after, name);
  }
  return after;
}
