/**
 * A call forced through TURN (project `kamailio`): coturn on loopback, TURN credentials from the
 * credentials API (the same TURN REST scheme as the SIP ones), `iceTransportPolicy: 'relay'` as the
 * server may demand it (ICE_TRANSPORT_POLICY=relay). Media must flow and getStats must show the selected
 * candidate pair using a relay candidate on both sides.
 */
import type { Page } from '@playwright/test';
import { SipCredentials } from '../../src/api/schemas';
import { test, expect, expectInboundRtp } from '../support/phone';

test.skip(process.env.OPENLINE_E2E_TURN !== '1', 'coturn is not installed (apt-get install -y coturn)');

/** The server's real credentials, with the relay-only policy the server can impose. */
async function relayOnly(page: Page): Promise<void> {
  await page.route('**/api/sip/credentials', async (route) => {
    const response = await route.fetch();
    const body = SipCredentials.parse(await response.json());
    expect(body.iceServers.some((s) => [s.urls].flat().some((u) => u.startsWith('turn:')))).toBe(true);
    await route.fulfill({ response, json: { ...body, iceTransportPolicy: 'relay' } });
  });
}

// Known flaky (first attempt, in two of the last four full runs): both pages have a relay candidate, the call is
// Connected, and yet 1001 sees no inbound RTP for 15 s; the retry passes. Cause not found yet: not the relay
// port range (widened to 1,000) and not a missing TURN allocation (checked below).
test('audio + video through coturn only: relay candidate pairs, media both ways', async ({ alice, bob }) => {
  await relayOnly(alice.page);
  await relayOnly(bob.page);
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002', true);
  await bob.answer(true);
  await expect(alice.callStatus).toHaveText('Connected');
  for (const phone of [alice, bob]) {
    // Without a relay candidate nothing can flow under the relay-only policy: say so rather than time out on RTP.
    const { localCandidateTypes } = await phone.media();
    expect(localCandidateTypes, `${phone.user} got no TURN allocation from coturn`).toContain('relay');
  }
  for (const phone of [alice, bob]) {
    await expectInboundRtp(phone, 'audio');
    await expectInboundRtp(phone, 'video');
    const { candidatePairs } = await phone.media();
    expect(candidatePairs.length).toBeGreaterThan(0);
    // local/remote candidate types: ours is always a TURN allocation; the peer's relay address may
    // show up as peer-reflexive (its checks arrive before its candidate is known), which is still coturn.
    for (const pair of candidatePairs) expect(pair).toMatch(/^relay\/(relay|prflx)$/);
  }
  await alice.button('Hang up').click();
  await expect(bob.callStatus).toHaveText('Call ended');
});
