import { SessionState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhoneEngine } from './index';
import { FakeInvitation, FakeSip, flush, SDP_AUDIO, SDP_VIDEO, type FakeSdh } from './testing/fakes';
import {
  CallState,
  type CallEndReason,
  type CallSnapshot,
  type PhoneConfig,
  type PhoneEngine,
} from './types';

const CONFIG: PhoneConfig = {
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com/sip',
  iceServers: [],
};

async function setup(config: Partial<PhoneConfig> = {}) {
  const world = new FakeSip();
  const engine = createPhoneEngine(world.deps());
  const snapshots: CallSnapshot[] = [];
  const incoming: CallSnapshot[] = [];
  const media: string[] = [];
  const dtmf: [string, string][] = [];
  engine.on('call', (call) => snapshots.push(call));
  engine.on('incoming', (call) => incoming.push(call));
  engine.on('media', (id) => media.push(id));
  engine.on('dtmf', (id, tone) => dtmf.push([id, tone]));
  await engine.start({ ...CONFIG, ...config });
  const last = (id: string) => [...snapshots].reverse().find((s) => s.id === id)!;
  const states = (id: string) =>
    snapshots
      .filter((s) => s.id === id)
      .map((s) => s.state)
      .filter((s, i, a) => a[i - 1] !== s);
  return { world, engine, snapshots, incoming, media, dtmf, last, states };
}

/** An incoming call from `user`; resolves with its id. */
function ring(world: FakeSip, engine: PhoneEngine, user = '1003', body = SDP_AUDIO, displayName = '') {
  const invitation = new FakeInvitation({ user, displayName, host: 'openline.local' }, body);
  world.ua.receive(invitation);
  const call = engine.getCalls().find((c) => c.remoteUser === user && c.state === CallState.Incoming);
  return { invitation, id: call?.id ?? '' };
}

async function activeOutgoing(world: FakeSip, engine: PhoneEngine, target = '1002', video = false) {
  const id = await engine.call(target, { video });
  const inviter = world.inviter;
  inviter.progress(180);
  inviter.answer();
  await flush();
  return { id, inviter };
}

