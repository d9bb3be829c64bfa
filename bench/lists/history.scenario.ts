/**
 * History with 1,000 and 10,000 calls: a cold start and a click on the tab to the first row painted,
 * the last keystroke of a search (a number typed in national format, a caller's name) to the matching
 * row painted, frame times while scrolling to the oldest call, and the IndexedDB write of one entry.
 * Entries are seeded straight into the app's IndexedDB (store `callLog`); the account signs in with
 * the saved settings, as after a reload.
 */
import type { Page } from '@playwright/test';
import {
  AOR,
  clickToFirstRow,
  lastKeystrokeToResults,
  navigationToFirstRow,
  PAGE_PROBES,
  scrollToEnd,
  seed,
  stats,
} from './probes';
import type { ListBenchContext, ListScenario } from './scenario';

const MINUTE = 60_000;
const SEARCH = 'input[type="search"]';
const ROW = '.history-entry';

/** Entry `i` is `i * 37` minutes old and calls +44 20 7946 0000 + i (`Caller i` on two in three). */
function entries(count: number, now: number) {
  return Array.from({ length: count }, (_, i) => {
    const startedAt = now - i * 37 * MINUTE;
    const missed = i % 5 === 0;
    const number = `+4420794${String(60000 + i).padStart(5, '0')}`;
    return {
      v: 1,
      account: AOR,
      id: `call:incoming:bench-${i}`,
      kind: 'call',
      direction: i % 2 ? 'outgoing' : 'incoming',
      remoteUri: `sip:${number}@openline.local`,
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
    };
  });
}

/** What `callLog.record` → `repository.put` costs in IndexedDB: one put in its own readwrite transaction. */
async function writeOne(page: Page, runs: number): Promise<number[]> {
  return page.evaluate(
    async ({ runs, account }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('openline');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const at = Date.now();
        const t0 = performance.now();
        const tx = db.transaction('callLog', 'readwrite');
        tx.objectStore('callLog').put({
          v: 1,
          account,
          id: `call:outgoing:write-${i}`,
          kind: 'call',
          direction: 'outgoing',
          remoteUri: 'sip:1002@openline.local',
          remoteUser: '1002',
          remoteDisplayName: 'Ben Baker',
          startedAt: at,
          answeredAt: at,
          endedAt: at,
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
    },
    { runs, account: AOR },
  );
}

const scenario: ListScenario = {
  name: 'history',
  async run({ baseURL, browser, sizes, runs }: ListBenchContext) {
    const out: Record<string, unknown> = {};
    for (const size of sizes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(PAGE_PROBES);
      const page = await context.newPage();
      const progress = (step: string) => console.error(`history ${size}: ${step}`);
      const now = Date.now();
      await seed(page, baseURL, 'callLog', entries(size, now));
      progress('seeded');
      // The newest match of each query: entry `target` (a unique number; `Caller <target>` is also
      // the name of entries 10×target… but they are older). Its row is identified by its start time.
      const target = Math.floor(size / 2);
      const targetRow = {
        selector: `${ROW} time`,
        attribute: 'datetime',
        includes: new Date(now - target * 37 * MINUTE).toISOString(),
      };
      const national = `020 7946 ${String(target).padStart(4, '0')}`;
      const samples = {
        cold: [] as number[],
        click: [] as number[],
        number: [] as number[],
        name: [] as number[],
      };
      for (let i = 0; i < runs; i++) {
        samples.cold.push(await navigationToFirstRow(page, `${baseURL}/history`, ROW));
        samples.click.push(await clickToFirstRow(page, baseURL, '/history', ROW));
        samples.number.push(await lastKeystrokeToResults(page, SEARCH, national, [targetRow]));
        samples.name.push(await lastKeystrokeToResults(page, SEARCH, `Caller ${target}`, [targetRow]));
        progress(`run ${i + 1}/${runs}`);
      }
      await page.locator(SEARCH).fill('');
      const oldest = new Date(now - (size - 1) * 37 * MINUTE).toISOString();
      const scroll = await scrollToEnd(page, '.app-main', `${ROW} time[datetime="${oldest}"]`);
      out[String(size)] = {
        navigationToFirstRow: stats(samples.cold),
        tabClickToFirstRow: stats(samples.click),
        searchNumberKeystrokeToRow: { query: national, ...stats(samples.number) },
        searchNameKeystrokeToRow: { query: `Caller ${target}`, ...stats(samples.name) },
        scrollToEnd: scroll,
        rowsInDom: await page.locator(ROW).count(),
        idbWriteOne: stats(await writeOne(page, 50)),
      };
      await context.close();
    }
    return out;
  },
};

export default scenario;
