/**
 * What the action's main step hands the detached endpoint process over its stdin pipe: the configuration (it may hold
 * a private key: never on a command line or in a file), the first session, and the endpoint's path and token. Pure.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/model.js';
import type { Session } from '../../credentials.js';

export interface Handover {
  config: Config;
  session: Session;
  /** Epoch ms at which `session` was obtained. */
  obtainedAt: number;
  path: string;
  token: string;
  marginMs?: number;
  /** Exit when this process is gone (the runner's worker). */
  watchPid?: number;
  maxLifetimeMs: number;
}

export function serializeHandover(handover: Handover): string {
  return JSON.stringify(handover);
}

/** The handover in `text`, with its dates revived; throws on anything malformed (it comes from our own main step). */
export function parseHandover(text: string): Handover {
  const doc = JSON.parse(text) as Handover;
  const ok =
    typeof doc === 'object' &&
    doc !== null &&
    typeof doc.config === 'object' &&
    typeof doc.session?.credentials?.accessKeyId === 'string' &&
    typeof doc.path === 'string' &&
    /^\/[\w-]{16,}$/.test(doc.path) &&
    typeof doc.token === 'string' &&
    doc.token.length >= 32 &&
    Number.isInteger(doc.obtainedAt) &&
    Number.isInteger(doc.maxLifetimeMs) &&
    (doc.marginMs === undefined || Number.isInteger(doc.marginMs)) &&
    (doc.watchPid === undefined || (Number.isInteger(doc.watchPid) && doc.watchPid > 0));
  if (!ok) throw new Error('the endpoint handover is malformed');
  const expiration = doc.session.credentials.expiration;
  if (expiration !== undefined) doc.session.credentials.expiration = new Date(expiration as unknown as string);
  return doc;
}

/** A fresh random path and token: 128 and 256 bits. */
export function newEndpointSecrets(): { path: string; token: string } {
  return { path: `/${randomBytes(16).toString('hex')}`, token: randomBytes(32).toString('base64url') };
}
