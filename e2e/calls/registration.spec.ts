import { axeOn } from '../support/axe';
import { test, expect } from '../support/phone';
import { DEMO_PASSWORD } from '../support/ports';

test('signs in and shows the registration status', async ({ alice }) => {
  const requested: string[] = [];
  alice.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const callViews = () => requested.filter((path) => /\/assets\/CallViews-[\w-]+\.js$/.test(path));
  // The engine's chunk (src/phone/index.ts and sip.js): "phone-" and an 8-character hash.
  const engine = () => requested.filter((path) => /\/assets\/phone-[\w-]{8}\.js$/.test(path));
  await alice.page.goto('/settings');
  await expect(alice.status).toHaveText('Not registered');
  await expect(alice.page.getByLabel('Username')).toBeVisible();
  // index.html preloads /api/config and the app's own request takes that answer: asked once. A
  // signed-out phone cannot ring, so the call views are not fetched before someone signs in.
  await alice.page.waitForLoadState('networkidle');
  expect(requested.filter((path) => path === '/api/config')).toHaveLength(1);
  expect(callViews()).toEqual([]);
  // The sign-in form's chunk was asked for by index.html's boot script, beside the entry, and that one
  // answer served the route (scripts/sign-in-preload.ts): asked once.
  const preloaded = alice.page.locator('link[rel="modulepreload"][href*="/assets/SettingsScreen-"]');
  await expect(preloaded).toHaveCount(1);
  expect(requested.filter((path) => /\/assets\/SettingsScreen-[\w-]+\.js$/.test(path))).toHaveLength(1);
  // Nor the phone's engine and sip.js, until the visitor starts on the sign-in form.
  expect(engine()).toEqual([]);
  await alice.page.getByLabel('Username').focus();
  await expect.poll(() => engine().length).toBe(1);
  await alice.signIn();
  await expect(alice.status).toHaveText('Registered');
  await expect.poll(() => callViews().length).toBe(1);
  // The REGISTER went through digest auth: a 401 challenge, then 200.
  const responses = alice.sipFrames
    .filter((f) => f.direction === 'received')
    .map((f) => f.text.split('\r\n')[0]);
  expect(responses).toContain('SIP/2.0 401 Unauthorized');
  expect(responses).toContain('SIP/2.0 200 OK');
});

// A fast user on a first visit: the form is drawn (after 400 ms at most) before the server's suggestions
// for the domain and WebSocket URL arrive, and Sign in is pressed at once. It used to answer "Enter the
// SIP domain" under a field that filled a moment later. Here the server answers only after the press.
test('Sign in pressed before the server suggests the domain and WebSocket URL waits for them and registers', async ({
  alice,
}) => {
  let pressed: () => void = () => undefined;
  const afterPress = new Promise<void>((resolve) => (pressed = resolve));
  await alice.page.route('**/api/config', async (route) => {
    await afterPress;
    await route.continue();
  });
  // Not waiting for the load event, which waits for index.html's preload of /api/config.
  await alice.page.goto('/settings', { waitUntil: 'commit' });
  const domain = alice.page.getByLabel('Domain', { exact: true });
  await expect(domain).toHaveValue('');
  await alice.page.getByLabel('Username', { exact: true }).fill(alice.user);
  await alice.page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await alice.page.getByRole('button', { name: 'Sign in' }).click();
  pressed();
  await expect(alice.status).toHaveText('Registered');
  await expect(domain).toHaveValue('openline.local');
  await expect(alice.page.getByText('Enter the SIP domain')).toHaveCount(0);
  await expect(alice.page.getByText('Enter the WebSocket URL')).toHaveCount(0);
});

type StartSeen = { batch: number; first: Record<string, number> };

