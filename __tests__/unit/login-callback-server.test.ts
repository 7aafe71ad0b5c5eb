import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { startCallbackServer } from '../../src/cli/login/callback-server.js';
import { AwsError, InputError } from '../../src/errors.js';

const STATE = 'expected-state-value';

async function visit(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

test('a callback with the right state yields the code and a success page, then the server closes', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  assert.match(server.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  assert.equal(server.redirectUri, `http://127.0.0.1:${server.port}/callback`);
  const page = await visit(`${server.redirectUri}?code=the-code&state=${STATE}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /You are signed in/);
  assert.ok(!page.body.includes('the-code'));
  assert.equal(await server.waitForCode(), 'the-code');
  await server.close();
  await assert.rejects(fetch(server.redirectUri));
});

test('other paths answer 404 and do not end the wait', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  assert.equal((await visit(`http://127.0.0.1:${server.port}/favicon.ico`)).status, 404);
  const res = await fetch(`${server.redirectUri}?code=c&state=${STATE}`, { method: 'POST' });
  assert.equal(res.status, 405);
  await res.text();
  await visit(`${server.redirectUri}?code=c2&state=${STATE}`);
  assert.equal(await server.waitForCode(), 'c2');
  await server.close();
});

test('a tampered or missing state is answered 400 and the sign-in keeps waiting for its own callback', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  const page = await visit(`${server.redirectUri}?code=stolen-code&state=${STATE}x`);
  assert.equal(page.status, 400);
  assert.match(page.body, /state this sign-in did not send/);
  assert.ok(!page.body.includes('stolen-code'));
  assert.equal((await visit(`${server.redirectUri}?code=c`)).status, 400);
  assert.equal(
    (await visit(`${server.redirectUri}?error=access_denied&state=other`)).status,
    400,
    'a foreign error cannot cancel the sign-in either',
  );
  const ok = await visit(`${server.redirectUri}?code=the-code&state=${STATE}`);
  assert.equal(ok.status, 200);
  assert.equal(await server.waitForCode(), 'the-code');
  await server.close();
});

test('a sign-in that only ever sees foreign callbacks ends at its timeout, naming no code or state', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 300 });
  await visit(`${server.redirectUri}?code=stolen-code&state=wrong`);
  await assert.rejects(server.waitForCode(), (err: unknown) => {
    assert.ok(err instanceof AwsError);
    assert.equal(err.code, 'ETIMEDOUT');
    assert.ok(!err.message.includes('stolen-code') && !err.message.includes(STATE));
    return true;
  });
  await server.close();
});

test('an error from the provider is reported with its description, escaped in the page', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  const description = 'User <b>cancelled</b>';
  const page = await visit(
    `${server.redirectUri}?error=access_denied&error_description=${encodeURIComponent(description)}&state=${STATE}`,
  );
  assert.equal(page.status, 400);
  assert.match(page.body, /User &#60;b&#62;cancelled&#60;\/b&#62;/);
  await assert.rejects(server.waitForCode(), (err: unknown) => {
    assert.ok(err instanceof AwsError);
    assert.equal(err.code, 'access_denied');
    assert.equal(err.serviceMessage, description);
    assert.match(err.message, /refused or cancelled/);
    return true;
  });
  await server.close();
});

test('a callback without a code is an error', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  await visit(`${server.redirectUri}?state=${STATE}`);
  await assert.rejects(server.waitForCode(), (err: unknown) => err instanceof AwsError && err.code === 'MissingCode');
  await server.close();
});

test('the RFC 9207 iss parameter must match the issuer, and be present when the provider promises it', async () => {
  const issuer = { value: 'http://127.0.0.1:1/', required: true };
  let server = await startCallbackServer({ state: STATE, timeoutMs: 30_000, issuer });
  await visit(`${server.redirectUri}?code=c&state=${STATE}&iss=${encodeURIComponent('https://evil.example.com/')}`);
  await assert.rejects(
    server.waitForCode(),
    (err: unknown) => err instanceof AwsError && err.code === 'IssuerMismatch' && /another issuer/.test(err.message),
  );
  await server.close();

  server = await startCallbackServer({ state: STATE, timeoutMs: 30_000, issuer });
  await visit(`${server.redirectUri}?code=c&state=${STATE}`);
  await assert.rejects(
    server.waitForCode(),
    (err: unknown) => err instanceof AwsError && /does not name its issuer/.test(err.message),
  );
  await server.close();

  server = await startCallbackServer({ state: STATE, timeoutMs: 30_000, issuer: { ...issuer, required: false } });
  await visit(`${server.redirectUri}?code=c&state=${STATE}`);
  assert.equal(await server.waitForCode(), 'c');
  await server.close();
});

test('only the first callback counts', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  const pages = await Promise.all(
    ['one', 'two'].map((code) =>
      visit(`${server.redirectUri}?code=${code}&state=${STATE}`).catch(() => ({ status: 0, body: '' })),
    ),
  );
  const accepted = pages.flatMap((page, i) => (page.status === 200 ? [i === 0 ? 'one' : 'two'] : []));
  assert.equal(accepted.length, 1, 'exactly one callback is answered as a success');
  assert.equal(await server.waitForCode(), accepted[0]);
  await server.close();
});

test('the wait times out with a hint', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 20 });
  await assert.rejects(
    server.waitForCode(),
    (err: unknown) => err instanceof AwsError && err.code === 'ETIMEDOUT' && /finish signing in/.test(err.message),
  );
  await server.close();
});

test('a chosen port is used, and a busy one is reported against --port', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  await assert.rejects(startCallbackServer({ state: STATE, timeoutMs: 1000, port }), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.equal(err.input, 'port');
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port} is already in use.*--port`));
    return true;
  });
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000, port });
  assert.equal(server.redirectUri, `http://127.0.0.1:${port}/callback`);
  await server.close();
  await assert.rejects(
    startCallbackServer({ state: STATE, timeoutMs: 1000, port: 70000 }),
    (err: unknown) => err instanceof InputError && err.input === 'port',
  );
});

test('closing before the browser returns rejects the wait', async () => {
  const server = await startCallbackServer({ state: STATE, timeoutMs: 30_000 });
  const waiting = server.waitForCode();
  await server.close();
  await assert.rejects(waiting, (err: unknown) => err instanceof AwsError && err.code === 'Cancelled');
});
