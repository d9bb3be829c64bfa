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
 */
import { Web, type Core, type Session } from 'sip.js';
import { DEFAULT_ICE_MAX_MS, IceGate, icePolicyFor } from './ice';
import { transportsByMid } from './ice-transports';
import type { GetUserMedia } from './media';
import type { Clock } from './util';

export class OpenlineSessionDescriptionHandler extends Web.SessionDescriptionHandler {
  private readonly iceGate: IceGate;

  constructor(
    logger: Core.Logger,
    mediaStreamFactory: Web.MediaStreamFactory,
    configuration: Web.SessionDescriptionHandlerConfiguration,
    clock: Clock,
  ) {
    super(logger, mediaStreamFactory, configuration);
    const rtc = configuration.peerConnectionConfiguration ?? {};
    const policy = icePolicyFor({
      iceServers: rtc.iceServers ?? [],
      iceTransportPolicy: rtc.iceTransportPolicy,
      maxMs: configuration.iceGatheringTimeout,
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
}): Web.SessionDescriptionHandlerFactory {
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
    const configuration: Web.SessionDescriptionHandlerConfiguration = {
      iceGatheringTimeout: options?.iceGatheringTimeout ?? DEFAULT_ICE_MAX_MS,
      peerConnectionConfiguration: {
        ...Web.defaultPeerConnectionConfiguration(),
        ...options?.peerConnectionConfiguration,
      },
    };
    const logger = session.userAgent.getLogger('sip.SessionDescriptionHandler');
    return new OpenlineSessionDescriptionHandler(logger, mediaStreamFactory, configuration, deps.clock);
  };
}
