import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeProxy, noProxyMatches, parseProxyUrl, proxyFor } from '../../src/config/proxy.js';
import { InputError } from '../../src/errors.js';

const sts = new URL('https://sts.us-east-1.amazonaws.com/');
const plain = new URL('http://127.0.0.1:5000/');

test('HTTPS_PROXY serves https targets, HTTP_PROXY http ones; lower-case names win as curl reads them', () => {
  assert.equal(proxyFor(sts, { HTTPS_PROXY: 'http://proxy:3128' })?.host, 'proxy:3128');
  assert.equal(proxyFor(sts, { HTTP_PROXY: 'http://proxy:3128' }), undefined);
  assert.equal(proxyFor(plain, { HTTP_PROXY: 'proxy:8080' })?.toString(), 'http://proxy:8080/');
  assert.equal(proxyFor(sts, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })?.host, 'lower:1');
});

test('the http-proxy input overrides the environment, NO_PROXY still applies', () => {
  assert.equal(proxyFor(sts, { HTTPS_PROXY: 'http://env:1' }, 'http://input:2')?.host, 'input:2');
  assert.equal(proxyFor(sts, { NO_PROXY: 'amazonaws.com' }, 'http://input:2'), undefined);
});

test('NO_PROXY matches names, subdomains, dotted suffixes, IPs, ports and *', () => {
  assert.ok(noProxyMatches(sts, 'amazonaws.com'));
  assert.ok(noProxyMatches(sts, '.amazonaws.com'));
  assert.ok(noProxyMatches(sts, 'example.com, sts.us-east-1.amazonaws.com'));
  assert.ok(noProxyMatches(sts, '*'));
  assert.ok(noProxyMatches(plain, '127.0.0.1'));
  assert.ok(noProxyMatches(plain, '127.0.0.1:5000'));
  assert.ok(!noProxyMatches(plain, '127.0.0.1:6000'));
  assert.ok(!noProxyMatches(sts, 'zonaws.com'), 'a suffix must end at a dot');
  assert.ok(!noProxyMatches(sts, ''));
  assert.ok(noProxyMatches(new URL('https://[::1]:8443/'), '::1'));
});

test('a proxy URL that is not http is refused with the input named; credentials never printed', () => {
  assert.throws(
    () => parseProxyUrl('socks5://p:1080', 'http-proxy'),
    (e: unknown) => e instanceof InputError && e.input === 'http-proxy' && /socks5/.test(e.message),
  );
  assert.throws(
    () => parseProxyUrl('http://[bad', 'HTTPS_PROXY'),
    (e: unknown) => e instanceof InputError && e.message.startsWith("Environment variable 'HTTPS_PROXY'"),
  );
  assert.equal(describeProxy(parseProxyUrl('http://user:s3cret@proxy:3128', 'x')), 'http://proxy:3128');
});
