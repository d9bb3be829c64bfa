/**
 * Offline chat delivery on the embedded server, with raw SIP over WebSocket: a MESSAGE for a user who
 * is not registered is stored (202) and delivered when that user registers, removed only after the
 * phone's 2xx; unauthenticated, spoofed, oversize and over-quota MESSAGEs are refused and not stored.
 */
import { describe, expect, it } from 'vitest';
import { digestAuthorization, isRequest, type Incoming, type TestPhone } from '../sip/testing';
import { useSipTestServer } from '../sip/testing/server';

const sip = useSipTestServer({
  env: { CHAT_OFFLINE_MAX_PER_USER: '3', CHAT_OFFLINE_MAX_BODY_BYTES: '64' },
});
const TO_1003 = 'sip:1003@openline.local';
const TEXT: [string, string] = ['Content-Type', 'text/plain;charset=utf-8'];

function message(from: TestPhone, body: string, extra: Array<[string, string]> = [], callId?: string) {
  const m = from.outOfDialog('MESSAGE', TO_1003, { body, callId, extra: [TEXT, ...extra] });
  // outOfDialog adds text/plain by itself when there is a body: keep ours only.
  const text = m.text.replace(/\r\nContent-Type: text\/plain\r\n/, '\r\n');
  from.send(text);
  return { ...m, text };
}

const isMessage = (m: Incoming) => isRequest(m, 'MESSAGE');

describe('offline chat delivery (embedded server)', () => {
  it('stores a MESSAGE for a signed-out user (202), delivers it on REGISTER, and removes it only after 2xx', async () => {
    const ada = await sip.phone('1001');
    const sent = message(ada, 'are you there?', [
      ['Message-ID', 'm-1'],
      ['Disposition-Notification', 'positive-delivery, display'],
    ]);
    const accepted = await ada.final('MESSAGE');
    expect(accepted.statusCode).toBe(202);

    const cy = await sip.phone('1003', { register: false });
    await cy.register();
    const first = await cy.next(isMessage);
    expect(isRequest(first)).toBe(true);
    if (!isRequest(first)) return;
    expect(first.body).toBe('are you there?');
    expect(first.callId).toBe(sent.callId);
    expect(first.getHeader('message-id')).toBe('m-1');
    expect(first.getHeader('disposition-notification')).toBe('positive-delivery, display');
    expect(first.getHeader('content-type')).toBe('text/plain;charset=utf-8');
    expect(first.from.uri.user).toBe('1001');
    cy.reply(first, 500, { reason: 'Could not store' });

    // Not acknowledged: the next registration gets it again; a 200 then removes it.
    await cy.register();
    const again = await cy.next(isMessage);
    expect(isRequest(again) && again.callId).toBe(sent.callId);
    if (isRequest(again)) cy.reply(again, 200);
    await cy.nothing(isMessage, 100);
    await cy.register();
    await cy.nothing(isMessage, 300);
  });

  it('stores a retransmission once', async () => {
    const ada = await sip.phone('1001');
    const first = message(ada, 'once');
    expect((await ada.final('MESSAGE')).statusCode).toBe(202);
    ada.send(first.text);
    expect((await ada.final('MESSAGE')).statusCode).toBe(202);
    const cy = await sip.phone('1003');
    const got = await cy.next(isMessage);
    if (isRequest(got)) cy.reply(got, 200);
    await cy.nothing(isMessage, 300);
  });

  it('refuses an unauthenticated or spoofed MESSAGE and stores nothing', async () => {
    const stranger = await sip.phone('1002', { register: false });
    message(stranger, 'let me in');
    expect((await stranger.final('MESSAGE')).statusCode).toBe(407);

    const ada = await sip.phone('1001');
    const spoof = ada.outOfDialog('MESSAGE', TO_1003, { body: 'from 1002, honest', extra: [TEXT] });
    const spoofText = spoof.text.replace(`<sip:1001@openline.local>`, '<sip:1002@openline.local>');
    ada.send(spoofText);
    const challenge = await ada.final('MESSAGE');
    expect(challenge.statusCode).toBe(407);
    const auth = digestAuthorization(challenge.getHeader('proxy-authenticate')!, {
      username: '1001',
      password: 'openline',
      method: 'MESSAGE',
      uri: TO_1003,
    });
    ada.send(
      spoofText.replace(
        /CSeq: (\d+) MESSAGE/,
        (_m, n) => `CSeq: ${Number(n) + 1} MESSAGE\r\nProxy-Authorization: ${auth}`,
      ),
    );
    expect((await ada.final('MESSAGE')).statusCode).toBe(403);

    const cy = await sip.phone('1003');
    await cy.nothing(isMessage, 300);
  });

  it('refuses an oversize body (413), a typing indication (480) and a full mailbox (480)', async () => {
    const ada = await sip.phone('1001');
    message(ada, 'x'.repeat(65));
    const big = await ada.final('MESSAGE');
    expect(big.statusCode).toBe(413);
    expect(big.reasonPhrase).toMatch(/64 bytes/);

    ada.send(
      ada
        .outOfDialog('MESSAGE', TO_1003, {
          body: '<isComposing/>',
          extra: [['Content-Type', 'application/im-iscomposing+xml']],
        })
        .text.replace(/\r\nContent-Type: text\/plain\r\n/, '\r\n'),
    );
    expect((await ada.final('MESSAGE')).statusCode).toBe(480);

    for (const body of ['one', 'two', 'three']) {
      message(ada, body);
      expect((await ada.final('MESSAGE')).statusCode).toBe(202);
    }
    message(ada, 'four');
    const full = await ada.final('MESSAGE');
    expect(full.statusCode).toBe(480);
    expect(full.reasonPhrase).toMatch(/too many/);

    const cy = await sip.phone('1003');
    const bodies: string[] = [];
    for (let i = 0; i < 3; i++) {
      const got = await cy.next(isMessage);
      if (!isRequest(got)) continue;
      bodies.push(got.body);
      cy.reply(got, 200);
    }
    expect(bodies).toEqual(['one', 'two', 'three']);
  });
});
