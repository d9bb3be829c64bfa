/**
 * The voicemail endpoint's media: a werift 0.23 peer that answers a WebRTC offer (Opus over
 * DTLS-SRTP with ICE; other media rejected, see ./sdp-audio.ts), plays the greeting as Opus RTP paced
 * at 20 ms, and hands every inbound audio packet to a listener (the recorder).
 */
import {
  MediaStreamTrack,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RtpPacket as Rtp,
} from 'werift';
import { audioOnlyOffer } from './sdp-audio';
import { dropDefaultStunServer } from './werift-no-default-stun';

const FRAME_MS = 20;
const FRAME_SAMPLES = 960;
/** How long we wait for our own ICE candidates before answering anyway. */
const GATHER_LIMIT_MS = 3000;

export interface MediaOptions {
  /** Host addresses werift may use besides the machine's interfaces (e.g. 127.0.0.1). */
  extraHostAddresses?: string[];
}

export class VoicemailMedia {
  private readonly pc: RTCPeerConnection;
  private readonly track = new MediaStreamTrack({ kind: 'audio' });
  private pacer?: NodeJS.Timeout;
  private closed = false;
  /** Greeting packets sent (for tests and logs). */
  sent = 0;

  constructor(options: MediaOptions = {}) {
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48_000, channels: 2 })],
      },
      iceUseIpv6: false,
      iceAdditionalHostAddresses: options.extraHostAddresses,
    });
    // werift deep-merges the config, so `iceServers: []` would keep its default list (Google's STUN
    // server); the ICE connection's own fallback to it is dropped before gathering (see answer()).
    this.pc.config.iceServers = [];
  }

  /** Answers `offer` (the SDP of an INVITE); inbound Opus RTP goes to `onAudio`. */
  async answer(offer: string, onAudio: (rtp: Rtp) => void): Promise<string> {
    const filtered = audioOnlyOffer(offer);
    this.pc.onTrack.subscribe((track) => {
      if (track.kind === 'audio') track.onReceiveRtp.subscribe((rtp) => onAudio(rtp));
    });
    await this.pc.setRemoteDescription({ type: 'offer', sdp: filtered.sdp });
    const audio = this.pc.getTransceivers().find((t) => t.kind === 'audio');
    if (!audio) throw new Error('no audio transceiver after the offer');
    audio.setDirection('sendrecv');
    await audio.sender.replaceTrack(this.track);
    const answer = await this.pc.createAnswer();
    dropDefaultStunServer(this.pc);
    await this.pc.setLocalDescription(answer);
    await this.gathered();
    const local = this.pc.localDescription;
    if (!local) throw new Error('werift produced no local description');
    return filtered.completeAnswer(local.sdp);
  }

  /** Sends `packets` (20 ms Opus frames) in real time; resolves when done or closed. */
  play(packets: readonly Buffer[]): Promise<void> {
    clearInterval(this.pacer);
    let seq = Math.floor(Math.random() * 0x8000);
    let timestamp = Math.floor(Math.random() * 0x7fffffff);
    let index = 0;
    return new Promise((resolve) => {
      if (this.closed || packets.length === 0) return resolve();
      this.pacer = setInterval(() => {
        const payload = packets[index++];
        if (this.closed || !payload) {
          clearInterval(this.pacer);
          return resolve();
        }
        const header = new RtpHeader({
          payloadType: 111,
          sequenceNumber: seq,
          timestamp,
          marker: index === 1,
        });
        this.track.writeRtp(new RtpPacket(header, payload));
        this.sent++;
        seq = (seq + 1) & 0xffff;
        timestamp = (timestamp + FRAME_SAMPLES) >>> 0;
      }, FRAME_MS);
    });
  }

  /** Resolves once ICE and DTLS are up; rejects when they fail or `ms` passes. */
  connected(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.pc.connectionState === 'connected') return resolve();
      const timer = setTimeout(() => done(new Error(`media not connected within ${ms} ms`)), ms);
      const sub = this.pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') done();
        else if (state === 'failed' || state === 'closed') done(new Error(`media ${state}`));
      });
      const done = (error?: Error) => {
        clearTimeout(timer);
        sub.unSubscribe();
        if (error) reject(error);
        else resolve();
      };
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.pacer);
    await this.pc.close();
  }

  private gathered(): Promise<void> {
    return new Promise((resolve) => {
      if (this.pc.iceGatheringState === 'complete') return resolve();
      const timer = setTimeout(finish, GATHER_LIMIT_MS);
      const sub = this.pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && finish());
      function finish() {
        clearTimeout(timer);
        sub.unSubscribe();
        resolve();
      }
    });
  }
}
