/**
 * Issue 12, "trust nothing an endpoint returns": dist/ run as the runner runs it against endpoints that answer with
 * hostile credentials. Each exchange (STS XML, IoT JSON over TLS, Roles Anywhere JSON) must fail the step, deliver
 * nothing, name the field and the endpoint, and never print the value or let it start a workflow command.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorAnnotation, newWorkspace, runAction, type RunResult } from '../support/action-runner.js';
import { startHostileEndpoint, stsResultXml, type HostileEndpoint } from '../standins/hostile-endpoint.js';
import { createCa, issueCertificate, type IssuedCertificate } from '../standins/pki.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/ci`;
const GOOD = {
  accessKeyId: 'ASIAQWERTYUIOPASDFGH',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: `IQoJb3JpZ2luX2VjE${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo'.repeat(8)}`,
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ci/session-1`,
};
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();
/** The payload from the issue: what a credentials file would read as a new section running a command. */
const INJECTED = 'credential_process = touch /tmp/x';
/** Runner commands the action itself may legitimately print. */
const OWN_COMMANDS = /^::(add-mask|error|warning|notice|debug|group|endgroup)(::| )/;

let sts: HostileEndpoint;
let iot: HostileEndpoint;
let ra: HostileEndpoint;
let client: IssuedCertificate;
let tokenFile: string;

before(async () => {
  [sts, iot, ra] = await Promise.all([
    startHostileEndpoint(),
    startHostileEndpoint({ tls: true }),
    startHostileEndpoint(),
  ]);
  const ca = createCa('Hostile Test Client CA');
  client = issueCertificate(ca, { commonName: 'runner', clientAuth: true });
  tokenFile = join(newWorkspace().dir, 'token.jwt');
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  writeFileSync(
    tokenFile,
    `${part({ alg: 'RS256' })}.${part({ iss: 'https://issuer.example', exp: Math.floor(Date.now() / 1000) + 600 })}.c2lnbmF0dXJl`,
  );
});
after(async () => {
  await Promise.all([sts?.close(), iot?.close(), ra?.close()]);
});

const modes = {
  sts: {
    endpoint: () => sts,
    inputs: () => ({ 'aws-region': 'us-east-1', 'role-to-assume': ROLE, 'web-identity-token-file': tokenFile }),
    env: () => ({ AWS_ENDPOINT_URL_STS: sts.url }),
    call: /sts:AssumeRoleWithWebIdentity/,
  },
  iot: {
    endpoint: () => iot,
    inputs: () => ({
      'aws-region': 'us-east-1',
      'iot-credential-endpoint': iot.url,
      'role-alias': 'ci',
      certificate: client.certPem,
      'private-key': client.keyPem,
      'ca-certificate': iot.serverCaPem!,
    }),
    env: () => ({}),
    call: /iot:AssumeRoleWithCertificate/,
  },
  ra: {
    endpoint: () => ra,
    inputs: () => ({
      'aws-region': 'us-east-1',
      'trust-anchor-arn': `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:trust-anchor/0f4a1c2e-1111-2222-3333-444455556666`,
      'profile-arn': `arn:aws:rolesanywhere:us-east-1:${ACCOUNT}:profile/9b8c7d6e-1111-2222-3333-444455556666`,
      'role-to-assume': ROLE,
      certificate: client.certPem,
      'private-key': client.keyPem,
    }),
    env: () => ({ AWS_ENDPOINT_URL_ROLESANYWHERE: ra.url }),
    call: /rolesanywhere:CreateSession/,
  },
} as const;
type ModeName = keyof typeof modes;

function answerJson(
  mode: 'iot' | 'ra',
  c: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string; arn: string },
): void {
  const credentials = {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: c.expiration,
  };
  const body =
    mode === 'iot'
      ? JSON.stringify({ credentials })
      : JSON.stringify({
          credentialSet: [
            {
              assumedRoleUser: { arn: c.arn, assumedRoleId: 'AROAEXAMPLE:s' },
              credentials,
              roleArn: ROLE,
              sourceIdentity: 'CN=runner',
            },
          ],
          subjectArn: 'x',
        });
  modes[mode]
    .endpoint()
    .answer({ status: mode === 'iot' ? 200 : 201, headers: { 'content-type': 'application/json' }, body });
}

async function run(mode: ModeName): Promise<RunResult> {
  const m = modes[mode];
  const before = m.endpoint().requests.length;
  const result = await runAction('main', {
    inputs: { ...m.inputs(), profile: 'ci', 'retry-max-attempts': '1' },
    env: m.env(),
  });
  assert.equal(m.endpoint().requests.length - before, 1, 'the request reached the hostile endpoint');
  return result;
}