/** Awaits `promise` while advancing fake time (re-INVITEs are spaced by REINVITE_SPACING_MS). */
async function timed<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 200 && !done; i++) await vi.advanceTimersByTimeAsync(50);
  return promise;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(1_000_000);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('outgoing calls', () => {
  it('Dialing → Ringing → Active → local hangup', async () => {
    const { world, engine, states, last, media } = await setup();
    const id = await engine.call('1002', { video: false });
    const inviter = world.inviter;
    expect(String(inviter.target)).toBe('sip:1002@openline.local');
    expect(inviter.options).toMatchObject({
      earlyMedia: false,
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    expect(last(id)).toMatchObject({
      direction: 'outgoing',
      state: CallState.Dialing,
      remoteUri: 'sip:1002@openline.local',
      remoteUser: '1002',
      video: false,
      cameraOff: true,
      muted: false,
      held: false,
      createdAt: 1_000_000,
    });

    inviter.progress(100);
    expect(last(id).state).toBe(CallState.Dialing);
    inviter.progress(180);
    expect(last(id).state).toBe(CallState.Ringing);
    vi.setSystemTime(1_005_000);
    inviter.answer();
    expect(last(id)).toMatchObject({ state: CallState.Active, answeredAt: 1_005_000 });
    expect(media).toContain(id);
    expect(engine.getMedia(id).local).not.toBeNull();
    expect(engine.getMedia(id).remote).not.toBeNull();

    await engine.hangup(id);
    expect(inviter.byeCount).toBe(1);
    expect(last(id)).toMatchObject({
      state: CallState.Ended,
      endReason: 'local-hangup',
      endStatusCode: null,
    });
    expect(states(id)).toEqual([CallState.Dialing, CallState.Ringing, CallState.Active, CallState.Ended]);
    expect(engine.getCalls()).toEqual([]);
    expect(engine.getMedia(id)).toEqual({ local: null, remote: null });
    await expect(engine.hangup(id)).rejects.toThrowError('No such call');
  });

  it.each<[number, CallEndReason]>([
    [486, 'busy'],
    [600, 'busy'],
    [603, 'declined'],
    [480, 'unavailable'],
    [404, 'not-found'],
    [408, 'no-answer'],
    [487, 'cancelled'],
    [500, 'failed'],
    [503, 'failed'],
    [488, 'failed'],
  ])('final %i → %s', async (status, reason) => {
    const { world, engine, last } = await setup();
    const id = await engine.call('1002', { video: false });
    world.inviter.progress(180);
    world.inviter.rejectWith(status);
    await flush();
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: reason, endStatusCode: status });
  });

  it('hangup before answer sends CANCEL and ends as cancelled at once', async () => {
    const { world, engine, last, snapshots } = await setup();
    const id = await engine.call('1002', { video: false });
    world.inviter.progress(180);
    await engine.hangup(id);
    expect(world.inviter.cancelled).toBe(true);
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'cancelled' });
    const count = snapshots.length;
    world.inviter.rejectWith(487);
    await flush();
    expect(snapshots.length).toBe(count);
  });

  it('their BYE → remote-hangup', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    inviter.remoteBye();
    await flush();
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'remote-hangup' });
  });

  it('media failure rejects call() with a clear message and ends the call', async () => {
    const { world, engine, snapshots } = await setup();
    world.inviteFailure = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    await expect(engine.call('1002', { video: true })).rejects.toThrowError(
      'Microphone or camera access is blocked.',
    );
    expect(snapshots.at(-1)).toMatchObject({ state: CallState.Ended, endReason: 'failed' });
    expect(engine.getCalls()).toEqual([]);
  });

  it('rejects garbage targets and calls before start', async () => {
    const { engine } = await setup();
    await expect(engine.call('hello world', { video: false })).rejects.toThrowError(
      '"hello world" is not a valid number or SIP address',
    );
    const idle = createPhoneEngine(new FakeSip().deps());
    await expect(idle.call('1002', { video: false })).rejects.toThrowError('The phone is not signed in');
  });

  it('video calls ask for the configured devices', async () => {
    const { world, engine } = await setup({ audioInputId: 'mic-2', videoInputId: 'cam-1' });
    await engine.call('sip:bob@example.com', { video: true });
    expect(world.inviter.options.sessionDescriptionHandlerOptions?.constraints).toEqual({
      audio: { deviceId: 'mic-2' },
      video: { deviceId: 'cam-1' },
    });
  });
});

