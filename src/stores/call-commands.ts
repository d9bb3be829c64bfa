/**
 * What the UI can do to calls. Each command forwards to the engine and turns a failure into the
 * calls store's error line; policy (holding the other calls when answering or resuming) is the
 * engine's, so nothing here holds a call the user did not ask to hold.
 */
import { t } from '@lingui/core/macro';
import { classifyMediaError, errorMessage } from '../lib/errors';
import type { NotificationActionName } from '../lib/sw-messages';
import { CallState } from '../phone/types';
import { dismissNotice, useCallsStore } from './calls';
import { addConsultation } from './call-transfer';
import { useConference, type ConferenceLeave } from './conference';
import type { PhoneEngineLink } from './phone-engine-link';

/** What a tap on an incoming-call notification asked for (the service worker posts it to the page). */
export type NotificationAction = NotificationActionName;

export interface CallCommands {
  /** The user is about to place an audio (or `video`) call: the engine makes its offer ahead (issue 10). */
  prepareDial(video?: boolean): void;
  /** Place a call to an already-normalised target; resolves with the call id, or null on failure. */
  dial(target: string, video: boolean): Promise<string | null>;
  /** Answer (the engine holds any other live call first: call waiting). */
  answer(callId: string, video: boolean): Promise<void>;
  decline(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  toggleMute(callId: string): void;
  toggleCamera(callId: string): Promise<void>;
  /** Hold, or resume (the engine holds the other live calls first). */
  toggleHold(callId: string): Promise<void>;
  sendDtmf(callId: string, tones: string): Promise<void>;
  /**
   * Lines: make `callId` the line the controls act on; a held line is resumed, and the engine holds
   * the active one first (its re-INVITE answered before the resume is sent).
   */
  swap(callId: string): Promise<void>;
  setForeground(callId: string): void;
  /** Answer from a push notification: the held INVITE with this SIP Call-ID is answered on arrival. */
  answerWhenItArrives(sipCallId: string): void;
  /** Answer/Decline chosen on a notification: acts only while the call still rings; audio only. */
  respondToNotification(callId: string, action: NotificationAction): Promise<void>;
  /** Blind transfer of `callId` to what the user typed (number, SIP address); progress in `transfers`. */
  transfer(callId: string, target: string): Promise<void>;
  /** Attended transfer, step 1: call `target` (the customer goes on hold) and remember the pair. */
  consult(callId: string, target: string): Promise<void>;
  /** Attended transfer, step 2: hand the customer over to the consulted party (REFER with Replaces). */
  completeTransfer(consultCallId: string): Promise<void>;
  /** Attended transfer abandoned: hang up the consultation and return to the customer. */
  cancelConsultation(consultCallId: string): Promise<void>;
  /** Conference: merge two lines (one active, one held) into a three-way call mixed in the browser. */
  merge(callId: string, otherCallId: string): Promise<void>;
  /** Conference: back to two lines, `keepCallId` talking, the other on hold. */
  split(keepCallId: string): Promise<void>;
  /** Conference: Hang up asks how to leave (`leaving`); null closes the question. */
  askToLeave(asking: boolean): void;
  leaveConference(how: ConferenceLeave): Promise<void>;
  clearError(): void;
  /** Dismiss one of the calls store's notices (engine warnings). */
  dismissNotice(id: string): void;
}

/** getUserMedia failures in the shared wording (src/lib/errors.ts); anything else by its message. */
export function describeCallError(error: unknown): string {
  return classifyMediaError(error)?.message ?? errorMessage(error);
}

export function createCallCommands(engine: PhoneEngineLink): CallCommands {
  const calls = useCallsStore;
  const callById = (callId: string) => calls.getState().calls[callId];
  const setError = (prefix: string, error: unknown) =>
    calls.setState({ error: `${prefix}: ${describeCallError(error)}` });

  /** Runs an engine command; a failure becomes the error line instead of an unhandled rejection. */
  async function attempt(failure: string, command: () => Promise<void> | void): Promise<void> {
    try {
      await command();
    } catch (e) {
      setError(failure, e);
    }
  }

  const commands: CallCommands = {
    prepareDial(video = false) {
      engine.get().prepareCall(video);
    },

    async dial(target, video) {
      calls.setState({ error: null });
      try {
        const id = await engine.get().call(target, { video });
        if (callById(id)) calls.setState({ foregroundId: id });
        return id;
      } catch (e) {
        setError(t`Could not start the call`, e);
        return null;
      }
    },

    answer: (callId, video) => attempt(t`Could not answer`, () => engine.get().answer(callId, { video })),

    decline: (callId) => attempt(t`Could not decline`, () => engine.get().decline(callId, 603)),

    hangup: (callId) => attempt(t`Could not hang up`, () => engine.get().hangup(callId)),

    toggleMute(callId) {
      const call = callById(callId);
      if (!call) return;
      // In a conference the one mute is the mix's (the calls' own flags stay as they were).
      const conference = useConference.getState().conference;
      const muted = conference?.callIds.includes(callId) ? conference.muted : call.muted;
      void attempt(t`Could not change mute`, () => engine.get().setMuted(callId, !muted));
    },

    async toggleCamera(callId) {
      const call = callById(callId);
      if (!call) return;
      await attempt(t`Could not switch the camera`, () => engine.get().setCameraOff(callId, !call.cameraOff));
    },

    async toggleHold(callId) {
      const call = callById(callId);
      if (!call || call.state !== CallState.Active) return;
      if (!call.held) return attempt(t`Could not hold`, () => engine.get().hold(callId));
      await attempt(t`Could not resume`, async () => {
        await engine.get().resume(callId);
        calls.setState({ foregroundId: callId });
      });
    },

    sendDtmf: (callId, tones) => attempt(t`Could not send tones`, () => engine.get().sendDtmf(callId, tones)),

    async swap(callId) {
      const call = callById(callId);
      if (!call || call.state === CallState.Ended || call.state === CallState.Incoming) return;
      if (call.state !== CallState.Active || !call.held) return commands.setForeground(callId);
      await attempt(t`Could not swap calls`, async () => {
        await engine.get().resume(callId);
        calls.setState({ foregroundId: callId });
      });
    },

    setForeground(callId) {
      if (callById(callId)) calls.setState({ foregroundId: callId });
    },

    answerWhenItArrives(sipCallId) {
      // The server holds the call for at most PUSH_HOLD_MS (30 s by default); a minute covers start-up.
      engine.get().expectAnswer(sipCallId, Date.now() + 60_000);
    },

    async respondToNotification(callId, action) {
      if (action === 'open' || callById(callId)?.state !== CallState.Incoming) return;
      if (action === 'decline') return commands.decline(callId);
      return commands.answer(callId, false);
    },

    transfer: (callId, target) =>
      attempt(t`Could not transfer`, () => {
        calls.setState({ error: null });
        return engine.get().transfer(callId, target);
      }),

    async consult(callId, target) {
      const consultId = await commands.dial(target, false);
      if (consultId) calls.setState((state) => addConsultation(state, consultId, callId));
    },

    async completeTransfer(consultCallId) {
      const customerId = calls.getState().consultations[consultCallId];
      if (!customerId) return;
      await attempt(t`Could not transfer`, () => engine.get().completeTransfer(customerId, consultCallId));
    },

    async cancelConsultation(consultCallId) {
      const customerId = calls.getState().consultations[consultCallId];
      await commands.hangup(consultCallId);
      if (!customerId || callById(customerId)?.state !== CallState.Active) return;
      await attempt(t`Could not resume`, async () => {
        await engine.get().resume(customerId);
        calls.setState({ foregroundId: customerId });
      });
    },

    merge: (callId, otherCallId) =>
      attempt(t`Could not merge the calls`, async () => {
        calls.setState({ error: null });
        useConference.setState({ merging: [callId, otherCallId] });
        try {
          await engine.get().merge(callId, otherCallId);
        } finally {
          useConference.setState({ merging: null });
        }
      }),

    split: (keepCallId) =>
      attempt(t`Could not split the conference`, async () => {
        await engine.get().split(keepCallId);
        calls.setState({ foregroundId: keepCallId });
      }),

    askToLeave(asking) {
      useConference.setState({ leaving: asking && useConference.getState().conference !== null });
    },

    leaveConference: (how) =>
      attempt(t`Could not leave the conference`, async () => {
        useConference.setState({ leaving: false });
        await engine.get().leaveConference(how);
      }),

    clearError() {
      calls.setState({ error: null });
    },

    dismissNotice(id) {
      calls.setState((state) => dismissNotice(state, id));
    },
  };
  return commands;
}
