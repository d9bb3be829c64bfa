/**
 * The user's session: saved settings, `/api/config` prefill, signing in and out (SIP registration
 * plus the platform API session), ephemeral-credential refresh (session-credentials.ts), signing in
 * to the API again when it forgot us (issue 16.2), and sign-out shared by every tab (issue 16.4).
 */
import { errorMessage } from '../lib/errors';
import type { ClientConfig, SipCredentials } from '../api/schemas';
import { RegistrationState, type PhoneConfig, type RegistrationError } from '../phone/types';
import {
  settingsValuesOf,
  type SettingsRepository,
  type StoredSettings,
} from '../storage/settings-repository';
import type { PhoneEngineLink } from './phone-engine-link';
import { useRegistrationStore } from './registration';
import {
  accountRefusal,
  acquireCredentials,
  credentialsUpdate,
  explainEphemeralError,
  refreshCredentials,
  refreshDelay,
  REFRESH_RETRY_MS,
  usesEphemeralCredentials,
  withCredentials,
} from './session-credentials';
import { useSettingsStore, type SettingsValues } from './settings';
import { validateSettings, type SettingsErrors } from './settings-validation';
import { serverSuggestions, withSavedSettings } from './settings-fill';
import type { SessionTabs } from './session-tabs';

/** How long a sign-in pressed before the form is filled waits for it (see untilFormFilled). */
const SIGN_IN_WAITS_FOR_FORM_MS = 5000;

export type SignInResult = { ok: true } | { ok: false; errors: SettingsErrors };

export interface SessionService {
  /** Load saved settings, prefill from `/api/config` on first run, sign in again if the user was. */
  init(): Promise<void>;
  /** Validate, save and register with the current Settings values. */
  signIn(): Promise<SignInResult>;
  /** Signs out here and in every other tab signed in as the same user. */
  signOut(): Promise<void>;
  /**
   * The API answered 401 (server restarted, session expired): open a new API session with the
   * saved credentials. True when it worked and the request is worth repeating. Concurrent callers
   * share one attempt.
   */
  reauthenticate(): Promise<boolean>;
  /** Resolves once the API session being opened (sign-in, reauthentication) is there or has failed. */
  sessionReady(): Promise<void>;
  /**
   * After `init()`: resolves once the server's demo accounts are in the settings store, or the server
   * did not answer. Independent of the saved settings' read, so the sign-in form can wait for it alone.
   */
  suggestionsReady(): Promise<void>;
  dispose(): void;
}

export interface SessionServiceDeps {
  engine: PhoneEngineLink;
  settingsRepository: SettingsRepository;
  fetchConfig: () => Promise<ClientConfig>;
  /** Base for resolving a relative WebSocket path such as `/sip`. */
  location: { href: string };
  /**
   * The platform API session (reference server): opened with the same credentials on sign-in,
   * closed on sign-out. Best effort: a third-party SIP server has no such API.
   */
  apiSession?: { open(username: string, password: string): Promise<unknown>; close(): Promise<unknown> };
  /**
   * `POST /api/sip/credentials`: used instead of the password when `/api/config` says
   * `sipAuth: 'ephemeral'` and the account uses that server's SIP WebSocket (see session-credentials.ts).
   */
  sipCredentials?: () => Promise<SipCredentials>;
  /** The other tabs of this origin (BroadcastChannel); absent: this tab is alone. */
  tabs?: SessionTabs | null;
  /** Clock for the credential refresh (tests). */
  now?: () => number;
  /**
   * The last `/api/config` answer, kept across reloads (issue 10: navigation → REGISTER 200). A saved
   * sign-in decides with it at once instead of waiting for the network; the fresh answer still
   * arrives, replaces it, and signs in again if it changes how this account authenticates.
   */
  configCache?: ConfigCache | null;
  /**
   * The SIP WebSocket URL that index.html's boot script opens at the next start (issue 10: navigation →
   * REGISTER 200): remembered once registered, forgotten on sign-out, so only a saved sign-in opens one.
   */
  earlySocket?: EarlySocketHint | null;
  /** The microphone/camera in use (issue 11, devices), merged into the engine's config at sign-in. */
  inputDevices?: () => Partial<Pick<PhoneConfig, 'audioInputId' | 'videoInputId' | 'codecs'>>;
}

/** Where the last `/api/config` answer is kept (localStorage in the app); never holds a secret. */
export interface ConfigCache {
  read(): ClientConfig | null;
  write(config: ClientConfig): void;
}

/** Where the boot script finds the URL to open early (localStorage in the app); never a secret. */
export interface EarlySocketHint {
  remember(wsUrl: string): void;
  forget(): void;
  /** A sign-in registered by an earlier page and not signed out since: this start registers it again. */
  remembered?(): boolean;
}

