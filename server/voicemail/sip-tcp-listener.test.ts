/**
 * Kamailio mode's voicemail door: the real server with SIP_SERVER=external, raw SIP over TCP to its
 * loopback listener (the test plays Kamailio) and a real werift caller, so a deposit is answered,
 * plays the greeting and is stored; plus the listener's bounds (size, framing, mailbox, loopback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config';
import { startSipTestServer, type SipTestServer } from '../sip/testing/server';
import { sipMessage, waitUntil } from '../sip/testing/wire';
import { isLoopback, nextFrame, parseListenAddress } from './sip-tcp-listener';
import { GREETING_PACKETS } from './testing/deposit-call';
import { decodeOggOpus } from './testing/ogg-decode';
import { isResponse, TcpProxyPeer } from './testing/tcp-proxy-peer';
import { WeriftCaller } from './testing/werift-caller';
import { EXTERNAL_LISTENER_OPTIONS } from './testing/listener-options';

let harness: SipTestServer;
const peers: TcpProxyPeer[] = [];

beforeAll(async () => {
  harness = await startSipTestServer({
    options: {
      demoPassword: 'pw',
      ...EXTERNAL_LISTENER_OPTIONS,
    },
  });
});
afterAll(async () => {
  for (const p of peers) p.close();
  await harness.stop();
});

async function kamailio(): Promise<TcpProxyPeer> {
  const peer = await TcpProxyPeer.connect(harness.server.voicemailSipAddress!);
  peers.push(peer);
  return peer;
}

/** What Kamailio's failure_route relays: the caller's INVITE with Kamailio's Via and Record-Route on top. */
function invite(peer: TcpProxyPeer, user: string, body: string, callId = randomBytes(8).toString('hex')) {
  const via = `SIP/2.0/TCP 127.0.0.1:${peer.port};branch=z9hG4bK${randomBytes(6).toString('hex')}`;
  const common: Array<[string, string]> = [
    ['From', '"Ada Agent" <sip:1001@openline.local>;tag=caller1'],
    ['Call-ID', callId],
  ];
  const text = sipMessage(
    `INVITE sip:${user}@openline.local SIP/2.0`,
    [
      ['Record-Route', '<sip:127.0.0.1:35060;transport=tcp;lr;r2=on>'],
      ['Record-Route', '<sip:127.0.0.1:38080;transport=ws;lr;r2=on>'],
      ['Via', via],
      ['Via', 'SIP/2.0/WS caller.invalid;branch=z9hG4bKcaller;received=127.0.0.1;rport=40000'],
      ['Max-Forwards', '69'],
      ...common,
      ['To', `<sip:${user}@openline.local>`],
      ['CSeq', '1 INVITE'],
      ['Contact', '<sip:caller@caller.invalid;transport=ws;alias=127.0.0.1~40000~5>'],
      ['Content-Type', 'application/sdp'],
    ],
    body,
  );
  peer.write(text);
  return { callId, via, common, user };
}

function inDialog(
  peer: TcpProxyPeer,
  method: 'ACK' | 'BYE',
  call: ReturnType<typeof invite>,
  toTag: string,
  cseq: number,
) {
  const branch = `z9hG4bK${randomBytes(6).toString('hex')}`;
  peer.write(
    sipMessage(`${method} sip:voicemail@${harness.server.voicemailSipAddress};transport=tcp SIP/2.0`, [
      ['Via', `SIP/2.0/TCP 127.0.0.1:${peer.port};branch=${branch}`],
      ['Max-Forwards', '69'],
      ...call.common,
      ['To', `<sip:${call.user}@openline.local>;tag=${toTag}`],
      ['CSeq', `${cseq} ${method}`],
    ]),
  );
}

