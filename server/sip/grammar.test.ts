/**
 * Our hand-written grammar against sip.js's PEG grammar (the oracle) on a shared corpus.
 */
import { describe, expect, it } from 'vitest';
import {
  fastGrammar,
  parseAuthParams,
  parseCSeq,
  splitList,
  type NameAddr,
  type SipUri,
  type Via,
} from './grammar';
import { sipjsGrammar } from './sipjs-grammar';

const uriView = (u: SipUri | null | undefined) =>
  u && {
    scheme: u.scheme,
    user: u.user,
    host: u.host,
    port: u.port,
    params: Object.fromEntries([...u.params].map(([k, v]) => [k, v?.toLowerCase() ?? null])),
  };
const nameAddrView = (n: NameAddr | null) =>
  n && { displayName: n.displayName, uri: uriView(n.uri), params: Object.fromEntries(n.params) };
const viaView = (v: Via | null) =>
  v && {
    transport: v.transport,
    host: v.host,
    port: v.port,
    branch: v.branch,
    received: v.params.get('received'),
  };

const URIS = [
  'sip:1002@openline.local',
  'sip:openline.local',
  'SIP:Alice@Example.COM:5060;transport=WS;lr',
  'sips:bob@192.0.2.4:5061',
  'sip:abc123@df7jal23ls0d.invalid;transport=ws',
  'sip:ol.abc-_1.XYZ_-2@openline.local;transport=ws;lr',
  'sip:+15551234567;phone-context=example.com@gw.example.com;user=phone',
  'sip:alice@host.example?subject=project',
  'sip:%61lice@atlanta.com;transport=TCP',
];
const BAD_URIS = ['', 'sip:', 'sip:@host', 'nocolon', 'sip:a b@host', 'sip:alice@ho st', 'sip:alice@[::1'];

const NAME_ADDRS = [
  '<sip:1001@openline.local>;tag=abc',
  '"Ada Agent" <sip:1001@openline.local>;tag=9fxced76sl',
  'Ada Agent <sip:1001@openline.local>',
  'sip:1001@openline.local;tag=abc',
  '<sip:u@h.invalid;transport=ws>;expires=600;reg-id=1',
  '<sip:ol.a.b@openline.local;transport=ws;lr>',
  '  "spaces"   <sip:s@example.com>  ;  tag = x ',
  '"😀 Emoji" <sip:e@example.com>',
];
const BAD_NAME_ADDRS = [
  '',
  '<sip:1001@openline.local',
  '"unterminated <sip:a@b>',
  'not a uri',
  '<sip:a@b>;=x',
  'a@b <sip:x@y>',
];

const VIAS = [
  'SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK8237423',
  'SIP/2.0/WS openline.local;branch=z9hG4bK.ol.abc.def1',
  'SIP/2.0/UDP 192.0.2.1:5060;received=192.0.2.207;branch=z9hG4bK77asjd;rport',
  'SIP / 2.0 / TCP host.example:5070 ;branch=z9hG4bKx',
  'SIP/2.0/TLS [2001:db8::9]:5061;branch=z9hG4bKy',
];
const BAD_VIAS = ['', 'SIP/2.0 host', 'garbage', 'SIP/2.0/UDP host;=x'];

describe('grammar agrees with sip.js', () => {
  it.each(URIS)('URI %s', (u) => {
    const ours = fastGrammar.uri(u);
    expect(ours).not.toBeNull();
    expect(uriView(ours)).toEqual(uriView(sipjsGrammar.uri(u)));
    expect(ours!.raw).toBe(u);
  });
  it.each(BAD_URIS)('rejects URI %j', (u) => {
    expect(fastGrammar.uri(u)).toBeNull();
    expect(sipjsGrammar.uri(u)).toBeNull();
  });
  it.each(NAME_ADDRS)('name-addr %s', (n) => {
    const ours = fastGrammar.nameAddr(n);
    expect(ours).not.toBeNull();
    expect(nameAddrView(ours)).toEqual(nameAddrView(sipjsGrammar.nameAddr(n)));
  });
  it.each(BAD_NAME_ADDRS)('rejects name-addr %j', (n) => {
    expect(fastGrammar.nameAddr(n)).toBeNull();
    expect(sipjsGrammar.nameAddr(n)).toBeNull();
  });
  it.each(VIAS)('Via %s', (v) => {
    const ours = fastGrammar.via(v);
    expect(ours).not.toBeNull();
    expect(viaView(ours)).toEqual(viaView(sipjsGrammar.via(v)));
  });
  it.each(BAD_VIAS)('rejects Via %j', (v) => {
    expect(fastGrammar.via(v)).toBeNull();
    expect(sipjsGrammar.via(v)).toBeNull();
  });
});

/** Where sip.js is lenient or quirky we follow RFC 3261; each case is pinned here. */
describe('deliberate differences from sip.js', () => {
  it('splits user and password (sip.js keeps "alice:secret" as the user)', () => {
    expect(fastGrammar.uri('sip:alice:secret@host.example')?.user).toBe('alice');
  });
  it('keeps the IPv6 host when maddr is present (sip.js reports the maddr as host)', () => {
    const u = fastGrammar.uri('sip:[2001:db8::1]:5080;maddr=239.255.255.1');
    expect(u?.host).toBe('[2001:db8::1]');
    expect(u?.params.get('maddr')).toBe('239.255.255.1');
  });
  it('rejects ports above 65535 and non-2.0 Via versions (sip.js accepts them)', () => {
    expect(fastGrammar.uri('sip:alice@host:99999')).toBeNull();
    expect(fastGrammar.via('SIP/3.0/UDP host')).toBeNull();
  });
  it('unescapes quoted-pairs and strips quotes from parameter values', () => {
    expect(fastGrammar.nameAddr('"Quote \\"Q\\" Person" <sip:q@example.com>')?.displayName).toBe(
      'Quote "Q" Person',
    );
    const c = fastGrammar.nameAddr('<sip:u@h.invalid>;+sip.instance="<urn:uuid:1>";expires=60');
    expect(c?.params.get('+sip.instance')).toBe('<urn:uuid:1>');
    expect(c?.params.get('expires')).toBe('60');
  });
});

describe('helpers', () => {
  it('splits lists on top-level commas only', () => {
    expect(splitList('<sip:a@b;x=1,2>, "Doe, J" <sip:c@d>,sip:e@f')).toEqual([
      '<sip:a@b;x=1,2>',
      '"Doe, J" <sip:c@d>',
      'sip:e@f',
    ]);
    expect(splitList(' single ')).toEqual(['single']);
  });
  it('parses CSeq', () => {
    expect(parseCSeq('42 INVITE')).toEqual({ seq: 42, method: 'INVITE' });
    expect(parseCSeq('  7\tBYE ')).toEqual({ seq: 7, method: 'BYE' });
    expect(parseCSeq('INVITE')).toBeNull();
    expect(parseCSeq('99999999999 INVITE')).toBeNull();
  });
  it('parses auth params', () => {
    expect(Object.fromEntries(parseAuthParams('a="x, y", B=z')!)).toEqual({ a: 'x, y', b: 'z' });
    expect(parseAuthParams('a="open')).toBeNull();
  });
});
