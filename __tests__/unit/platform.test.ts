/**
 * The platform table, and Windows paths (drive letters, backslashes, UNC shares) through every file delivery's own
 * validation, decided by node:path's win32 rules on this Linux machine: the action's profile input, the shared files,
 * the job profile's copy, the profile receipt and the endpoint's saved state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { platformTraits } from '../../src/platform.js';
import { expandHome, sharedFiles } from '../../src/config/sources/inputs.js';
import { buildActionDelivery } from '../../src/config/action-delivery.js';
import { buildConfig } from '../../src/config/build-config.js';
import { jobProfileTarget } from '../../src/delivery/job-profile.js';
import { parseReceipt } from '../../src/delivery/profile.js';
import { isOurEndpoint, parseEndpointState } from '../../src/action/job-endpoint.js';

const HOME = 'C:\\Users\\runneradmin';
const TEMP = 'D:\\a\\_temp';

test('the table: win32 paths, per-user cache directory, Windows command lines; /proc read on Linux only', () => {
  assert.equal(platformTraits('win32').path.sep, '\\');
  assert.equal(platformTraits('darwin').path.sep, '/');
  assert.deepEqual(
    (['linux', 'darwin', 'win32'] as const).map((p) => {
      const { cachePrivacy, commandLine, processTable } = platformTraits(p);
      return [p, cachePrivacy, commandLine, processTable];
    }),
    [
      ['linux', 'mode-bits', 'posix', 'procfs'],
      ['darwin', 'mode-bits', 'posix', 'none'],
      ['win32', 'per-user-directory', 'windows', 'none'],
    ],
  );
});

test('win32: the shared files default under the profile directory; ~\\ and ~/ expand with backslashes', () => {
  assert.deepEqual(sharedFiles({}, HOME, 'win32'), {
    credentialsFile: 'C:\\Users\\runneradmin\\.aws\\credentials',
    configFile: 'C:\\Users\\runneradmin\\.aws\\config',
  });
  assert.equal(
    sharedFiles({ AWS_SHARED_CREDENTIALS_FILE: 'E:\\aws files\\creds' }, HOME, 'win32').credentialsFile,
    'E:\\aws files\\creds',
  );
  assert.equal(expandHome('~\\aws\\credentials', HOME, 'win32'), 'C:\\Users\\runneradmin\\aws\\credentials');
  assert.equal(expandHome('~/aws/credentials', HOME, 'win32'), 'C:\\Users\\runneradmin\\aws\\credentials');
  assert.equal(expandHome('~/aws/credentials', '/home/u', 'linux'), '/home/u/aws/credentials');
  assert.equal(expandHome('D:\\~x', HOME, 'win32'), 'D:\\~x');
});

test("win32: credentials-file's config file goes beside it, in the same folder and drive", () => {
  const inputs: Record<string, string> = {
    'aws-region': 'us-east-1',
    'role-to-assume': 'arn:aws:iam::123456789012:role/ci',
    'credentials-file': 'D:\\a\\r w\\aws\\credentials',
    profile: 'ci',
  };
  const get = (name: string) => inputs[name] ?? '';
  const env = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://t', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'x', RUNNER_TEMP: TEMP };
  const config = buildConfig(get, env, new Date('2030-01-01T00:00:00Z'), HOME);
  const { delivery } = buildActionDelivery(get, env, HOME, config, 'win32');
  assert.equal(delivery.credentialsFile, 'D:\\a\\r w\\aws\\credentials');
  assert.equal(delivery.configFile, 'D:\\a\\r w\\aws\\config');
  const { delivery: home } = buildActionDelivery(
    (n) => (n === 'credentials-file' ? '' : get(n)),
    env,
    HOME,
    config,
    'win32',
  );
  assert.equal(home.configFile, 'C:\\Users\\runneradmin\\.aws\\config');
});

test("win32: the job profile's copy is accepted only directly under RUNNER_TEMP with its drive letter", () => {
  const env = { RUNNER_TEMP: TEMP, AWS_PROFILE: 'old' };
  const receipt = (credentialsFile: string) => JSON.stringify({ credentialsFile });
  assert.deepEqual(jobProfileTarget(receipt('D:\\a\\_temp\\aslc-profile-Ab12Cd\\credentials'), env, 'win32'), {
    credentialsFile: 'D:\\a\\_temp\\aslc-profile-Ab12Cd\\credentials',
    configFile: 'D:\\a\\_temp\\aslc-profile-Ab12Cd\\config',
    profile: 'old',
  });
  for (const path of [
    'C:\\a\\_temp\\aslc-profile-Ab12Cd\\credentials',
    'D:\\a\\_temp\\x\\aslc-profile-Ab12Cd\\credentials',
    'D:\\a\\_temp\\aslc-profile-Ab12Cd\\..\\aslc-profile-Zz99Zz\\credentials',
    'D:/a/_temp/aslc-profile-Ab12Cd/credentials',
    'a\\_temp\\aslc-profile-Ab12Cd\\credentials',
  ])
    assert.equal(jobProfileTarget(receipt(path), env, 'win32'), undefined, path);
  // The POSIX rules read the same text as one relative name: never accepted there.
  assert.equal(jobProfileTarget(receipt('D:\\a\\_temp\\aslc-profile-Ab12Cd\\credentials'), env, 'linux'), undefined);
});

test('win32: a profile receipt with drive-letter paths parses back; relative or unnormalised ones do not', () => {
  const target = { credentialsFile: 'D:\\a\\r w\\credentials', configFile: 'D:\\a\\r w\\config', profile: 'ci' };
  const receipt = {
    ...target,
    accessKeyId: 'ASIAQWERTYUIOPASDFGH',
    credentialsSha256: 'a'.repeat(64),
    region: 'us-east-1',
    createdCredentialsFile: true,
    createdConfigFile: true,
    regionEdits: [],
  };
  assert.deepEqual(parseReceipt(JSON.stringify(receipt), [target], 'win32'), receipt);
  assert.match(String(parseReceipt(JSON.stringify(receipt), [target], 'linux')), /not an absolute, normal path/);
  for (const credentialsFile of ['a\\r w\\credentials', 'D:\\a\\x\\..\\r w\\credentials', 'D:/a/r w/credentials'])
    assert.match(
      String(parseReceipt(JSON.stringify({ ...receipt, credentialsFile }), [target], 'win32')),
      /not an absolute, normal path/,
      credentialsFile,
    );
});

test("win32: the endpoint's saved state names its files under RUNNER_TEMP with a drive letter, or a UNC share", () => {
  const url = 'http://127.0.0.1:4321/0123456789abcdef0123456789abcdef';
  for (const dir of [TEMP, 'C:\\Users\\runner admin\\AppData\\Local\\Temp', '\\\\server\\share\\temp']) {
    const ok = {
      pid: 1234,
      url,
      tokenFile: `${dir}\\aslc-endpoint-0123456789abcdef.token`,
      logFile: `${dir}\\aslc-endpoint-0123456789abcdef.log`,
      copiesDir: `${dir}\\aslc-endpoint-0123456789abcdef`,
    };
    assert.deepEqual(parseEndpointState(JSON.stringify(ok), 'win32'), ok);
    assert.equal(parseEndpointState(JSON.stringify(ok), 'linux'), undefined, 'POSIX reads no absolute path there');
    for (const bad of [
      { ...ok, tokenFile: `${dir}\\..\\aslc-endpoint-0123456789abcdef.token` },
      { ...ok, logFile: `${dir}\\sub\\aslc-endpoint-0123456789abcdef.log` },
      { ...ok, tokenFile: 'aslc-endpoint-0123456789abcdef.token' },
      { ...ok, copiesDir: 'C:\\Users\\runneradmin\\.aws' },
    ])
      assert.equal(parseEndpointState(JSON.stringify(bad), 'win32'), undefined, JSON.stringify(bad));
  }
});

test('the post step signals a pid only where /proc proves it the same endpoint; on win32 and darwin never, and /proc is not read', () => {
  const proc: Record<string, string> = {
    '/proc/4242/stat': '4242 (node serve) S 1 4242 4242 0 -1 4194304 1 0 0 0 0 0 0 0 20 0 1 0 987654 0 0',
    '/proc/4242/status': 'Name:\tnode\nUid:\t1001\t1001\t1001\t1001\n',
    '/proc/4242/cmdline': ['node', '/x/dist/cli/index.js', 'serve', '--handover', ''].join('\0'),
  };
  const reads: string[] = [];
  const read = (path: string) => {
    reads.push(path);
    const text = proc[path];
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return text;
  };
  const state = { pid: 4242, startTime: '987654' };
  assert.equal(isOurEndpoint(state, 'linux', read, 1001), true);
  assert.equal(isOurEndpoint({ ...state, startTime: '987655' }, 'linux', read, 1001), false, 'another start time');
  assert.equal(isOurEndpoint(state, 'linux', read, 1002), false, 'another user');
  assert.equal(isOurEndpoint({ pid: 4242 }, 'linux', read, 1001), false, 'no start time saved');
  reads.length = 0;
  for (const platform of ['win32', 'darwin'] as const)
    assert.equal(isOurEndpoint(state, platform, read, 1001), false, platform);
  assert.deepEqual(reads, [], 'no /proc path is read where there is none');
});
