/** Where the id-token comes from: no token is echoed, and none is fetched over clear text off this machine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/errors.js';
import type { ProviderContext } from '../../src/providers/context.js';
import { idTokenSource } from '../../src/providers/id-token.js';

const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMiLCJzdWIiOiJyZXBvOngveSJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU';

function context(): ProviderContext & { masked: string[]; reads: string[] } {
  const masked: string[] = [];
  const reads: string[] = [];
  return {
    clock: { now: () => Date.now(), sleep: async () => {}, random: () => 0.5 },
    deadline: Date.now() + 10_000,
    maxAttempts: 1,
    mask: (v: string) => {
      masked.push(v);
    },
    debug: () => {},
    warn: () => {},
    readFile: (p) => {
      reads.push(p);
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    proxyFor: () => undefined,
    http: async () => {
      throw new Error('no request is expected');
    },
    masked,
    reads,
  };
}

async function inputError(promise: Promise<unknown>, input: string): Promise<InputError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
  assert.equal(err.input, input);
  return err;
}

test('an id-token pasted into web-identity-token-file is masked, never read as a path, never echoed', async () => {
  const ctx = context();
  const err = await inputError(
    idTokenSource({ mode: 'oidc', roleArn: 'r', audience: 'a', tokenFile: ` ${JWT}\n` }, ctx)(),
    'web-identity-token-file',
  );
  assert.match(err.message, /looks like a JWT \(the id-token itself\), not a path/);
  assert.ok(!err.message.includes(JWT.split('.')[1]!));
  assert.deepEqual(ctx.reads, []);
  assert.deepEqual(ctx.masked, [JWT]);
});

test('a real path that cannot be read is still named', async () => {
  const err = await inputError(
    idTokenSource({ mode: 'oidc', roleArn: 'r', audience: 'a', tokenFile: '/var/run/secrets/token' }, context())(),
    'web-identity-token-file',
  );
  assert.match(err.message, /\/var\/run\/secrets\/token \(ENOENT\)/);
});

test('ACTIONS_ID_TOKEN_REQUEST_URL over plain http:// is refused unless the host is written as loopback', async () => {
  for (const url of [
    'http://pipelines.example.com/_apis/idtoken?api-version=2.0',
    'http://localhost.example.com/x',
    'http://me:pw@127.0.0.1/x',
  ]) {
    const runnerRequest = { url, bearer: 'bearer-secret-value' };
    const err = await inputError(
      idTokenSource({ mode: 'oidc', roleArn: 'r', audience: 'a', runnerRequest }, context())(),
      'ACTIONS_ID_TOKEN_REQUEST_URL',
    );
    assert.doesNotMatch(err.message, /bearer-secret-value|pw@/);
  }
});
