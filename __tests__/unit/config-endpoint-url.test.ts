/** Where tokens and signed requests may go: https anywhere, http only to a host written as loopback; never echoing secrets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeUrl, isLoopbackHost, requireSecureEndpoint } from '../../src/config/endpoint-url.js';
import { expectInputError } from '../support/input-error.js';

test('https is taken anywhere, trimmed; plain http only to loopback as written', () => {
  assert.equal(requireSecureEndpoint(' https://sts.example.com/x ', 'sts-endpoint').href, 'https://sts.example.com/x');
  for (const ok of [
    'http://127.0.0.1:5000',
    'http://127.1:8080/',
    'http://0x7f.0.0.1/',
    'http://localhost:1',
    'http://[::1]:9000/',
  ]) {
    assert.equal(requireSecureEndpoint(ok, 'e').protocol, 'http:', ok);
  }
  for (const bad of ['http://10.0.0.1/', 'http://localhost.example.com/', 'http://128.0.0.1/', 'http://[::2]/']) {
    const err = expectInputError(() => requireSecureEndpoint(bad, 'e'), 'e');
    assert.match(err.message, /clear text/);
  }
});

test('a value that is not a URL is refused without being echoed', () => {
  const secret = 'ghp_notaurlbutatoken1234567890';
  const err = expectInputError(() => requireSecureEndpoint(secret, 'token-endpoint'), 'token-endpoint', [secret]);
  assert.match(err.message, /does not start with https:\/\//);
});

test('user information is refused and never printed; other schemes are shown as scheme://host only', () => {
  expectInputError(() => requireSecureEndpoint('https://admin:hunter2@sts.example.com/', 'e'), 'e', [
    'hunter2',
    'admin',
  ]);
  const ftp = expectInputError(() => requireSecureEndpoint('ftp://files.example.com/a?sig=secret', 'e'), 'e', [
    'sig=secret',
  ]);
  assert.match(ftp.message, /'ftp:\/\/files\.example\.com\/a' is not an http\(s\) URL/);
  // 'user:secret@host' parses with 'user:' as the scheme: nothing of it is echoed.
  expectInputError(() => requireSecureEndpoint('user:secret@host', 'e'), 'e', ['secret']);
});

test('isLoopbackHost reads the host as written: a name that resolves to loopback is not loopback', () => {
  assert.equal(isLoopbackHost('localhost'), true);
  assert.equal(isLoopbackHost('[::1]'), true);
  assert.equal(isLoopbackHost('127.255.0.9'), true);
  assert.equal(isLoopbackHost('localtest.me'), false);
  assert.equal(isLoopbackHost('1127.0.0.1'), false);
});

test('describeUrl prints scheme, host, port and path only', () => {
  assert.equal(describeUrl('https://u:p@h.example:8443/p/q?x=1#f'), 'https://h.example:8443/p/q');
  assert.equal(describeUrl(new URL('https://h.example/')), 'https://h.example');
  assert.equal(describeUrl('not a url'), '(not a URL)');
});
