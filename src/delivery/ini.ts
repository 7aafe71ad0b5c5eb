/**
 * Editing one section of an AWS INI file (credentials or config) while every other byte stays as it was:
 * other profiles, comments, blank lines and line endings. Pure.
 */

export type Entries = ReadonlyArray<readonly [string, string]>;

interface Span {
  start: number;
  end: number;
}

/** `[name]` with optional spaces inside the brackets, as botocore reads headers. */
function headerName(line: string): string | undefined {
  const match = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[#;].*)?$/.exec(line);
  return match?.[1];
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Line-index span of the section named `name` (header line through the line before the next header). */
function findSection(lines: string[], name: string): Span | undefined {
  const start = lines.findIndex((line) => headerName(line) === name);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && headerName(lines[end]!) === undefined) end++;
  // Trailing blank lines and comments belong to the gap before the next section (such a comment describes it).
  while (end > start + 1 && /^\s*(?:[#;].*)?$/.test(lines[end - 1]!)) end--;
  return { start, end };
}

function render(name: string, entries: Entries): string[] {
  return [`[${name}]`, ...entries.map(([k, v]) => `${k} = ${v}`)];
}

/** Returns `text` with section `name` replaced by `entries`, or with it appended when absent. */
export function upsertSection(text: string, name: string, entries: Entries): string {
  const eol = lineEnding(text);
  const lines = text === '' ? [] : text.split(/\r?\n/);
  const span = findSection(lines, name);
  if (span) {
    lines.splice(span.start, span.end - span.start, ...render(name, entries));
    return lines.join(eol);
  }
  const trailingNewline = text === '' || /\r?\n$/.test(text);
  if (trailingNewline && lines.length > 0) lines.pop();
  const gap = lines.length > 0 && lines[lines.length - 1]!.trim() !== '' ? [''] : [];
  return [...lines, ...gap, ...render(name, entries), ''].join(eol);
}

/** Returns `text` without section `name` (and the blank line that separated it), or `text` itself when absent. */
export function removeSection(text: string, name: string): string {
  const eol = lineEnding(text);
  const lines = text.split(/\r?\n/);
  const span = findSection(lines, name);
  if (!span) return text;
  let { start, end } = span;
  while (end < lines.length && lines[end]!.trim() === '' && end < lines.length - 1) end++;
  // The last section takes the blank lines before it, so the file does not end in a gap.
  while (end >= lines.length - 1 && start > 0 && lines[start - 1]!.trim() === '') start--;
  lines.splice(start, end - start);
  return lines.join(eol);
}

/** The key/value pairs of section `name`, or undefined when absent. */
export function readSection(text: string, name: string): Map<string, string> | undefined {
  const lines = text.split(/\r?\n/);
  const span = findSection(lines, name);
  if (!span) return undefined;
  const values = new Map<string, string>();
  for (const line of lines.slice(span.start + 1, span.end)) {
    const match = /^\s*([^=#;\s][^=]*?)\s*=\s*(.*?)\s*$/.exec(line);
    if (match?.[1] !== undefined) values.set(match[1], match[2] ?? '');
  }
  return values;
}

/** The section name a profile has in the config file: `default`, or `profile <name>`. */
export function configSectionName(profile: string): string {
  return profile === 'default' ? 'default' : `profile ${profile}`;
}
