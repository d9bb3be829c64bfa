import { test, expect, Phone } from '../support/phone';
import { OwnServer } from '../support/own-server';
import { E2E_PORT } from '../support/ports';

/**
 * Long enough that the reconnect backoff (1, 2, 4, 8, 16 s …) alone would leave the app waiting
 * well past the default expect timeout after the server is back; the reachability probe does not.
 * `npm run bench:recovery` measures the actual recovery times.
 */
const OUTAGE_MS = 20_000;

test('server restarted mid-session: the app shows reconnecting and registers again by itself', async ({
  browser,
}) => {
  const server = new OwnServer(E2E_PORT + 11);
  await server.start();
  const phone = await Phone.open(browser, '1001', server.url);
  try {
    await phone.signIn();
    await server.stop();
    await expect(phone.status).toHaveText('Reconnecting…');
    await phone.page.waitForTimeout(OUTAGE_MS);
    const registersBefore = phone.sipFrames.filter(
      (f) => f.direction === 'sent' && f.text.startsWith('REGISTER '),
    ).length;
    await server.start();
    // Recovery within the default expect timeout of the server answering again.
    await expect(phone.status).toHaveText('Registered');
    const registers = phone.sipFrames.filter((f) => f.direction === 'sent' && f.text.startsWith('REGISTER '));
    expect(registers.length).toBeGreaterThan(registersBefore);
  } finally {
    await phone.close();
    await server.stop();
  }
});
