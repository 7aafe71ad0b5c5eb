/**
 * Reading MinIO's AssumeRoleWithCertificate answers: MinIO's own shapes (as cmd/sts-handlers.go and cmd/sts-errors.go
 * write them), and hostile bodies that must end in a clear AwsError, never in a bad value or another exception.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AwsError } from '../../src/errors.js';
import { parseMinioCredentials, parseMinioError } from '../../src/providers/minio-response.js';

const NOW = new Date('2026-01-01T00:00:00Z');
const ENDPOINT = 'https://minio.example.com:9000';
const TOKEN = 'eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJhY2Nlc3NLZXkiOiJZQzEyWkJIVVZXNTg4QlFBRTVCTSJ9.c2lnbmF0dXJl';

function answer(credentials: string, root = 'AssumeRoleWithCertificate'): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<${root}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
    `<${root}Result><Credentials>${credentials}</Credentials></${root}Result>` +
    `<ResponseMetadata><RequestId>169339CD8B3A6948</RequestId></ResponseMetadata></${root}Response>`
  );
}
const GOOD =
  `<AccessKeyId>YC12ZBHUVW588BQAE5BM</AccessKeyId><SecretAccessKey>Zgl9+zdE0pZ88+hLqtfh0ocLN+WQTJixHouCkZkW</SecretAccessKey>` +
  `<SessionToken>${TOKEN}</SessionToken><Expiration>2026-01-01T01:00:00Z</Expiration>`;

function malformed(body: string, pattern: RegExp, now = NOW): void {
  assert.throws(
    () => parseMinioCredentials(body, now, ENDPOINT),
    (err: unknown) =>
      err instanceof AwsError && err.code === 'MalformedResponse' && pattern.test(err.serviceMessage) && !err.retryable,
    body.slice(0, 120),
  );
}

/** A well-formed answer whose values fail the check every answer passes (validate-session.ts), naming the field. */
function invalid(body: string, field: RegExp, hint?: RegExp): void {
  assert.throws(
    () => parseMinioCredentials(body, NOW, ENDPOINT),
    (err: unknown) =>
      err instanceof AwsError &&
      err.code === 'InvalidResponse' &&
      field.test(err.serviceMessage) &&
      err.serviceMessage.includes('minio.example.com') &&
      (!hint || hint.test(err.hint)) &&
      !err.retryable,
    body.slice(0, 120),
  );
}

test("MinIO's answer gives the session, expiration as written", () => {
  assert.deepEqual(parseMinioCredentials(answer(GOOD), NOW, ENDPOINT), {
    credentials: {
      accessKeyId: 'YC12ZBHUVW588BQAE5BM',
      secretAccessKey: 'Zgl9+zdE0pZ88+hLqtfh0ocLN+WQTJixHouCkZkW',
      sessionToken: TOKEN,
      expiration: new Date('2026-01-01T01:00:00Z'),
    },
  });
});

test('element order, whitespace, fractions of a second, an offset and a namespace prefix are all MinIO-legal', () => {
  const pretty = answer(
    `\n  <Expiration>2026-01-01T02:00:00.123456789+01:00</Expiration>\n  <SessionToken>${TOKEN}</SessionToken>\n` +
      `  <SecretAccessKey>Zgl9+zdE0pZ88+hLqtfh0ocLN+WQTJixHouCkZkW</SecretAccessKey>\n  <AccessKeyId>YC12ZBHUVW588BQAE5BM</AccessKeyId>\n`,
  );
  const session = parseMinioCredentials(pretty, NOW, ENDPOINT);
  assert.equal(session.credentials.expiration?.toISOString(), '2026-01-01T01:00:00.123Z');
  const prefixed = `<sts:AssumeRoleWithCertificateResponse xmlns:sts="https://sts.amazonaws.com/doc/2011-06-15/"><sts:AssumeRoleWithCertificateResult><sts:Credentials>${GOOD}</sts:Credentials></sts:AssumeRoleWithCertificateResult></sts:AssumeRoleWithCertificateResponse>`;
  assert.equal(parseMinioCredentials(prefixed, NOW, ENDPOINT).credentials.accessKeyId, 'YC12ZBHUVW588BQAE5BM');
});

