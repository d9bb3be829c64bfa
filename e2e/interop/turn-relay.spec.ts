/**
 * A call forced through TURN (project `kamailio`): coturn on loopback, TURN credentials from the
 * credentials API (the same TURN REST scheme as the SIP ones), `iceTransportPolicy: 'relay'` as the
 * server may demand it (ICE_TRANSPORT_POLICY=relay). Media must flow and getStats must show the selected
 * candidate pair using a relay candidate on both sides.
 */
import type { Page } from '@playwright/test';
import { SipCredentials } from '../../src/api/schemas';
import { test, expect, expectInboundRtp, type Phone } from '../support/phone';

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

/** Relay candidates per m-line of the first INVITE's SDP offer that `phone` sent. */
function offeredRelaysPerMLine(phone: Phone): number[] {
  const invite = phone.sipFrames.find((f) => f.direction === 'sent' && f.text.startsWith('INVITE '));
  expect(invite, `${phone.user} sent no INVITE`).toBeDefined();
  const sections = invite!.text.split(/\r\nm=/).slice(1);
  return sections.map((section) => section.split('\r\n').filter((l) => / typ relay/.test(l)).length);
}

// This spec was flaky until the ICE gate waited for every transport: the audio + video offer gathers on
// two transports until the answer bundles them, and an INVITE sent at the first relay candidate (video's)
// had none for audio, the transport the call then bundled onto. Coturn never got a permission for our relay
// address, so the call was Connected with no media. The offer check below fails without that fix.
test('audio + video through coturn only: relay candidate pairs, media both ways', async ({ alice, bob }) => {
  await relayOnly(alice.page);
  await relayOnly(bob.page);
  await alice.signIn();
  await bob.signIn();
  await alice.dial('1002', true);
  await bob.answer(true);
  await expect(alice.callStatus).toHaveText('Connected');
  const perMLine = offeredRelaysPerMLine(alice);
  expect(perMLine, 'audio and video m-lines').toHaveLength(2);
  for (const count of perMLine)
    expect(count, 'relay candidates in each m-line of the offer').toBeGreaterThan(0);
  for (const phone of [alice, bob]) {
    // Without a relay candidate nothing can flow under the relay-only policy: say so rather than time out on RTP.
    const { localCandidateTypes } = await phone.media();
    expect(localCandidateTypes, `${phone.user} got no TURN allocation from coturn`).toContain('relay');
  }
  for (const phone of [alice, bob]) {
    await Promise.all([expectInboundRtp(phone, 'audio'), expectInboundRtp(phone, 'video')]);
    const { candidatePairs } = await phone.media();
    expect(candidatePairs.length).toBeGreaterThan(0);
    // local/remote candidate types: ours is always a TURN allocation; the peer's relay address may
    // show up as peer-reflexive (its checks arrive before its candidate is known), which is still coturn.
    for (const pair of candidatePairs) expect(pair).toMatch(/^relay\/(relay|prflx)$/);
  }
  await alice.button('Hang up').click();
  await expect(bob.callStatus).toHaveText('Call ended');
});
