/** Placeholder replaced by the validation module (issue 12): checks a session before anything uses it. */
import type { Session } from '../credentials.js';
import { AwsError } from '../errors.js';

export function validateSession(session: Session, source: { endpoint: string; now: Date }): Session {
  if (!session.credentials.accessKeyId || !session.credentials.secretAccessKey) {
    throw new AwsError(source.endpoint, 'InvalidResponse', 'the answer holds no credentials', '', false);
  }
  return session;
}
