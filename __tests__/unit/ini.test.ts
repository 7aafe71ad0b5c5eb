/** INI section editing: one section changes, every other byte stays. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { IniEditError, readSection, removeSection, restoreKey, setKey, upsertSection } from '../../src/ini.js';

const CREDS: Array<[string, string]> = [
  ['aws_access_key_id', 'ASIAEXAMPLE'],
  ['aws_secret_access_key', 'secret'],
];

const THREE = [
  '# managed by hand',
  '[alpha]',
  'aws_access_key_id = A1',
  '',
  '; beta is prod',
  '[beta]',
  'aws_access_key_id = B1',
  'region=eu-west-1',
  '',
  '',
  '[gamma]',
  'aws_access_key_id = G1',
  '',
].join('\n');

test('upsert into an empty file', () => {
  assert.equal(
    upsertSection('', 'ci', CREDS),
    '[ci]\naws_access_key_id = ASIAEXAMPLE\naws_secret_access_key = secret\n',
  );
});

test('append to a file with a trailing newline: one blank line between sections', () => {
  assert.equal(upsertSection('[a]\nk = 1\n', 'ci', [['x', 'y']]), '[a]\nk = 1\n\n[ci]\nx = y\n');
});

test('append to a file without a trailing newline', () => {
  assert.equal(upsertSection('[a]\nk = 1', 'ci', [['x', 'y']]), '[a]\nk = 1\n\n[ci]\nx = y\n');
});

test('append after trailing blank lines adds no further blank line', () => {
  assert.equal(upsertSection('[a]\nk = 1\n\n', 'ci', [['x', 'y']]), '[a]\nk = 1\n\n[ci]\nx = y\n');
});

test('append keeps comments and odd spacing of the other sections byte for byte', () => {
  const original = '#top\n[a]\n  k=1   \n;c\n\t\n[ b ]\nv = 2 # not a comment in values\n';
  assert.equal(upsertSection(original, 'ci', [['x', 'y']]), `${original}\n[ci]\nx = y\n`);
});

test('replace a section in the middle: neighbours, comments and blank lines untouched', () => {
  const expected = [
    '# managed by hand',
    '[alpha]',
    'aws_access_key_id = A1',
    '',
    '; beta is prod',
    '[beta]',
    'x = y',
    '',
    '',
    '[gamma]',
    'aws_access_key_id = G1',
    '',
  ].join('\n');
  assert.equal(upsertSection(THREE, 'beta', [['x', 'y']]), expected);
});

test('replace the first section: the comment above the next section stays', () => {
  const expected = ['# managed by hand', '[alpha]', 'x = y', '', '; beta is prod', '[beta]'].join('\n');
  assert.equal(
    upsertSection(THREE, 'alpha', [['x', 'y']])
      .split('\n')
      .slice(0, 6)
      .join('\n'),
    expected,
  );
  assert.ok(upsertSection(THREE, 'alpha', [['x', 'y']]).endsWith(THREE.slice(THREE.indexOf('; beta is prod'))));
});

test('replace the last section, with and without a trailing newline', () => {
  const head = THREE.slice(0, THREE.indexOf('[gamma]'));
  assert.equal(upsertSection(THREE, 'gamma', [['x', 'y']]), `${head}[gamma]\nx = y\n`);
  const noNewline = THREE.replace(/\n$/, '');
  assert.equal(upsertSection(noNewline, 'gamma', [['x', 'y']]), `${head}[gamma]\nx = y`);
});

test('a header is named exactly what stands between its brackets, as botocore and the JS SDK read it: [ ci ] is not [ci]', () => {
  const text = '[a]\nk = 1\n\n[ ci ]\nold = 1\n\n[b]\nk = 2\n';
  assert.equal(readSection(text, 'ci'), undefined);
  assert.equal(removeSection(text, 'ci'), text);
  assert.equal(upsertSection(text, 'ci', [['x', 'y']]), `${text}\n[ci]\nx = y\n`);
  assert.deepEqual(readSection(text, ' ci '), new Map([['old', '1']]));
  assert.deepEqual(
    readSection('[profile x] ; note\nregion = us-east-1\n', 'profile x'),
    new Map([['region', 'us-east-1']]),
  );
});

test('section names are matched whole: [ci] does not match [ci-2] or [profile ci]', () => {
  const text = '[ci-2]\nk = 1\n\n[profile ci]\nk = 2\n';
  assert.equal(readSection(text, 'ci'), undefined);
  assert.equal(removeSection(text, 'ci'), text);
  assert.equal(upsertSection(text, 'ci', [['x', 'y']]), `${text}\n[ci]\nx = y\n`);
});

test('CRLF files stay CRLF, on upsert of a new and of an existing section and on remove', () => {
  const crlf = '[a]\r\nk = 1\r\n\r\n[b]\r\nk = 2\r\n';
  assert.equal(upsertSection(crlf, 'ci', [['x', 'y']]), '[a]\r\nk = 1\r\n\r\n[b]\r\nk = 2\r\n\r\n[ci]\r\nx = y\r\n');
  assert.equal(
    upsertSection(crlf, 'a', [
      ['x', 'y'],
      ['z', 'w'],
    ]),
    '[a]\r\nx = y\r\nz = w\r\n\r\n[b]\r\nk = 2\r\n',
  );
  assert.equal(removeSection(crlf, 'a'), '[b]\r\nk = 2\r\n');
  assert.equal(removeSection(crlf, 'b'), '[a]\r\nk = 1\r\n');
  assert.deepEqual(readSection(crlf, 'b'), new Map([['k', '2']]));
});

test('remove the first section', () => {
  assert.equal(
    removeSection(THREE, 'alpha'),
    [
      '# managed by hand',
      '; beta is prod',
      '[beta]',
      'aws_access_key_id = B1',
      'region=eu-west-1',
      '',
      '',
      '[gamma]',
      'aws_access_key_id = G1',
      '',
    ].join('\n'),
  );
  assert.equal(removeSection('[a]\nk = 1\n\n[b]\nk = 2\n', 'a'), '[b]\nk = 2\n');
});

test('remove a middle section with its separating blank lines', () => {
  assert.equal(
    removeSection(THREE, 'beta'),
    [
      '# managed by hand',
      '[alpha]',
      'aws_access_key_id = A1',
      '',
      '; beta is prod',
      '[gamma]',
      'aws_access_key_id = G1',
      '',
    ].join('\n'),
  );
  assert.equal(removeSection('[a]\nk = 1\n\n[b]\nk = 2\n\n[c]\nk = 3\n', 'b'), '[a]\nk = 1\n\n[c]\nk = 3\n');
});

test('remove the last section and the blank line before it', () => {
  assert.equal(
    removeSection(THREE, 'gamma'),
    [
      '# managed by hand',
      '[alpha]',
      'aws_access_key_id = A1',
      '',
      '; beta is prod',
      '[beta]',
      'aws_access_key_id = B1',
      'region=eu-west-1',
      '',
    ].join('\n'),
  );
  assert.equal(removeSection('[a]\nk = 1\n\n[b]\nk = 2', 'b'), '[a]\nk = 1');
});

test('remove the only section leaves an empty file', () => {
  assert.equal(removeSection('[ci]\nx = y\n', 'ci'), '');
  assert.equal(removeSection('[ci]\nx = y', 'ci'), '');
});

test('remove an absent section returns the text itself', () => {
  assert.equal(removeSection(THREE, 'delta'), THREE);
  assert.equal(removeSection('', 'delta'), '');
});

test('upsert then remove gives back the original text exactly', () => {
  const originals = [
    '',
    '[a]\nk = 1\n',
    '[default]\naws_access_key_id = AKIA\naws_secret_access_key = s\n\n[other]\nregion = eu-west-1\n',
    THREE,
    '# only a comment\n',
    '[a]\nk = 1\n# trailing comment\n',
    '[a]\r\nk = 1\r\n\r\n[b]\r\nk = 2\r\n',
    '[ spaced ]\n  k=1\n;x\n',
  ];
  for (const original of originals) {
    const added = upsertSection(original, 'ci', CREDS);
    assert.deepEqual(readSection(added, 'ci'), new Map(CREDS));
    assert.equal(
      removeSection(added, 'ci'),
      original,
      `original ${JSON.stringify(original)} via ${JSON.stringify(added)}`,
    );
  }
});

test('upserting a section twice is the same as once', () => {
  for (const original of ['', '[a]\nk = 1\n', THREE]) {
    const once = upsertSection(original, 'ci', CREDS);
    assert.equal(upsertSection(once, 'ci', CREDS), once);
    const changed = upsertSection(once, 'ci', [['aws_access_key_id', 'NEW']]);
    assert.equal(removeSection(changed, 'ci'), removeSection(once, 'ci'));
  }
});

test('readSection: keys and values trimmed; comments and blank lines skipped; absent is undefined', () => {
  const text =
    '[x]\n  region   =   us-east-1  \n# c = d\n; e = f\n\noutput=json\nempty =\nurl = https://a/b?c=d\n[y]\nk = v\n';
  assert.deepEqual(
    readSection(text, 'x'),
    new Map([
      ['region', 'us-east-1'],
      ['output', 'json'],
      ['empty', ''],
      ['url', 'https://a/b?c=d'],
    ]),
  );
  assert.equal(readSection(text, 'z'), undefined);
  assert.deepEqual(readSection('[x]\n', 'x'), new Map());
});

/** Random INI documents from the pieces real files hold. */
function randomDocument(rnd: () => number, names: string[]): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const lines: string[] = [];
  if (rnd() < 0.3) lines.push(pick(['# top comment', '; top', '']));
  for (const name of names) {
    if (rnd() < 0.3) lines.push(pick(['# about the next profile', '; next', '']));
    lines.push(pick([`[${name}]`, `[ ${name} ]`, `[${name}] # c`]));
    const keys = Math.floor(rnd() * 4);
    for (let k = 0; k < keys; k++)
      lines.push(pick([`key${k} = v${k}`, `key${k}=v${k}`, `  key${k} =  spaced  `, '# inner comment']));
    const blanks = Math.floor(rnd() * 3);
    for (let b = 0; b < blanks; b++) lines.push('');
  }
  // Real files end with exactly one newline.
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const eol = rnd() < 0.3 ? '\r\n' : '\n';
  return lines.length === 0 ? '' : lines.join(eol) + eol;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

