// @vitest-environment node
// Issue 13: the operator's codec rules (patterns, Opus protection, companions) on real Chromium SDP.
import { describe, expect, it } from 'vitest';
import { applyCodecPreferences, removalMatchers } from './sdp';

const AUDIO = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  '',
].join('\r\n');

const payloads = (sdp: string) =>
  sdp
    .split('\r\n')
    .find((l) => l.startsWith('m='))!
    .split(' ')
    .slice(3);

describe('codec rules', () => {
  it('removes by anchored, case-insensitive pattern (pc.* removes PCMU and PCMA, not G722)', () => {
    const out = applyCodecPreferences(AUDIO, { remove: ['pc.*'] });
    expect(payloads(out)).toEqual(['111', '63', '9', '13', '110', '126']);
    expect(out).not.toMatch(/PCMU|PCMA/);
    // Anchored: "CMU" alone matches nothing.
    expect(payloads(applyCodecPreferences(AUDIO, { remove: ['CMU'] }))).toEqual(payloads(AUDIO));
  });

  it('drops telephone-event/8000 once no 8 kHz codec is left, and keeps the 48 kHz one for Opus', () => {
    const out = applyCodecPreferences(AUDIO, { remove: ['PC.*', 'G722'] });
    expect(payloads(out)).toEqual(['111', '63', '13', '110']);
    expect(out).toContain('telephone-event/48000');
    expect(out).not.toContain('telephone-event/8000');
  });

  it('never removes Opus, whatever the pattern; bad or overlong patterns are ignored', () => {
    expect(removalMatchers(['opus', 'OP.*', '.*', 'PC(', 'x'.repeat(41), 'PCMU']).map(String)).toEqual([
      '/^(?:PCMU)$/i',
    ]);
    const out = applyCodecPreferences(AUDIO, { remove: ['.*', 'PC(['] });
    expect(out).toBe(AUDIO);
  });

  it('leaves a section alone when its every codec would go (an empty m-line is invalid)', () => {
    const pcmuOnly = AUDIO.replace(/m=audio .*/, 'm=audio 9 UDP/TLS/RTP/SAVPF 0 126');
    expect(payloads(applyCodecPreferences(pcmuOnly, { remove: ['PCMU'] }))).toEqual(['0', '126']);
  });

  it('puts the priority first in order, companions follow what they belong to', () => {
    const out = applyCodecPreferences(AUDIO, { prefer: ['PCMU', 'G722'] });
    expect(payloads(out)).toEqual(['0', '9', '111', '63', '8', '13', '110', '126']);
    const back = applyCodecPreferences(out, { prefer: ['opus'] });
    expect(payloads(back)[0]).toBe('111');
    expect(payloads(back)[1]).toBe('63'); // RED of Opus ranks with Opus
  });
});
