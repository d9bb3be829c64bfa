import { describe, expect, it } from 'vitest';
import { audioOnlyOffer, hasOpusAudio } from './sdp-audio';

// The shape of Chromium's offer for a video call (trimmed): BUNDLE of audio and video.
const offer = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97',
  'c=IN IP4 0.0.0.0',
  'a=mid:1',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

describe('audio-only answers to WebRTC offers', () => {
  it('gives werift the audio section only and answers video with a rejected m-line in place', () => {
    const cut = audioOnlyOffer(offer);
    expect(cut.sdp).not.toContain('m=video');
    expect(cut.sdp).toContain('a=group:BUNDLE 0\r\n');
    const weriftAnswer = 'v=0\r\ns=-\r\na=group:BUNDLE 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n';
    const full = cut.completeAnswer(weriftAnswer);
    const mLines = full.split('\r\n').filter((l) => l.startsWith('m='));
    expect(mLines).toEqual(['m=audio 9 UDP/TLS/RTP/SAVPF 111', 'm=video 0 UDP/TLS/RTP/SAVPF 96']);
    expect(full).toMatch(/m=video 0 [^\r]*\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=inactive\r\n$/);
  });

  it('keeps the order when video comes first', () => {
    const swapped = offer.replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 1 0');
    const [head, audio, video] = swapped.split(/(?=m=)/);
    const cut = audioOnlyOffer(`${head}${video}${audio}`);
    const full = cut.completeAnswer('v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n');
    expect(full.indexOf('m=video 0')).toBeLessThan(full.indexOf('m=audio 9'));
  });

  it('refuses offers without usable Opus audio', () => {
    expect(hasOpusAudio(offer)).toBe(true);
    expect(hasOpusAudio('v=0\r\n')).toBe(false);
    expect(hasOpusAudio(offer.replace('m=audio 9', 'm=audio 0'))).toBe(false);
    expect(hasOpusAudio(offer.replace('a=rtpmap:111 opus/48000/2\r\n', ''))).toBe(false);
    expect(() => audioOnlyOffer('v=0\r\n')).toThrow(/no Opus audio/);
  });
});
