import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { CallLogEntry } from '../storage/call-log-schema';
import { createCallLogRecorder } from './call-log-recorder';
import { CallState } from '../phone/types';
import { makeCall } from './testing/fake-engine';
import type { WebcallAgentState, WebcallLink } from './webcall-agent';
import { createRoomLog, type RoomLog } from './webcall-room-log';
import { isOpenedRoomGuest, noteRoomOpened } from './room-calls';

const ME = '1001@openline.local';
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

const IDLE: WebcallAgentState = {
  config: null,
  phase: 'idle',
  error: null,
  link: null,
  callId: null,
  inRoom: false,
  remotePresent: false,
  sendNote: null,
};

function link(roomId: string, patch: Partial<WebcallLink> = {}): WebcallLink {
  return {
    url: `https://example.test/join#2.${roomId}`,
    password: '',
    roomId,
    provider: 'sip',
    expiresAt: T0 + 3_600_000,
    customerName: 'Chris Customer',
    agentName: 'Ada Agent',
    phone: '+49 151 2345678',
    ...patch,
  };
}

describe('webcall rooms in the call log', () => {
  let log: RoomLog | undefined;
  let account: string | null;
  let recorded: CallLogEntry[];
  const agent = create<WebcallAgentState>()(() => IDLE);
  const at = (ms: number) => vi.setSystemTime(T0 + ms);

  beforeEach(() => {
    vi.useFakeTimers();
    at(0);
    agent.setState(IDLE, true);
    account = ME;
    recorded = [];
    log = createRoomLog({
      agent,
      account: () => account,
      record: async (entry) => void recorded.push(CallLogEntry.parse(entry)),
      opened: noteRoomOpened,
      sipCallIdOf: (callId) => `${callId}@sip`,
    });
  });
  afterEach(() => {
    log?.dispose();
    vi.useRealTimers();
  });

  it('a room the customer joined twice: answered at the first join, talk time summed, recorded once', () => {
    agent.setState({ phase: 'waiting', link: link('00000000000000a1') });
    at(60_000);
    agent.setState({ phase: 'connected', callId: 'c1' });
    at(90_000);
    agent.setState({ phase: 'ended', callId: null });
    at(200_000);
    agent.setState({ phase: 'connected', callId: 'c2' });
    at(210_000);
    agent.setState({ phase: 'ended', callId: null });
    expect(recorded).toEqual([]); // they may still rejoin: the room is not over
    at(300_000);
    agent.setState(IDLE); // "New link": back to the form
    agent.setState({ phase: 'creating' });
    expect(recorded).toEqual([
      {
        v: 1,
        account: ME,
        id: `room:00000000000000a1:${T0}`,
        kind: 'webcall',
        direction: 'outgoing',
        remoteUri: 'tel:+491512345678',
        remoteUser: '+49 151 2345678',
        remoteDisplayName: 'Chris Customer',
        startedAt: T0,
        answeredAt: T0 + 60_000,
        endedAt: T0 + 300_000,
        durationMs: 40_000,
        outcome: 'answered',
        endReason: 'room-closed',
        sipStatus: null,
        media: 'video',
        sipCallId: 'c1@sip',
        room: { roomId: '00000000000000a1', provider: 'sip', phone: '+49 151 2345678' },
      },
    ]);
  });

  it('nobody joined before the link expired: a no-show ended at the expiry, not recorded again later', async () => {
    agent.setState({ phase: 'waiting', link: link('00000000000000a2', { phone: '', customerName: '' }) });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      outcome: 'no-answer',
      answeredAt: null,
      durationMs: 0,
      endedAt: T0 + 3_600_000,
      endReason: 'room-expired',
      remoteUri: 'webcall:00000000000000a2',
      remoteUser: '',
      remoteDisplayName: null,
    });
    agent.setState(IDLE);
    expect(recorded).toHaveLength(1);
  });

  it('a call still going when the link expires ends the room when the customer leaves', async () => {
    agent.setState({ phase: 'waiting', link: link('00000000000000a3', { expiresAt: T0 + 60_000 }) });
    at(30_000);
    agent.setState({ phase: 'connected', callId: 'c1' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(recorded).toEqual([]);
    agent.setState({ phase: 'ended', callId: null });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      endReason: 'room-expired',
      durationMs: 60_000,
      endedAt: T0 + 90_000,
    });
  });

  it('Stop records the room once, though the hang-up that follows changes the phase again', () => {
    agent.setState({ phase: 'waiting', link: link('00000000000000a4') });
    at(10_000);
    agent.setState({ phase: 'connected', callId: 'c1' });
    at(25_000);
    agent.setState({ phase: 'stopped' });
    agent.setState({ phase: 'ended', callId: null }); // the SIP call's end arrives after Stop
    agent.setState({ inRoom: false, remotePresent: false });
    agent.setState(IDLE);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ endReason: 'room-closed', durationMs: 15_000, outcome: 'answered' });
  });

  it('a new link replaces the room: two entries; a room opened while signed out is not recorded', () => {
    agent.setState({ phase: 'waiting', link: link('00000000000000a5') });
    agent.setState({ ...IDLE, phase: 'creating' });
    agent.setState({ phase: 'waiting', link: link('00000000000000a6', { provider: 'sendbird' }) });
    at(5_000);
    agent.setState(IDLE);
    expect(recorded.map((e) => [e.room?.roomId, e.room?.provider])).toEqual([
      ['00000000000000a5', 'sip'],
      ['00000000000000a6', 'sendbird'],
    ]);
    account = null;
    agent.setState({ phase: 'waiting', link: link('00000000000000a7') });
    agent.setState(IDLE);
    expect(recorded).toHaveLength(2);
  });

  it("the room guest's SIP call is left to the room entry; other calls are still recorded", () => {
    agent.setState({ phase: 'waiting', link: link('00000000000000a8') });
    expect(isOpenedRoomGuest('webcall.00000000000000a8.1001')).toBe(true);
    expect(isOpenedRoomGuest('webcall.00000000000000ff.1001')).toBe(false);
    const calls: CallLogEntry[] = [];
    const recorder = createCallLogRecorder({
      account: () => ME,
      record: async (entry) => void calls.push(entry),
      skip: (call) => isOpenedRoomGuest(call.remoteUser),
    });
    for (const [id, user] of [
      ['g', 'webcall.00000000000000a8.1001'],
      ['p', '1002'],
    ] as const) {
      recorder.observe(makeCall({ id, remoteUser: user, direction: 'incoming', state: CallState.Incoming }));
      recorder.observe(
        makeCall({ id, remoteUser: user, direction: 'incoming', state: CallState.Ended, endedAt: 9 }),
      );
    }
    expect(calls.map((c) => c.remoteUser)).toEqual(['1002']);
  });
});
