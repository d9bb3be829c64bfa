import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiClientError, createHttp, sessionApi } from '../api';
import type { ClientConfig, SipCredentials } from '../api/schemas';
import { RegistrationState } from '../phone/types';
import { memorySettingsRepository, type StoredSettings } from '../storage/settings-repository';
import { createPhoneEngineLink, type PhoneEngineLink } from './phone-engine-link';
import { registrationLabel, selectSignInError, useRegistrationStore } from './registration';
import {
  createSessionService,
  type ConfigCache,
  type SessionService,
  type SessionServiceDeps,
} from './session-service';
import { openTabChannel, type TabChannel } from '../lib/broadcast';
import { SESSION_CHANNEL, isSessionTabMessage, type SessionTabMessage } from './session-tabs';
import { EMPTY_SETTINGS, useSettingsStore } from './settings';
import { FakeEngine } from './testing/fake-engine';
import { resetSessionStores } from './testing/reset-stores';

const serverConfig: ClientConfig = {
  sipDomain: 'openline.local',
  wsUrl: '/sip',
  iceServers: [],
  demoAccounts: ['1001', '1002', '1003'],
};

const saved: StoredSettings = {
  version: 1,
  ...EMPTY_SETTINGS,
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'ws://127.0.0.1:8080/sip',
  signedIn: true,
};

let engine: FakeEngine;
let link: PhoneEngineLink;
let bridge: SessionService;

let apiLog: string[] = [];

function setup(
  stored: StoredSettings | null = null,
  fetchConfig = async () => serverConfig,
  extra: Partial<SessionServiceDeps> = {},
) {
  engine = new FakeEngine();
  link = createPhoneEngineLink({ createEngine: () => engine });
  apiLog = [];
  const repository = memorySettingsRepository(stored);
  bridge = createSessionService({
    engine: link,
    settingsRepository: repository,
    fetchConfig,
    location: { href: 'https://phone.example.com/settings' },
    apiSession: {
      open: async (u, p) => apiLog.push(`open ${u}:${p}`),
      close: async () => apiLog.push('close'),
    },
    ...extra,
  });
  return repository;
}

beforeEach(() => {
  resetSessionStores();
});

afterEach(() => {
  bridge.dispose();
  link.dispose();
  vi.useRealTimers();
});

