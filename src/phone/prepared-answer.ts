/**
 * Answer preparation (docs/calls.md, ADR 0014): while an incoming call rings, its session
 * description handler is built ahead of time and makes the answer (remote description,
 * transceivers, answer SDP, ICE candidates), so pressing Answer sends the 200 OK at once.
 * No microphone or camera is opened before Answer: the devices are requested when the user
 * answers, and their tracks replace the empty senders (sdh.ts).
 *
 * sip.js asks its SDH factory for a handler when `accept()` runs; `factory` hands out the
 * prepared one for that session. A prepared handler nobody took (declined, cancelled, answered
 * elsewhere, failed) is closed when the session terminates: its peer connection goes with it.
 */
import { SessionState, type Session, type SessionDescriptionHandlerModifier, type Web } from 'sip.js';
import { OpenlineSessionDescriptionHandler } from './sdh';
import { classifyMediaError, errorMessage } from '../lib/errors';
import type { EmitterLike } from './ports';
import type { Logger } from './util';

export type SdhMaker = (
  session: Session,
  options?: Web.SessionDescriptionHandlerFactoryOptions,
) => OpenlineSessionDescriptionHandler;

/** What preparing needs from an incoming session (a sip.js `Invitation`). */
export interface PreparableSession {
  readonly body: string | undefined;
  readonly stateChange: EmitterLike<SessionState>;
}

export class AnswerPreparer {
  private readonly prepared = new Map<PreparableSession, OpenlineSessionDescriptionHandler>();

  constructor(
    private readonly make: SdhMaker,
    private readonly logger: Logger,
  ) {}

  /** The UserAgent's SDH factory: the prepared handler for its session, else a new one. */
  readonly factory = (session: Session, options?: Web.SessionDescriptionHandlerFactoryOptions) => {
    const key = session as unknown as PreparableSession;
    const ready = this.prepared.get(key);
    this.prepared.delete(key);
    if (ready?.peerConnection) return ready;
    return this.make(session, options);
  };

  /** Number of prepared handlers not (yet) taken by an answer. */
  get pending(): number {
    return this.prepared.size;
  }

  /** Starts preparing the answer to `session`'s offer; never throws (answering then starts afresh). */
  prepare(
    session: PreparableSession,
    options: Web.SessionDescriptionHandlerFactoryOptions,
    modifiers: SessionDescriptionHandlerModifier[],
  ): void {
    const offer = session.body;
    if (!offer || this.prepared.has(session)) return;
    // Without WebRTC (unit tests of the engine) there is nothing to prepare.
    if (typeof globalThis.RTCPeerConnection !== 'function') return;
    let sdh: OpenlineSessionDescriptionHandler;
    try {
      sdh = this.make(session as unknown as Session, options);
    } catch (error) {
      this.logger.warn('Could not prepare the answer', error);
      return;
    }
    this.prepared.set(session, sdh);
    const onState = (state: SessionState): void => {
      if (state !== SessionState.Terminated) return;
      session.stateChange.removeListener(onState);
      this.release(session);
    };
    session.stateChange.addListener(onState);
    sdh.prepareAnswer(offer, modifiers).catch((error: unknown) => {
      this.logger.warn('Preparing the answer failed; answering will start afresh', error);
      this.release(session);
    });
  }

  /** Closes the prepared handler of `session` if nobody took it (peer connection closed). */
  release(session: PreparableSession): void {
    const sdh = this.prepared.get(session);
    if (!sdh) return;
    this.prepared.delete(session);
    sdh.close();
  }

  /** Closes every prepared handler (the engine stops). */
  dispose(): void {
    for (const session of [...this.prepared.keys()]) this.release(session);
  }
}

/** The devices still being attached after a prepared answer was sent, if any. */
export function pendingLocalMedia(sdh: object | undefined): Promise<void> | null {
  return sdh instanceof OpenlineSessionDescriptionHandler ? sdh.localMediaReady : null;
}

/** Why an answered call ends when its microphone/camera could not be opened. */
export function localMediaFailure(error: unknown): string {
  return classifyMediaError(error)?.message ?? `Could not open the microphone: ${errorMessage(error)}`;
}
