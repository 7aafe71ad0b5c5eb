/**
 * A browser reduced to what a sign-in needs: follows redirects, keeps cookies, and submits the HTML forms it is
 * shown (oidc-provider's dev login and consent pages). `rewrite` lets a test tamper with a URL before it is visited.
 */

export interface BrowserVisit {
  url: string;
  status: number;
  body: string;
}

export interface ScriptedBrowserOptions {
  /** Values typed into the form fields of that name. */
  fill: Record<string, string>;
  /** Called on every URL before it is requested; return it changed to tamper. */
  rewrite?: (url: URL) => URL;
  /** Stop (without requesting) at the first URL this accepts. */
  stopAt?: (url: URL) => boolean;
  /** Given a page, a link to follow instead of submitting its form (e.g. a Cancel link). */
  follow?: (html: string, url: URL) => URL | undefined;
}

const MAX_STEPS = 20;

/** Starts at `start` and returns the last page (or the URL it stopped at, status 0). */
export async function browse(start: string, options: ScriptedBrowserOptions): Promise<BrowserVisit> {
  const cookies = new Map<string, string>();
  let next: { url: URL; method: 'GET' | 'POST'; form?: URLSearchParams } = { url: new URL(start), method: 'GET' };
  for (let step = 0; step < MAX_STEPS; step++) {
    const url = options.rewrite ? options.rewrite(next.url) : next.url;
    if (options.stopAt?.(url)) return { url: url.toString(), status: 0, body: '' };
    const headers: Record<string, string> = {};
    const cookieHeader = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookieHeader) headers['cookie'] = cookieHeader;
    if (next.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: next.method, headers, body: next.form?.toString(), redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) storeCookie(cookies, line);
    const body = await res.text();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      next = { url: new URL(location, url), method: 'GET' };
      continue;
    }
    const link = res.status === 200 ? options.follow?.(body, url) : undefined;
    if (link) {
      next = { url: link, method: 'GET' };
      continue;
    }
    const form = res.status === 200 ? readForm(body, url) : undefined;
    if (!form) return { url: url.toString(), status: res.status, body };
    for (const [name, value] of Object.entries(options.fill)) if (form.fields.has(name)) form.fields.set(name, value);
    next = { url: form.action, method: 'POST', form: form.fields };
  }
  throw new Error(`the sign-in did not finish within ${MAX_STEPS} steps`);
}

function storeCookie(cookies: Map<string, string>, line: string): void {
  const [pair = '', ...attributes] = line.split(';');
  const eq = pair.indexOf('=');
  if (eq < 1) return;
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const expired =
    attributes.some((a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()) ||
    attributes.some((a) => /^\s*max-age=\s*0\s*$/i.test(a));
  if (expired || value === '') cookies.delete(name);
  else cookies.set(name, value);
}

/** The first POST form of a page: its action and its named inputs with their default values. */
function readForm(html: string, base: URL): { action: URL; fields: URLSearchParams } | undefined {
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*\bmethod="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields = new URLSearchParams();
  for (const input of (form[2] ?? '').matchAll(/<input\b[^>]*>/gi)) {
    const name = /\bname="([^"]*)"/i.exec(input[0])?.[1];
    if (!name) continue;
    fields.set(decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/i.exec(input[0])?.[1] ?? ''));
  }
  return { action: new URL(decodeEntities(form[1] ?? ''), base), fields };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
