/** The endpoint's decisions (pure), and the server around them over real sockets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { endpointCredentials, endpointRequest } from '../../src/delivery/endpoint/client.js';
import { CHALLENGE_HEADER, PROOF_HEADER, replyProof } from '../../src/delivery/endpoint/proof.js';
import { AwsError } from '../../src/errors.js';
import { boundedLog } from '../../src/delivery/endpoint/log.js';
import {
  answerRequest,
  LOGGED_REFUSALS,
  startCredentialsEndpoint,
  tokenMatches,
  type EndpointRequest,
} from '../../src/delivery/endpoint/server.js';
import { parseHandover, serializeHandover, newEndpointSecrets } from '../../src/delivery/endpoint/handover.js';
import { parseEndpointState, watchedProcess } from '../../src/action/job-endpoint.js';
import type { Answer } from '../../src/delivery/endpoint/schedule.js';

const secrets = { path: '/0123456789abcdef0123456789abcdef', token: 'T'.repeat(43), port: 4321 };
const good: Answer = {
  session: {
    credentials: {
      accessKeyId: 'ASIAEXAMPLE00001',
      secretAccessKey: 's'.repeat(40),
      sessionToken: 't'.repeat(100),
      expiration: new Date('2030-01-01T00:00:00Z'),
    },
    assumedRoleArn: 'arn:aws:sts::123456789012:assumed-role/deploy/run',
  },
};
const req = (over: Partial<EndpointRequest> = {}): EndpointRequest => ({
  method: 'GET',
  target: secrets.path,
  host: '127.0.0.1:4321',
  authorization: secrets.token,
  remoteAddress: '127.0.0.1',
  ...over,
});

test('answers the container provider document to an authorized GET on the path', () => {
  const reply = answerRequest(req(), secrets, () => good);
  assert.equal(reply.status, 200);
  assert.deepEqual(JSON.parse(reply.body), {
    AccessKeyId: 'ASIAEXAMPLE00001',
    SecretAccessKey: 's'.repeat(40),
    Token: 't'.repeat(100),
    Expiration: '2030-01-01T00:00:00.000Z',
    AccountId: '123456789012',
  });
});

test('refuses without the token, with a wrong one, from elsewhere, under another Host, on another path or method', () => {
  const never = () => assert.fail('no answer is computed for a refused request');
  assert.equal(answerRequest(req({ authorization: undefined }), secrets, never).status, 401);
  assert.equal(answerRequest(req({ authorization: '' }), secrets, never).status, 401);
  assert.equal(answerRequest(req({ authorization: secrets.token + 'x' }), secrets, never).status, 403);
  assert.equal(answerRequest(req({ authorization: `Bearer ${secrets.token}` }), secrets, never).status, 403);
  assert.equal(answerRequest(req({ remoteAddress: '10.0.0.5' }), secrets, never).status, 403);
  assert.equal(answerRequest(req({ remoteAddress: undefined }), secrets, never).status, 403);
  assert.equal(answerRequest(req({ host: 'evil.example:4321' }), secrets, never).status, 403);
  assert.equal(answerRequest(req({ host: undefined }), secrets, never).status, 403);
  assert.equal(answerRequest(req({ target: '/' }), secrets, never).status, 404);
  assert.equal(answerRequest(req({ target: `${secrets.path}?x=1` }), secrets, never).status, 404);
  assert.equal(answerRequest(req({ method: 'POST' }), secrets, never).status, 405);
  assert.equal(
    answerRequest(req({ remoteAddress: '::ffff:127.0.0.1', host: 'localhost:4321' }), secrets, () => good).status,
    200,
  );
});

test('a refused or failed answer names the reason and holds no secret', () => {
  const reply = answerRequest(req({ authorization: 'wrong' }), secrets, () => good);
  assert.ok(!reply.body.includes(secrets.token) && !reply.body.includes('wrong'));
  const failed = answerRequest(req(), secrets, () => ({
    error: 'the credentials expired and refreshing failed: AccessDenied',
  }));
  assert.equal(failed.status, 503);
  assert.deepEqual(JSON.parse(failed.body), {
    Code: 'CredentialsUnavailable',
    Message: 'the credentials expired and refreshing failed: AccessDenied',
  });
});

test('DELETE with the token asks the endpoint to stop', () => {
  assert.deepEqual(answerRequest(req({ method: 'DELETE' }), secrets, () => good).stop, true);
});

test('tokens are compared whole, whatever their lengths', () => {
  assert.equal(tokenMatches('abc', 'abc'), true);
  assert.equal(tokenMatches('abc', 'abcd'), false);
  assert.equal(tokenMatches('', 'abc'), false);
});

test('the server binds 127.0.0.1, answers from memory, and stops on DELETE', async () => {
  let asked = 0;
  const endpoint = await startCredentialsEndpoint({
    ...secrets,
    port: 0,
    current: () => (asked++, good),
    log: () => undefined,
  });
  const call = (method: string, headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const r = request(endpoint.url, { method, headers }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      r.on('error', reject);
      r.end();
    });
  assert.equal(await call('GET', { authorization: secrets.token }), 200);
  assert.equal(await call('GET', {}), 401);
  assert.equal(asked, 1);
  assert.deepEqual(endpoint.stats, { answers: 1, refused: 1, latenciesUs: [] });
  assert.equal(await call('DELETE', { authorization: secrets.token }), 200);
  await endpoint.stopRequested;
  await endpoint.close();
});

test('the handover round-trips with its dates, and refuses a malformed one', () => {
  const { path, token } = newEndpointSecrets();
  const handover = {
    config: {} as never,
    session: good.session,
    obtainedAt: 1,
    path,
    token,
    maxLifetimeMs: 1000,
    watchPid: 42,
  };
  const back = parseHandover(serializeHandover(handover));
  assert.ok(back.session.credentials.expiration instanceof Date);
  assert.equal(back.session.credentials.expiration.toISOString(), '2030-01-01T00:00:00.000Z');
  assert.throws(() => parseHandover(serializeHandover({ ...handover, token: 'short' })), /malformed/);
  assert.throws(() => parseHandover(serializeHandover({ ...handover, path: '/../x' })), /malformed/);
});

test("the endpoint watches the step's parent only when there is one: none under docker exec (0) or init (1)", () => {
  assert.deepEqual(watchedProcess(4321), { watchPid: 4321 });
  for (const ppid of [0, 1]) {
    const watch = watchedProcess(ppid);
    assert.deepEqual(watch, {});
    const { path, token } = newEndpointSecrets();
    const text = serializeHandover({
      config: {} as never,
      session: good.session,
      obtainedAt: 1,
      path,
      token,
      maxLifetimeMs: 1,
      ...watch,
    });
    assert.equal(parseHandover(text).watchPid, undefined);
  }
});

test("the post step trusts a saved state only as far as it names the endpoint's own files and a loopback URL", () => {
  const ok = {
    pid: 1234,
    url: 'http://127.0.0.1:4321/0123456789abcdef0123456789abcdef',
    tokenFile: '/tmp/r/aslc-endpoint-0123456789abcdef.token',
    logFile: '/tmp/r/aslc-endpoint-0123456789abcdef.log',
  };
  assert.deepEqual(parseEndpointState(JSON.stringify(ok)), ok);
  const withCopies = { ...ok, startTime: '12345', copiesDir: '/tmp/r/aslc-endpoint-0123456789abcdef' };
  assert.deepEqual(parseEndpointState(JSON.stringify(withCopies)), withCopies);
  for (const bad of [
    { ...ok, pid: 1 },
    { ...ok, url: 'http://10.0.0.1:4321/0123456789abcdef0123456789abcdef' },
    { ...ok, tokenFile: '/home/me/.ssh/id_rsa' },
    { ...ok, logFile: '/tmp/r/../aslc-endpoint-0123456789abcdef.log' },
    { ...ok, tokenFile: 'aslc-endpoint-0123456789abcdef.token' },
    { ...ok, copiesDir: '/tmp/r/aslc-endpoint-fedcba9876543210' },
    { ...ok, copiesDir: '/home/me/.aws' },
    { ...ok, tokenFile: '/tmp/r/aslc-endpoint-0123456789abcdef' },
    { ...ok, startTime: '12 3' },
  ])
    assert.equal(parseEndpointState(JSON.stringify(bad)), undefined, JSON.stringify(bad));
  assert.equal(parseEndpointState('not json'), undefined);
});

test("the Expiration answered is the scheduled refresh plus botocore's window when that comes first", () => {
  const refreshAt = Date.parse('2029-12-31T23:20:00Z');
  const reply = answerRequest(req(), secrets, () => ({ ...good, refreshAt }));
  assert.equal(JSON.parse(reply.body).Expiration, '2029-12-31T23:35:00.000Z');
  const late = answerRequest(req(), secrets, () => ({ ...good, refreshAt: Date.parse('2029-12-31T23:55:00Z') }));
  assert.equal(JSON.parse(late.body).Expiration, '2030-01-01T00:00:00.000Z');
});

test('the endpoint signs every reply to a challenge with its token; the client refuses an answer from anyone else', async () => {
  const endpoint = await startCredentialsEndpoint({ ...secrets, port: 0, current: () => good, log: () => undefined });
  const probe = await endpointRequest(endpoint.url, secrets.token, { authorize: false });
  assert.equal(probe.status, 401);
  assert.equal(probe.proven, true, 'a refusal is signed too: the client learns who answers before sending the token');
  const other = await endpointRequest(endpoint.url, 'U'.repeat(43), { authorize: false });
  assert.equal(other.proven, false, 'signed with another token');
  const session = await endpointCredentials(endpoint.url, secrets.token, new Date('2029-12-31T23:00:00Z'));
  assert.equal(session.credentials.accessKeyId, 'ASIAEXAMPLE00001');
  await endpoint.close();

  // Another process on a port: the same document, even a signature header, but not signed with the token.
  const seen: Array<string | undefined> = [];
  const impostor = createServer((req, res) => {
    seen.push(req.headers.authorization);
    const body = JSON.stringify({ AccessKeyId: 'AKIAMALLORY000000000', SecretAccessKey: 'x'.repeat(40), Token: 't' });
    res.writeHead(200, { [PROOF_HEADER]: replyProof('guess', String(req.headers[CHALLENGE_HEADER]), 200, body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(impostor.address() as AddressInfo).port}${secrets.path}`;
  await assert.rejects(endpointCredentials(url, secrets.token, new Date()), (err: Error) => {
    assert.ok(err instanceof AwsError);
    assert.match(err.message, /NotTheEndpoint: the process at .* did not sign its answer/);
    assert.doesNotMatch(err.message, /AKIAMALLORY/);
    return true;
  });
  assert.equal((await endpointRequest(url, secrets.token, { authorize: false })).proven, false);
  assert.deepEqual(seen.slice(1), [undefined], 'the probe sends no token');
  impostor.closeAllConnections();
  impostor.close();
});

test('the log stays under its cap whatever is logged, with one truncation note, and always takes the final line', () => {
  let text = '';
  const log = boundedLog(
    (t) => (text += t),
    () => new Date('2030-01-01T00:00:00Z'),
    10_000,
  );
  for (let i = 0; i < 5_000; i++) log(`refused GET with 403 (${'x'.repeat(i % 3000)})`);
  log('stopped (asked to stop): 0 answers served', { final: true });
  const lines = text.trimEnd().split('\n');
  assert.ok(Buffer.byteLength(text) < 10_000 + 200, `${Buffer.byteLength(text)} bytes`);
  assert.equal(lines.filter((l) => /log truncated at 10000 bytes/.test(l)).length, 1);
  assert.match(lines.at(-1)!, /^2030-01-01T00:00:00.000Z credentials endpoint: stopped \(asked to stop\)/);
  assert.ok(
    lines.every((l) => l.length < 2_100),
    'a long line is cut',
  );
});

test('refused requests past the first few are counted, not logged', async () => {
  const lines: string[] = [];
  const endpoint = await startCredentialsEndpoint({
    ...secrets,
    port: 0,
    current: () => good,
    log: (l) => lines.push(l),
  });
  for (let i = 0; i < LOGGED_REFUSALS * 3; i++) {
    const r = await endpointRequest(endpoint.url, 'wrong-token');
    assert.equal(r.status, 403);
  }
  assert.equal(endpoint.stats.refused, LOGGED_REFUSALS * 3);
  assert.equal(lines.filter((l) => l.startsWith('refused GET with 403')).length, LOGGED_REFUSALS);
  assert.equal(lines.at(-1), 'further refused requests are counted, not logged');
  await endpoint.close();
});
