import { describe, expect, it, vi } from 'vitest';
import { activeOutgoing, ring, setup, timed, withFakeTime } from './testing/engine-harness';
import { flush, type FakeSdh } from './testing/fakes';
import { CallState } from './types';

withFakeTime();

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

  it('a call we answered is not re-INVITEd before the caller ACKs our 200 (RFC 3261 §14.1)', async () => {
    // sip.js ends the call (BYE, 488) when that ACK arrives while our hold's offer is out.
    const { world, engine, last } = await setup();
    const { id, invitation } = ring(world, engine);
    invitation.ackOnAccept = false;
    await timed(engine.answer(id, { video: false }));
    expect(last(id).state).toBe(CallState.Active);
    const held = engine.hold(id);
    await vi.advanceTimersByTimeAsync(2000);
    expect(invitation.reinvites).toHaveLength(0);
    invitation.ack();
    await timed(held);
    expect(invitation.reinvites).toHaveLength(1);
    expect(last(id).held).toBe(true);
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
    expect(world.gumCalls.at(-1)).toEqual({ audio: false, video: { deviceId: { exact: 'cam-1' } } });
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
