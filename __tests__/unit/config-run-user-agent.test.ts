/**
 * runUserAgent: the run in STS's User-Agent. The peer's UA_FIELDS and buildCustomUserAgent, taken from its pinned
 * bundle, are the oracle for which values pass and which are left out with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runUserAgent } from '../../src/config/run-user-agent.js';
import { buildConfig } from '../../src/config/build-config.js';
import { PEER_FIXTURE } from '../../bench/matrix.js';

type Env = Record<string, string | undefined>;

const bundle = readFileSync(join(PEER_FIXTURE, 'dist', 'index.js'), 'utf8');

/** The peer's User-Agent tokens after its own name, and the variables it warned about, for `env`. */
function peerUserAgent(env: Env): { tokens: string[][]; warned: string[] } {
  const source = /^var UA_FIELDS = \[[\s\S]*?\n\];\nfunction buildCustomUserAgent\(\) \{\n[\s\S]*?\n\}\n/m.exec(
    bundle,
  )?.[0];
  assert.ok(source, "the peer's bundle has UA_FIELDS and buildCustomUserAgent");
  const warned: string[] = [];
  const tokens = new Function('process', 'warning', 'USER_AGENT_PREFIX', `${source}\nreturn buildCustomUserAgent();`)(
    { env },
    (message: string) => warned.push(message.split(' ')[0]!),
    'peer',
  ) as string[][];
  return { tokens: tokens.slice(1), warned };
}

const ours = (env: Env) => {
  const { fields, warnings } = runUserAgent(env);
  return {
    tokens: fields.map(({ label, value }) => ['md', `${label}#${value}`]),
    warned: warnings.map((w) => w.split(' ')[0]!),
  };
};

const RUN = {
  GITHUB_ACTION: '__aws-actions_configure-aws-credentials',
  GITHUB_RUN_ID: '1234',
  GITHUB_RUN_ATTEMPT: '2',
};

test('a run: action, run id and attempt, in that order, as the peer sends them', () => {
  assert.deepEqual(ours(RUN).tokens, [
    ['md', 'action#__aws-actions_configure-aws-credentials'],
    ['md', 'run_id#1234'],
    ['md', 'attempt#2'],
  ]);
  assert.deepEqual(ours(RUN), peerUserAgent(RUN));
});

test('outside a run: no fields, no warnings', () => {
  assert.deepEqual(runUserAgent({}), { fields: [], warnings: [] });
  assert.deepEqual(ours({}), peerUserAgent({}));
});

test('a malformed value is left out with a warning naming the variable, never its value; the others stay', () => {
  const hostile = [
    '',
    '12a',
    '1'.repeat(21),
    '1 2',
    '1\r\nX-Injected: yes',
    '٣',
    '-1',
    'a'.repeat(129),
    'a/b',
    'run#1',
    '$(id)',
  ];
  for (const value of hostile) {
    for (const variable of Object.keys(RUN)) {
      const env = { ...RUN, [variable]: value };
      const { fields, warnings } = runUserAgent(env);
      const peer = peerUserAgent(env);
      assert.deepEqual(ours(env), peer, `${variable}=${JSON.stringify(value)}`);
      if (peer.warned.length === 0) continue;
      assert.equal(fields.length, 2);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0]!, new RegExp(`^${variable} has an unexpected format`));
      if (value.length > 3) assert.ok(!warnings[0]!.includes(value));
    }
  }
  // The bounds: 20 digits of run id, 10 of attempt, 128 characters of action, as the peer checks them.
  const edge = { GITHUB_RUN_ID: '9'.repeat(20), GITHUB_RUN_ATTEMPT: '9'.repeat(10), GITHUB_ACTION: 'a'.repeat(128) };
  assert.equal(runUserAgent(edge).fields.length, 3);
  assert.deepEqual(ours(edge), peerUserAgent(edge));
});

test('buildConfig reads the fields once into the config, and its warnings carry the malformed ones', () => {
  const get = (name: string) =>
    ({ 'aws-region': 'us-east-1', 'role-to-assume': 'arn:aws:iam::123456789012:role/r' })[name] ?? '';
  const env = {
    ...RUN,
    GITHUB_RUN_ATTEMPT: 'x',
    ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t/',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'b',
  };
  const config = buildConfig(get, env, new Date(0), '/home/runner');
  assert.deepEqual(config.userAgentFields, [
    { label: 'action', value: RUN.GITHUB_ACTION },
    { label: 'run_id', value: '1234' },
  ]);
  assert.deepEqual(config.warnings, ['GITHUB_RUN_ATTEMPT has an unexpected format; it is left out of the User-Agent']);
  assert.equal(
    buildConfig(
      get,
      { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t/', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'b' },
      new Date(0),
      '/h',
    ).userAgentFields,
    undefined,
  );
});
