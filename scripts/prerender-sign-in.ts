/**
 * Issue 10: a first visit's sign-in form as HTML in index.html, so a phone paints it as soon as the page
 * and its stylesheet arrive, and the app's code runs only on the visitor's first input
 * (docs/performance.md, session 25; ADR 0041).
 *
 * Two steps of the production build:
 * - `transformIndexHtml` takes the entry's `<script type="module">` out of the page and gives its URL to
 *   the boot script (`/* ENTRY *\/ ''`), which starts the app at once or on the first input;
 * - `writeBundle` opens the built page in Chromium, with no server: the files come from `dist/` and
 *   `/api/config` is answered with a placeholder, lets the app draw the signed-out Settings screen, and
 *   writes the shell's markup into `#root`, wrapped in `<div data-prerendered>`, and sets the boot
 *   script's `/* PRERENDERED *\/ false` to true. It runs before the service worker's precache list is made
 *   (vite-plugin-pwa, closeBundle), so the worker's copy of index.html has the right revision.
 *
 * The markup is the real app's: the components, the stylesheet and the English texts of this build. What
 * depends on the server (the demo-account hint, the SIP domain and WebSocket URL) is left blank and the
 * boot script fills it from `/api/config`. Without a Chromium the build goes on without the markup, and
 * every start runs the app at once, as before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { chromium, type Browser } from '@playwright/test';
import { systemChromium } from '../e2e/support/chromium';

export const ENTRY_PLACEHOLDER = "/* ENTRY */ ''";
export const PRERENDERED_PLACEHOLDER = '/* PRERENDERED */ false';
const ROOT = '<div id="root"></div>';
const ORIGIN = 'http://openline.prerender';
/** What the screen shows once it settles: the form, its hint, and the About group last. */
const SETTLED = '#settings-username-hint, #about-title';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** The page without its entry script, whose URL the boot script now holds. */
export function entryToBootScript(html: string): string {
  const tag = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/.exec(html);
  if (!tag?.[1]) throw new Error('prerender: no entry <script type="module"> in index.html');
  if (!html.includes(ENTRY_PLACEHOLDER))
    throw new Error(`prerender: no ${ENTRY_PLACEHOLDER} in the boot script`);
  return html.replace(tag[0], '').replace(ENTRY_PLACEHOLDER, JSON.stringify(tag[1]));
}

/** The page with `markup` drawn in `#root`, and the boot script told that it is there. */
export function withPrerenderedMarkup(html: string, markup: string): string {
  if (!html.includes(ROOT)) throw new Error(`prerender: no ${ROOT} in index.html`);
  if (!html.includes(PRERENDERED_PLACEHOLDER))
    throw new Error(`prerender: no ${PRERENDERED_PLACEHOLDER} in the boot script`);
  return html
    .replace(ROOT, `<div id="root"><div data-prerendered="">${markup}</div></div>`)
    .replace(PRERENDERED_PLACEHOLDER, '/* PRERENDERED */ true');
}

async function launch(): Promise<Browser | null> {
  try {
    return await chromium.launch({
      executablePath: systemChromium(),
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  } catch (error) {
    console.warn(
      `prerender: no Chromium to draw the sign-in form (${String(error)}); every start boots at once`,
    );
    return null;
  }
}

/** The signed-out `/settings` screen as this build draws it in English, server-dependent parts blank. */
export async function captureSignInMarkup(outDir: string, html: string): Promise<string | null> {
  const browser = await launch();
  if (!browser) return null;
  try {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 412, height: 823 } });
    // The page is served from dist/ as built, and the API answers as the reference server's seeded demo
    // accounts would: the hint's paragraph keeps their words' size, hidden until the boot script puts the
    // server's own there, so that filling it moves nothing. Nothing leaves the browser.
    await context.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== ORIGIN) return route.abort();
      if (url.pathname === '/api/config') {
        return route.fulfill({
          json: {
            sipDomain: 'prerender.invalid',
            wsUrl: '/sip',
            iceServers: [],
            demoAccounts: ['1001', '1002', '1003'],
          },
        });
      }
      if (url.pathname.startsWith('/api/') || url.pathname === '/sw.js')
        return route.fulfill({ status: 404 });
      const file = url.pathname === '/settings' ? null : join(outDir, url.pathname);
      const body = file ? readFileSync(file) : html;
      return route.fulfill({
        body,
        contentType: TYPES[file ? extname(file) : '.html'] ?? 'application/octet-stream',
      });
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${ORIGIN}/settings`);
    await page.locator(SETTLED).nth(1).waitFor({ timeout: 20_000 });
    // The reveal steps are timers; let the last commit land.
    await page.waitForTimeout(300);
    if (errors.length > 0) throw new Error(`prerender: the page threw: ${errors.join('; ')}`);
    return await page.evaluate(() => {
      const root = document.getElementById('root');
      if (!root) throw new Error('no #root');
      const clone = root.cloneNode(true) as HTMLElement;
      // Filled by the boot script from /api/config (index.html), as the app fills them.
      for (const id of ['settings-domain', 'settings-wsUrl'])
        clone.querySelector(`#${id}`)?.setAttribute('value', '');
      const hint = clone.querySelector('#settings-username-hint');
      if (!hint) throw new Error('no demo-account hint');
      hint.setAttribute('data-placeholder', '');
      // Described by the hint only once it holds the server's words (a screen reader reads hidden text
      // that an aria-describedby names).
      clone.querySelector('#settings-username')?.removeAttribute('aria-describedby');
      return clone.innerHTML;
    });
  } finally {
    await browser.close();
  }
}

export function prerenderSignIn(): Plugin {
  let outDir = 'dist';
  return {
    name: 'openline-prerender-sign-in',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle || !ctx.filename.endsWith('index.html')) return html;
        return entryToBootScript(html);
      },
    },
    async writeBundle() {
      const file = join(outDir, 'index.html');
      const html = readFileSync(file, 'utf8');
      const markup = await captureSignInMarkup(outDir, html);
      if (markup) writeFileSync(file, withPrerenderedMarkup(html, markup));
    },
  };
}
