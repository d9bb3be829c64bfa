import { describe, expect, it } from 'vitest';
import { makeCall } from './testing/fake-engine';
import { callLogEntryOf, callOutcome, countMissedSince } from './call-outcome';
import { CallState, type CallDirection, type CallEndReason } from '../phone/types';
import type { CallOutcome } from '../storage/call-log-schema';
import { entry } from '../storage/testing/call-log-fixtures';

/** Every end reason the engine has, for a call that was never answered. */
const UNANSWERED: [CallDirection, CallEndReason, CallOutcome][] = [
  ['incoming', 'cancelled', 'missed'],
  ['incoming', 'no-answer', 'missed'],
  ['incoming', 'remote-hangup', 'missed'],
  ['incoming', 'declined', 'declined'],
  ['incoming', 'local-hangup', 'declined'],
  ['incoming', 'answered-elsewhere', 'answered-elsewhere'],
  ['incoming', 'busy', 'failed'],
  ['incoming', 'unavailable', 'failed'],
  ['incoming', 'not-found', 'failed'],
  ['incoming', 'connection-lost', 'failed'],
  ['incoming', 'failed', 'failed'],
  ['outgoing', 'cancelled', 'cancelled'],
  ['outgoing', 'local-hangup', 'cancelled'],
  ['outgoing', 'busy', 'busy'],
  ['outgoing', 'declined', 'declined'],
  ['outgoing', 'unavailable', 'unavailable'],
  ['outgoing', 'no-answer', 'no-answer'],
  ['outgoing', 'not-found', 'failed'],
  ['outgoing', 'remote-hangup', 'failed'],
  ['outgoing', 'answered-elsewhere', 'failed'],
  ['outgoing', 'connection-lost', 'failed'],
  ['outgoing', 'failed', 'failed'],
];

const ALL_REASONS: CallEndReason[] = [
  'local-hangup',
  'remote-hangup',
  'cancelled',
  'declined',
  'busy',
  'unavailable',
  'not-found',
  'no-answer',
  'answered-elsewhere',
  'connection-lost',
  'failed',
];

describe('call outcome', () => {
  it('covers every end reason in both directions', () => {
    for (const direction of ['incoming', 'outgoing'] as const)
      expect(
        UNANSWERED.filter(([d]) => d === direction)
          .map(([, r]) => r)
          .sort(),
      ).toEqual([...ALL_REASONS].sort());
  });

  it.each(UNANSWERED)('%s call ended by %s, never answered → %s', (direction, endReason, outcome) => {
    expect(callOutcome({ direction, answered: false, endReason })).toBe(outcome);
  });

  it.each(ALL_REASONS)('an answered call is "answered" however it ended (%s)', (endReason) => {
    for (const direction of ['incoming', 'outgoing'] as const)
      expect(callOutcome({ direction, answered: true, endReason })).toBe('answered');
  });

  it('a call that ended without a reason is "failed" unless it was answered', () => {
    expect(callOutcome({ direction: 'outgoing', answered: false, endReason: null })).toBe('failed');
    expect(callOutcome({ direction: 'incoming', answered: false, endReason: null })).toBe('failed');
  });
});

describe('call-log entry of an ended call', () => {
  it('records identity, times, talk time, outcome with SIP status, media and Call-ID', () => {
    const call = makeCall({
      id: 'c1',
      sipCallId: 'abc@host',
      direction: 'outgoing',
      state: CallState.Ended,
      remoteUri: 'sip:1002@openline.local',
      remoteUser: '1002',
      remoteDisplayName: 'Ben Baker',
      video: true,
      createdAt: 10_000,
      answeredAt: 12_000,
      endedAt: 19_500,
      endReason: 'remote-hangup',
    });
    expect(callLogEntryOf(call, '1001@openline.local')).toEqual({
      v: 1,
      account: '1001@openline.local',
      id: 'call:outgoing:abc@host',
      kind: 'call',
      direction: 'outgoing',
      remoteUri: 'sip:1002@openline.local',
      remoteUser: '1002',
      remoteDisplayName: 'Ben Baker',
      startedAt: 10_000,
      answeredAt: 12_000,
      endedAt: 19_500,
      durationMs: 7_500,
      outcome: 'answered',
      endReason: 'remote-hangup',
      sipStatus: null,
      media: 'video',
      sipCallId: 'abc@host',
    });
  });

  it('a busy outgoing call keeps its 486 and has no talk time', () => {
    const call = makeCall({
      id: 'c2',
      state: CallState.Ended,
      endedAt: 3_000,
      endReason: 'busy',
      endStatusCode: 486,
    });
    expect(callLogEntryOf(call, 'me@x')).toMatchObject({ outcome: 'busy', sipStatus: 486, durationMs: 0 });
  });

  it('nothing to record for a call that has not ended', () => {
    expect(callLogEntryOf(makeCall({ id: 'c3', state: CallState.Active }), 'me@x')).toBeNull();
  });
});

describe('missed-calls count', () => {
  it('counts missed calls after the mark only', () => {
    const entries = [
      entry({ outcome: 'missed', startedAt: 5_000 }),
      entry({ outcome: 'missed', startedAt: 9_000 }),
      entry({ outcome: 'answered', startedAt: 9_500 }),
      entry({ outcome: 'declined', startedAt: 9_600 }),
    ];
    expect(countMissedSince(entries, 0)).toBe(2);
    expect(countMissedSince(entries, 6_000)).toBe(1);
    expect(countMissedSince(entries, 9_000)).toBe(0);
  });
});
