import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildActionDelivery, type RefreshOptions } from '../../src/config/action-delivery.js';
import { buildConfig } from '../../src/config/build-config.js';
import { expectInputError } from '../support/input-error.js';

const OIDC: Record<string, string> = {
  'aws-region': 'us-east-1',
  'role-to-assume': 'arn:aws:iam::123456789012:role/x',
};
const inputsOf = (values: Record<string, string>) => (name: string) => values[name] ?? OIDC[name] ?? '';
/** The refresh inputs as the action reads them, beside the rest of its delivery. */
function parseRefreshInputs(get: (name: string) => string): RefreshOptions {
  return buildActionDelivery(get, {}, '/home/runner', buildConfig(get, {}, new Date(0), '/home/runner')).refresh;
}

test('refresh is off by default and the margin unset unless given, in seconds', () => {
  assert.deepEqual(parseRefreshInputs(inputsOf({})), { enabled: false });
  assert.deepEqual(parseRefreshInputs(inputsOf({ 'refresh-credentials': 'true', 'refresh-margin-s': '600' })), {
    enabled: true,
    marginMs: 600_000,
  });
  assert.deepEqual(parseRefreshInputs(inputsOf({ 'refresh-margin-s': '0' })), { enabled: false, marginMs: 0 });
  assert.deepEqual(parseRefreshInputs(inputsOf({ 'refresh-margin-s': '43200' })), {
    enabled: false,
    marginMs: 43_200_000,
  });
});

test('a margin outside 0..43200 seconds, or not a whole number, and a non-boolean switch are named', () => {
  for (const bad of ['-1', '43201', '1.5', 'ten'])
    expectInputError(() => parseRefreshInputs(inputsOf({ 'refresh-margin-s': bad })), 'refresh-margin-s');
  expectInputError(() => parseRefreshInputs(inputsOf({ 'refresh-credentials': 'yes please' })), 'refresh-credentials');
});
