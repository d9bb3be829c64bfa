/**
 * A WebRTC caller for voicemail tests: a werift peer that offers Opus (and, optionally, video like a
 * video call), sends a known tone as 20 ms Opus RTP, and counts the packets it receives (the greeting).
 */
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket } from 'werift';
import { encodeOpusPackets, synthesize } from '../tone';
import { dropDefaultStunServer } from '../werift-no-default-stun';

export class WeriftCaller {
  private readonly pc: RTCPeerConnection;
  private readonly track = new MediaStreamTrack({ kind: 'audio' });
  private readonly tone: Buffer[];
  private pacer?: NodeJS.Timeout;
  private seq = 1000;
  private timestamp = 123_456;
  /** Packets received from the far end (the greeting). */
  received = 0;
  /** Their payloads, in order of arrival. */
  readonly payloads: Buffer[] = [];
  /** Tone packets sent. */
  sent = 0;

  constructor(private readonly o: { video?: boolean; freq?: number } = {}) {
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2 })],
        video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90_000 })],
      },
      iceUseIpv6: false,
    });
    // werift deep-merges the config, so `iceServers: []` would keep its default list (Google's STUN
    // server); the ICE connection's own fallback to it is dropped before gathering (see offer()).
    this.pc.config.iceServers = [];
    // One second of tone, looped.
    this.tone = encodeOpusPackets(synthesize([{ freq: o.freq ?? 440, ms: 1000, gain: 0.5 }]));
    this.pc.onTrack.subscribe((track) => {
      if (track.kind === 'audio')
        track.onReceiveRtp.subscribe((rtp) => {
          this.received++;
          this.payloads.push(rtp.payload);
        });
    });
  }

  async offer(): Promise<string> {
    this.pc.addTransceiver(this.track, { direction: 'sendrecv' });
    if (this.o.video) this.pc.addTransceiver('video', { direction: 'sendrecv' });
    const offer = await this.pc.createOffer();
    dropDefaultStunServer(this.pc);
    await this.pc.setLocalDescription(offer);
    await new Promise<void>((resolve) => {
      if (this.pc.iceGatheringState === 'complete') return resolve();
      this.pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve());
    });
    return this.pc.localDescription!.sdp;
  }

  async answered(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  /** Starts sending the tone every 20 ms until `stop()`. */
  start(): void {
    this.pacer ??= setInterval(() => {
      const payload = this.tone[this.sent % this.tone.length]!;
      const header = new RtpHeader({ payloadType: 111, sequenceNumber: this.seq, timestamp: this.timestamp });
      this.track.writeRtp(new RtpPacket(header, payload));
      this.seq = (this.seq + 1) & 0xffff;
      this.timestamp = (this.timestamp + 960) >>> 0;
      this.sent++;
    }, 20);
  }

  stop(): void {
    clearInterval(this.pacer);
    this.pacer = undefined;
  }

  async close(): Promise<void> {
    this.stop();
    await this.pc.close();
  }
}