describe('init', () => {
  it('prefills domain and a ws(s) URL from /api/config on first run', async () => {
    setup(null);
    await bridge.init();
    const { values, loaded, demoAccounts } = useSettingsStore.getState();
    expect(loaded).toBe(true);
    expect(values.domain).toBe('openline.local');
    expect(values.wsUrl).toBe('wss://phone.example.com/sip');
    expect(demoAccounts).toEqual(['1001', '1002', '1003']);
    expect(engine.log).toEqual([]);
  });

  it('shows the demo accounts once /api/config answers, before the saved settings are read', async () => {
    const repository = setup(null);
    let readSettings: () => void = () => undefined;
    repository.load = () =>
      new Promise<StoredSettings | null>((resolve) => (readSettings = () => resolve(null)));
    const init = bridge.init();
    await bridge.suggestionsReady();
    expect(useSettingsStore.getState().demoAccounts).toEqual(['1001', '1002', '1003']);
    expect(useSettingsStore.getState().loaded).toBe(false);
    readSettings();
    await init;
    expect(useSettingsStore.getState().values.domain).toBe('openline.local');
  });

  it('settles suggestionsReady without demo accounts when /api/config is unreachable', async () => {
    setup(null, async () => {
      throw new Error('offline');
    });
    void bridge.init();
    await bridge.suggestionsReady();
    expect(useSettingsStore.getState().demoAccounts).toEqual([]);
  });

  it('keeps the manual fields when /api/config is unreachable', async () => {
    setup(null, async () => {
      throw new Error('offline');
    });
    await bridge.init();
    expect(useSettingsStore.getState().loaded).toBe(true);
    expect(useSettingsStore.getState().values.domain).toBe('');
  });

  it('signs in again after a reload with saved credentials', async () => {
    setup(saved);
    await bridge.init();
    expect(engine.log).toEqual(['start 1001']);
    expect(useRegistrationStore.getState().state).toBe(RegistrationState.Registered);
    expect(useSettingsStore.getState().values.wsUrl).toBe('ws://127.0.0.1:8080/sip');
  });

  it('says Registering from the moment a saved sign-in starts, not once the engine has loaded', async () => {
    setup(saved);
    // The real engine loads its chunk before it starts: the header showed "Not registered" meanwhile.
    const seenAtStart: string[] = [];
    const start = engine.start.bind(engine);
    engine.start = (config) => {
      seenAtStart.push(registrationLabel(useRegistrationStore.getState()));
      return start(config);
    };
    await bridge.init();
    expect(seenAtStart).toEqual(['Registering…']);
    expect(registrationLabel(useRegistrationStore.getState())).toBe('Registered');
  });

  const lastPageRegistered = { remember: () => undefined, forget: () => undefined, remembered: () => true };

  it.each([
    { stored: saved, log: ['start 1001'], then: 'Registered' },
    // The hint said registered, but nothing is saved to sign in with.
    { stored: null, log: [], then: 'Not registered' },
  ])(
    'says Registering from the first screen when the last page was registered, before the settings are read; then $then',
    async ({ stored, log, then }) => {
      setup(stored, async () => serverConfig, { earlySocket: lastPageRegistered });
      const done = bridge.init();
      expect(registrationLabel(useRegistrationStore.getState())).toBe('Registering…');
      await done;
      expect(engine.log).toEqual(log);
      expect(registrationLabel(useRegistrationStore.getState())).toBe(then);
    },
  );

  it('says nothing early when the hint cannot be read, and still signs in', async () => {
    const unreadable = {
      ...lastPageRegistered,
      remembered: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    setup(saved, async () => serverConfig, { earlySocket: unreadable });
    const done = bridge.init();
    expect(registrationLabel(useRegistrationStore.getState())).toBe('Not registered');
    await done;
    expect(registrationLabel(useRegistrationStore.getState())).toBe('Registered');
  });

  it('keeps the registered WebSocket URL for the boot script, and forgets it on sign-out, not on a failure', async () => {
    const hint: string[] = [];
    const earlySocket = { remember: (url: string) => hint.push(url), forget: () => hint.push('forget') };
    setup(saved, undefined, { earlySocket });
    engine.onStart = () =>
      engine.setRegistration(RegistrationState.Failed, { kind: 'transport', message: 'x' });
    await bridge.init();
    expect(hint).toEqual([]);
    engine.setRegistration(RegistrationState.Registered, null);
    expect(hint).toEqual(['ws://127.0.0.1:8080/sip']);
    await bridge.signOut();
    expect(hint).toEqual(['ws://127.0.0.1:8080/sip', 'forget']);
  });

  it('still shows Registered and signs out when the browser refuses to store the WebSocket URL', async () => {
    const full = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    setup(saved, undefined, { earlySocket: { remember: full, forget: full } });
    engine.onStart = () => undefined;
    await bridge.init();
    expect(() => engine.setRegistration(RegistrationState.Registered, null)).not.toThrow();
    expect(useRegistrationStore.getState().state).toBe(RegistrationState.Registered);
    await bridge.signOut();
    expect(useSettingsStore.getState().signedIn).toBe(false);
    expect(engine.log.at(-1)).toBe('stop');
  });

  it('reads the saved account and /api/config at the same time, and registers before the save completes', async () => {
    let loaded: (value: StoredSettings | null) => void = () => {};
    let saved_: () => void = () => {};
    const fetchConfig = vi.fn(async () => serverConfig);
    const repository = setup(null, fetchConfig);
    repository.load = () => new Promise((resolve) => (loaded = resolve));
    const save = repository.save.bind(repository);
    repository.save = (record) => new Promise((resolve) => (saved_ = () => void save(record).then(resolve)));
    const init = bridge.init();
    expect(fetchConfig).toHaveBeenCalledTimes(1);
    loaded(saved);
    await vi.waitFor(() => expect(engine.log).toEqual(['start 1001']));
    expect(repository.current).toBeNull();
    saved_();
    await init;
    expect(repository.current).toMatchObject({ username: '1001', signedIn: true });
    expect(fetchConfig).toHaveBeenCalledTimes(1);

    // Settings changed after the early registration: signing in again registers the new account.
    useSettingsStore.setState((state) => ({ values: { ...state.values, username: '1002' } }));
    const again = bridge.signIn();
    await vi.waitFor(() => expect(engine.log).toEqual(['start 1001', 'stop', 'start 1002']));
    saved_();
    await again;
    expect(repository.current).toMatchObject({ username: '1002', signedIn: true });
  });

  it('does not sign in after the user signed out', async () => {
    setup({ ...saved, signedIn: false });
    await bridge.init();
    expect(engine.log).toEqual([]);
  });
});

describe('Sign in pressed while the form is still being filled (a fast user on a first visit)', () => {
  /** A settings read that answers when told to, as a first visit's IndexedDB (being created) does. */
  function slowRead(repository: ReturnType<typeof setup>, answer: StoredSettings | null) {
    let release: () => void = () => undefined;
    repository.load = () => new Promise((resolve) => (release = () => resolve(answer)));
    return () => release();
  }
  /** `/api/config` answering when told to; `fail` for a server without it. */
  function slowConfig() {
    let answer: (config: ClientConfig | Error) => void = () => undefined;
    const fetchConfig = () =>
      new Promise<ClientConfig>((resolve, reject) => {
        answer = (config) => (config instanceof Error ? reject(config) : resolve(config));
      });
    return { fetchConfig, answer: (config: ClientConfig | Error) => answer(config) };
  }
  const type = (username: string, password: string) =>
    useSettingsStore.setState((s) => ({ values: { ...s.values, username, password } }));

  it("between the server's answer and the settings read: signs in with the suggestions, no empty-field errors", async () => {
    const repository = setup(null);
    const readSaved = repository.load.bind(repository);
    const readSettings = slowRead(repository, null);
    const init = bridge.init();
    await bridge.suggestionsReady();
    expect(useSettingsStore.getState().values.domain).toBe('openline.local'); // filled before the read
    type('1001', 'secret');
    const signingIn = bridge.signIn();
    await Promise.resolve();
    expect(engine.log).toEqual([]); // waits for the saved settings, which could hold another account
    readSettings();
    await expect(signingIn).resolves.toEqual({ ok: true });
    await init;
    expect(engine.lastConfig).toMatchObject({
      username: '1001',
      password: 'secret',
      domain: 'openline.local',
      wsUrl: 'wss://phone.example.com/sip',
    });
    expect(await readSaved()).toMatchObject({
      username: '1001',
      domain: 'openline.local',
      signedIn: true,
    });
  });

  it('before the server answers: waits for its suggestions, then signs in', async () => {
    const config = slowConfig();
    setup(null, config.fetchConfig);
    const init = bridge.init();
    type('1001', 'secret');
    const signingIn = bridge.signIn();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(engine.log).toEqual([]);
    config.answer(serverConfig);
    await expect(signingIn).resolves.toEqual({ ok: true });
    await init;
    expect(engine.lastConfig).toMatchObject({ username: '1001', domain: 'openline.local' });
  });

  it('a server without /api/config: reports the empty fields at once', async () => {
    const config = slowConfig();
    setup(null, config.fetchConfig);
    const init = bridge.init();
    type('1001', 'secret');
    const signingIn = bridge.signIn();
    config.answer(new Error('404'));
    const result = await signingIn;
    await init;
    expect(result.ok).toBe(false);
    expect(result.ok ? null : Object.keys(result.errors).sort()).toEqual(['domain', 'wsUrl']);
    expect(engine.log).toEqual([]);
  });

  it('a server that never answers holds the button for 5 s at most, then reports the empty fields', async () => {
    vi.useFakeTimers();
    const config = slowConfig();
    setup(null, config.fetchConfig);
    void bridge.init();
    type('1001', 'secret');
    let result: Awaited<ReturnType<SessionService['signIn']>> | null = null;
    void bridge.signIn().then((r) => (result = r));
    await vi.advanceTimersByTimeAsync(4900);
    expect(result).toBeNull();
    await vi.advanceTimersByTimeAsync(200);
    expect(result).toMatchObject({
      ok: false,
      errors: { domain: expect.any(String), wsUrl: expect.any(String) },
    });
  });

  it('saved settings read after the suggestions replace them, but not what the user typed', async () => {
    const repository = setup(null);
    const signedOut: StoredSettings = { ...saved, username: '1002', password: '', signedIn: false };
    const readSettings = slowRead(repository, signedOut);
    const init = bridge.init();
    await bridge.suggestionsReady();
    expect(useSettingsStore.getState().values.wsUrl).toBe('wss://phone.example.com/sip'); // suggested
    type('1003', 'secret3');
    readSettings();
    await init;
    const { values, signedIn, loaded } = useSettingsStore.getState();
    expect(loaded).toBe(true);
    expect(signedIn).toBe(false);
    expect(values).toMatchObject({ username: '1003', password: 'secret3', wsUrl: 'ws://127.0.0.1:8080/sip' });
  });
});

describe('cached /api/config (issue 10: navigation → REGISTER 200)', () => {
  const minted: SipCredentials = {
    user: '1001',
    authorizationUsername: '1767229200:1001',
    password: 'minted',
    expiresAt: Date.UTC(2030, 0, 1),
    ttlSeconds: 3600,
    iceServers: [],
  };
  /** /api/config as the server answers it, resolved by the test. */
  function pendingConfig() {
    let answer: (config: ClientConfig) => void = () => {};
    const fetchConfig = vi.fn(() => new Promise<ClientConfig>((resolve) => (answer = resolve)));
    return { fetchConfig, answer: (config: ClientConfig) => answer(config) };
  }
  function memoryCache(initial: ClientConfig | null): ConfigCache & { current: ClientConfig | null } {
    return {
      current: initial,
      read() {
        return this.current;
      },
      write(config) {
        this.current = config;
      },
    };
  }
  const sameServer: ClientConfig = { ...serverConfig, wsUrl: saved.wsUrl };
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('without a cached answer, a saved sign-in waits for /api/config', async () => {
    const server = pendingConfig();
    setup(saved, server.fetchConfig, { sipCredentials: async () => minted, configCache: memoryCache(null) });
    const init = bridge.init();
    await flush();
    expect(engine.log).toEqual([]);
    server.answer(sameServer);
    await init;
    expect(engine.log).toEqual(['start 1001']);
  });

  it('with a cached answer it registers at once, and keeps the fresh answer for the next start', async () => {
    const server = pendingConfig();
    const cache = memoryCache(sameServer);
    setup(saved, server.fetchConfig, { sipCredentials: async () => minted, configCache: cache });
    const init = bridge.init();
    await vi.waitFor(() => expect(engine.log).toEqual(['start 1001']));
    expect(engine.lastConfig?.password).toBe('secret');
    const fresh = { ...sameServer, demoAccounts: ['1001'] };
    server.answer(fresh);
    await init;
    await flush();
    expect(cache.current).toEqual(fresh);
    expect(engine.log).toEqual(['start 1001']); // same way of signing in: no second registration
  });

  it('signs in again when the fresh answer says this server now wants ephemeral credentials', async () => {
    const server = pendingConfig();
    setup(saved, server.fetchConfig, {
      sipCredentials: async () => minted,
      configCache: memoryCache(sameServer),
    });
    const init = bridge.init();
    await vi.waitFor(() => expect(engine.log).toEqual(['start 1001']));
    server.answer({ ...sameServer, sipAuth: 'ephemeral' });
    await init;
    await vi.waitFor(() => expect(engine.log).toEqual(['start 1001', 'stop', 'start 1001']));
    expect(engine.lastConfig).toMatchObject({ password: 'minted', authorizationUsername: '1767229200:1001' });
  });

  it('a cached answer that cannot be read is ignored (waits for the network)', async () => {
    const server = pendingConfig();
    const broken: ConfigCache = {
      read: () => {
        throw new SyntaxError('Unexpected token');
      },
      write: () => undefined,
    };
    setup(saved, server.fetchConfig, { sipCredentials: async () => minted, configCache: broken });
    const init = bridge.init();
    await flush();
    expect(engine.log).toEqual([]);
    server.answer(sameServer);
    await init;
    expect(engine.log).toEqual(['start 1001']);
  });
});

describe('signIn / signOut', () => {
  it('rejects invalid settings without touching the engine', async () => {
    setup();
    const result = await bridge.signIn();
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors).sort()).toEqual(['domain', 'password', 'username', 'wsUrl']);
    expect(engine.log).toEqual([]);
  });

  it('saves the settings, starts the engine and reports registration', async () => {
    const repository = setup();
    useSettingsStore.setState({ values: { ...saved, iceServersText: 'stun:stun.example.com' } });
    const result = await bridge.signIn();
    expect(result).toEqual({ ok: true });
    expect(engine.lastConfig).toMatchObject({
      username: '1001',
      domain: 'openline.local',
      iceServers: [{ urls: 'stun:stun.example.com' }],
      dtmfMethod: 'auto',
    });
    expect(repository.current).toMatchObject({ username: '1001', password: 'secret', signedIn: true });
    expect(registrationLabel(useRegistrationStore.getState())).toBe('Registered');
  });

  it('opens the API session with the same credentials and closes it on sign-out', async () => {
    setup();
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    await bridge.signOut();
    expect(apiLog).toEqual([`open 1001:${saved.password}`, 'close']);
  });

  it('applies DTMF method and auto-answer to the running engine and saves them', async () => {
    const repository = setup();
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    useSettingsStore.getState().setField('dtmfMethod', 'info');
    expect(engine.preferences.at(-1)).toEqual({ autoAnswer: saved.autoAnswer, dtmfMethod: 'info' });
    useSettingsStore.getState().setField('displayName', 'Ada');
    expect(engine.preferences).toHaveLength(1);
    await vi.waitFor(() => expect(repository.current).toMatchObject({ dtmfMethod: 'info' }));
  });

  it('turns a 401 into "Wrong username or password"', async () => {
    setup();
    engine.onStart = () =>
      engine.setRegistration(RegistrationState.Failed, {
        kind: 'auth',
        status: 401,
        message: 'Unauthorized',
      });
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    const state = useRegistrationStore.getState();
    expect(registrationLabel(state)).toBe('Wrong username or password');
    expect(selectSignInError(state)).toBe('Wrong username or password');
  });

  it('names the WebSocket URL when the server cannot be reached', async () => {
    setup();
    engine.onStart = () =>
      engine.setRegistration(RegistrationState.Reconnecting, { kind: 'transport', message: 'closed' });
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    const state = useRegistrationStore.getState();
    expect(registrationLabel(state)).toBe('Reconnecting…');
    expect(selectSignInError(state)).toBe('Cannot reach the SIP server at ws://127.0.0.1:8080/sip');
  });

  it('restarts a running engine and forgets the password on sign-out', async () => {
    const repository = setup();
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    await bridge.signIn();
    await bridge.signOut();
    expect(engine.log).toEqual(['start 1001', 'stop', 'start 1001', 'stop']);
    expect(repository.current).toMatchObject({ username: '1001', password: '', signedIn: false });
    expect(useSettingsStore.getState().signedIn).toBe(false);
    expect(registrationLabel(useRegistrationStore.getState())).toBe('Not registered');
  });

  it('names the signed-in account (user@domain) for per-account data, and forgets it on sign-out', async () => {
    setup();
    expect(useRegistrationStore.getState().account).toBeNull();
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    expect(useRegistrationStore.getState().account).toBe('1001@openline.local');
    await bridge.signOut();
    expect(useRegistrationStore.getState().account).toBeNull();
  });
});

