/**
 * Webcall links for e2e specs: real ones made by the server under test (through its API, or in the
 * Agent tab as an agent makes them), forged ones an attacker could build, and the customer's browser
 * that opens them.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { WebcallRoom } from '../../src/api/schemas';
import type { JoinPayload } from '../../src/webcall/payload';
import { signerFromKey, SIGNING_KEY_FILE } from '../../server/webcall/signing';
import { DEMO_PASSWORD } from './ports';

/** A room created by agent `user` on the server at `baseURL`; answers its link payload, signed. */
export async function serverRoom(baseURL: string, user = '1002'): Promise<WebcallRoom> {
  const session = await fetch(`${baseURL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
  });
  if (!session.ok) throw new Error(`sign-in as ${user} failed: ${session.status}`);
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const res = await fetch(`${baseURL}/api/webcall/rooms`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customerName: 'Chris Customer', expiresInS: 3600 }),
  });
  if (!res.ok) throw new Error(`room creation failed: ${res.status}`);
  return WebcallRoom.parse(await res.json());
}

/**
 * Signs a payload with the key of the server whose data directory is `dataDir`: what a link would look
 * like if the server itself had been tricked into naming a foreign SIP server.
 */
export function signWithServerKey(dataDir: string, payload: JoinPayload) {
  const key = createPrivateKey(readFileSync(join(dataDir, SIGNING_KEY_FILE)));
  return signerFromKey(key).sign(JSON.stringify(payload));
}

/**
 * Creates a link for `customer` in the Webcall panel of the agent's Agent tab (open it first), as the
 * agent does, and answers the link once the panel shows it.
 */
export async function createLinkInAgentTab(agent: Page, customer = 'Chris Customer'): Promise<string> {
  const panel = agent.getByRole('region', { name: 'Webcall' });
  await panel.getByLabel('Customer name').fill(customer);
  await panel.getByRole('button', { name: 'Create link' }).click();
  const urlField = panel.getByLabel('Call link', { exact: true });
  await expect(urlField).toHaveValue(/\/join#2\./);
  return urlField.inputValue();
}

/**
 * A customer's browser for a join link: phone-sized, camera and microphone allowed (`options` adds to
 * or overrides that), and the page's uncaught errors and console errors collected in `errors`.
 */
export async function customerPage(browser: Browser, options: BrowserContextOptions) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    permissions: ['camera', 'microphone'],
    ...options,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { context, page, errors };
}
