import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClientError } from '../api/client';
import type { ClientConfig, SipCredentials } from '../api/schemas';
import { RegistrationState } from '../phone/types';
import { memorySettingsRepository, type StoredSettings } from '../storage/settings-repository';
import { useCallsStore } from './calls';
import { createPhoneEngineLink, type PhoneEngineLink } from './phone-engine-link';
import { createSessionService, type SessionService } from './session-service';
import { FakeEngine } from './testing/fake-engine';
import { resetSessionStores } from './testing/reset-stores';
import {
  accountRefusal,
  EPHEMERAL_REJECTED_MESSAGE,
  EPHEMERAL_WRONG_USER_MESSAGE,
  refreshDelay,
  usesEphemeralCredentials,
} from './session-credentials';
import { registrationLabel, selectSignInError, useRegistrationStore } from './registration';
import { EMPTY_SETTINGS, useSettingsStore } from './settings';

const T0 = Date.UTC(2026, 0, 1);
const KAMAILIO = 'wss://sip.example.com';

const ephemeralServer: ClientConfig = {
  sipDomain: 'openline.local',
  wsUrl: KAMAILIO,
  iceServers: [],
  demoAccounts: [],
  sipAuth: 'ephemeral',
};

const account: StoredSettings = {
  version: 1,
  ...EMPTY_SETTINGS,
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: KAMAILIO,
  iceServersText: 'stun:stun.example.com',
  signedIn: false,
};

const TURN = { urls: ['turn:turn.example.com:3478'], username: 'u', credential: 'c' };

function minted(n: number, ttlSeconds = 3600, at = Date.now()): SipCredentials {
  const expiry = Math.floor(at / 1000) + ttlSeconds;
  return {
    user: '1001',
    authorizationUsername: `${expiry}:1001`,
    password: `password-${n}`,
    expiresAt: expiry * 1000,
    ttlSeconds,
    iceServers: [TURN],
    iceTransportPolicy: 'relay',
  };
}

let engine: FakeEngine;
let link: PhoneEngineLink;
let bridge: SessionService;
let log: string[];
let issued: number;
/** What the next credentials request does. */
let nextCredentials: () => Promise<SipCredentials>;
let openSession: (u: string, p: string) => Promise<unknown>;

function setup(server: ClientConfig = ephemeralServer) {
  engine = new FakeEngine();
  log = [];
  issued = 0;
  nextCredentials = async () => minted(++issued);
  openSession = async () => undefined;
  link = createPhoneEngineLink({ createEngine: () => engine });
  bridge = createSessionService({
    engine: link,
    settingsRepository: memorySettingsRepository(null),
    fetchConfig: async () => server,
    location: { href: 'https://phone.example.com/settings' },
    apiSession: {
      open: async (u, p) => {
        log.push(`open ${u}:${p}`);
        return openSession(u, p);
      },
      close: async () => log.push('close'),
    },
    sipCredentials: () => {
      log.push('credentials');
      return nextCredentials();
    },
  });
  useSettingsStore.setState({ values: { ...account } });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
  resetSessionStores();
});

afterEach(() => {
  bridge.dispose();
  link.dispose();
  vi.useRealTimers();
});

describe('usesEphemeralCredentials', () => {
  beforeEach(() => setup());
  const here = { href: 'https://phone.example.com/' };
  it('only for the SIP server the backend points at, when it says so', () => {
    expect(usesEphemeralCredentials(ephemeralServer, 'wss://sip.example.com/', here)).toBe(true);
    expect(usesEphemeralCredentials(ephemeralServer, 'wss://pbx.other.com', here)).toBe(false);
    expect(usesEphemeralCredentials({ ...ephemeralServer, sipAuth: 'password' }, KAMAILIO, here)).toBe(false);
    expect(usesEphemeralCredentials({ ...ephemeralServer, sipAuth: undefined }, KAMAILIO, here)).toBe(false);
    expect(usesEphemeralCredentials(null, KAMAILIO, here)).toBe(false);
    expect(
      usesEphemeralCredentials({ ...ephemeralServer, wsUrl: '/sip' }, 'wss://phone.example.com/sip', here),
    ).toBe(true);
  });

  it('refreshes at 80 % of the lifetime, never sooner than 5 s', () => {
    expect(refreshDelay(minted(1, 3600, T0), T0)).toBe(2880_000);
    expect(refreshDelay(minted(1, 3600, T0), T0 + 1000_000)).toBe(1880_000);
    expect(refreshDelay(minted(1, 3600, T0), T0 + 3000_000)).toBe(5000);
    expect(refreshDelay(minted(1, 2, T0), T0)).toBe(5000);
  });
});

describe('accountRefusal', () => {
  it("passes on the server's sentence for a disabled or company-refused account only", () => {
    const company = new ApiClientError('Accounts of Acme cannot sign in here.', 403, 'company_not_allowed');
    expect(accountRefusal(company)).toBe('Accounts of Acme cannot sign in here.');
    expect(accountRefusal(new ApiClientError('Disabled.', 403, 'account_disabled'))).toBe('Disabled.');
    expect(accountRefusal(new ApiClientError('Nope.', 403, 'forbidden'))).toBeNull();
    expect(
      accountRefusal(new ApiClientError('Wrong username or password.', 401, 'invalid_credentials')),
    ).toBeNull();
    expect(accountRefusal(new Error('offline'))).toBeNull();
  });
});

