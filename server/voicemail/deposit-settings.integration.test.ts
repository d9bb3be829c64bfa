/**
 * Per-account voicemail settings against the real server, over raw SIP/WebSocket with a werift caller:
 * the callee's own no-answer time drives the proxy's failover (the server default is 5 minutes here,
 * so a CANCEL at all proves the account's 5 s), "voicemail off" ends calls as without voicemail, and
 * the caller receives the callee's uploaded greeting, packet for packet.
 */
import { describe, expect, it } from 'vitest';
import { useSipTestServer } from '../sip/testing/server';
import {
  isRequest,
  isResponse,
  type IncomingResponseMessage,
  type TestPhone,
} from '../sip/testing/test-phone';
import { waitUntil } from '../sip/testing/wire';
import { oggPackets } from './ogg-read';
import { answered, cancel, dial, hangUp } from './testing/deposit-call';
import { oggTone, uploadGreeting } from './testing/fixtures';

const shared = useSipTestServer({ options: { demoPassword: 'pw', voicemailNoAnswerMs: 300_000 } });

async function signIn(user: string): Promise<string> {
  const res = await fetch(`${shared.server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'pw' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function setSettings(user: string, enabled: boolean, noAnswerS: number | null): Promise<void> {
  const res = await fetch(`${shared.server.url}/api/voicemail/settings`, {
    method: 'PUT',
    headers: { cookie: await signIn(user), 'Content-Type': 'application/json' },
    body: JSON.stringify({ enabled, noAnswerS }),
  });
  expect(res.status).toBe(200);
}

const phone = (user: string, register = true) => shared.phone(user, { password: 'pw', register });
const invite = (p: TestPhone) => p.request('INVITE', 5000);
const idle = () => waitUntil(() => shared.server.voicemailDeposits!().active === 0, 10_000);

describe('voicemail settings per account (embedded server, werift caller)', { timeout: 40_000 }, () => {
  it("rings each callee for their own time: 1002's 5 s, while 1003 keeps the server's 5 minutes", async () => {
    await setSettings('1002', true, 5);
    const ada = await phone('1001');
    const ben = await phone('1002');
    const cleo = await phone('1003');
    const toCleo = await dial(ada, '1003');
    const cleoInvite = await invite(cleo);
    cleo.reply(cleoInvite, 180, { toTag: 'cleo' });
    const toBen = await dial(ada, '1002');
    const benInvite = await invite(ben);
    ben.reply(benInvite, 180, { toTag: 'ben' });

    const cancelled = await ben.request('CANCEL', 15_000);
    expect(cancelled.getHeader('reason')).toContain('No answer');
    // Cleo rang longer than Ben's 5 s and was not cancelled: her calls keep the server's default.
    await cleo.nothing((m) => isRequest(m, 'CANCEL'), 10);
    ben.reply(cancelled, 200);
    ben.reply(benInvite, 487, { toTag: 'ben' });

    // Ada gives up on Cleo; Ben's call is answered by voicemail.
    cancel(ada, toCleo, '1003');
    cleo.reply(await cleo.request('CANCEL', 5000), 200);
    cleo.reply(cleoInvite, 487, { toTag: 'cleo' });
    const gaveUp = await ada.next<IncomingResponseMessage>(
      (m) => isResponse(m, 487, 'INVITE') && m.getHeader('call-id') === toCleo.inv.callId,
      5000,
    );
    expect(gaveUp.statusCode).toBe(487);
    await toCleo.media.close();
    await answered(ada, toBen, '1002');
    await hangUp(ada, toBen);
    await idle();
    await setSettings('1002', true, null);
  });

  it('voicemail off: unregistered and busy callees end the call as without voicemail', async () => {
    await setSettings('1003', false, null);
    const ada = await phone('1001');
    const before = shared.server.voicemailDeposits!();
    const offline = await dial(ada, '1003');
    expect((await ada.final('INVITE', 5000)).statusCode).toBe(480);
    await offline.media.close();

    const cleo = await phone('1003');
    const busy = await dial(ada, '1003');
    cleo.reply(await invite(cleo), 486, { reason: 'Busy Here' });
    expect((await ada.final('INVITE', 5000)).statusCode).toBe(486);
    await busy.media.close();
    expect(shared.server.voicemailDeposits!()).toEqual(before);
    await setSettings('1003', true, null);
    await idle();
  });

  it("plays the callee's own greeting: the caller receives the uploaded Opus packets unchanged", async () => {
    const greeting = oggTone(600); // 30 packets, 440 Hz
    const up = await uploadGreeting(shared.server.url, await signIn('1003'), {
      bytes: greeting,
      type: 'audio/ogg',
    });
    expect(up.status).toBe(200);
    const expected = oggPackets(greeting)
      .slice(2)
      .filter((p) => p.length > 0);

    const ada = await phone('1001');
    const call = await dial(ada, '1003');
    await answered(ada, call, '1003');
    await waitUntil(() => call.media.received >= expected.length, 15_000);
    await hangUp(ada, call);
    const got = call.media.payloads.slice(0, expected.length);
    expect(got.map((p) => p.toString('hex'))).toEqual(expected.map((p) => p.toString('hex')));
    await idle();
  });
});
