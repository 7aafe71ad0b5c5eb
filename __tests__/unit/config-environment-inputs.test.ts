/**
 * actionInputs: the job variables configure-aws-credentials reads as inputs, with its precedence. Its own
 * `translateEnvVariables`, taken from the pinned bundle, is the oracle; @actions/core's getInput is the one for INPUT_*.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { parse } from 'yaml';
import { actionInputs, INPUT_VARIABLES } from '../../src/config/environment-inputs.js';
import { buildConfig } from '../../src/config/build-config.js';
import { buildActionDelivery, type DeliveryOptions } from '../../src/config/action-delivery.js';
import { ACTION_INPUTS } from '../../src/config/input-names.js';
import type { Config } from '../../src/config/model.js';
import { chooseProxy } from '../../src/config/proxy.js';
import { PEER_FIXTURE } from '../../bench/matrix.js';
import { ROOT } from '../support/processes.js';

type Env = Record<string, string | undefined>;

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const OTHER_ROLE = 'arn:aws:iam::123456789012:role/other';
const STS = new URL('https://sts.us-east-1.amazonaws.com/');

/** The peer's translateEnvVariables, run as it is on a copy of `env`; returns what its getInput would then read. */
const bundle = readFileSync(join(PEER_FIXTURE, 'dist', 'index.js'), 'utf8');

