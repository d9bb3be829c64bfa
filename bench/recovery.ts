/**
 * Recovery benchmark: how long after the SIP server answers again do signed-in apps register?
 * Starts the reference server and `--clients` headless Chromium pages (users 1001, 1002, …), then
 * for each outage length stops the server, waits, starts it again and measures, per client,
 * server answering (its /api/health first answers 200) → REGISTER 200 OK received by the page.
 * Prints one JSON object:
 *   outages[].outageS, outages[].registerAfterAnswerMs (one per client), summary {median, max, n}
 *   npm run bench:recovery -- [--outages 5,30,90] [--clients 3] [--port 18195]
 */
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, systemChromium, writeToneWav } from '../e2e/support/chromium';
import { OwnServer } from '../e2e/support/own-server';
import { DEMO_PASSWORD } from '../e2e/support/ports';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const OUTAGES_S = arg('outages', '5,30,90')
  .split(',')
  .map((s) => Number(s.trim()));
const CLIENTS = Number(arg('clients', '3'));
const PORT = Number(arg('port', '18195'));
if (OUTAGES_S.some((s) => !(s >= 0)) || !(CLIENTS >= 1 && CLIENTS <= 3)) {
  console.error('--outages is a list of seconds, --clients 1 to 3 (demo users 1001–1003)');
  process.exit(2);
}

interface Client {
  readonly user: string;
  readonly page: Page;
  /** Date.now() of every REGISTER 200 OK the page received. */
  readonly registered: number[];
}

const isRegister200 = (text: string): boolean =>
  text.startsWith('SIP/2.0 200') && /\nCSeq:\s*\d+ REGISTER/i.test(text);

async function openClient(
  browser: import('@playwright/test').Browser,
  baseURL: string,
  user: string,
): Promise<Client> {
  const ctx = await browser.newContext({ baseURL, permissions: ['camera', 'microphone', 'notifications'] });
  const page = await ctx.newPage();
  const client: Client = { user, page, registered: [] };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/sip')) return;
    ws.on('framereceived', (frame) => {
      if (isRegister200(String(frame.payload))) client.registered.push(Date.now());
    });
  });
  await page.goto('/settings');
  await page.getByLabel('Username', { exact: true }).fill(user);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('registration-status').getByText('Registered', { exact: true }).waitFor();
  return client;
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return condition();
}

async function main(): Promise<void> {
  const server = new OwnServer(PORT);
  await server.start();
  const browser = await chromium.launch({
    executablePath: systemChromium(),
    args: chromiumArgs(writeToneWav()),
  });
  const outages: { outageS: number; registerAfterAnswerMs: (number | null)[] }[] = [];
  try {
    const clients: Client[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await openClient(browser, server.url, String(1001 + i)));
    for (const outageS of OUTAGES_S) {
      await server.stop();
      await Promise.all(
        clients.map((c) => c.page.getByTestId('registration-status').getByText('Reconnecting…').waitFor()),
      );
      await new Promise((r) => setTimeout(r, outageS * 1000));
      await server.start();
      const answeredAt = Date.now();
      const after = (c: Client) => c.registered.find((t) => t >= answeredAt);
      await waitFor(() => clients.every((c) => after(c) !== undefined), 60_000);
      outages.push({
        outageS,
        registerAfterAnswerMs: clients.map((c) => {
          const t = after(c);
          return t === undefined ? null : t - answeredAt;
        }),
      });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const all = outages.flatMap((o) => o.registerAfterAnswerMs).filter((x): x is number => x !== null);
  const sorted = [...all].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  console.log(
    JSON.stringify(
      {
        clients: CLIENTS,
        outages,
        summary: {
          median,
          max: sorted[sorted.length - 1] ?? null,
          n: all.length,
          notRecoveredIn60s: outages.length * CLIENTS - all.length,
        },
      },
      null,
      2,
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
