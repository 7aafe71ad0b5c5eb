/** Endpoint resolution: service env, global env, then the region's own host. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { dnsSuffix, serviceEndpoint, stsEndpoint } from '../../src/providers/endpoints.js';

test("the region's endpoint by default, amazonaws.com.cn in China", () => {
  assert.equal(stsEndpoint('us-east-1', {}), 'https://sts.us-east-1.amazonaws.com');
  assert.equal(stsEndpoint('eu-west-2', {}), 'https://sts.eu-west-2.amazonaws.com');
  assert.equal(stsEndpoint('cn-north-1', {}), 'https://sts.cn-north-1.amazonaws.com.cn');
  assert.equal(stsEndpoint('cn-northwest-1', {}), 'https://sts.cn-northwest-1.amazonaws.com.cn');
  assert.equal(dnsSuffix('us-gov-west-1'), 'amazonaws.com');
  assert.equal(serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'ap-south-1', {}), 'https://rolesanywhere.ap-south-1.amazonaws.com');
});

test('AWS_USE_FIPS_ENDPOINT=true selects the FIPS host', () => {
  assert.equal(stsEndpoint('us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }), 'https://sts-fips.us-east-1.amazonaws.com');
  assert.equal(stsEndpoint('us-gov-west-1', { AWS_USE_FIPS_ENDPOINT: 'true' }), 'https://sts-fips.us-gov-west-1.amazonaws.com');
  assert.equal(stsEndpoint('us-east-1', { AWS_USE_FIPS_ENDPOINT: 'false' }), 'https://sts.us-east-1.amazonaws.com');
});

test('AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL, which beats the region; trailing slashes dropped', () => {
  assert.equal(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'http://localhost:5000/' }), 'http://localhost:5000');
  assert.equal(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL: 'http://localhost:5000', AWS_ENDPOINT_URL_STS: 'https://sts.local:8443//' }), 'https://sts.local:8443');
  // Another service's variable does not apply to STS.
  assert.equal(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_ROLESANYWHERE: 'https://ra.local' }), 'https://sts.us-east-1.amazonaws.com');
  assert.equal(serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'us-east-1', { AWS_ENDPOINT_URL_ROLESANYWHERE: 'https://ra.local', AWS_ENDPOINT_URL_STS: 'https://sts.local' }), 'https://ra.local');
  // An empty variable is unset.
  assert.equal(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_STS: '', AWS_ENDPOINT_URL: 'https://g.local' }), 'https://g.local');
  // A configured URL wins over FIPS.
  assert.equal(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000', AWS_USE_FIPS_ENDPOINT: 'true' }), 'http://127.0.0.1:5000');
});

test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores both variables, even invalid ones', () => {
  const env = { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL_STS: 'not a url', AWS_ENDPOINT_URL: 'http://localhost:5000' };
  assert.equal(stsEndpoint('us-east-1', env), 'https://sts.us-east-1.amazonaws.com');
  assert.equal(stsEndpoint('us-east-1', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false', AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000' }), 'http://127.0.0.1:5000');
});

test('an invalid URL is an InputError naming the variable', () => {
  for (const [name, value, reason] of [
    ['AWS_ENDPOINT_URL_STS', 'sts.local', /is not a URL/],
    ['AWS_ENDPOINT_URL', 'localhost:5000', /is not an http\(s\) URL/],
    ['AWS_ENDPOINT_URL_STS', 'ftp://sts.local', /is not an http\(s\) URL/],
  ] as const) {
    assert.throws(() => stsEndpoint('us-east-1', { [name]: value }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.input, name);
      assert.match(err.message, new RegExp(`^Environment variable '${name}': `));
      assert.match(err.message, reason);
      assert.match(err.message, new RegExp(`Set ${name} to`));
      return true;
    });
  }
});

test('plain http:// is accepted only for a host written as loopback', () => {
  for (const ok of ['http://127.0.0.1:5000', 'http://127.8.9.10', 'http://localhost:1/', 'http://[::1]:8080']) {
    assert.equal(stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_STS: ok }), ok.replace(/\/+$/, ''));
  }
  // A name that resolves to loopback is still a name: someone else's DNS decides where it goes.
  for (const bad of ['http://sts.local', 'http://localhost.example.com', 'http://127.0.0.1.nip.io', 'http://10.0.0.1', 'http://[::2]']) {
    assert.throws(() => serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'us-east-1', { AWS_ENDPOINT_URL: bad }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.equal(err.input, 'AWS_ENDPOINT_URL');
      assert.match(err.message, /plain http:\/\/ to a host that is not loopback.*clear text.*Use https:\/\//);
      return true;
    });
  }
});

test('a user name or password in an endpoint URL is refused and never printed', () => {
  for (const value of ['https://admin:hunter2-secret@sts.example.com', 'http://hunter2-secret@127.0.0.1:5000', 'hunter2-secret:x@sts.example.com']) {
    assert.throws(() => stsEndpoint('us-east-1', { AWS_ENDPOINT_URL_STS: value }), (err: unknown) => {
      assert.ok(err instanceof InputError);
      assert.doesNotMatch(err.message, /hunter2/);
      return true;
    });
  }
});
