/**
 * The pieces fit: `bootstrap iot` provisions against moto and writes a certificate, key and auth.yaml; the IoT
 * credentials-provider stand-in registers that certificate by fingerprint (as AWS IoT knows the certificates it
 * issued); then the CLI (`credential-process --auth`) and the action (dist/main) obtain credentials with those files.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startMoto, type Moto } from '../support/moto.js';
import { startIotStandIn, type IotStandIn } from '../standins/iot-standin.js';
import { createIotTestPki } from '../standins/iot-test-pki.js';
import { newWorkspace, runAction } from '../support/action-runner.js';
import { collect, ROOT } from '../support/processes.js';
import { SecretLedger } from '../support/secrets.js';

const CLI = join(ROOT, 'dist', 'cli', 'index.js');
const NAME = 'runner-fit';
let moto: Moto;
let iot: IotStandIn;
let dir: string;

before(async () => {
  moto = await startMoto();
  dir = newWorkspace().dir;
  const pki = await createIotTestPki({ endpointHost: 'localhost' });
  iot = await startIotStandIn({
    pki,
    clientVerification: 'registered-only',
    roleAliases: { [`${NAME}-role-alias`]: { roleArn: `arn:aws:iam::123456789012:role/${NAME}-role` } },
  });
});
after(async () => {
  await iot?.close();
  await moto?.stop();
});

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return collect(
    spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: dir, ...env } }),
  );
}

test('bootstrap iot output works with the CLI and the action against the mTLS endpoint', async () => {
  const operator = {
    AWS_ENDPOINT_URL: moto.url,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const made = await cli(
    ['bootstrap', 'iot', NAME, '--aws-region', 'us-east-1', '--out', join(dir, 'output')],
    operator,
  );
  assert.equal(made.code, 0, made.stderr);
  const out = join(dir, 'output', NAME);
  const keyPem = readFileSync(join(out, 'private.key'), 'utf8');
  assert.equal(statSync(join(out, 'private.key')).mode & 0o777, 0o600);
  const ledger = new SecretLedger();
  ledger.add('bootstrap private key', keyPem);
  const body = keyPem.split('\n').find((l) => l.length > 40)!;
  assert.ok(!made.stdout.includes(body) && !made.stderr.includes(body), 'bootstrap never prints the key');

  const certificatePem = readFileSync(join(out, 'certificate.pem'), 'utf8');
  iot.register(certificatePem, NAME);

  // The endpoint in auth.yaml is moto's invented host; point the same file at the stand-in with flags.
  const endpoint = ['--iot-credential-endpoint', `https://localhost:${iot.port}`, '--ca-certificate', iot.serverCaPem];
  const before = iot.requests.length;
  const viaCli = await cli(['credential-process', '--auth', join(out, 'auth.yaml'), ...endpoint, '--no-cache'], {});
  assert.equal(viaCli.code, 0, viaCli.stderr);
  const creds = JSON.parse(viaCli.stdout) as { Version: number; AccessKeyId: string };
  assert.equal(creds.Version, 1);
  assert.match(creds.AccessKeyId, /^ASIA/);
  assert.equal(iot.requests.length - before, 1);
  assert.equal(iot.requests.at(-1)!.thingName, NAME, 'auth.yaml carries the thing name');
  assert.equal(iot.requests.at(-1)!.roleAlias, `${NAME}-role-alias`);

  const viaAction = await runAction('main', {
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': `https://localhost:${iot.port}`,
      'role-alias': `${NAME}-role-alias`,
      'thing-name': NAME,
      certificate: certificatePem,
      'private-key': keyPem,
      'ca-certificate': iot.serverCaPem,
    },
  });
  assert.equal(viaAction.code, 0, viaAction.stdout);
  ledger.addDelivered(viaAction);
  ledger.assertNoLeak(viaAction);
});

test('a certificate the endpoint does not know is refused even though nginx lets it through', async () => {
  const stranger = await createIotTestPki({ endpointHost: 'localhost' });
  const run = await runAction('main', {
    inputs: {
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': `https://localhost:${iot.port}`,
      'role-alias': `${NAME}-role-alias`,
      certificate: stranger.clients.goodEc.certPem,
      'private-key': stranger.clients.goodEc.keyPem,
      'ca-certificate': iot.serverCaPem,
    },
  });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /iot:AssumeRoleWithCertificate failed: HTTP 403/);
});
