import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { request } from 'node:https';
import { serialDecimalFromHex, signCreateSession } from '../../src/signing/sigv4-x509.js';
import { startRolesAnywhereStandIn } from './roles-anywhere-server.js';
import type { MintRequest, RolesAnywhereStandIn } from './roles-anywhere-server.js';
import { createPkiDir } from './pki.js';
import type { CertificateFiles, PkiDir } from './pki.js';

const ACCOUNT = '123456789012';
const TRUST_ANCHOR = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/ta-1`;
const PROFILE = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/p-1`;
const DISABLED_PROFILE = `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/p-off`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci`;
const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/admin`;

interface Answer {
  status: number;
  errorType: string | undefined;
  json: Record<string, unknown>;
}

interface Call {
  leaf: CertificateFiles;
  key?: KeyObject;
  chain?: CertificateFiles[];
  body?: Record<string, unknown>;
  /** Sent instead of the signed body. */
  sentBody?: string;
  query?: Record<string, string>;
  now?: Date;
  serialDecimal?: string;
}

describe('Roles Anywhere stand-in', () => {
  let pki: PkiDir;
  let intermediate: CertificateFiles;
  let rsaLeaf: CertificateFiles;
  let p384Leaf: CertificateFiles;
  let expiredLeaf: CertificateFiles;
  let strangerLeaf: CertificateFiles;
  let serverCert: { certPem: string; keyPem: string; caPem: string };
  let wrongKey: KeyObject;
  let standIn: RolesAnywhereStandIn;
  const minted: MintRequest[] = [];

  before(async () => {
    pki = createPkiDir();
    const root = pki.createRoot({ commonName: 'Anchor Root' });
    intermediate = pki.issueIntermediate(root, { commonName: 'Anchor Intermediate' });
    rsaLeaf = pki.issueLeaf(intermediate, { commonName: 'rsa-leaf', keyType: 'rsa2048' });
    p384Leaf = pki.issueLeaf(root, { commonName: 'p384-leaf', keyType: 'ec-p384', serialHex: `80${'2a'.repeat(19)}` });
    expiredLeaf = pki.issueLeaf(intermediate, {
      commonName: 'expired-leaf',
      keyPem: rsaLeaf.keyPem,
      notBefore: new Date(Date.now() - 2 * 86400_000),
      notAfter: new Date(Date.now() - 86400_000),
    });
    const strangerRoot = pki.createRoot({ commonName: 'Anchor Root' });
    strangerLeaf = pki.issueLeaf(strangerRoot, { commonName: 'stranger', keyPem: rsaLeaf.keyPem });
    const server = pki.issueLeaf(root, {
      commonName: 'localhost',
      serverNames: ['localhost'],
      ipAddresses: ['127.0.0.1'],
    });
    serverCert = { certPem: server.certPem, keyPem: server.keyPem, caPem: root.certPem };
    wrongKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    standIn = await startRolesAnywhereStandIn({
      trustAnchors: [{ arn: TRUST_ANCHOR, caPem: root.certPem }],
      profiles: [
        { arn: PROFILE, roleArns: [ROLE], durationSeconds: 7200 },
        { arn: DISABLED_PROFILE, roleArns: [ROLE], enabled: false },
      ],
      credentials: (req) => {
        minted.push(req);
        return {
          accessKeyId: `ASIAMINTED${minted.length}`,
          secretAccessKey: 'minted-secret',
          sessionToken: 'minted-token',
          expiration: '2030-01-01T00:00:00Z',
        };
      },
    });
  });

  after(async () => {
    await standIn?.close();
    pki?.remove();
  });

  function send(target: RolesAnywhereStandIn, call: Call, timeoutMs = 10_000): Promise<Answer> {
    const body = JSON.stringify(
      call.body ?? { trustAnchorArn: TRUST_ANCHOR, profileArn: PROFILE, roleArn: ROLE, durationSeconds: 3600 },
    );
    const url = new URL('/sessions', target.url);
    for (const [k, v] of Object.entries(call.query ?? {})) url.searchParams.set(k, v);
    const headers = signCreateSession({
      host: url.host,
      region: 'us-east-1',
      body,
      ...(call.query ? { query: call.query } : {}),
      certificateDer: call.leaf.certDer,
      chainDer: (call.chain ?? []).map((c) => c.certDer),
      serialDecimal: call.serialDecimal ?? serialDecimalFromHex(call.leaf.serialHex),
      key: call.key ?? call.leaf.key,
      now: call.now ?? new Date(),
    });
    const sent = call.sentBody ?? body;
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          ca: target.caCertPem,
          headers: { ...headers, 'Content-Length': Buffer.byteLength(sent) },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const errorType = res.headers['x-amzn-errortype'];
            resolve({
              status: res.statusCode ?? 0,
              errorType: typeof errorType === 'string' ? errorType : undefined,
              json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('client timeout')));
      req.on('error', reject);
      req.end(sent);
    });
  }

  async function assertDenied(call: Call, messagePart: RegExp) {
    const answer = await send(standIn, call);
    assert.equal(answer.status, 403, JSON.stringify(answer.json));
    assert.equal(answer.errorType, 'AccessDeniedException');
    assert.match(String(answer.json['message']), messagePart);
  }

  it('accepts a request signed by the signer (RSA leaf, intermediate in X-Amz-X509-Chain) and answers in AWS shape', async () => {
    const now = new Date();
    const answer = await send(standIn, {
      leaf: rsaLeaf,
      chain: [intermediate],
      body: {
        trustAnchorArn: TRUST_ANCHOR,
        profileArn: PROFILE,
        roleArn: ROLE,
        durationSeconds: 3600,
        roleSessionName: 'job-1',
      },
      now,
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const set = (answer.json['credentialSet'] as Array<Record<string, any>>)[0];
    assert.ok(set);
    assert.deepEqual(set['assumedRoleUser']['arn'], `arn:aws:sts::${ACCOUNT}:assumed-role/ci/job-1`);
    assert.match(set['assumedRoleUser']['assumedRoleId'], /^AROA[0-9A-Z]{17}:job-1$/);
    assert.deepEqual(Object.keys(set['credentials']).sort(), [
      'accessKeyId',
      'expiration',
      'secretAccessKey',
      'sessionToken',
    ]);
    assert.equal(set['packedPolicySize'], 0);
    assert.equal(set['roleArn'], ROLE);
    assert.equal(set['sourceIdentity'], 'CN=rsa-leaf');
    assert.match(
      String(answer.json['subjectArn']),
      new RegExp(`^arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:subject/[0-9a-f-]{36}$`),
    );
    const mint = minted.at(-1);
    assert.equal(set['credentials']['accessKeyId'], `ASIAMINTED${minted.length}`);
    assert.equal(mint?.durationSeconds, 3600);
    assert.equal(mint?.certificate.serialNumber, rsaLeaf.serialHex);
    assert.equal(standIn.requests.at(-1)?.status, 201);
  });

  it('accepts an EC P-384 leaf with a high-bit 20-byte serial issued by the anchor itself, and ARNs in the query', async () => {
    const answer = await send(standIn, {
      leaf: p384Leaf,
      body: { durationSeconds: 900 },
      query: { trustAnchorArn: TRUST_ANCHOR, profileArn: PROFILE, roleArn: ROLE },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.json));
    const set = (answer.json['credentialSet'] as Array<Record<string, any>>)[0];
    // No roleSessionName: the session is named after the certificate serial.
    assert.equal(set?.['assumedRoleUser']['arn'], `arn:aws:sts::${ACCOUNT}:assumed-role/ci/80${'2a'.repeat(19)}`);
  });

  it('rejects a body changed after signing', async () => {
    const sentBody = JSON.stringify({
      trustAnchorArn: TRUST_ANCHOR,
      profileArn: PROFILE,
      roleArn: ROLE,
      durationSeconds: 7200,
    });
    await assertDenied({ leaf: rsaLeaf, chain: [intermediate], sentBody }, /signature/);
  });

  it("rejects a signature made with a key that is not the certificate's", async () => {
    await assertDenied({ leaf: rsaLeaf, chain: [intermediate], key: wrongKey }, /signature/);
  });

  it('rejects an expired certificate', async () => {
    await assertDenied({ leaf: expiredLeaf, chain: [intermediate] }, /expired/);
  });

  it('rejects an X-Amz-Date more than 5 minutes off, and honours the clock offset', async () => {
    await assertDenied(
      { leaf: rsaLeaf, chain: [intermediate], now: new Date(Date.now() - 6 * 60_000) },
      /Signature expired/,
    );
    standIn.setClockOffsetMs(10 * 60_000);
    try {
      await assertDenied({ leaf: rsaLeaf, chain: [intermediate] }, /Signature expired/);
    } finally {
      standIn.setClockOffsetMs(0);
    }
  });

  it('rejects a chain that does not reach the trust anchor', async () => {
    // Same subject names as the real root, different key: only the signature check tells them apart.
    await assertDenied({ leaf: strangerLeaf }, /Untrusted certificate/);
    await assertDenied({ leaf: rsaLeaf }, /Untrusted certificate/);
  });

  it("rejects a Credential serial that is not the certificate's", async () => {
    const serial = (BigInt(serialDecimalFromHex(rsaLeaf.serialHex)) + 1n).toString();
    await assertDenied({ leaf: rsaLeaf, chain: [intermediate], serialDecimal: serial }, /serial/);
  });

  it('denies unknown trust anchors, disabled profiles and roles outside the profile', async () => {
    const body = (over: Record<string, unknown>) => ({
      trustAnchorArn: TRUST_ANCHOR,
      profileArn: PROFILE,
      roleArn: ROLE,
      ...over,
    });
    await assertDenied(
      { leaf: rsaLeaf, chain: [intermediate], body: body({ trustAnchorArn: `${TRUST_ANCHOR}x` }) },
      /trust anchor/,
    );
    await assertDenied(
      { leaf: rsaLeaf, chain: [intermediate], body: body({ profileArn: DISABLED_PROFILE }) },
      /disabled/,
    );
    await assertDenied({ leaf: rsaLeaf, chain: [intermediate], body: body({ roleArn: OTHER_ROLE }) }, /not associated/);
  });

  it("answers ValidationException for durations outside 900..43200 or above the profile's", async () => {
    for (const durationSeconds of [899, 43201, 7201]) {
      const answer = await send(standIn, {
        leaf: rsaLeaf,
        chain: [intermediate],
        body: { trustAnchorArn: TRUST_ANCHOR, profileArn: PROFILE, roleArn: ROLE, durationSeconds },
      });
      assert.equal(answer.status, 400, `durationSeconds ${durationSeconds}`);
      assert.equal(answer.errorType, 'ValidationException');
    }
  });

  it('injects 500, 429, reset and hang faults in order, then serves normally', async () => {
    standIn.queue(
      { kind: 'status', status: 500 },
      { kind: 'status', status: 429 },
      { kind: 'reset' },
      { kind: 'hang' },
    );
    const call = { leaf: rsaLeaf, chain: [intermediate] };
    const first = await send(standIn, call);
    assert.deepEqual([first.status, first.errorType], [500, 'InternalServerException']);
    const second = await send(standIn, call);
    assert.deepEqual([second.status, second.errorType], [429, 'ThrottlingException']);
    await assert.rejects(
      send(standIn, call),
      (err: NodeJS.ErrnoException) => err.code === 'ECONNRESET' || /socket hang up/.test(err.message),
    );
    await assert.rejects(send(standIn, call, 300), /client timeout/);
    assert.equal((await send(standIn, call)).status, 201);
    assert.deepEqual(
      standIn.requests.slice(-5).map((r) => r.fault),
      ['status', 'status', 'reset', 'hang', undefined],
    );
  });

  it('issues fixed credentials when given them, with an expiration from the session duration', async () => {
    const other = await startRolesAnywhereStandIn({
      tls: serverCert,
      trustAnchors: [{ arn: TRUST_ANCHOR, caPem: serverCert.caPem }],
      profiles: [{ arn: PROFILE, roleArns: [ROLE] }],
      credentials: { accessKeyId: 'ASIAFIXED', secretAccessKey: 'fixed-secret', sessionToken: 'fixed-token' },
    });
    try {
      const before = Date.now();
      const answer = await send(other, {
        leaf: rsaLeaf,
        chain: [intermediate],
        body: { trustAnchorArn: TRUST_ANCHOR, profileArn: PROFILE, roleArn: ROLE },
      });
      assert.equal(answer.status, 201, JSON.stringify(answer.json));
      const credentials = (answer.json['credentialSet'] as Array<Record<string, any>>)[0]?.['credentials'];
      assert.equal(credentials['accessKeyId'], 'ASIAFIXED');
      // The profile's default duration (3600 s) applies when the request names none.
      const expires = Date.parse(credentials['expiration']);
      assert.ok(
        expires >= Math.floor(before / 1000) * 1000 + 3600_000 && expires <= Date.now() + 3600_000,
        credentials['expiration'],
      );
      assert.deepEqual(
        other.issued.map((c) => c.accessKeyId),
        ['ASIAFIXED'],
      );
    } finally {
      await other.close();
    }
  });
});
