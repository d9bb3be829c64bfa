/**
 * SIP adapter of the rooms port: the customer's page registers as the link's guest (ephemeral
 * credentials) and places a video call to the agent's room target. The agent's app answers it
 * automatically while it waits for this room. Uses the phone engine as it is.
 */
import { t } from '@lingui/core/macro';
import { errorMessage } from '../lib/errors';
import { createPhoneEngine } from '../phone';
import { CallState, RegistrationState, type CallSnapshot, type PhoneEngine } from '../phone/types';
import { callMediaOf, guestUserOf, type SipJoin } from './payload';
import {
  createRoomEmitter,
  RoomError,
  type JoinParams,
  type RoomEndReason,
  type RoomSession,
  type RoomState,
} from './rooms';

export interface SipRoomDeps {
  createEngine?: () => PhoneEngine;
}

function endReason(call: CallSnapshot): RoomEndReason {
  switch (call.endReason) {
    case 'local-hangup':
      return 'left';
    case 'remote-hangup':
      return 'remote-left';
    case 'unavailable':
    case 'not-found':
    case 'busy':
    case 'declined':
    case 'no-answer':
    case 'cancelled':
      return 'unavailable';
    default:
      return 'failed';
  }
}

export async function joinSipRoom(
  payload: SipJoin,
  params: JoinParams,
  deps: SipRoomDeps = {},
): Promise<RoomSession> {
  const engine = (deps.createEngine ?? (() => createPhoneEngine()))();
  const emitter = createRoomEmitter();
  let state: RoomState = 'connecting';
  let callId: string | null = null;
  let remote: MediaStream | null = null;
  let local: MediaStream | null = null;
  const elements: { remote: HTMLMediaElement | null; local: HTMLMediaElement | null } = {
    remote: null,
    local: null,
  };
  const offs: Array<() => void> = [];

  const setState = (next: RoomState, reason: RoomEndReason | null = null) => {
    if (state === next || state === 'ended') return;
    state = next;
    emitter.emit('state', next, reason);
    if (next === 'ended') {
      offs.splice(0).forEach((off) => off());
      void engine.stop().catch(() => undefined);
    }
  };
  const show = (which: 'remote' | 'local') => {
    const element = elements[which];
    const stream = which === 'remote' ? remote : local;
    if (!element || element.srcObject === stream) return;
    element.srcObject = stream;
    if (stream) void element.play?.()?.catch(() => undefined);
  };

  offs.push(
    engine.on('registration', (reg, error) => {
      if (reg === RegistrationState.Reconnecting && state !== 'connecting') setState('reconnecting');
      if (reg === RegistrationState.Registered && state === 'reconnecting')
        setState(callId ? 'connected' : 'waiting');
      if (reg === RegistrationState.Failed && state !== 'connecting') {
        emitter.emit(
          'error',
          new RoomError(error?.kind === 'auth' ? 'auth' : 'unreachable', error?.message ?? 'SIP failure'),
        );
        setState('ended', 'connection-lost');
      }
    }),
    engine.on('call', (call) => {
      if (call.id !== callId) return;
      if (call.state === CallState.Active) setState('connected');
      if (call.state === CallState.Ended) setState('ended', endReason(call));
    }),
    engine.on('media', (id, media) => {
      if (id !== callId) return;
      const hadRemote = remote !== null && remote.getTracks().length > 0;
      remote = media.remote;
      local = media.local;
      show('remote');
      show('local');
      const hasRemote = remote !== null && remote.getTracks().length > 0;
      if (hasRemote !== hadRemote) emitter.emit('remote', hasRemote);
    }),
  );

  const fail = async (error: RoomError): Promise<never> => {
    offs.splice(0).forEach((off) => off());
    await engine.stop().catch(() => undefined);
    throw error;
  };

  await engine.start({
    username: guestUserOf(payload.sip.username),
    authorizationUsername: payload.sip.username,
    password: payload.sip.password,
    domain: payload.sip.domain,
    wsUrl: payload.sip.wsUrl,
    displayName: params.displayName.trim() || undefined,
    iceServers: payload.sip.iceServers ?? [],
    audioInputId: params.audioInputId,
    videoInputId: params.videoInputId,
  });
  if (engine.registrationState !== RegistrationState.Registered) {
    const error = engine.registrationError;
    if (error?.kind === 'auth')
      return fail(new RoomError('auth', t`The call service refused this link’s access.`));
    if (error?.kind === 'config') return fail(new RoomError('failed', error.message));
    return fail(new RoomError('unreachable', t`The call service cannot be reached.`));
  }
  try {
    // An audio-only link offers no video at all: no camera, no video transceiver (ADR 0026).
    callId = await engine.call(payload.sip.target, { video: callMediaOf(payload) === 'video' });
  } catch (error) {
    return fail(new RoomError('failed', errorMessage(error)));
  }
  setState('waiting');
  if (params.muted) engine.setMuted(callId, true);
  if (params.cameraOff) await engine.setCameraOff(callId, true).catch(() => undefined);

  return {
    get state() {
      return state;
    },
    on: (event, handler) => emitter.on(event, handler),
    mute: () => callId && engine.setMuted(callId, true),
    unmute: () => callId && engine.setMuted(callId, false),
    startVideo: async () => {
      if (callId) await engine.setCameraOff(callId, false);
    },
    stopVideo: async () => {
      if (callId) await engine.setCameraOff(callId, true);
    },
    attach(which, element) {
      elements[which] = element;
      if (which === 'local') element.muted = true;
      show(which);
    },
    async leave() {
      if (state === 'ended') return;
      if (callId) await engine.hangup(callId).catch(() => undefined);
      setState('ended', 'left');
    },
  };
}
