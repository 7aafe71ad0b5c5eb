/**
 * The credential cache: keys that follow the identity (never the clock), entries parsed defensively, and a directory
 * that is reused, refreshed and pruned. The last tests use a real temporary directory.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildConfig } from '../../src/config/build-config.js';
import type { Config } from '../../src/config/model.js';
import { cachedSession, cacheKey, identityProof, parseEntry, serialiseEntry } from '../../src/cli/cache.js';
import { cachePrivacy, type CachePrivacy } from '../../src/cli/private-file.js';
import { cacheHome } from '../../src/platform.js';
import type { Session } from '../../src/credentials.js';

const ROLE = 'arn:aws:iam::123456789012:role/laptop';
const NOW = new Date('2030-01-01T00:00:00Z');

function config(values: Record<string, string>, env: Record<string, string> = {}, now = NOW): Config {
  return buildConfig(
    (name) => ({ 'aws-region': 'us-east-1', 'role-to-assume': ROLE, ...values })[name] ?? '',
    env,
    now,
    '/home/u',
  );
}

function files(map: Record<string, string>): (path: string) => Buffer {
  return (path) => {
    if (!(path in map)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return Buffer.from(map[path]!);
  };
}

const TOKEN_A = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln';
const TOKEN_B = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiIn0.c2ln';

test('a defaulted session name (made from the clock) does not change the key; a chosen one does', () => {
  const read = files({ '/t': TOKEN_A });
  const early = config({ 'web-identity-token-file': '/t' }, {}, new Date('2030-01-01T00:00:00Z'));
  const later = config({ 'web-identity-token-file': '/t' }, {}, new Date('2030-01-01T00:00:07Z'));
  assert.notEqual(early.session.sessionName, later.session.sessionName);
  assert.equal(cacheKey(early, identityProof(early, {}, read)!), cacheKey(later, identityProof(later, {}, read)!));
  const named = config({ 'web-identity-token-file': '/t', 'role-session-name': 'mine' });
  const renamed = config({ 'web-identity-token-file': '/t', 'role-session-name': 'other' });
  assert.notEqual(
    cacheKey(named, identityProof(named, {}, read)!),
    cacheKey(renamed, identityProof(renamed, {}, read)!),
  );
});

test('the key follows the token, wherever it comes from, and never contains it', () => {
  const c = config({ 'web-identity-token-file': '/t' });
  const a = identityProof(c, {}, files({ '/t': `${TOKEN_A}\n` }))!;
  const b = identityProof(c, {}, files({ '/t': TOKEN_B }))!;
  assert.notEqual(cacheKey(c, a), cacheKey(c, b));
  assert.deepEqual(a, identityProof(c, {}, files({ '/t': TOKEN_A }))!, 'a trailing newline is not another token');
  assert.ok(!JSON.stringify(a).includes(TOKEN_A));
  const byEnv = config({ 'web-identity-token-env': 'CI_JOB_JWT' });
  assert.notEqual(
    cacheKey(byEnv, identityProof(byEnv, { CI_JOB_JWT: TOKEN_A }, files({}))!),
    cacheKey(byEnv, identityProof(byEnv, { CI_JOB_JWT: TOKEN_B }, files({}))!),
  );
  assert.equal(identityProof(byEnv, {}, files({})), undefined, 'no token: no proof, so no cache');
  assert.equal(identityProof(c, {}, files({})), undefined, 'an unreadable token file: no proof');
  const runner = config(
    {},
    { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer-0', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t/x' },
  );
  const proof = identityProof(
    runner,
    { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer-1', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t/x' },
    files({}),
  )!;
  assert.notDeepEqual(
    proof,
    identityProof(
      runner,
      { ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'bearer-2', ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t/x' },
      files({}),
    ),
  );
  assert.ok(!JSON.stringify(proof).includes('bearer-1'));
});

test('certificate modes: the key follows the certificate and key contents, not their paths; the passphrase is left out', () => {
  const iot = (cert: string, key: string, passphrase = '') =>
    config({
      'iot-credential-endpoint': 'abc.credentials.iot.us-east-1.amazonaws.com',
      'role-alias': 'a',
      certificate: cert,
      'private-key': key,
      'private-key-passphrase': passphrase,
    });
  const pemCert = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----';
  const read = files({ '/c1': 'cert one', '/c2': 'cert two', '/k': 'key' });
  const key = (c: Config, r = read) => cacheKey(c, identityProof(c, {}, r)!);
  assert.notEqual(key(iot('/c1', '/k')), key(iot('/c2', '/k')));
  assert.equal(key(iot('/c1', '/k')), key(iot('/c1', '/k')));
  assert.notEqual(
    key(iot('/c1', '/k')),
    key(iot('/c1', '/k'), files({ '/c1': 'replaced', '/k': 'key' })),
    'a renewed certificate at the same path is a new identity',
  );
  assert.equal(key(iot('/c1', '/k', 'pass-one')), key(iot('/c1', '/k', 'pass-two')));
  assert.ok(identityProof(iot(pemCert, '/k'), {}, read), 'inline PEM is its own content');
  assert.equal(identityProof(iot('/missing', '/k'), {}, read), undefined);
  const ra = (chain: string) =>
    config({
      'trust-anchor-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/a',
      'profile-arn': 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/p',
      certificate: '/c1',
      'private-key': '/k',
      'certificate-chain': chain,
    });
  assert.notEqual(key(ra('/c1')), key(ra('/c2')));
});

test('role chaining: the key follows the base credentials', () => {
  const env = (id: string, secret: string) => ({ AWS_ACCESS_KEY_ID: id, AWS_SECRET_ACCESS_KEY: secret });
  const c = config({ 'role-chaining': 'true' }, env('AKIA1', 's'));
  const key = (e: Record<string, string>) => cacheKey(c, identityProof(c, e, files({}))!);
  assert.notEqual(key(env('AKIA1', 'secret-a')), key(env('AKIA2', 'secret-a')));
  assert.notEqual(key(env('AKIA1', 'secret-a')), key(env('AKIA1', 'secret-b')));
  assert.ok(!JSON.stringify(identityProof(c, env('AKIA1', 'secret-a'), files({}))).includes('secret-a'));
  assert.equal(identityProof(c, {}, files({})), undefined);
});

const SESSION: Session = {
  credentials: {
    accessKeyId: 'ASIA1',
    secretAccessKey: 's',
    sessionToken: 't',
    expiration: new Date('2030-01-01T01:00:00Z'),
  },
  assumedRoleArn: 'arn:x',
};

test('an entry round-trips, and is refused once inside the margin', () => {
  assert.deepEqual(parseEntry(serialiseEntry(SESSION), NOW, 0), SESSION);
  assert.ok(parseEntry(serialiseEntry(SESSION), NOW, 59 * 60_000));
  assert.equal(parseEntry(serialiseEntry(SESSION), NOW, 61 * 60_000), undefined);
});

test('hostile entries are never trusted and never throw', () => {
  const good = JSON.parse(serialiseEntry(SESSION)) as Record<string, unknown>;
  for (const text of [
    '',
    'null',
    '[]',
    '"x"',
    '{',
    JSON.stringify({ ...good, version: 1 }),
    JSON.stringify({ ...good, accessKeyId: 5 }),
    JSON.stringify({ ...good, secretAccessKey: '' }),
    JSON.stringify({ ...good, expiration: 'soon' }),
    JSON.stringify({ ...good, expiration: undefined }),
    '{"__proto__":{"version":2},"accessKeyId":"a","secretAccessKey":"s","expiration":"2031-01-01T00:00:00Z"}',
  ]) {
    assert.equal(parseEntry(text, NOW, 0), undefined, text);
  }
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string(),
        fc.json(),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      ),
      (text) => {
        const parsed = parseEntry(text, NOW, 0);
        if (parsed) assert.equal(typeof parsed.credentials.accessKeyId, 'string');
      },
    ),
  );
});

test('a directory: a hit is reused, a different proof exchanges, spent entries are pruned', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cli-cache-'));
  const c = config({ 'web-identity-token-file': '/t' });
  let exchanges = 0;
  const obtain = async (): Promise<Session> => ({
    credentials: { ...SESSION.credentials, accessKeyId: `ASIA${++exchanges}` },
  });
  const options = (proof: string[]) => ({
    dir,
    privacy: cachePrivacy('linux', ''),
    marginMs: 0,
    now: () => NOW,
    debug: () => undefined,
    proof,
  });
  writeFileSync(
    join(dir, `${'a'.repeat(40)}.json`),
    JSON.stringify({ version: 2, accessKeyId: 'old', secretAccessKey: 's', expiration: '2029-01-01T00:00:00Z' }),
    { mode: 0o600 },
  );
  writeFileSync(
    join(dir, `${'b'.repeat(40)}.json`),
    JSON.stringify({ version: 1, accessKeyId: 'v1', secretAccessKey: 's', expiration: '2031-01-01T00:00:00Z' }),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, 'notes.txt'), 'not an entry');
  assert.equal((await cachedSession(c, options(['token:a']), obtain)).credentials.accessKeyId, 'ASIA1');
  assert.equal((await cachedSession(c, options(['token:a']), obtain)).credentials.accessKeyId, 'ASIA1');
  assert.equal((await cachedSession(c, options(['token:b']), obtain)).credentials.accessKeyId, 'ASIA2');
  const names = readdirSync(dir).sort();
  assert.equal(
    names.filter((n) => n.endsWith('.json')).length,
    2,
    `expired and old-version entries pruned: ${names.join(' ')}`,
  );
  assert.ok(names.includes('notes.txt'), 'files that are not entries are left alone');
  for (const n of names.filter((n) => n.endsWith('.json')))
    assert.ok(!readFileSync(join(dir, n), 'utf8').includes('old'));
  let called = false;
  await cachedSession(c, { ...options(['x']), proof: undefined }, async () => ((called = true), SESSION));
  assert.ok(called, 'no proof: straight to the exchange');
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.json')).length, 2, 'and nothing written');
});

describe('the privacy rule each platform uses', () => {
  const session = (id: string): Session => ({ credentials: { ...SESSION.credentials, accessKeyId: id } });
  const run = async (dir: string, privacy: CachePrivacy, id: string, lines: string[]) =>
    (
      await cachedSession(
        config({ 'web-identity-token-file': '/t' }),
        { dir, privacy, marginMs: 0, now: () => NOW, debug: (m) => lines.push(m), proof: ['token:a'] },
        async () => session(id),
      )
    ).credentials.accessKeyId;

  test('win32: an entry under the per-user %LOCALAPPDATA% is a hit though its mode bits say 0644; the debug line says which rule', async () => {
    // Windows reports every writable file as 0666: what Node's stat would show there, made real here.
    const localAppData = mkdtempSync(join(tmpdir(), 'cli-cache-localappdata-'));
    const dir = join(localAppData, 'aws-short-lived-credentials');
    const privacy = cachePrivacy('win32', localAppData);
    const lines: string[] = [];
    assert.equal(await run(dir, privacy, 'ASIAFIRST', lines), 'ASIAFIRST');
    for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o666);
    chmodSync(dir, 0o777);
    assert.equal(await run(dir, privacy, 'ASIASECOND', lines), 'ASIAFIRST', 'the entry is trusted: a hit');
    assert.ok(lines.some((l) => /per-user directory %LOCALAPPDATA%/.test(l) && /no Unix mode bits/.test(l)));
    // The same files under the POSIX rule are refused: the mode-bit check still holds there.
    const posixLines: string[] = [];
    assert.equal(await run(dir, cachePrivacy('linux', ''), 'ASIATHIRD', posixLines), 'ASIATHIRD');
    assert.ok(posixLines.some((l) => /not private to this user by Unix owner and mode bits/.test(l)));
  });

  test('win32: a directory outside %LOCALAPPDATA% (or a root that is not absolute) is never trusted', async () => {
    const localAppData = mkdtempSync(join(tmpdir(), 'cli-cache-localappdata-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'cli-cache-elsewhere-'));
    for (const [dir, root] of [
      [elsewhere, localAppData],
      [join(localAppData, 'x'), 'relative\\root'],
      [localAppData, localAppData],
    ] as const) {
      const lines: string[] = [];
      assert.equal(await run(dir, cachePrivacy('win32', root), 'ASIAFRESH', lines), 'ASIAFRESH');
      assert.ok(
        lines.some((l) => /not caching/.test(l)),
        `${dir} under ${root}: ${lines.join(' | ')}`,
      );
      assert.equal(await run(dir, cachePrivacy('win32', root), 'ASIAAGAIN', lines), 'ASIAAGAIN', 'never a hit');
    }
  });

  test('win32 paths: drive letters compare without regard to case; .. cannot climb out; other drives are outside', () => {
    const privacy = cachePrivacy('win32', 'C:\\Users\\runneradmin\\AppData\\Local');
    const dirStat = { isDirectory: () => true, isFile: () => false } as Stats;
    const inside = (p: string) => privacy.directory(p, dirStat);
    assert.ok(inside('C:\\Users\\runneradmin\\AppData\\Local\\aws-short-lived-credentials'));
    assert.ok(inside('c:\\users\\RUNNERADMIN\\appdata\\local\\aws-short-lived-credentials'));
    assert.ok(inside('C:/Users/runneradmin/AppData/Local/x'));
    assert.ok(!inside('C:\\Users\\runneradmin\\AppData\\Local'));
    assert.ok(!inside('C:\\Users\\runneradmin\\AppData\\Local\\..\\LocalLow\\x'));
    assert.ok(!inside('C:\\Users\\runneradmin\\AppData\\Local2\\x'));
    assert.ok(!inside('D:\\Users\\runneradmin\\AppData\\Local\\x'));
    assert.ok(!inside('aws-short-lived-credentials'));
  });

  test('the default place: %LOCALAPPDATA% on win32, $XDG_CACHE_HOME or ~/.cache elsewhere', () => {
    assert.deepEqual(cacheHome('win32', { LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'C:\\Users\\u'), {
      dir: 'C:\\Users\\u\\AppData\\Local\\aws-short-lived-credentials',
      root: 'C:\\Users\\u\\AppData\\Local',
    });
    assert.equal(
      cacheHome('win32', {}, 'C:\\Users\\u').dir,
      'C:\\Users\\u\\AppData\\Local\\aws-short-lived-credentials',
    );
    assert.equal(cacheHome('darwin', {}, '/Users/u').dir, '/Users/u/.cache/aws-short-lived-credentials');
    assert.equal(cacheHome('linux', { XDG_CACHE_HOME: '/x' }, '/home/u').dir, '/x/aws-short-lived-credentials');
    assert.equal(cacheHome('win32', { XDG_CACHE_HOME: '/x' }, 'C:\\Users\\u').root, 'C:\\Users\\u\\AppData\\Local');
  });
});
