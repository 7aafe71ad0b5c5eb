/** moto's server (`python3 -m moto.server`) as the STS/IAM/IoT peer, one per test file. */
import { spawn } from 'node:child_process';
import { freePort, waitForHttp } from './processes.js';

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/moto-api/`, 30000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`moto did not start: ${(err as Error).message}\n${stderr.slice(-2000)}`);
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Mints credentials for `roleArn` that moto recognises (its GetCallerIdentity answers with the assumed role), so a
 * stand-in for another AWS service can hand out credentials the AWS CLI can then really use against moto.
 */
export async function mintWithMoto(
  motoUrl: string,
  roleArn: string,
  sessionName: string,
  durationSeconds: number,
): Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }> {
  const { STSClient, AssumeRoleCommand } = await import('@aws-sdk/client-sts');
  const client = new STSClient({
    region: 'us-east-1',
    endpoint: motoUrl,
    credentials: { accessKeyId: 'AKIAMINTERMINTER0001', secretAccessKey: 'minter' },
  });
  const out = await client.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, DurationSeconds: durationSeconds }),
  );
  const c = out.Credentials!;
  return {
    accessKeyId: c.AccessKeyId!,
    secretAccessKey: c.SecretAccessKey!,
    sessionToken: c.SessionToken!,
    expiration: c.Expiration!.toISOString(),
  };
}
