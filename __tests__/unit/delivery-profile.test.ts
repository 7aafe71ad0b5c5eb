/**
 * Profile delivery on real files: all or nothing, the user's config keys kept and their region put back, files 0600,
 * and the undo acting only on a receipt that proves what was written.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clearActiveServicesPointer,
  clearServicesPointer,
  parseReceipt,
  removeProfile,
  writeProfile,
  type ProfileReceipt,
  type ProfileTarget,
} from '../../src/delivery/profile.js';
import { InputError } from '../../src/errors.js';
import type { Credentials } from '../../src/credentials.js';

const CREDS: Credentials = {
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
  sessionToken: 'dG9rZW4=',
  expiration: new Date('2030-01-01T00:00:00Z'),
};

function files(): { dir: string; target: (profile?: string) => ProfileTarget } {
  const dir = mkdtempSync(join(tmpdir(), 'aslc-profile-'));
  return {
    dir,
    target: (profile = 'ci') => ({
      credentialsFile: join(dir, 'credentials'),
      configFile: join(dir, 'config'),
      profile,
    }),
  };
}

const USER_CONFIG = [
  '# my settings',
  '[default]',
  'region = eu-central-1',
  '',
  '[profile ci]',
  'output = json',
  'role_arn = arn:aws:iam::123456789012:role/deploy',
  'source_profile = base',
  's3 =',
  '  max_concurrent_requests = 20',
  '  addressing_style = path',
  '',
  '[profile base]',
  'region = eu-west-1',
  '',
].join('\n');
const USER_CREDS = '# long-lived\n[base]\naws_access_key_id = AKIABASEBASEBASEBASE\naws_secret_access_key = base\n';

describe('writeProfile and removeProfile', () => {
  test('an existing credentials section is not replaced (nor, then, removed) unless overwrite is asked for', async () => {
    const { target } = files();
    const t = target('base');
    writeFileSync(t.credentialsFile, USER_CREDS);
    await assert.rejects(
      writeProfile(t, CREDS, 'us-east-1'),
      (err: unknown) =>
        err instanceof InputError &&
        err.input === 'overwrite-aws-profile' &&
        /profile 'base' already exists/.test(err.message),
    );
    assert.equal(readFileSync(t.credentialsFile, 'utf8'), USER_CREDS, 'the long-lived keys are untouched');
    assert.equal(existsSync(t.configFile), false, 'nothing else written either');
    const receipt = await writeProfile(t, CREDS, 'us-east-1', { overwrite: true });
    assert.match(readFileSync(t.credentialsFile, 'utf8'), /aws_access_key_id = ASIAQWERTYUIOPASDFGH/);
    await removeProfile(receipt);
    assert.doesNotMatch(readFileSync(t.credentialsFile, 'utf8'), /\[base\]/);
  });

  test("only region is added to the user's [profile ci]; other keys, nested s3 block, comments and profiles stay; undo restores both files byte for byte", async () => {
    const { target } = files();
    const t = target();
    writeFileSync(t.configFile, USER_CONFIG);
    writeFileSync(t.credentialsFile, USER_CREDS);
    const receipt = await writeProfile(t, CREDS, 'us-east-1');
    const config = readFileSync(t.configFile, 'utf8');
    assert.equal(
      config,
      USER_CONFIG.replace('  addressing_style = path\n', '  addressing_style = path\nregion = us-east-1\n'),
    );
    assert.equal(statSync(t.configFile).mode & 0o777, 0o600);
    assert.equal(statSync(t.credentialsFile).mode & 0o777, 0o600);
    assert.ok(readFileSync(t.credentialsFile, 'utf8').startsWith(USER_CREDS));
    assert.deepEqual(receipt.regionEdits, [{ section: 'profile ci', previousLine: null, createdSection: false }]);
    assert.deepEqual(await removeProfile(receipt), { removed: true });
    assert.equal(readFileSync(t.configFile, 'utf8'), USER_CONFIG);
    assert.equal(readFileSync(t.credentialsFile, 'utf8'), USER_CREDS);
  });

  test('an S3 endpoint goes in a [services aslc-<profile>] section the profile points at; the undo removes both and restores the file', async () => {
    const { target } = files();
    const t = target();
    writeFileSync(t.configFile, USER_CONFIG);
    const minio = { ...CREDS, accessKeyId: 'Q3AM3UQ867SPQQA43P2F' };
    const receipt = await writeProfile(t, minio, 'us-east-1', {}, { s3: 'https://minio.example.com:9000' });
    const config = readFileSync(t.configFile, 'utf8');
    assert.ok(config.includes('  addressing_style = path\nregion = us-east-1\nservices = aslc-ci\n'), config);
    assert.ok(config.endsWith('[services aslc-ci]\ns3 =\n  endpoint_url = https://minio.example.com:9000\n'), config);
    assert.equal(receipt.services?.section, 'services aslc-ci');
    assert.equal(typeof parseReceipt(JSON.stringify(receipt), [t]), 'object', 'the receipt with services parses back');
    assert.match(
      String(
        parseReceipt(JSON.stringify({ ...receipt, services: { ...receipt.services, section: 'services other' } }), [t]),
      ),
      /services names another section/,
    );
    await removeProfile(receipt);
    assert.equal(readFileSync(t.configFile, 'utf8'), USER_CONFIG);
  });

  test('clearServicesPointer removes only the aslc-<profile> pointer, in every config section of the profile', () => {
    const text =
      '[default]\nregion = eu-west-1\nservices = aslc-default\n\n[profile default]\nservices = aslc-default\n' +
      '[profile other]\nservices = aslc-default\n';
    const { text: after, cleared } = clearServicesPointer(text, 'default');
    assert.deepEqual(cleared, ['default', 'profile default']);
    assert.equal(
      after,
      '[default]\nregion = eu-west-1\n\n[profile default]\n[profile other]\nservices = aslc-default\n',
    );
    assert.deepEqual(clearServicesPointer('[default]\nservices = mine\n', 'default').cleared, []);
    assert.deepEqual(clearServicesPointer('[profile ci]\nservices = aslc-default\n', 'ci').cleared, []);
  });

  test('AWS credentials written over a MinIO profile clear its services pointer and report it outside the saved state', async () => {
    const { target } = files();
    const t = target();
    await writeProfile(
      t,
      { ...CREDS, accessKeyId: 'Q3AM3UQ867SPQQA43P2F' },
      'us-east-1',
      {},
      { s3: 'https://m.example' },
    );
    const receipt = await writeProfile(t, CREDS, 'us-east-1', { overwrite: true });
    assert.deepEqual(receipt.clearedServices, ['profile ci']);
    assert.doesNotMatch(readFileSync(t.configFile, 'utf8'), /^services =/m);
    const parsed = parseReceipt(JSON.stringify(receipt), [t]);
    assert.equal(typeof parsed === 'object' && 'clearedServices' in parsed, false);
  });

  test('clearActiveServicesPointer edits an existing config file only, and only when there is a pointer', async () => {
    const { dir } = files();
    const configFile = join(dir, 'config');
    assert.deepEqual(await clearActiveServicesPointer({ configFile, profiles: ['default'] }), []);
    assert.equal(existsSync(configFile), false, 'nothing created');
    writeFileSync(configFile, '[default]\nservices = aslc-default\n# kept\n[profile old]\nservices = aslc-old\n');
    assert.deepEqual(await clearActiveServicesPointer({ configFile, profiles: ['default', 'old', 'other'] }), [
      { profile: 'default', sections: ['default'] },
      { profile: 'old', sections: ['profile old'] },
    ]);
    assert.equal(readFileSync(configFile, 'utf8'), '[default]\n# kept\n[profile old]\n');
    assert.equal(statSync(configFile).mode & 0o777, 0o600);
  });

  test('a services section the user changed since is left, while the pointer and region go', async () => {
    const { target } = files();
    const t = target('default');
    const receipt = await writeProfile(t, CREDS, 'us-east-1', {}, { s3: 'https://minio.example.com' });
    writeFileSync(t.configFile, readFileSync(t.configFile, 'utf8').replace('minio.example.com', 'other.example.com'));
    await removeProfile(receipt);
    assert.equal(
      readFileSync(t.configFile, 'utf8'),
      '[services aslc-default]\ns3 =\n  endpoint_url = https://other.example.com\n',
    );
  });

  test('a region that was there is replaced and its old line put back by the undo', async () => {
    const { target } = files();
    const t = target('default');
    writeFileSync(t.configFile, USER_CONFIG);
    const receipt = await writeProfile(t, CREDS, 'us-east-1');
    assert.equal(
      readFileSync(t.configFile, 'utf8'),
      USER_CONFIG.replace('region = eu-central-1', 'region = us-east-1'),
    );
    assert.deepEqual(receipt.regionEdits, [
      { section: 'default', previousLine: 'region = eu-central-1', createdSection: false },
    ]);
    await removeProfile(receipt);
    assert.equal(readFileSync(t.configFile, 'utf8'), USER_CONFIG);
    assert.ok(!existsSync(t.credentialsFile), 'the credentials file this write created is deleted once empty');
  });

  test('profile default: [profile default] alone is the section edited; with [default] too, both get the region', async () => {
    const { target } = files();
    const t = target('default');
    const only = '[profile default]\noutput = text\n';
    writeFileSync(t.configFile, only);
    const r1 = await writeProfile(t, CREDS, 'us-east-1');
    assert.equal(readFileSync(t.configFile, 'utf8'), '[profile default]\noutput = text\nregion = us-east-1\n');
    await removeProfile(r1);
    assert.equal(readFileSync(t.configFile, 'utf8'), only);

    const both = '[profile default]\nregion = eu-west-1\n\n[default]\nregion = us-east-2\n';
    writeFileSync(t.configFile, both);
    const r2 = await writeProfile(t, CREDS, 'us-east-1');
    assert.equal(
      readFileSync(t.configFile, 'utf8'),
      both.replace('eu-west-1', 'us-east-1').replace('us-east-2', 'us-east-1'),
    );
    await removeProfile(r2);
    assert.equal(readFileSync(t.configFile, 'utf8'), both);
  });

  test('the config file changed since: a region someone else set stays', async () => {
    const { target } = files();
    const t = target();
    const receipt = await writeProfile(t, CREDS, 'us-east-1');
    writeFileSync(t.configFile, readFileSync(t.configFile, 'utf8').replace('us-east-1', 'sa-east-1'));
    await removeProfile(receipt);
    assert.equal(readFileSync(t.configFile, 'utf8'), '[profile ci]\nregion = sa-east-1\n');
  });

  test('a repeated [profile ci] in the config: nothing is written (not even the credentials) and the error names the input', async () => {
    const { target, dir } = files();
    const t = target();
    const config = '[profile ci]\noutput = json\n\n[profile ci]\nregion = eu-west-1\n';
    writeFileSync(t.configFile, config);
    writeFileSync(t.credentialsFile, USER_CREDS);
    await assert.rejects(
      writeProfile(t, CREDS, 'us-east-1'),
      (err: unknown) =>
        err instanceof InputError &&
        err.input === 'credentials-file' &&
        /\[profile ci\] appears 2 times/.test(err.message),
    );
    assert.equal(readFileSync(t.configFile, 'utf8'), config);
    assert.equal(readFileSync(t.credentialsFile, 'utf8'), USER_CREDS);
    assert.deepEqual(readdirSync(dir).sort(), ['config', 'credentials']);
  });

  test('the config file fails to be written after the credentials file was: the credentials file is put back as it was', async () => {
    const { dir } = files();
    const t: ProfileTarget = {
      credentialsFile: join(dir, 'credentials'),
      configFile: join(dir, 'c'.repeat(245)),
      profile: 'ci',
    };
    writeFileSync(t.credentialsFile, USER_CREDS);
    await assert.rejects(
      writeProfile(t, CREDS, 'us-east-1'),
      (err: unknown) => err instanceof InputError && /ENAMETOOLONG/.test(err.message),
    );
    assert.equal(readFileSync(t.credentialsFile, 'utf8'), USER_CREDS);
    const fresh = join(mkdtempSync(join(tmpdir(), 'aslc-profile-')), 'credentials');
    await assert.rejects(writeProfile({ ...t, credentialsFile: fresh }, CREDS, 'us-east-1'));
    assert.ok(!existsSync(fresh), 'a credentials file the failed write created is gone');
  });

  test('a credentials-file under a path component that is a file fails naming the input', async () => {
    const { dir } = files();
    writeFileSync(join(dir, 'plain'), '');
    const t: ProfileTarget = {
      credentialsFile: join(dir, 'plain', 'credentials'),
      configFile: join(dir, 'plain', 'config'),
      profile: 'ci',
    };
    await assert.rejects(
      writeProfile(t, CREDS, 'us-east-1'),
      (err: unknown) =>
        err instanceof InputError &&
        err.input === 'credentials-file' &&
        /a component of the path is a file/.test(err.message),
    );
  });

  test('credentials and config in one file: both edits land, and the undo gives the file back', async () => {
    const { dir } = files();
    const file = join(dir, 'config');
    writeFileSync(file, USER_CONFIG);
    const receipt = await writeProfile({ credentialsFile: file, configFile: file, profile: 'ci' }, CREDS, 'us-east-1');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /\n\[ci\]\naws_access_key_id = ASIAQWERTYUIOPASDFGH\n/);
    assert.match(text, /addressing_style = path\nregion = us-east-1\n/);
    await removeProfile(receipt);
    assert.equal(readFileSync(file, 'utf8'), USER_CONFIG);
  });

  test('an access key id that AWS does not issue is refused before any write', async () => {
    const { target, dir } = files();
    await assert.rejects(writeProfile(target(), { ...CREDS, accessKeyId: 'ASIA\n[default]' }, 'us-east-1'), InputError);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('the undo trusts only a receipt that proves what was written', () => {
  async function written(): Promise<{ t: ProfileTarget; receipt: ProfileReceipt }> {
    const { target } = files();
    const t = target('default');
    const receipt = await writeProfile(t, CREDS, 'us-east-1');
    return { t, receipt };
  }

  test('a receipt naming a long-lived section by its (public) access key id does not remove it or delete the file', async () => {
    const { target } = files();
    const t = target('default');
    const longLived = '[default]\naws_access_key_id = AKIALONGLIVEDKEY0001\naws_secret_access_key = keep\n';
    writeFileSync(t.credentialsFile, longLived);
    const crafted: ProfileReceipt = {
      ...t,
      accessKeyId: 'AKIALONGLIVEDKEY0001',
      credentialsSha256: '0'.repeat(64),
      region: 'us-east-1',
      createdCredentialsFile: true,
      createdConfigFile: true,
      regionEdits: [],
    };
    assert.deepEqual(await removeProfile(crafted), { removed: false });
    assert.equal(readFileSync(t.credentialsFile, 'utf8'), longLived);
  });

  test('parseReceipt accepts what writeProfile returned, for the target the inputs choose', async () => {
    const { t, receipt } = await written();
    assert.deepEqual(parseReceipt(JSON.stringify(receipt), [t]), receipt);
  });

  test('parseReceipt refuses receipts that are malformed or name other files, sections or keys', async () => {
    const { t, receipt } = await written();
    const bad: Array<[string, unknown]> = [
      ['not JSON', '{'],
      ['null', null],
      ['an array', []],
      ['another credentials file', { ...receipt, credentialsFile: '/root/.aws/credentials' }],
      ['a relative path', { ...receipt, credentialsFile: 'credentials' }],
      ['a path with ..', { ...receipt, configFile: `${t.configFile}/../config` }],
      ['another profile', { ...receipt, profile: 'prod' }],
      ['a malformed key id', { ...receipt, accessKeyId: 'x' }],
      ['a lower-case key id', { ...receipt, accessKeyId: receipt.accessKeyId.toLowerCase() }],
      ['no digest', { ...receipt, credentialsSha256: undefined }],
      ['a flag that is not boolean', { ...receipt, createdCredentialsFile: 'true' }],
      [
        'a region edit of another section',
        { ...receipt, regionEdits: [{ section: 'profile prod', previousLine: null, createdSection: true }] },
      ],
      [
        'a previous line that is not a region line',
        {
          ...receipt,
          regionEdits: [{ section: 'default', previousLine: 'credential_process = /bin/evil', createdSection: false }],
        },
      ],
      [
        'a previous line with a newline',
        {
          ...receipt,
          regionEdits: [{ section: 'default', previousLine: 'region = x\n[evil]', createdSection: false }],
        },
      ],
      ['a bad region', { ...receipt, region: 'us-east-1\n' }],
    ];
    for (const [what, doc] of bad) {
      const raw = typeof doc === 'string' ? doc : JSON.stringify(doc);
      assert.equal(typeof parseReceipt(raw, [t]), 'string', what);
    }
  });
});
