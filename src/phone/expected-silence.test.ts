import { describe, expect, it } from 'vitest';
import { answeredByVoicemail, heldByRemote, type TransceiverLike } from './expected-silence';

const t = (kind: string, currentDirection: RTCRtpTransceiverDirection | null): TransceiverLike => ({
  currentDirection,
  receiver: { track: { kind } },
});

describe('heldByRemote', () => {
  it('is true when our audio was negotiated recvonly or inactive (the far side offered hold)', () => {
    expect(heldByRemote([t('audio', 'recvonly')])).toBe(true);
    expect(heldByRemote([t('audio', 'inactive'), t('video', 'sendrecv')])).toBe(true);
  });
  it('is false for a flowing call, our own hold (sendonly), no negotiation yet, or no audio', () => {
    expect(heldByRemote([t('audio', 'sendrecv')])).toBe(false);
    expect(heldByRemote([t('audio', 'sendonly')])).toBe(false);
    expect(heldByRemote([t('audio', null)])).toBe(false);
    expect(heldByRemote([t('video', 'inactive')])).toBe(false);
    expect(heldByRemote([])).toBe(false);
  });
});

describe('answeredByVoicemail', () => {
  it('recognises the deposit agent by its Contact user, in any case', () => {
    expect(answeredByVoicemail({ user: 'voicemail' })).toBe(true);
    expect(answeredByVoicemail({ user: 'VoiceMail' })).toBe(true);
  });
  it('is false for people, a missing user or no dialog yet', () => {
    expect(answeredByVoicemail({ user: '1002' })).toBe(false);
    expect(answeredByVoicemail({ user: 'voicemail-admin' })).toBe(false);
    expect(answeredByVoicemail({})).toBe(false);
    expect(answeredByVoicemail(undefined)).toBe(false);
  });
});