/** The step failed, delivered nothing, named the field and the endpoint, and printed none of `secrets`. */
function refused(result: RunResult, mode: ModeName, field: RegExp, secrets: string[]): string {
  assert.equal(result.code, 1, result.stdout);
  const annotation = errorAnnotation(result.stdout);
  assert.match(annotation, modes[mode].call);
  assert.match(annotation, /InvalidResponse/);
  assert.match(annotation, field);
  assert.ok(annotation.includes(new URL(modes[mode].endpoint().url).host), `names the endpoint: ${annotation}`);
  assert.equal(result.files.env, '', 'nothing exported to GITHUB_ENV');
  assert.equal(result.files.output, '', 'no step output');
  const credentialsFile = join(result.workspace.home, '.aws', 'credentials');
  assert.ok(
    !existsSync(credentialsFile) || !readFileSync(credentialsFile, 'utf8').includes('[pwn]'),
    'nothing written to the credentials file',
  );
  const printed = result.stdout + result.stderr;
  for (const secret of secrets) assert.ok(!printed.includes(secret), `printed ${JSON.stringify(secret)}`);
  for (const line of result.stdout.split(/\r?\n/)) {
    if (line.startsWith('::'))
      assert.match(line, OWN_COMMANDS, `a line the action did not mean to print as a command: ${line}`);
  }
  return annotation;
}

describe('hostile credentials from STS (XML)', () => {
  test('a session token carrying &#10;[pwn]&#10;credential_process = ... fails the step', async () => {
    sts.answer({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: stsResultXml('AssumeRoleWithWebIdentity', {
        ...GOOD,
        sessionToken: `${GOOD.sessionToken}&#10;[pwn]&#10;${INJECTED}`,
        expiration: inAnHour(),
      }),
    });
    refused(await run('sts'), 'sts', /in sessionToken/, [INJECTED, '[pwn]', GOOD.sessionToken]);
  });

  test('a bare \\r in the secret, or a non-AWS access key id, fails the step', async () => {
    sts.answer({
      status: 200,
      body: stsResultXml('AssumeRoleWithWebIdentity', {
        ...GOOD,
        secretAccessKey: `${GOOD.secretAccessKey}&#13;`,
        expiration: inAnHour(),
      }),
    });
    refused(await run('sts'), 'sts', /in secretAccessKey/, [GOOD.secretAccessKey]);
    sts.answer({
      status: 200,
      body: stsResultXml('AssumeRoleWithWebIdentity', {
        ...GOOD,
        accessKeyId: 'ASIA&lt;script&gt;QWERTYUIOP',
        expiration: inAnHour(),
      }),
    });
    refused(await run('sts'), 'sts', /in accessKeyId/, ['<script>']);
  });

  test('an assumed-role ARN with newlines and ::set-output prints no workflow command', async () => {
    const arn = `${GOOD.arn}&#10;::set-output name=aws-access-key-id::AKIAFORGEDFORGED&#10;::warning::x`;
    sts.answer({
      status: 200,
      body: stsResultXml('AssumeRoleWithWebIdentity', { ...GOOD, arn, expiration: inAnHour() }),
    });
    refused(await run('sts'), 'sts', /in assumedRoleArn/, ['AKIAFORGEDFORGED', 'set-output']);
  });

  test('an expiration in the past, or two years ahead, fails the step', async () => {
    sts.answer({
      status: 200,
      body: stsResultXml('AssumeRoleWithWebIdentity', {
        ...GOOD,
        expiration: new Date(Date.now() - 60_000).toISOString(),
      }),
    });
    refused(await run('sts'), 'sts', /in expiration.*clock/, [GOOD.sessionToken]);
    sts.answer({
      status: 200,
      body: stsResultXml('AssumeRoleWithWebIdentity', {
        ...GOOD,
        expiration: new Date(Date.now() + 2 * 365 * 86400_000).toISOString(),
      }),
    });
    refused(await run('sts'), 'sts', /in expiration/, [GOOD.sessionToken]);
  });

  test('an error message with newlines and workflow commands stays on one line', async () => {
    sts.answer({
      status: 403,
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no&#10;::set-output name=x::forged&#13;&#10;::add-mask::</Message></Error></ErrorResponse>',
    });
    const result = await run('sts');
    assert.equal(result.code, 1);
    assert.match(errorAnnotation(result.stdout), /AccessDenied: no ::set-output name=x::forged ::add-mask::/);
    for (const line of result.stdout.split(/\r?\n/)) {
      if (line.startsWith('::')) assert.match(line, /^::(add-mask|error|debug)::/, line);
      assert.doesNotMatch(line, /^::add-mask::$/, 'no empty mask forged');
    }
  });

  test('control: a well-formed answer is delivered (the stand-in and inputs are sound)', async () => {
    sts.answer({ status: 200, body: stsResultXml('AssumeRoleWithWebIdentity', { ...GOOD, expiration: inAnHour() }) });
    const result = await run('sts');
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(readFileSync(join(result.workspace.home, '.aws', 'credentials'), 'utf8'), /aws_session_token = IQoJ/);
  });
});

