import { describe, expect, it } from 'vitest';
import { header, parseMessage, type SipRequest, type SipResponse } from './message';
import { buildResponse, serialize } from './serialize';
import { sipjsGrammar } from './sipjs-grammar';

const lines = (...l: string[]) => l.join('\r\n');

const INVITE = lines(
  'INVITE sip:1002@openline.local SIP/2.0',
  'v: SIP/2.0/WSS a.invalid;branch=z9hG4bKaaa, SIP/2.0/WS b.invalid;branch=z9hG4bKbbb',
  'Max-Forwards: 70',
  'f: "Ada" <sip:1001@openline.local>;tag=ft',
  't: <sip:1002@openline.local>',
  'i: call-1',
  'CSeq: 1 INVITE',
  'm: <sip:x@y.invalid;transport=ws>',
  'Subject: folded',
  '  continuation',
  'c: text/plain',
  'l: 11',
  '',
  'héllo 😀',
);

describe('parseMessage', () => {
  it('parses a request: compact names, folding, Via lists, byte-counted bodies', () => {
    const r = parseMessage(Buffer.from(INVITE));
    expect(r.ok).toBe(true);
    const m = (r as { message: SipRequest }).message;
    expect(m.kind).toBe('request');
    expect(m.method).toBe('INVITE');
    expect(m.ruri.user).toBe('1002');
    expect(m.getAll('via')).toEqual([
      'SIP/2.0/WSS a.invalid;branch=z9hG4bKaaa',
      'SIP/2.0/WS b.invalid;branch=z9hG4bKbbb',
    ]);
    expect(m.topVia.branch).toBe('z9hG4bKaaa');
    expect(m.headers.find((h) => h.key === 'call-id')?.name).toBe('Call-ID');
    expect(m.get('subject')).toBe('folded continuation');
    expect(m.fromTag).toBe('ft');
    expect(m.from.displayName).toBe('Ada');
    expect(m.toTag).toBeUndefined();
    expect(m.cseq).toEqual({ seq: 1, method: 'INVITE' });
    expect(m.body).toBe('héllo 😀'); // 11 bytes, 8 UTF-16 units
  });

  it('uses Content-Length in bytes and ignores trailing bytes', () => {
    const body = 'héllo 😀';
    const text = lines(
      'MESSAGE sip:a@openline.local SIP/2.0',
      'Via: SIP/2.0/WS h;branch=z9hG4bK1',
      'From: <sip:b@openline.local>;tag=1',
      'To: <sip:a@openline.local>',
      'Call-ID: c',
      'CSeq: 2 MESSAGE',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body + 'TRAILING',
    );
    const r = parseMessage(text);
    expect(r.ok && r.message.body).toBe(body);
  });

  it('gives the same result with the sip.js grammar', () => {
    const ours = parseMessage(INVITE);
    const theirs = parseMessage(INVITE, sipjsGrammar);
    expect(ours.ok && theirs.ok).toBe(true);
    const a = (ours as { message: SipRequest }).message;
    const b = (theirs as { message: SipRequest }).message;
    expect([a.ruri.user, a.ruri.host, a.fromTag, a.topVia.branch]).toEqual([
      b.ruri.user,
      b.ruri.host,
      b.fromTag,
      b.topVia.branch,
    ]);
  });

  it('parses a response', () => {
    const r = parseMessage(
      lines(
        'SIP/2.0 180 Ringing',
        'Via: SIP/2.0/WS h;branch=z9hG4bK1',
        'From: <sip:b@openline.local>;tag=1',
        'To: <sip:a@openline.local>;tag=2',
        'Call-ID: c',
        'CSeq: 2 INVITE',
        '',
        '',
      ),
    );
    expect(r.ok).toBe(true);
    const m = (r as { message: SipResponse }).message;
    expect([m.kind, m.status, m.reason, m.cseq.method, m.to.params.get('tag')]).toEqual([
      'response',
      180,
      'Ringing',
      'INVITE',
      '2',
    ]);
  });

  it('reports what is wrong and whether a 400 can be sent', () => {
    const base = [
      'Via: SIP/2.0/WS h;branch=z9hG4bK1',
      'From: <sip:b@openline.local>;tag=1',
      'To: <sip:a@openline.local>',
      'Call-ID: c',
      'CSeq: 2 MESSAGE',
    ];
    const bad = (start: string, ...hs: string[]) => parseMessage(lines(start, ...hs, '', ''));
    expect(bad('MESSAGE sip:a@openline.local SIP/2.0', ...base.slice(0, 4), 'CSeq: 2 INVITE')).toMatchObject({
      ok: false,
      replyStatus: 400,
    });
    expect(bad('MESSAGE sip:a@openline.local SIP/3.0', ...base)).toMatchObject({
      ok: false,
      replyStatus: 505,
    });
    expect(bad('MESSAGE <bad> SIP/2.0', ...base)).toMatchObject({
      ok: false,
      error: 'malformed Request-URI',
    });
    expect(bad('MESSAGE sip:a@openline.local SIP/2.0', ...base, 'Content-Length: 10')).toMatchObject({
      ok: false,
      error: 'body shorter than Content-Length',
    });
    expect(bad('SIP/2.0 200 OK', 'Via: broken')).not.toHaveProperty('replyHeaders');
    expect(bad('THIS IS NOT SIP')).not.toHaveProperty('replyHeaders');
    expect(parseMessage(Buffer.from([0xff, 0xfe, 0, 1]))).toMatchObject({ ok: false });
    expect(parseMessage('')).toMatchObject({ ok: false });
  });
});