test('random documents: upsert then remove of a new section is the identity; other sections read the same after either', () => {
  const rnd = seeded(7);
  for (let i = 0; i < 500; i++) {
    const names = ['default', 'a', 'profile b', 'c'].filter(() => rnd() < 0.6);
    const original = randomDocument(rnd, names);
    const added = upsertSection(original, 'ci', CREDS);
    assert.equal(removeSection(added, 'ci'), original, JSON.stringify(original));
    for (const name of names) assert.deepEqual(readSection(added, name), readSection(original, name));
    if (names.length > 0) {
      const target = names[Math.floor(rnd() * names.length)]!;
      const replaced = upsertSection(original, target, [['x', 'y']]);
      assert.deepEqual(readSection(replaced, target), new Map([['x', 'y']]));
      for (const name of names.filter((n) => n !== target))
        assert.deepEqual(readSection(replaced, name), readSection(original, name), JSON.stringify(original));
      const removed = removeSection(original, target);
      assert.equal(readSection(removed, target), undefined);
      for (const name of names.filter((n) => n !== target))
        assert.deepEqual(readSection(removed, name), readSection(original, name), JSON.stringify(original));
      // Every comment outside the changed section survives.
      const comments = (text: string) => text.split(/\r?\n/).filter((l) => /^[#;]/.test(l));
      for (const c of comments(original).filter((c) => c !== '# inner comment'))
        assert.ok(
          comments(removed).includes(c) && comments(replaced).includes(c),
          `${c} in ${JSON.stringify(original)}`,
        );
      if (original.includes('\r\n')) assert.ok(!/(^|[^\r])\n/.test(replaced) && !/(^|[^\r])\n/.test(removed));
    }
  }
});

describe('the writer refuses what a reader would see differently', () => {
  const controls = ['\n', '\r', '\0', '\t', '\x1b', '\x7f', '\u0085'];
  test('control characters in a section name, a key or a value', () => {
    for (const c of controls) {
      assert.throws(() => upsertSection('', `ci${c}x`, CREDS), IniEditError, JSON.stringify(c));
      assert.throws(() => upsertSection('', 'ci', [[`aws_access_key_id${c}`, 'v']]), IniEditError, JSON.stringify(c));
      assert.throws(
        () => upsertSection('', 'ci', [['aws_secret_access_key', `abc${c}[default]`]]),
        IniEditError,
        JSON.stringify(c),
      );
      assert.throws(() => setKey('', `profile ci${c}`, 'region', 'us-east-1'), IniEditError, JSON.stringify(c));
      assert.throws(
        () => setKey('[profile ci]\n', 'profile ci', 'region', `us-east-1${c}`),
        IniEditError,
        JSON.stringify(c),
      );
    }
  });

  test('brackets in a section name, an injected section in a value; the error names the part, never the value', () => {
    for (const name of ['ci]\n[default', 'a]b', '[x', 'x]'])
      assert.throws(() => upsertSection('', name, CREDS), IniEditError);
    try {
      upsertSection('', 'ci', [['aws_secret_access_key', 'SECRETVALUE\n[default]\naws_access_key_id = AKIAEVIL']]);
      assert.fail('accepted a value with a newline');
    } catch (err) {
      assert.ok(err instanceof IniEditError);
      assert.match(err.message, /value of aws_secret_access_key contains a control character \(U\+000A\)/);
      assert.ok(!err.message.includes('SECRETVALUE'));
    }
  });

  test('keys that are not plain, values with surrounding spaces', () => {
    for (const key of ['a=b', '', '#x', ' a', 'a b'])
      assert.throws(() => upsertSection('', 'ci', [[key, 'v']]), IniEditError, key);
    assert.throws(() => upsertSection('', 'ci', [['k', ' v']]), IniEditError);
  });
});

describe('repeated sections', () => {
  test('upsert keeps one section of the name, so botocore (which refuses repeats) and the JS SDK (which merges) read the same', () => {
    const text = '[ci]\naws_access_key_id = OLD1\n\n[other]\nk = 1\n\n[ci]\naws_access_key_id = OLD2\nextra = x\n';
    assert.equal(
      upsertSection(text, 'ci', [['aws_access_key_id', 'NEW']]),
      '[ci]\naws_access_key_id = NEW\n\n[other]\nk = 1\n',
    );
  });
});

describe('setKey and restoreKey: one key of a section, the rest as it was', () => {
  const PROFILE = [
    '# mine',
    '[profile ci]',
    'output = json',
    'region = eu-west-1   ',
    'role_arn = arn:aws:iam::123456789012:role/x',
    's3 =',
    '  max_concurrent_requests = 20',
    '  region = ap-south-1',
    '; trailing comment',
    '',
    '[profile other]',
    'region = us-west-2',
    '',
  ].join('\n');

  test('replaces only the top-level region line; nested s3 region, other keys, comments and other profiles stay', () => {
    const edit = setKey(PROFILE, 'profile ci', 'region', 'us-east-1');
    assert.equal(edit.text, PROFILE.replace('region = eu-west-1   ', 'region = us-east-1'));
    assert.equal(edit.previousLine, 'region = eu-west-1   ');
    assert.equal(edit.createdSection, false);
    assert.equal(restoreKey(edit.text, 'profile ci', 'region', 'us-east-1', edit.previousLine, false), PROFILE);
  });

  test('adds region after the last key (after a nested block, unindented) when the section has none, and removes it again', () => {
    const without = PROFILE.replace('region = eu-west-1   \n', '');
    const edit = setKey(without, 'profile ci', 'region', 'us-east-1');
    assert.equal(edit.previousLine, null);
    assert.ok(edit.text.includes('  region = ap-south-1\nregion = us-east-1\n; trailing comment'), edit.text);
    assert.equal(restoreKey(edit.text, 'profile ci', 'region', 'us-east-1', null, false), without);
  });

  test('creates the section when absent, and restore removes it (and only it)', () => {
    for (const original of ['', '[default]\nregion = eu-west-1\n', '# c\n']) {
      const edit = setKey(original, 'profile ci', 'region', 'us-east-1');
      assert.equal(edit.createdSection, true);
      assert.deepEqual(readSection(edit.text, 'profile ci'), new Map([['region', 'us-east-1']]));
      assert.equal(restoreKey(edit.text, 'profile ci', 'region', 'us-east-1', null, true), original);
    }
  });

  test('restore leaves a region someone changed since, and a section that is now repeated', () => {
    const edit = setKey(PROFILE, 'profile ci', 'region', 'us-east-1');
    assert.equal(
      restoreKey(
        edit.text.replace('region = us-east-1', 'region = sa-east-1'),
        'profile ci',
        'region',
        'us-east-1',
        edit.previousLine,
        false,
      ),
      undefined,
    );
    assert.equal(
      restoreKey(`${edit.text}\n[profile ci]\nk = v\n`, 'profile ci', 'region', 'us-east-1', edit.previousLine, false),
      undefined,
    );
  });

  test('a key written with another case or a colon is the same key to botocore: replaced, and put back verbatim', () => {
    const text = '[default]\nRegion: eu-west-1\n';
    const edit = setKey(text, 'default', 'region', 'us-east-1');
    assert.equal(edit.text, '[default]\nregion = us-east-1\n');
    assert.equal(restoreKey(edit.text, 'default', 'region', 'us-east-1', edit.previousLine, false), text);
  });

  test('refuses a repeated section or a repeated key, which botocore refuses to read', () => {
    assert.throws(
      () => setKey('[profile ci]\nregion = a\n[profile ci]\noutput = json\n', 'profile ci', 'region', 'us-east-1'),
      /appears 2 times/,
    );
    assert.throws(
      () => setKey('[profile ci]\nregion = a\nregion = b\n', 'profile ci', 'region', 'us-east-1'),
      /region 2 times/,
    );
  });

  test('CRLF stays CRLF', () => {
    const text = '[profile ci]\r\noutput = json\r\n';
    const edit = setKey(text, 'profile ci', 'region', 'us-east-1');
    assert.equal(edit.text, '[profile ci]\r\noutput = json\r\nregion = us-east-1\r\n');
    assert.equal(restoreKey(edit.text, 'profile ci', 'region', 'us-east-1', null, false), text);
  });
});
