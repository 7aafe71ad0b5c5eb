/** Where the CLI's settings come from (flags, then environment, then auth.yaml), and which of them are secrets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { envName, secretSettings, settingsReader } from '../../src/cli/settings.js';

test('flags win over the environment, which wins over the auth file; values are trimmed', () => {
  const get = settingsReader(
    new Map([['aws-region', ' eu-west-1 ']]),
    { ASLC_AWS_REGION: 'us-east-2', ASLC_ROLE_ALIAS: 'env-alias' },
    new Map([
      ['aws-region', 'ap-south-1'],
      ['role-alias', 'file-alias'],
      ['thing-name', ' t '],
    ]),
  );
  assert.equal(get('aws-region'), 'eu-west-1');
  assert.equal(get('role-alias'), 'env-alias');
  assert.equal(get('thing-name'), 't');
  assert.equal(get('certificate'), '');
});

test("the AWS SDKs' own variables are read after ASLC_ ones; an empty variable counts as unset", () => {
  assert.equal(
    settingsReader(new Map(), { AWS_REGION: 'us-west-1', AWS_DEFAULT_REGION: 'us-west-2' }, undefined)('aws-region'),
    'us-west-1',
  );
  assert.equal(settingsReader(new Map(), { AWS_DEFAULT_REGION: 'us-west-2' }, undefined)('aws-region'), 'us-west-2');
  assert.equal(
    settingsReader(new Map(), { ASLC_AWS_REGION: 'eu-north-1', AWS_REGION: 'us-west-1' }, undefined)('aws-region'),
    'eu-north-1',
  );
  assert.equal(
    settingsReader(new Map(), { ASLC_AWS_REGION: '', AWS_REGION: 'us-west-1' }, undefined)('aws-region'),
    'us-west-1',
  );
  assert.equal(
    settingsReader(
      new Map(),
      { AWS_ROLE_ARN: 'arn:r', AWS_WEB_IDENTITY_TOKEN_FILE: '/t' },
      undefined,
    )('web-identity-token-file'),
    '/t',
  );
  // A flag given empty is a choice (it overrides the environment).
  assert.equal(settingsReader(new Map([['aws-region', '']]), { AWS_REGION: 'us-west-1' }, undefined)('aws-region'), '');
});

test('envName maps input names to ASLC_ variables', () => {
  assert.equal(envName('private-key-passphrase'), 'ASLC_PRIVATE_KEY_PASSPHRASE');
});

test('secret settings: keys, passphrases and client secrets from flags, environment and the auth file', () => {
  const values = secretSettings(
    new Map([
      ['private-key-passphrase', 'flag-pass'],
      ['aws-region', 'us-east-1'],
    ]),
    {
      ASLC_CLIENT_SECRET: 'env-secret',
      AWS_SESSION_TOKEN: 'base-token',
      AWS_ACCESS_KEY_ID: 'AKIA',
      GITHUB_TOKEN: 'ghs_apptoken',
    },
    new Map([['private-key', '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----']]),
  );
  assert.deepEqual(
    values.sort(),
    [
      '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----',
      'base-token',
      'env-secret',
      'flag-pass',
      'ghs_apptoken',
    ].sort(),
  );
});

test('secret settings: the variable --web-identity-token-env names; a PKCS#12 certificate but not a PEM or path one', () => {
  const p12 = 'MII' + 'A'.repeat(200);
  assert.deepEqual(
    secretSettings(
      new Map([
        ['web-identity-token-env', 'CI_JOB_JWT'],
        ['certificate', p12],
      ]),
      { CI_JOB_JWT: 'tok' },
    ),
    [p12, 'tok'],
  );
  assert.deepEqual(secretSettings(new Map([['certificate', '/path/cert.pem']]), {}), []);
  assert.deepEqual(
    secretSettings(new Map([['certificate', '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----']]), {}),
    [],
  );
});
