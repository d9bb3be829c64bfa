/**
 * The phone engine's one owner above the engine: creates it on first use, and folds its call,
 * media, DTMF and warning events into the calls store. Registration events go to one handler (the session
 * service, which knows what an auth failure means for its kind of credentials).
 */
import { applyConference } from './conference';
import {
  CallState,
  type CallSnapshot,
  type PhoneEngine,
  type RegistrationError,
  RegistrationState,
} from '../phone/types';
import { unheardVoicemail } from '../phone/message-summary';
import type { CallEndObserver } from './call-log-recorder';
import { addNotice, applyCallSnapshot, removeCall, useCallsStore } from './calls';
import { useTabBadges } from './tab-badges';
import { applyTransferStatus } from './call-transfer';
import { useRegistrationStore } from './registration';

export interface PhoneEngineLink {
  /** The engine, created (and subscribed to) on first use. */
  get(): PhoneEngine;
  /** The engine if it exists: for work that must not create one (sign-out, preference changes). */
  peek(): PhoneEngine | null;
  /** Where registration changes go; by default straight into the registration store. */
  onRegistration(handler: (state: RegistrationState, error: RegistrationError | null) => void): void;
  dispose(): void;
}

export interface PhoneEngineLinkDeps {
  createEngine: () => PhoneEngine;
  /** How long an ended call stays on screen with its end reason. */
  endedCallLingerMs?: number;
  /** The call log: sees every call event; an ended call is shown as ended once it is recorded. */
  callEnds?: CallEndObserver;
}

const DEFAULT_LINGER_MS = 2000;
/** A stuck IndexedDB must not keep a finished call on screen: show the end after this at most. */
const RECORD_WAIT_MS = 1000;

export function createPhoneEngineLink(deps: PhoneEngineLinkDeps): PhoneEngineLink {
  const lingerMs = deps.endedCallLingerMs ?? DEFAULT_LINGER_MS;
  const removalTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const unsubscribers: (() => void)[] = [];
  const calls = useCallsStore;
  let engine: PhoneEngine | null = null;
  let registrationHandler = (state: RegistrationState, error: RegistrationError | null) =>
    useRegistrationStore.setState({ state, error });

  function onCall(call: CallSnapshot) {
    // Hook point (call log, issue 9): record the ended call before the UI shows it ended.
    const recording = deps.callEnds?.observe(call);
    if (!recording) return show(call);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, RECORD_WAIT_MS)));
    void Promise.race([recording, cap]).then(() => {
      clearTimeout(timer);
      show(call);
    });
  }

  function show(call: CallSnapshot) {
    calls.setState((state) => applyCallSnapshot(state, call));
    const pending = removalTimers.get(call.id);
    if (pending !== undefined) {
      clearTimeout(pending);
      removalTimers.delete(call.id);
    }
    if (call.state === CallState.Ended) {
      removalTimers.set(
        call.id,
        setTimeout(() => {
          removalTimers.delete(call.id);
          calls.setState((state) => removeCall(state, call.id));
        }, lingerMs),
      );
    }
  }

  return {
    get() {
      if (engine) return engine;
      const created = deps.createEngine();
      engine = created;
      // A new engine that has nothing to report yet (not started, no error) leaves the store as it is: the
      // sign-in that creates it has already said it is registering.
      if (created.registrationState !== RegistrationState.Unregistered || created.registrationError) {
        useRegistrationStore.setState({ state: created.registrationState, error: created.registrationError });
      }
      unsubscribers.push(
        created.on('registration', (state, error) => registrationHandler(state, error)),
        created.on('call', onCall),
        created.on('media', (callId, media) =>
          calls.setState((state) => ({ media: { ...state.media, [callId]: media } })),
        ),
        created.on('dtmf', (callId, tone) =>
          calls.setState((state) => ({
            dtmfReceived: { ...state.dtmfReceived, [callId]: (state.dtmfReceived[callId] ?? '') + tone },
          })),
        ),
        // Outlives the call it is about (a hang-up the other side never heard of): kept until dismissed.
        created.on('warning', (warning) => calls.setState((state) => addNotice(state, warning))),
        // MWI owns the Voicemail tab's count (the Voicemail screen refreshes it from the API too).
        created.on('messageSummary', (summary) =>
          useTabBadges.getState().setCount('voicemail', unheardVoicemail(summary)),
        ),
        created.on('transfer', (status) => calls.setState((state) => applyTransferStatus(state, status))),
        created.on('conference', applyConference), // issue 11: the three-way conference's store
      );
      for (const call of created.getCalls()) onCall(call);
      return created;
    },
    peek: () => engine,
    onRegistration(handler) {
      registrationHandler = handler;
    },
    dispose() {
      for (const off of unsubscribers.splice(0)) off();
      for (const timer of removalTimers.values()) clearTimeout(timer);
      removalTimers.clear();
      engine = null;
    },
  };
}
