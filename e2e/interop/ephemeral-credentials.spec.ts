/**
 * Ephemeral credentials against Kamailio (project `kamailio`): bad credentials are refused with the
 * right SIP status and a clear sentence in the app, and credentials refreshed before they expire keep
 * the phone working without dropping the call in progress.
 *
 * Bad or short-lived credentials are minted here (the test knows the shared secret) and handed to the
 * app in place of the server's answer to `POST /api/sip/credentials`; the server has no test hooks.
 */
import type { Page } from '@playwright/test';
import type { SipCredentials } from '../../src/api/schemas';
import { mintEphemeralCredentials } from '../../server/credentials/ephemeral';
import { E2E_EPHEMERAL_SECRET } from '../support/kamailio-ports';
import { test, expect, expectInboundRtp, type Phone } from '../support/phone';

function credentials(
  user: string,
  opts: { secret?: string; ttlSeconds?: number; now?: number } = {},
): SipCredentials {
  const ttlSeconds = opts.ttlSeconds ?? 3600;
  const c = mintEphemeralCredentials({
    secret: opts.secret ?? E2E_EPHEMERAL_SECRET,
    user,
    ttlSeconds,
    now: opts.now,
  });
  return {
    user,
    authorizationUsername: c.username,
    password: c.password,
    expiresAt: c.expiresAt.getTime(),
    ttlSeconds,
    iceServers: [],
    iceTransportPolicy: 'all',
  };
}

/** Answers the app's credential requests with `mint()` (counting them). */
async function serveCredentials(page: Page, mint: () => SipCredentials): Promise<{ count: number }> {
  const served = { count: 0 };
  await page.route('**/api/sip/credentials', async (route) => {
    served.count++;
    await route.fulfill({ json: mint() });
  });
  return served;
}

const responses = (phone: Phone) =>
  phone.sipFrames.filter((f) => f.direction === 'received').map((f) => f.text.split('\r\n')[0]);

/** Digest usernames the phone sent in (Proxy-)Authorization headers of `method` requests. */
const authUsernames = (phone: Phone, method: string) =>
  phone.sipFrames
    .filter((f) => f.direction === 'sent' && f.text.startsWith(`${method} `))
    .map((f) => /^(?:Proxy-)?Authorization:.*username="([^"]+)"/im.exec(f.text)?.[1])
    .filter((u): u is string => u !== undefined);

test('the server mints the credentials: the REGISTER carries "<expiry>:<user>" and Kamailio accepts it', async ({
  alice,
}) => {
  await alice.signIn();
  const [username] = authUsernames(alice, 'REGISTER');
  expect(username).toMatch(/^\d{10}:1001$/);
  expect(Number(username!.split(':')[0]) * 1000).toBeGreaterThan(Date.now() + 30 * 60_000);
});

test('expired credentials: 401 and a clear message', async ({ alice }) => {
  const served = await serveCredentials(alice.page, () =>
    credentials('1001', { ttlSeconds: 60, now: Date.now() - 3600_000 }),
  );
  await alice.signIn(undefined, { expectRegistered: false });
  await expect(alice.page.getByRole('alert')).toContainText(
    'rejected the temporary sign-in credentials (401): they have expired or were signed with a different secret',
  );
  expect(responses(alice).filter((r) => r === 'SIP/2.0 401 Unauthorized').length).toBeGreaterThanOrEqual(2);
  // Expired credentials are replaced once automatically (a device that slept past the refresh), no more.
  expect(served.count).toBe(2);
});

test('credentials signed with another secret: 401 and a clear message', async ({ alice }) => {
  await serveCredentials(alice.page, () => credentials('1001', { secret: 'not-the-shared-secret' }));
  await alice.signIn(undefined, { expectRegistered: false });
  await expect(alice.page.getByRole('alert')).toContainText(
    'they have expired or were signed with a different secret',
  );
  await expect(alice.status).toContainText('(401)');
  expect(responses(alice)).toContain('SIP/2.0 401 Unauthorized');
});

test('credentials of another user: 403 and a clear message', async ({ alice }) => {
  await serveCredentials(alice.page, () => credentials('1002'));
  await alice.signIn(undefined, { expectRegistered: false });
  await expect(alice.page.getByRole('alert')).toContainText(
    'refused the credentials for this account (403): they were issued for a different user',
  );
  expect(responses(alice).some((r) => r?.startsWith('SIP/2.0 403'))).toBe(true);
});

test('credentials refreshed before expiry: the call in progress keeps its media, new calls use the new ones', async ({
  alice,
  bob,
}) => {
  // 12 s credentials: the app refreshes after 80 % (9.6 s).
  const served = await serveCredentials(alice.page, () => credentials('1001', { ttlSeconds: 12 }));
  await alice.signIn();
  await bob.signIn();
  const first = authUsernames(alice, 'REGISTER')[0]!;
  const firstExpiry = Number(first.split(':')[0]) * 1000;

  await alice.dial('1002');
  await bob.answer();
  await expect(alice.callStatus).toHaveText('Connected');
  await expectInboundRtp(alice, 'audio');

  // Past the first credentials' expiry, after a refresh.
  await expect.poll(() => served.count, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await alice.page.waitForTimeout(Math.max(0, firstExpiry + 1500 - Date.now()));
  await expect(alice.callStatus).toHaveText('Connected');
  await expect(alice.status).toHaveText('Registered');
  await Promise.all([expectInboundRtp(alice, 'audio'), expectInboundRtp(bob, 'audio')]);

  await alice.button('Hang up').click();
  await expect(bob.callStatus).toHaveText('Call ended');
  await expect(bob.page.getByRole('region', { name: /Call with/ })).toBeHidden({ timeout: 10_000 });

  // A new call is challenged (407) and authenticated with the refreshed credentials.
  await alice.dial('1002');
  await bob.answer();
  await expectInboundRtp(bob, 'audio');
  const invites = authUsernames(alice, 'INVITE');
  expect(invites.length).toBeGreaterThanOrEqual(2);
  expect(invites.at(-1)).not.toBe(first);
  expect(Number(invites.at(-1)!.split(':')[0]) * 1000).toBeGreaterThan(Date.now());
  // One WebSocket, one UserAgent throughout: no reconnect, no re-registration from scratch.
  expect(alice.sipFrames.filter((f) => f.direction === 'sent' && f.text.startsWith('REGISTER ')).length).toBe(
    2,
  );
});
