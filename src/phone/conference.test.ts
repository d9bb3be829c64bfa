import { describe, expect, it } from 'vitest';
import { createPhoneEngine } from './index';
import { activeOutgoing, timed, withFakeTime } from './testing/engine-harness';
import {
  FakeSip,
  FakeStream,
  flush,
  type FakeInviter,
  type FakeSender,
  type FakeTrack,
} from './testing/fakes';
import { StubContext } from './testing/stub-audio-context';
import { CallState, type CallSnapshot, type ConferenceSnapshot } from './types';

withFakeTime();

const CONFIG = {
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com/sip',
  iceServers: [],
};

async function twoLines() {
  const world = new FakeSip();
  const contexts: StubContext[] = [];
  const engine = createPhoneEngine({
    ...world.deps(),
    createAudioContext: () => {
      const context = new StubContext();
      contexts.push(context);
      return context;
    },
    streamOf: (tracks) => new FakeStream(tracks as never) as unknown as MediaStream,
  });
  const conferences: (ConferenceSnapshot | null)[] = [];
  engine.on('conference', (c) => conferences.push(c));
  const snapshots: CallSnapshot[] = [];
  engine.on('call', (c) => snapshots.push(c));
  await engine.start(CONFIG);
  const a = await activeOutgoing(world, engine, '1002');
  const b = await timed(activeOutgoing(world, engine, '1003'));
  const last = (id: string) => [...snapshots].reverse().find((s) => s.id === id)!;
  return { world, engine, a, b, conferences, contexts, last };
}

const audioSender = (inviter: FakeInviter) =>
  inviter.sessionDescriptionHandler!.peerConnection!.senders.find(
    (s) => s.track?.kind === 'audio' || s.replaced.length,
  )!;
const microphone = (inviter: FakeInviter) =>
  inviter.sessionDescriptionHandler!.localMediaStream.getAudioTracks()[0] as FakeTrack;
const sent = (sender: FakeSender) => sender.track;

describe('conference', () => {
  it('merge resumes the held line and puts a mix on both calls; mute mutes the user in both', async () => {
    const { engine, a, b, conferences, contexts, last } = await twoLines();
    expect(last(a.id).held).toBe(true);
    await timed(engine.merge(a.id, b.id));
    expect(last(a.id).held).toBe(false);
    expect(last(b.id).held).toBe(false);
    expect(conferences.at(-1)).toMatchObject({ callIds: [a.id, b.id], muted: false });
    const context = contexts[0]!;
    expect(sent(audioSender(a.inviter))).not.toBe(microphone(a.inviter));
    expect(sent(audioSender(a.inviter))).toBe((context.node('to a') as never as { track: FakeTrack }).track);
    expect(context.feeding('heard')).toHaveLength(2);

    engine.setMuted(b.id, true);
    expect(conferences.at(-1)).toMatchObject({ muted: true });
    // The mix carries the mute: the calls' own tracks (what each hears of the other) stay on.
    expect(sent(audioSender(a.inviter))!.enabled).toBe(true);
    await expect(engine.merge(a.id, b.id)).rejects.toThrowError('A conference is already in progress');
  });

  it('split: the kept call talks on its own microphone, the other goes on hold', async () => {
    const { engine, a, b, conferences, contexts, last } = await twoLines();
    await timed(engine.merge(a.id, b.id));
    expect(engine.expectsNoAudio(a.id)).toBe(true);
    await timed(engine.split(b.id));
    expect(engine.expectsNoAudio(b.id)).toBe(false);
    expect(conferences.at(-1)).toBeNull();
    expect(sent(audioSender(b.inviter))).toBe(microphone(b.inviter));
    expect(last(a.id).held).toBe(true);
    expect(last(b.id).held).toBe(false);
    expect(contexts[0]!.state).toBe('closed');
  });

  it('refuses to hold one participant of the conference, and holds again after split', async () => {
    const { engine, a, b, last } = await twoLines();
    await timed(engine.merge(a.id, b.id));
    await expect(engine.hold(a.id)).rejects.toThrow(/split the conference first/);
    expect(last(a.id).held).toBe(false);
    await timed(engine.split(b.id));
    await timed(engine.hold(b.id));
    expect(last(b.id).held).toBe(true);
  });

  it('a participant hanging up leaves a normal call with the other, on its own microphone', async () => {
    const { engine, a, b, conferences } = await twoLines();
    await timed(engine.merge(a.id, b.id));
    b.inviter.remoteBye();
    await flush();
    expect(conferences.at(-1)).toBeNull();
    expect(sent(audioSender(a.inviter))).toBe(microphone(a.inviter));
    expect(engine.getCalls().map((c) => [c.id, c.state, c.held])).toEqual([[a.id, CallState.Active, false]]);
  });

  it('the host ends the conference for everyone: both calls are hung up', async () => {
    const { engine, a, b, conferences } = await twoLines();
    await timed(engine.merge(a.id, b.id));
    await timed(engine.leaveConference('end'));
    expect(a.inviter.byeCount + b.inviter.byeCount).toBe(2);
    expect(conferences.at(-1)).toBeNull();
    expect(engine.getCalls()).toEqual([]);
  });

  it('the host leaves the other two connected: REFER with Replaces to the first party', async () => {
    const { engine, a, b, conferences } = await twoLines();
    await timed(engine.merge(a.id, b.id));
    await timed(engine.leaveConference('connect'));
    expect(conferences.at(-1)).toBeNull();
    const { callId, localTag, remoteTag } = b.inviter.dialog;
    const replaces = encodeURIComponent(`${callId};to-tag=${remoteTag};from-tag=${localTag}`);
    expect(a.inviter.refers.map((r) => r.referTo)).toEqual([
      `<sip:1003@openline.local?Replaces=${replaces}>`,
    ]);
    await expect(engine.leaveConference('end')).rejects.toThrowError('There is no conference');
  });

  it('hanging up the talking call while the merge is still resuming the other leaves that one talking', async () => {
    const { engine, a, b, conferences, last } = await twoLines();
    const merging = engine.merge(a.id, b.id);
    const outcome = merging.then(
      () => 'merged',
      (error: Error) => error.message,
    );
    await timed(engine.hangup(b.id));
    expect(await timed(outcome)).toBe('A call ended while merging');
    expect(b.inviter.byeCount).toBe(1);
    expect(a.inviter.byeCount).toBe(0);
    expect(conferences.at(-1) ?? null).toBeNull();
    expect(engine.getCalls().map((c) => [c.id, c.state])).toEqual([[a.id, CallState.Active]]);
    expect(last(a.id).held).toBe(false);
    expect(sent(audioSender(a.inviter))).toBe(microphone(a.inviter));
  });
});
