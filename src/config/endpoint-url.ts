/**
 * Where an id-token, a bearer or a signed request may be sent: https anywhere, plain http only to a host written as
 * loopback. Pure: the check reads the URL as written and never resolves a name.
 */
import { InputError } from '../errors.js';
import { cleartextProblem } from './advice.js';

/** Parses `value` and refuses cleartext to anything but loopback, and any user name or password in the URL. */
export function requireSecureEndpoint(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    // Not echoed: a value that is not a URL may be anything, a secret pasted into the wrong setting included.
    const why = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? '' : ' (it does not start with https://)';
    throw new InputError(what, `is not a URL${why}`, `Set ${what} to an https:// URL`);
  }
  if (url.username || url.password) {
    // Never printed: the URL's user information is most likely a password.
    throw new InputError(
      what,
      'has a user name or password in the URL (not shown)',
      'Remove the user information: AWS endpoints take none, and it would be sent and logged as part of the URL',
    );
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol !== 'http:') {
    // Echoed only as scheme://host: in 'user:secret@host' the URL parser reads 'user:' as the scheme.
    const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim()) ? `'${describeUrl(url)}' ` : '';
    throw new InputError(what, `${shown}is not an http(s) URL`, `Set ${what} to an https:// URL`);
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new InputError(
      what,
      cleartextProblem(describeUrl(url)),
      'Use https://; plain http:// is accepted only for 127.0.0.1, [::1] or localhost (a local stand-in)',
    );
  }
  return url;
}

/** As requireSecureEndpoint, and https even to loopback: for a service reached over TLS only; `fix` says why. */
export function requireHttpsEndpoint(value: string, what: string, fix: string): URL {
  const url = requireSecureEndpoint(value, what);
  if (url.protocol !== 'https:') throw new InputError(what, `'${describeUrl(url)}' is not https`, fix);
  return url;
}

/** True for a host written as loopback: 127.0.0.0/8, [::1] or `localhost`; a name that merely resolves there is not. */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  // WHATWG URL parsing has already turned every IPv4 spelling (127.1, 0x7f.0.0.1) into dotted decimal.
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return octets !== null && octets[1] === '127';
}

/** A URL as it may be printed: scheme, host, port and path, never user information, query or fragment. */
export function describeUrl(url: URL | string): string {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    return '(not a URL)';
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
