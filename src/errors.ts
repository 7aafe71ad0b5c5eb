/**
 * One error family for the whole project. Every message names what was at fault (an input, a flag, or an AWS call),
 * what was wrong, and what to do about it. No message ever carries a secret: callers pass descriptions, not values.
 */

/** Bad configuration: names the input at fault and the fix. Exit code 1 in the CLI. */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    /** The action input name (e.g. `role-to-assume`); the CLI shows it as `--role-to-assume`. */
    readonly input: string,
    /** What was wrong, without echoing any secret value. */
    readonly problem: string,
    /** What the user should do. */
    readonly fix: string,
  ) {
    super(`${/^[A-Z0-9_]+$/.test(input) ? 'Environment variable' : 'Input'} '${input}': ${problem}. ${fix}`);
  }
}

/** A call to AWS (or to the token endpoint) that failed. `retryable` drives the retry loop. */
export class AwsError extends Error {
  override readonly name = 'AwsError';
  /** The service's error code, e.g. `AccessDenied`, or a network code like `ECONNRESET`; printable. */
  readonly code: string;
  /** The service's own message (never a secret), possibly empty; printable. */
  readonly serviceMessage: string;
  constructor(
    /** The call that failed, e.g. `sts:AssumeRoleWithWebIdentity` or `iot:GetCredentials`. */
    readonly call: string,
    code: string,
    serviceMessage: string,
    /** What the user can do about it; empty when there is nothing specific to say. */
    readonly hint: string,
    readonly retryable: boolean,
  ) {
    // Code and message may come from the network: cleaned here, so no caller can forget.
    const cleanCode = printable(code, 100);
    const cleanMessage = printable(serviceMessage);
    super(`${call} failed: ${cleanCode}${cleanMessage ? `: ${cleanMessage}` : ''}${hint ? `. ${hint}` : ''}`);
    this.code = cleanCode;
    this.serviceMessage = cleanMessage;
  }
}

/** Longest service text we repeat: an endpoint's message is for a person, and a hostile one can be any length. */
const MAX_SERVICE_TEXT = 500;

/**
 * Text from a service made safe to print: control characters (newlines included, which would start a new workflow
 * command on the runner) become one space, and the rest is cut to a readable length.
 */
export function printable(text: string, max = MAX_SERVICE_TEXT): string {
  const flat = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * A refused input as a message may quote it: control characters as `?`, cut to `max` characters with `...` (the value
 * could be anything, a secret pasted into the wrong setting included).
 */
export function shownInput(value: string, max: number): string {
  const clean = value.replace(/\p{Cc}/gu, '?');
  return clean.length > max ? `${clean.slice(0, max)}...` : clean;
}

/** True for errors this project raised on purpose, whose message is safe and complete. */
export function isKnownError(err: unknown): err is InputError | AwsError {
  return err instanceof InputError || err instanceof AwsError;
}