// Issue 10: the form is a first visit's largest paint, and it used to come a commit after the shell (a
// redirect from /, then its chunk behind a "Loading…" line). A start the app renders at once (here a
// browser whose first language the prerendered English form does not match: German, shown in English).
test('a first visit at / the app renders at once opens on the sign-in form, drawn with the shell in one commit', async ({
  alice,
}) => {
  await alice.page.addInitScript(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['de-DE'] });
    const seen: StartSeen = { batch: 0, first: {} };
    (window as unknown as { __start: StartSeen }).__start = seen;
    const marks = { loading: '.screen-loading', shell: '.app-brand', form: '#settings-username' };
    new MutationObserver(() => {
      seen.batch++;
      for (const [name, selector] of Object.entries(marks)) {
        if (
          seen.first[name] === undefined &&
          document.querySelector(`#root > :not([data-prerendered]) ${selector}`)
        )
          seen.first[name] = seen.batch;
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await alice.page.goto('/');
  await expect(alice.page.getByLabel('Username', { exact: true })).toBeVisible();
  await expect(alice.page).toHaveURL(/\/settings$/);
  await expect(alice.page.locator('[data-prerendered]')).toHaveCount(0);
  const { first } = await alice.page.evaluate(() => (window as unknown as { __start: StartSeen }).__start);
  expect(first.loading, 'a "Loading…" line was shown before the form').toBeUndefined();
  expect(first.form).toBe(first.shell);
});

// ADR 0041: an English first visit's form is in the page's HTML, and the app that takes it over on the
// first input draws it whole, with no "Loading…" line between.
test('a first visit at / in English gets the form with the page itself, and the app takes it over whole', async ({
  alice,
  request,
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toMatch(/class="app-brand"[\s\S]*id="settings-username"/);
  await alice.page.addInitScript(() => {
    const seen = { loading: false };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      if (document.querySelector('.screen-loading')) seen.loading = true;
    }).observe(document, { subtree: true, childList: true });
  });
  await alice.page.goto('/');
  await expect(alice.page).toHaveURL(/\/settings$/);
  await expect(alice.page.locator('[data-prerendered]')).toHaveCount(1);
  await alice.page.getByLabel('Username', { exact: true }).click();
  await expect(alice.page.locator('[data-prerendered]')).toHaveCount(0);
  await expect(alice.page.getByLabel('Username', { exact: true })).toBeFocused();
  await expect(alice.page.getByRole('heading', { name: 'About' })).toBeVisible();
  expect(
    await alice.page.evaluate(() => (window as unknown as { __seen: { loading: boolean } }).__seen),
  ).toEqual({
    loading: false,
  });
});

// A new user on a phone signs in without scrolling: the call options (ICE servers, auto-answer, DTMF)
// wait behind a disclosure until then, and open by themselves when one of them is what stops the sign-in.
test('on a phone, Sign in is on the first screen; call options open from the keyboard and on their own error', async ({
  alice,
}) => {
  const { page } = alice;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/settings');
  const signIn = page.getByRole('button', { name: 'Sign in' });
  const ice = page.getByLabel('ICE servers');
  await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
  await expect(signIn).toBeInViewport();
  await expect(ice).toBeHidden();
  // Nothing to sign out of yet: no Sign out button beside Sign in.
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toHaveCount(0);
  expect((await axeOn(page).include('.settings-form').analyze()).violations).toEqual([]);

  const options = page.locator('summary', { hasText: 'Call options' });
  await options.focus();
  await page.keyboard.press('Enter');
  await expect(ice).toBeVisible();
  expect((await axeOn(page).include('.settings-form').analyze()).violations).toEqual([]);
  await ice.fill('turn:turn.example.org');
  await page.keyboard.press('Shift+Tab');
  await expect(options).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ice).toBeHidden();

  await page.getByLabel('Username', { exact: true }).fill(alice.user);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await signIn.click();
  await expect(ice).toBeVisible();
  await expect(ice).toBeFocused();
  await expect(page.getByText('needs a username and password')).toBeVisible();
  await expect(alice.status).toHaveText('Not registered');

  await ice.fill('');
  await signIn.click();
  await expect(alice.status).toHaveText('Registered');
  await expect(signOut).toBeVisible();
  // Signed in, the options are a group like the others, open.
  await expect(page.getByRole('group', { name: 'Calls' })).toBeVisible();
  await expect(ice).toBeVisible();
});

