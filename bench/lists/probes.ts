/**
 * What every list scenario of `npm run bench:lists` measures the same way, in the page: the time
 * from a navigation or a click or a keystroke to the frame in which the expected rows are painted,
 * and the frame times while scrolling a list to its end. Each wait is for a condition that is true
 * only once the result the user asked for is on screen (never "something changed", which a first
 * screenful that happens to match the query would never satisfy).
 */
import type { Page } from '@playwright/test';

export const ACCOUNT = { username: '1001', domain: 'openline.local', password: 'openline' };
export const AOR = `${ACCOUNT.username}@${ACCOUNT.domain}`;

const round = (n: number) => Math.round(n * 10) / 10;

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  return { medianMs: round(at(0.5)), maxMs: round(sorted[sorted.length - 1] ?? 0), runs: samples.length };
}

/**
 * Init script: `__paintedAfter(test)` resolves with the page clock of the frame after `test()`
 * first holds (checked on every DOM mutation); `__name` is a no-op (tsx's keepNames wraps functions
 * passed to page.evaluate in `__name(...)` calls).
 */
export const PAGE_PROBES = `
  globalThis.__name = (fn) => fn;
  window.__paintedAfter = (test) => new Promise((resolve) => {
    const check = () => {
      if (!test()) return false;
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  });
`;

type Probe = (test: () => boolean) => Promise<number>;

/**
 * Saved settings (signed in as {@link ACCOUNT}) plus `rows` written into `store` of the app's own
 * database, after the app created its schema (the store appears once it has).
 */
export async function seed(page: Page, baseURL: string, store: string, rows: unknown[]): Promise<void> {
  await page.goto(`${baseURL}/settings`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.evaluate(
    async ({ store, rows, account }) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('openline');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      let db = await open();
      while (!db.objectStoreNames.contains(store)) {
        db.close();
        await new Promise((r) => setTimeout(r, 50));
        db = await open();
      }
      const tx = db.transaction(['settings', store], 'readwrite');
      tx.objectStore('settings').put(
        {
          version: 1,
          signedIn: true,
          displayName: '',
          username: account.username,
          password: account.password,
          domain: account.domain,
          wsUrl: `${location.origin.replace(/^http/, 'ws')}/sip`,
          iceServersText: '',
          autoAnswer: false,
          dtmfMethod: 'auto',
        },
        'account',
      );
      const target = tx.objectStore(store);
      target.clear();
      for (const row of rows) target.put(row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { store, rows, account: ACCOUNT },
  );
}

/** A cold start: navigation start → the frame showing `rowSelector` (the app signs in from saved settings). */
export async function navigationToFirstRow(page: Page, url: string, rowSelector: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(
    (selector) =>
      (window as unknown as { __paintedAfter: Probe }).__paintedAfter(
        () => document.querySelector(selector) !== null,
      ),
    rowSelector,
  );
}

/**
 * Opening a tab whose data has loaded: from the Dialpad (registered, the tab visited once so its data
 * and chunk are in), the tab's click → the frame showing its first row.
 */
export async function clickToFirstRow(page: Page, baseURL: string, path: string, rowSelector: string) {
  await page.goto(`${baseURL}/dialpad`);
  await page.getByText('Registered', { exact: true }).first().waitFor();
  await page.locator(`nav a[href="${path}"]`).click();
  await page.locator(rowSelector).first().waitFor();
  await page.locator('nav a[href="/dialpad"]').click();
  await page.locator(rowSelector).first().waitFor({ state: 'detached' });
  return page.evaluate(
    ({ path, selector }) => {
      const link = document.querySelector<HTMLAnchorElement>(`nav a[href="${path}"]`)!;
      const t0 = performance.now();
      link.click();
      return (window as unknown as { __paintedAfter: Probe })
        .__paintedAfter(() => document.querySelector(selector) !== null)
        .then((t) => t - t0);
    },
    { path, selector: rowSelector },
  );
}

/** True when the first element matching `selector` has `attribute` (or, without one, text) containing `includes`. */
export interface Shown {
  selector: string;
  attribute?: string;
  includes: string;
}

/**
 * Search as you type: everything but the last character is typed (and settles), then the last
 * keystroke is timed to the frame in which every `done` condition holds.
 */
export async function lastKeystrokeToResults(page: Page, input: string, query: string, done: Shown[]) {
  const box = page.locator(input);
  await box.fill('');
  await box.fill(query.slice(0, -1));
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return page.evaluate(
    ({ input, query, done }) => {
      const box = document.querySelector<HTMLInputElement>(input)!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      const holds = () =>
        done.every(({ selector, attribute, includes }) => {
          const el = document.querySelector(selector);
          const value = el && (attribute ? el.getAttribute(attribute) : el.textContent);
          return value != null && value.includes(includes);
        });
      const t0 = performance.now();
      setValue.call(box, query);
      box.dispatchEvent(new InputEvent('input', { bubbles: true, data: query.slice(-1) }));
      return (window as unknown as { __paintedAfter: Probe }).__paintedAfter(holds).then((t) => t - t0);
    },
    { input, query, done },
  );
}

/**
 * Scrolls `scroller` from top to bottom in `frames` equal steps, one per animation frame, and
 * returns the frame-to-frame times (rAF deltas) and whether `lastRow` was painted at the end.
 */
export async function scrollToEnd(page: Page, scroller: string, lastRow: string, frames = 120) {
  const result = await page.evaluate(
    ({ scroller, lastRow, frames }) =>
      new Promise<{ deltas: number[]; reachedEnd: boolean }>((resolve) => {
        const el = document.querySelector<HTMLElement>(scroller)!;
        el.scrollTop = 0;
        const step = Math.ceil((el.scrollHeight - el.clientHeight) / frames);
        const deltas: number[] = [];
        let last = 0;
        const frame = (t: number) => {
          if (last) deltas.push(t - last);
          last = t;
          const end = el.scrollTop + el.clientHeight >= el.scrollHeight - 1;
          if (end && deltas.length > 0) {
            requestAnimationFrame(() =>
              resolve({ deltas, reachedEnd: document.querySelector(lastRow) !== null }),
            );
            return;
          }
          el.scrollTop += step;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(() => requestAnimationFrame(frame));
      }),
    { scroller, lastRow, frames },
  );
  const sorted = [...result.deltas].sort((a, b) => a - b);
  const q = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
  return { frames: sorted.length, p50Ms: q(0.5), p95Ms: q(0.95), maxMs: q(1), reachedEnd: result.reachedEnd };
}
