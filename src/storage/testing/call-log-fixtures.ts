import type { CallLogEntry } from '../call-log-schema';

/** A valid stored entry (a missed audio call from 1002 to 1001) with `patch` applied. */
export function entry(patch: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    v: 1,
    account: '1001@openline.local',
    id: `call:incoming:${Math.random()}`,
    kind: 'call',
    direction: 'incoming',
    remoteUri: 'sip:1002@openline.local',
    remoteUser: '1002',
    remoteDisplayName: 'Ben Baker',
    startedAt: 1_000,
    answeredAt: null,
    endedAt: 5_000,
    durationMs: 0,
    outcome: 'missed',
    endReason: 'cancelled',
    sipStatus: 487,
    media: 'audio',
    sipCallId: 'abc@host',
    ...patch,
  };
}
