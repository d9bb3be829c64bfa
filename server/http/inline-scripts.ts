/**
 * Hashes of the inline `<script>`s in the built pages, for the CSP's `script-src`. The pages carry a few
 * lines of boot script that must run before the entry module has downloaded (docs/performance.md:
 * the SIP WebSocket of a saved sign-in, Intl's data on the join page); a hash allows exactly those
 * bytes and nothing injected beside them, where 'unsafe-inline' would allow anything.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<script …>body</script>` without a `src`: the browser hashes `body` exactly as written. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** CSP source expressions (`'sha256-…'`) for each inline script of `html`. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)]
    .map((match) => match[1] ?? '')
    .filter((body) => body.trim() !== '')
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
}

/** The hashes of every page (`*.html`) at the top of the served directory; none when it has no build. */
export function pageScriptHashes(staticDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(staticDir).filter((name) => name.endsWith('.html'));
  } catch {
    return [];
  }
  const hashes = names.flatMap((name) => inlineScriptHashes(readFileSync(join(staticDir, name), 'utf8')));
  return [...new Set(hashes)].sort();
}
