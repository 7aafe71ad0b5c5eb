/** The IoT credentials provider endpoint: host names and explicit https URLs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import { normaliseIotEndpoint } from '../../src/config/iot-endpoint.js';

const INPUT = 'iot-credential-endpoint';

function throwsInput(fn: () => unknown, ...patterns: RegExp[]): InputError {
  let caught: InputError | undefined;
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.equal(err.input, INPUT);
    for (const p of patterns) assert.match(err.message, p);
    caught = err;
    return true;
  });
  return caught!;
}

test('a credentials provider host name becomes a lower-cased https origin', () => {
  assert.equal(
    normaliseIotEndpoint('c1a2b3.credentials.iot.us-east-1.amazonaws.com', INPUT),
    'https://c1a2b3.credentials.iot.us-east-1.amazonaws.com',
  );
  assert.equal(
    normaliseIotEndpoint('C1A2B3.Credentials.IoT.EU-West-1.amazonaws.com', INPUT),
    'https://c1a2b3.credentials.iot.eu-west-1.amazonaws.com',
  );
  assert.equal(
    normaliseIotEndpoint('abc.credentials.iot-fips.us-gov-west-1.amazonaws.com', INPUT),
    'https://abc.credentials.iot-fips.us-gov-west-1.amazonaws.com',
  );
  assert.equal(
    normaliseIotEndpoint('abc.credentials.iot.cn-north-1.amazonaws.com.cn', INPUT),
    'https://abc.credentials.iot.cn-north-1.amazonaws.com.cn',
  );
});

test('an explicit https URL is trusted as given, port kept, trailing slash dropped', () => {
  assert.equal(normaliseIotEndpoint('https://localhost:8443', INPUT), 'https://localhost:8443');
  assert.equal(normaliseIotEndpoint('https://127.0.0.1:9443/', INPUT), 'https://127.0.0.1:9443');
  assert.equal(normaliseIotEndpoint('HTTPS://Proxy.Example.com', INPUT), 'https://proxy.example.com');
  // The default port is not repeated.
  assert.equal(normaliseIotEndpoint('https://proxy.example.com:443', INPUT), 'https://proxy.example.com');
});

test('empty is required, with the describe-endpoint command', () => {
  throwsInput(
    () => normaliseIotEndpoint('', INPUT),
    /is required/,
    /aws iot describe-endpoint --endpoint-type iot:CredentialProvider/,
  );
});

test('http and other schemes are refused: the provider is TLS only', () => {
  throwsInput(
    () => normaliseIotEndpoint('http://localhost:8443', INPUT),
    /'http:\/\/localhost:8443' is not https/,
    /use https:\/\//,
  );
  throwsInput(() => normaliseIotEndpoint('ftp://example.com', INPUT), /is not an http\(s\) URL/, /https:\/\//);
  throwsInput(
    () => normaliseIotEndpoint('http://c0demo.credentials.iot.us-east-1.amazonaws.com', INPUT),
    /plain http:\/\/ to a host that is not loopback/,
  );
});

test('a password in the endpoint URL is refused without being printed', () => {
  const err = throwsInput(
    () => normaliseIotEndpoint('https://iot:hunter2-secret@localhost:8443', INPUT),
    /user name or password/,
  );
  assert.doesNotMatch(err.message, /hunter2/);
});

test('a URL with a path or a query is refused', () => {
  throwsInput(
    () => normaliseIotEndpoint('https://localhost:8443/role-aliases/ci/credentials', INPUT),
    /has a path/,
    /adds \/role-aliases\/<alias>\/credentials/,
  );
  throwsInput(() => normaliseIotEndpoint('https://localhost:8443/?x=1', INPUT), /has a path/);
});

test('an unparseable URL is refused', () => {
  throwsInput(() => normaliseIotEndpoint('https://exa mple.com', INPUT), /is not a URL/);
});

test('the IoT data endpoint gets the "data endpoint" hint; other hosts get the expected shape', () => {
  throwsInput(
    () => normaliseIotEndpoint('a1b2c3-ats.iot.us-east-1.amazonaws.com', INPUT),
    /This looks like the IoT data endpoint, not the credentials provider/,
    /describe-endpoint/,
  );
  throwsInput(
    () => normaliseIotEndpoint('example.com', INPUT),
    /does not look like <prefix>\.credentials\.iot\.<region>\.amazonaws\.com/,
  );
  throwsInput(
    () => normaliseIotEndpoint('abc.credentials.iot.us-east-1.amazonaws.com:443', INPUT),
    /is not an IoT credentials endpoint/,
  );
  throwsInput(
    () => normaliseIotEndpoint('abc.credentials.iot.us-east-1.amazonaws.com/x', INPUT),
    /is not an IoT credentials endpoint/,
  );
});
