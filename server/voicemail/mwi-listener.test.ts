/**
 * MWI on the voicemail SIP/TCP listener (mwi-kamailio.ts): the real server in external mode, raw SIP
 * over TCP as Kamailio's route[MWI] relays it (Record-Route, P-Asserted-Identity, X-Openline-Flow).
 * The notifier answers only what Kamailio asserts, NOTIFYs along the route set, binds refreshes to
 * the subscribing flow, and caps subscriptions per flow rather than per (shared) Kamailio connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { SipMessage } from '../sip/message';
import { startSipTestServer, type SipTestServer } from '../sip/testing/server';
import { sipMessage } from '../sip/testing/wire';
import { ingest, oggTone } from './testing/fixtures';
import { isRequest, TcpProxyPeer } from './testing/tcp-proxy-peer';
import { EXTERNAL_LISTENER_OPTIONS } from './testing/listener-options';

const KEY = 'mwi-listener-key-'.padEnd(40, 'x');
const RR = [
  '<sip:127.0.0.1:35060;transport=tcp;r2=on;lr;ftag=a1>',
  '<sip:127.0.0.1:38080;transport=ws;r2=on;lr;ftag=a1>',
];
let harness: SipTestServer;
const peers: TcpProxyPeer[] = [];

beforeAll(async () => {
  harness = await startSipTestServer({
    options: {
      ...EXTERNAL_LISTENER_OPTIONS,
      voicemailIngestKey: KEY,
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

interface Sub {
  user: string;
  callId: string;
  fromTag: string;
  /** Headers Kamailio adds; leave one out with `omit`. */
  asserted?: string | null;
  flow?: string | null;
  toTag?: string;
  expires?: number;
  cseq?: number;
}

/** A SUBSCRIBE as Kamailio relays it: its Via and Record-Route on top, the browser's below. */
function subscribe(peer: TcpProxyPeer, s: Sub): void {
  const headers: Array<[string, string]> = [
    ...(s.toTag ? [] : RR.map((rr): [string, string] => ['Record-Route', rr])),
    ['Via', `SIP/2.0/TCP 127.0.0.1:${peer.port};branch=z9hG4bK${randomBytes(6).toString('hex')}`],
    ['Via', 'SIP/2.0/WS abc.invalid;branch=z9hG4bKphone;received=127.0.0.1;rport=40000'],
    ['Max-Forwards', '69'],
    ['From', `<sip:${s.user}@openline.local>;tag=${s.fromTag}`],
    ['To', `<sip:${s.user}@openline.local>${s.toTag ? `;tag=${s.toTag}` : ''}`],
    ['Call-ID', s.callId],
    ['CSeq', `${s.cseq ?? 1} SUBSCRIBE`],
    ['Contact', '<sip:x@abc.invalid;transport=ws;alias=127.0.0.1~40000~5>'],
    ['Event', 'message-summary'],
    ['Accept', 'application/simple-message-summary'],
    ['Expires', String(s.expires ?? 600)],
  ];
  if (s.asserted !== null)
    headers.push(['P-Asserted-Identity', s.asserted ?? `<sip:${s.user}@openline.local>`]);
  if (s.flow !== null) headers.push(['X-Openline-Flow', s.flow ?? 'ws:127.0.0.1:40000']);
  const ruri = s.toTag
    ? `sip:mwi@${harness.server.voicemailSipAddress};transport=tcp`
    : `sip:${s.user}@openline.local`;
  peer.write(sipMessage(`SUBSCRIBE ${ruri} SIP/2.0`, headers));
}

const newSub = (user: string, extra: Partial<Sub> = {}): Sub => ({
  user,
  callId: randomBytes(8).toString('hex'),
  fromTag: randomBytes(4).toString('hex'),
  ...extra,
});

/** The next NOTIFY for `callId`, answered 200 as Kamailio would relay the phone's answer. */
async function notified(peer: TcpProxyPeer, callId: string): Promise<SipMessage> {
  const n = await peer.next((m) => isRequest('NOTIFY')(m) && m.callId === callId);
  const via = n.getAll('via').map((v): [string, string] => ['Via', v]);
  peer.write(
    sipMessage('SIP/2.0 200 OK', [
      ...via,
      ['From', n.get('from')!],
      ['To', n.get('to')!],
      ['Call-ID', n.callId],
      ['CSeq', `${n.cseq.seq} NOTIFY`],
    ]),
  );
  return n;
}