describe('incoming calls', () => {
  it('Incoming → answer → Active', async () => {
    const { world, engine, incoming, last, states } = await setup();
    const { invitation, id } = ring(world, engine, '1003', SDP_AUDIO, 'Carol');
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({
      id,
      direction: 'incoming',
      state: CallState.Incoming,
      remoteUser: '1003',
      remoteUri: 'sip:1003@openline.local',
      remoteDisplayName: 'Carol',
      video: false,
    });
    await engine.answer(id, { video: false });
    expect(invitation.accepted[0]?.sessionDescriptionHandlerOptions).toEqual({
      constraints: { audio: true, video: false },
    });
    expect(states(id)).toEqual([CallState.Incoming, CallState.Connecting, CallState.Active]);
    expect(last(id).answeredAt).not.toBeNull();
    await expect(engine.answer(id, { video: false })).rejects.toThrowError('Call is not ringing');
  });

  it('an offer with video is flagged and can be answered with video', async () => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine, '1003', SDP_VIDEO);
    expect(last(id).video).toBe(true);
    await engine.answer(id, { video: true });
    expect(invitation.accepted[0]?.sessionDescriptionHandlerOptions?.constraints).toEqual({
      audio: true,
      video: true,
    });
    expect(last(id)).toMatchObject({ state: CallState.Active, cameraOff: false });
  });

  it.each([486, 603] as const)('decline(%i) rejects with that status', async (status) => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine);
    await engine.decline(id, status);
    expect(invitation.rejected).toEqual([{ statusCode: status }]);
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'declined', endStatusCode: status });
  });

  it('decline() defaults to 486 and hangup() while ringing rejects with 486', async () => {
    const { world, engine } = await setup();
    const first = ring(world, engine, '1003');
    await engine.decline(first.id);
    expect(first.invitation.rejected).toEqual([{ statusCode: 486 }]);
    const second = ring(world, engine, '1004');
    await engine.hangup(second.id);
    expect(second.invitation.rejected).toEqual([{ statusCode: 486 }]);
    await expect(engine.decline('nope')).rejects.toThrowError('No such call');
  });

  it('their CANCEL → cancelled', async () => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine);
    invitation.remoteCancel();
    await flush();
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'cancelled', endStatusCode: 487 });
  });

  it('CANCEL with Reason cause=200 → answered-elsewhere', async () => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine);
    invitation.remoteCancel('SIP;cause=200;text="Call completed elsewhere"');
    await flush();
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'answered-elsewhere' });
  });

  it('not answered before sip.js gives up → no-answer', async () => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine);
    invitation.transition(SessionState.Terminated);
    await flush();
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'no-answer' });
  });

  it('answer() failing on media ends the call with a clear error', async () => {
    const { world, engine, last } = await setup();
    const { invitation, id } = ring(world, engine);
    invitation.failAcceptWith = Object.assign(new Error('gone'), { name: 'NotFoundError' });
    await expect(engine.answer(id, { video: false })).rejects.toThrowError(
      'No microphone or camera was found.',
    );
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'failed' });
  });

  it('INVITEs after stop() are turned away', async () => {
    const { world, engine } = await setup();
    const ua = world.ua;
    await engine.stop();
    const invitation = new FakeInvitation({ user: '1003' }, SDP_AUDIO);
    ua.receive(invitation);
    expect(invitation.rejected).toEqual([{ statusCode: 480 }]);
  });
});

describe('call waiting and auto-answer', () => {
  it('a second incoming call rings; answering it holds the first', async () => {
    const { world, engine, last } = await setup();
    const a = ring(world, engine, '1003');
    await engine.answer(a.id, { video: false });
    const b = ring(world, engine, '1004');
    expect(last(b.id).state).toBe(CallState.Incoming);
    expect(b.invitation.rejected).toEqual([]);
    expect(b.invitation.accepted).toEqual([]);

    const accept = b.invitation.accept.bind(b.invitation);
    let firstHeldWhenAnswering: boolean | undefined;
    b.invitation.accept = (options) => {
      firstHeldWhenAnswering = last(a.id).held;
      return accept(options);
    };
    await timed(engine.answer(b.id, { video: false }));
    expect(firstHeldWhenAnswering).toBe(true);
    expect(a.invitation.reinvites).toHaveLength(1);
    expect(a.invitation.reinvites[0]?.sessionDescriptionHandlerOptions).toMatchObject({ hold: true });
    expect(last(a.id)).toMatchObject({ state: CallState.Active, held: true });
    expect(last(b.id)).toMatchObject({ state: CallState.Active, held: false });
  });

  it('placing a call while another is active holds it first', async () => {
    const { world, engine, last } = await setup();
    const first = await activeOutgoing(world, engine, '1002');
    await timed(engine.call('1004', { video: false }));
    expect(first.inviter.reinvites[0]?.sessionDescriptionHandlerOptions).toMatchObject({ hold: true });
    expect(last(first.id).held).toBe(true);
  });

  it('resuming one call holds the other', async () => {
    const { world, engine, last } = await setup();
    const a = await activeOutgoing(world, engine, '1002');
    const b = await timed(activeOutgoing(world, engine, '1004'));
    expect(last(a.id).held).toBe(true);
    await timed(engine.resume(a.id));
    expect(last(a.id).held).toBe(false);
    expect(last(b.id).held).toBe(true);
  });

  it('auto-answer picks up with the offered media when nothing else is up', async () => {
    const { world, engine, last } = await setup({ autoAnswer: true });
    const a = ring(world, engine, '1003', SDP_VIDEO);
    await flush();
    expect(a.invitation.accepted[0]?.sessionDescriptionHandlerOptions?.constraints).toEqual({
      audio: true,
      video: true,
    });
    expect(last(a.id).state).toBe(CallState.Active);

    const b = ring(world, engine, '1004', SDP_AUDIO);
    await flush();
    expect(b.invitation.accepted).toEqual([]);
    expect(last(b.id).state).toBe(CallState.Incoming);
  });

  it('auto-answer switched on by updatePreferences applies to the next call', async () => {
    const { world, engine, last } = await setup();
    engine.updatePreferences({ autoAnswer: true });
    const a = ring(world, engine, '1003', SDP_AUDIO);
    await flush();
    expect(last(a.id).state).toBe(CallState.Active);
  });

  it('auto-answer uses audio only for an audio offer', async () => {
    const { world, engine } = await setup({ autoAnswer: true });
    const a = ring(world, engine, '1003', SDP_AUDIO);
    await flush();
    expect(a.invitation.accepted[0]?.sessionDescriptionHandlerOptions?.constraints).toEqual({
      audio: true,
      video: false,
    });
  });
});

