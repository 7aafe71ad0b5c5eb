/** Session policies and run tags as STS query parameters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionPolicyInput, sessionTagInput } from '../../src/providers/session-params.js';
import { parseCustomTags, runContextFromEnv, sanitiseTagValue, sessionTags } from '../../src/config/session-tags.js';
import type { SessionOptions } from '../../src/config/model.js';
import { InputError } from '../../src/errors.js';

const SESSION: SessionOptions = {
  sessionName: 's',
  sessionNameGiven: false,
  durationSeconds: 3600,
  managedPolicyArns: [],
  sessionTags: true,
  customTags: [],
  transitiveTagKeys: [],
};
const runTags = (env: Record<string, string | undefined>) => sessionTags(runContextFromEnv(env), []);
const GITHUB_ENV = {
  GITHUB_REPOSITORY: 'octo/repo',
  GITHUB_WORKFLOW: 'Deploy (prod) #1',
  GITHUB_RUN_ID: '123',
  GITHUB_ACTOR: 'dependabot[bot]',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_REF: 'refs/heads/feature/x',
};

test('sessionPolicyInput: nothing when no policy is set', () => {
  assert.deepEqual(sessionPolicyInput(SESSION), {});
});

test('sessionPolicyInput: Policy and PolicyArns in order', () => {
  assert.deepEqual(
    sessionPolicyInput({
      ...SESSION,
      inlinePolicy: '{"Statement":[]}',
      managedPolicyArns: ['arn:aws:iam::aws:policy/A', 'arn:aws:iam::aws:policy/B'],
    }),
    {
      Policy: '{"Statement":[]}',
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/A' }, { arn: 'arn:aws:iam::aws:policy/B' }],
    },
  );
});

test('runTags: none outside GitHub Actions (no GITHUB_REPOSITORY)', () => {
  const { GITHUB_REPOSITORY: _r, ...rest } = GITHUB_ENV;
  assert.deepEqual(runTags(rest), []);
  assert.deepEqual(runTags({ ...rest, GITHUB_REPOSITORY: '' }), []);
});

test('runTags: the run named in order, values sanitised, unset ones skipped', () => {
  const pairs = (tags: Array<{ Key: string; Value: string }>) => tags.map((t) => [t.Key, t.Value]);
  assert.deepEqual(pairs(runTags(GITHUB_ENV)), [
    ['GitHub', 'Actions'],
    ['Repository', 'octo/repo'],
    ['Workflow', 'Deploy _prod_ _1'],
    ['Actor', 'dependabot_bot_'],
    ['Commit', 'a'.repeat(40)],
    ['Branch', 'refs/heads/feature/x'],
    ['RunId', '123'],
  ]);
  assert.deepEqual(pairs(runTags({ GITHUB_REPOSITORY: 'o/r', GITHUB_ACTOR: '' })), [
    ['GitHub', 'Actions'],
    ['Repository', 'o/r'],
  ]);
});

test('sanitiseTagValue: letters, digits, spaces and _.:/=+-@ kept (any script); others become _', () => {
  assert.equal(sanitiseTagValue('a-Z_0.9:/=+@ x'), 'a-Z_0.9:/=+@ x');
  assert.equal(sanitiseTagValue('ünï 中文 ٣'), 'ünï 中文 ٣');
  assert.equal(
    sanitiseTagValue('a#b$c!d"e\'f(g)h*i,j;k<l>m?n[o]p{q}r|s\\t`u~v%w&x'),
    'a_b_c_d_e_f_g_h_i_j_k_l_m_n_o_p_q_r_s_t_u_v_w_x',
  );
  // One replacement per character, not per UTF-16 code unit.
  assert.equal(sanitiseTagValue('emoji 🚀 and tab\t'), 'emoji _ and tab_');
});

test('sanitiseTagValue: values are cut to 256 characters', () => {
  assert.equal(sanitiseTagValue('x'.repeat(300)), 'x'.repeat(256));
  assert.equal(sanitiseTagValue('x'.repeat(256)), 'x'.repeat(256));
  assert.equal(
    runTags({ GITHUB_REPOSITORY: 'o/r', GITHUB_REF: `refs/heads/${'b'.repeat(400)}` })[2]!.Value.length,
    256,
  );
});

test('sanitiseTagValue: the cut never splits a character outside the BMP, so the body still encodes', () => {
  const astral = '𠀀'; // a CJK letter, two UTF-16 code units
  const value = sanitiseTagValue('x'.repeat(255) + astral + 'tail');
  assert.equal([...value].length, 256);
  assert.ok(value.endsWith(astral));
  assert.doesNotThrow(() => encodeURIComponent(value));
});

const FULL_ENV = {
  ...GITHUB_ENV,
  GITHUB_ACTION: '__run_2',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_BASE_REF: 'main',
  GITHUB_HEAD_REF: 'feat/x',
  GITHUB_JOB: 'deploy',
  GITHUB_TRIGGERING_ACTOR: 'octo[bot]',
};

test("sessionTags: the peer's keys in its order; droppable ones last and dropped on request; custom ones after", () => {
  const run = runContextFromEnv(FULL_ENV);
  const keys = (t: Array<{ Key: string }>) => t.map((x) => x.Key);
  assert.deepEqual(keys(sessionTags(run, [])), [
    'GitHub',
    'Repository',
    'Workflow',
    'Action',
    'Actor',
    'Commit',
    'Branch',
    'EventName',
    'BaseRef',
    'HeadRef',
    'RunId',
    'Job',
    'TriggeringActor',
  ]);
  assert.deepEqual(keys(sessionTags(run, [{ Key: 'Team', Value: 'a' }], true)), [
    'GitHub',
    'Repository',
    'Workflow',
    'Action',
    'Actor',
    'Commit',
    'Branch',
    'Team',
  ]);
  assert.equal(sessionTags(run, []).find((t) => t.Key === 'TriggeringActor')!.Value, 'octo_bot_');
});

test('sessionTagInput: nothing with role-skip-session-tagging; transitive keys only among the tags sent', () => {
  const run = runContextFromEnv(FULL_ENV);
  assert.deepEqual(
    sessionTagInput({ ...SESSION, sessionTags: false, customTags: [{ Key: 'A', Value: 'b' }] }, run),
    {},
  );
  const input = sessionTagInput(
    { ...SESSION, customTags: [{ Key: 'Team', Value: 'x' }], transitiveTagKeys: ['Team', 'Repository', 'Absent'] },
    run,
  );
  assert.deepEqual(input.TransitiveTagKeys, ['Team', 'Repository']);
  assert.equal(input.Tags!.at(-1)!.Key, 'Team');
});

test("parseCustomTags: a JSON object of plain values; the run's keys, bad JSON, nested values and bad characters refused by name", () => {
  assert.deepEqual(parseCustomTags('{"Team":"platform","Cost":42,"On":true}', 'custom-tags'), [
    { Key: 'Team', Value: 'platform' },
    { Key: 'Cost', Value: '42' },
    { Key: 'On', Value: 'true' },
  ]);
  assert.deepEqual(parseCustomTags('', 'custom-tags'), []);
  for (const [bad, why] of [
    ['{', /not valid JSON/],
    ['[1]', /not a JSON object/],
    ['{"A":{"b":1}}', /not a string, number or boolean/],
    ['{"Repository":"x"}', /run's own/],
    ['{"A":"x#y"}', /not a valid tag value/],
    ['{"":"x"}', /not a valid tag key/],
  ] as const) {
    assert.throws(
      () => parseCustomTags(bad, 'custom-tags'),
      (err: unknown) => err instanceof InputError && err.input === 'custom-tags' && why.test(err.message),
      bad,
    );
  }
  const many = JSON.stringify(Object.fromEntries(Array.from({ length: 38 }, (_, i) => [`K${i}`, 'v'])));
  assert.throws(() => parseCustomTags(many, 'custom-tags'), /limit of 50/);
  assert.equal(
    parseCustomTags(
      JSON.stringify(Object.fromEntries(Array.from({ length: 37 }, (_, i) => [`K${i}`, 'v']))),
      'custom-tags',
    ).length,
    37,
  );
});