describe('API session lost (server restarted): issue 16.2', () => {
  /** The reference server's session routes in memory; `restart()` forgets every session. */
  function platformServer() {
    const sessions = new Set<string>();
    const log: string[] = [];
    let cookie: string | null = null;
    let counter = 0;
    const fetchImpl = (async (url: string, init: RequestInit) => {
      log.push(`${init.method} ${url}`);
      if (url === '/api/session' && init.method === 'POST') {
        const { username, password } = JSON.parse(String(init.body)) as Record<string, string>;
        if (username !== '1001' || password !== 'secret') {
          return new Response('{"error":"invalid_credentials","message":"Wrong username or password."}', {
            status: 401,
          });
        }
        cookie = `s${++counter}`;
        sessions.add(cookie);
        return new Response('{"username":"1001","displayName":"Agent","expiresAt":1}', { status: 200 });
      }
      if (url === '/api/session' && init.method === 'DELETE') {
        if (cookie) sessions.delete(cookie);
        return new Response(null, { status: 204 });
      }
      if (!cookie || !sessions.has(cookie)) {
        return new Response('{"error":"unauthenticated","message":"Sign in first."}', { status: 401 });
      }
      return new Response('{"id":7}', { status: 200 });
    }) as unknown as typeof fetch;
    return { log, fetchImpl, restart: () => sessions.clear() };
  }

  function wire(server: ReturnType<typeof platformServer>) {
    const http = createHttp({ fetchImpl: server.fetchImpl, reauthenticate: () => bridge.reauthenticate() });
    const api = sessionApi(http);
    setup(null, async () => serverConfig, { apiSession: api });
    useSettingsStore.setState({ values: { ...saved } });
    return http;
  }

  const Thing = z.object({ id: z.number() });

  it('signs in again with the saved account and repeats the request, once for concurrent requests', async () => {
    const server = platformServer();
    const http = wire(server);
    await bridge.signIn();
    await vi.waitFor(() => expect(server.log).toContain('POST /api/session'));
    server.restart();
    server.log.length = 0;

    const [a, b] = await Promise.all([
      http.request('GET', '/api/agent/campaign', Thing),
      http.request('GET', '/api/softphone/buttons', Thing),
    ]);
    expect([a, b]).toEqual([{ id: 7 }, { id: 7 }]);
    expect(server.log.filter((l) => l === 'POST /api/session')).toHaveLength(1);
    expect(server.log.slice(-2).sort()).toEqual(['GET /api/agent/campaign', 'GET /api/softphone/buttons']);
  });

  it('a request made while signing in waits for the API session: no 401, no repeat', async () => {
    const server = platformServer();
    const http = createHttp({
      fetchImpl: server.fetchImpl,
      reauthenticate: () => bridge.reauthenticate(),
      sessionReady: () => bridge.sessionReady(),
    });
    setup(null, async () => serverConfig, { apiSession: sessionApi(http) });
    useSettingsStore.setState({ values: { ...saved } });
    const signingIn = bridge.signIn();
    // A screen asks as soon as the user is signed in, before the API session is open.
    const answer = http.request('GET', '/api/voicemail/settings', Thing);
    await signingIn;
    await expect(answer).resolves.toEqual({ id: 7 });
    expect(server.log).toEqual(['POST /api/session', 'GET /api/voicemail/settings']);
  });

  it('does not sign in again after the user signed out', async () => {
    const server = platformServer();
    const http = wire(server);
    await bridge.signIn();
    await bridge.signOut();
    server.log.length = 0;
    const error = await http.request('GET', '/api/agent/campaign', Thing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({ status: 401 });
    expect(server.log).toEqual(['GET /api/agent/campaign']);
  });
});

describe('sign-out shared by the tabs: issue 16.4', () => {
  /** Stands for the other tabs: a second BroadcastChannel on the same name, as another tab opens. */
  let otherTab: TabChannel<SessionTabMessage>;
  let thisTab: TabChannel<SessionTabMessage>;
  let heard: SessionTabMessage[];

  let channels = 0;

  beforeEach(() => {
    // A channel of this test's own: the app's bridge (imported by other test files sharing this worker)
    // listens on the real one and would answer these messages too.
    const name = `${SESSION_CHANNEL}-test-${++channels}`;
    const a = openTabChannel(name, isSessionTabMessage);
    const b = openTabChannel(name, isSessionTabMessage);
    if (!a || !b) throw new Error('BroadcastChannel is missing in this test environment');
    thisTab = a;
    otherTab = b;
    heard = [];
    otherTab.subscribe((m) => heard.push(m));
  });

  afterEach(() => {
    thisTab.close();
    otherTab.close();
  });

  it('signing out here tells the other tabs who signed out', async () => {
    setup(null, async () => serverConfig, { tabs: thisTab });
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    await bridge.signOut();
    await vi.waitFor(() => expect(heard).toEqual([{ type: 'signed-out', username: '1001' }]));
  });

  it('a sign-out in another tab signs this tab out: engine stopped, password forgotten, not re-sent', async () => {
    const repository = setup(null, async () => serverConfig, { tabs: thisTab });
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    apiLog.length = 0;
    otherTab.post({ type: 'signed-out', username: '1001' });
    await vi.waitFor(() => expect(useSettingsStore.getState().signedIn).toBe(false));
    await vi.waitFor(() => expect(engine.log).toEqual(['start 1001', 'stop']));
    expect(useSettingsStore.getState().values.password).toBe('');
    expect(repository.current).toMatchObject({ signedIn: false, password: '' });
    expect(registrationLabel(useRegistrationStore.getState())).toBe('Not registered');
    expect(apiLog).toEqual([]);
    expect(heard).toEqual([]); // Not echoed back to the tabs.
  });

  it('ignores a sign-out of another user and malformed messages', async () => {
    setup(null, async () => serverConfig, { tabs: thisTab });
    useSettingsStore.setState({ values: { ...saved } });
    await bridge.signIn();
    otherTab.post({ type: 'signed-out', username: '1002' });
    (otherTab as unknown as { post(m: unknown): void }).post({ type: 'signed-out' });
    otherTab.post({ type: 'signed-out', username: '1001' });
    await vi.waitFor(() => expect(useSettingsStore.getState().signedIn).toBe(false));
    expect(engine.log).toEqual(['start 1001', 'stop']);
  });
});
