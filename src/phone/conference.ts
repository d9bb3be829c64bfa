/**
 * The engine's side of the three-way conference (issue 11): which two calls are merged, and the mix
 * between them (conference-mix.ts). The engine wires it in by a few lines: merge/split/leave, mute,
 * and a call ending.
 *
 * ```
 *  two lines (one active, one held) ──merge()──► merged (both resumed, mixed)
 *  merged ──split(keep)──► two lines (keep active on its own microphone, the other held)
 *  merged ──a participant hangs up──► one normal call with the remaining party (own microphone)
 *  merged ──leave('end')──► both calls hung up
 *  merged ──leave('connect')──► mix stopped, then REFER with Replaces joins the other two (transfer.ts)
 * ```
 */
import type { Call } from './call';
import {
  ConferenceMix,
  type AudioContextLike,
  type AudioSenderLike,
  type MixLeg,
  type StreamOf,
} from './conference-mix';
import { CallState, type ConferenceSnapshot } from './types';
import type { Logger } from './util';

export interface ConferenceDeps {
  createAudioContext(): AudioContextLike;
  streamOf: StreamOf;
  emit(snapshot: ConferenceSnapshot | null): void;
  logger: Logger;
}

export const HOLD_IN_CONFERENCE =
  'A call in the conference cannot be held on its own: split the conference first.';

export class Conference {
  private mix: ConferenceMix | null = null;
  private members: readonly [Call, Call] | null = null;
  private busy = false;

  constructor(private readonly deps: ConferenceDeps) {}

  includes(call: Call): boolean {
    return this.members?.includes(call) ?? false;
  }

  get participants(): readonly [Call, Call] | null {
    return this.members;
  }

  /** Resumes the held call (the other already talks; lines.ts kept every other line on hold), then mixes. */
  async merge(a: Call, b: Call): Promise<void> {
    if (this.members || this.busy) throw new Error('A conference is already in progress');
    if (a === b) throw new Error('Choose two different calls to merge');
    if (a.state !== CallState.Active || b.state !== CallState.Active)
      throw new Error('Both calls must be connected to merge them');
    this.busy = true;
    try {
      for (const call of [a, b]) if (call.held) await call.resume();
      const mix = await ConferenceMix.start(
        this.deps.createAudioContext(),
        [legOf(a), legOf(b)],
        this.deps.streamOf,
      );
      if (a.state !== CallState.Active || b.state !== CallState.Active) {
        await mix.stop();
        throw new Error('A call ended while merging');
      }
      // One mute for the conference: the mix's gain, starting as the user left the calls.
      mix.setMuted(a.mediaControl.muted || b.mediaControl.muted);
      this.mix = mix;
      this.members = [a, b];
      this.changed();
    } finally {
      this.busy = false;
    }
  }

  /** Back to two lines: `keep` talks on its own microphone, the other goes on hold. */
  async split(keep: Call): Promise<void> {
    const members = this.members;
    if (!members || !members.includes(keep)) throw new Error('That call is not in the conference');
    const other = members[0] === keep ? members[1] : members[0];
    await this.stop();
    await other.hold();
  }

  setMuted(muted: boolean): void {
    if (!this.mix) return;
    this.mix.setMuted(muted);
    this.changed();
  }

  get muted(): boolean {
    return this.mix?.isMuted ?? false;
  }

  /** A participant's call ended: the other becomes a normal call. */
  ended(call: Call): void {
    if (this.includes(call))
      this.stop().catch((error) => this.deps.logger.warn('Stopping the conference mix failed', error));
  }

  /** Each call back on its own microphone, with its own mute and hold applied again. */
  async stop(): Promise<void> {
    const mix = this.mix;
    const members = this.members;
    if (!mix || !members) return;
    this.mix = null;
    this.members = null;
    await mix.stop();
    for (const call of members) {
      if (call.state !== CallState.Active) continue;
      call.setMuted(mix.isMuted);
      call.mediaControl.applyTracks();
    }
    this.changed();
  }

  private changed(): void {
    const mix = this.mix;
    this.deps.emit(mix ? { callIds: mix.callIds, muted: mix.isMuted, audio: mix.heard } : null);
  }
}

function legOf(call: Call): MixLeg {
  const sdh = call.mediaControl.sdh;
  const senders = (sdh?.peerConnection?.getSenders() ?? []) as unknown as AudioSenderLike[];
  const sender = senders.find((s) => s.track?.kind === 'audio');
  const microphone = sdh?.localMediaStream.getAudioTracks()[0];
  if (!sdh || !sender || !microphone) throw new Error('The call has no audio to merge');
  return { callId: call.id, sender, microphone, remote: sdh.remoteMediaStream };
}
