/**
 * Our SessionDescriptionHandler: sip.js's Web SDH plus the ICE gathering policy of
 * `ice.ts`, for every offer and answer (initial INVITE, incoming answer, re-INVITEs).
 *
 * Candidates arrive through `peerConnectionDelegate.onicecandidate`; when the policy is
 * satisfied we call `iceGatheringComplete()` (public since sip.js 0.21), which resolves
 * the SDH's pending wait. Overriding `waitForIceGatheringComplete` closes the two gaps
 * of doing this from outside the class: a candidate that satisfies the policy before
 * the wait has started, and re-offers while the browser is still gathering (e.g. an
 * unreachable STUN server keeps Chromium gathering for ~40 s) which would otherwise
 * wait for the full cap again.
 *
 * It can also prepare an answer while the phone rings (`prepareAnswer`, driven by
 * prepared-answer.ts): remote description, transceivers, answer SDP and ICE, with no
 * microphone or camera. Accepting then sends that answer at once and opens the devices
 * in parallel; their tracks go onto the already negotiated senders (`replaceTrack`).
 */
import { Web, type Core, type Session, type SessionDescriptionHandlerModifier } from 'sip.js';
import { DEFAULT_ICE_MAX_MS, IceGate, icePolicyFor } from './ice';
import { transportsByMid } from './ice-transports';
import { attachToNegotiatedSenders, type GetUserMedia } from './media';
import type { IceSurvey } from './host-networks';
import type { SdhMaker } from './prepared-answer';
import { noop, type Clock } from './util';

/** Preparation captures nothing: the devices open only once the user answers. */
const NO_MEDIA: Web.SessionDescriptionHandlerOptions = { constraints: { audio: false, video: false } };

export class OpenlineSessionDescriptionHandler extends Web.SessionDescriptionHandler {
  private readonly iceGate: IceGate;
  /** The answer made while ringing, for exactly this offer; used by the next getDescription. */
  private preparation: { offer: string; answer: Promise<string> } | null = null;
  /** The offer made before the Call click (prepared-offer.ts); used by the first getDescription. */
  private preparedOffer: Promise<string> | null = null;
  /** Settles once a prepared offer or answer is in place (its transceivers have mids to attach to). */
  private prepared: Promise<unknown> = Promise.resolve();
  /**
   * After a prepared answer was sent: the microphone/camera being opened and attached. The
   * call watches it (a refused microphone ends the call with the reason).
   */
  localMediaReady: Promise<void> | null = null;

  constructor(
    logger: Core.Logger,
    mediaStreamFactory: Web.MediaStreamFactory,
    configuration: Web.SessionDescriptionHandlerConfiguration,
    clock: Clock,
    survey: IceSurvey | null = null,
  ) {
    super(logger, mediaStreamFactory, configuration);
    const rtc = configuration.peerConnectionConfiguration ?? {};
    const policy = icePolicyFor({
      iceServers: rtc.iceServers ?? [],
      iceTransportPolicy: rtc.iceTransportPolicy,
      maxMs: configuration.iceGatheringTimeout,
      hostNetworks: survey?.hostNetworks,
      serversSilent: survey ? !survey.serversAnswered && (rtc.iceServers ?? []).length > 0 : false,
    });
    this.iceGate = new IceGate(
      policy,
      clock,
      (reason) => {
        logger.debug(`ICE gathering treated as complete (${reason})`);
        this.iceGatheringComplete();
      },
      () => transportsByMid(this.peerConnection),
    );
    this.peerConnectionDelegate = {
      onicecandidate: (event) => this.iceGate.candidate(event.candidate),
      onicegatheringstatechange: () => {
        if (this.peerConnection?.iceGatheringState === 'complete') this.iceGate.gatheringComplete();
      },
    };
  }

  /** Applies `offer` and makes the answer now, without local media (see the file comment). */
  prepareAnswer(offer: string, modifiers?: SessionDescriptionHandlerModifier[]): Promise<void> {
    const answer = super
      .setDescription(offer, NO_MEDIA, modifiers)
      .then(() => super.getDescription(NO_MEDIA, modifiers))
      .then((description) => description.body);
    this.preparation = { offer, answer };
    this.prepared = answer.catch(noop);
    return answer.then(noop);
  }

  /**
   * Makes a call's offer now, without local media (prepared-offer.ts): an audio transceiver (and for
   * `video` a video one, in the order sip.js's own offer has them) with no track, offer SDP, ICE
   * candidates. The first getDescription returns it.
   */
  prepareOffer(modifiers?: SessionDescriptionHandlerModifier[], video = false): Promise<void> {
    const pc = this.peerConnection;
    if (!pc) return Promise.reject(new Error('Peer connection closed.'));
    pc.addTransceiver('audio', { direction: 'sendrecv', streams: [this.localMediaStream] });
    if (video) pc.addTransceiver('video', { direction: 'sendrecv', streams: [this.localMediaStream] });
    const offer = super.getDescription(NO_MEDIA, modifiers).then((description) => description.body);
    this.preparedOffer = offer;
    this.prepared = offer.catch(noop);
    return offer.then(noop);
  }