describe('in-call controls', () => {
  it('hold/resume re-INVITE with hold and disable/enable media', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const sdh = inviter.sessionDescriptionHandler as FakeSdh;
    await timed(engine.hold(id));
    expect(inviter.reinvites[0]?.sessionDescriptionHandlerOptions).toEqual({
      constraints: { audio: true, video: false },
      hold: true,
    });
    expect(last(id).held).toBe(true);
    // Nothing is sent while held: the microphone track is parked off its sender.
    const micTrack = sdh.localMediaStream.getAudioTracks()[0];
    expect(sdh.peerConnection?.senders.map((s) => s.track)).toEqual([null]);
    expect(sdh.localMediaStream.getAudioTracks()[0]?.enabled).toBe(false);
    expect(sdh.peerConnection?.receivers.every((r) => !r.track.enabled)).toBe(true);
    await timed(engine.hold(id));
    expect(inviter.reinvites).toHaveLength(1);

    engine.setMuted(id, true);
    await timed(engine.resume(id));
    expect(inviter.reinvites[1]?.sessionDescriptionHandlerOptions).toMatchObject({ hold: false });
    expect(last(id)).toMatchObject({ held: false, muted: true });
    expect(sdh.peerConnection?.senders.map((s) => s.track)).toEqual([micTrack]);
    expect(sdh.localMediaStream.getAudioTracks()[0]?.enabled).toBe(false);
    expect(sdh.peerConnection?.receivers.every((r) => r.track.enabled)).toBe(true);
    engine.setMuted(id, false);
    expect(sdh.localMediaStream.getAudioTracks()[0]?.enabled).toBe(true);
  });

  it('a refused hold is reported and leaves the call unheld', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    inviter.reinviteAnswers = [488];
    await expect(timed(engine.hold(id))).rejects.toThrowError(
      'The other side refused to hold the call (488)',
    );
    expect(last(id).held).toBe(false);
  });

  it('re-INVITE glare (491) is retried after a back-off', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    inviter.reinviteAnswers = [491];
    const held = engine.hold(id);
    await vi.advanceTimersByTimeAsync(300);
    expect(inviter.reinvites).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(inviter.reinvites).toHaveLength(1); // the Call-ID owner waits at least 2.1 s
    await vi.advanceTimersByTimeAsync(2000);
    await held;
    expect(inviter.reinvites).toHaveLength(2);
    expect(last(id).held).toBe(true);
  });

  it('a re-INVITE refused with 500 + Retry-After is retried', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    inviter.reinviteAnswers = [500];
    inviter.reinviteRetryAfter = '1';
    await timed(engine.hold(id));
    expect(inviter.reinvites).toHaveLength(2);
    expect(last(id).held).toBe(true);
  });

  it('re-INVITEs keep a gap after the answer (RFC 5407)', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const held = engine.hold(id);
    await vi.advanceTimersByTimeAsync(200);
    expect(inviter.reinvites).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(50);
    await held;
    expect(inviter.reinvites).toHaveLength(1);
  });

  it('hold and resume in quick succession are serialised', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await timed(Promise.all([engine.hold(id), engine.resume(id)]));
    expect(inviter.reinvites.map((r) => r.sessionDescriptionHandlerOptions?.hold)).toEqual([true, false]);
    expect(last(id).held).toBe(false);
  });

  it('hold needs an active call', async () => {
    const { world, engine } = await setup();
    const { id } = ring(world, engine);
    await expect(engine.hold(id)).rejects.toThrowError('Call is not active');
    await expect(engine.hold('nope')).rejects.toThrowError('No such call');
  });

  it('mute disables the microphone track', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const sdh = inviter.sessionDescriptionHandler as FakeSdh;
    engine.setMuted(id, true);
    expect(last(id).muted).toBe(true);
    expect(sdh.peerConnection?.senders[0]?.track?.enabled).toBe(false);
    expect(() => engine.setMuted('nope', true)).not.toThrow();
  });

  it('camera off stops the track and replaceTrack(null); camera on re-acquires it', async () => {
    const { world, engine, last, media } = await setup({ videoInputId: 'cam-1' });
    const { id, inviter } = await activeOutgoing(world, engine, '1002', true);
    const sdh = inviter.sessionDescriptionHandler as FakeSdh;
    const videoSender = sdh.peerConnection!.senders[1]!;
    const original = videoSender.track!;
    expect(last(id).cameraOff).toBe(false);

    const mediaEvents = media.length;
    await engine.setCameraOff(id, true);
    expect(videoSender.replaced).toEqual([null]);
    expect(original.stopped).toBe(true);
    expect(sdh.localMediaStream.getVideoTracks()).toEqual([]);
    expect(last(id).cameraOff).toBe(true);
    expect(media.length).toBeGreaterThan(mediaEvents);

    await engine.setCameraOff(id, false);
    expect(world.gumCalls.at(-1)).toEqual({ audio: false, video: { deviceId: 'cam-1' } });
    const fresh = videoSender.track!;
    expect(fresh).not.toBe(original);
    expect(fresh.kind).toBe('video');
    expect(sdh.localMediaStream.getVideoTracks()).toEqual([fresh]);
    expect(last(id).cameraOff).toBe(false);
  });

  it('an audio-only call stays audio-only', async () => {
    const { world, engine, last } = await setup();
    const { id } = await activeOutgoing(world, engine, '1002', false);
    await engine.setCameraOff(id, false);
    expect(world.gumCalls).toEqual([]);
    expect(last(id).cameraOff).toBe(true);
  });

  it('camera on failure is reported', async () => {
    const { world, engine, last } = await setup();
    const { id } = await activeOutgoing(world, engine, '1002', true);
    await engine.setCameraOff(id, true);
    world.gumError = Object.assign(new Error('busy'), { name: 'NotReadableError' });
    await expect(engine.setCameraOff(id, false)).rejects.toThrowError(
      'The microphone or camera is in use by another app, or not working.',
    );
    expect(last(id).cameraOff).toBe(true);
  });

  it('stop() hangs up live calls', async () => {
    const { world, engine, last } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    await engine.stop();
    expect(inviter.byeCount).toBe(1);
    expect(last(id)).toMatchObject({ state: CallState.Ended, endReason: 'local-hangup' });
  });

  it('a throwing event handler does not break the engine', async () => {
    const { world, engine, last } = await setup();
    engine.on('call', () => {
      throw new Error('UI bug');
    });
    const { id } = await activeOutgoing(world, engine);
    expect(last(id).state).toBe(CallState.Active);
  });
});

