/** The sign-in's fetch over the project's transport: reads retried on transient failures, the code exchange sent once. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { transportFetch } from '../../src/cli/login/transport-fetch.js';

const hits: string[] = [];
let failures = 0;
const server = createServer((req, res) => {
  hits.push(`${req.method} ${req.url}`);
  if (failures > 0) {
    failures--;
    res.writeHead(503).end('busy');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
after(() => server.close());

const fetchIt = transportFetch({ env: {}, timeoutMs: 30_000 }) as unknown as (
  url: string,
  init: Record<string, unknown>,
) => Promise<Response>;

test('a read that meets 503 is asked again, and the answer after is handed back', async () => {
  hits.length = 0;
  failures = 2;
  const res = await fetchIt(`${base}/.well-known/openid-configuration`, {
    method: 'GET',
    headers: { accept: 'application/json' },
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ok: true });
  assert.equal(hits.length, 3);
});

test('the code exchange is sent once: its 503 goes back to the client as it came', async () => {
  hits.length = 0;
  failures = 1;
  const res = await fetchIt(`${base}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ code: 'c' }),
  });
  assert.equal(res.status, 503);
  assert.equal(hits.length, 1);
});

test('cleartext to a host that is not loopback is refused before anything is sent', async () => {
  await assert.rejects(
    fetchIt('http://idp.example.com/.well-known/openid-configuration', { method: 'GET' }),
    (err: unknown) => (err as { code?: string }).code === 'EINSECURE',
  );
});
