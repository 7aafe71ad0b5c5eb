/**
 * The IoT credentials-provider stand-in, exercised with plain node:https as a device would call the real service:
 * connect to 127.0.0.1, SNI and certificate check for the endpoint host, client certificate and key.
 */
import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { SecureVersion } from 'node:tls';
import { isPortOpen } from './nginx-tls-front.js';
import {
  certificateFingerprint,
  DEFAULT_ROLE_ALIAS,
  IOT_MESSAGES,
  startIotStandIn,
  type IotStandIn,
} from './iot-standin.js';
import type { MintContext } from './iot-credentials-rules.js';
import { createIotTestPki, removeIotTestPki, type IotTestPki } from './iot-test-pki.js';
import type { CertificateFiles } from './pki.js';

interface CallOptions {
  client?: CertificateFiles;
  alias?: string;
  /** x-amzn-iot-thingname; null sends none. */
  thingName?: string | null;
  servername?: string;
  hostHeader?: string;
  maxVersion?: SecureVersion;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function open(standIn: IotStandIn, options: CallOptions): ClientRequest {
  const thingName = options.thingName === undefined ? 'runner-thing' : options.thingName;
  return httpsRequest({
    host: standIn.host,
    port: standIn.port,
    path: `/role-aliases/${encodeURIComponent(options.alias ?? DEFAULT_ROLE_ALIAS)}/credentials`,
    method: 'GET',
    servername: options.servername ?? standIn.endpointHost,
    headers: {
      host: options.hostHeader ?? standIn.endpointHost,
      ...(thingName === null ? {} : { 'x-amzn-iot-thingname': thingName }),
    },
    ca: standIn.serverCaPem,
    ...(options.client ? { cert: options.client.certPem, key: options.client.keyPem } : {}),
    ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
    agent: false,
  });
}

function call(standIn: IotStandIn, options: CallOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = open(standIn, options);
    req.once('error', reject);
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.once('error', reject);
    });
    req.end();
  });
}

