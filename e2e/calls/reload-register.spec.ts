/**
 * Issue 10, registration: a reload's REGISTER is sent by index.html's boot script as soon as its SIP
 * WebSocket opens, from what the app kept ready in the tab (src/phone/boot-register.ts), before the app's
 * scripts have run. Here the app's entry is held back, so the page has nothing but the boot script: the
 * binding must be registered, and a call to it must ring, be answered and carry audio once the app runs.
 */
import { holdAppEntry } from '../support/app-entry';
import { expectInboundRtp, Phone, test, expect } from '../support/phone';

const isRegisterAnswer = (text: string, code: number) =>
  text.startsWith(`SIP/2.0 ${code} `) && /^CSeq: \d+ REGISTER/m.test(text);
const contactOf = (text: string) => /^Contact: (.*)$/m.exec(text)?.[1];
const callIdOf = (text: string) => /^Call-ID: (.*)$/m.exec(text)?.[1];

test('a reload registers before the app has loaded, and a call to it meanwhile rings once it has', async ({
  browser,
  baseURL,
  bob,
}) => {
  // Without a service worker, which would serve the entry where the test cannot hold it (holdAppEntry).
  const carol = await Phone.open(browser, '1003', baseURL, { serviceWorkers: 'block' });
  const page = carol.page;
  try {
    await carol.signIn();
    await bob.signIn();

    const release = await holdAppEntry(page);
    const from = carol.sipFrames.length;
    const frames = () => carol.sipFrames.slice(from);
    const sent = (method: string) =>
      frames().filter((f) => f.direction === 'sent' && f.text.startsWith(`${method} `));
    await page.reload({ waitUntil: 'commit' });

    // Registered with the nonce the last REGISTER was accepted with: no challenge, no app.
    await expect.poll(() => frames().some((f) => isRegisterAnswer(f.text, 200))).toBe(true);
    const boot = sent('REGISTER')[0]!.text;
    expect(boot).toMatch(/^Authorization: Digest .*qop=auth, nc=[0-9a-f]{8}/m);
    expect(frames().some((f) => isRegisterAnswer(f.text, 401))).toBe(false);
    expect(await page.evaluate(() => 'openlineEarlySipSocket' in window)).toBe(true);

    // Bob calls now: the INVITE reaches the page while the app is still held back.
    await bob.dial('1003');
    await expect.poll(() => carol.receivedRequests('INVITE').length).toBe(1);
    release();

    // The app adopts the socket and takes the INVITE as if it had just arrived.
    await expect(carol.incoming).toBeVisible();
    await carol.answer();
    await expect(bob.callStatus).toHaveText('Connected');
    await expectInboundRtp(carol, 'audio');
    await expectInboundRtp(bob, 'audio');

    // The app's own REGISTER refreshed the same binding (same contact), in another registration.
    const registers = sent('REGISTER').map((f) => f.text);
    expect(registers.length).toBeGreaterThanOrEqual(2);
    expect(contactOf(registers[1]!)).toBe(contactOf(boot));
    expect(callIdOf(registers[1]!)).not.toBe(callIdOf(boot));
    expect(await page.evaluate(() => 'openlineEarlySipSocket' in window)).toBe(false);
    await carol.button('Hang up').click();
  } finally {
    await carol.close();
  }
});

test('a reload after signing out, or in a duplicated tab, sends nothing kept from before', async ({
  carol,
}) => {
  await carol.signIn();
  const kept = () =>
    carol.page.evaluate(
      () => JSON.parse(sessionStorage.getItem('openline.bootRegister') ?? 'null') as unknown,
    );
  await expect.poll(async () => JSON.stringify(await kept())).toContain('"prepared"');

  // A duplicated tab copies the tab's storage while this page still holds the identity: it registers
  // its own, after the app has loaded, and leaves this tab's binding alone.
  const twin = await carol.page.context().newPage();
  await twin.addInitScript(
    (record) => {
      if (!sessionStorage.getItem('openline.bootRegister'))
        sessionStorage.setItem('openline.bootRegister', record);
    },
    JSON.stringify(await kept()),
  );
  const twinRegisters: string[] = [];
  twin.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      if (String(f.payload).startsWith('REGISTER ')) twinRegisters.push(String(f.payload));
    }),
  );
  await twin.goto('/settings');
  await expect(twin.getByTestId('registration-status')).toHaveText('Registered');
  const original = carol.sipFrames.find((f) => f.direction === 'sent' && f.text.startsWith('REGISTER '))!;
  expect(contactOf(twinRegisters[0]!)).not.toBe(contactOf(original.text));
  await twin.close();

  await carol.page.getByRole('button', { name: 'Sign out' }).click();
  await expect(carol.status).toHaveText('Not registered');
  expect(await kept()).toBeNull();
  const from = carol.sipFrames.length;
  await carol.page.reload();
  await expect(carol.page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(carol.sipFrames.slice(from)).toEqual([]);
});
