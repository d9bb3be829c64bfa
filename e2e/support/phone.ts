/**
 * The two-phone fixture: each phone is its own browser context (own IndexedDB, own SIP registration)
 * with the RTC probe installed and every SIP frame on its WebSocket captured for assertions.
 */
import {
  test as base,
  expect,
  type Browser,
  type BrowserContextOptions,
  type Page,
  type Locator,
} from '@playwright/test';
import {
  describePeerConnections,
  installRtcProbe,
  mediaDelta,
  sampleMedia,
  type MediaSample,
} from './rtc-probe';
import { DEMO_PASSWORD } from './ports';

export interface SipFrame {
  direction: 'sent' | 'received';
  text: string;
}

export class Phone {
  readonly sipFrames: SipFrame[] = [];

  constructor(
    readonly page: Page,
    readonly user: string,
  ) {
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/sip')) return;
      ws.on('framesent', (f) => this.sipFrames.push({ direction: 'sent', text: String(f.payload) }));
      ws.on('framereceived', (f) => this.sipFrames.push({ direction: 'received', text: String(f.payload) }));
    });
  }

  /** `options` add to the phone's context (e.g. `serviceWorkers: 'block'`, for a test that routes assets). */
  static async open(
    browser: Browser,
    user: string,
    baseURL?: string,
    options: BrowserContextOptions = {},
  ): Promise<Phone> {
    const context = await browser.newContext({
      ...options,
      baseURL,
      permissions: ['camera', 'microphone', 'notifications'],
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    await installRtcProbe(page);
    return new Phone(page, user);
  }

  get status(): Locator {
    return this.page.getByTestId('registration-status');
  }
  get callStatus(): Locator {
    return this.page.getByTestId('call-status');
  }
  get incoming(): Locator {
    return this.page.getByRole('dialog', { name: 'Incoming call' });
  }

  async signIn(password = DEMO_PASSWORD, opts: { expectRegistered?: boolean } = {}): Promise<void> {
    await this.page.goto('/settings');
    await this.page.getByLabel('Username', { exact: true }).fill(this.user);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    // The API session opens beside the registration and may answer after "Registered" shows: the app's
    // own requests wait for it, a test's `page.request` does not (a 401 "Sign in first." in CI).
    const session = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/session',
    );
    session.catch(() => undefined); // not awaited when the sign-in is expected to fail
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    if (opts.expectRegistered === false) return;
    await expect(this.status).toHaveText('Registered');
    await session;
  }

  /** Client-side navigation through the tab bar (a reload would re-register). */
  async openTab(
    name: 'Dialpad' | 'History' | 'Contacts' | 'Voicemail' | 'Agent' | 'Settings',
  ): Promise<void> {
    // The name may carry a badge ("Voicemail (1 new voicemail)").
    await this.page
      .getByRole('navigation')
      .getByRole('link', { name: new RegExp(`^${name}(\\s*\\(.*\\))?$`) })
      .click();
  }

  async setDtmfMethod(label: 'Auto' | 'RFC 4733' | 'SIP INFO'): Promise<void> {
    await this.openTab('Settings');
    await this.page.getByLabel('DTMF method').selectOption({ label });
  }

  async dial(target: string, video = false): Promise<void> {
    await this.openTab('Dialpad');
    await this.page.getByLabel('Number or SIP address').fill(target);
    await this.page.getByRole('button', { name: video ? 'Video call' : 'Audio call' }).click();
  }

  async answer(video = false): Promise<void> {
    await expect(this.incoming).toBeVisible();
    await this.incoming
      .getByRole('button', { name: video ? 'Answer with video' : 'Answer', exact: true })
      .click();
    await expect(this.callStatus).toHaveText('Connected');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  media(): Promise<MediaSample> {
    return sampleMedia(this.page);
  }

  mediaDelta(ms?: number): ReturnType<typeof mediaDelta> {
    return mediaDelta(this.page, ms);
  }

  /** SIP requests this phone received, by method. */
  receivedRequests(method: string): string[] {
    return this.sipFrames
      .filter((f) => f.direction === 'received' && f.text.startsWith(`${method} `))
      .map((f) => f.text);
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}

/** Poll until packets of `kind` rise on the page, proving media arrives (not just a state string). */
export async function expectInboundRtp(phone: Phone, kind: 'audio' | 'video'): Promise<void> {
  try {
    await expect
      .poll(
        async () => {
          const { before, after } = await phone.mediaDelta(1000);
          return after[kind].packetsReceived - before[kind].packetsReceived;
        },
        { message: `${phone.user} receives ${kind} RTP`, timeout: 15_000, intervals: [0] },
      )
      .toBeGreaterThan(kind === 'audio' ? 20 : 5);
  } catch (error) {
    // Seen once under load (both phones "Connected", 0 packets): say where media stopped next time.
    const peers = await describePeerConnections(phone.page).catch(
      (e: unknown) => `(could not read: ${String(e)})`,
    );
    const sip = phone.sipFrames.map(
      (f) => `${f.direction === 'sent' ? '>' : '<'} ${f.text.split('\r\n')[0]}`,
    );
    await base.info().attach(`${phone.user}-media`, {
      body: `${peers}\n\nSIP, first lines:\n${sip.slice(-40).join('\n')}`,
      contentType: 'text/plain',
    });
    throw error;
  }
}

/** Audio energy `phone` received over one second (the fake microphone plays a steady tone). */
export async function heardEnergy(phone: Phone): Promise<number> {
  const { before, after } = await phone.mediaDelta(1000);
  return after.audio.totalAudioEnergy - before.audio.totalAudioEnergy;
}

/**
 * Audio energy `phone` receives per second, once it has settled. Chromium's audio processing (gain control)
 * starts a call's microphone loud and brings a steady tone down over ~3 s (e.g. 0.2, 0.018, 0.0038, then
 * 0.0030 per second): a level read earlier is no reference for "the audio came back at its level".
 */
export async function steadyAudioEnergy(phone: Phone): Promise<number> {
  let previous = await heardEnergy(phone);
  let level = previous;
  await expect
    .poll(
      async () => {
        [previous, level] = [level, await heardEnergy(phone)];
        return Math.abs(level - previous) / Math.max(level, previous, 1e-12);
      },
      { message: `${phone.user}'s received audio level settles`, timeout: 15_000, intervals: [0] },
    )
    .toBeLessThan(0.25);
  return level;
}

type Phones = { alice: Phone; bob: Phone; carol: Phone };

/** alice = 1001, bob = 1002, carol = 1003; each signed in lazily by the test. */
export const test = base.extend<Phones>({
  alice: async ({ browser, baseURL }, use) => {
    const p = await Phone.open(browser, '1001', baseURL);
    await use(p);
    await p.close();
  },
  bob: async ({ browser, baseURL }, use) => {
    const p = await Phone.open(browser, '1002', baseURL);
    await use(p);
    await p.close();
  },
  carol: async ({ browser, baseURL }, use) => {
    const p = await Phone.open(browser, '1003', baseURL);
    await use(p);
    await p.close();
  },
});

export { expect };
