import { test, expect, Phone } from '../support/phone';
import { OwnServer } from '../support/own-server';

test('server restarted mid-session: the app shows reconnecting and registers again by itself', async ({
  browser,
}) => {
  const server = new OwnServer(18091);
  await server.start();
  const phone = await Phone.open(browser, '1001', server.url);
  try {
    await phone.signIn();
    await server.stop();
    await expect(phone.status).toHaveText('Reconnecting…');
    await server.start();
    // Backoff starts at 1 s and doubles; the restart takes a few seconds, so allow a couple of rounds.
    await expect(phone.status).toHaveText('Registered', { timeout: 30_000 });
    const registers = phone.sipFrames.filter((f) => f.direction === 'sent' && f.text.startsWith('REGISTER '));
    expect(registers.length).toBeGreaterThanOrEqual(2);
  } finally {
    await phone.close();
    await server.stop();
  }
});
