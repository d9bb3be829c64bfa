/**
 * MWI against the real server: raw SIP over WebSocket (parsed with sip.js's own parser), mailbox
 * changes made through the HTTP API.
 */
import { describe, expect, it } from 'vitest';
import { useSipTestServer } from '../sip/testing/server';
import { isRequest, type IncomingRequestMessage, type TestPhone } from '../sip/testing/test-phone';
import { ingest, oggTone } from './testing/fixtures';

const KEY = 'mwi-test-key-'.padEnd(40, 'x');
const shared = useSipTestServer({ options: { voicemailIngestKey: KEY, demoPassword: 'pw' } });
const ogg = oggTone(400);

function subscribe(phone: TestPhone, target = phone.aor, extra: Array<[string, string]> = []) {
  const sub = phone.outOfDialog('SUBSCRIBE', target, {
    extra: [
      ['Event', 'message-summary'],
      ...(extra.some(([k]) => k === 'Accept')
        ? []
        : [['Accept', 'application/simple-message-summary'] as [string, string]]),
      ...extra,
    ],
  });
  phone.send(sub.text);
  return sub;
}

const notify = (phone: TestPhone) => phone.next<IncomingRequestMessage>((m) => isRequest(m, 'NOTIFY'));

async function deposit(mailbox: string): Promise<string> {
  const res = await ingest(shared.server.url, {
    key: KEY,
    fields: { mailbox, caller: '1003' },
    file: { bytes: ogg, type: 'audio/ogg' },
  });
  expect(res.status).toBe(201);
  return (res.json as { id: string }).id;
}

async function api(method: string, path: string, user: string): Promise<number> {
  const signIn = await fetch(`${shared.server.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'pw' }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  return (await fetch(`${shared.server.url}${path}`, { method, headers: { cookie } })).status;
}

describe('MWI: SUBSCRIBE/NOTIFY message-summary (RFC 3842)', { timeout: 20_000 }, () => {
  it('notifies the counts at once and on every deposit, heard and delete; unsubscribe ends it', async () => {
    const phone = await shared.phone('1001', { password: 'pw' });
    const sub = subscribe(phone, phone.aor, [['Expires', '600']]);
    const ok = await phone.final('SUBSCRIBE');
    expect(ok.statusCode).toBe(200);
    expect(ok.getHeader('expires')).toBe('600');
    const ourContact = ok.getHeader('contact')!;
    const first = await notify(phone);
    expect(first.getHeader('event')).toBe('message-summary');
    expect(first.getHeader('subscription-state')).toBe('active;expires=600');
    expect(first.getHeader('content-type')).toBe('application/simple-message-summary');
    expect(first.callId).toBe(sub.callId);
    expect(first.toTag).toBe(sub.fromTag);
    expect(first.fromTag).toBe(ok.toTag);
    expect(first.body).toContain('Messages-Waiting: no\r\n');
    expect(first.body).toContain('Message-Account: sip:1001@openline.local\r\n');
    expect(first.body).toContain('Voice-Message: 0/0 (0/0)');

    const id = await deposit('1001');
    const deposited = await notify(phone);
    expect(deposited.body).toContain('Messages-Waiting: yes');
    expect(deposited.body).toContain('Voice-Message: 1/0 (0/0)');
    expect(Number(deposited.getHeader('cseq')!.split(' ')[0])).toBeGreaterThan(
      Number(first.getHeader('cseq')!.split(' ')[0]),
    );

    await deposit('1002'); // another mailbox: nothing for 1001
    expect(await api('POST', `/api/voicemail/${id}/heard`, '1001')).toBe(200);
    const heard = await notify(phone);
    expect(heard.body).toContain('Messages-Waiting: no');
    expect(heard.body).toContain('Voice-Message: 0/1 (0/0)');
    expect(await api('DELETE', `/api/voicemail/${id}`, '1001')).toBe(200);
    expect((await notify(phone)).body).toContain('Voice-Message: 0/0 (0/0)');

    // Unsubscribe: an in-dialog SUBSCRIBE to our Contact with Expires: 0.
    phone.inDialog(
      'SUBSCRIBE',
      {
        target: /<([^>]*)>/.exec(ourContact)![1]!,
        routes: [],
        callId: sub.callId,
        localTag: sub.fromTag,
        remoteTag: ok.toTag!,
        remoteUri: phone.aor,
      },
      {
        extra: [
          ['Event', 'message-summary'],
          ['Expires', '0'],
        ],
      },
    );
    expect((await phone.final('SUBSCRIBE')).statusCode).toBe(200);
    expect((await notify(phone)).getHeader('subscription-state')).toMatch(/^terminated/);
    await deposit('1001');
    await phone.nothing((m) => isRequest(m, 'NOTIFY'), 300);
  });

  it("refuses other users' mailboxes, unauthenticated subscribers, short Expires and foreign refreshes", async () => {
    const phone = await shared.phone('1002', { password: 'pw' });
    subscribe(phone, 'sip:1001@openline.local');
    const forbidden = await phone.final('SUBSCRIBE');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.reasonPhrase).toMatch(/own mailbox/);

    subscribe(phone, phone.aor, [['Expires', '10']]);
    const brief = await phone.final('SUBSCRIBE');
    expect(brief.statusCode).toBe(423);
    expect(brief.getHeader('min-expires')).toBe('60');

    subscribe(phone, phone.aor, [['Accept', 'text/html']]);
    expect((await phone.final('SUBSCRIBE')).statusCode).toBe(406);

    const stranger = await shared.phone('1001', { register: false });
    subscribe(stranger, 'sip:1001@openline.local');
    expect((await stranger.final('SUBSCRIBE')).statusCode).toBe(407);

    // A live subscription of 1002 cannot be refreshed (or ended) from another connection.
    const sub = subscribe(phone);
    const ok = await phone.final('SUBSCRIBE');
    await notify(phone);
    const other = await shared.phone('1001', { password: 'pw' });
    other.inDialog(
      'SUBSCRIBE',
      {
        target: 'sip:openline.local;transport=ws',
        routes: [],
        callId: sub.callId,
        localTag: sub.fromTag,
        remoteTag: ok.toTag!,
        remoteUri: phone.aor,
      },
      {
        extra: [
          ['Event', 'message-summary'],
          ['Expires', '0'],
        ],
      },
    );
    expect((await other.final('SUBSCRIBE')).statusCode).toBe(481);
    await deposit('1002');
    expect((await notify(phone)).getHeader('subscription-state')).toMatch(/^active;expires=\d+$/);
  });
});
