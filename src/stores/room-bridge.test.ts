import { beforeEach, describe, expect, it } from 'vitest';
import { RoomError } from '../webcall/rooms';
import { sipPayload } from '../webcall/testing';
import { createRoomBridge, type RoomBridge } from './room-bridge';
import { FakeRooms } from './testing/fake-rooms';

let rooms: FakeRooms;
let bridge: RoomBridge;
const params = { payload: sipPayload(), displayName: 'Chris' };
const video = () => document.createElement('video');
const state = () => bridge.useStore.getState();
/** Lets the bridge's awaits run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  rooms = new FakeRooms();
  bridge = createRoomBridge(rooms);
});

describe('room bridge', () => {
  it('joins, follows the session in serialisable state, and keeps the session out of the store', async () => {
    const joining = bridge.join(params);
    await settle();
    expect(state()).toMatchObject({ phase: 'connecting', live: false });
    const session = rooms.resolve('waiting');
    await expect(joining).resolves.toBe(true);
    expect(state()).toMatchObject({ phase: 'waiting', live: true, remotePresent: false });

    session.setState('connected');
    session.setRemote(true);
    expect(state()).toMatchObject({ phase: 'connected', remotePresent: true });
    expect(structuredClone(state())).toEqual(state());

    session.setState('ended', 'remote-left');
    expect(state()).toMatchObject({ phase: 'ended', endReason: 'remote-left', live: false });
    expect(session.listenerCount()).toBe(0);
  });

  it('a failed join becomes a phase and an error code, never a throw', async () => {
    const joining = bridge.join(params);
    await settle();
    rooms.reject(new RoomError('auth', 'expired credentials'));
    await expect(joining).resolves.toBe(false);
    expect(state()).toMatchObject({
      phase: 'failed',
      error: { code: 'auth', message: 'expired credentials' },
      live: false,
    });
  });

  it('mute and camera go to the session and into the state', async () => {
    const joining = bridge.join(params);
    await settle();
    const session = rooms.resolve();
    await joining;
    bridge.setMuted(true);
    await bridge.setCameraOff(true);
    expect(state()).toMatchObject({ muted: true, cameraOff: true });
    bridge.setMuted(false);
    await bridge.setCameraOff(false);
    expect(session.log).toEqual(['mute', 'stopVideo', 'unmute', 'startVideo']);
    expect(state()).toMatchObject({ muted: false, cameraOff: false });
  });

  it('attaches video elements whether they mount before or after the session', async () => {
    const remote = video();
    bridge.attach('remote', remote);
    const joining = bridge.join(params);
    await settle();
    const session = rooms.resolve();
    await joining;
    const local = video();
    bridge.attach('local', local);
    expect(session.attached).toEqual([
      { which: 'remote', element: remote },
      { which: 'local', element: local },
    ]);
  });

  it('leave ends the session as "left"; a join that resolves after leave is left at once', async () => {
    const first = bridge.join(params);
    await settle();
    const session = rooms.resolve();
    await first;
    await bridge.leave();
    expect(session.log).toContain('leave');
    expect(state()).toMatchObject({ phase: 'ended', endReason: 'left', live: false });

    const late = bridge.join(params);
    await settle();
    await bridge.leave();
    const stale = rooms.resolve();
    await expect(late).resolves.toBe(false);
    expect(stale.log).toEqual(['leave']);
    expect(state()).toMatchObject({ phase: 'ended', live: false });
  });

  it('joining again leaves the previous session first', async () => {
    const first = bridge.join(params);
    await settle();
    const one = rooms.resolve();
    await first;
    const second = bridge.join(params);
    await settle();
    expect(one.log).toEqual(['leave']);
    rooms.resolve('connected');
    await second;
    expect(state()).toMatchObject({ phase: 'connected', live: true });
  });
});
