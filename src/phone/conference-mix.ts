/**
 * The three-way conference mix (issue 11), in one AudioContext: each of the two calls sends the mix of
 * the local microphone and the *other* call's audio (a MediaStreamAudioDestinationNode per call, put
 * on the call's audio sender with `replaceTrack`: no renegotiation), and the local user hears both
 * calls through one more destination (`heard`, for the call layer's single audio element).
 *
 * ```
 *   microphone ─► micGain ─┬──────────────► toA ─► call A's sender
 *                          └──────────────► toB ─► call B's sender
 *   call A's audio ─┬─────────────────────► toB
 *                   └─────────────────────► heard ─► <audio> (speaker, setSinkId)
 *   call B's audio ─┬─────────────────────► toA
 *                   └─────────────────────► heard
 * ```
 * Mute sets micGain to 0, so the microphone is silent in both mixes at once. Video is not mixed: each
 * call keeps its own video sender and remote video. stop() puts each call's own microphone track
 * back on its sender and closes the context.
 */

export interface AudioNodeLike {
  connect(destination: AudioNodeLike): unknown;
  disconnect(): void;
}

export interface GainNodeLike extends AudioNodeLike {
  readonly gain: { value: number };
}

export interface DestinationNodeLike extends AudioNodeLike {
  readonly stream: MediaStream;
}

/** The parts of `AudioContext` the mix uses (a stub in unit tests). */
export interface AudioContextLike {
  createMediaStreamSource(stream: MediaStream): AudioNodeLike;
  createMediaStreamDestination(): DestinationNodeLike;
  createGain(): GainNodeLike;
  resume(): Promise<void>;
  close(): Promise<void>;
}

export interface AudioSenderLike {
  readonly track: MediaStreamTrack | null;
  replaceTrack(track: MediaStreamTrack | null): Promise<void>;
}

/** One call in the conference: where its audio goes out, our microphone on it, what it receives. */
export interface MixLeg {
  readonly callId: string;
  readonly sender: AudioSenderLike;
  readonly microphone: MediaStreamTrack;
  readonly remote: MediaStream;
}

/** `new MediaStream(tracks)` (injected: unit tests run without WebRTC). */
export type StreamOf = (tracks: MediaStreamTrack[]) => MediaStream;

export class ConferenceMix {
  private muted = false;
  private stopped = false;

  private constructor(
    private readonly context: AudioContextLike,
    private readonly legs: readonly [MixLeg, MixLeg],
    private readonly micGain: GainNodeLike,
    private readonly nodes: AudioNodeLike[],
    /** What the local user hears: both calls' audio. */
    readonly heard: MediaStream,
  ) {}

  /** Builds the graph and puts each call's mix on its sender; on failure the senders are left as they were. */
  static async start(
    context: AudioContextLike,
    legs: readonly [MixLeg, MixLeg],
    streamOf: StreamOf,
  ): Promise<ConferenceMix> {
    const [a, b] = legs;
    // Both calls carry the same microphone: one source feeds both mixes.
    const microphone = context.createMediaStreamSource(streamOf([a.microphone]));
    const micGain = context.createGain();
    microphone.connect(micGain);
    const fromA = context.createMediaStreamSource(a.remote);
    const fromB = context.createMediaStreamSource(b.remote);
    const toA = context.createMediaStreamDestination();
    const toB = context.createMediaStreamDestination();
    const heard = context.createMediaStreamDestination();
    micGain.connect(toA);
    micGain.connect(toB);
    fromB.connect(toA);
    fromA.connect(toB);
    fromA.connect(heard);
    fromB.connect(heard);
    const mix = new ConferenceMix(
      context,
      legs,
      micGain,
      [microphone, micGain, fromA, fromB, toA, toB, heard],
      heard.stream,
    );
    try {
      await context.resume();
      await a.sender.replaceTrack(onlyAudioTrack(toA.stream));
      await b.sender.replaceTrack(onlyAudioTrack(toB.stream));
    } catch (error) {
      await mix.stop();
      throw error;
    }
    return mix;
  }

  get callIds(): [string, string] {
    return [this.legs[0].callId, this.legs[1].callId];
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** Silences (or restores) the microphone in both mixes; the calls still hear each other. */
  setMuted(muted: boolean): void {
    this.muted = muted;
    this.micGain.gain.value = muted ? 0 : 1;
  }

  /** Each call sends its own microphone again (the call's own mute then applies); the graph is torn down. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const leg of this.legs) {
      await leg.sender.replaceTrack(leg.microphone).catch(() => undefined);
    }
    for (const node of this.nodes) node.disconnect();
    for (const track of this.heard.getTracks()) track.stop();
    await this.context.close().catch(() => undefined);
  }
}

function onlyAudioTrack(stream: MediaStream): MediaStreamTrack {
  const track = stream.getAudioTracks()[0];
  if (!track) throw new Error('The conference mix has no audio track');
  return track;
}
