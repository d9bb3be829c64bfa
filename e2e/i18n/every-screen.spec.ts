/**
 * Issue 13: every screen in both text directions. For English (left to right) and Arabic (right to left)
 * each screen of the softphone, a ringing and an answered call, and the customer's join page are opened as
 * a user would, and must be axe-clean; in Arabic the document is `dir=rtl` and no English word is left
 * in the interface (buttons, links, labels, headings, placeholders, titles and accessible names; the
 * demo's own data such as names is allowed, and so is what a screen marks `data-i18n-data`: customers'
 * names, numbers and messages). The Agent tab shows a channel conversation (a WhatsApp customer writing to
 * 1001), opened, in its Conversations panel. Screenshots of the Arabic screens at phone and desktop size
 * go to test-results/i18n/ for a person to look at.
 */
import { axeOn } from '../support/axe';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_CHANNEL } from '../../server/channels/options';
import { whatsappInbound } from '../../server/channels/testing/sign';
import { encodeLink } from '../../src/webcall/link';
import { expect, expectInboundRtp, test, type Phone } from '../support/phone';
import { shootSizes } from '../support/screenshots';
import { serverRoom } from '../support/webcall-links';

const SHOTS = 'test-results/i18n';

/** Tabs and the path that opens each (1001 is the demo admin and agent, so all of them exist). */
const TABS = [
  ['dialpad', '/dialpad'],
  ['history', '/history'],
  ['contacts', '/contacts'],
  ['new-contact', '/contacts/new'],
  ['voicemail', '/voicemail'],
  ['messages', '/messages'],
  ['agent', '/agent'],
  ['settings', '/settings'],
  ['admin', '/admin'],
] as const;

/**
 * Latin words that may stay in an Arabic interface: the product and the services it names, protocol and
 * file-format acronyms, codec names, and the seeded demo data (people, the demo company, the channel).
 */
const ALLOWED = new Set(
  [
    'Openline',
    'WebRTC',
    'SIP',
    'URI',
    'WebSocket',
    'DTMF',
    'RFC',
    'INFO',
    'STUN',
    'TURN',
    'ICE',
    'UDP',
    'TCP',
    'TLS',
    'WSS',
    'PDF',
    'CSS',
    'HTML',
    'URL',
    'UUID',
    'API',
    'vCard',
    'CSV',
    'Opus',
    'PCMU',
    'PCMA',
    'WhatsApp',
    'Viber',
    'Sendbird',
    'Material',
    'Symbols',
    'English',
    'Español',
    'Ada',
    'Agent',
    'Ben',
    'Baker',
    'Cleo',
    'Cole',
    'Chris',
    'Customer',
    'Openline Demo',
    'Demo',
    'openline',
    'local',
    // The seeded demo channel's id, shown as the conversation's channel (operator data).
    'demo-whatsapp',
    // The letters printed on a phone keypad's keys (ITU E.161), the same in every language.
    'ABC',
    'DEF',
    'GHI',
    'JKL',
    'MNO',
    'PQRS',
    'TUV',
    'WXYZ',
  ].map((word) => word.toLowerCase()),
);

/** Interface texts on the page: what controls, headings and labels say, and their accessible names. */
async function interfaceTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element) => (el as HTMLElement).offsetParent !== null || el.tagName === 'OPTION';
    const skipped = (el: Element) => el.closest('[data-i18n-data]');
    /** A control's words without the user data inside it (a conversation row: name, number, preview). */
    const ownText = (el: HTMLElement) => {
      if (!el.querySelector('[data-i18n-data]')) return el.innerText;
      const parts: string[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('[data-i18n-data]')) parts.push(node.textContent ?? '');
      }
      return parts.join(' ');
    };
    const selector =
      'button, a, label, h1, h2, h3, h4, legend, summary, th, dt, option, [role=tab], [role=status], [role=alert], .empty-state, .screen-loading';
    for (const el of document.querySelectorAll(selector)) {
      if (!visible(el) || skipped(el)) continue;
      out.push(ownText(el as HTMLElement));
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!visible(el) || skipped(el)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const value = el.getAttribute(attr);
        if (value) out.push(value);
      }
    }
    out.push(document.title);
    return out;
  });
}

async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  const leftovers = new Set<string>();
  for (const text of await interfaceTexts(page)) {
    // Latin letters with their accents (Español is one word, not "Espa").
    for (const word of text.match(/[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’-]{2,}/g) ?? []) {
      if (!ALLOWED.has(word.toLowerCase())) leftovers.add(`${word} (in "${text.slice(0, 60)}")`);
    }
  }
  expect([...leftovers], `English left on ${screen} in Arabic`).toEqual([]);
}

