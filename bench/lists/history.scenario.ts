/**
 * History with 1,000 and 10,000 calls: time from navigation to the rows painted, from a keystroke in
 * the search box to the filtered rows painted, and the IndexedDB write time of one entry.
 * Entries are seeded straight into the app's IndexedDB (schema v2) in the page; the account signs in
 * with the saved settings, as after a reload.
 */
import type { Page } from '@playwright/test';
import type { ListBenchContext, ListScenario } from './scenario';

const ACCOUNT = { username: '1001', domain: 'openline.local', password: 'openline' };

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  return { medianMs: round(median), maxMs: round(sorted[sorted.length - 1] ?? 0), runs: samples.length };
}

/** Writes saved settings (signed in) and `count` call-log entries into the page origin's database. */
async function seed(page: Page, baseURL: string, count: number): Promise<void> {
  await page.goto(`${baseURL}/settings`);
  // Let the app create its schema first (opening the database ourselves first would create it empty).
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.evaluate(
    async ({ count, account }) => {
      const open = () =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open('openline');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      let db = await open();
      // The app may still be creating the schema on first load; wait for v2.
      while (!db.objectStoreNames.contains('callLog')) {
        db.close();
        await new Promise((r) => setTimeout(r, 50));
        db = await open();
      }
      const aor = `${account.username}@${account.domain}`;
      const tx = db.transaction(['settings', 'callLog'], 'readwrite');
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
      const log = tx.objectStore('callLog');
      log.clear();
      const now = Date.now();
      for (let i = 0; i < count; i++) {
        const startedAt = now - i * 37 * 60_000;
        const missed = i % 5 === 0;
        const number = `+4420794${String(60000 + i).padStart(5, '0')}`;
        log.put({
          v: 1,
          account: aor,
          id: `call:incoming:bench-${i}`,
          kind: 'call',
          direction: i % 2 ? 'outgoing' : 'incoming',
          remoteUri: `sip:${number}@${account.domain}`,
          remoteUser: number,
          remoteDisplayName: i % 3 ? `Caller ${i}` : null,
          startedAt,
          answeredAt: missed ? null : startedAt + 5_000,
          endedAt: startedAt + 65_000,
          durationMs: missed ? 0 : 60_000,
          outcome: missed ? 'missed' : 'answered',
          endReason: missed ? 'cancelled' : 'remote-hangup',
          sipStatus: missed ? 487 : null,
          media: 'audio',
          sipCallId: `bench-${i}@bench`,
        });
      }
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { count, account: ACCOUNT },
  );
}

/** In the page: resolve with the time (page clock) of the frame after `selector` matches a change. */
const PAINT_PROBE = `
  window.__paintedAfter = (test) => new Promise((resolve) => {
    const check = () => {
      if (!test()) return false;
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
      return true;
    };
    if (check()) return;
    const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  });
`;

async function firstRender(page: Page, baseURL: string): Promise<number> {
  await page.goto(`${baseURL}/history`);
  return page.evaluate(() =>
    (window as unknown as { __paintedAfter(t: () => boolean): Promise<number> }).__paintedAfter(
      () => document.querySelector('.history-entry') !== null,
    ),
  );
}

/** Types a number query (as one input event) and times it to the filtered rows painted. */
async function search(page: Page, query: string): Promise<number> {
  await page.getByRole('searchbox', { name: 'Search calls' }).fill('');
  await page.locator('.history-entry').first().waitFor();
  return page.evaluate((q) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const before = document.querySelector('.history-list')?.textContent ?? '';
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const t0 = performance.now();
    setter.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return (window as unknown as { __paintedAfter(t: () => boolean): Promise<number> })
      .__paintedAfter(() => {
        const list = document.querySelector('.history-list');
        return list !== null && list.textContent !== before;
      })
      .then((t) => t - t0);
  }, query);
}

/** IndexedDB put of one entry in its own transaction, to completion (what recording a call costs). */
async function writeOne(page: Page, runs: number): Promise<number[]> {
  return page.evaluate(async (runs) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('openline');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const tx = db.transaction('callLog', 'readwrite');
      tx.objectStore('callLog').put({
        v: 1,
        account: 'bench-write@openline.local',
        id: `call:outgoing:write-${i}`,
        kind: 'call',
        direction: 'outgoing',
        remoteUri: 'sip:1002@openline.local',
        remoteUser: '1002',
        remoteDisplayName: 'Ben Baker',
        startedAt: Date.now(),
        answeredAt: Date.now(),
        endedAt: Date.now(),
        durationMs: 0,
        outcome: 'answered',
        endReason: 'local-hangup',
        sipStatus: null,
        media: 'audio',
        sipCallId: `write-${i}@bench`,
      });
      await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
      samples.push(performance.now() - t0);
    }
    db.close();
    return samples;
  }, runs);
}

const scenario: ListScenario = {
  name: 'history',
  async run({ baseURL, browser, sizes, runs }: ListBenchContext) {
    const out: Record<string, unknown> = {};
    for (const size of sizes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // tsx compiles this file with esbuild's keepNames, which wraps the functions passed to
      // page.evaluate in `__name(...)` calls: give the page a no-op `__name`.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      await context.addInitScript(PAINT_PROBE);
      const page = await context.newPage();
      const progress = (step: string) => console.error(`history ${size}: ${step}`);
      await seed(page, baseURL, size);
      progress('seeded');
      const render: number[] = [];
      const searchMs: number[] = [];
      for (let i = 0; i < runs; i++) {
        render.push(await firstRender(page, baseURL));
        searchMs.push(await search(page, '020 7946 00'));
        progress(`run ${i + 1}/${runs}`);
      }
      const rowsInDom = await page.locator('.history-entry').count();
      out[String(size)] = {
        firstRender: stats(render),
        search: stats(searchMs),
        rowsInDom,
      };
      if (size === sizes[sizes.length - 1]) out.idbWriteOne = stats(await writeOne(page, 50));
      await context.close();
    }
    return out;
  },
};

export default scenario;
