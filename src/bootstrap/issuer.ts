/**
 * The OIDC issuer `bootstrap oidc` provisions for: github.com's, GitHub's per-enterprise one, or a GitHub Enterprise
 * Server host's. Pure.
 */
import { InputError } from '../errors.js';
import { ISSUER_FIX, ISSUER_FORMS } from './trust-advice.js';

/** github.com's issuer, and the host of every per-enterprise issuer (`<host>/<enterprise-slug>`). */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** Where a GitHub Enterprise Server host issues its Actions tokens. */
const SERVER_ISSUER_PATH = '/_services/token';

export interface GithubIssuer {
  /** The `iss` a job's token carries, e.g. https://ghes.example.com/_services/token. */
  url: string;
  /** The issuer without its scheme: the IAM provider's name (`oidc-provider/<id>`) and the condition keys' prefix. */
  id: string;
  /** github: github.com's; enterprise: GitHub's per-enterprise issuer; server: a GitHub Enterprise Server host. */
  kind: 'github' | 'enterprise' | 'server';
}

export const GITHUB_ISSUER: GithubIssuer = { url: `https://${GITHUB_OIDC_HOST}`, id: GITHUB_OIDC_HOST, kind: 'github' };

/** The issuer of `--issuer <url>`; refuses anything but the three forms GitHub issues tokens from. */
export function parseIssuer(text: string): GithubIssuer {
  const bad = (problem: string): InputError => new InputError('issuer', problem, ISSUER_FIX);
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw bad(`'${text}' is not a URL`);
  }
  if (url.protocol !== 'https:') throw bad(`'${text}' is not https (IAM trusts https issuers only)`);
  if (url.username || url.password) throw bad('the URL carries credentials');
  if (url.search || url.hash || text.includes('?') || text.includes('#'))
    throw bad(`'${text}' has a query or fragment, which no token's iss carries`);
  // IAM's provider URL takes no port, and a token's iss names none.
  if (url.port) throw bad(`'${text}' names a port`);
  const path = url.pathname.replace(/\/$/, '');
  const host = url.hostname;
  if (host === GITHUB_OIDC_HOST) {
    if (path === '') return GITHUB_ISSUER;
    const slug = /^\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,98}[A-Za-z0-9])?)$/.exec(path)?.[1];
    if (!slug) throw bad(`'${path.slice(1)}' is not an enterprise slug (letters, digits and inner hyphens)`);
    return { url: `https://${host}/${slug}`, id: `${host}/${slug}`, kind: 'enterprise' };
  }
  if (path !== SERVER_ISSUER_PATH) throw bad(`'${text}' is not one of ${ISSUER_FORMS}`);
  return { url: `https://${host}${path}`, id: `${host}${path}`, kind: 'server' };
}

/** A GitHub Enterprise Server's issuer from its API URL (`https://<host>/api/v3`). */
export function serverIssuer(apiUrl: string): GithubIssuer {
  const host = new URL(apiUrl).hostname;
  return { url: `https://${host}${SERVER_ISSUER_PATH}`, id: `${host}${SERVER_ISSUER_PATH}`, kind: 'server' };
}

/** The issuer a provider ARN names (`arn:...:oidc-provider/<id>`), or undefined for another kind of principal. */
export function providerIssuerId(arn: string): string | undefined {
  return /:oidc-provider\/(.+)$/.exec(arn)?.[1];
}