async function expectAxeClean(page: Page, screen: string): Promise<void> {
  const { violations } = await axeOn(page).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${screen}`,
  ).toEqual([]);
}

/** A WhatsApp customer (Arabic name and text) writes to 1001 on the seeded channel, signed as the provider would. */
async function customerWrites(request: APIRequestContext, locale: 'en' | 'ar'): Promise<string> {
  const run = `${Date.now()}`.slice(-6);
  const name = locale === 'ar' ? `ليلى ${run}` : `Layla ${run}`;
  const req = whatsappInbound(DEMO_CHANNEL.secret, {
    id: `wamid.every-screen.${locale}.${run}`,
    from: `4477008${run}1`,
    name,
    text: locale === 'ar' ? 'مرحبًا، لم يصل طردي بعد' : 'Hello, my parcel has not arrived',
    timestampMs: Date.now(),
    ref: 'agent:1001',
  });
  const res = await request.post(`/api/channels/${DEMO_CHANNEL.id}/inbound`, {
    headers: req.headers,
    data: req.body,
  });
  expect(res.status()).toBe(200);
  return name;
}

/** The Agent tab with the customer's conversation open: its header, session fields, timeline, reply box. */
async function openConversation(page: Page, customer: string): Promise<void> {
  const panel = page.locator('.conversations-panel');
  await panel.getByTestId('conversation-item').filter({ hasText: customer }).click();
  await expect(panel.getByTestId('window-state')).toBeVisible();
  await panel.locator('.session-fields summary').click();
  await expect(panel.getByTestId('timeline-message').first()).toBeVisible();
}

/** Settings → Language is kept per browser: set it as the picker does, then reload into it. */
async function useLanguage(phone: Phone, locale: 'en' | 'ar'): Promise<void> {
  await phone.page.evaluate((l) => localStorage.setItem('openline.locale', l), locale);
  await phone.page.reload();
  await expect(phone.page.locator('html')).toHaveAttribute('lang', locale);
  await expect(phone.page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
}

for (const locale of ['en', 'ar'] as const) {
  test(`every tab in ${locale === 'ar' ? 'Arabic (right to left)' : 'English (left to right)'}`, async ({
    alice,
    request,
  }) => {
    test.setTimeout(180_000);
    await alice.signIn();
    await useLanguage(alice, locale);
    const customer = await customerWrites(request, locale);
    for (const [name, path] of TABS) {
      // Opened as a user opens it: the tab bar's link, or Contacts' "new contact" button (a reload per
      // screen would sign in and register again).
      const link = path === '/contacts/new' ? 'main a[href="/contacts/new"]' : `nav.nav a[href="${path}"]`;
      await alice.page.locator(link).first().click();
      await expect(alice.page).toHaveURL((url) => url.pathname === path);
      await expect(alice.page.locator('main h1, main h2').first()).toBeVisible();
      await expect(alice.page.locator('.screen-loading')).toHaveCount(0);
      if (name === 'agent') {
        // The conversation the customer started is in the list (live or loaded), then opened.
        await expect(alice.page.getByTestId('conversation-item').filter({ hasText: customer })).toBeVisible();
        await expectAxeClean(alice.page, 'agent (conversations)');
        if (locale === 'ar') {
          await expectNoEnglish(alice.page, 'agent (conversations)');
          await shootSizes(alice.page, SHOTS, 'ar-agent-conversations');
        }
        await openConversation(alice.page, customer);
      }
      await expectAxeClean(alice.page, name);
      if (locale === 'ar') {
        await expectNoEnglish(alice.page, name);
        await shootSizes(alice.page, SHOTS, `ar-${name}`);
      }
    }
  });

  test(`a call ringing and answered in ${locale === 'ar' ? 'Arabic' : 'English'}`, async ({ alice, bob }) => {
    test.setTimeout(120_000);
    await alice.signIn();
    await bob.signIn();
    await useLanguage(bob, locale);
    // Signing in left Bob on Settings; the call rings where an agent waits for it, on the Dialpad.
    await bob.page.goto('/dialpad');
    await expect(bob.page.locator('main h1, main h2').first()).toBeVisible();
    await alice.dial('1002');
    const incoming = bob.page.getByRole('dialog').first();
    await expect(incoming).toBeVisible();
    await expectAxeClean(bob.page, 'incoming call');
    if (locale === 'ar') {
      await expectNoEnglish(bob.page, 'incoming call');
      await shootSizes(bob.page, SHOTS, 'ar-incoming');
    }
    // Answer (audio) is the sheet's last button with a keyboard shortcut, whatever the language calls it.
    await incoming.locator('button[aria-keyshortcuts]').last().click();
    await Promise.all([expectInboundRtp(bob, 'audio'), expectInboundRtp(alice, 'audio')]);
    await expectAxeClean(bob.page, 'in call');
    if (locale === 'ar') {
      await expectNoEnglish(bob.page, 'in call');
      await shootSizes(bob.page, SHOTS, 'ar-in-call');
    }
  });
}

test('the join page in Arabic and in English', async ({ browser, baseURL }) => {
  const origin = baseURL ?? 'http://127.0.0.1:18080';
  for (const locale of ['ar', 'en'] as const) {
    const context = await browser.newContext({ locale, permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    const { link } = await serverRoom(origin);
    await page.goto(await encodeLink(link, { origin }));
    await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
    await expect(page.getByRole('button').first()).toBeVisible();
    await expectAxeClean(page, `join page (${locale})`);
    if (locale === 'ar') {
      await expectNoEnglish(page, 'join page');
      await shootSizes(page, SHOTS, 'ar-join');
    }
    await context.close();
  }
});
