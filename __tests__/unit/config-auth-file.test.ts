/** auth.yaml: YAML as people write it (quotes, comments, block scalars), and errors that name the file and key. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../src/errors.js';
import { formatAuthFile, parseAuthFile } from '../../src/config/auth-file.js';

const KNOWN = new Set([
  'aws-region',
  'role-to-assume',
  'certificate',
  'private-key',
  'private-key-passphrase',
  'thing-name',
  'role-session-name',
]);
const parse = (text: string) => parseAuthFile(text, '/etc/aslc/auth.yaml', '/etc/aslc', KNOWN);

function refused(text: string, ...patterns: RegExp[]): void {
  assert.throws(
    () => parse(text),
    (err: unknown) => {
      assert.ok(err instanceof InputError, String(err));
      for (const p of patterns) assert.match(err.message, p);
      return true;
    },
  );
}

test('quoted values keep " #" and what follows; comments after values are dropped', () => {
  const values = parse(
    "version: 1 # the format\naws-region: us-east-1   # where\nprivate-key-passphrase: \"pass #1 word\"\nrole-session-name: 'it''s # mine'\n",
  );
  assert.deepEqual(
    [...values],
    [
      ['aws-region', 'us-east-1'],
      ['private-key-passphrase', 'pass #1 word'],
      ['role-session-name', "it's # mine"],
    ],
  );
});

test('every value is the string written: no number, boolean or octal reading', () => {
  const values = parse('version: 1\nthing-name: 0777\nrole-session-name: no\naws-region: 1e3\n');
  assert.equal(values.get('thing-name'), '0777');
  assert.equal(values.get('role-session-name'), 'no');
  assert.equal(values.get('aws-region'), '1e3');
});

test('a PEM in a block scalar is read whole; relative paths resolve against the file', () => {
  const values = parse(
    'version: 1\nprivate-key: |\n  -----BEGIN PRIVATE KEY-----\n  MIIE\n  -----END PRIVATE KEY-----\ncertificate: certs/c.pem\n',
  );
  assert.equal(values.get('private-key'), '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
  assert.equal(values.get('certificate'), '/etc/aslc/certs/c.pem');
});

test('bad YAML is refused naming the file and line, without quoting the line (it may hold a secret)', () => {
  refused(
    'version: 1\nprivate-key-passphrase: "hunter2 never closed\n',
    /\/etc\/aslc\/auth\.yaml line \d+ is not valid YAML/,
  );
  assert.throws(
    () => parse('version: 1\nprivate-key-passphrase: "hunter2 never closed\n'),
    (err: Error) => !err.message.includes('hunter2'),
  );
  refused(
    'version: 1\naws-region: a\naws-region: b\n',
    /auth\.yaml line 3 is not valid YAML \(Map keys must be unique/,
  );
});

test('wrong shapes are refused naming the file, the line and the key', () => {
  refused('', /auth\.yaml is empty/);
  refused('- a\n- b\n', /is not a map of keys to values/);
  refused('version: 1\nregion: us-east-1\n', /auth\.yaml line 2 has an unknown key 'region'/);
  refused('version: 1\naws-region: [us-east-1]\n', /line 2: 'aws-region' is not a single value/);
  refused('version: 1\n? [a]\n: b\n', /line 2 has a key that is not a plain name/);
  refused('version: 2\naws-region: us-east-1\n', /auth\.yaml has version 2, this CLI reads version 1/);
  refused('aws-region: us-east-1\n', /has version \(none\)/);
});

test('what formatAuthFile writes reads back to the same values, whatever they hold', () => {
  fc.assert(
    fc.property(fc.string(), fc.string({ unit: 'grapheme' }), (region, name) => {
      const text = formatAuthFile(
        [
          ['aws-region', region],
          ['role-session-name', name],
        ],
        'test',
      );
      const values = parse(text);
      assert.equal(values.get('aws-region'), region, text);
      assert.equal(values.get('role-session-name'), name, text);
    }),
  );
});
