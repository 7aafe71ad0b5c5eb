/**
 * The one loopback client of the credentials endpoint: the profile's `credential_process` line, the main step's
 * start check and the post step's stop request all ask through it. node:http, not the undici transport: every `aws`
 * command runs the profile's line, and loading undici would cost it ~40 ms for one loopback request (the URL is
 * pinned to 127.0.0.1, so the transport's no-cleartext rule holds).
 */
import { request } from 'node:http';
import { AwsError } from '../../errors.js';
import type { Session } from '../../credentials.js';
import { validateSession } from '../../providers/validate-session.js';
import { CHALLENGE_HEADER, PROOF_HEADER, newChallenge, proofHolds } from './proof.js';
import { ENDPOINT_GONE, IMPOSTOR } from './advice.js';

const CALL = 'credentials endpoint';
const TIMEOUT_MS = 5_000;
const MAX_BODY = 64 * 1024;
/** The endpoint listens on 127.0.0.1 under a random path; its token goes nowhere else. */
export const ENDPOINT_URL = /^http:\/\/127\.0\.0\.1:\d{1,5}\/[0-9a-f]{32}$/;

/**
 * One request to the endpoint, with its token unless `authorize` is false; the status, the body (at most 64 KiB), and
 * whether the reply is signed with the token (it comes from the endpoint, not another process on its port).
 */
export function endpointRequest(
  url: string,
  token: string,
  { method = 'GET', authorize = true }: { method?: 'GET' | 'DELETE'; authorize?: boolean } = {},
): Promise<{ status: number; body: string; proven: boolean }> {
  const challenge = newChallenge();
  const headers = { [CHALLENGE_HEADER]: challenge, ...(authorize ? { authorization: token } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, timeout: TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
        if (body.length > MAX_BODY) req.destroy(new Error('the answer is too large'));
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, body, proven: proofHolds(token, challenge, status, body, res.headers[PROOF_HEADER]) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000}s`)));
    req.on('error', (err: NodeJS.ErrnoException) =>
      reject(new AwsError(CALL, err.code ?? 'Error', err.message, ENDPOINT_GONE, false)),
    );
    req.end();
  });
}

/** The session the endpoint holds now, validated as any service's answer is. */
export async function endpointCredentials(url: string, token: string, now: Date): Promise<Session> {
  const { status, body, proven } = await endpointRequest(url, token);
  if (!proven)
    throw new AwsError(CALL, 'NotTheEndpoint', `the process at ${url} did not sign its answer`, IMPOSTOR, false);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw new AwsError(CALL, `HTTP ${status}`, 'the answer is not JSON', '', false);
  }
  if (status !== 200) {
    throw new AwsError(CALL, String(doc['Code'] ?? `HTTP ${status}`), String(doc['Message'] ?? ''), '', status >= 500);
  }
  return validateSession(
    {
      credentials: {
        accessKeyId: String(doc['AccessKeyId'] ?? ''),
        secretAccessKey: String(doc['SecretAccessKey'] ?? ''),
        sessionToken: String(doc['Token'] ?? ''),
        expiration: new Date(String(doc['Expiration'] ?? '')),
      },
    },
    { endpoint: 'http://127.0.0.1/', now, call: CALL },
  );
}