test("MinIO's own documentation example is not well formed (</Expiration without >) and is refused", () => {
  const doc = answer(GOOD.replace('</Expiration>', '</Expiration\n'));
  malformed(doc, /not readable XML|Credentials/);
});

test('expired or unreadable expirations are refused', () => {
  invalid(
    answer(GOOD.replace('2026-01-01T01:00:00Z', '2025-12-31T23:59:59Z')),
    /time already past .* in expiration/,
    /notAfter/,
  );
  invalid(
    answer(GOOD.replace('2026-01-01T01:00:00Z', '2027-06-01T00:00:00Z')),
    /further ahead than any session .* in expiration/,
    /notAfter/,
  );
  // 364 days ahead is within MinIO's bound (365 days), far beyond AWS's 12 hours.
  assert.equal(
    parseMinioCredentials(
      answer(GOOD.replace('2026-01-01T01:00:00Z', '2026-12-31T00:00:00Z')),
      NOW,
      ENDPOINT,
    ).credentials.expiration?.toISOString(),
    '2026-12-31T00:00:00.000Z',
  );
  for (const bad of ['tomorrow', '2026-01-01', '2026-13-45T01:00:00Z', '1767229200', '2026-01-01T01:00:00', '']) {
    malformed(answer(GOOD.replace('2026-01-01T01:00:00Z', bad)), /Expiration/);
  }
});

test('values that could break out of an env file or profile are refused', () => {
  const cases: Array<[string, string]> = [
    ['YC12ZBHUVW588BQAE5BM', 'YC12ZBHU\nexport EVIL=1'],
    ['YC12ZBHUVW588BQAE5BM', 'YC12ZBHU&#10;export EVIL=1'],
    ['YC12ZBHUVW588BQAE5BM', 'YC12 ZBHU'],
    ['YC12ZBHUVW588BQAE5BM', 'YC12ZBHU\u0000X'],
    ['YC12ZBHUVW588BQAE5BM', 'AKIAÜNICODE00000000'],
    ['YC12ZBHUVW588BQAE5BM', ''],
    ['YC12ZBHUVW588BQAE5BM', 'A'.repeat(129)],
    [TOKEN, `${TOKEN}&#13;&#10;AWS_ACCESS_KEY_ID=stolen`],
    [TOKEN, 'x'.repeat(65537)],
  ];
  for (const [good, bad] of cases) invalid(answer(GOOD.replace(good, bad)), / in (accessKeyId|sessionToken)$/);
});

test('structure attacks: wrong root, repeats, nested elements, missing fields, DTDs, prototype names', () => {
  malformed(answer(GOOD, 'AssumeRoleWithWebIdentity'), /without AssumeRoleWithCertificateResponse/);
  malformed(answer(GOOD + GOOD), /missing or not a single text element/);
  malformed(
    answer(GOOD).replace(
      '</AssumeRoleWithCertificateResult>',
      `<Credentials>${GOOD}</Credentials></AssumeRoleWithCertificateResult>`,
    ),
    /without/,
  );
  malformed(
    answer(
      GOOD.replace(
        '<AccessKeyId>YC12ZBHUVW588BQAE5BM</AccessKeyId>',
        '<AccessKeyId><x>YC12ZBHUVW588BQAE5BM</x></AccessKeyId>',
      ),
    ),
    /AccessKeyId/,
  );
  malformed(answer(GOOD.replace(/<SessionToken>.*<\/SessionToken>/, '')), /SessionToken/);
  const bomb =
    `<!DOCTYPE a [<!ENTITY a "${'a'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}">]>` +
    answer(GOOD.replace(TOKEN, '&b;'));
  malformed(bomb, /not readable XML/);
  malformed(
    answer(GOOD).replace('<Credentials>', '<__proto__><polluted>1</polluted></__proto__><Credentials>'),
    /not readable XML/,
  );
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  malformed(answer(`<constructor>x</constructor>${GOOD}`), /not readable XML/);
  malformed(
    `<AssumeRoleWithCertificateResponse>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</AssumeRoleWithCertificateResponse>`,
    /not readable XML|without/,
  );
  malformed(answer(GOOD) + ' '.repeat(1 << 20), /not readable XML/);
});