function peerInputs(env: Env): (name: string) => string {
  const source = /^function translateEnvVariables\(\) \{\n[\s\S]*?\n\}\n/m.exec(bundle)?.[0];
  assert.ok(source, "the peer's bundle has translateEnvVariables");
  const copy: Env = { ...env };
  new Function('process', `${source}\ntranslateEnvVariables();`)({ env: copy });
  return (name) => (copy[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** The names on the peer's list, read from its bundle. */
function peerVariables(): string[] {
  const list = /function translateEnvVariables\(\) \{\n\s*const envVars = \[([\s\S]*?)\];/.exec(bundle)?.[1] ?? '';
  return [...list.matchAll(/"([A-Z_]+)"/g)].map((m) => m[1]!);
}

const inputOf = (variable: string) => variable.toLowerCase().replace(/_/g, '-');

/** The config and the action's delivery from the effective inputs of `env`. */
function build(env: Env): Config & { delivery: DeliveryOptions } {
  const get = actionInputs(env);
  const config = buildConfig(get, env, new Date(0), '/home/runner');
  return { ...config, delivery: buildActionDelivery(get, env, '/home/runner', config).delivery };
}

const BASE: Env = {
  'INPUT_AWS-REGION': 'us-east-1',
  'INPUT_ROLE-TO-ASSUME': ROLE,
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/',
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer',
};

/**
 * Per variable: a value for the job variable, another for the explicit input, extra inputs the case needs, and what
 * the built config shows of the input. Each case checks the variable alone takes effect and the input wins over it.
 */
const CASES: Record<
  (typeof INPUT_VARIABLES)[number],
  { env: string; input: string; base?: Env; seen: (c: ReturnType<typeof build>) => unknown }
> = {
  AWS_REGION: { env: 'eu-west-1', input: 'ap-south-1', seen: (c) => c.region },
  ROLE_TO_ASSUME: { env: OTHER_ROLE, input: ROLE, seen: (c) => (c.source.mode === 'oidc' ? c.source.roleArn : '') },
  WEB_IDENTITY_TOKEN_FILE: {
    env: '/tmp/env-token',
    input: '/tmp/input-token',
    seen: (c) => (c.source.mode === 'oidc' ? c.source.tokenFile : ''),
  },
  ROLE_CHAINING: {
    env: 'true',
    input: 'false',
    base: { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE01', AWS_SECRET_ACCESS_KEY: 'secret' },
    seen: (c) => String(c.source.mode === 'role-chaining'),
  },
  AUDIENCE: { env: 'env-aud', input: 'input-aud', seen: (c) => (c.source.mode === 'oidc' ? c.source.audience : '') },
  MASK_AWS_ACCOUNT_ID: { env: 'true', input: 'false', seen: (c) => String(c.delivery.maskAccountId) },
  ROLE_DURATION_SECONDS: { env: '900', input: '1800', seen: (c) => String(c.session.durationSeconds) },
  ROLE_EXTERNAL_ID: {
    env: 'env-ext',
    input: 'input-ext',
    base: { 'INPUT_CHAIN-ROLE-ARN': OTHER_ROLE },
    seen: (c) => c.session.externalId,
  },
  ROLE_SESSION_NAME: { env: 'env-name', input: 'input-name', seen: (c) => c.session.sessionName },
  ROLE_SKIP_SESSION_TAGGING: { env: 'true', input: 'false', seen: (c) => String(!c.session.sessionTags) },
  TRANSITIVE_TAG_KEYS: {
    env: 'Repository',
    input: 'Workflow',
    base: { 'INPUT_CHAIN-ROLE-ARN': OTHER_ROLE },
    seen: (c) => c.session.transitiveTagKeys.join(','),
  },
  INLINE_SESSION_POLICY: {
    env: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}',
    input: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}',
    seen: (c) => c.session.inlinePolicy,
  },
  MANAGED_SESSION_POLICIES: {
    env: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
    input: 'arn:aws:iam::aws:policy/PowerUserAccess',
    seen: (c) => c.session.managedPolicyArns.join(','),
  },
  OUTPUT_CREDENTIALS: { env: 'true', input: 'false', seen: (c) => String(c.delivery.outputs) },
  UNSET_CURRENT_CREDENTIALS: { env: 'true', input: 'false', seen: (c) => String(c.guards.unsetCurrentCredentials) },
  DISABLE_RETRY: { env: 'true', input: 'false', seen: (c) => String(c.retry.maxAttempts === 1) },
  RETRY_MAX_ATTEMPTS: { env: '3', input: '5', seen: (c) => String(c.retry.maxAttempts) },
  SPECIAL_CHARACTERS_WORKAROUND: {
    env: 'true',
    input: 'false',
    seen: (c) => String(c.guards.specialCharactersWorkaround),
  },
  USE_EXISTING_CREDENTIALS: { env: 'true', input: 'false', seen: (c) => String(c.guards.useExistingCredentials) },
  OVERWRITE_AWS_PROFILE: {
    env: 'true',
    input: 'false',
    base: { 'INPUT_AWS-PROFILE': 'ci' },
    seen: (c) => String(c.delivery.overwriteProfile),
  },
};

describe('job variables as inputs, per name', () => {
  for (const variable of INPUT_VARIABLES) {
    const c = CASES[variable];
    const input = inputOf(variable);
    const base = { ...BASE, ...c.base };
    // The explicit input wins; an explicit input of a case's own base (aws-region, role-to-assume) is replaced here.
    const withoutInput = { ...base, [`INPUT_${input.toUpperCase()}`]: undefined };

    test(`${variable} stands for ${input}; an explicit ${input} wins; the peer agrees`, () => {
      const fromEnv = { ...withoutInput, [variable]: c.env };
      assert.equal(actionInputs(fromEnv)(input), c.env);
      assert.equal(c.seen(build(fromEnv)), c.env);
      const both = { ...fromEnv, [`INPUT_${input.toUpperCase()}`]: c.input };
      assert.equal(actionInputs(both)(input), c.input);
      assert.equal(c.seen(build(both)), c.input);
      for (const env of [fromEnv, both, withoutInput, { ...withoutInput, [variable]: '' }])
        assert.equal(actionInputs(env)(input), peerInputs(env)(input), JSON.stringify(env));
    });
  }
});

describe('job variables as inputs', () => {
  test("the list is the peer's, minus the three proxy variables; each names an input declared here", () => {
    assert.deepEqual(
      peerVariables().filter((v) => !['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'].includes(v)),
      [...INPUT_VARIABLES],
    );
    assert.equal(peerVariables().length, 22);
    for (const variable of INPUT_VARIABLES) assert.ok(ACTION_INPUTS.includes(inputOf(variable) as never), variable);
  });

  test('an input a job variable stands for has no default in action.yml (the runner would always set INPUT_*)', () => {
    const inputs = (parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, object> }).inputs;
    for (const variable of INPUT_VARIABLES) assert.ok(!('default' in inputs[inputOf(variable)]!), variable);
  });

  test('INPUT_* read as @actions/core reads it: upper-cased, spaces as _, dashes kept, trimmed', () => {
    const env: Env = {
      'INPUT_ROLE-TO-ASSUME': '  arn:aws:iam::123456789012:role/r \n',
      INPUT_MY_INPUT: 'x',
      'INPUT_AWS-REGION': 'us-east-1',
      AWS_REGION: 'eu-west-1',
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      for (const name of ['role-to-assume', 'my input', 'aws-region', 'missing'])
        assert.equal(actionInputs(env)(name), core.getInput(name), name);
    } finally {
      for (const name of Object.keys(env)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  test('values are trimmed as getInput trims them; a blank input is unset; other variables never stand for inputs', () => {
    assert.equal(actionInputs({ AWS_REGION: ' eu-west-1\n' })('aws-region'), 'eu-west-1');
    assert.equal(actionInputs({ 'INPUT_AWS-REGION': '', AWS_REGION: 'eu-west-1' })('aws-region'), 'eu-west-1');
    assert.equal(actionInputs({ 'INPUT_AWS-REGION': '  ', AWS_REGION: 'eu-west-1' })('aws-region'), '');
    assert.equal(actionInputs({ AWS_PROFILE: 'ci', CUSTOM_TAGS: '{}' })('aws-profile'), '');
    assert.equal(actionInputs({ CUSTOM_TAGS: '{}' })('custom-tags'), '');
    for (const env of [{ 'INPUT_AWS-REGION': '  ', AWS_REGION: 'eu-west-1' }, { AWS_PROFILE: 'ci' }])
      for (const name of ['aws-region', 'aws-profile']) assert.equal(actionInputs(env)(name), peerInputs(env)(name));
  });

  test('without aws-region, AWS_REGION gives the region (the step used to fail: aws-region is required)', () => {
    const env = { ...BASE, 'INPUT_AWS-REGION': undefined, AWS_REGION: 'eu-central-1' };
    assert.equal(build(env).region, 'eu-central-1');
  });
});

describe('HTTP_PROXY, HTTPS_PROXY, NO_PROXY: proxy variables, not inputs', () => {
  const both: Env = { ...BASE, HTTP_PROXY: 'http://plain:3128', HTTPS_PROXY: 'http://tls:3128' };

  test('none of them becomes http-proxy or no-proxy', () => {
    for (const env of [both, { NO_PROXY: 'example.com' }]) {
      assert.equal(actionInputs(env)('http-proxy'), '');
      assert.equal(actionInputs(env)('no-proxy'), '');
      const config = build({ ...BASE, ...env });
      assert.equal(config.httpProxy, undefined);
      assert.equal(config.noProxy, undefined);
    }
  });

  test('HTTPS_PROXY over HTTP_PROXY for STS, as the peer chooses', () => {
    const config = build(both);
    assert.equal(chooseProxy(STS, config.proxyVariables ?? {}, config.httpProxy)?.host, 'tls:3128');
    assert.equal(peerInputs(both)('http-proxy'), 'http://tls:3128');
  });

  test('an explicit http-proxy wins over both; NO_PROXY still applies, as the peer applies no-proxy', () => {
    const config = build({ ...both, 'INPUT_HTTP-PROXY': 'http://given:8080' });
    assert.equal(chooseProxy(STS, config.proxyVariables ?? {}, config.httpProxy)?.host, 'given:8080');
    const bypass = build({ ...both, NO_PROXY: '.amazonaws.com' });
    assert.equal(chooseProxy(STS, bypass.proxyVariables ?? {}, bypass.httpProxy), undefined);
    assert.equal(peerInputs({ NO_PROXY: '.amazonaws.com' })('no-proxy'), '.amazonaws.com');
  });

  test('a job that sets them for its tools keeps standard proxy behaviour: HTTP_PROXY is for http:// URLs', () => {
    const config = build({ ...BASE, HTTP_PROXY: 'http://plain:3128' });
    assert.equal(chooseProxy(STS, config.proxyVariables ?? {}, config.httpProxy), undefined);
    assert.equal(
      chooseProxy(new URL('http://169.254.170.2/'), config.proxyVariables ?? {}, config.httpProxy)?.host,
      'plain:3128',
    );
  });
});