describe('MWI on the voicemail SIP/TCP listener (Kamailio mode)', { timeout: 20_000 }, () => {
  it('subscribes the asserted user, NOTIFYs along the route set, and ends on Expires: 0', async () => {
    const peer = await kamailio();
    const sub = newSub('1002');
    subscribe(peer, sub);
    const ok = await peer.response(200, 'SUBSCRIBE');
    const address = harness.server.voicemailSipAddress!;
    expect(ok.getAll('record-route')).toEqual(RR);
    expect(ok.get('contact')).toBe(`<sip:mwi@${address};transport=tcp>`);
    const first = await notified(peer, sub.callId);
    expect(first.kind === 'request' && first.ruri.raw).toBe(
      'sip:x@abc.invalid;transport=ws;alias=127.0.0.1~40000~5',
    );
    expect(first.getAll('route')).toEqual(RR);
    expect(first.get('via')).toMatch(new RegExp(`^SIP/2.0/TCP ${address.replace(/\./g, '\\.')};branch=`));
    expect(first.body).toContain('Voice-Message: 0/0');
    // For Kamailio's branch timer: 1002 keeps the default ring time (Settings → Voicemail).
    expect(first.get('x-openline-no-answer')).toBe('default');

    const next = notified(peer, sub.callId);
    const res = await ingest(harness.url, {
      key: KEY,
      fields: { mailbox: '1002', caller: '1001' },
      file: { bytes: oggTone(300), type: 'audio/ogg' },
    });
    expect(res.status).toBe(201);
    expect((await next).body).toContain('Voice-Message: 1/0');

    const toTag = /;tag=([^;]+)/.exec(ok.get('to')!)![1]!;
    // A refresh over another flow (someone else's connection to Kamailio): 481, the subscription stays.
    subscribe(peer, { ...sub, toTag, cseq: 2, expires: 0, flow: 'ws:127.0.0.1:40999' });
    await peer.response(481, 'SUBSCRIBE');
    subscribe(peer, { ...sub, toTag, cseq: 3, expires: 0 });
    await peer.response(200, 'SUBSCRIBE');
    expect((await notified(peer, sub.callId)).get('subscription-state')).toBe('terminated;reason=timeout');
  });

  it('refuses what Kamailio did not assert: no identity, another identity, no flow', async () => {
    const peer = await kamailio();
    subscribe(peer, newSub('1001', { asserted: null }));
    expect((await peer.response(403, 'SUBSCRIBE')).reason).toContain('no identity asserted');
    subscribe(peer, newSub('1001', { asserted: '<sip:1003@openline.local>' }));
    expect((await peer.response(403, 'SUBSCRIBE')).reason).toContain('no identity asserted');
    subscribe(peer, newSub('1001', { flow: null }));
    expect((await peer.response(403, 'SUBSCRIBE')).reason).toContain('X-Openline-Flow');
    // A refresh for a dialog that does not exist (made-up To-tag): 481.
    const other = newSub('1001', { asserted: '<sip:1001@openline.local>' });
    subscribe(peer, other);
    await peer.response(200, 'SUBSCRIBE');
    await notified(peer, other.callId);
    subscribe(peer, { ...other, toTag: 'nope', cseq: 2, expires: 0 });
    await peer.response(481, 'SUBSCRIBE');
  });

  it('caps subscriptions per flow, not per Kamailio connection', async () => {
    const peer = await kamailio();
    const flow = 'ws:127.0.0.1:41111';
    for (let i = 0; i < 4; i++) {
      const sub = newSub('1004', { flow });
      subscribe(peer, sub);
      await peer.response(200, 'SUBSCRIBE');
      await notified(peer, sub.callId);
    }
    subscribe(peer, newSub('1004', { flow }));
    await peer.response(503, 'SUBSCRIBE');
    const elsewhere = newSub('1004', { flow: 'ws:127.0.0.1:42222' });
    subscribe(peer, elsewhere);
    await peer.response(200, 'SUBSCRIBE');
    await notified(peer, elsewhere.callId);
  });
});
