/**
 * The top Via's `received`/`rport` (RFC 3261 §18.2.1, RFC 3581 §4): the stamp itself, then over the wire
 * in the server's own responses, in forwarded requests and in the responses relayed back.
 */
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseVia } from './grammar';
import { receivedAddress, stampVia } from './via';
import { invite, useSipTestServer } from './testing/server';
import { sipMessage, type TestPhone } from './testing';

const stamp = (value: string, ip: string, port?: number) => stampVia(value, parseVia(value)!, { ip, port });

describe('stampVia', () => {
  it.each([
    // A browser: sent-by is a made-up name, so `received` always.
    [
      'SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
      '127.0.0.1',
      'SIP/2.0/WSS abc.invalid;received=127.0.0.1;branch=z9hG4bK1',
    ],
    // rport without a value: filled with the source port, and `received` added even for the same host.
    [
      'SIP/2.0/WS 10.1.2.3:5060;rport;branch=z9hG4bK1',
      '10.1.2.3',
      'SIP/2.0/WS 10.1.2.3:5060;received=10.1.2.3;rport=40001;branch=z9hG4bK1',
    ],
    [
      'SIP/2.0/WS 10.1.2.3:5060;branch=z9hG4bK1;rport',
      '192.0.2.7',
      'SIP/2.0/WS 10.1.2.3:5060;received=192.0.2.7;branch=z9hG4bK1;rport=40001',
    ],
    // The sent-by is the source and no rport: nothing to add.
    ['SIP/2.0/WS 192.0.2.7:5060;branch=z9hG4bK1', '192.0.2.7', 'SIP/2.0/WS 192.0.2.7:5060;branch=z9hG4bK1'],
    // An IPv4-mapped source is written as IPv4.
    [
      'SIP/2.0/WS x.invalid;branch=z9hG4bK1',
      '::ffff:127.0.0.1',
      'SIP/2.0/WS x.invalid;received=127.0.0.1;branch=z9hG4bK1',
    ],
    // IPv6: `received` without brackets; a bracketed sent-by equal to the source needs none.
    [
      'SIP/2.0/WS x.invalid;branch=z9hG4bK1',
      '2001:db8::1',
      'SIP/2.0/WS x.invalid;received=2001:db8::1;branch=z9hG4bK1',
    ],
    ['SIP/2.0/WS [2001:db8::1];branch=z9hG4bK1', '2001:db8::1', 'SIP/2.0/WS [2001:db8::1];branch=z9hG4bK1'],
    // A client's own (wrong) received is replaced; an rport with a value is the client's and kept.
    [
      'SIP/2.0/WS x.invalid;received=1.1.1.1;rport=9;branch=z9hG4bK1',
      '127.0.0.1',
      'SIP/2.0/WS x.invalid;received=127.0.0.1;rport=9;branch=z9hG4bK1',
    ],
  ])('%s from %s → %s', (value, ip, expected) => {
    expect(stamp(value, ip, 40001)).toBe(expected);
    expect(parseVia(expected)).not.toBeNull();
  });

  it('leaves rport unfilled without a known port, and the Via alone for a source that is not an IP', () => {
    expect(stamp('SIP/2.0/WS h.invalid;rport;branch=z9hG4bK1', '127.0.0.1')).toBe(
      'SIP/2.0/WS h.invalid;received=127.0.0.1;rport;branch=z9hG4bK1',
    );
    expect(stamp('SIP/2.0/WS h.invalid;branch=z9hG4bK1', '?', 5)).toBe(
      'SIP/2.0/WS h.invalid;branch=z9hG4bK1',
    );
    expect(receivedAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(receivedAddress('::1')).toBe('::1');
  });
});

const sip = useSipTestServer();
const { phone } = sip;
const localPort = (p: TestPhone) => (p.ws as unknown as { _socket: Socket })._socket.localPort;

describe('received/rport over the wire', () => {
  it("the server's own responses carry received, and rport filled with the socket's port", async () => {
    const p = await phone('1001', { register: false });
    const probe = p.outOfDialog('OPTIONS', 'sip:openline.local');
    p.send(probe.text);
    const ok = await p.final('OPTIONS');
    expect(ok.getHeader('via')).toBe(
      `SIP/2.0/WSS ${p.contactHost};received=127.0.0.1;branch=${probe.branch}`,
    );

    const branch = 'z9hG4bKrport1';
    p.send(
      sipMessage('OPTIONS sip:openline.local SIP/2.0', [
        ['Via', `SIP/2.0/WS 10.1.2.3:5060;rport;branch=${branch}`],
        ['Max-Forwards', '70'],
        ['To', '<sip:openline.local>'],
        ['From', '<sip:1001@openline.local>;tag=a'],
        ['Call-ID', 'rport-1'],
        ['CSeq', '1 OPTIONS'],
      ]),
    );
    const rport = await p.final('OPTIONS');
    expect(rport.getHeader('via')).toBe(
      `SIP/2.0/WS 10.1.2.3:5060;received=127.0.0.1;rport=${localPort(p)};branch=${branch}`,
    );
  });

  it('a forwarded request carries the stamped Via, so the responses relayed back carry it too', async () => {
    const alice = await phone('1001');
    const bob = await phone('1002');
    const inv = invite(alice);
    const incoming = await bob.request('INVITE');
    const vias = incoming.getHeaders('via');
    expect(vias).toHaveLength(2);
    expect(vias[1]).toBe(`SIP/2.0/WSS ${alice.contactHost};received=127.0.0.1;branch=${inv.branch}`);
    bob.reply(incoming, 180, { toTag: 'b' });
    const ringing = await alice.response(180, 'INVITE');
    expect(ringing.getHeaders('via')).toEqual([vias[1]]);
    bob.reply(incoming, 486, { toTag: 'b' });
    expect((await alice.final('INVITE')).getHeader('via')).toBe(vias[1]);
  });
});
