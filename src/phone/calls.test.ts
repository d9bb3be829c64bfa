import { SessionState } from 'sip.js';
import { describe, expect, it, vi } from 'vitest';
import { createPhoneEngine } from './index';
import { activeOutgoing, ring, setup, timed, withFakeTime } from './testing/engine-harness';
import { FakeInvitation, FakeSip, SDP_AUDIO, SDP_VIDEO, flush } from './testing/fakes';
import { CallState, type CallEndReason } from './types';

withFakeTime();

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
      audio: { deviceId: { exact: 'mic-2' } },
      video: { deviceId: { exact: 'cam-1' } },
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
    // Accepted within the task (a prepared answer): no "Connecting" render before the 200 OK (issue 10).
    expect(states(id)).toEqual([CallState.Incoming, CallState.Active]);
    expect(last(id).answeredAt).not.toBeNull();
    await expect(engine.answer(id, { video: false })).rejects.toThrowError('Call is not ringing');
  });

  it('an answer that takes longer than the task shows Connecting until it is accepted', async () => {
    const { world, engine, states } = await setup();
    const { invitation, id } = ring(world, engine, '1003', SDP_AUDIO, 'Carol');
    let release: () => void = () => {};
    const accept = invitation.accept.bind(invitation);
    invitation.accept = async (options) => {
      await new Promise<void>((resolve) => (release = resolve));
      return accept(options);
    };
    const answering = engine.answer(id, { video: false });
    await vi.advanceTimersByTimeAsync(0);
    expect(states(id)).toEqual([CallState.Incoming, CallState.Connecting]);
    await expect(engine.answer(id, { video: false })).rejects.toThrowError('Call is not ringing');
    release();
    await answering;
    expect(states(id)).toEqual([CallState.Incoming, CallState.Connecting, CallState.Active]);
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

  it('the UI hears of a ringing call one task after the INVITE, once its answer is being prepared', async () => {
    const { world, snapshots, incoming } = await setup();
    const invitation = new FakeInvitation({ user: '1003', host: 'openline.local' }, SDP_AUDIO);
    world.ua.receive(invitation);
    expect(invitation.progressed).toEqual([180]); // the caller hears ringing at once
    expect(snapshots).toEqual([]);
    expect(incoming).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(snapshots.map((s) => s.state)).toEqual([CallState.Incoming]);
    expect(incoming.map((s) => s.remoteUser)).toEqual(['1003']);
  });

  it('a call cancelled before the UI heard of it never rings there: only its end is told', async () => {
    const { world, engine, snapshots, incoming } = await setup();
    const invitation = new FakeInvitation({ user: '1003', host: 'openline.local' }, SDP_AUDIO);
    world.ua.receive(invitation);
    invitation.remoteCancel();
    await flush();
    vi.advanceTimersByTime(0);
    expect(incoming).toEqual([]);
    expect(snapshots.map((s) => s.state)).toEqual([CallState.Ended]);
    expect(engine.getCalls()).toEqual([]);
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
