/**
 * Every refresh of the action's credentials endpoint is the one exchange, with every setting of the step: the
 * `sts-endpoint` input (no AWS_ENDPOINT_URL_STS), `no-proxy` past a proxy that is down, `allowed-account-ids` refusing
 * a refreshed session of another account, and `special-characters-workaround` asking again for a clean key. moto is
 * STS behind a recording proxy that can change an answer; sessions of 900 s with refresh-margin-s 893 refresh every 7 s.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { useOidcPeers } from '../support/oidc-peers.js';
import { startFaultProxy, type FaultProxy } from '../standins/fault-proxy.js';
import { newWorkspace, runAction } from '../support/action-runner.js';

const ROLE = 'arn:aws:iam::123456789012:role/deploy';
const SPECIAL = /[!@#$%^&*()_+\-=[\]{};':"\\|,.<>/?]/;

let sts: FaultProxy;
const peers = useOidcPeers(async ({ moto }) => {
  sts = await startFaultProxy(moto.url);
});
after(async () => {
  await sts?.close();
});

function endpointKey(url: string, token: string): Promise<{ key: string; secret: string } | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { authorization: token } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        if (res.statusCode !== 200) return resolve(undefined);
        const doc = JSON.parse(body) as { AccessKeyId: string; SecretAccessKey: string };
        resolve({ key: doc.AccessKeyId, secret: doc.SecretAccessKey });
      });
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

const webIdentityCalls = () => sts.requests.filter((r) => r.params.get('Action') === 'AssumeRoleWithWebIdentity');

test('a refresh honours sts-endpoint, no-proxy, allowed-account-ids and special-characters-workaround', async () => {
  const run = await runAction('main', {
    workspace: newWorkspace(),
    inputs: {
      'aws-region': 'us-east-1',
      'role-to-assume': ROLE,
      'role-duration-seconds': '900',
      'refresh-credentials': 'true',
      'refresh-margin-s': '893',
      'sts-endpoint': sts.url,
      'no-proxy': '127.0.0.1',
      'allowed-account-ids': '123456789012',
      'special-characters-workaround': 'true',
    },
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: peers.tokens.url,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: peers.tokens.bearer,
      // Nothing listens here: a request that is not sent direct fails.
      HTTPS_PROXY: 'http://127.0.0.1:9',
      HTTP_PROXY: 'http://127.0.0.1:9',
    },
    killAfterMs: 30_000,
  });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const url = run.exported['AWS_CONTAINER_CREDENTIALS_FULL_URI']!;
  const token = readFileSync(run.exported['AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE']!, 'utf8');
  const first = await endpointKey(url, token);
  assert.ok(first, 'the endpoint answers');
  const before = webIdentityCalls().length;

  // The next answers: one for another account (refused), one with a secret some tools mangle (asked again).
  const refused: string[] = [];
  sts.queue(
    {
      kind: 'rewrite',
      edit: (body) => {
        refused.push(/<AccessKeyId>([^<]+)</.exec(body)?.[1] ?? '');
        return body.replace(/:sts::123456789012:/g, ':sts::999999999999:');
      },
    },
    {
      kind: 'rewrite',
      edit: (body) => {
        refused.push(/<AccessKeyId>([^<]+)</.exec(body)?.[1] ?? '');
        return body.replace(/<SecretAccessKey>[^<]{4}/, '<SecretAccessKey>a/b+');
      },
    },
  );
  const served = new Map<string, string>();
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    const answer = await endpointKey(url, token);
    if (answer) served.set(answer.key, answer.secret);
    if (refused.length === 2 && [...served.keys()].some((k) => k !== first.key && !refused.includes(k))) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const post = await runAction('post', { workspace: run.workspace, state: run.state });
  assert.equal(post.code, 0, post.stdout + post.stderr);

  assert.equal(refused.length, 2, 'both changed answers reached the endpoint through sts-endpoint, direct');
  assert.ok(webIdentityCalls().length >= before + 3, 'refused, asked again, then a clean session');
  for (const key of refused) assert.ok(!served.has(key), `the refused session ${key} was never served`);
  const fresh = [...served.keys()].filter((k) => k !== first.key);
  assert.ok(fresh.length >= 1, `a refreshed session was served (saw ${served.size} keys)`);
  for (const [key, secret] of served) assert.doesNotMatch(secret, SPECIAL, `the secret of ${key} is clean`);
});
