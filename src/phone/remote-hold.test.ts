import { describe, expect, it } from 'vitest';
import { heldByRemote, type TransceiverLike } from './remote-hold';

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
