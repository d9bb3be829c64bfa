/**
 * Voicemail deposit against the real server: raw SIP over WebSocket for signalling and a real werift
 * peer as the caller's media, so the server's werift endpoint answers, plays the greeting, records
 * the tone and files a message that decodes to audio of the right length.
 */
import { describe, expect, it } from 'vitest';
import { useSipTestServer } from '../sip/testing/server';
import { isRequest, type IncomingRequestMessage, type TestPhone } from '../sip/testing/test-phone';
import { waitUntil } from '../sip/testing/wire';
import { answered, cancel, dial, GREETING_PACKETS, hangUp, leaveMessage } from './testing/deposit-call';
import { decodeOggOpus } from './testing/ogg-decode';

const shared = useSipTestServer({ options: { demoPassword: 'pw', voicemailNoAnswerMs: 400 } });

interface Listed {
  id: string;
  caller: string;
  callerName: string;
  callId: string;
  durationMs: number;
  source: string;
}

async function signIn(user: string): Promise<string> {
  const res = await fetch(`${shared.server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'pw' }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function mailbox(
  user: string,
): Promise<{ messages: Listed[]; audio: (id: string) => Promise<Buffer> }> {
  const cookie = await signIn(user);
  const res = await fetch(`${shared.server.url}/api/voicemail`, { headers: { cookie } });
  const { messages } = (await res.json()) as { messages: Listed[] };
  const audio = async (id: string) =>
    Buffer.from(
      await (
        await fetch(`${shared.server.url}/api/voicemail/${id}/audio`, { headers: { cookie } })
      ).arrayBuffer(),
    );
  return { messages, audio };
}

async function clean(users: string[]): Promise<void> {
  const stats = () => shared.server.voicemailDeposits!();
  await waitUntil(() => stats().active === 0 && shared.server.sipStats().transactions === 0, 5000);
  for (const user of users) {
    const cookie = await signIn(user);
    const { messages } = await mailbox(user);
    for (const m of messages)
      await fetch(`${shared.server.url}/api/voicemail/${m.id}`, { method: 'DELETE', headers: { cookie } });
  }
}

const phone = (user: string, register = true) => shared.phone(user, { password: 'pw', register });
const invite = (p: TestPhone) => p.request('INVITE', 5000);

describe('voicemail deposit (embedded server, werift on both ends)', { timeout: 30_000 }, () => {
  it('answers for an unregistered user, plays the greeting, records the caller until BYE', async () => {
    const caller = await phone('1001');
    const call = await dial(caller, '1002');
    const ringing = await caller.response(180, 'INVITE', 5000);
    expect(ringing.statusCode).toBe(180);
    const ok = await answered(caller, call, '1002');
    expect(ok.getHeader('content-type')).toBe('application/sdp');
    await leaveMessage(call, 100); // 2 s of tone after the beep
    await hangUp(caller, call);
    expect(call.media.received).toBeGreaterThanOrEqual(GREETING_PACKETS - 2);

    await waitUntil(() => shared.server.voicemailDeposits!().stored === 1, 5000);
    const box = await mailbox('1002');
    expect(box.messages).toHaveLength(1);
    const m = box.messages[0]!;
    expect(m).toMatchObject({
      caller: '1001',
      callerName: '1001',
      callId: call.inv.callId,
    });
    expect(m.durationMs).toBeGreaterThan(1600);
    expect(m.durationMs).toBeLessThan(2600);
    const decoded = decodeOggOpus(await box.audio(m.id));
    expect(decoded.durationMs).toBeGreaterThan(1600);
    expect(decoded.durationMs).toBeLessThan(2600);
    expect(decoded.rms).toBeGreaterThan(0.1); // the tone's gain is 0.5 (RMS ≈ 0.35); silence is ≈ 0
    await clean(['1002']);
  });

  it('calling your own number with no other phone goes to your voicemail, never back to the caller', async () => {
    const self = await phone('1003');
    const call = await dial(self, '1003');
    await answered(self, call, '1003');
    expect(self.inbox.filter((m) => isRequest(m, 'INVITE'))).toEqual([]);
    await leaveMessage(call, 75);
    await hangUp(self, call);
    await waitUntil(() => shared.server.voicemailDeposits!().stored >= 1, 5000);
    expect((await mailbox('1003')).messages.map((m) => [m.caller, m.callId])).toEqual([
      ['1003', call.inv.callId],
    ]);
    await clean(['1003']);
  });

  it('sends a busy callee (486) to voicemail and notifies MWI', async () => {
    const callee = await phone('1002');
    const sub = callee.outOfDialog('SUBSCRIBE', callee.aor, {
      extra: [
        ['Event', 'message-summary'],
        ['Accept', 'application/simple-message-summary'],
      ],
    });
    callee.send(sub.text);
    expect((await callee.final('SUBSCRIBE')).statusCode).toBe(200);
    const first = await callee.next<IncomingRequestMessage>((m) => isRequest(m, 'NOTIFY'));
    expect(first.body).toContain('Voice-Message: 0/0');
    callee.reply(first, 200);

    const caller = await phone('1001');
    const call = await dial(caller, '1002');
    callee.reply(await invite(callee), 486, { reason: 'Busy Here' });
    await answered(caller, call, '1002');
    await leaveMessage(call, 75);
    await hangUp(caller, call);
    const notify = await callee.next<IncomingRequestMessage>((m) => isRequest(m, 'NOTIFY'), 5000);
    expect(notify.body).toContain('Voice-Message: 1/0');
    expect(notify.body).toContain('Messages-Waiting: yes');
    await clean(['1002']);
  });

  it('cancels ringing phones after the no-answer time and answers; a BYE during the greeting stores nothing', async () => {
    const callee = await phone('1002');
    const caller = await phone('1001');
    const before = shared.server.voicemailDeposits!();
    const call = await dial(caller, '1002');
    const incoming = await invite(callee);
    callee.reply(incoming, 180, { toTag: 'ringing' });
    const cancelled = await callee.request('CANCEL', 5000);
    expect(cancelled.getHeader('reason')).toContain('No answer');
    callee.reply(cancelled, 200);
    callee.reply(incoming, 487, { toTag: 'ringing' });
    await answered(caller, call, '1002');
    await waitUntil(() => call.media.received > 5, 10_000); // greeting playing
    await hangUp(caller, call);
    await waitUntil(() => shared.server.voicemailDeposits!().active === 0, 5000);
    const after = shared.server.voicemailDeposits!();
    expect(after.answered).toBe(before.answered + 1);
    expect(after.stored).toBe(before.stored);
    expect((await mailbox('1002')).messages).toHaveLength(0);
    await clean(['1002']);
  });

  it('a caller CANCEL while the phone rings ends the call with 487 and never reaches voicemail', async () => {
    const callee = await phone('1002');
    const caller = await phone('1001');
    const before = shared.server.voicemailDeposits!();
    const call = await dial(caller, '1002');
    const incoming = await invite(callee);
    callee.reply(incoming, 180, { toTag: 'ringing' });
    await caller.response(180, 'INVITE', 5000);
    cancel(caller, call, '1002');
    const theirCancel = await callee.request('CANCEL', 5000);
    callee.reply(theirCancel, 200);
    callee.reply(incoming, 487, { toTag: 'ringing' });
    expect((await caller.final('INVITE', 5000)).statusCode).toBe(487);
    // Longer than the no-answer time: the voicemail branch must not start after all.
    await callee.nothing((m) => isRequest(m, 'INVITE') || isRequest(m, 'CANCEL'), 600);
    expect(shared.server.voicemailDeposits!()).toEqual(before);
    await call.media.close();
    await clean([]);
  });

  it('603 Decline and 600 Busy Everywhere are global (RFC 3261 §16.7): no voicemail, the caller gets them', async () => {
    const callee = await phone('1002');
    const caller = await phone('1001');
    const before = shared.server.voicemailDeposits!();
    for (const status of [603, 600]) {
      const call = await dial(caller, '1002');
      callee.reply(await invite(callee), status, { reason: 'Global' });
      expect((await caller.final('INVITE', 5000)).statusCode).toBe(status);
      await call.media.close();
    }
    expect(shared.server.voicemailDeposits!()).toEqual(before);
  });

  it('a non-WebRTC offer is not voicemail’s: the caller gets 480 as before', async () => {
    const caller = await phone('1001');
    const inv = caller.outOfDialog('INVITE', 'sip:1003@openline.local', { body: 'v=0\r\n' });
    caller.send(inv.text);
    expect((await caller.final('INVITE', 5000)).statusCode).toBe(480);
  });
});

describe('voicemail deposit: maximum length', { timeout: 30_000 }, () => {
  const short = useSipTestServer({ options: { demoPassword: 'pw', voicemailMaxMs: 1500 } });
  it('the server hangs up (BYE) at the maximum length and keeps the message', async () => {
    const caller = await short.phone('1001', { password: 'pw' });
    const call = await dial(caller, '1003');
    await answered(caller, call, '1003');
    const bye = await caller.request('BYE', 15_000);
    expect(bye.getHeader('reason')).toContain('Maximum message length');
    caller.reply(bye, 200);
    await call.media.close();
    await waitUntil(() => short.server.voicemailDeposits!().stored === 1, 5000);
    expect(short.server.voicemailDeposits!().active).toBe(0);
  });
});
