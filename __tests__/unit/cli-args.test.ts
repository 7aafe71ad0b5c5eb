/** Command-line parsing: flags, values that look like flags, what follows --, and the mistakes people make. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseArgs, UsageError } from '../../src/cli/args.js';
import { HELP } from '../../src/cli/help.js';
import { BOOTSTRAP_FLAGS } from '../../src/cli/settings.js';

const KNOWN = new Set(['aws-region', 'role-to-assume', 'private-key', 'no-cache', 'verbose', 'help', 'format']);

test('a command, value flags in both forms, boolean flags, and the rest after --', () => {
  const parsed = parseArgs(
    ['exec', '--aws-region', 'us-east-1', '--format=json', '--no-cache', '--', 'aws', '--region', 'x'],
    KNOWN,
  );
  assert.equal(parsed.command, 'exec');
  assert.deepEqual(
    [...parsed.flags],
    [
      ['aws-region', 'us-east-1'],
      ['format', 'json'],
      ['no-cache', 'true'],
    ],
  );
  assert.deepEqual(parsed.rest, ['aws', '--region', 'x']);
});

test('words after the command are positional; -h is help', () => {
  const parsed = parseArgs(['bootstrap', 'iot', 'name', '-h'], KNOWN);
  assert.equal(parsed.command, 'bootstrap');
  assert.deepEqual(parsed.rest, ['iot', 'name']);
  assert.equal(parsed.flags.get('help'), 'true');
});

test('a value may start with dashes (PEM text), and --flag= gives an empty value', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----';
  assert.equal(parseArgs(['env', '--private-key', pem], KNOWN).flags.get('private-key'), pem);
  assert.equal(parseArgs(['env', '--format='], KNOWN).flags.get('format'), '');
  assert.equal(parseArgs(['env', '--format=a=b'], KNOWN).flags.get('format'), 'a=b');
});

test('unknown flags are refused with a suggestion; missing values and repeats are refused', () => {
  assert.throws(
    () => parseArgs(['env', '--aws-regin', 'x'], KNOWN),
    (e: Error) => e instanceof UsageError && /unknown flag --aws-regin \(did you mean --aws-region\?\)/.test(e.message),
  );
  assert.throws(
    () => parseArgs(['env', '--zzzzzzzzz'], KNOWN),
    (e: Error) => e instanceof UsageError && e.message === 'unknown flag --zzzzzzzzz',
  );
  assert.throws(() => parseArgs(['env', '--aws-region'], KNOWN), /--aws-region needs a value/);
  assert.throws(() => parseArgs(['env', '--aws-region', '--format', 'sh'], KNOWN), /--aws-region needs a value/);
  assert.throws(() => parseArgs(['env', '--format', 'sh', '--format=json'], KNOWN), /--format is given twice/);
});

test('a secret given to a misspelt flag is not echoed back', () => {
  assert.throws(
    () => parseArgs(['env', '--private-kye=-----BEGIN PRIVATE KEY-----SECRETSECRET'], KNOWN),
    (e: Error) => /--private-kye \(did you mean --private-key\?\)$/.test(e.message) && !e.message.includes('SECRET'),
  );
});

test('an unknown flag name is printed short and without control characters', () => {
  assert.throws(
    () => parseArgs(['env', `--${'x'.repeat(500)}\u001b[2J\r`], KNOWN),
    (e: Error) => e.message.length < 100 && !/\p{Cc}/u.test(e.message),
  );
});

test('hostile argv: anything either parses or is a UsageError, never another error', () => {
  const word = fc.oneof(
    fc.string(),
    fc.constantFrom('--', '-h', '--aws-region', '--format=', '--no-cache=false', '--=x', '---x'),
  );
  fc.assert(
    fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
      try {
        const parsed = parseArgs(argv, KNOWN);
        for (const name of parsed.flags.keys()) assert.ok(KNOWN.has(name));
      } catch (err) {
        assert.ok(err instanceof UsageError, String(err));
      }
    }),
  );
});

test('the policy-ARN flags may repeat (values joined by commas); the bootstrap flags the help names are known', () => {
  const known = new Set([...BOOTSTRAP_FLAGS, 'aws-region']);
  const parsed = parseArgs(
    [
      'bootstrap',
      '--operator-allowed-policy-arn',
      'arn:aws:iam::123456789012:policy/a',
      '--operator-allowed-policy-arn=arn:aws:iam::123456789012:policy/b',
      '--github-write-interval-ms',
      '250',
    ],
    known,
  );
  assert.equal(
    parsed.flags.get('operator-allowed-policy-arn'),
    'arn:aws:iam::123456789012:policy/a,arn:aws:iam::123456789012:policy/b',
  );
  assert.equal(parsed.flags.get('github-write-interval-ms'), '250');
  assert.throws(() => parseArgs(['bootstrap', '--aws-region', 'a', '--aws-region', 'b'], known), /given twice/);
  for (const flag of ['github-write-interval-ms', 'operator-boundary-arn', 'operator-allowed-policy-arn'])
    assert.ok(HELP['bootstrap']!.includes(`--${flag} `) && known.has(flag), `--${flag}: in the help and accepted`);
});
