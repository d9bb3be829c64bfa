/**
 * Sendbird adapter of the rooms port: init → authenticate → connectWebSocket → fetchRoomById → enter.
 * The SDK is loaded with `import()` (this module itself is only imported dynamically), so its code is a
 * separate chunk that only Sendbird links download.
 */
import type { SendbirdJoin } from './payload';
import {
  createRoomEmitter,
  RoomError,
  type JoinParams,
  type RoomEndReason,
  type RoomSession,
  type RoomState,
} from './rooms';
import { mapSendbirdError } from './sendbird-errors';
import type { SbParticipant, SbRoom, SendbirdSdk } from './sendbird-sdk';

export async function loadSendbirdSdk(): Promise<SendbirdSdk> {
  const mod = await import('sendbird-calls');
  const sdk: SendbirdSdk = (mod as { default?: SendbirdSdk }).default ?? mod;
  return sdk;
}

export async function joinSendbirdRoom(
  sdk: SendbirdSdk,
  payload: SendbirdJoin,
  params: Pick<JoinParams, 'muted' | 'cameraOff'>,
): Promise<RoomSession> {
  const { appId, userId, accessToken } = payload.sendbird;
  let room: SbRoom;
  try {
    sdk.init(appId);
    await sdk.authenticate({ userId, accessToken });
    await sdk.connectWebSocket();
    room = await sdk.fetchRoomById(payload.roomId);
    // An audio-only link never enters with video (ADR 0026).
    const video = payload.media !== 'audio' && !params.cameraOff;
    await room.enter({ audioEnabled: !params.muted, videoEnabled: video });
  } catch (error) {
    try {
      sdk.deauthenticate();
    } catch {
      // not authenticated yet
    }
    throw mapSendbirdError(error);
  }

  const emitter = createRoomEmitter();
  let state: RoomState = 'waiting';
  const elements: { remote: HTMLMediaElement | null; local: HTMLMediaElement | null } = {
    remote: null,
    local: null,
  };
  let shown: SbParticipant | null = null;

  const setState = (next: RoomState, reason: RoomEndReason | null = null) => {
    if (state === next || state === 'ended') return;
    state = next;
    emitter.emit('state', next, reason);
    if (next === 'ended') {
      room.removeAllEventListeners();
      try {
        sdk.deauthenticate();
      } catch {
        // already gone
      }
    }
  };
  const showRemote = (participant: SbParticipant | null) => {
    shown = participant;
    if (participant && elements.remote) void participant.setMediaView(elements.remote).catch(() => undefined);
  };

  room.addEventListener('remoteParticipantStreamStarted', (participant) => {
    showRemote(participant);
    emitter.emit('remote', true);
    setState('connected');
  });
  room.addEventListener('remoteParticipantExited', (participant) => {
    if (shown?.participantId !== participant.participantId) return;
    const next = room.remoteParticipants.find((p) => p.participantId !== participant.participantId) ?? null;
    showRemote(next);
    if (!next) {
      if (elements.remote) elements.remote.srcObject = null;
      emitter.emit('remote', false);
      setState('waiting', 'remote-left');
    }
  });
  room.addEventListener('localParticipantDisconnected', () => setState('reconnecting'));
  room.addEventListener('localParticipantReconnected', () => setState(shown ? 'connected' : 'waiting'));
  room.addEventListener('deleted', () => setState('ended', 'remote-left'));
  room.addEventListener('error', (error) => emitter.emit('error', mapSendbirdError(error)));

  // Someone may already be in the room with media flowing.
  const present = room.remoteParticipants[0];
  if (present) {
    showRemote(present);
    state = 'connected';
  }

  return {
    get state() {
      return state;
    },
    on: (event, handler) => emitter.on(event, handler),
    mute: () => room.localParticipant.muteMicrophone(),
    unmute: () => room.localParticipant.unmuteMicrophone(),
    startVideo: async () => room.localParticipant.startVideo(),
    stopVideo: async () => room.localParticipant.stopVideo(),
    attach(which, element) {
      elements[which] = element;
      if (which === 'local') {
        element.muted = true;
        void room.localParticipant.setLocalMediaView(element).catch(() => undefined);
      } else if (shown) showRemote(shown);
    },
    async leave() {
      if (state === 'ended') return;
      try {
        room.exit();
      } catch (error) {
        emitter.emit('error', error instanceof RoomError ? error : mapSendbirdError(error));
      }
      setState('ended', 'left');
    },
  };
}