describe('hostile credentials from the IoT credentials provider (JSON over mutual TLS)', () => {
  test('a session token with \\n[pwn]\\n, or with a bare \\r, fails the step', async () => {
    answerJson('iot', { ...GOOD, sessionToken: `${GOOD.sessionToken}\n[pwn]\n${INJECTED}`, expiration: inAnHour() });
    refused(await run('iot'), 'iot', /in sessionToken/, [INJECTED, '[pwn]', GOOD.sessionToken]);
    answerJson('iot', { ...GOOD, sessionToken: `${GOOD.sessionToken}\r`, expiration: inAnHour() });
    refused(await run('iot'), 'iot', /in sessionToken/, [GOOD.sessionToken]);
  });

  test('an expiration two years ahead fails the step', async () => {
    answerJson('iot', { ...GOOD, expiration: new Date(Date.now() + 2 * 365 * 86400_000).toISOString() });
    refused(await run('iot'), 'iot', /in expiration/, [GOOD.sessionToken]);
  });

  test('control: a well-formed answer is delivered', async () => {
    answerJson('iot', { ...GOOD, expiration: inAnHour() });
    const result = await run('iot');
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
});

describe('hostile credentials from Roles Anywhere (JSON)', () => {
  test('a session token with \\r\\n[pwn] fails the step', async () => {
    answerJson('ra', { ...GOOD, sessionToken: `${GOOD.sessionToken}\r\n[pwn]\r\n${INJECTED}`, expiration: inAnHour() });
    refused(await run('ra'), 'ra', /in sessionToken/, [INJECTED, '[pwn]', GOOD.sessionToken]);
  });

  test('an assumed-role ARN with newlines and ::set-output prints no workflow command', async () => {
    answerJson('ra', {
      ...GOOD,
      arn: `${GOOD.arn}\n::set-output name=aws-access-key-id::AKIAFORGEDFORGED\n`,
      expiration: inAnHour(),
    });
    refused(await run('ra'), 'ra', /in assumedRoleArn/, ['AKIAFORGEDFORGED', 'set-output']);
  });

  test('an expiration in the past fails the step', async () => {
    answerJson('ra', { ...GOOD, expiration: new Date(Date.now() - 3600_000).toISOString() });
    refused(await run('ra'), 'ra', /in expiration/, [GOOD.sessionToken]);
  });

  test('control: a well-formed answer is delivered', async () => {
    answerJson('ra', { ...GOOD, expiration: inAnHour() });
    const result = await run('ra');
    assert.equal(result.code, 0, result.stdout + result.stderr);
  });
});

describe('cleartext only to loopback', () => {
  test('an http:// STS endpoint on a host not written as loopback fails before any request, saying why', async () => {
    const before = sts.requests.length;
    // The name resolves to the hostile endpoint, as a DNS answer could: the check is on what is written.
    const port = new URL(sts.url).port;
    const result = await runAction('main', {
      inputs: { ...modes.sts.inputs(), 'retry-max-attempts': '1' },
      env: { AWS_ENDPOINT_URL_STS: `http://sts.internal.example:${port}` },
      hosts: { 'sts.internal.example': '127.0.0.1' },
    });
    assert.equal(result.code, 1);
    assert.match(
      errorAnnotation(result.stdout),
      /AWS_ENDPOINT_URL_STS.*plain http:\/\/ to a host that is not loopback/,
    );
    assert.equal(sts.requests.length, before, 'no request was sent');
    assert.equal(result.files.env, '');
  });

  test('a password in an endpoint URL is refused and never printed', async () => {
    const result = await runAction('main', {
      inputs: { ...modes.ra.inputs(), 'retry-max-attempts': '1' },
      env: { AWS_ENDPOINT_URL_ROLESANYWHERE: ra.url.replace('//', '//ci:hunter2-pass@') },
    });
    assert.equal(result.code, 1);
    assert.match(errorAnnotation(result.stdout), /user name or password/);
    assert.ok(!(result.stdout + result.stderr).includes('hunter2-pass'));
  });
});
