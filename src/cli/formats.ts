/** How the CLI prints credentials: credential_process JSON, shell exports, dotenv, PowerShell, JSON. Pure. */
import type { Session } from '../credentials.js';

export type EnvFormat = 'sh' | 'json' | 'dotenv' | 'powershell';
export const ENV_FORMATS: readonly EnvFormat[] = ['sh', 'json', 'dotenv', 'powershell'];

/** The document AWS's `credential_process` expects on stdout. */
export function credentialProcessJson(session: Session): string {
  const c = session.credentials;
  const doc: Record<string, string | number> = {
    Version: 1,
    AccessKeyId: c.accessKeyId,
    SecretAccessKey: c.secretAccessKey,
  };
  if (c.sessionToken) doc['SessionToken'] = c.sessionToken;
  if (c.expiration) doc['Expiration'] = c.expiration.toISOString();
  return JSON.stringify(doc);
}

export function environmentFor(session: Session, region: string): Array<[string, string]> {
  const c = session.credentials;
  const vars: Array<[string, string]> = [
    ['AWS_ACCESS_KEY_ID', c.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', c.secretAccessKey],
  ];
  if (c.sessionToken) vars.push(['AWS_SESSION_TOKEN', c.sessionToken]);
  if (c.expiration) vars.push(['AWS_CREDENTIAL_EXPIRATION', c.expiration.toISOString()]);
  vars.push(['AWS_REGION', region], ['AWS_DEFAULT_REGION', region]);
  if (session.serviceEndpoints?.s3) vars.push(['AWS_ENDPOINT_URL_S3', session.serviceEndpoints.s3]);
  return vars;
}

export function formatEnvironment(vars: Array<[string, string]>, format: EnvFormat): string {
  switch (format) {
    case 'sh':
      return vars.map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'`).join('\n') + '\n';
    case 'dotenv':
      return vars.map(([k, v]) => `${k}=${/^[\w/+=.:-]*$/.test(v) ? v : JSON.stringify(v)}`).join('\n') + '\n';
    case 'powershell':
      return vars.map(([k, v]) => `$Env:${k} = '${powershellQuoted(v)}'`).join('\n') + '\n';
    case 'json':
      return JSON.stringify(Object.fromEntries(vars), null, 2) + '\n';
  }
}

/**
 * PowerShell's verbatim string: it reads ' and the typographic single quotes U+2018..U+201B alike as the quote, and a
 * doubled one as a literal. Double quotes (" and U+201C..U+201E) mean nothing inside single quotes, so stay as they
 * are.
 */
export function powershellQuoted(value: string): string {
  return value.replace(/['\u2018-\u201B]/g, (q) => q + q);
}
