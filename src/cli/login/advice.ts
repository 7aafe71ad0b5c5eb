/** What a terminal sign-in tells the person to do when the provider, the browser or the network says no. */

/** The browser came back with another sign-in's state. */
export const SIGN_IN_FROM_THIS_TAB =
  'Start the sign-in again from this terminal and finish it in the browser tab it opens ' +
  '(an old or foreign tab cannot complete it)';

/** After a login cached nothing usable for this issuer and client. */
export const signInAgain = (issuer: string, clientId: string): string =>
  `Sign in again: aws-short-lived-credentials login --issuer ${issuer} --client-id ${clientId} ...`;

/** An `error` the provider sent back to the callback. */
export function providerErrorHint(code: string, redirectUri: string): string {
  switch (code) {
    case 'access_denied':
      return (
        'The sign-in was refused or cancelled in the browser; sign in again, ' + 'or ask for access to this application'
      );
    case 'invalid_scope':
      return 'Ask only for scopes the application may request';
    case 'unauthorized_client':
    case 'invalid_request':
    case 'invalid_client':
      return (
        'Check --client-id, that the application allows the authorization code flow with PKCE, ' +
        `and that ${redirectUri} is a registered redirect URI (fix the port with --port)`
      );
    case 'login_required':
    case 'interaction_required':
    case 'consent_required':
      return 'Sign in again and complete every step in the browser';
    default:
      return '';
  }
}

/** A request to the provider that failed below HTTP. */
export function networkHint(code: string, endpointHint: string): string {
  if (code === 'ENOTFOUND') return `The host name does not resolve: ${endpointHint}`;
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_/i.test(code))
    return (
      "The server's TLS certificate was not trusted; TLS verification stays on: " +
      'add its CA with NODE_EXTRA_CA_CERTS'
    );
  if (/PROXY|UND_ERR/.test(code)) return 'Check HTTPS_PROXY / http-proxy, and NO_PROXY for hosts to reach directly';
  return '';
}

/** An id-token the library refused, by the claim (or `signature`) it failed on. */
export function idTokenHint(check: string): string {
  switch (check) {
    case 'iss':
      return 'The token comes from another issuer than --issuer; sign in again with the right --issuer';
    case 'aud':
    case 'azp':
      return 'Check --client-id is the application the provider issued the token to';
    case 'nonce':
      return 'The token was not issued for this sign-in (replayed or mixed up); sign in again';
    case 'exp':
    case 'iat':
    case 'nbf':
      return "Sign in again; if this repeats, check this machine's clock";
    case 'signature':
      return (
        'The token was not signed by the issuer; sign in again, ' +
        'and check nothing between you and the provider alters responses'
      );
    default:
      return 'Sign in again';
  }
}

/** An OAuth error from the token endpoint. */
export function tokenErrorHint(code: string, confidential: boolean): string {
  switch (code) {
    case 'invalid_client':
      return confidential
        ? 'Check --client-id and --client-secret'
        : 'Check --client-id; if the application is confidential, give --client-secret';
    case 'invalid_grant':
      return 'The code was refused (expired, used twice, or a PKCE or redirect URI mismatch); sign in again';
    case 'unauthorized_client':
      return 'Allow the authorization code grant for this application at the provider';
    default:
      return '';
  }
}
