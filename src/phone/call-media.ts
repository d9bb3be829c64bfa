/**
 * The media side of one call: the session description handler once it exists, mute, hold
 * (tracks and parked senders), camera off/on, and the constraints for the next offer/answer.
 */
import {
  applyTrackStates,
  asWebSdh,
  openTrack,
  parkSenders,
  replaceLocalTrack,
  startCamera,
  stopCamera,
  stopLocalTracks,
  type GetUserMedia,
  type WebSdhLike,
} from './media';
import { mediaConstraintsFor } from './devices';
import type { CallMedia } from './types';
import { classifyMediaError, errorMessage } from '../lib/errors';
import { noop, type Logger } from './util';

export interface CallMediaHost {
  readonly logger: Logger;
  getUserMedia: GetUserMedia;
  videoInputId(): string | undefined;
  ended(): boolean;
  /** The snapshot changed (muted, held, camera). */
  changed(): void;
  /** The streams changed (tracks added/removed). */
  streams(): void;
}

export class CallMediaControl {
  sdh: WebSdhLike | null = null;
  constraints: MediaStreamConstraints;
  /** We send video (placed/answered with video); otherwise the camera stays off. */
  private sendsVideo: boolean;
  muted = false;
  held = false;
  cameraOff: boolean;
  private cameraChain: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: CallMediaHost,
    init: { sendsVideo: boolean; constraints: MediaStreamConstraints },
  ) {
    this.sendsVideo = init.sendsVideo;
    this.cameraOff = !init.sendsVideo;
    this.constraints = init.constraints;
  }

  get streams(): CallMedia {
    return { local: this.sdh?.localMediaStream ?? null, remote: this.sdh?.remoteMediaStream ?? null };
  }

  /** Answering decides whether we send video. */
  answerWith(video: boolean): void {
    this.sendsVideo = video;
    this.cameraOff = !video;
    this.constraints = {
      ...this.constraints,
      video: video ? mediaConstraintsFor('video', { videoInputId: this.host.videoInputId() }) : false,
    };
  }

  attach(raw: object): void {
    const sdh = asWebSdh(raw);
    if (!sdh || sdh === this.sdh) return;
    this.sdh = sdh;
    const onLocal = (): void => {
      this.applyTracks();
      // The camera was switched off before the SDH had acquired it.
      if (this.cameraOff && this.sendsVideo && sdh.localMediaStream.getVideoTracks().length > 0) {
        stopCamera(sdh).catch(noop);
      }
      this.host.streams();
    };
    const onRemote = (): void => {
      this.applyTracks();
      this.host.streams();
    };
    sdh.localMediaStream.addEventListener('addtrack', onLocal);
    sdh.localMediaStream.addEventListener('removetrack', onRemote);
    sdh.remoteMediaStream.addEventListener('addtrack', onRemote);
    sdh.remoteMediaStream.addEventListener('removetrack', onRemote);
    this.host.streams();
  }

  applyTracks(): void {
    applyTrackStates(this.sdh, { muted: this.muted, held: this.held });
  }

  setMuted(muted: boolean): boolean {
    if (this.muted === muted) return false;
    this.muted = muted;
    this.applyTracks();
    return true;
  }

  /** After the hold/resume re-INVITE succeeded. */
  async setHeld(hold: boolean, callId: string): Promise<void> {
    this.held = hold;
    this.applyTracks();
    try {
      await parkSenders(this.sdh, hold);
    } catch (error) {
      this.host.logger.warn(`Call ${callId}: could not ${hold ? 'park' : 'restore'} media senders`, error);
    }
  }

  setCameraOff(off: boolean): Promise<void> {
    const run = this.cameraChain.then(() => this.applyCamera(off));
    this.cameraChain = run.catch(noop);
    return run;
  }

  /**
   * Devices (issue 11): send from this microphone/camera from now on, with a fresh track on the
   * existing sender (`replaceTrack`, the old track stopped). A camera that is off, or a call that
   * sends no video, just remembers the constraint for the next camera-on or re-INVITE.
   */
  switchInput(kind: 'audio' | 'video', constraint: boolean | MediaTrackConstraints): Promise<void> {
    const run = this.cameraChain.then(async () => {
      if (this.host.ended()) return;
      if (kind === 'video' && !this.sendsVideo) return;
      this.constraints = { ...this.constraints, [kind]: constraint };
      const sdh = this.sdh;
      if (!sdh || (kind === 'video' && this.cameraOff)) return;
      const track = await openTrack(this.host.getUserMedia, kind, constraint);
      if (this.host.ended()) return track.stop();
      await replaceLocalTrack(sdh, track).catch((error: unknown) => {
        track.stop();
        throw error;
      });
      this.applyTracks();
      this.host.streams();
    });
    this.cameraChain = run.catch(noop);
    return run;
  }

  stop(): void {
    stopLocalTracks(this.sdh);
  }

  private async applyCamera(off: boolean): Promise<void> {
    if (this.host.ended()) throw new Error('Call has ended');
    // A call placed or answered audio-only stays audio-only.
    if (!this.sendsVideo || this.cameraOff === off) return;
    const sdh = this.sdh;
    if (!sdh) throw new Error('The call is not connected yet');
    if (off) {
      await stopCamera(sdh);
    } else {
      try {
        await startCamera(
          sdh,
          this.host.getUserMedia,
          mediaConstraintsFor('video', { videoInputId: this.host.videoInputId() }),
          !this.held,
        );
      } catch (error) {
        throw new Error(
          classifyMediaError(error)?.message ?? `Could not turn the camera on: ${errorMessage(error)}`,
        );
      }
      if (this.host.ended()) {
        stopLocalTracks(sdh);
        return;
      }
    }
    this.cameraOff = off;
    this.host.changed();
    this.host.streams();
  }
}