  override setDescription(
    sdp: string,
    options?: Web.SessionDescriptionHandlerOptions,
    modifiers?: SessionDescriptionHandlerModifier[],
  ): Promise<void> {
    const prepared = this.preparation;
    if (prepared && prepared.offer === sdp) return prepared.answer.then(noop);
    this.preparation = null;
    return super.setDescription(sdp, options, modifiers);
  }

  override getDescription(
    options?: Web.SessionDescriptionHandlerOptions,
    modifiers?: SessionDescriptionHandlerModifier[],
  ): Promise<{ body: string; contentType: string }> {
    const prepared = this.preparedOffer ?? this.preparation?.answer;
    if (!prepared) return super.getDescription(options, modifiers);
    this.preparedOffer = null;
    this.preparation = null;
    // Consent given (the click): open the devices now, even if the preparation is still under way;
    // their tracks wait for it (setLocalMediaStream).
    const media = this.getLocalMediaStream(options);
    media.catch(noop);
    this.localMediaReady = media;
    return prepared.then((body) => ({ body, contentType: 'application/sdp' }));
  }

  /** Tracks for senders of a prepared offer or answer are swapped in; the rest go through sip.js. */
  protected override async setLocalMediaStream(stream: MediaStream): Promise<void> {
    // The preparation's own (empty) stream must not wait for itself.
    if (stream.getTracks().length > 0) await this.prepared;
    const pc = this._peerConnection;
    if (!pc) throw new Error('Peer connection undefined.');
    const rest = await attachToNegotiatedSenders(pc, this._localMediaStream, stream);
    if (rest.length > 0) await super.setLocalMediaStream(new MediaStream(rest));
  }

  protected override waitForIceGatheringComplete(restart = false, timeout = 0): Promise<void> {
    if (restart) this.iceGate.reset();
    if (this.iceGate.satisfied) return Promise.resolve();
    const waiting = super.waitForIceGatheringComplete(restart, timeout);
    // May complete synchronously (candidates already seen), resolving `waiting`.
    this.iceGate.begin();
    return waiting;
  }

  override close(): void {
    this.iceGate.dispose();
    super.close();
  }
}

/**
 * SDH factory for `UserAgentOptions.sessionDescriptionHandlerFactory`. It reads the
 * UA's `sessionDescriptionHandlerFactoryOptions` (ICE servers, transport policy and
 * `iceGatheringTimeout`, which is the policy's cap) like sip.js's default factory.
 */
export function createSessionDescriptionHandlerFactory(deps: {
  getUserMedia: GetUserMedia;
  clock: Clock;
  /** What the ICE warm-up after registration learnt for these servers (host-networks.ts). */
  iceSurvey?: (iceServers: readonly RTCIceServer[]) => IceSurvey | null;
  /** The page's DTLS certificate, made ahead of the calls (dtls-certificate.ts). */
  certificate?: () => RTCCertificate | null;
}): SdhMaker {
  const mediaStreamFactory: Web.MediaStreamFactory = async (constraints, sessionDescriptionHandler) => {
    if (!constraints.audio && !constraints.video) return new MediaStream();
    const stream = await deps.getUserMedia(constraints);
    // Hung up while the browser was asking for the devices: sip.js would drop the
    // stream without stopping it, leaving the camera/microphone on.
    if (sessionDescriptionHandler.peerConnection === undefined) {
      for (const track of stream.getTracks()) track.stop();
      throw new Error('The call ended before the microphone or camera was ready');
    }
    return stream;
  };
  return (session: Session, options?: Web.SessionDescriptionHandlerFactoryOptions) => {
    const certificate = deps.certificate?.() ?? null;
    const configuration: Web.SessionDescriptionHandlerConfiguration = {
      iceGatheringTimeout: options?.iceGatheringTimeout ?? DEFAULT_ICE_MAX_MS,
      peerConnectionConfiguration: {
        ...Web.defaultPeerConnectionConfiguration(),
        ...options?.peerConnectionConfiguration,
        ...(certificate ? { certificates: [certificate] } : {}),
      },
    };
    const logger = session.userAgent.getLogger('sip.SessionDescriptionHandler');
    return new OpenlineSessionDescriptionHandler(
      logger,
      mediaStreamFactory,
      configuration,
      deps.clock,
      deps.iceSurvey?.(configuration.peerConnectionConfiguration?.iceServers ?? []) ?? null,
    );
  };
}
