/**
 * The one owner of a live webcall room session (webcall/rooms.ts), as the phone bridge is of the
 * phone engine: the session object stays in this closure, the store holds only serialisable state,
 * and the UI calls intents. Video elements are handed over with `attach` and get the session's
 * streams whenever a session is up (also when the element mounts before the session exists).
 */
import { errorMessage } from '../lib/errors';
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import {
  RoomError,
  type JoinParams,
  type RoomEndReason,
  type RoomErrorCode,
  type RoomSession,
  type RoomState,
} from '../webcall/rooms';

/** The rooms port: `joinRoom` in the app, a fake in tests. */
export interface RoomsPort {
  join(params: JoinParams): Promise<RoomSession>;
}

export type RoomPhase = 'idle' | RoomState | 'failed';
export type RoomVideo = 'remote' | 'local';

export interface RoomViewState {
  phase: RoomPhase;
  /** Why the last session ended (phase `ended`). */
  endReason: RoomEndReason | null;
  /** Why joining failed (phase `failed`), or the latest problem after joining. */
  error: { code: RoomErrorCode; message: string } | null;
  remotePresent: boolean;
  muted: boolean;
  cameraOff: boolean;
  /** A session is up: the media controls act on it. */
  live: boolean;
}

export interface RoomBridge {
  useStore: UseBoundStore<StoreApi<RoomViewState>>;
  /** Leaves any current session, then joins; resolves false when joining failed (see `error`). */
  join(params: JoinParams): Promise<boolean>;
  leave(): Promise<void>;
  setMuted(muted: boolean): void;
  setCameraOff(off: boolean): Promise<void>;
  /** Where to show a stream; null when the element unmounts. */
  attach(which: RoomVideo, element: HTMLMediaElement | null): void;
  dispose(): void;
}

export const IDLE_ROOM: RoomViewState = {
  phase: 'idle',
  endReason: null,
  error: null,
  remotePresent: false,
  muted: false,
  cameraOff: false,
  live: false,
};

const asRoomError = (error: unknown) =>
  error instanceof RoomError ? error : new RoomError('failed', errorMessage(error));

export function createRoomBridge(rooms: RoomsPort): RoomBridge {
  const useStore = create<RoomViewState>()(() => IDLE_ROOM);
  const set = (patch: Partial<RoomViewState>) => useStore.setState(patch);
  const elements: Record<RoomVideo, HTMLMediaElement | null> = { remote: null, local: null };
  let session: RoomSession | null = null;
  let offs: (() => void)[] = [];
  /** Bumped by every join and leave, so a join that resolves late cannot take over. */
  let attempt = 0;

  const release = () => {
    for (const off of offs.splice(0)) off();
    session = null;
  };

  const adopt = (joined: RoomSession) => {
    session = joined;
    offs = [
      joined.on('state', (state, reason) => {
        if (session !== joined) return;
        if (state === 'ended') {
          release();
          set({ phase: 'ended', endReason: reason, live: false, remotePresent: false });
        } else set({ phase: state });
      }),
      joined.on('remote', (present) => {
        if (session === joined) set({ remotePresent: present });
      }),
      joined.on('error', (error) => {
        if (session === joined) set({ error: { code: error.code, message: error.message } });
      }),
    ];
    for (const which of ['remote', 'local'] as const) {
      const element = elements[which];
      if (element) joined.attach(which, element);
    }
    set({ phase: joined.state, live: true });
  };

  const leaveCurrent = async () => {
    const current = session;
    release();
    if (current) await current.leave().catch(() => undefined);
  };

  return {
    useStore,

    async join(params) {
      const mine = ++attempt;
      await leaveCurrent();
      useStore.setState({
        ...IDLE_ROOM,
        phase: 'connecting',
        muted: params.muted ?? false,
        cameraOff: params.cameraOff ?? false,
      });
      let joined: RoomSession;
      try {
        joined = await rooms.join(params);
      } catch (error) {
        if (mine !== attempt) return false;
        const failure = asRoomError(error);
        set({ phase: 'failed', error: { code: failure.code, message: failure.message } });
        return false;
      }
      if (mine !== attempt) {
        await joined.leave().catch(() => undefined);
        return false;
      }
      adopt(joined);
      return true;
    },

    async leave() {
      attempt++;
      const wasLive = session !== null;
      await leaveCurrent();
      const { phase } = useStore.getState();
      if (wasLive || phase === 'connecting') {
        set({ phase: 'ended', endReason: 'left', live: false, remotePresent: false });
      }
    },

    setMuted(muted) {
      if (!session) return;
      if (muted) session.mute();
      else session.unmute();
      set({ muted });
    },

    async setCameraOff(off) {
      if (!session) return;
      set({ cameraOff: off });
      try {
        await (off ? session.stopVideo() : session.startVideo());
      } catch (error) {
        const failure = asRoomError(error);
        set({ cameraOff: !off, error: { code: failure.code, message: failure.message } });
      }
    },

    attach(which, element) {
      elements[which] = element;
      if (element && session) session.attach(which, element);
    },

    dispose() {
      attempt++;
      void leaveCurrent();
    },
  };
}
