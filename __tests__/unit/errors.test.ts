/** The error family: messages built from service text are printable, whatever the service sent. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AwsError, printable } from '../../src/errors.js';
import { stsError } from '../../src/providers/sts-errors.js';

test('printable turns each run of control characters into one space and bounds the length', () => {
  assert.equal(printable('a\r\n\tb\u0000c\u2028d'), 'a b c d');
  assert.equal(printable('x'.repeat(600)).length, 501);
});

test('property: no AwsError message holds a control character, whatever the service sent', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (code, message) => {
      for (const err of [
        new AwsError('iot:AssumeRoleWithCertificate', code, message, '', false),
        stsError('sts:AssumeRole', 400, code, message),
      ]) {
        assert.doesNotMatch(err.message, /[\p{Cc}\u2028\u2029]/u);
        assert.doesNotMatch(err.code + err.serviceMessage, /[\p{Cc}\u2028\u2029]/u);
      }
    }),
    { numRuns: 500 },
  );
});

test('an STS error message with a forged workflow command stays on one line', () => {
  const err = stsError(
    'sts:AssumeRoleWithWebIdentity',
    403,
    'AccessDenied',
    'Not authorized\n::set-output name=aws-access-key-id::AKIAFORGED',
  );
  assert.equal(err.message.split('\n').length, 1);
});
