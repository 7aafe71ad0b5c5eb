/** Mode resolution: the explicit `mode` input, or inference from the inputs only one mode reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MODE_INPUTS, resolveMode } from '../../src/config/mode.js';
import { MODES } from '../../src/config/sources/index.js';
import { throwsInput } from '../support/input-error.js';

const inputs = (values: Record<string, string>) => (name: string) => values[name] ?? '';

test('an explicit mode is returned as given', () => {
  for (const mode of MODES) assert.equal(resolveMode(inputs({ mode }), false), mode);
  assert.equal(
    resolveMode(inputs({ mode: 'iot-certificate', 'role-alias': 'ci', certificate: 'c' }), false),
    'iot-certificate',
  );
  assert.equal(resolveMode(inputs({ mode: 'oidc', audience: 'x', 'role-to-assume': 'r' }), false), 'oidc');
});

test('an unknown mode lists the valid ones', () => {
  throwsInput(
    () => resolveMode(inputs({ mode: 'saml' }), false),
    'mode',
    /'saml' is not a mode/,
    /Use one of oidc, iot-certificate, roles-anywhere, minio-certificate/,
  );
  throwsInput(() => resolveMode(inputs({ mode: 'OIDC' }), false), 'mode', /'OIDC' is not a mode/);
});

test("an explicit mode with another mode's inputs names those inputs", () => {
  throwsInput(
    () => resolveMode(inputs({ mode: 'oidc', 'role-alias': 'ci' }), false),
    'mode',
    /is oidc, but role-alias belongs to another mode/,
    /Remove role-alias, or change mode/,
  );
  throwsInput(
    () =>
      resolveMode(inputs({ mode: 'roles-anywhere', audience: 'a', 'thing-name': 't', 'trust-anchor-arn': 'x' }), false),
    'mode',
    /is roles-anywhere, but audience, thing-name belong to another mode/,
    /Remove audience, thing-name/,
  );
});

test('each mode is inferred from any one of its own inputs', () => {
  for (const mode of MODES) {
    for (const name of MODE_INPUTS[mode]) {
      assert.equal(resolveMode(inputs({ [name]: 'x' }), false), mode, `${name} should select ${mode}`);
    }
  }
});

test('role-to-assume alone means OIDC', () => {
  assert.equal(resolveMode(inputs({ 'role-to-assume': 'arn:aws:iam::123456789012:role/r' }), false), 'oidc');
});

test('inputs of two modes at once: the message names both sets and their modes', () => {
  throwsInput(
    () => resolveMode(inputs({ 'web-identity-token-file': '/t', audience: 'a', 'trust-anchor-arn': 'x' }), false),
    'mode',
    /cannot be inferred: audience, web-identity-token-file \(oidc\) and trust-anchor-arn \(roles-anywhere\) are set together/,
    /set mode explicitly/,
  );
  throwsInput(
    () => resolveMode(inputs({ 'role-alias': 'ci', 'profile-arn': 'p' }), false),
    'mode',
    /role-alias \(iot-certificate\) and profile-arn \(roles-anywhere\)/,
  );
});

test('a certificate or key without any mode input cannot be placed', () => {
  for (const name of ['certificate', 'private-key']) {
    throwsInput(
      () => resolveMode(inputs({ [name]: 'pem', 'role-to-assume': 'r' }), false),
      'mode',
      /cannot be inferred: a certificate is given without iot-credential-endpoint\/role-alias \(IoT\), trust-anchor-arn\/profile-arn \(Roles Anywhere\) or minio-endpoint \(MinIO\)/,
    );
  }
});

test('nothing at all asks for role-to-assume and explains each mode', () => {
  throwsInput(
    () => resolveMode(inputs({}), false),
    'role-to-assume',
    /is required \(no mode's inputs are set\)/,
    /iot-credential-endpoint and role-alias/,
    /trust-anchor-arn and profile-arn/,
  );
});

test('role-chaining alone (with role-to-assume) resolves to role-chaining', () => {
  assert.equal(resolveMode(inputs({ 'role-to-assume': 'r' }), true), 'role-chaining');
  // The shared certificate inputs are not mode inputs and do not clash.
  assert.equal(resolveMode(inputs({}), true), 'role-chaining');
});

test('role-chaining with mode or any mode input names every clash', () => {
  throwsInput(
    () => resolveMode(inputs({ audience: 'a' }), true),
    'role-chaining',
    /but audience is also set/,
    /Use role-chaining alone with role-to-assume/,
  );
  throwsInput(() => resolveMode(inputs({ mode: 'oidc' }), true), 'role-chaining', /but mode is also set/);
  throwsInput(
    () =>
      resolveMode(
        inputs({ mode: 'oidc', 'web-identity-token-file': 'f', 'role-alias': 'r', 'profile-arn': 'p' }),
        true,
      ),
    'role-chaining',
    /which uses the credentials already in the environment, but mode, web-identity-token-file, role-alias, profile-arn are also set/,
  );
});

test('each mode input belongs to exactly one mode', () => {
  const all = MODES.flatMap((m) => MODE_INPUTS[m]);
  assert.equal(new Set(all).size, all.length);
});

test('shared inputs select no mode, belong to the modes that read them, and are foreign to the others', () => {
  // ca-certificate is read by IoT and MinIO; certificate-chain by Roles Anywhere and MinIO.
  assert.equal(
    resolveMode(inputs({ 'minio-endpoint': 'https://m', 'ca-certificate': 'c', 'certificate-chain': 'k' }), false),
    'minio-certificate',
  );
  assert.equal(resolveMode(inputs({ 'role-alias': 'ci', 'ca-certificate': 'c' }), false), 'iot-certificate');
  assert.equal(resolveMode(inputs({ 'profile-arn': 'p', 'certificate-chain': 'k' }), false), 'roles-anywhere');
  throwsInput(
    () => resolveMode(inputs({ 'profile-arn': 'p', 'ca-certificate': 'c' }), false),
    'mode',
    /is inferred as roles-anywhere \(from profile-arn\), but ca-certificate is not read in that mode/,
  );
  throwsInput(
    () => resolveMode(inputs({ 'role-alias': 'ci', 'certificate-chain': 'k' }), false),
    'mode',
    /inferred as iot-certificate .* certificate-chain is not read/,
  );
  throwsInput(
    () => resolveMode(inputs({ mode: 'roles-anywhere', 'ca-certificate': 'c' }), false),
    'mode',
    /is roles-anywhere, but ca-certificate belongs to another mode/,
  );
  throwsInput(
    () => resolveMode(inputs({ mode: 'oidc', 'certificate-chain': 'k', 'role-to-assume': 'r' }), false),
    'mode',
    /is oidc, but certificate-chain belongs to another mode/,
  );
  throwsInput(
    () => resolveMode(inputs({ 'ca-certificate': 'c', 'role-to-assume': 'r' }), true),
    'role-chaining',
    /but ca-certificate is also set/,
  );
  throwsInput(
    () => resolveMode(inputs({ 'minio-endpoint': 'https://m', 'role-alias': 'ci' }), false),
    'mode',
    /role-alias \(iot-certificate\) and minio-endpoint \(minio-certificate\)/,
  );
});
