import type { ClientConfig, SipCredentials } from '../api/schemas';
import { formatIceServers } from '../lib/ice-servers';
import { resolveWebSocketUrl } from '../lib/ws-url';
import {
  CallState,
  RegistrationState,
  type CallSnapshot,
  type PhoneConfig,
  type PhoneEngine,
  type RegistrationError,
} from '../phone/types';
import type { SettingsRepository, StoredSettings } from '../storage/settings-repository';
import { applyCallSnapshot, removeCall, useCallsStore } from './calls';
import {
  acquireCredentials,
  credentialsUpdate,
  explainEphemeralError,
  refreshCredentials,
  refreshDelay,
  REFRESH_RETRY_MS,
  usesEphemeralCredentials,
  withCredentials,
} from './phone-bridge-credentials';
import { useRegistrationStore } from './registration';
import { useSettingsStore, type SettingsValues } from './settings';
import { validateSettings, type SettingsErrors } from './settings-validation';
import { classifyMediaError, errorMessage } from '../lib/errors';

/**
 * The one subscriber to the phone engine: engine events go into the stores, UI intents come
 * in through these actions. Components never talk to the engine.
 */
export interface PhoneBridge {
  /** Load saved settings, prefill from `/api/config` on first run, sign in again if the user was. */
  init(): Promise<void>;
  /** Validate, save and register with the current Settings values. */
  signIn(): Promise<SignInResult>;
  signOut(): Promise<void>;
  /** Place a call to an already-normalised target; resolves with the call id, or null on failure. */
  dial(target: string, video: boolean): Promise<string | null>;
  answer(callId: string, video: boolean): Promise<void>;
  /** Call waiting: hold the current call(s), then answer this one. */
  holdAndAnswer(callId: string): Promise<void>;
  decline(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  toggleMute(callId: string): void;
  toggleCamera(callId: string): Promise<void>;
  /** Hold, or resume (holding any other live call first). */
  toggleHold(callId: string): Promise<void>;
  sendDtmf(callId: string, tones: string): Promise<void>;
  setForeground(callId: string): void;
  clearError(): void;
  dispose(): void;
}

export type SignInResult = { ok: true } | { ok: false; errors: SettingsErrors };

export interface PhoneBridgeDeps {
  createEngine: () => PhoneEngine;
  settingsRepository: SettingsRepository;
  fetchConfig: () => Promise<ClientConfig>;
  /** Base for resolving a relative WebSocket path such as `/sip`. */
  location: { href: string };
  /** How long an ended call stays on screen with its end reason. */
  endedCallLingerMs?: number;
  /**
   * The platform API session (reference server): opened with the same credentials on sign-in,
   * closed on sign-out. Best effort: a third-party SIP server has no such API.
   */
  apiSession?: { open(username: string, password: string): Promise<unknown>; close(): Promise<unknown> };
  /**
   * `POST /api/sip/credentials`: used instead of the password when `/api/config` says
   * `sipAuth: 'ephemeral'` and the account uses that server's SIP WebSocket (see phone-bridge-credentials.ts).
   */
  sipCredentials?: () => Promise<SipCredentials>;
  /** Clock for the credential refresh (tests). */
  now?: () => number;
}

const DEFAULT_LINGER_MS = 2000;

function toStored(values: SettingsValues, signedIn: boolean): StoredSettings {
  return { version: 1, ...values, signedIn };
}

function fromStored(stored: StoredSettings): SettingsValues {
  return {
    displayName: stored.displayName,
    username: stored.username,
    password: stored.password,
    domain: stored.domain,
    wsUrl: stored.wsUrl,
    iceServersText: stored.iceServersText,
    autoAnswer: stored.autoAnswer,
    dtmfMethod: stored.dtmfMethod,
  };
}

function describe(error: unknown): string {
  return classifyMediaError(error)?.message ?? errorMessage(error);
}

export function createPhoneBridge(deps: PhoneBridgeDeps): PhoneBridge {
  const lingerMs = deps.endedCallLingerMs ?? DEFAULT_LINGER_MS;
  const removalTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const unsubscribers: (() => void)[] = [];
  let engine: PhoneEngine | null = null;
  /** Serialises sign-in/sign-out so a quick double click cannot interleave start/stop. */
  let queue: Promise<unknown> = Promise.resolve();
  const now = deps.now ?? Date.now;
  /** `/api/config` once it has been read (shared by prefill and sign-in). */
  let serverConfig: Promise<ClientConfig | null> | null = null;
  /** Signed in with ephemeral credentials: what to refresh, and when. */
  let ephemeral: {
    base: PhoneConfig;
    credentials: SipCredentials;
    timer: ReturnType<typeof setTimeout> | null;
    /** One automatic re-sign-in after credentials expired (e.g. the device slept past expiry). */
    retried: boolean;
  } | null = null;

  const calls = useCallsStore;
  const registration = useRegistrationStore;
  const settings = useSettingsStore;

  const setError = (prefix: string, error: unknown) =>
    calls.setState({ error: `${prefix}: ${describe(error)}` });

  function onCall(call: CallSnapshot) {
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

  function onRegistration(state: RegistrationState, error: RegistrationError | null) {
    const current = ephemeral;
    if (!current) return registration.setState({ state, error });
    if (state === RegistrationState.Registered) current.retried = false;
    if (state === RegistrationState.Failed && error?.kind === 'auth' && !current.retried) {
      // Rejected credentials that have expired by now (a sleeping device missed the refresh): get fresh ones once.
      if (current.credentials.expiresAt <= now() + 5000) {
        current.retried = true;
        void serial(start);
        return;
      }
    }
    registration.setState({ state, error: explainEphemeralError(error) });
  }

  function stopRefresh() {
    if (ephemeral?.timer) clearTimeout(ephemeral.timer);
    ephemeral = null;
  }

  function scheduleRefresh(delayMs: number) {
    const current = ephemeral;
    if (!current) return;
    if (current.timer) clearTimeout(current.timer);
    current.timer = setTimeout(() => void serial(() => refresh(current)), delayMs);
  }

  /** New credentials for the running engine: no new UserAgent, no re-registration, calls untouched. */
  async function refresh(current: NonNullable<typeof ephemeral>) {
    if (ephemeral !== current || !engine || !deps.apiSession || !deps.sipCredentials) return;
    const api = { openSession: deps.apiSession.open, fetchCredentials: deps.sipCredentials };
    let credentials: SipCredentials;
    try {
      credentials = await refreshCredentials(api, current.base.username, current.base.password);
    } catch (e) {
      console.warn('Openline: could not refresh the SIP credentials; retrying', e);
      if (ephemeral === current) scheduleRefresh(REFRESH_RETRY_MS);
      return;
    }
    if (ephemeral !== current) return;
    current.credentials = credentials;
    engine.updateCredentials(credentialsUpdate(current.base, credentials));
    scheduleRefresh(refreshDelay(credentials, now()));
  }

  function loadServerConfig(): Promise<ClientConfig | null> {
    serverConfig ??= deps.fetchConfig().catch(() => {
      serverConfig = null; // No backend (static hosting, preview), or not yet: ask again next time.
      return null;
    });
    return serverConfig;
  }

  function getEngine(): PhoneEngine {
    if (engine) return engine;
    const created = deps.createEngine();
    engine = created;
    registration.setState({ state: created.registrationState, error: created.registrationError });
    unsubscribers.push(
      created.on('registration', (state, error) => onRegistration(state, error)),
      created.on('call', onCall),
      created.on('media', (callId, media) =>
        calls.setState((state) => ({ media: { ...state.media, [callId]: media } })),
      ),
      created.on('dtmf', (callId, tone) =>
        calls.setState((state) => ({
          dtmfReceived: { ...state.dtmfReceived, [callId]: (state.dtmfReceived[callId] ?? '') + tone },
        })),
      ),
    );
    for (const call of created.getCalls()) onCall(call);
    // Preferences that need no re-registration apply at once and are saved while signed in.
    unsubscribers.push(
      settings.subscribe((now, before) => {
        const a = now.values;
        const b = before.values;
        if (a.autoAnswer === b.autoAnswer && a.dtmfMethod === b.dtmfMethod) return;
        created.updatePreferences({ autoAnswer: a.autoAnswer, dtmfMethod: a.dtmfMethod });
        if (now.signedIn) void persist(true);
      }),
    );
    return created;
  }

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const callById = (callId: string) => calls.getState().calls[callId];

  async function persist(signedIn: boolean) {
    try {
      await deps.settingsRepository.save(toStored(settings.getState().values, signedIn));
    } catch (e) {
      console.warn('Openline: could not save settings', e);
    }
  }

  async function start(): Promise<SignInResult> {
    const values = settings.getState().values;
    const checked = validateSettings(values);
    if (!checked.ok) return { ok: false, errors: checked.errors };
    settings.setState({ signedIn: true });
    await persist(true);
    registration.setState({ wsUrl: checked.config.wsUrl, error: null });
    const retried = ephemeral?.retried ?? false;
    stopRefresh();
    const phone = getEngine();
    let config = checked.config;
    const server = deps.sipCredentials ? await loadServerConfig() : null;
    if (
      deps.apiSession &&
      deps.sipCredentials &&
      usesEphemeralCredentials(server, config.wsUrl, deps.location)
    ) {
      const api = { openSession: deps.apiSession.open, fetchCredentials: deps.sipCredentials };
      const acquired = await acquireCredentials(api, config.username, config.password);
      if (phone.registrationState !== RegistrationState.Unregistered) await phone.stop();
      if (!acquired.ok) {
        registration.setState({ state: RegistrationState.Failed, error: acquired.error });
        return { ok: true };
      }
      ephemeral = { base: config, credentials: acquired.credentials, timer: null, retried };
      config = withCredentials(config, acquired.credentials);
      scheduleRefresh(refreshDelay(acquired.credentials, now()));
    } else {
      deps.apiSession?.open(values.username.trim(), values.password).catch(() => undefined);
    }
    try {
      if (phone.registrationState !== RegistrationState.Unregistered) await phone.stop();
      await phone.start(config);
    } catch (e) {
      registration.setState({
        state: phone.registrationState,
        error: phone.registrationError ?? { kind: 'config', message: describe(e) },
      });
    }
    return { ok: true };
  }

  async function prefillFromServer(firstRun: boolean) {
    const config = await loadServerConfig();
    if (!config) return; // No backend (static hosting, preview): the user fills the fields in.
    settings.setState({ demoAccounts: config.demoAccounts });
    if (!firstRun) return;
    const { values } = settings.getState();
    const next: Partial<SettingsValues> = {};
    if (values.domain === '') next.domain = config.sipDomain;
    if (values.wsUrl === '') next.wsUrl = resolveWebSocketUrl(config.wsUrl, deps.location);
    if (values.iceServersText === '' && config.iceServers.length > 0) {
      next.iceServersText = formatIceServers(config.iceServers);
    }
    settings.setState({ values: { ...values, ...next } });
  }

  return {
    async init() {
      let stored: StoredSettings | null = null;
      try {
        stored = await deps.settingsRepository.load();
      } catch (e) {
        console.warn('Openline: could not read saved settings', e);
      }
      if (stored) settings.setState({ values: fromStored(stored), signedIn: stored.signedIn });
      settings.setState({ loaded: true });
      const prefill = prefillFromServer(stored === null);
      if (stored?.signedIn && stored.username && stored.password) {
        await serial(start);
      }
      await prefill;
    },

    signIn: () => serial(start),

    signOut: () =>
      serial(async () => {
        stopRefresh();
        settings.setState((state) => ({ signedIn: false, values: { ...state.values, password: '' } }));
        await persist(false);
        registration.setState({ error: null });
        deps.apiSession?.close().catch(() => undefined);
        if (!engine) return;
        try {
          await engine.stop();
        } catch (e) {
          console.warn('Openline: sign-out failed', e);
        }
      }),

    async dial(target, video) {
      calls.setState({ error: null });
      try {
        const id = await getEngine().call(target, { video });
        if (callById(id)) calls.setState({ foregroundId: id });
        return id;
      } catch (e) {
        setError('Could not start the call', e);
        return null;
      }
    },

    async answer(callId, video) {
      try {
        await getEngine().answer(callId, { video });
      } catch (e) {
        setError('Could not answer', e);
      }
    },

    async holdAndAnswer(callId) {
      const phone = getEngine();
      const others = Object.values(calls.getState().calls).filter(
        (c) => c.id !== callId && c.state === CallState.Active && !c.held,
      );
      try {
        for (const other of others) await phone.hold(other.id);
        await phone.answer(callId, { video: false });
      } catch (e) {
        setError('Could not answer', e);
      }
    },

    async decline(callId) {
      try {
        await getEngine().decline(callId, 603);
      } catch (e) {
        setError('Could not decline', e);
      }
    },

    async hangup(callId) {
      try {
        await getEngine().hangup(callId);
      } catch (e) {
        setError('Could not hang up', e);
      }
    },

    toggleMute(callId) {
      const call = callById(callId);
      if (!call) return;
      try {
        getEngine().setMuted(callId, !call.muted);
      } catch (e) {
        setError('Could not change mute', e);
      }
    },

    async toggleCamera(callId) {
      const call = callById(callId);
      if (!call) return;
      try {
        await getEngine().setCameraOff(callId, !call.cameraOff);
      } catch (e) {
        setError('Could not switch the camera', e);
      }
    },

    async toggleHold(callId) {
      const call = callById(callId);
      if (!call || call.state !== CallState.Active) return;
      const phone = getEngine();
      try {
        if (call.held) {
          const others = Object.values(calls.getState().calls).filter(
            (c) => c.id !== callId && c.state === CallState.Active && !c.held,
          );
          for (const other of others) await phone.hold(other.id);
          await phone.resume(callId);
          calls.setState({ foregroundId: callId });
        } else {
          await phone.hold(callId);
        }
      } catch (e) {
        setError(call.held ? 'Could not resume' : 'Could not hold', e);
      }
    },

    async sendDtmf(callId, tones) {
      try {
        await getEngine().sendDtmf(callId, tones);
      } catch (e) {
        setError('Could not send tones', e);
      }
    },

    setForeground(callId) {
      if (callById(callId)) calls.setState({ foregroundId: callId });
    },

    clearError() {
      calls.setState({ error: null });
    },

    dispose() {
      stopRefresh();
      for (const off of unsubscribers.splice(0)) off();
      for (const timer of removalTimers.values()) clearTimeout(timer);
      removalTimers.clear();
      engine = null;
    },
  };
}
