// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { applyCodecPreferences, codecModifier } from './sdp';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 126',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:126 telephone-event/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:98 H264/90000',
  'a=fmtp:98 profile-level-id=42e01f',
  'a=rtpmap:99 rtx/90000',
  'a=fmtp:99 apt=98',
  '',
].join('\r\n');

const mLines = (sdp: string) => sdp.split('\r\n').filter((l) => l.startsWith('m='));

describe('applyCodecPreferences', () => {
  it('moves preferred codecs first, keeping the rest in order', () => {
    const out = applyCodecPreferences(OFFER, { prefer: ['pcmu', 'H264'] });
    expect(mLines(out)).toEqual([
      'm=audio 9 UDP/TLS/RTP/SAVPF 0 111 63 9 8 126',
      'm=video 9 UDP/TLS/RTP/SAVPF 98 99 96 97',
    ]);
    expect(out.endsWith('\r\n')).toBe(true);
  });

  it('removes codecs with their attribute lines and RTX companions', () => {
    const out = applyCodecPreferences(OFFER, { remove: ['G722', 'vp8'] });
    expect(mLines(out)).toEqual([
      'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 0 8 126',
      'm=video 9 UDP/TLS/RTP/SAVPF 98 99',
    ]);
    expect(out).not.toContain('a=rtpmap:9 ');
    expect(out).not.toContain('a=rtcp-fb:96');
    expect(out).not.toContain('apt=96');
    expect(out).toContain('a=fmtp:98 profile-level-id=42e01f');
  });

  it('never empties an m-line', () => {
    const out = applyCodecPreferences(OFFER, { remove: ['VP8', 'H264'] });
    expect(mLines(out)[1]).toBe('m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99');
  });

  it('is a no-op without preferences', () => {
    expect(applyCodecPreferences(OFFER, {})).toBe(OFFER);
  });

  it('works as a sip.js modifier', async () => {
    const out = await codecModifier({ prefer: ['PCMA'] })({ type: 'offer', sdp: OFFER });
    expect(out.type).toBe('offer');
    expect(mLines(out.sdp!)[0]).toBe('m=audio 9 UDP/TLS/RTP/SAVPF 8 111 63 9 0 126');
  });
});
