/**
 * What the CLI prints on stderr is read by people and CI logs, and nothing masks it: every line passes through here.
 * Known secrets (the values of secret inputs, tokens and keys the providers read) and anything shaped like a token
 * or a private key become ***, and control characters from services or input cannot drive the terminal. Pure.
 */

/** Shorter values would turn ordinary words into ***; no real token, key or passphrase is this short. */
const MIN_SECRET_LENGTH = 3;
/** A JWT, or any part of one a service cut short: base64url of a JSON object starts with eyJ. */
const JWT = /eyJ[\w-]{10,}(?:\.[\w-]*){0,2}/g;
const PEM_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
/** C0 and C1 controls and DEL, except the newline and tab that lay out our own messages. */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

export class Redactor {
  private readonly secrets = new Set<string>();

  add(value: string | undefined): void {
    const trimmed = value?.trim();
    if (!trimmed || trimmed.length < MIN_SECRET_LENGTH) return;
    this.secrets.add(trimmed);
    // A PEM text may arrive re-wrapped or partly quoted: each long line of it is a secret of its own.
    for (const line of trimmed.split(/\r?\n|\\n/))
      if (line.trim().length >= 16 && !line.startsWith('-----')) this.secrets.add(line.trim());
  }

  scrub(text: string): string {
    // Longest first: a secret that contains another is replaced whole.
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
    return out.replace(PEM_KEY, '***').replace(JWT, '***').replace(CONTROL, '?');
  }
}
