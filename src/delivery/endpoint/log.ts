/**
 * The endpoint's log, bounded whatever a local process sends it: lines past the size cap are dropped after one note,
 * except the final line (the stop summary), which is always written. The clock and the writer are passed in.
 */
const MAX_LOG_BYTES = 1024 * 1024;
/** One line's cap: a line holds at most a service's message (500 characters) and our own words. */
const MAX_LINE_CHARS = 2_000;

export type EndpointLog = (line: string, options?: { final?: boolean }) => void;

export function boundedLog(
  write: (text: string) => void,
  now: () => Date,
  maxBytes: number = MAX_LOG_BYTES,
): EndpointLog {
  let written = 0;
  let truncated = false;
  return (line, { final = false } = {}) => {
    const short = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
    const text = `${now().toISOString()} credentials endpoint: ${short}\n`;
    const size = Buffer.byteLength(text);
    if (!final && written + size > maxBytes) {
      if (!truncated) write(`${now().toISOString()} credentials endpoint: log truncated at ${maxBytes} bytes\n`);
      truncated = true;
      return;
    }
    written += size;
    write(text);
  };
}