/** Resolves with the error a call ends in; fails the test if it gets an HTTP answer instead. */
async function callError(standIn: IotStandIn, options: CallOptions): Promise<NodeJS.ErrnoException> {
  try {
    const reply = await call(standIn, options);
    assert.fail(`expected the connection to fail, got HTTP ${reply.status}: ${reply.body}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error as NodeJS.ErrnoException;
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 20));
}

function responseOf(req: ClientRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

let pki: IotTestPki;
let standIn: IotStandIn;

before(async () => {
  pki = await createIotTestPki();
  standIn = await startIotStandIn({
    pki,
    roleAliases: {
      [DEFAULT_ROLE_ALIAS]: { roleArn: 'arn:aws:iam::111122223333:role/ci-iot' },
      'broken-role': { roleArn: 'arn:aws:iam::111122223333:role/missing', roleAssumable: false },
      'too-long': {
        roleArn: 'arn:aws:iam::111122223333:role/ci-iot',
        credentialDurationSeconds: 7200,
        roleMaxSessionDurationSeconds: 3600,
      },
    },
  });
  standIn.register(pki.clients.goodRsa.certPem, 'runner-thing');
  standIn.register(pki.clients.goodEc.certPem, 'runner-thing');
  // Registered so that a refusal of these can only come from TLS verification, not from the backend.
  standIn.register(pki.clients.revoked.certPem, 'runner-thing');
  standIn.register(pki.clients.expired.certPem, 'runner-thing');
  standIn.register(pki.clients.unknownCa.certPem, 'runner-thing');
});

after(async () => {
  await standIn?.close();
  if (pki) await removeIotTestPki(pki);
});

beforeEach(() => standIn.clearFault());

describe('accepted client certificates', () => {
  for (const [label, pick] of [
    ['RSA 2048', (p: IotTestPki) => p.clients.goodRsa],
    ['EC P-256', (p: IotTestPki) => p.clients.goodEc],
  ] as const) {
    test(`a registered ${label} certificate gets credentials`, async () => {
      const client = pick(pki);
      const countBefore = standIn.requests.length;
      const reply = await call(standIn, { client });
      assert.equal(reply.status, 200, reply.body);
      assert.match(String(reply.headers['content-type']), /application\/json/);
      const { credentials } = JSON.parse(reply.body) as { credentials: Record<string, string> };
      assert.match(credentials.accessKeyId ?? '', /^ASIA[A-Z2-7]{16}$/);
      assert.ok((credentials.secretAccessKey ?? '').length >= 40);
      assert.ok((credentials.sessionToken ?? '').length > 100);
      assert.match(credentials.expiration ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.ok(Date.parse(credentials.expiration ?? '') > Date.now());

      assert.equal(standIn.requests.length, countBefore + 1);
      const seen = standIn.requests.at(-1);
      assert.equal(seen?.clientVerify, 'SUCCESS');
      assert.equal(seen?.clientFingerprint, certificateFingerprint(client.certPem));
      assert.equal(seen?.serverName, pki.endpointHost);
      assert.equal(seen?.thingName, 'runner-thing');
      assert.equal(seen?.roleAlias, DEFAULT_ROLE_ALIAS);
      assert.match(seen?.clientSubject ?? '', /CN=AWS IoT Certificate/);
      assert.equal(seen?.status, 200);
    });
  }

  test('TLS 1.2 is accepted as well as 1.3', async () => {
    const reply = await call(standIn, { client: pki.clients.goodEc, maxVersion: 'TLSv1.2' });
    assert.equal(reply.status, 200, reply.body);
    assert.equal(standIn.requests.at(-1)?.tlsProtocol, 'TLSv1.2');
  });

  test('the issued credentials can be fixed or minted by a callback that sees the request', async () => {
    const contexts: MintContext[] = [];
    const custom = await startIotStandIn({
      pki,
      roleAliases: {
        fixed: {
          roleArn: 'arn:aws:iam::111122223333:role/fixed',
          credentialDurationSeconds: 900,
          roleMaxSessionDurationSeconds: 900,
        },
      },
      credentials: (context) => {
        contexts.push(context);
        return {
          accessKeyId: 'ASIAFIXEDFIXEDFIXED1',
          secretAccessKey: 's'.repeat(40),
          sessionToken: 'token',
          expiration: '2030-01-01T00:00:00Z',
        };
      },
    });
    try {
      custom.register(pki.clients.goodRsa.certPem, 'runner-thing');
      const reply = await call(custom, { client: pki.clients.goodRsa, alias: 'fixed' });
      assert.equal(reply.status, 200, reply.body);
      assert.deepEqual(JSON.parse(reply.body), {
        credentials: {
          accessKeyId: 'ASIAFIXEDFIXEDFIXED1',
          secretAccessKey: 's'.repeat(40),
          sessionToken: 'token',
          expiration: '2030-01-01T00:00:00Z',
        },
      });
      assert.equal(contexts.length, 1);
      assert.equal(contexts[0]?.roleAlias, 'fixed');
      assert.equal(contexts[0]?.roleArn, 'arn:aws:iam::111122223333:role/fixed');
      assert.equal(contexts[0]?.durationSeconds, 900);
      assert.equal(contexts[0]?.thingName, 'runner-thing');
    } finally {
      await custom.close();
    }
  });
});

describe('refused at the TLS layer (connection dropped, nothing reaches the backend)', () => {
  for (const [label, pick] of [
    ['from an unknown CA', (p: IotTestPki) => p.clients.unknownCa],
    ['revoked by the CRL', (p: IotTestPki) => p.clients.revoked],
    ['expired', (p: IotTestPki) => p.clients.expired],
  ] as const) {
    test(`a certificate ${label}`, async () => {
      const countBefore = standIn.requests.length;
      const error = await callError(standIn, { client: pick(pki) });
      assert.equal(error.code, 'ECONNRESET', String(error));
      assert.equal(standIn.requests.length, countBefore);
      assert.match(await standIn.logs(), / 444 0/);
    });
  }

  test('no client certificate', async () => {
    const countBefore = standIn.requests.length;
    const error = await callError(standIn, {});
    assert.equal(error.code, 'ECONNRESET', String(error));
    assert.equal(standIn.requests.length, countBefore);
  });

  test('an SNI other than the endpoint host fails the handshake', async () => {
    const error = await callError(standIn, {
      client: pki.clients.goodRsa,
      servername: 'c0000000000xyz.credentials.iot.us-east-1.amazonaws.com',
    });
    assert.match(String(error), /unrecognized name/i);
  });

  test('no SNI at all fails the handshake', async () => {
    // An empty servername makes node send no SNI extension.
    const error = await callError(standIn, { client: pki.clients.goodRsa, servername: '' });
    assert.match(String(error), /unrecognized name/i);
  });

  test('the loopback names the server certificate also covers are not accepted as SNI', async () => {
    for (const servername of ['localhost', '127.0.0.1']) {
      const error = await callError(standIn, { client: pki.clients.goodRsa, servername });
      assert.match(String(error), /unrecognized name/i, servername);
    }
  });

  test('a Host header other than the SNI name is 421 and does not reach the backend', async () => {
    const countBefore = standIn.requests.length;
    const reply = await call(standIn, { client: pki.clients.goodRsa, hostHeader: `127.0.0.1:${standIn.port}` });
    assert.equal(reply.status, 421);
    assert.equal(standIn.requests.length, countBefore);
  });
});

describe('answers decided like the service', () => {
  test('a thing name not attached to the certificate is 403 Invalid thing name passed', async () => {
    const reply = await call(standIn, { client: pki.clients.goodRsa, thingName: 'someone-else' });
    assert.equal(reply.status, 403);
    assert.deepEqual(JSON.parse(reply.body), { message: IOT_MESSAGES.invalidThingName });
    assert.equal(reply.headers['x-amzn-errortype'], 'AccessDeniedException');
    assert.ok(reply.headers['x-amzn-requestid']);
  });

  test('without the thing-name header the thing is not checked', async () => {
    const reply = await call(standIn, { client: pki.clients.goodRsa, thingName: null });
    assert.equal(reply.status, 200, reply.body);
  });

  test('an unknown role alias is 404 Role alias does not exist', async () => {
    const reply = await call(standIn, { client: pki.clients.goodRsa, alias: 'no-such-alias' });
    assert.equal(reply.status, 404);
    assert.deepEqual(JSON.parse(reply.body), { message: IOT_MESSAGES.roleAliasMissing });
  });

  test('a role that cannot be assumed is 400', async () => {
    const reply = await call(standIn, { client: pki.clients.goodRsa, alias: 'broken-role' });
    assert.equal(reply.status, 400);
    assert.deepEqual(JSON.parse(reply.body), { message: IOT_MESSAGES.roleNotAssumable });
  });

  test("a duration above the role's maximum is 400", async () => {
    const reply = await call(standIn, { client: pki.clients.goodRsa, alias: 'too-long' });
    assert.equal(reply.status, 400);
    assert.deepEqual(JSON.parse(reply.body), { message: IOT_MESSAGES.durationTooLong });
  });

  test('certificate not registered, inactive, or without the policy is 403', async () => {
    const other = await startIotStandIn({ pki });
    try {
      const client = pki.clients.goodEc;
      const unregistered = await call(other, { client });
      assert.equal(unregistered.status, 403);
      assert.deepEqual(JSON.parse(unregistered.body), { message: IOT_MESSAGES.certificateInvalid });

      other.register(client.certPem, 'runner-thing', { active: false });
      const inactive = await call(other, { client });
      assert.equal(inactive.status, 403);
      assert.deepEqual(JSON.parse(inactive.body), { message: IOT_MESSAGES.accessDenied });

      other.register(client.certPem, 'runner-thing', { allowsAssumeRoleWithCertificate: false });
      const noPolicy = await call(other, { client });
      assert.equal(noPolicy.status, 403);
      assert.deepEqual(JSON.parse(noPolicy.body), { message: IOT_MESSAGES.accessDenied });

      other.register(client.certPem, 'runner-thing', { roleAliases: ['another-alias'] });
      const otherAlias = await call(other, { client });
      assert.equal(otherAlias.status, 403);
      assert.deepEqual(JSON.parse(otherAlias.body), { message: IOT_MESSAGES.accessDenied });

      other.register(client.certPem, 'runner-thing', { roleAliases: [DEFAULT_ROLE_ALIAS] });
      assert.equal((await call(other, { client })).status, 200);
    } finally {
      await other.close();
    }
    assert.equal(await isPortOpen(other.port), false, 'close() must stop nginx');
  });
});

describe('fault injection', () => {
  test('the first N requests answer the given status, then normal answers resume', async () => {
    standIn.setFault({ kind: 'status', status: 500 }, 2);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(standIn, { client: pki.clients.goodRsa })).status);
    assert.deepEqual(statuses, [500, 500, 200]);
    assert.deepEqual(
      standIn.requests.slice(-3).map((r) => r.fault),
      ['status', 'status', undefined],
    );
  });

  test('429 with a body of the caller’s choosing', async () => {
    standIn.setFault({ kind: 'status', status: 429, body: '{"message":"slow down"}' }, 1);
    const reply = await call(standIn, { client: pki.clients.goodRsa });
    assert.equal(reply.status, 429);
    assert.equal(reply.body, '{"message":"slow down"}');
  });

  test('malformed 200 body', async () => {
    standIn.setFault({ kind: 'malformed-body' }, 1);
    const reply = await call(standIn, { client: pki.clients.goodRsa });
    assert.equal(reply.status, 200);
    assert.throws(() => JSON.parse(reply.body), SyntaxError);
  });

  test('200 with credentials that have already expired', async () => {
    standIn.setFault({ kind: 'expired-credentials' }, 1);
    const reply = await call(standIn, { client: pki.clients.goodRsa });
    assert.equal(reply.status, 200);
    const { credentials } = JSON.parse(reply.body) as { credentials: { expiration: string } };
    assert.ok(Date.parse(credentials.expiration) < Date.now(), credentials.expiration);
  });

  test('hang: the request reaches the backend and no answer comes', async () => {
    standIn.setFault({ kind: 'hang' }, 1);
    const countBefore = standIn.requests.length;
    const req = open(standIn, { client: pki.clients.goodRsa });
    let answered = false;
    req.once('response', () => (answered = true));
    req.once('error', () => undefined);
    req.end();
    await until(() => standIn.requests.length > countBefore);
    // Give an answer, had there been one, ample time to cross loopback before looking.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(answered, false);
    assert.equal(standIn.requests.at(-1)?.status, undefined);
    req.destroy();
  });

  test('reset mid-body: headers arrive, the body stops short', async () => {
    standIn.setFault({ kind: 'reset-mid-body' }, 1);
    const res = await responseOf(open(standIn, { client: pki.clients.goodRsa }));
    assert.equal(res.statusCode, 200);
    const expected = Number(res.headers['content-length']);
    let received = 0;
    res.on('data', (chunk: Buffer) => (received += chunk.length));
    res.on('error', () => undefined);
    await new Promise((resolve) => res.once('close', resolve));
    assert.equal(res.complete, false);
    assert.ok(received < expected, `${received} of ${expected} bytes`);
  });

  test('slow body: one byte per chunk, far short of the length', async () => {
    standIn.setFault({ kind: 'slow-body' }, 1);
    const req = open(standIn, { client: pki.clients.goodRsa });
    const res = await responseOf(req);
    assert.equal(res.statusCode, 200);
    const expected = Number(res.headers['content-length']);
    const chunks: number[] = [];
    await new Promise<void>((resolve) => {
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk.length);
        if (chunks.length === 2) resolve();
      });
    });
    req.destroy();
    assert.deepEqual(chunks, [1, 1]);
    assert.ok(expected > 100);
  });
});
