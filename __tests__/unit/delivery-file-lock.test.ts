/** The lock beside a credentials file: waits by sleeping until a deadline, fails at once on what is not a lock, takes over only a lock whose holder is gone, and releases only its own. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmdirSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireLock } from '../../src/delivery/file-lock.js';
import { InputError } from '../../src/errors.js';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'aslc-lock-'));
}

async function rejectsFast(promise: Promise<unknown>, pattern: RegExp, withinMs: number): Promise<void> {
  const started = Date.now();
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.input, 'credentials-file');
    assert.match(err.message, pattern);
    return true;
  });
  assert.ok(Date.now() - started < withinMs, `took ${Date.now() - started} ms`);
}

test('a dangling symbolic link at <path>.lock fails at once with a clear error, without spinning', async () => {
  const d = dir();
  const file = join(d, 'credentials');
  symlinkSync(join(d, 'nowhere'), `${file}.lock`);
  const cpu = process.cpuUsage();
  await rejectsFast(
    acquireLock(file, 'credentials-file', { deadline: Date.now() + 10000 }),
    /credentials\.lock is a symbolic link/,
    2000,
  );
  const used = process.cpuUsage(cpu);
  assert.ok(used.user + used.system < 500000, `used ${used.user + used.system} µs of CPU`);
});

test('a plain file at <path>.lock fails at once', async () => {
  const file = join(dir(), 'credentials');
  writeFileSync(`${file}.lock`, '123');
  await rejectsFast(acquireLock(file, 'credentials-file'), /is not a lock directory/, 2000);
});

test(
  'a lock directory of another user fails at once: it is theirs, and in a sticky directory it could not be taken over',
  { skip: process.getuid?.() !== 0 && 'needs root to make a lock of another user' },
  async () => {
    const file = join(dir(), 'credentials');
    mkdirSync(`${file}.lock`);
    chownSync(`${file}.lock`, 4321, 4321);
    await rejectsFast(acquireLock(file, 'credentials-file'), /is a lock of another user \(uid 4321\)/, 2000);
  },
);

test('a lock path under a file fails at once naming the input', async () => {
  const d = dir();
  writeFileSync(join(d, 'file'), '');
  await rejectsFast(
    acquireLock(join(d, 'file', 'credentials'), 'credentials-file'),
    /cannot take the lock .*ENOTDIR/,
    2000,
  );
});

test('a lock held by a live process: the waiter sleeps (little CPU) and gives up at its deadline', async () => {
  const file = join(dir(), 'credentials');
  const release = await acquireLock(file, 'credentials-file');
  try {
    const cpu = process.cpuUsage();
    const started = Date.now();
    await assert.rejects(
      acquireLock(file, 'credentials-file', { deadline: Date.now() + 700 }),
      /is held by another process and was not released in time/,
    );
    const waited = Date.now() - started;
    assert.ok(waited >= 650 && waited < 1500, `waited ${waited} ms`);
    const used = process.cpuUsage(cpu);
    assert.ok(used.user + used.system < 300000, `used ${(used.user + used.system) / 1000} ms of CPU in ${waited} ms`);
  } finally {
    release();
  }
});

test('a waiter gets the lock as soon as the holder releases it; writers take turns', async () => {
  const file = join(dir(), 'credentials');
  const order: string[] = [];
  const first = await acquireLock(file, 'credentials-file');
  const second = acquireLock(file, 'credentials-file').then((release) => {
    order.push('second');
    release();
  });
  await new Promise((r) => setTimeout(r, 200));
  order.push('first released');
  first();
  await second;
  assert.deepEqual(order, ['first released', 'second']);
  assert.ok(!existsSync(`${file}.lock`));
});

test('a lock whose holder is gone (not refreshed for longer than the stale time) is taken over', async () => {
  const file = join(dir(), 'credentials');
  mkdirSync(`${file}.lock`);
  const old = new Date(Date.now() - 60000);
  utimesSync(`${file}.lock`, old, old);
  const release = await acquireLock(file, 'credentials-file', { deadline: Date.now() + 2000 });
  assert.ok(statSync(`${file}.lock`).mtimeMs > old.getTime());
  release();
  assert.ok(!existsSync(`${file}.lock`));
});

test('release removes only its own lock: one taken over since is left to its new holder', async () => {
  const file = join(dir(), 'credentials');
  const release = await acquireLock(file, 'credentials-file');
  // Another process took the lock over (as if ours had gone stale): a new lock directory stands at the path.
  rmdirSync(`${file}.lock`);
  await new Promise((r) => setTimeout(r, 20));
  mkdirSync(`${file}.lock`);
  release();
  assert.ok(existsSync(`${file}.lock`), "the other holder's lock was removed");
});
