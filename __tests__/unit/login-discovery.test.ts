import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoveryUrl, isLoopbackHost, parseDiscoveryDocument } from '../../src/cli/login/discovery.js';
import { InputError } from '../../src/errors.js';

const ISSUER = 'https://login.example.com/tenant';

function doc(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}/authorize`,
    token_endpoint: `${ISSUER}/token`,
    jwks_uri: `${ISSUER}/jwks`,
    response_types_supported: ['code', 'id_token'],
    code_challenge_methods_supported: ['plain', 'S256'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'none'],
    authorization_response_iss_parameter_supported: true,
    ...overrides,
  });
}

function inputError(pattern: RegExp) {
  return (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.input, 'issuer');
    assert.match(err.message, pattern);
    return true;
  };
}

test('a valid document yields the endpoints the login needs', () => {
  assert.deepEqual(parseDiscoveryDocument(ISSUER, doc()), {
    issuer: ISSUER,
    authorizationEndpoint: `${ISSUER}/authorize`,
    tokenEndpoint: `${ISSUER}/token`,
    jwksUri: `${ISSUER}/jwks`,
    tokenEndpointAuthMethods: ['client_secret_post', 'none'],
    issParameterSupported: true,
  });
  const minimal = parseDiscoveryDocument(ISSUER, doc({ code_challenge_methods_supported: undefined, token_endpoint_auth_methods_supported: undefined, authorization_response_iss_parameter_supported: undefined }));
  assert.equal(minimal.tokenEndpointAuthMethods, undefined);
  assert.equal(minimal.issParameterSupported, false);
});

test('the discovery URL is the issuer plus /.well-known/openid-configuration', () => {
  assert.equal(discoveryUrl('https://accounts.google.com'), 'https://accounts.google.com/.well-known/openid-configuration');
  assert.equal(discoveryUrl('https://tenant.auth0.com/'), 'https://tenant.auth0.com/.well-known/openid-configuration');
  assert.equal(discoveryUrl('https://kc.example.com/realms/dev'), 'https://kc.example.com/realms/dev/.well-known/openid-configuration');
  assert.equal(discoveryUrl('http://127.0.0.1:3000'), 'http://127.0.0.1:3000/.well-known/openid-configuration');
});

test('issuer values that cannot be trusted are refused before any request', () => {
  assert.throws(() => discoveryUrl('login.example.com'), inputError(/is not a URL/));
  assert.throws(() => discoveryUrl('http://login.example.com'), inputError(/http: on a host that is not loopback/));
  assert.throws(() => discoveryUrl('https://login.example.com/?tenant=1'), inputError(/query, fragment or credentials/));
  assert.throws(() => discoveryUrl('https://user:pw@login.example.com/'), (err: unknown) => err instanceof InputError && !err.message.includes('pw'));
});

test('the issuer must match exactly, trailing slash included', () => {
  assert.throws(() => parseDiscoveryDocument(`${ISSUER}/`, doc()), inputError(/names 'https:\/\/login\.example\.com\/tenant', not 'https:\/\/login\.example\.com\/tenant\/'.*Pass --issuer exactly/));
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ issuer: 'https://evil.example.com' })), inputError(/names 'https:\/\/evil\.example\.com'/));
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ issuer: undefined })), inputError(/names no issuer/));
});

test('endpoints must be https, or http on loopback only', () => {
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ token_endpoint: 'http://login.example.com/token' })), inputError(/token_endpoint is not https/));
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ jwks_uri: 'ftp://login.example.com/jwks' })), inputError(/jwks_uri is not https/));
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ authorization_endpoint: 'not a url' })), inputError(/authorization_endpoint is not a URL/));
  const local = 'http://127.0.0.1:4000';
  const meta = parseDiscoveryDocument(local, JSON.stringify({ issuer: local, authorization_endpoint: `${local}/auth`, token_endpoint: `${local}/token`, jwks_uri: 'http://localhost:4000/jwks' }));
  assert.equal(meta.jwksUri, 'http://localhost:4000/jwks');
});

test('required endpoints must be present', () => {
  for (const field of ['authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
    assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ [field]: undefined })), inputError(new RegExp(`has no ${field}`)));
  }
});

test('a provider that lists PKCE methods must list S256, and the code flow must be supported', () => {
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ code_challenge_methods_supported: ['plain'] })), inputError(/does not list S256/));
  assert.throws(() => parseDiscoveryDocument(ISSUER, doc({ response_types_supported: ['id_token'] })), inputError(/response_type=code/));
});

test('a body that is not a JSON object is refused', () => {
  assert.throws(() => parseDiscoveryDocument(ISSUER, '<html>login</html>'), inputError(/did not return a JSON object/));
  assert.throws(() => parseDiscoveryDocument(ISSUER, '[]'), inputError(/did not return a JSON object/));
});

test('loopback hosts are recognised', () => {
  for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) assert.ok(isLoopbackHost(host), host);
  for (const host of ['127.0.0.1.example.com', 'localhost.example.com', '10.0.0.1', '::1', 'example.com']) assert.equal(isLoopbackHost(host), false, host);
});
