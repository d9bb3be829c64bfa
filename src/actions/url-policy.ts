/**
 * What `redirect` may open: http(s) only — never `javascript:`, `data:`, `vbscript:`, `file:`,
 * `blob:` or anything else — no credentials in the URL, no control characters. External links
 * must be absolute; internal ones (isExternalLink false) must stay on the app's origin.
 */
export type UrlCheck = { ok: true; url: string } | { ok: false; error: string };

const MAX_URL_LENGTH = 4096;

export function checkRedirectUrl(raw: string, options: { external: boolean; origin: string }): UrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, error: 'The URL is empty.' };
  if (text.length > MAX_URL_LENGTH) return { ok: false, error: 'The URL is too long.' };
  // Browsers strip tabs/newlines inside URLs ("java\tscript:"): refuse them outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s]/.test(text))
    return { ok: false, error: 'The URL contains spaces or control characters.' };
  let url: URL;
  try {
    url = options.external ? new URL(text) : new URL(text, options.origin);
  } catch {
    return {
      ok: false,
      error: options.external ? 'An external link must be an absolute http(s) URL.' : 'The URL is not valid.',
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `Only http(s) links are opened, not "${url.protocol}".` };
  }
  if (url.username || url.password) return { ok: false, error: 'Links with credentials are not opened.' };
  if (!options.external && url.origin !== new URL(options.origin).origin) {
    return { ok: false, error: 'An internal link must stay on this app; mark it external to leave.' };
  }
  return { ok: true, url: url.href };
}