// A first visit shows what signing in needs; the groups a new user needs least (devices, notifications,
// phone numbers, phone links, shortcuts) wait behind one disclosure, drawn when it opens.
test('signed out, the other settings wait behind More settings; signed in, they are groups of their own', async ({
  alice,
}) => {
  const { page } = alice;
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Language' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  const more = page.locator('summary', { hasText: 'More settings' });
  await expect(more).toBeVisible();
  const later = [
    'Audio and video devices',
    'Notifications',
    'Phone numbers',
    'Phone links',
    'Keyboard shortcuts',
  ];
  for (const name of later) await expect(page.getByRole('heading', { name })).toHaveCount(0);

  await more.focus();
  await page.keyboard.press('Enter');
  for (const name of later) await expect(page.getByRole('heading', { name })).toBeVisible();
  const region = page.getByLabel('Country for numbers without a country code');
  // Its chunk loads on opening: every country is a choice once it has.
  await expect.poll(() => region.locator('option').count()).toBeGreaterThan(200);
  expect((await axeOn(page).include('main').analyze()).violations).toEqual([]);
  for (const [name, width, height] of [
    ['phone', 390, 844],
    ['desktop', 1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The disclosure, then the groups inside it.
    for (const [part, at] of [
      ['', more],
      ['-numbers', page.getByRole('heading', { name: 'Phone numbers' })],
    ] as const) {
      await at.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/screens/settings-more-${name}${part}.png`,
        animations: 'disabled',
      });
    }
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Phone numbers' })).toBeHidden();

  await alice.signIn();
  await expect(more).toHaveCount(0);
  for (const name of later) await expect(page.getByRole('heading', { name })).toBeVisible();
});

test('a wrong password says so and does not retry in a loop', async ({ bob }) => {
  await bob.signIn('not-the-password', { expectRegistered: false });
  await expect(bob.status).toHaveText('Wrong username or password');
  await expect(bob.page.getByRole('alert')).toContainText('Wrong username or password');
  const registers = () =>
    bob.sipFrames.filter((f) => f.direction === 'sent' && f.text.startsWith('REGISTER ')).length;
  const count = registers();
  await bob.page.waitForTimeout(2000);
  expect(registers()).toBe(count);
});

test("a SIP server this site's security policy does not allow says so at once, instead of Registering for ever", async ({
  bob,
}) => {
  // The reference server's connect-src is 'self' unless SIP_WS_ORIGINS lists more. Chromium refuses the
  // socket with an error and no close, which sip.js alone waited on for ever.
  const pbx = 'wss://pbx.example.invalid:8089/ws';
  await bob.page.goto('/settings');
  await bob.page.getByLabel('Username', { exact: true }).fill('1002');
  await bob.page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await bob.page.getByLabel('WebSocket URL').fill(pbx);
  await bob.page.getByRole('button', { name: 'Sign in' }).click();
  const sentence = `This site's security policy does not allow connecting to ${pbx}. Ask its administrator to allow this SIP server.`;
  await expect(bob.page.getByRole('alert')).toHaveText(sentence);
  await expect(bob.status).toHaveText(sentence);
  // Not retried: the status stays, and nothing is sent anywhere.
  await bob.page.waitForTimeout(1500);
  await expect(bob.status).toHaveText(sentence);
  expect(bob.sipFrames.filter((f) => f.direction === 'sent')).toEqual([]);
});

const earlySocketUrl = (page: import('@playwright/test').Page) =>
  page.evaluate(() => localStorage.getItem('openline.earlySipSocket'));

/** `modulepreload` links for the engine's chunk ("phone-" and an 8-character hash, not phone-number-…). */
const enginePreloads = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].filter((link) =>
        /\/assets\/phone-[\w-]{8}\.js$/.test(new URL(link.href).pathname),
      ).length,
  );

test('after a reload the saved account registers again without typing, on the one WebSocket index.html opened', async ({
  carol,
}) => {
  await carol.signIn();
  const wsUrl = await earlySocketUrl(carol.page);
  expect(wsUrl, 'the registered URL is kept for the next start').toMatch(/^wss?:\/\//);
  const sockets: string[] = [];
  carol.page.on('websocket', (socket) => sockets.push(socket.url()));
  const engineRequests: string[] = [];
  carol.page.on('request', (r) => {
    if (/\/assets\/phone-[\w-]{8}\.js$/.test(new URL(r.url()).pathname)) engineRequests.push(r.url());
  });

  const framesBefore = carol.sipFrames.length;
  await carol.page.reload();
  await expect(carol.status).toHaveText('Registered');
  // The REGISTER answered the nonce the last accepted one did (src/phone/preemptive-digest.ts), so the
  // registrar accepted it with no 401 round trip. Kamailio's credentials are new at each start (another
  // digest username), so there the REGISTER is challenged as before.
  const frames = carol.sipFrames.slice(framesBefore);
  const register = frames.find((f) => f.direction === 'sent' && f.text.startsWith('REGISTER '));
  const challenged = frames.some(
    (f) =>
      f.direction === 'received' && /^SIP\/2\.0 401 /.test(f.text) && /^CSeq: \d+ REGISTER/m.test(f.text),
  );
  if (test.info().project.name === 'chromium') {
    expect(register?.text).toMatch(/^Authorization: Digest .*nc=00000002/m);
    expect(challenged).toBe(false);
  }
  // The boot script opened it before the app loaded; the engine adopted it instead of opening a second.
  expect(sockets.filter((url) => url === wsUrl)).toHaveLength(1);
  expect(await carol.page.evaluate(() => 'openlineEarlySipSocket' in window)).toBe(false);
  // It also asked for the engine's chunk beside the entry (scripts/sign-in-preload.ts), and that one
  // answer served the app's import: asked once.
  expect(await enginePreloads(carol.page)).toBe(1);
  expect(engineRequests).toHaveLength(1);

  // Signed out, the next start opens no SIP WebSocket at all.
  await carol.page.goto('/settings');
  await carol.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(carol.status).toHaveText('Not registered');
  expect(await earlySocketUrl(carol.page)).toBeNull();
  sockets.length = 0;
  await carol.page.reload();
  await expect(carol.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(sockets).toEqual([]);
  expect(await enginePreloads(carol.page)).toBe(0);
});
