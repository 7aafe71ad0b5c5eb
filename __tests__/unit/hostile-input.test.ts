/**
 * Property-based tests over the parsers that see user input: random and truncated input ends in an InputError that
 * names the input, never another exception, a hang, or an echo of the input's secret parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateKeyPairSync } from 'node:crypto';
import { InputError } from '../../src/errors.js';
import { parsePemBlocks } from '../../src/pki/pem.js';
import { loadCertificate, loadCertificateChain } from '../../src/pki/certificate.js';
import { loadPrivateKey } from '../../src/pki/private-key.js';
import { parsePkcs12 } from '../../src/pki/pkcs12.js';
import { readBinaryOrPath, readPemOrPath } from '../../src/pki/source.js';
import { parseArn, parsePolicyArn, parseRegionalArn, parseRoleArn } from '../../src/config/arn.js';
import { parseInteger, parseInlinePolicy, parseRegion, parseSessionName } from '../../src/config/values.js';
import { buildConfig } from '../../src/config/build-config.js';
import { readSection, removeSection, upsertSection } from '../../src/ini.js';
import { ACTION_INPUTS } from '../../src/config/input-names.js';

const RUNS = { numRuns: 300, seed: 20261123 };

/** Runs `fn`; passes if it returns or throws an InputError naming `input` whose message does not contain `secret`. */
function onlyInputError(fn: () => unknown, input: string | RegExp, secret?: string): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof InputError)) throw new Error(`threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
    if (typeof input === 'string') assert.equal(err.input, input);
    else assert.match(err.input, input);
    if (secret && secret.length >= 12) assert.ok(!err.message.includes(secret), 'the error echoes secret material');
  }
}

const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const KEY_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const KEY_BODY = KEY_PEM.split('\n')
  .filter((l) => l && !l.startsWith('-----'))
  .join('');

test('PEM parsing of arbitrary text fails only with an InputError naming the input', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 400 }), (text) => {
      onlyInputError(() => parsePemBlocks(text, 'certificate'), 'certificate');
      onlyInputError(() => loadCertificate(text, 'certificate'), 'certificate');
      onlyInputError(() => loadCertificateChain(text, 'certificate-chain'), 'certificate-chain');
    }),
    RUNS,
  );
});

test('a truncated or corrupted private key fails with an InputError and never echoes the key body', () => {
  fc.assert(
    fc.property(
      fc.nat({ max: KEY_PEM.length }),
      fc.nat({ max: KEY_PEM.length }),
      fc.string({ minLength: 1, maxLength: 1 }),
      (cut, at, ch) => {
        const truncated = KEY_PEM.slice(0, cut);
        onlyInputError(
          () => loadPrivateKey(truncated, undefined, { key: 'private-key', passphrase: 'private-key-passphrase' }),
          /^private-key(-passphrase)?$/,
          KEY_BODY.slice(0, 40),
        );
        const corrupted = KEY_PEM.slice(0, at) + ch + KEY_PEM.slice(at + 1);
        onlyInputError(
          () => loadPrivateKey(corrupted, 'pass', { key: 'private-key', passphrase: 'private-key-passphrase' }),
          /^private-key(-passphrase)?$/,
          KEY_BODY.slice(0, 40),
        );
      },
    ),
    RUNS,
  );
});

test('PKCS#12 parsing of random and truncated bytes fails only with an InputError, without hanging', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.string({ maxLength: 20 }), (bytes, passphrase) => {
      onlyInputError(
        () => parsePkcs12(Buffer.from(bytes), passphrase, 'certificate'),
        /^(certificate|private-key-passphrase)$/,
      );
      // DER-looking prefixes reach deeper into the parser.
      onlyInputError(
        () =>
          parsePkcs12(
            Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]), Buffer.from(bytes)]),
            passphrase,
            'certificate',
          ),
        /^(certificate|private-key-passphrase)$/,
      );
    }),
    RUNS,
  );
});

test('values that are neither PEM nor a readable path fail only with an InputError naming the input', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 200 }), (value) => {
      const missing = () => {
        throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      };
      onlyInputError(() => readPemOrPath(value, 'private-key', missing), 'private-key');
      onlyInputError(() => readBinaryOrPath(value, 'certificate', missing), 'certificate');
    }),
    RUNS,
  );
});

test('ARN, region, duration, session-name and policy parsing never throw anything but an InputError', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 120 }), (value) => {
      onlyInputError(() => parseArn(value, 'role-to-assume', 'arn:aws:iam::123456789012:role/x'), 'role-to-assume');
      onlyInputError(() => parseRoleArn(value, 'role-to-assume'), 'role-to-assume');
      onlyInputError(() => parseRoleArn(`arn:aws:iam::123456789012:${value}`, 'chain-role-arn'), 'chain-role-arn');
      onlyInputError(() => parsePolicyArn(value, 'managed-session-policies'), 'managed-session-policies');
      onlyInputError(
        () =>
          parseRegionalArn(`arn:aws:rolesanywhere:${value}`, 'trust-anchor-arn', 'rolesanywhere', 'trust-anchor', 'x'),
        'trust-anchor-arn',
      );
      onlyInputError(() => parseRegion(value, 'aws-region'), 'aws-region');
      onlyInputError(
        () => parseInteger(value, 'role-duration-seconds', 900, 43200, 'seconds'),
        'role-duration-seconds',
      );
      onlyInputError(() => parseSessionName(value, 'role-session-name'), 'role-session-name');
      onlyInputError(() => parseInlinePolicy(value, 'inline-session-policy'), 'inline-session-policy');
    }),
    RUNS,
  );
});

test('the config model turns any combination of input values into a Config or an InputError naming an input', () => {
  const inputNames = [...ACTION_INPUTS];
  const known = new Set<string>([...inputNames, 'web-identity-token-env']);
  fc.assert(
    fc.property(
      fc.dictionary(
        fc.constantFrom(...inputNames),
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.constantFrom(
            'true',
            'false',
            '3600',
            'us-east-1',
            'arn:aws:iam::123456789012:role/x',
            'oidc',
            'iot-certificate',
            'roles-anywhere',
          ),
        ),
        { maxKeys: 8 },
      ),
      (inputs) => {
        onlyInputError(
          () => buildConfig((name) => (inputs[name] ?? '').trim(), {}, new Date(), '/home/runner'),
          new RegExp(`^(${[...known].join('|')}|[A-Z_]+)$`),
        );
      },
    ),
    RUNS,
  );
});

test('the INI writer keeps every other section intact for any profile name and value', () => {
  const name = fc.stringMatching(/^[\w+=,.@-]{1,20}$/);
  const value = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);
  fc.assert(
    fc.property(name, name, value, (a, b, v) => {
      fc.pre(a !== b);
      const original = `# keep\n[${a}]\nkey = one\n`;
      const written = upsertSection(original, b, [['aws_secret_access_key', v]]);
      assert.equal(readSection(written, a)?.get('key'), 'one');
      assert.equal(readSection(written, b)?.get('aws_secret_access_key'), v);
      assert.equal(removeSection(written, b), original);
    }),
    RUNS,
  );
});
