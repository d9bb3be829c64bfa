import { describe, expect, it } from 'vitest';
import { RoomError } from './rooms';
import { joinSendbirdRoom } from './sendbird-room';
import type { SbLocalParticipant, SbParticipant, SbRoom, SbRoomEvent, SendbirdSdk } from './sendbird-sdk';
import { sendbirdPayload } from './testing';

/** A hand-written fake with the SDK's surface; records the order of calls. */
function fakeSdk(o: { failAt?: string; error?: unknown; present?: SbParticipant[] } = {}) {
  const log: string[] = [];
  const listeners = new Map<SbRoomEvent, Array<(...args: never[]) => void>>();
  const local: SbLocalParticipant = {
    participantId: 'me',
    user: { userId: 'service_user_T42', nickname: 'Chris' },
    isAudioEnabled: true,
    isVideoEnabled: true,
    setMediaView: async () => undefined,
    setLocalMediaView: async () => void log.push('setLocalMediaView'),
    muteMicrophone: () => void log.push('mute'),
    unmuteMicrophone: () => void log.push('unmute'),
    stopVideo: () => void log.push('stopVideo'),
    startVideo: () => void log.push('startVideo'),
  };
  const remoteParticipants: SbParticipant[] = [...(o.present ?? [])];
  const step = (name: string) => {
    log.push(name);
    if (o.failAt === name) throw o.error;
  };
  const room: SbRoom = {
    roomId: 'room-123',
    localParticipant: local,
    remoteParticipants,
    enter: async (params) => step(`enter:${params.audioEnabled}/${params.videoEnabled}`),
    exit: () => void log.push('exit'),
    addEventListener: (type: SbRoomEvent, cb: (...args: never[]) => void) => {
      listeners.set(type, [...(listeners.get(type) ?? []), cb]);
    },
    removeAllEventListeners: () => listeners.clear(),
  };
  const sdk: SendbirdSdk = {
    init: (appId) => step(`init:${appId}`),
    authenticate: async (option) => {
      step(`authenticate:${option.userId}:${option.accessToken}`);
      return { userId: option.userId, nickname: '' };
    },
    connectWebSocket: async () => step('connectWebSocket'),
    fetchRoomById: async (id) => {
      step(`fetchRoomById:${id}`);
      return room;
    },
    deauthenticate: () => void log.push('deauthenticate'),
  };
  const fire = (type: SbRoomEvent, ...args: unknown[]) =>
    (listeners.get(type) ?? []).forEach((cb) => (cb as (...a: unknown[]) => void)(...args));
  return { sdk, log, fire, remoteParticipants };
}

const remote = (id: string, views: HTMLMediaElement[] = []): SbParticipant => ({
  participantId: id,
  user: { userId: `agent_${id}`, nickname: 'Ada' },
  isAudioEnabled: true,
  isVideoEnabled: true,
  setMediaView: async (el) => void views.push(el),
});

async function failure(o: { failAt: string; error: unknown }): Promise<RoomError> {
  const { sdk } = fakeSdk(o);
  const error = await joinSendbirdRoom(sdk, sendbirdPayload(), {}).catch((e: unknown) => e);
  if (!(error instanceof RoomError)) throw new Error(`expected RoomError, got ${String(error)}`);
  return error;
}

describe('Sendbird adapter', () => {
  it('joins in the documented order and follows participants', async () => {
    const { sdk, log, fire, remoteParticipants } = fakeSdk();
    const session = await joinSendbirdRoom(sdk, sendbirdPayload(), { cameraOff: true });
    expect(log).toEqual([
      'init:APP-1',
      'authenticate:service_user_T42:tok-abc',
      'connectWebSocket',
      'fetchRoomById:room-123',
      'enter:true/false',
    ]);
    const states: string[] = [];
    const remotes: boolean[] = [];
    session.on('state', (s, reason) => states.push(reason ? `${s}:${reason}` : s));
    session.on('remote', (present) => remotes.push(present));
    expect(session.state).toBe('waiting');

    const video = document.createElement('video');
    const views: HTMLMediaElement[] = [];
    session.attach('remote', video);
    session.attach('local', document.createElement('video'));
    const agent = remote('p1', views);
    remoteParticipants.push(agent);
    fire('remoteParticipantEntered', agent);
    fire('remoteParticipantStreamStarted', agent);
    fire('localParticipantDisconnected', {});
    fire('localParticipantReconnected', {});
    remoteParticipants.splice(0);
    fire('remoteParticipantExited', agent);
    session.mute();
    session.unmute();
    await session.stopVideo();
    await session.startVideo();
    await session.leave();
    await session.leave();

    expect(views).toEqual([video]);
    expect(remotes).toEqual([true, false]);
    expect(states).toEqual(['connected', 'reconnecting', 'connected', 'waiting:remote-left', 'ended:left']);
    expect(log.slice(5)).toEqual([
      'setLocalMediaView',
      'mute',
      'unmute',
      'stopVideo',
      'startVideo',
      'exit',
      'deauthenticate',
    ]);
  });

  it('shows a participant who was already in the room', async () => {
    const views: HTMLMediaElement[] = [];
    const { sdk } = fakeSdk({ present: [remote('p9', views)] });
    const session = await joinSendbirdRoom(sdk, sendbirdPayload(), {});
    expect(session.state).toBe('connected');
    const video = document.createElement('video');
    session.attach('remote', video);
    expect(views).toEqual([video]);
  });

  it('maps errors by numeric code (the WebSocket names are undefined at runtime)', async () => {
    const sbError = (code: number, message = 'x') => Object.assign(new Error(message), { code });
    expect((await failure({ failAt: 'connectWebSocket', error: sbError(1800202) })).code).toBe('unreachable');
    expect((await failure({ failAt: 'connectWebSocket', error: sbError(1800201) })).code).toBe('unreachable');
    expect(
      (await failure({ failAt: 'authenticate:service_user_T42:tok-abc', error: sbError(400302) })).code,
    ).toBe('auth');
    expect((await failure({ failAt: 'enter:true/true', error: sbError(1800704) })).providerCode).toBe(
      1800704,
    );
    expect((await failure({ failAt: 'fetchRoomById:room-123', error: sbError(1400999) })).code).toBe(
      'unreachable',
    );
  });

  it('reports init throwing a plain string as an unsupported browser, and camera denial', async () => {
    const unsupported = await failure({ failAt: 'init:APP-1', error: 'WebRTC is not supported' });
    expect(unsupported).toMatchObject({ code: 'unsupported', message: 'WebRTC is not supported' });
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    expect((await failure({ failAt: 'enter:true/true', error: denied })).code).toBe('permission-denied');
  });

  it('deauthenticates after a failed join', async () => {
    const { sdk, log } = fakeSdk({
      failAt: 'connectWebSocket',
      error: Object.assign(new Error('ws'), { code: 1800202 }),
    });
    await joinSendbirdRoom(sdk, sendbirdPayload(), {}).catch(() => undefined);
    expect(log.at(-1)).toBe('deauthenticate');
  });
});
