/**
 * The Voicemail tab end to end in Chromium: a message deposited for 1002 while offline (through the
 * ingest API, as another PBX would) lights the badge when 1002 signs in (MWI NOTIFY), plays to the end
 * from the Range API (about 3 s, not silence: decoded in the page), downloads as a valid Ogg file,
 * turns heard, and Delete removes it. Then Settings → Voicemail: the no-answer time is saved, a wrong
 * file type is refused with the format sentence, an Ogg/Opus greeting is uploaded and shown as the
 * user's own, and "Use the default greeting" reverts it. Screenshots and axe on the way.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { axeOn } from '../support/axe';
import { expect, test } from '../support/phone';
import { decodePlayerAudio, greetingFile, ingestVoicemail } from '../support/voicemail';

const SHOTS = '/tmp/shots-voicemail';

test('a voicemail lights the badge, plays, downloads and is deleted', async ({ bob, baseURL }) => {
  const { status, audio } = await ingestVoicemail(baseURL!, {
    mailbox: '1002',
    caller: '1001',
    callerName: 'Ada Agent',
    callId: 'e2e-voicemail-call',
  });
  expect(status).toBe(201);

  const page = bob.page;
  await bob.signIn();
  const tab = page.getByRole('navigation').getByRole('link', { name: /^Voicemail/ });
  await expect(tab).toHaveAccessibleName(/^Voicemail\s*\(1 new voicemail\)$/);
  // The count came by MWI: a NOTIFY with Voice-Message 1/0 on the SIP WebSocket.
  expect(bob.sipFrames.some((f) => f.direction === 'received' && f.text.includes('Voice-Message: 1/0'))).toBe(
    true,
  );

  await tab.click();
  const item = page.getByRole('listitem').filter({ hasText: 'Ada Agent' });
  await expect(item).toContainText('New');
  await expect(item).toContainText('e2e-voicemail-call');
  await expect(item).toContainText('0:03');

  mkdirSync(SHOTS, { recursive: true });
  mkdirSync('/tmp/shots-vm-settings', { recursive: true });
  await page.screenshot({ path: `${SHOTS}/voicemail-1280x800.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/voicemail-390x844.png`, fullPage: true });
  const axe = await axeOn(page).include('main').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The recorded audio, fetched from the Range API with the session cookie and decoded in the page.
  const decoded = await decodePlayerAudio(page, 'bytes=0-');
  expect(decoded.duration).toBeGreaterThan(2.8);
  expect(decoded.duration).toBeLessThan(3.3);
  expect(decoded.rms).toBeGreaterThan(0.05);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^voicemail-1001-.*\.ogg$/);
  const saved = readFileSync((await download.path())!);
  expect(saved.subarray(0, 4).toString('latin1')).toBe('OggS');
  expect(saved.equals(audio)).toBe(true);

  // Play it through at double speed (the speed control), to the end: past 3 s it counts as heard.
  await item.getByLabel('Speed').selectOption('2');
  const played = await page.evaluate(async () => {
    const el = document.querySelector('audio')!;
    await el.play();
    await new Promise((resolve) => el.addEventListener('ended', resolve, { once: true }));
    return { rate: el.playbackRate, duration: el.duration, at: el.currentTime };
  });
  expect(played.rate).toBe(2);
  expect(played.at).toBeCloseTo(played.duration, 1);
  await expect(item).toContainText('Heard');
  await expect(tab).toHaveAccessibleName('Voicemail');

  await item.getByRole('button', { name: 'Delete' }).click();
  await item.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(
    page.getByText(
      'No messages. When you are offline, busy or do not answer, callers can leave one here (on Openline’s own SIP server; other phone systems can forward theirs).',
    ),
  ).toBeVisible();
  await expect(tab).toHaveAccessibleName('Voicemail');

  await test.step('Settings → Voicemail', async () => {
    // Settings → Voicemail (the phone-sized viewport is still set).
    await bob.openTab('Settings');
    const section = page.getByRole('region', { name: 'Voicemail' });
    const after = section.getByLabel('Send unanswered calls to voicemail after');
    await after.selectOption('10');
    await expect(after).toBeEnabled();
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`${baseURL}/api/voicemail/settings`)).json()) as {
              noAnswerS: number;
            }
          ).noAnswerS,
      )
      .toBe(10);
    const upload = section.getByLabel('Upload your own greeting');
    await upload.setInputFiles({ name: 'greeting.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from('ID3') });
    await expect(section.getByRole('alert')).toHaveText('Use an Ogg Opus file (.ogg/.opus), up to 30 s.');
    await upload.setInputFiles({ name: 'greeting.ogg', mimeType: 'audio/ogg', buffer: greetingFile() });
    await expect(section.getByTestId('voicemail-greeting')).toHaveText('your own recording');
    await expect(section.getByRole('alert')).toHaveCount(0);
    await section.getByLabel('Play your greeting').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots-vm-settings/settings-voicemail-390x844.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots-vm-settings/settings-voicemail-1280x800.png' });
    const settingsAxe = await axeOn(page).include('main').analyze();
    expect(settingsAxe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // 200 % zoom of a 1280×800 window.
    await page.setViewportSize({ width: 640, height: 400 });
    await section.getByRole('button', { name: 'Use the default greeting' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots-vm-settings/settings-voicemail-zoom200.png' });
    await section.getByRole('button', { name: 'Use the default greeting' }).click();
    await expect(section.getByTestId('voicemail-greeting')).toHaveText('the default chime');
  });
});