async function mailbox(user: string) {
  const session = await fetch(`${harness.url}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password: 'pw' }),
  });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0]!;
  const list = (await (await fetch(`${harness.url}/api/voicemail`, { headers: { cookie } })).json()) as {
    messages: Array<{ id: string; caller: string; callId: string; durationMs: number; source: string }>;
  };
  const audio = async (id: string) =>
    Buffer.from(
      await (await fetch(`${harness.url}/api/voicemail/${id}/audio`, { headers: { cookie } })).arrayBuffer(),
    );
  return { messages: list.messages, audio };
}

describe('voicemail SIP/TCP listener (Kamailio mode)', { timeout: 30_000 }, () => {
  it('answers an INVITE relayed over TCP, plays the greeting and stores the message after BYE', async () => {
    const peer = await kamailio();
    const media = new WeriftCaller();
    const call = invite(peer, '1002', await media.offer());
    const ringing = await peer.next(isResponse(180, 'INVITE'));
    expect(ringing.get('via')).toContain(`127.0.0.1:${peer.port}`);
    const ok = await peer.next(isResponse(200, 'INVITE'), 15_000);
    // Kamailio must reach the dialog's later requests here: Contact names the listener, over TCP.
    expect(ok.get('contact')).toBe(`<sip:voicemail@${harness.server.voicemailSipAddress};transport=tcp>`);
    expect(ok.getAll('record-route')).toHaveLength(2);
    const toTag = /;tag=([^;]+)/.exec(ok.get('to')!)![1]!;
    inDialog(peer, 'ACK', call, toTag, 1);
    await media.answered(ok.body);
    media.start();
    await waitUntil(() => media.received >= GREETING_PACKETS - 2, 15_000);
    const from = media.sent;
    await waitUntil(() => media.sent >= from + 100, 15_000); // 2 s of tone after the beep
    inDialog(peer, 'BYE', call, toTag, 2);
    expect((await peer.next(isResponse(200, 'BYE'))).cseq.method).toBe('BYE');
    await media.close();

    await waitUntil(() => harness.server.voicemailDeposits!().stored === 1, 5000);
    const box = await mailbox('1002');
    expect(box.messages).toHaveLength(1);
    expect(box.messages[0]).toMatchObject({ caller: '1001', callId: call.callId });
    const decoded = decodeOggOpus(await box.audio(box.messages[0]!.id));
    expect(decoded.durationMs).toBeGreaterThan(1600);
    expect(decoded.durationMs).toBeLessThan(2600);
    expect(decoded.rms).toBeGreaterThan(0.1);
  });

  it('refuses a mailbox that is no local account (404) and a non-WebRTC offer (480)', async () => {
    const peer = await kamailio();
    invite(peer, 'nobody', 'v=0\r\n');
    expect((await peer.response(404, 'INVITE')).reason).toContain('no such mailbox');
    invite(peer, '1003', 'v=0\r\n');
    await peer.next(isResponse(480, 'INVITE'));
    expect(harness.server.voicemailDeposits!().active).toBe(0);
  });

  it('answers an in-dialog request for no call with 481', async () => {
    const peer = await kamailio();
    const common: Array<[string, string]> = [
      ['From', '<sip:1001@openline.local>;tag=x'],
      ['Call-ID', 'no-such-call'],
    ];
    inDialog(peer, 'BYE', { callId: 'no-such-call', via: '', common, user: '1002' }, 'nope', 2);
    await peer.next(isResponse(481, 'BYE'));
  });

  it('answers an oversized message with 413 and closes the connection', async () => {
    const peer = await kamailio();
    invite(peer, '1002', `v=0\r\na=x:${'y'.repeat(70_000)}\r\n`);
    await peer.next(isResponse(413, 'INVITE'));
    await waitUntil(() => peer.closed, 5000);
    expect(peer.closed).toBe(true);
  });

  it('closes a connection whose message has no Content-Length (required over TCP)', async () => {
    const peer = await kamailio();
    peer.write(
      'OPTIONS sip:1002@openline.local SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:1;branch=z9hG4bKx\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:1002@openline.local>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n\r\n',
    );
    const bad = await peer.response(400, 'OPTIONS');
    expect(bad.reason).toContain('Content-Length');
    await waitUntil(() => peer.closed, 5000);
  });

  it('refuses to start on a taken address, naming VOICEMAIL_SIP_LISTEN', async () => {
    await expect(
      startSipTestServer({
        options: {
          sipServer: 'external',
          sipWsUrl: 'ws://127.0.0.1:9/',
          voicemailSipListen: harness.server.voicemailSipAddress!,
        },
      }),
    ).rejects.toThrow(/VOICEMAIL_SIP_LISTEN: 127\.0\.0\.1:\d+ is in use/);
  });

  it('is not started on the embedded server (its proxy reaches the agent in process)', async () => {
    expect(harness.server.voicemailSipAddress).toMatch(/^127\.0\.0\.1:\d+$/);
    const embedded = await startSipTestServer({ options: { voicemailSipListen: '127.0.0.1:0' } });
    expect(embedded.server.voicemailSipAddress).toBeUndefined();
    await embedded.stop();
  });
});

describe('voicemail SIP/TCP listener: pure checks', () => {
  it('takes loopback peers only', () => {
    expect(['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(
      ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', '2001:db8::1', '', undefined].some(isLoopback),
    ).toBe(false);
  });

  it('binds to loopback addresses only', () => {
    expect(parseListenAddress('127.0.0.1:5090')).toEqual({ host: '127.0.0.1', port: 5090 });
    expect(parseListenAddress('[::1]:5090')).toEqual({ host: '::1', port: 5090 });
    expect(() => parseListenAddress('0.0.0.0:5090')).toThrow(/not a loopback/);
    expect(() => parseListenAddress('127.0.0.1')).toThrow(/not host:port/);
    expect(() => loadConfig({ VOICEMAIL_SIP_LISTEN: '0.0.0.0:5090' })).toThrow(/VOICEMAIL_SIP_LISTEN/);
    expect(loadConfig({ VOICEMAIL_SIP_LISTEN: 'off' }).voicemailSipListen).toBe('off');
  });

  it('frames by Content-Length and bounds the size', () => {
    const msg = Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nl: 3\r\n\r\nabcOPT');
    const frame = nextFrame(msg, 1000);
    expect(frame.kind === 'message' && frame.bytes.toString()).toBe(
      'OPTIONS sip:a@b SIP/2.0\r\nl: 3\r\n\r\nabc',
    );
    expect(
      nextFrame(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 10\r\n\r\nabc'), 1000).kind,
    ).toBe('incomplete');
    expect(nextFrame(Buffer.from('OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 2000\r\n\r\n'), 1000)).toEqual({
      kind: 'error',
      why: 'message too large',
    });
    expect(nextFrame(Buffer.alloc(2000, 0x41), 1000)).toEqual({ kind: 'error', why: 'headers too large' });
  });
});
