/** The CLI's output formats: each shell reads back exactly the value that was printed, whatever it holds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { credentialProcessJson, environmentFor, formatEnvironment, powershellQuoted } from '../../src/cli/formats.js';

const SESSION = {
  credentials: {
    accessKeyId: 'ASIAEXAMPLE',
    secretAccessKey: 'se/cr+et=',
    sessionToken: 'tok',
    expiration: new Date('2030-01-01T00:00:00Z'),
  },
};

test('credential_process JSON has Version 1 and the credentials, Expiration in ISO form', () => {
  assert.deepEqual(JSON.parse(credentialProcessJson(SESSION)), {
    Version: 1,
    AccessKeyId: 'ASIAEXAMPLE',
    SecretAccessKey: 'se/cr+et=',
    SessionToken: 'tok',
    Expiration: '2030-01-01T00:00:00.000Z',
  });
  const bare = JSON.parse(
    credentialProcessJson({ credentials: { accessKeyId: 'AKIA', secretAccessKey: 's' } }),
  ) as Record<string, unknown>;
  assert.deepEqual(Object.keys(bare), ['Version', 'AccessKeyId', 'SecretAccessKey']);
});

test('the environment lists credentials, expiry and both region variables', () => {
  assert.deepEqual(
    environmentFor(SESSION, 'eu-west-1').map(([k]) => k),
    [
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
    ],
  );
});

test('PowerShell: every character PowerShell takes for a single quote is doubled', () => {
  assert.equal(powershellQuoted("a'b"), "a''b");
  for (const q of ['\u2018', '\u2019', '\u201A', '\u201B'])
    assert.equal(powershellQuoted(`x${q}y`), `x${q}${q}y`, `U+${q.charCodeAt(0).toString(16)}`);
  // Inside single quotes double quotes and $ are literal.
  assert.equal(powershellQuoted('"\u201C\u201D\u201E$x`'), '"\u201C\u201D\u201E$x`');
  assert.equal(formatEnvironment([['A', 'it\u2019s']], 'powershell'), "$Env:A = 'it\u2019\u2019s'\n");
});

test('PowerShell: a value cannot end the string early (every quote run inside it is even)', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', "'", '\u2018', '\u2019', '\u201A', '\u201B', '"', '$', ';') }),
      (value) => {
        const quoted = powershellQuoted(value);
        // Reading the quoted text back as PowerShell does: a quote followed by a quote is one literal quote.
        let read = '';
        for (let i = 0; i < quoted.length; i++) {
          const c = quoted[i]!;
          if (/['\u2018-\u201B]/.test(c)) {
            assert.ok(
              i + 1 < quoted.length && /['\u2018-\u201B]/.test(quoted[i + 1]!),
              'an undoubled quote would close the string',
            );
            i++;
          }
          read += c;
        }
        assert.equal(read, value);
      },
    ),
  );
});

test('sh: the shell reads back exactly the value, whatever it holds', () => {
  const nasty = `a'b"c$(touch /tmp/x/pwned)\`d\\e\nf`;
  const out = formatEnvironment([['V', nasty]], 'sh');
  const res = spawnSync('sh', ['-c', `${out}printf %s "$V"`], { encoding: 'utf8' });
  assert.equal(res.stdout, nasty);
});

test('dotenv: plain values bare, others JSON-quoted on one line', () => {
  assert.equal(
    formatEnvironment(
      [
        ['A', 'abc/+=.:-'],
        ['B', 'x y'],
        ['C', 'l1\nl2'],
      ],
      'dotenv',
    ),
    'A=abc/+=.:-\nB="x y"\nC="l1\\nl2"\n',
  );
});

test('json: one object of the variables', () => {
  assert.deepEqual(
    JSON.parse(
      formatEnvironment(
        [
          ['A', '1'],
          ['B', "'"],
        ],
        'json',
      ),
    ),
    { A: '1', B: "'" },
  );
});
