/** operator.yaml parsing and `bootstrap sync`'s plan: pure, the clock an argument, hostile files included. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../src/errors.js';
import { parseOperatorConfig, syncName, targetKey, type OperatorConfig } from '../../src/bootstrap/operator-config.js';
import {
  formatSyncPlan,
  planSync,
  summarizeSyncPlan,
  type ManagedThing,
  type RepositoryFacts,
  type SyncState,
} from '../../src/bootstrap/sync-plan.js';
import { parseGithubTarget } from '../../src/bootstrap/github-target.js';
import { ROOT } from '../support/processes.js';

const FILE = 'operator.yaml';
const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 24 * 3600 * 1000;
const mark = (name: string) => `aws-short-lived-credentials ${name}`;
const ARN = 'arn:aws:iam::123456789012:policy/deploy';

function rejects(text: string, input: RegExp | string, problem?: RegExp): void {
  assert.throws(
    () => parseOperatorConfig(text, FILE),
    (e: unknown) =>
      e instanceof InputError &&
      (typeof input === 'string' ? e.input === input : input.test(e.input)) &&
      (!problem || problem.test(e.message)),
    text,
  );
}

describe('operator.yaml', () => {
  test('entries are read with their defaults and a stable name per repository and environment', () => {
    const config = parseOperatorConfig(
      [
        'repositories:',
        '  - repo: Octo/App',
        '    mode: iot',
        '  - repo: octo/app',
        '    environment: prod',
        '    mode: iot',
        '    rotate-after-days: 7',
        `    policy-arns: [${ARN}]`,
        '  - repo: octo/web',
        '    mode: iot',
        '    name: gh-web-runner',
      ].join('\n'),
      FILE,
    );
    assert.deepEqual(
      config.repositories.map((e) => [targetKey(e.target), e.name, e.rotateAfterDays, e.policyArns]),
      [
        ['octo/app', 'gh-octo-app', 30, []],
        ['octo/app#prod', 'gh-octo-app-prod', 7, [ARN]],
        ['octo/web', 'gh-web-runner', 30, []],
      ],
    );
  });

  test('a long repository name is shortened with a hash, within IAM role names once -role is added', () => {
    const long = parseGithubTarget(`octo/${'a'.repeat(100)}`);
    const other = parseGithubTarget(`octo/${'a'.repeat(99)}b`);
    assert.ok(syncName(long).length <= 50 && `${syncName(long)}-role`.length <= 64);
    assert.notEqual(syncName(long), syncName(other));
    assert.equal(
      syncName(long),
      syncName(parseGithubTarget(`OCTO/${'A'.repeat(100)}`)),
      'GitHub names are case-insensitive',
    );
  });

  test('every mistake names the file, the entry and the key', () => {
    rejects('repositories: [', FILE, /not valid YAML/);
    rejects('- repo: octo/app', FILE, /not a mapping/);
    rejects('repositories:', `${FILE} repositories`, /repositories: \[\]/);
    rejects('repos: []', `${FILE} repos`);
    rejects('repositories: {repo: octo/app}', `${FILE} repositories`, /not a list/);
    rejects('repositories: [octo/app]', `${FILE} repositories[0]`);
    rejects('repositories: [{mode: iot}]', `${FILE} repositories[0].repo`, /missing/);
    rejects('repositories: [{repo: octo, mode: iot}]', `${FILE} repositories[0].repo`, /owner\/name/);
    rejects('repositories: [{repo: octo/app}]', `${FILE} repositories[0].mode`, /missing/);
    rejects('repositories: [{repo: octo/app, mode: oidc}]', `${FILE} repositories[0].mode`, /'oidc' is not a mode/);
    rejects(
      'repositories: [{repo: octo/app, mode: iot, rotate_after_days: 3}]',
      `${FILE} repositories[0].rotate_after_days`,
      /not a key/,
    );
    for (const days of ['0', '366', '1.5', '"30"', 'null'])
      rejects(
        `repositories: [{repo: octo/app, mode: iot, rotate-after-days: ${days}}]`,
        `${FILE} repositories[0].rotate-after-days`,
      );
    rejects(
      'repositories: [{repo: octo/app, mode: iot, policy-arns: arn:aws:iam::aws:policy/X}]',
      `${FILE} repositories[0].policy-arns`,
      /not a list/,
    );
    rejects(
      'repositories: [{repo: octo/app, mode: iot, policy-arns: [AdministratorAccess]}]',
      `${FILE} repositories[0].policy-arns`,
      /not a managed policy ARN/,
    );
    rejects(
      'repositories: [{repo: octo/app, mode: iot, environment: "prod eu"}]',
      `${FILE} repositories[0].environment`,
      /thing attribute/,
    );
    rejects('repositories: [{repo: octo/app, mode: iot, environment: [a]}]', `${FILE} repositories[0].environment`);
    rejects('repositories: [{repo: octo/app, mode: iot, name: "../x"}]', `${FILE} repositories[0].name`);
    rejects('repositories: [{repo: octo/app, mode: iot, name: null}]', `${FILE} repositories[0].name`);
    rejects(
      'repositories: [{repo: octo/app, mode: iot, name: app-runner}]',
      `${FILE} repositories[0].name`,
      /does not start with gh-/,
    );
    rejects('repositories: [{repo: octo/app, mode: iot, policy-arns: null}]', `${FILE} repositories[0].policy-arns`);
    rejects(
      'repositories: [{repo: octo/app, mode: iot}, {repo: OCTO/APP, mode: iot}]',
      `${FILE} repositories[1]`,
      /repeats repositories\[0\]/,
    );
    rejects(
      'repositories: [{repo: octo/a, mode: iot, name: gh-x}, {repo: octo/b, mode: iot, name: gh-x}]',
      `${FILE} repositories[1].name`,
      /also the name of repositories\[0\]/,
    );
    rejects('repositories: [{repo: octo/app, mode: iot, repo: octo/web}]', FILE, /not valid YAML/);
  });

  test('schemas/operator.example.yaml is a valid file', () => {
    const config = parseOperatorConfig(
      readFileSync(join(ROOT, 'schemas', 'operator.example.yaml'), 'utf8'),
      'schemas/operator.example.yaml',
    );
    assert.ok(config.repositories.length > 0);
  });

  test('environment names are compared as GitHub compares them: Prod and prod are one environment', () => {
    rejects(
      'repositories: [{repo: octo/app, environment: Prod, mode: iot}, {repo: Octo/App, environment: prod, mode: iot, name: gh-other}]',
      `${FILE} repositories[1]`,
      /repeats repositories\[0\]/,
    );
    assert.equal(targetKey(parseGithubTarget('octo/app', 'Prod')), targetKey(parseGithubTarget('OCTO/app', 'prod')));
  });

  test('create-environment is a boolean, and only for an entry with an environment', () => {
    rejects(
      'repositories: [{repo: octo/app, environment: prod, mode: iot, create-environment: yes please}]',
      `${FILE} repositories[0].create-environment`,
      /not true or false/,
    );
    rejects(
      'repositories: [{repo: octo/app, mode: iot, create-environment: true}]',
      `${FILE} repositories[0].create-environment`,
      /only to an entry with an environment/,
    );
    const [off, on] = parseOperatorConfig(
      'repositories: [{repo: octo/a, environment: prod, mode: iot}, {repo: octo/b, environment: prod, mode: iot, create-environment: true}]',
      FILE,
    ).repositories;
    assert.deepEqual([off!.createEnvironment, on!.createEnvironment], [false, true]);
  });

  test('schemas/operator.schema.json names the keys the parser accepts', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'operator.schema.json'), 'utf8')) as {
      required: string[];
      properties: { repositories: { items: { properties: Record<string, unknown>; required: string[] } } };
    };
    assert.deepEqual(schema.required, ['repositories']);
    const entry = schema.properties.repositories.items;
    assert.deepEqual(Object.keys(entry.properties).sort(), [
      'create-environment',
      'environment',
      'mode',
      'name',
      'policy-arns',
      'repo',
      'rotate-after-days',
    ]);
    assert.deepEqual(entry.required.sort(), ['mode', 'repo']);
    // Each key the schema lists is accepted, and one it does not is refused.
    parseOperatorConfig(
      'repositories: [{repo: octo/app, mode: iot, environment: prod, create-environment: true, rotate-after-days: 10, policy-arns: [], name: gh-n}]',
      FILE,
    );
  });
});

const config = (text: string): OperatorConfig => parseOperatorConfig(text, FILE);
const thing = (thingName: string, repo: string, environment?: string): ManagedThing => ({
  thingName,
  target: parseGithubTarget(repo, environment),
});
const cert = (id: string, bornDaysAgo: number, lifeDays = 365, status = 'ACTIVE') => ({
  id,
  status,
  notBefore: new Date(NOW.getTime() - bornDaysAgo * DAY),
  notAfter: new Date(NOW.getTime() + (lifeDays - bornDaysAgo) * DAY),
});
const provisioned = (name: string, c = cert('a'.repeat(64), 3)): RepositoryFacts => ({
  found: true,
  createdBy: mark(name),
  certificateId: c.id,
  certificate: c,
});

function plan(text: string, repositories: Record<string, RepositoryFacts>, things: ManagedThing[]) {
  const state: SyncState = { repositories: new Map(Object.entries(repositories)), things };
  return planSync(config(text), state, NOW, mark).map(
    (i) => [i.action, targetKey(i.target), i.name, i.reason] as const,
  );
}

describe('the sync plan', () => {
  const one = 'repositories: [{repo: octo/app, mode: iot, rotate-after-days: 30}]';

  test('an environment that is missing or unprotected is blocked by name with the fix; create-environment creates a missing one', () => {
    const env = 'repositories: [{repo: octo/app, environment: Prod, mode: iot}]';
    const [missing] = plan(env, { 'octo/app#prod': { found: true, environment: 'missing' } }, []);
    assert.equal(missing![0], 'blocked');
    assert.match(missing![3], /environment Prod does not exist/);
    assert.match(missing![3], /create-environment: true/);
    const [open] = plan(env, { 'octo/app#prod': { found: true, environment: 'unprotected' } }, []);
    assert.equal(open![0], 'blocked');
    assert.match(open![3], /environment Prod has no deployment branch policy and no required reviewers/);
    assert.deepEqual(plan(env, { 'octo/app#prod': { found: true, environment: 'protected' } }, [])[0]![0], 'create');
    const create = 'repositories: [{repo: octo/app, environment: Prod, mode: iot, create-environment: true}]';
    assert.equal(plan(create, { 'octo/app#prod': { found: true, environment: 'missing' } }, [])[0]![0], 'create');
    // create-environment never lifts the refusal of one that exists without protection.
    assert.equal(plan(create, { 'octo/app#prod': { found: true, environment: 'unprotected' } }, [])[0]![0], 'blocked');
  });

  test('a new repository is created; a provisioned, fresh one is ok', () => {
    assert.deepEqual(plan(one, { 'octo/app': { found: true } }, []), [
      ['create', 'octo/app', 'gh-octo-app', 'not provisioned'],
    ]);
    const [ok] = plan(one, { 'octo/app': provisioned('gh-octo-app') }, [thing('gh-octo-app', 'octo/app')]);
    assert.equal(ok![0], 'ok');
    assert.match(ok![3], /3 days old, rotated in 27 days/);
  });

  test('a thing whose certificate is not in GitHub is created again (the delivery mints one)', () => {
    assert.equal(plan(one, { 'octo/app': { found: true } }, [thing('gh-octo-app', 'octo/app')])[0]![0], 'create');
  });

  test('rotation: by age from the certificate itself, by expiry within a week, by status, after a half-way rotation', () => {
    const at = (c: ReturnType<typeof cert>, extra: Partial<RepositoryFacts> = {}) =>
      plan(one, { 'octo/app': { ...provisioned('gh-octo-app', c), ...extra } }, [thing('gh-octo-app', 'octo/app')])[0]!;
    assert.equal(at(cert('a'.repeat(64), 29))[0], 'ok');
    assert.deepEqual(at(cert('a'.repeat(64), 30)).slice(0, 1), ['rotate']);
    assert.match(at(cert('a'.repeat(64), 30))[3], /30 days old \(rotate-after-days 30\)/);
    assert.match(at(cert('a'.repeat(64), 1, 7.5))[3], /expires on 2026-06-22, within 7 days/);
    assert.equal(at(cert('a'.repeat(64), 1, 8.5))[0], 'ok', 'more than a week left');
    assert.match(at(cert('a'.repeat(64), 1, 0.5))[3], /expired on 2026-06-15/);
    assert.match(at(cert('a'.repeat(64), 1, 365, 'INACTIVE'))[3], /is INACTIVE/);
    assert.match(at(cert('a'.repeat(64), 1), { pending: 'b'.repeat(64) })[3], /stopped after minting b{64}/);
    assert.match(at(cert('a'.repeat(64), 1), { certificate: undefined })[3], /unknown to AWS/);
  });

  test('a missing policy ARN is an update; attached ones are ok', () => {
    const text = `repositories: [{repo: octo/app, mode: iot, policy-arns: [${ARN}]}]`;
    const things = [thing('gh-octo-app', 'octo/app')];
    assert.deepEqual(
      plan(text, { 'octo/app': { ...provisioned('gh-octo-app'), rolePolicyArns: [] } }, things)[0]!.slice(0, 1),
      ['update'],
    );
    assert.equal(
      plan(text, { 'octo/app': { ...provisioned('gh-octo-app'), rolePolicyArns: [ARN] } }, things)[0]![0],
      'ok',
    );
  });

  test("a thing serving a repository no longer listed is revoked; one listed under a new name too; one not named gh-* is not sync's", () => {
    const things = [
      thing('gh-octo-app', 'octo/app'),
      thing('gh-octo-old', 'octo/old'),
      thing('gh-octo-app-prod', 'octo/app', 'prod'),
      thing('gh-prod-runner', 'octo/web'),
      thing('hand-made', 'octo/gone'),
    ];
    const text = 'repositories: [{repo: octo/app, mode: iot}, {repo: octo/web, mode: iot}]';
    const got = plan(text, { 'octo/app': provisioned('gh-octo-app'), 'octo/web': { found: true } }, things);
    assert.deepEqual(
      got.map((i) => i.slice(0, 3)),
      [
        ['ok', 'octo/app', 'gh-octo-app'],
        ['revoke', 'octo/app#prod', 'gh-octo-app-prod'],
        ['revoke', 'octo/old', 'gh-octo-old'],
        ['create', 'octo/web', 'gh-octo-web'],
        ['revoke', 'octo/web', 'gh-prod-runner'],
      ],
    );
    assert.equal(got[4]![3], 'listed now under the name gh-octo-web');
    assert.deepEqual(
      plan('repositories: []', {}, things).map((i) => i[0]),
      ['revoke', 'revoke', 'revoke', 'revoke'],
      'an empty list revokes every one',
    );
  });

  test("blocked, with the reason: a repository GitHub cannot find, a name taken by another repository, another bootstrap's variables", () => {
    assert.match(plan(one, { 'octo/app': { found: false } }, [])[0]![3], /404/);
    const taken = plan(one, { 'octo/app': { found: true } }, [thing('gh-octo-app', 'octo/other')]);
    assert.deepEqual(
      taken.map((i) => i.slice(0, 2)),
      [['blocked', 'octo/app']],
      "the other repository's thing is not revoked by a name clash",
    );
    assert.match(taken[0]![3], /serves octo\/other/);
    assert.match(
      plan(one, { 'octo/app': { found: true, createdBy: mark('hand-made') } }, [])[0]![3],
      /another bootstrap's/,
    );
  });

  test('the plan is printed one repository a line, with a summary', () => {
    const items = planSync(
      config('repositories: [{repo: octo/app, mode: iot}, {repo: octo/web, mode: iot, environment: prod}]'),
      {
        repositories: new Map([
          ['octo/app', { found: true }],
          ['octo/web#prod', provisioned('gh-octo-web-prod')],
        ]),
        things: [thing('gh-octo-web-prod', 'octo/web', 'prod')],
      },
      NOW,
      mark,
    );
    const text = formatSyncPlan(items);
    assert.match(text, /^ {2}create {3}octo\/app {21}gh-octo-app {2}\(not provisioned\)$/m);
    assert.match(text, /^ {2}ok {7}octo\/web \(environment prod\) {2}gh-octo-web-prod/m);
    assert.equal(summarizeSyncPlan(items), '1 create, 1 ok');
  });
});
