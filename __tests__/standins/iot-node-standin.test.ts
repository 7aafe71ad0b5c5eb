/**
 * The Node IoT credentials-provider stand-in: mutual TLS under the endpoint host, SNI checked, the thing name checked
 * against the certificate's registration, and the service's answer shapes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { startIotNodeStandIn, type IotNodeStandIn } from './iot-node-standin.js';
import { createCa, issueCertificate, type IssuedCertificate } from './pki.js';

const ROLE = 'arn:aws:iam::111122223333:role/ci-iot';
const deviceCa = createCa('Device CA');
const device = issueCertificate(deviceCa, { commonName: 'runner-7', clientAuth: true });
const unregistered = issueCertificate(deviceCa, { commonName: 'runner-8', clientAuth: true });
let iot: IotNodeStandIn;
const minted: string[] = [];

before(async () => {
  iot = await startIotNodeStandIn({
    clientCaPem: deviceCa.certPem,
    roleAliases: { 'ci-role-alias': { roleArn: ROLE } },
    credentials: (mint) => {
      minted.push(`${mint.roleArn} ${mint.thingName ?? ''} ${mint.durationSeconds}`);
      return {
        accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
        secretAccessKey: 'secret',
        sessionToken: 'token',
        expiration: '2030-01-01T00:00:00Z',
      };
    },
  });
  iot.register(device.certPem, 'runner-7');
});
after(() => iot.close());

interface Answer {
  status?: number;
  body?: unknown;
  error?: string;
}

function get(
  path: string,
  options: { client?: IssuedCertificate | null; thingName?: string; servername?: string } = {},
): Promise<Answer> {
  const client = options.client === undefined ? device : options.client;
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: iot.port,
        path,
        servername: options.servername ?? iot.endpointHost,
        headers: {
          host: iot.endpointHost,
          ...(options.thingName ? { 'x-amzn-iot-thingname': options.thingName } : {}),
        },
        ca: iot.serverCaPem,
        ...(client ? { cert: client.certPem, key: client.keyPem } : {}),
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown }));
      },
    );
    req.on('error', (err) => resolve({ error: err.message }));
    req.end();
  });
}

test('a registered certificate with its thing name gets credentials in the service shape', async () => {
  const answer = await get('/role-aliases/ci-role-alias/credentials', { thingName: 'runner-7' });
  assert.deepEqual(answer, {
    status: 200,
    body: {
      credentials: {
        accessKeyId: 'ASIAEXAMPLEEXAMPLE00',
        secretAccessKey: 'secret',
        sessionToken: 'token',
        expiration: '2030-01-01T00:00:00Z',
      },
    },
  });
  assert.deepEqual(minted, [`${ROLE} runner-7 3600`]);
  const seen = iot.requests.at(-1);
  assert.equal(seen?.serverName, iot.endpointHost);
  assert.match(seen?.tlsProtocol ?? '', /^TLSv1\.[23]$/);
  assert.match(seen?.fingerprint ?? '', /^[0-9a-f]{40}$/);
});

test('the service refusals: another thing, an unregistered certificate, an unknown alias', async () => {
  assert.deepEqual(await get('/role-aliases/ci-role-alias/credentials', { thingName: 'runner-9' }), {
    status: 403,
    body: { message: 'Invalid thing name passed' },
  });
  const stranger = await get('/role-aliases/ci-role-alias/credentials', {
    client: unregistered,
    thingName: 'runner-8',
  });
  assert.equal(stranger.status, 403);
  assert.equal(minted.length, 1, 'nothing minted for refusals');
  assert.equal((await get('/role-aliases/no-such-alias/credentials', { thingName: 'runner-7' })).status, 404);
});

test('no client certificate, one from another CA, or another SNI: no HTTP answer at all', async () => {
  const before = iot.requests.length;
  assert.ok((await get('/role-aliases/ci-role-alias/credentials', { client: null })).error);
  const outsider = issueCertificate(createCa('Other CA'), { commonName: 'runner-7', clientAuth: true });
  assert.ok((await get('/role-aliases/ci-role-alias/credentials', { client: outsider })).error);
  // The server certificate names only the endpoint host, so a client asking for another name must not verify it.
  const other = await new Promise<Answer>((resolve) => {
    const req = request({
      host: '127.0.0.1',
      port: iot.port,
      path: '/',
      servername: 'localhost',
      ca: iot.serverCaPem,
      cert: device.certPem,
      key: device.keyPem,
      agent: false,
      checkServerIdentity: () => undefined,
    });
    req.on('response', (res) => resolve({ status: res.statusCode ?? 0 }));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end();
  });
  assert.ok(other.error, 'the connection was closed');
  assert.deepEqual(iot.wrongServerNames, ['localhost']);
  assert.equal(iot.requests.length, before);
});
