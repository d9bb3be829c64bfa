/**
 * Offer preparation (issue 10, ADR 0037): when the user shows they are about to call (typing a
 * number, focusing or pointing at a call button), the call's session description handler is built
 * ahead of time and makes its offer: peer connection, an audio transceiver (and for a video call a
 * video one) with no track, offer SDP and ICE candidates. The Call click then sends the INVITE at
 * once; the microphone (and camera) open in parallel, as they do for a prepared answer, and their
 * tracks go onto the offered senders with `replaceTrack`.
 *
 * Nothing is captured before the click: there is no track until then, and the preparation is used
 * only when the permissions are already granted (the microphone; for video the camera too: a first
 * call still asks before its INVITE leaves, so nobody's phone rings for a call whose devices are then
 * refused). One preparation at a time: pointing at Video call after typing replaces the audio one. A preparation expires
 * `PREPARED_OFFER_TTL_MS` after the last sign of intent (its candidates would go stale on a network
 * change, and a TURN allocation would be held for nothing), and is closed when the engine stops.
 */
import type { Session, SessionDescriptionHandlerModifier, Web } from 'sip.js';
import type { OpenlineSessionDescriptionHandler } from './sdh';
import type { SdhMaker } from './prepared-answer';
import type { Clock, Logger, TimerHandle } from './util';

export const PREPARED_OFFER_TTL_MS = 30_000;

/**
 * Whether the microphone (and for `video` the camera too) may be opened without a prompt: only then is
 * an offer prepared.
 */
export type MediaGranted = (video: boolean) => Promise<boolean>;

async function permissionGranted(name: string): Promise<boolean> {
  try {
    const status = await globalThis.navigator?.permissions?.query({ name: name as PermissionName });
    return status?.state === 'granted';
  } catch {
    return false;
  }
}

/** Reads the Permissions API; false when it cannot say (Firefox before 2024, old Safari). */
export const browserMediaGranted: MediaGranted = async (video) => {
  const [microphone, camera] = await Promise.all([
    permissionGranted('microphone'),
    video ? permissionGranted('camera') : true,
  ]);
  return microphone && camera;
};

interface Preparation {
  readonly key: string;
  readonly sdh: OpenlineSessionDescriptionHandler;
  timer: TimerHandle | null;
}

export class OfferPreparer {
  private preparation: Preparation | null = null;
  /** The session that may take the preparation, with its options' key (set just before `invite()`). */
  private claimed: { session: object; key: string } | null = null;
  /** Bumped by release/dispose: a permission answer that arrives after them is ignored. */
  private generation = 0;
  /** The permissions' last known state, for audio and for video calls (absent: not asked yet). */
  private readonly granted = new Map<boolean, boolean>();

  constructor(
    private readonly make: SdhMaker,
    private readonly deps: {
      clock: Clock;
      logger: Logger;
      mediaGranted: MediaGranted;
      /** A session-like object for the SDH (sip.js takes its logger from it). */
      session: () => Session;
    },
  ) {
    // Asked at sign-in, so the first number typed can be prepared at once.
    void this.askPermission(false);
  }

  /**
   * The user is about to place an audio (or `video`) call with these SDH options and modifiers (`key`
   * identifies them: ICE servers, codecs, the kind of call). Starts a preparation, or extends the one
   * that matches; never throws.
   */
  prepare(
    key: string,
    options: Web.SessionDescriptionHandlerFactoryOptions,
    modifiers: SessionDescriptionHandlerModifier[],
    video = false,
  ): void {
    if (typeof globalThis.RTCPeerConnection !== 'function') return;
    const current = this.preparation;
    if (current && current.key === key && current.sdh.peerConnection) {
      this.arm(current);
      return;
    }
    this.release();
    // Known from the last answer (asked again each time, so a revoked permission is noticed).
    const known = this.granted.get(video);
    const generation = this.generation;
    const asking = this.askPermission(video);
    if (known === true) return this.start(key, options, modifiers, video);
    void asking.then((granted) => {
      if (granted && generation === this.generation && !this.preparation)
        this.start(key, options, modifiers, video);
    });
  }

  private askPermission(video: boolean): Promise<boolean> {
    return this.deps.mediaGranted(video).then(
      (granted) => {
        this.granted.set(video, granted);
        return granted;
      },
      () => false,
    );
  }

  private start(
    key: string,
    options: Web.SessionDescriptionHandlerFactoryOptions,
    modifiers: SessionDescriptionHandlerModifier[],
    video: boolean,
  ): void {
    let sdh: OpenlineSessionDescriptionHandler;
    try {
      sdh = this.make(this.deps.session(), options);
    } catch (error) {
      this.deps.logger.warn('Could not prepare the call', error);
      return;
    }
    const preparation: Preparation = { key, sdh, timer: null };
    this.preparation = preparation;
    this.arm(preparation);
    sdh.prepareOffer(modifiers, video).catch((error: unknown) => {
      this.deps.logger.warn('Preparing the call failed; calling will start afresh', error);
      if (this.preparation === preparation) this.release();
    });
  }

  /** `session` is about to send its INVITE with options `key` (its kind included): it may take the preparation. */
  claim(session: object, key: string): void {
    this.claimed = { session, key };
  }

  /** For the UserAgent's SDH factory: the prepared handler when `session` claimed it and it matches. */
  take(session: object): OpenlineSessionDescriptionHandler | null {
    const claimed = this.claimed;
    if (claimed?.session !== session) return null;
    this.claimed = null;
    const preparation = this.preparation;
    if (!preparation || preparation.key !== claimed.key || !preparation.sdh.peerConnection) return null;
    this.clearTimer(preparation);
    this.preparation = null;
    this.generation++;
    return preparation.sdh;
  }

  /** Closes an unused preparation (peer connection and any TURN allocation with it). */
  release(): void {
    this.generation++;
    const preparation = this.preparation;
    if (!preparation) return;
    this.preparation = null;
    this.clearTimer(preparation);
    preparation.sdh.close();
  }

  /** The engine stops. */
  dispose(): void {
    this.claimed = null;
    this.release();
  }

  private clearTimer(preparation: Preparation): void {
    if (preparation.timer !== null) this.deps.clock.clearTimeout(preparation.timer);
    preparation.timer = null;
  }

  private arm(preparation: Preparation): void {
    this.clearTimer(preparation);
    preparation.timer = this.deps.clock.setTimeout(() => {
      if (this.preparation === preparation) this.release();
    }, PREPARED_OFFER_TTL_MS);
  }
}
