/**
 * A phone engine whose implementation (the engine and sip.js, ~67 kB gzip) is its own chunk: the
 * app shell paints without it; a saved sign-in fetches it at start, a first visit when the sign-in form
 * is used (or on sign-in, or when a pushed call is answered). Until it is there the engine is simply stopped (unregistered, no calls); commands wait
 * for it, and what was asked of it meanwhile (subscriptions, preferences, an expected answer) is
 * handed over, in order, once it exists.
 *
 * Imports only types and plain values from ./types: importing ./engine or sip.js here would put
 * them back into the first load.
 */
import {
  RegistrationState,
  type AnswerOptions,
  type CallMedia,
  type CallOptions,
  type CallSnapshot,
  type ConferenceLeave,
  type CredentialsUpdate,
  type LivePreferences,
  type PhoneConfig,
  type PhoneEngine,
  type PhoneEvents,
  type RegistrationError,
} from './types';

/** Resolves with the real engine's constructor, e.g. `() => import('./index').then(m => () => m.createPhoneEngine())`. */
export type PhoneEngineLoader = () => Promise<() => PhoneEngine>;

export interface LazyPhoneEngine extends PhoneEngine {
  /** Fetch the implementation now (idempotent); resolves with the real engine. */
  ready(): Promise<PhoneEngine>;
}

/** The engine's chunk could not be fetched (offline before it was ever cached, a deploy removed it). */
export class PhoneEngineLoadError extends Error {
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Could not load the phone (${reason}). Check the connection and try again.`, { cause });
    this.name = 'PhoneEngineLoadError';
  }
}

export function createLazyPhoneEngine(load: PhoneEngineLoader): LazyPhoneEngine {
  let real: PhoneEngine | null = null;
  let loading: Promise<PhoneEngine> | null = null;
  /** Subscriptions: each attaches itself to the real engine (now or when it exists). */
  const subscriptions = new Set<{ attach: (engine: PhoneEngine) => () => void; off: (() => void) | null }>();
  /** Synchronous commands given before the engine existed, replayed in order. */
  const pending: ((engine: PhoneEngine) => void)[] = [];

  function ready(): Promise<PhoneEngine> {
    if (real) return Promise.resolve(real);
    loading ??= load().then(
      (create) => {
        const engine = create();
        real = engine;
        for (const subscription of subscriptions) subscription.off = subscription.attach(engine);
        for (const apply of pending.splice(0)) apply(engine);
        return engine;
      },
      (error: unknown) => {
        loading = null; // try again on the next command
        throw new PhoneEngineLoadError(error);
      },
    );
    return loading;
  }

  /** A synchronous command: now if the engine is there, else once it is (and start fetching it). */
  function whenReady(apply: (engine: PhoneEngine) => void): void {
    if (real) return apply(real);
    pending.push(apply);
    ready().catch(() => undefined); // reported by the next awaited command
  }

  const loaded = async () => ready();

  return {
    ready,
    get registrationState() {
      return real?.registrationState ?? RegistrationState.Unregistered;
    },
    get registrationError(): RegistrationError | null {
      return real?.registrationError ?? null;
    },
    on<E extends keyof PhoneEvents>(event: E, handler: PhoneEvents[E]) {
      const subscription = {
        attach: (engine: PhoneEngine) => engine.on(event, handler),
        off: real ? real.on(event, handler) : null,
      };
      subscriptions.add(subscription);
      return () => {
        subscriptions.delete(subscription);
        subscription.off?.();
      };
    },
    start: async (config: PhoneConfig) => (await loaded()).start(config),
    async stop() {
      // Never loaded, never started: nothing to stop (and no reason to fetch sip.js for it).
      if (!real && !loading) return;
      await (await loaded()).stop();
    },
    updatePreferences: (preferences: Partial<LivePreferences>) =>
      whenReady((engine) => engine.updatePreferences(preferences)),
    updateCredentials: (credentials: CredentialsUpdate) =>
      whenReady((engine) => engine.updateCredentials(credentials)),
    expectAnswer: (sipCallId: string, untilMs: number) =>
      whenReady((engine) => engine.expectAnswer(sipCallId, untilMs)),
    // Only worth it once the engine is there (it is, long before anyone has typed a number).
    prepareCall: (video) => real?.prepareCall(video),
    call: async (target: string, options: CallOptions) => (await loaded()).call(target, options),
    answer: async (callId: string, options: AnswerOptions) => (await loaded()).answer(callId, options),
    decline: async (callId: string, status?: 486 | 603) => (await loaded()).decline(callId, status),
    hangup: async (callId: string) => (await loaded()).hangup(callId),
    setMuted: (callId: string, muted: boolean) => whenReady((engine) => engine.setMuted(callId, muted)),
    setCameraOff: async (callId: string, off: boolean) => (await loaded()).setCameraOff(callId, off),
    hold: async (callId: string) => (await loaded()).hold(callId),
    resume: async (callId: string) => (await loaded()).resume(callId),
    sendDtmf: async (callId: string, tones: string) => (await loaded()).sendDtmf(callId, tones),
    transfer: async (callId: string, target: string) => (await loaded()).transfer(callId, target),
    completeTransfer: async (callId: string, consultCallId: string) =>
      (await loaded()).completeTransfer(callId, consultCallId),
    merge: async (callId: string, otherCallId: string) => (await loaded()).merge(callId, otherCallId),
    split: async (keepCallId: string) => (await loaded()).split(keepCallId),
    leaveConference: async (how: ConferenceLeave) => (await loaded()).leaveConference(how),
    getCalls: (): CallSnapshot[] => real?.getCalls() ?? [],
    getMedia: (callId: string): CallMedia => real?.getMedia(callId) ?? { local: null, remote: null },
    useInputDevice: async (kind: 'audio' | 'video', deviceId: string | undefined) =>
      (await loaded()).useInputDevice(kind, deviceId),
    getStats: async (callId: string) => (real ? real.getStats(callId) : null),
    expectsNoAudio: (callId: string) => real?.expectsNoAudio(callId) ?? false,
    // Chat (issue 14): the sink waits for the engine like a subscription; typing before it exists is moot.
    chat: {
      setChatSink: (sink) => whenReady((engine) => engine.chat.setChatSink(sink)),
      sendMessage: async (peer, id, body) => (await loaded()).chat.sendMessage(peer, id, body),
      composing: (peer) => real?.chat.composing(peer),
      composingStopped: (peer) => real?.chat.composingStopped(peer),
      sendDisplayed: (peer, ids) => whenReady((engine) => engine.chat.sendDisplayed(peer, ids)),
    },
  };
}
