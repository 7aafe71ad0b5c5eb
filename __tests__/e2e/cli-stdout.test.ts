/**
 * The CLI writes its standard output straight to descriptor 1 (src/cli/stdout.ts). A reader that is slow, on a pipe
 * that does not block, must still get every byte in order: Python holds the pipe, makes its write end non-blocking,
 * fills it before the CLI starts, and only then reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nodeBinaries, ROOT } from '../support/processes.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');

// Prints the pipe's filler length, then the CLI's exit code, then what the CLI wrote after the filler (base64).
const HARNESS = `
import base64, fcntl, os, subprocess, sys, time
r, w = os.pipe()
os.set_blocking(w, False)
filler = 0
try:
    while True:
        filler += os.write(w, b"f" * 4096)
except BlockingIOError:
    pass
child = subprocess.Popen(sys.argv[1:], stdout=w, stderr=subprocess.PIPE)
os.close(w)
time.sleep(0.3)  # the CLI finds the pipe full and must wait for this reader
data = b""
while True:
    chunk = os.read(r, 65536)
    if not chunk:
        break
    data += chunk
code = child.wait()
print(filler)
print(code)
print(base64.b64encode(data[filler:]).decode())
sys.stderr.write(child.stderr.read().decode())
`;

for (const node of nodeBinaries('cli')) {
  test(`${node.name}: a full non-blocking pipe gets the CLI's output whole and in order`, () => {
    const expected = spawnSync(node.path, [CLI, 'help'], { encoding: 'utf8' });
    assert.equal(expected.status, 0, expected.stderr);
    assert.ok(expected.stdout.length > 1000, 'help prints a page');

    const run = spawnSync('python3', ['-c', HARNESS, node.path, CLI, 'help'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const [filler, code, body] = run.stdout.trim().split('\n');
    assert.ok(Number(filler) > 0, 'the pipe was full before the CLI started');
    assert.equal(code, '0', run.stderr);
    assert.equal(Buffer.from(body ?? '', 'base64').toString('utf8'), expected.stdout);
  });
}