test('bodies that are not XML at all', () => {
  for (const body of [
    '',
    '   ',
    '{"Credentials":{}}',
    '<html><body>502 Bad Gateway</body></html>',
    '<a',
    'null',
    '\u0000\u0001',
  ]) {
    malformed(body, /not readable XML|without AssumeRoleWithCertificateResponse/);
  }
});

test('any body at all ends in a session with clean values or in an AwsError', () => {
  const fragments = fc.constantFrom(
    GOOD,
    '<AccessKeyId>',
    '</AccessKeyId>',
    '<Credentials>',
    '</Credentials>',
    '&#10;',
    '&amp;',
    '<![CDATA[',
    ']]>',
    '<!DOCTYPE x>',
    '<?x?>',
    '\n',
    'Z',
    '2026-01-01T01:00:00Z',
  );
  const body = fc.oneof(
    fc.string(),
    fc.array(fragments).map((parts) => answer(parts.join(''))),
    fc.array(fc.oneof(fragments, fc.string())).map((p) => p.join('')),
  );
  fc.assert(
    fc.property(body, (text) => {
      try {
        const { credentials } = parseMinioCredentials(text, NOW, ENDPOINT);
        return (
          /^[A-Z0-9]+$/.test(credentials.accessKeyId) &&
          /^[A-Za-z0-9+/=]+$/.test(credentials.secretAccessKey) &&
          /^[\w.-]+$/.test(credentials.sessionToken ?? '')
        );
      } catch (err) {
        return err instanceof AwsError;
      }
    }),
    { numRuns: 500 },
  );
});

// ---- error bodies -------------------------------------------------------------------------------------------------

const stsErrorBody = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type></Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1866B4E0AF5A3A36</RequestId></ErrorResponse>`;

test("MinIO's STS error body, with Go's escapes decoded", () => {
  assert.deepEqual(
    parseMinioError(stsErrorBody('STSNotInitialized', 'STS API &#39;AssumeRoleWithCertificate&#39; is disabled')),
    {
      code: 'STSNotInitialized',
      message: "STS API 'AssumeRoleWithCertificate' is disabled",
    },
  );
  assert.deepEqual(
    parseMinioError(stsErrorBody('InvalidClientCertificate', 'x509: certificate signed by unknown authority')),
    {
      code: 'InvalidClientCertificate',
      message: 'x509: certificate signed by unknown authority',
    },
  );
  assert.deepEqual(parseMinioError(stsErrorBody('InternalError', '')), { code: 'InternalError', message: '' });
});

test("MinIO's S3 catch-all error body (a request no STS route takes)", () => {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>BadRequest</Code><Message>An unsupported API call for method: POST at &#39;/&#39;</Message><Resource>/</Resource><RequestId>1866B</RequestId><HostId>dd9025</HostId></Error>`;
  assert.deepEqual(parseMinioError(body), {
    code: 'BadRequest',
    message: "An unsupported API call for method: POST at '/'",
  });
});

test('hostile error bodies: no code, odd codes, long or multi-line messages, not XML', () => {
  for (const body of [
    '',
    'Service Unavailable',
    '<html>502</html>',
    stsErrorBody('', 'x'),
    stsErrorBody('Bad Code', 'x'),
    stsErrorBody('A'.repeat(65), 'x'),
    stsErrorBody('<x>y</x>', 'x'),
    `<!DOCTYPE x []>${stsErrorBody('AccessDenied', 'x')}`,
  ]) {
    assert.equal(parseMinioError(body), undefined, body);
  }
  const flat = parseMinioError(stsErrorBody('AccessDenied', 'line one&#10;::add-mask::x&#13;\u2028three'));
  assert.equal(flat?.message, 'line one ::add-mask::x three');
  const long = parseMinioError(stsErrorBody('AccessDenied', 'm'.repeat(5000)));
  assert.equal(long?.message.length, 501);
});