describe('signing in with ephemeral credentials', () => {
  it('opens the API session with the password, then registers with minted credentials and TURN', async () => {
    setup();
    await bridge.signIn();
    expect(log).toEqual(['open 1001:secret', 'credentials']);
    expect(engine.lastConfig).toMatchObject({
      username: '1001',
      authorizationUsername: `${T0 / 1000 + 3600}:1001`,
      password: 'password-1',
      iceServers: [{ urls: 'stun:stun.example.com' }, TURN],
      iceTransportPolicy: 'relay',
    });
    expect(useRegistrationStore.getState().state).toBe(RegistrationState.Registered);
  });

  it('refreshes at 80 % of the lifetime into the running engine: no restart, calls untouched', async () => {
    setup();
    await bridge.signIn();
    const id = await link.get().call('1002', { video: false });
    await vi.advanceTimersByTimeAsync(2880_000 - 1);
    expect(engine.credentialUpdates).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(engine.credentialUpdates).toEqual([
      {
        authorizationUsername: `${(T0 + 2880_000) / 1000 + 3600}:1001`,
        password: 'password-2',
        iceServers: [{ urls: 'stun:stun.example.com' }, TURN],
        iceTransportPolicy: 'relay',
      },
    ]);
    expect(engine.log.filter((l) => l.startsWith('start') || l === 'stop')).toEqual(['start 1001']);
    expect(useCallsStore.getState().calls[id]).toBeDefined();
    // …and again 80 % into the new lifetime.
    await vi.advanceTimersByTimeAsync(2880_000);
    expect(engine.credentialUpdates.map((u) => u.password)).toEqual(['password-2', 'password-3']);
  });

  it('opens the API session again when it was lost (server restart), then refreshes', async () => {
    setup();
    await bridge.signIn();
    nextCredentials = async () => {
      nextCredentials = async () => minted(++issued);
      throw new ApiClientError('Sign in first.', 401, 'unauthenticated');
    };
    await vi.advanceTimersByTimeAsync(2880_000);
    expect(log).toEqual([
      'open 1001:secret',
      'credentials',
      'credentials',
      'open 1001:secret',
      'credentials',
    ]);
    expect(engine.credentialUpdates).toHaveLength(1);
  });

  it('retries a failed refresh after 30 s', async () => {
    setup();
    await bridge.signIn();
    nextCredentials = async () => {
      nextCredentials = async () => minted(++issued);
      throw new ApiClientError('Cannot reach the server: offline', null);
    };
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await vi.advanceTimersByTimeAsync(2880_000);
    expect(engine.credentialUpdates).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(engine.credentialUpdates).toHaveLength(1);
  });

  it('a wrong password (API 401) says so and does not touch the SIP server', async () => {
    setup();
    openSession = async () => {
      throw new ApiClientError('Wrong username or password.', 401, 'invalid_credentials');
    };
    await bridge.signIn();
    const state = useRegistrationStore.getState();
    expect(state.state).toBe(RegistrationState.Failed);
    expect(registrationLabel(state)).toBe('Wrong username or password');
    expect(selectSignInError(state)).toBe('Wrong username or password');
    expect(engine.log).toEqual([]);
    expect(log).toEqual(['open 1001:secret']);
  });

  it('a 401 from the SIP server for fresh credentials: expired or another secret', async () => {
    setup();
    engine.onStart = () =>
      engine.setRegistration(RegistrationState.Failed, {
        kind: 'auth',
        status: 401,
        message: 'Wrong username or password',
      });
    await bridge.signIn();
    const state = useRegistrationStore.getState();
    expect(registrationLabel(state)).toBe(EPHEMERAL_REJECTED_MESSAGE);
    expect(selectSignInError(state)).toBe(EPHEMERAL_REJECTED_MESSAGE);
    expect(log).toEqual(['open 1001:secret', 'credentials']);
  });

  it('a 403 from the SIP server: credentials of another user', async () => {
    setup();
    engine.onStart = () =>
      engine.setRegistration(RegistrationState.Failed, {
        kind: 'auth',
        status: 403,
        message: 'Wrong username or password',
      });
    await bridge.signIn();
    expect(selectSignInError(useRegistrationStore.getState())).toBe(EPHEMERAL_WRONG_USER_MESSAGE);
  });

  it('credentials that expired meanwhile (device asleep) are replaced once, by signing in again', async () => {
    setup();
    await bridge.signIn();
    vi.setSystemTime(T0 + 4000_000); // past expiry, the refresh timer has not run yet
    engine.onStart = () => engine.setRegistration(RegistrationState.Registered, null);
    engine.setRegistration(RegistrationState.Failed, { kind: 'auth', status: 401, message: 'x' });
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['open 1001:secret', 'credentials', 'open 1001:secret', 'credentials']);
    expect(engine.lastConfig?.password).toBe('password-2');
    expect(useRegistrationStore.getState().state).toBe(RegistrationState.Registered);
  });

  it('sign-out stops refreshing', async () => {
    setup();
    await bridge.signIn();
    await bridge.signOut();
    await vi.advanceTimersByTimeAsync(4000_000);
    expect(log).toEqual(['open 1001:secret', 'credentials', 'close']);
  });
});

describe('static passwords keep working', () => {
  it('with sipAuth "password" the password registers as before', async () => {
    setup({ ...ephemeralServer, sipAuth: 'password' });
    await bridge.signIn();
    expect(engine.lastConfig).toMatchObject({ username: '1001', password: 'secret' });
    expect(engine.lastConfig?.authorizationUsername).toBeUndefined();
    expect(log).not.toContain('credentials');
  });

  it('an account on another SIP server (third-party PBX) uses its password', async () => {
    setup();
    useSettingsStore.setState({ values: { ...account, wsUrl: 'wss://pbx.other.com/ws' } });
    await bridge.signIn();
    expect(engine.lastConfig).toMatchObject({ password: 'secret', wsUrl: 'wss://pbx.other.com/ws' });
    expect(log).not.toContain('credentials');
  });
});