describe('parseMessage: what a broken request is answered with', () => {
  const base = [
    'Via: SIP/2.0/WS h.invalid;branch=z9hG4bK1',
    'From: <sip:b@openline.local>;tag=1',
    'To: <sip:a@openline.local>',
    'Call-ID: c',
    'CSeq: 2 OPTIONS',
  ];
  const without = (...names: string[]) => base.filter((h) => !names.some((n) => h.startsWith(`${n}:`)));
  const parse = (start: string, hs: string[]) => parseMessage(lines(start, ...hs, '', ''));
  const answer = (r: ReturnType<typeof parseMessage>) =>
    r.ok ? 'parsed' : `${r.replyStatus} ${r.replyReason} [${r.replyHeaders?.map((h) => h.name).join(' ')}]`;

  it.each([
    ['a missing To', without('To'), '400 Missing To header [Via From Call-ID CSeq]'],
    ['a missing To and CSeq', without('To', 'CSeq'), '400 Missing To and CSeq headers [Via From Call-ID]'],
    ['a missing Via', without('Via'), '400 Missing Via header [From To Call-ID CSeq]'],
    ['no mandatory header', [], '400 Missing Via, From, To, Call-ID and CSeq headers []'],
    [
      'an unreadable CSeq',
      [...without('CSeq'), 'CSeq: abc OPTIONS'],
      '400 Bad CSeq [Via From To Call-ID CSeq]',
    ],
    ['an unreadable Via', [...without('Via'), 'Via: SIP/2.0/WS'], '400 Bad Via [From To Call-ID CSeq Via]'],
    ['an unreadable From', [...without('From'), 'From: <nope'], '400 Bad From [Via To Call-ID CSeq From]'],
  ])('%s', (_what, hs, expected) => {
    expect(answer(parse('OPTIONS sip:openline.local SIP/2.0', hs))).toBe(expected);
  });

  it('answers any SIP version but 2.0 with 505 before reading the headers (its Via says SIP/3.0 too)', () => {
    const vias = base.map((h) => h.replace('SIP/2.0/WS', 'SIP/3.0/WS'));
    expect(answer(parse('OPTIONS sip:openline.local SIP/3.0', vias))).toBe(
      '505 Version Not Supported [Via From To Call-ID CSeq]',
    );
  });

  it('never answers a broken ACK, nor what has no request line', () => {
    expect(parse('ACK sip:a@openline.local SIP/2.0', without('CSeq'))).not.toHaveProperty('replyHeaders');
    expect(parse('SIP/2.0 200 OK', without('CSeq'))).not.toHaveProperty('replyHeaders');
    expect(parse('INVITE', base)).not.toHaveProperty('replyHeaders');
  });
});

describe('serialize / buildResponse', () => {
  it('recomputes Content-Length in bytes', () => {
    const text = serialize(
      'MESSAGE sip:a@b SIP/2.0',
      [header('Content-Length', '999'), header('To', '<sip:a@b>')],
      'é',
    );
    expect(text).toBe('MESSAGE sip:a@b SIP/2.0\r\nTo: <sip:a@b>\r\nContent-Length: 2\r\n\r\né');
  });

  it('copies Via/From/To/Call-ID/CSeq and adds a To tag above 100', () => {
    const r = parseMessage(INVITE);
    const req = (r as { message: SipRequest }).message;
    const trying = buildResponse(req, 100);
    expect(trying).toContain('\r\nTo: <sip:1002@openline.local>\r\n');
    const busy = buildResponse(req, 486, { reason: 'Busy Here', toTag: 'x' });
    expect(busy.startsWith('SIP/2.0 486 Busy Here\r\n')).toBe(true);
    expect(busy).toContain('\r\nTo: <sip:1002@openline.local>;tag=x\r\n');
    expect(busy.match(/\r\nVia: /g)).toHaveLength(2);
    expect(busy).not.toContain('Subject');
  });
});
