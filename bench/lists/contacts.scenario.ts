/**
 * Contacts with 1,000 and 10,000 local contacts (plus the seeded company directory, synced on
 * sign-in): a cold start and a click on the tab to the first row painted, the last keystroke of a
 * search (a name, and a number typed in national format while stored in E.164) to the one matching
 * row painted, frame times while scrolling to the end, and the IndexedDB write of one contact.
 * Contacts are seeded straight into the app's IndexedDB (store `contacts`), as after a reload.
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
  type Shown,
} from './probes';
import type { ListBenchContext, ListScenario } from './scenario';

const SEARCH = '#contacts-search';
const ROW = '.contacts-row';
const FIRST = ['Amelia', 'Oliver', 'Isla', 'Noah', 'Ava', 'Leo', 'Mia', 'Arthur', 'Freya', 'Oscar'];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
];
/** The one contact both searches find (a name no other contact or directory entry has). */
const TARGET_NAME = 'Zelda Quartermaine';

/** Contact `i` has +44 20 8000 0000 + i (London, stored E.164); one of them is {@link TARGET_NAME}. */
function contacts(count: number, target: number) {
  const updatedAt = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    account: AOR,
    id: `bench-${i}`,
    name: i === target ? TARGET_NAME : `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]} ${i}`,
    organization: i % 4 ? '' : 'Bench Ltd',
    phones: [{ label: 'work', number: `+44208${String(i).padStart(7, '0')}` }],
    sip: '',
    email: '',
    notes: '',
    favorite: false,
    channels: [],
    updatedAt,
  }));
}

/** One contact put in its own readwrite transaction (what saving a contact costs in IndexedDB). */
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
        const t0 = performance.now();
        const tx = db.transaction('contacts', 'readwrite');
        tx.objectStore('contacts').put({
          account,
          id: `write-${i}`,
          name: `Written ${i}`,
          organization: '',
          phones: [{ label: 'mobile', number: '+447700900123' }],
          sip: '',
          email: '',
          notes: '',
          favorite: false,
          channels: [],
          updatedAt: Date.now(),
        });
        await new Promise<void>((resolve) => (tx.oncomplete = () => resolve()));
        samples.push(performance.now() - t0);
      }
      db.close();
      return samples;
    },
    { runs, account: `bench-write@openline.local` },
  );
}

const scenario: ListScenario = {
  name: 'contacts',
  async run({ baseURL, browser, sizes, runs }: ListBenchContext) {
    const out: Record<string, unknown> = {};
    for (const size of sizes) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addInitScript(PAGE_PROBES);
      const page = await context.newPage();
      const progress = (step: string) => console.error(`contacts ${size}: ${step}`);
      const target = Math.floor(size * 0.777);
      await seed(page, baseURL, 'contacts', contacts(size, target));
      progress('seeded');
      // Both searches leave exactly the target: the list says "1 contacts" and its first row is hers.
      const found: Shown[] = [
        { selector: '.contacts-list', attribute: 'aria-label', includes: '1 contacts' },
        { selector: `${ROW} .contacts-row-name`, includes: TARGET_NAME },
      ];
      const national = `020 8${String(target)
        .padStart(7, '0')
        .replace(/^(\d{3})/, '$1 ')}`;
      const samples = {
        cold: [] as number[],
        click: [] as number[],
        name: [] as number[],
        number: [] as number[],
      };
      for (let i = 0; i < runs; i++) {
        samples.cold.push(await navigationToFirstRow(page, `${baseURL}/contacts`, ROW));
        samples.click.push(await clickToFirstRow(page, baseURL, '/contacts', ROW));
        samples.name.push(await lastKeystrokeToResults(page, SEARCH, 'Zelda Quar', found));
        samples.number.push(await lastKeystrokeToResults(page, SEARCH, national, found));
        progress(`run ${i + 1}/${runs}`);
      }
      await page.locator(SEARCH).fill('');
      const total = Number((await page.locator('.contacts-list').getAttribute('aria-label'))?.split(' ')[0]);
      // Rows sit at `translateY(index × 60px)`: the end of the list is the row at index total − 1.
      const scroll = await scrollToEnd(
        page,
        '.contacts-scroller',
        `${ROW}[style*="translateY(${(total - 1) * 60}px)"]`,
      );
      out[String(size)] = {
        listed: total,
        navigationToFirstRow: stats(samples.cold),
        tabClickToFirstRow: stats(samples.click),
        searchNameKeystrokeToRow: { query: 'Zelda Quar', ...stats(samples.name) },
        searchNumberKeystrokeToRow: { query: national, ...stats(samples.number) },
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
