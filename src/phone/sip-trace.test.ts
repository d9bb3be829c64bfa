// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { maskSipMessage, SipTrace, TRACE_MAX_ENTRIES } from './sip-trace';

// A REGISTER as sip.js 0.21 sends it after a 401 (ephemeral credentials: the username is "<expiry>:<user>").
const REGISTER = [
  'REGISTER sip:openline.local SIP/2.0',
  'Via: SIP/2.0/WSS 8kq2v0s1lq3h.invalid;branch=z9hG4bK8217453',
  'To: <sip:1001@openline.local>',
  'From: <sip:1001@openline.local>;tag=h1s5rjlmq4',
  'CSeq: 2 REGISTER',
  'Call-ID: 9kd7gqpbf4kvd3v2h6u5',
  'Max-Forwards: 70',
  'Authorization: Digest algorithm=MD5, username="1767225600:1001", realm="openline.local", nonce="ZxK0AbCdEf0123456789", uri="sip:openline.local", response="5f2a1c4e8d9b7a6f3e2d1c0b9a8f7e6d", opaque="a1b2", qop=auth, cnonce="q8r7s6t5u4", nc=00000001',
  'Contact: <sip:r1a0c9@8kq2v0s1lq3h.invalid;transport=ws>;expires=600',
  'Expires: 600',
  'User-Agent: Openline',
  'Content-Length: 0',
  '',
  '',
].join('\r\n');

const CHALLENGE = [
  'SIP/2.0 407 Proxy Authentication Required',
  'Proxy-Authenticate: Digest realm="openline.local", nonce="AbC123SeCrEt", qop="auth", algorithm=MD5',
  'Content-Length: 0',
].join('\r\n');

const SDP_BODY =
  'v=0\r\na=ice-ufrag:Ab12\r\na=ice-pwd:s3cr3tIcePassw0rdValue1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111';

describe('SIP trace masking', () => {
  it('masks the digest response, nonce, cnonce and opaque of a real REGISTER, keeping what support needs', () => {
    const masked = maskSipMessage(REGISTER);
    for (const secret of ['5f2a1c4e8d9b7a6f3e2d1c0b9a8f7e6d', 'ZxK0AbCdEf0123456789', 'q8r7s6t5u4', 'a1b2']) {
      expect(masked).not.toContain(secret);
    }
    expect(masked).toContain('response="••••"');
    expect(masked).toContain('username="1767225600:1001"');
    expect(masked).toContain('Call-ID: 9kd7gqpbf4kvd3v2h6u5');
    expect(masked.split('\r\n')).toHaveLength(REGISTER.split('\r\n').length);
  });

  it('masks challenges, passwords and the ICE password', () => {
    expect(maskSipMessage(CHALLENGE)).not.toContain('AbC123SeCrEt');
    expect(maskSipMessage('sip:guest@example.com;password=hunter2')).not.toContain('hunter2');
    const sdp = maskSipMessage(SDP_BODY);
    expect(sdp).not.toContain('s3cr3tIcePassw0rdValue1');
    expect(sdp).toContain('a=ice-ufrag:Ab12');
  });
});

describe('SipTrace', () => {
  const silent = { debug: () => undefined };

  it('records frames from sip.js only while on, masked, and bounded', () => {
    const trace = new SipTrace(() => 0, silent);
    trace.connector('log', 'sip.Transport', undefined, `Sending WebSocket message:\n\n${REGISTER}\n`);
    expect(trace.list()).toHaveLength(0);
    trace.setEnabled(true);
    trace.connector('log', 'sip.Transport', undefined, `Sending WebSocket message:\n\n${REGISTER}\n`);
    trace.connector('log', 'sip.Transport', undefined, `Received WebSocket text message:\n\n${CHALLENGE}\n`);
    trace.connector('log', 'sip.UserAgent', undefined, 'Transport connected'); // not a frame
    expect(trace.list().map((e) => e.direction)).toEqual(['sent', 'received']);
    expect(trace.text()).not.toContain('5f2a1c4e8d9b7a6f3e2d1c0b9a8f7e6d');
    for (let i = 0; i < TRACE_MAX_ENTRIES + 20; i++) trace.record('sent', `OPTIONS sip:x SIP/2.0 ${i}`);
    expect(trace.list()).toHaveLength(TRACE_MAX_ENTRIES);
    expect(trace.list().at(-1)?.text).toContain(String(TRACE_MAX_ENTRIES + 19));
    trace.clear();
    expect(trace.list()).toHaveLength(0);
  });
});
