/** What the CLI prints on stderr: no registered secret, nothing shaped like a token or a key, no control characters. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Redactor } from '../../src/cli/redact.js';

test('registered secrets are replaced, the longest first', () => {
  const r = new Redactor();
  r.add('hunter22');
  r.add('hunter22-and-more');
  assert.equal(r.scrub('pass hunter22-and-more then hunter22.'), 'pass *** then ***.');
});

test('too-short values are not registered (they would garble every message)', () => {
  const r = new Redactor();
  r.add('a');
  r.add('  ');
  r.add(undefined);
  assert.equal(r.scrub('a region'), 'a region');
});

test('each long line of a multi-line secret is a secret on its own (a key re-wrapped or cut)', () => {
  const r = new Redactor();
  r.add(
    '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq\nhkiG9w0BBQwwHAQI\n-----END ENCRYPTED PRIVATE KEY-----',
  );
  assert.equal(r.scrub('saw MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq here'), 'saw *** here');
});

test('tokens and private keys are removed even when never registered, also when cut short', () => {
  const r = new Redactor();
  const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOngifQ.c2lnbmF0dXJl';
  assert.equal(r.scrub(`bad token ${jwt}, done`), 'bad token ***, done');
  assert.equal(r.scrub(`cut: ${jwt.slice(0, 25)}`), 'cut: ***');
  assert.equal(r.scrub('k=-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- end'), 'k=*** end');
  assert.equal(r.scrub('k=-----BEGIN PRIVATE KEY-----\nMIIE (cut)'), 'k=***');
  assert.equal(r.scrub('-----BEGIN CERTIFICATE-----'), '-----BEGIN CERTIFICATE-----', 'certificates are not secrets');
});

test('control characters become ?, newlines and tabs stay', () => {
  const r = new Redactor();
  assert.equal(r.scrub('a\u001b[2Jb\u0007c\rd\u009be\u007f\n\tf'), 'a?[2Jb?c?d?e?\n\tf');
});

test('whatever surrounds a registered secret, the secret never survives', () => {
  fc.assert(
    fc.property(
      fc.string(),
      fc.string({ minLength: 3 }).filter((s) => s.trim().length >= 3 && s.trim() === s && !s.includes('*')),
      fc.string(),
      (before, secret, after) => {
        const r = new Redactor();
        r.add(secret);
        const out = r.scrub(before + secret + after);
        // Scrubbing control characters may only make the output differ more from the secret.
        assert.ok(!out.includes(secret), JSON.stringify({ before, secret, after, out }));
      },
    ),
  );
});
