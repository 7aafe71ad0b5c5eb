/** Microseconds to sign one Roles Anywhere CreateSession request, per key type. */
import { generateKeyPairSync } from 'node:crypto';
import { signCreateSession } from '../src/signing/sigv4-x509.js';

export async function signingTimes(): Promise<Array<[string, number]>> {
  const out: Array<[string, number]> = [];
  const certDer = Buffer.alloc(800, 1); // the signer only base64s the certificate: its content does not change the cost
  for (const [name, key] of [
    ['RSA 2048', generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey],
    ['EC P-256', generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey],
    ['EC P-384', generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey],
  ] as const) {
    const input = {
      host: 'rolesanywhere.us-east-1.amazonaws.com',
      region: 'us-east-1',
      body: '{"durationSeconds":3600}',
      certificateDer: certDer,
      chainDer: [],
      serialDecimal: '1234567890',
      key,
      now: new Date(),
    };
    for (let i = 0; i < 50; i++) signCreateSession(input);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 500; i++) signCreateSession(input);
    out.push([name, Number(process.hrtime.bigint() - started) / 1e3 / 500]);
  }
  return out;
}