/**
 * Runs a write to the early-socket hint. Storage full or disabled (QuotaExceededError, SecurityError)
 * only costs the next start its head start; it must never keep the registration state or a sign-out
 * from being applied.
 */
function bestEffort(write: () => void): void {
  try {
    write();
  } catch {
    // The next start opens its socket when the engine asks, as without the hint.
  }
}

interface SessionWait {
  opened(open: Promise<unknown> | undefined): void;
  done(): void;
}

interface EphemeralSession {
  base: PhoneConfig;
  credentials: SipCredentials;
  timer: ReturnType<typeof setTimeout> | null;
  /** One automatic re-sign-in after credentials expired (e.g. the device slept past expiry). */
  retried: boolean;
}

export function createSessionService(deps: SessionServiceDeps): SessionService {
  const now = deps.now ?? Date.now;
  const registration = useRegistrationStore;
  const settings = useSettingsStore;
  /** Serialises sign-in/sign-out so a quick double click cannot interleave start/stop. */
  let queue: Promise<unknown> = Promise.resolve();
  /** `/api/config` once it has been read (shared by prefill and sign-in). */
  let serverConfig: Promise<ClientConfig | null> | null = null;
  /** Signed in with ephemeral credentials: what to refresh, and when. */
  let ephemeral: EphemeralSession | null = null;
  let reauthenticating: Promise<boolean> | null = null;
  /** The API session being opened beside the REGISTER (sign-in, reauthentication), until it settles. */
  let opening: Promise<void> | null = null;
  const track = (open: Promise<unknown>): Promise<void> => {
    const settled: Promise<void> = open.then(
      () => undefined,
      () => undefined,
    );
    opening = settled;
    void settled.then(() => {
      if (opening === settled) opening = null;
    });
    return settled;
  };
  /**
   * Password mode: the server refused this account at the API sign-in (disabled, company not allowed).
   * Its REGISTER is refused too (403), which alone would read "wrong password": this sentence wins.
   */
  let refused: string | null = null;
  const unsubscribers: (() => void)[] = [];

  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  deps.engine.onRegistration((state, error) => onRegistration(state, error));

  function onRegistration(state: RegistrationState, error: RegistrationError | null) {
    const wsUrl = registration.getState().wsUrl?.trim();
    if (state === RegistrationState.Registered && wsUrl) bestEffort(() => deps.earlySocket?.remember(wsUrl));
    if (refused && state === RegistrationState.Failed) {
      return registration.setState({ state, error: { kind: 'config', message: refused } });
    }
    const current = ephemeral;
    if (!current) return registration.setState({ state, error });
    if (state === RegistrationState.Registered) current.retried = false;
    if (state === RegistrationState.Failed && error?.kind === 'auth' && !current.retried) {
      // Rejected credentials that have expired by now (a sleeping device missed the refresh): get fresh ones once.
      if (current.credentials.expiresAt <= now() + 5000) {
        current.retried = true;
        void serial(() => start());
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
  async function refresh(current: EphemeralSession) {
    const engine = deps.engine.peek();
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
    serverConfig ??= deps.fetchConfig().then(
      (config) => {
        try {
          deps.configCache?.write(config);
        } catch {
          // Storage full or disabled: the next start waits for the network, as without a cache.
        }
        return config;
      },
      () => {
        serverConfig = null; // No backend (static hosting, preview), or not yet: ask again next time.
        return null;
      },
    );
    return serverConfig;
  }

  function cachedServerConfig(): ClientConfig | null {
    try {
      return deps.configCache?.read() ?? null;
    } catch {
      return null;
    }
  }

  /**
   * `/api/config` for signing in: the fresh answer if it is already here, else the cached one (then
   * the fresh one, when it comes, signs in again if it disagrees about ephemeral credentials), else
   * wait for the network.
   */
  async function serverConfigForSignIn(wsUrl: string): Promise<ClientConfig | null> {
    const fresh = loadServerConfig();
    const settled = await Promise.race([fresh, Promise.resolve(undefined)]);
    if (settled !== undefined) return settled;
    const cached = cachedServerConfig();
    if (!cached) return fresh;
    const usedEphemeral = usesEphemeralCredentials(cached, wsUrl, deps.location);
    void fresh.then((config) => {
      if (!config) return; // unreachable now: the cached answer stands
      const { signedIn, values } = settings.getState();
      if (!signedIn || values.wsUrl.trim() !== wsUrl) return; // signed out or changed since
      if (usesEphemeralCredentials(config, wsUrl, deps.location) === usedEphemeral) return;
      void serial(() => start());
    });
    return cached;
  }

  async function persist(signedIn: boolean) {
    const record: StoredSettings = { ...settings.getState().values, version: 1, signedIn };
    try {
      await deps.settingsRepository.save(record);
    } catch (e) {
      console.warn('Openline: could not save settings', e);
    }
  }

  // Preferences that need no re-registration apply at once and are saved while signed in.
  unsubscribers.push(
    settings.subscribe((next, before) => {
      const a = next.values;
      const b = before.values;
      if (a.autoAnswer === b.autoAnswer && a.dtmfMethod === b.dtmfMethod) return;
      deps.engine.peek()?.updatePreferences({ autoAnswer: a.autoAnswer, dtmfMethod: a.dtmfMethod });
      if (next.signedIn) void persist(true);
    }),
  );

  /**
   * Requests made from now on (screens react to signedIn at once) wait for this sign-in's API session:
   * settled when it is open or refused, or by `done` when the sign-in ends without opening one.
   */
  function sessionWait(): SessionWait {
    let settle: () => void = () => undefined;
    void track(new Promise<void>((resolve) => (settle = resolve)));
    return { opened: (open) => void open?.then(settle, settle), done: () => settle() };
  }

  /** `pressed`: the user's Sign in, which waits for the form to be filled first (untilFormFilled). */
  async function start(pressed?: {
    wait: SessionWait;
    formFilled: () => Promise<void>;
  }): Promise<SignInResult> {
    const wait = pressed?.wait ?? sessionWait();
    try {
      await pressed?.formFilled();
      const values = settings.getState().values;
      const checked = validateSettings(values);
      if (!checked.ok) return { ok: false, errors: checked.errors };
      return await startSignedIn(values, checked.config, wait.opened);
    } finally {
      wait.done(); // no-op once settled by the open; otherwise nothing was opened
    }
  }

  async function startSignedIn(
    values: SettingsValues,
    checkedConfig: PhoneConfig,
    opened: (open: Promise<unknown> | undefined) => void,
  ): Promise<SignInResult> {
    settings.setState({ signedIn: true });
    // Saved while the phone registers (issue 10: navigation → REGISTER 200 is on the critical path).
    const saving = persist(true);
    // Registering from here, not from when the engine's chunk has loaded and it starts: until then the
    // header said "Not registered" after Sign in was pressed.
    registration.setState({
      state: RegistrationState.Registering,
      wsUrl: checkedConfig.wsUrl,
      error: null,
      account: `${checkedConfig.username}@${checkedConfig.domain}`,
    });
    const retried = ephemeral?.retried ?? false;
    stopRefresh();
    const phone = deps.engine.get();
    let config = checkedConfig;
    const server = deps.sipCredentials ? await serverConfigForSignIn(config.wsUrl) : null;
    if (
      deps.apiSession &&
      deps.sipCredentials &&
      usesEphemeralCredentials(server, config.wsUrl, deps.location)
    ) {
      const openSession = deps.apiSession.open;
      const api = {
        // Its credentials request waits for this session (sessionReady): settle the wait when it is open.
        openSession: (username: string, password: string) => {
          const open = openSession(username, password);
          opened(open);
          return open;
        },
        fetchCredentials: deps.sipCredentials,
      };
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
      refused = null;
      const open = deps.apiSession?.open(values.username.trim(), values.password);
      opened(open);
      open?.catch((error: unknown) => {
        refused = accountRefusal(error);
        if (!refused) return;
        // The registrar refuses its REGISTER as well (Failed); until then, say why at once.
        registration.setState({
          state: RegistrationState.Failed,
          error: { kind: 'config', message: refused },
        });
      });
    }
    try {
      if (phone.registrationState !== RegistrationState.Unregistered) await phone.stop();
      await phone.start({ ...config, ...deps.inputDevices?.() });
    } catch (e) {
      const message = errorMessage(e);
      registration.setState({
        state: phone.registrationState,
        error: phone.registrationError ?? { kind: 'config', message },
      });
    }
    await saving;
    return { ok: true };
  }

  /** Forgets the password and stops the engine; `everywhere` also tells the server and the other tabs. */
  async function stop(everywhere: boolean) {
    const username = settings.getState().values.username.trim();
    refused = null;
    stopRefresh();
    bestEffort(() => deps.earlySocket?.forget());
    settings.setState((state) => ({ signedIn: false, values: { ...state.values, password: '' } }));
    await persist(false);
    registration.setState({ error: null, account: null });
    if (everywhere) {
      deps.apiSession?.close().catch(() => undefined);
      deps.tabs?.post({ type: 'signed-out', username });
    }
    const engine = deps.engine.peek();
    if (!engine) return;
    try {
      await engine.stop();
    } catch (e) {
      console.warn('Openline: sign-out failed', e);
    }
  }

  if (deps.tabs) {
    unsubscribers.push(
      deps.tabs.subscribe((message) => {
        const { signedIn, values } = settings.getState();
        if (message.type !== 'signed-out' || !signedIn || values.username.trim() !== message.username) return;
        void serial(() => stop(false));
      }),
    );
  }

  let suggestions: Promise<void> = Promise.resolve();
  /** The saved settings' read (init): a sign-in waits for it, or it would save the defaults over them. */
  let savedRead: Promise<void> = Promise.resolve();
  /** Both sources of the form's values (saved settings, server suggestions) are in, or have failed. */
  let formFilled: Promise<void> = Promise.resolve();
  /** Null until the saved settings are read; then whether there were any (else this is a first run). */
  let savedExists: boolean | null = null;
  /** What this service last put in the form (see settings-fill.ts): a field differing from it was typed. */
  let automatic: SettingsValues = settings.getState().values;
  /** The user pressed Sign in: the saved sign-in is not resumed on top of theirs. */
  let userSignedIn = false;

  function suggest(config: ClientConfig) {
    if (savedExists) return; // the saved settings stand: the server only suggests on a first run
    const { values } = settings.getState();
    const next = serverSuggestions(values, config, deps.location);
    automatic = { ...automatic, ...next };
    settings.setState({ values: { ...values, ...next } });
  }

  async function readSaved(): Promise<StoredSettings | null> {
    let stored: StoredSettings | null = null;
    try {
      stored = await deps.settingsRepository.load();
    } catch (e) {
      console.warn('Openline: could not read saved settings', e);
    }
    savedExists = stored !== null;
    if (stored) {
      const saved = settingsValuesOf(stored);
      const { values, signedIn } = settings.getState();
      settings.setState({
        values: withSavedSettings(values, automatic, saved),
        signedIn: signedIn || stored.signedIn,
      });
      automatic = saved;
    }
    settings.setState({ loaded: true });
    return stored;
  }

  /**
   * A sign-in pressed while the form is still being filled (a fast user on a first visit, whose IndexedDB
   * is being created) waits for the saved settings and, while the domain or WebSocket URL is empty, for
   * the server's suggestions: validating first would report empty fields that fill a moment later.
   * Bounded: `/api/config` has no timeout of its own, and a hung server must not hang the button.
   */
  async function untilFormFilled() {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, SIGN_IN_WAITS_FOR_FORM_MS)));
    try {
      await Promise.race([savedRead, deadline]);
      const { domain, wsUrl } = settings.getState().values;
      if (domain.trim() && wsUrl.trim()) return;
      await Promise.race([formFilled, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async init() {
      automatic = settings.getState().values;
      // A reload of a signed-in tab registers as soon as the saved account is read: the header says so
      // from the first screen, which does not wait for that read, instead of "Not registered".
      let resuming = false;
      try {
        resuming =
          registration.getState().state === RegistrationState.Unregistered &&
          deps.earlySocket?.remembered?.() === true;
      } catch {
        // Storage denied: the status follows the engine, as without the hint.
      }
      if (resuming) registration.setState({ state: RegistrationState.Registering, error: null });
      // `/api/config` is fetched while the saved settings are read, not after (issue 10). Its demo accounts
      // are shown as soon as it answers (the sign-in form's first render waits for them), and so are its
      // suggestions, which the saved settings replace if they arrive later.
      const config = loadServerConfig();
      suggestions = config.then((answer) => {
        if (answer) settings.setState({ demoAccounts: answer.demoAccounts });
      });
      const suggested = config.then((answer) => {
        if (answer) suggest(answer);
      });
      const read = readSaved();
      savedRead = read.then(() => undefined);
      formFilled = Promise.all([read, suggested]).then(() => undefined);
      const stored = await read;
      if (stored?.signedIn && stored.username && stored.password && !userSignedIn) {
        await serial(() => start());
      }
      // No engine was started after all (nothing saved to sign in with, or settings that do not validate):
      // nothing is registering.
      if (
        resuming &&
        !deps.engine.peek() &&
        registration.getState().state === RegistrationState.Registering
      ) {
        registration.setState({ state: RegistrationState.Unregistered });
      }
      await suggested;
    },

    signIn() {
      userSignedIn = true;
      // The wait starts at the press, not when the queue reaches it: a request made meanwhile waits too.
      const wait = sessionWait();
      return serial(() => start({ wait, formFilled: untilFormFilled }));
    },

    signOut: () => serial(() => stop(true)),

    reauthenticate() {
      reauthenticating ??= (async () => {
        const { signedIn, values } = settings.getState();
        const username = values.username.trim();
        if (!deps.apiSession || !signedIn || !username || !values.password) return false;
        try {
          const open = deps.apiSession.open(username, values.password);
          void track(open);
          await open;
          return true;
        } catch {
          return false;
        }
      })().finally(() => {
        reauthenticating = null;
      });
      return reauthenticating;
    },

    sessionReady: () => opening ?? Promise.resolve(),

    suggestionsReady: () => suggestions,

    dispose() {
      stopRefresh();
      for (const off of unsubscribers.splice(0)) off();
    },
  };
}
