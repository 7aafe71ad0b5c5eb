/** Endpoint settings: service env, global env, then the region's own host (Roles Anywhere; STS's come from the SDK). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { serviceEndpoints } from '../../src/config/environment.js';
import {
  configuredEndpoint as checkedEndpoint,
  dnsSuffix,
  serviceEndpoint as endpointOf,
} from '../../src/providers/endpoints.js';

type Env = Record<string, string | undefined>;

/** The variables read into the config as buildConfig reads them, then resolved as the STS client resolves them. */
const configuredEndpoint = (_service: 'STS', env: Env) => checkedEndpoint(serviceEndpoints(env)?.sts);

/** The same, for the Roles Anywhere provider's endpoint. */
function serviceEndpoint(hostPrefix: string, _service: 'ROLESANYWHERE', region: string, env: Env): string {
  const endpoints = serviceEndpoints(env);
  return endpointOf(hostPrefix, region, endpoints?.rolesAnywhere, endpoints?.fips);
}

test("the region's endpoint by default, amazonaws.com.cn in China", () => {
  assert.equal(
    serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'ap-south-1', {}),
    'https://rolesanywhere.ap-south-1.amazonaws.com',
  );
  assert.equal(
    serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'cn-north-1', {}),
    'https://rolesanywhere.cn-north-1.amazonaws.com.cn',
  );
  assert.equal(dnsSuffix('us-gov-west-1'), 'amazonaws.com');
});

test('AWS_USE_FIPS_ENDPOINT=true selects the FIPS host', () => {
  assert.equal(
    serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'us-east-1', { AWS_USE_FIPS_ENDPOINT: 'true' }),
    'https://rolesanywhere-fips.us-east-1.amazonaws.com',
  );
  assert.equal(
    serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'us-east-1', { AWS_USE_FIPS_ENDPOINT: 'false' }),
    'https://rolesanywhere.us-east-1.amazonaws.com',
  );
});

test('AWS_ENDPOINT_URL_<service> beats AWS_ENDPOINT_URL, which beats the region; trailing slashes dropped', () => {
  assert.equal(configuredEndpoint('STS', {}), undefined);
  assert.equal(configuredEndpoint('STS', { AWS_ENDPOINT_URL: 'http://localhost:5000/' }), 'http://localhost:5000');
  assert.equal(
    configuredEndpoint('STS', {
      AWS_ENDPOINT_URL: 'http://localhost:5000',
      AWS_ENDPOINT_URL_STS: 'https://sts.local:8443//',
    }),
    'https://sts.local:8443',
  );
  // Another service's variable does not apply to STS.
  assert.equal(configuredEndpoint('STS', { AWS_ENDPOINT_URL_ROLESANYWHERE: 'https://ra.local' }), undefined);
  assert.equal(
    serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'us-east-1', {
      AWS_ENDPOINT_URL_ROLESANYWHERE: 'https://ra.local',
      AWS_ENDPOINT_URL_STS: 'https://sts.local',
    }),
    'https://ra.local',
  );
  // An empty variable is unset.
  assert.equal(
    configuredEndpoint('STS', { AWS_ENDPOINT_URL_STS: '', AWS_ENDPOINT_URL: 'https://g.local' }),
    'https://g.local',
  );
  // A configured URL wins over FIPS.
  assert.equal(
    serviceEndpoint('rolesanywhere', 'ROLESANYWHERE', 'us-east-1', {
      AWS_ENDPOINT_URL_ROLESANYWHERE: 'http://127.0.0.1:5000',
      AWS_USE_FIPS_ENDPOINT: 'true',
    }),
    'http://127.0.0.1:5000',
  );
});

test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores both variables, even invalid ones', () => {
  const env = {
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    AWS_ENDPOINT_URL_STS: 'not a url',
    AWS_ENDPOINT_URL: 'http://localhost:5000',
  };
  assert.equal(configuredEndpoint('STS', env), undefined);
  assert.equal(
    configuredEndpoint('STS', {
      ...env,
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:5000',
    }),
    'http://127.0.0.1:5000',
  );
});

test('an invalid URL is an InputError naming the variable', () => {
  for (const [name, value, reason] of [
    ['AWS_ENDPOINT_URL_STS', 'sts.local', /is not a URL/],
    ['AWS_ENDPOINT_URL', 'localhost:5000', /is not an http\(s\) URL/],
    ['AWS_ENDPOINT_URL_STS', 'ftp://sts.local', /is not an http\(s\) URL/],
  ] as const) {
    assert.throws(
      () => configuredEndpoint('STS', { [name]: value }),
      (err: unknown) => {
        assert.ok(err instanceof InputError);
        assert.equal(err.input, name);
        assert.match(err.message, new RegExp(`^Environment variable '${name}': `));
        assert.match(err.message, reason);
        assert.match(err.message, new RegExp(`Set ${name} to`));
        return true;
      },
    );
  }
});
