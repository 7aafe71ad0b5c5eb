/**
 * The CLI's standard output. `credential-process` runs before every `aws` command, which reads it through a pipe, and
 * Node builds `process.stdout` for a pipe out of a socket: about 3 ms of every such command (`npm run bench`). A
 * synchronous write to descriptor 1 costs nothing extra. A pipe that would block (its reader is slow and the pipe full)
 * gets the rest through `process.stdout`, which waits for the reader, and so does everything after it, in order.
 */
import { writeSync } from 'node:fs';

let streaming = false;

export function writeStdout(text: string): void {
  let rest = Buffer.from(text, 'utf8');
  if (!streaming) {
    try {
      // A blocking descriptor takes it all, or part of it when a signal interrupts the write: each turn writes more.
      while (rest.length > 0) rest = rest.subarray(writeSync(1, rest));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      streaming = true;
    }
  }
  process.stdout.write(rest);
}
