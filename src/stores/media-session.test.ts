import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallState } from '../phone/types';
import { applyCallSnapshot, INITIAL_CALLS_STATE, useCallsStore } from './calls';
import { bindMediaSession, type MediaSessionLike } from './media-session';
import { makeCall } from './testing/fake-engine';

/** A Media Session like Chromium's: unknown actions throw a TypeError. */
class FakeMediaSession implements MediaSessionLike {
  metadata: MediaMetadata | null = null;
  playbackState: MediaSessionPlaybackState = 'none';
  microphoneActive: boolean | null = null;
  readonly handlers = new Map<string, () => void>();
  constructor(private readonly known: readonly string[]) {}
  setActionHandler(action: string, handler: (() => void) | null): void {
    if (!this.known.includes(action)) throw new TypeError(`unknown action ${action}`);
    if (handler) this.handlers.set(action, handler);
    else this.handlers.delete(action);
  }
  setMicrophoneActive(active: boolean): void {
    this.microphoneActive = active;
  }
}

const createMetadata = (init: MediaMetadataInit) => ({ ...init }) as MediaMetadata;

function put(call: Parameters<typeof makeCall>[0]) {
  useCallsStore.setState((s) => applyCallSnapshot(s, makeCall(call)));
}

describe('bindMediaSession', () => {
  const done: string[] = [];
  const commands = {
    hangup: async (id: string) => void done.push(`hangup:${id}`),
    toggleMute: (id: string) => void done.push(`mute:${id}`),
  };
  let unbind: () => void = () => {};

  beforeEach(() => {
    done.length = 0;
    useCallsStore.setState(INITIAL_CALLS_STATE, true);
  });
  afterEach(() => unbind());

  it('shows the caller during a call, wires hang up and mute, and clears after it', () => {
    const session = new FakeMediaSession(['hangup', 'togglemicrophone', 'stop', 'pause']);
    unbind = bindMediaSession({ session, createMetadata, commands });
    expect(session.handlers.size).toBe(0);

    put({ id: 'c1', state: CallState.Incoming, remoteDisplayName: 'Ada Lovelace' });
    expect(session.metadata).toBeNull();

    put({ id: 'c1', state: CallState.Active, remoteDisplayName: 'Ada Lovelace', muted: false });
    expect(session.metadata).toMatchObject({ title: 'Ada Lovelace' });
    expect(session.playbackState).toBe('playing');
    expect([...session.handlers.keys()].sort()).toEqual(['hangup', 'togglemicrophone']);
    expect(session.microphoneActive).toBe(true);

    session.handlers.get('togglemicrophone')?.();
    put({ id: 'c1', state: CallState.Active, remoteDisplayName: 'Ada Lovelace', muted: true });
    expect(session.microphoneActive).toBe(false);
    session.handlers.get('hangup')?.();
    expect(done).toEqual(['mute:c1', 'hangup:c1']);

    put({ id: 'c1', state: CallState.Ended, remoteDisplayName: 'Ada Lovelace' });
    expect(session.metadata).toBeNull();
    expect(session.playbackState).toBe('none');
    expect(session.handlers.size).toBe(0);
  });

  it('falls back to stop for hang up where the browser has no hangup action, and titles by number', () => {
    const session = new FakeMediaSession(['stop', 'pause', 'togglemicrophone']);
    unbind = bindMediaSession({ session, createMetadata, commands });
    put({ id: 'c2', state: CallState.Connecting, remoteDisplayName: null, remoteUser: '1002' });
    expect(session.metadata).toMatchObject({ title: '1002' });
    expect([...session.handlers.keys()].sort()).toEqual(['stop', 'togglemicrophone']);
    session.handlers.get('stop')?.();
    expect(done).toEqual(['hangup:c2']);
  });

  it('acts on the call in the foreground when it changes, and clears when unbound', () => {
    const session = new FakeMediaSession(['hangup', 'togglemicrophone']);
    unbind = bindMediaSession({ session, createMetadata, commands });
    put({ id: 'a', state: CallState.Active, remoteDisplayName: 'First' });
    put({ id: 'b', state: CallState.Connecting, direction: 'outgoing', remoteDisplayName: 'Second' });
    expect(session.metadata).toMatchObject({ title: 'Second' });
    session.handlers.get('hangup')?.();
    expect(done).toEqual(['hangup:b']);
    unbind();
    expect(session.metadata).toBeNull();
    expect(session.handlers.size).toBe(0);
  });
});