describe('DTMF', () => {
  it('auto uses RFC 4733 when the sender can insert DTMF, appending to queued tones', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    const sdh = inviter.sessionDescriptionHandler as FakeSdh;
    await engine.sendDtmf(id, '12#');
    await engine.sendDtmf(id, 'a');
    expect(sdh.dtmf.inserted).toEqual([
      { tones: '12#', duration: 100, gap: 70 },
      { tones: '12#A', duration: 100, gap: 70 },
    ]);
    expect(inviter.infos).toEqual([]);
  });

  it('auto falls back to SIP INFO (application/dtmf-relay), one request per tone', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    (inviter.sessionDescriptionHandler as FakeSdh).dtmf.canInsertDTMF = false;
    await engine.sendDtmf(id, '5*');
    expect(inviter.infos.map((i) => [i.contentType, i.body])).toEqual([
      ['application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n'],
      ['application/dtmf-relay', 'Signal=*\r\nDuration=160\r\n'],
    ]);
  });

  it('updatePreferences switches the DTMF method of a call already up', async () => {
    const { world, engine } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    engine.updatePreferences({ dtmfMethod: 'info' });
    await engine.sendDtmf(id, '7');
    expect(inviter.infos.map((i) => i.body)).toEqual(['Signal=7\r\nDuration=160\r\n']);
    expect((inviter.sessionDescriptionHandler as FakeSdh).dtmf.inserted).toEqual([]);
  });

  it('"info" forces INFO; "," pauses 2 s', async () => {
    const { world, engine } = await setup({ dtmfMethod: 'info' });
    const { id, inviter } = await activeOutgoing(world, engine);
    const sent = engine.sendDtmf(id, '1,2');
    await flush();
    expect(inviter.infos).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(inviter.infos).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await sent;
    expect(inviter.infos).toHaveLength(2);
    expect((inviter.sessionDescriptionHandler as FakeSdh).dtmf.inserted).toEqual([]);
  });

  it('"rfc4733" without a usable DTMF sender is an error', async () => {
    const { world, engine } = await setup({ dtmfMethod: 'rfc4733' });
    const { id, inviter } = await activeOutgoing(world, engine);
    (inviter.sessionDescriptionHandler as FakeSdh).dtmf.canInsertDTMF = false;
    await expect(engine.sendDtmf(id, '1')).rejects.toThrowError(
      'This call cannot send DTMF over RTP (RFC 4733)',
    );
  });

  it('invalid tones are rejected before anything is sent', async () => {
    const { world, engine } = await setup({ dtmfMethod: 'info' });
    const { id, inviter } = await activeOutgoing(world, engine);
    await expect(engine.sendDtmf(id, '12x')).rejects.toThrowError("Invalid DTMF tone 'x'");
    expect(inviter.infos).toEqual([]);
    const ringing = ring(world, engine);
    await expect(engine.sendDtmf(ringing.id, '1')).rejects.toThrowError('Call is not active');
  });

  it('received INFO: DTMF is acknowledged and emitted; other types get 415', async () => {
    const { world, engine, dtmf } = await setup();
    const { id, inviter } = await activeOutgoing(world, engine);
    expect(await inviter.remoteInfo('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toEqual({
      status: 200,
    });
    expect(await inviter.remoteInfo('application/dtmf', '#')).toEqual({ status: 200 });
    expect(dtmf).toEqual([
      [id, '5'],
      [id, '#'],
    ]);
    expect(await inviter.remoteInfo('text/plain', 'hi')).toEqual({
      status: 415,
      headers: ['Accept: application/dtmf-relay, application/dtmf'],
    });
    expect(await inviter.remoteInfo(undefined, '')).toEqual({ status: 200 });
  });
});
