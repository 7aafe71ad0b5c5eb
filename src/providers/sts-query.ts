/** STS's query protocol: form-encoded requests, XML answers. Pure: building the body, reading the answer. */
import type { Credentials, Session } from '../credentials.js';

export const STS_VERSION = '2011-06-15';

export function formBody(action: string, params: Record<string, string | undefined>): string {
  const all: Record<string, string | undefined> = { Action: action, Version: STS_VERSION, ...params };
  return Object.entries(all)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

/** The text of the first `<tag>` element, XML entities decoded; '' when absent. */
export function xmlText(xml: string, tag: string): string {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match?.[1] ? decodeXml(match[1]) : '';
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (entity, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    // Beyond Unicode: String.fromCodePoint would throw on a malformed answer; keep the text as written.
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** Reads `<Credentials>` and `<AssumedRoleUser><Arn>` from an AssumeRole* answer; undefined if they are missing. */
export function parseAssumeRoleResult(xml: string): Session | undefined {
  const block = /<Credentials>([\s\S]*?)<\/Credentials>/.exec(xml)?.[1];
  if (!block) return undefined;
  const credentials: Credentials = {
    accessKeyId: xmlText(block, 'AccessKeyId'),
    secretAccessKey: xmlText(block, 'SecretAccessKey'),
    sessionToken: xmlText(block, 'SessionToken'),
  };
  const expiration = new Date(xmlText(block, 'Expiration'));
  if (!credentials.accessKeyId || !credentials.secretAccessKey || Number.isNaN(expiration.getTime())) return undefined;
  credentials.expiration = expiration;
  const user = /<AssumedRoleUser>([\s\S]*?)<\/AssumedRoleUser>/.exec(xml)?.[1] ?? '';
  const arn = xmlText(user, 'Arn');
  return arn ? { credentials, assumedRoleArn: arn } : { credentials };
}

export interface StsErrorBody {
  code: string;
  message: string;
}

export function parseStsError(xml: string): StsErrorBody | undefined {
  const error = /<Error>([\s\S]*?)<\/Error>/.exec(xml)?.[1];
  if (!error) return undefined;
  return { code: xmlText(error, 'Code'), message: xmlText(error, 'Message') };
}
