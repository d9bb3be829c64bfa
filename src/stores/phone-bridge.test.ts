import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientConfig } from '../api/schemas';
import { CallState, RegistrationState } from '../phone/types';
import { memorySettingsRepository, type StoredSettings } from '../storage/settings-repository';
import { INITIAL_CALLS_STATE, selectForegroundCall, selectHasCall, useCallsStore } from './calls';
import { FakeEngine, makeCall } from './fake-engine.test-helper';
import { createPhoneBridge, type PhoneBridge } from './phone-bridge';
import { registrationLabel, selectSignInError, useRegistrationStore } from './registration';
import { EMPTY_SETTINGS, useSettingsStore } from './settings';

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
let bridge: PhoneBridge;

let apiLog: string[] = [];

function setup(stored: StoredSettings | null = null, fetchConfig = async () => serverConfig) {
  engine = new FakeEngine();
  apiLog = [];
  const repository = memorySettingsRepository(stored);
  bridge = createPhoneBridge({
    createEngine: () => engine,
    settingsRepository: repository,
    fetchConfig,
    location: { href: 'https://phone.example.com/settings' },
    apiSession: {
      open: async (u, p) => apiLog.push(`open ${u}:${p}`),
      close: async () => apiLog.push('close'),
    },
  });
  return repository;
}

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useRegistrationStore.setState(useRegistrationStore.getInitialState(), true);
  useSettingsStore.setState(useSettingsStore.getInitialState(), true);
});

afterEach(() => {
  bridge.dispose();
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

  it('does not sign in after the user signed out', async () => {
    setup({ ...saved, signedIn: false });
    await bridge.init();
    expect(engine.log).toEqual([]);
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
});

describe('calls', () => {
  beforeEach(async () => {
    setup(saved);
    await bridge.init();
  });

  it('tracks an outgoing call through to its end, then dismisses it', async () => {
    vi.useFakeTimers();
    const id = await bridge.dial('1002', true);
    expect(id).toBe('out-1');
    expect(engine.log).toContain('call 1002 video=true');
    expect(selectForegroundCall(useCallsStore.getState())?.state).toBe(CallState.Dialing);

    engine.update('out-1', { state: CallState.Active, answeredAt: 2_000 });
    bridge.toggleMute('out-1');
    await bridge.toggleCamera('out-1');
    await bridge.toggleHold('out-1');
    let call = selectForegroundCall(useCallsStore.getState());
    expect(call).toMatchObject({ muted: true, cameraOff: true, held: true });
    await bridge.toggleHold('out-1');
    expect(selectForegroundCall(useCallsStore.getState())?.held).toBe(false);

    await bridge.hangup('out-1');
    call = selectForegroundCall(useCallsStore.getState());
    expect(call?.endReason).toBe('local-hangup');
    expect(selectHasCall(useCallsStore.getState())).toBe(false);
    vi.advanceTimersByTime(1999);
    expect(useCallsStore.getState().calls['out-1']).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(useCallsStore.getState().calls['out-1']).toBeUndefined();
    expect(useCallsStore.getState().foregroundId).toBeNull();
  });

  it('stores media streams and received DTMF per call', async () => {
    const id = await bridge.dial('1002', false);
    const stream = {} as MediaStream;
    engine.emitMedia('out-1', { local: null, remote: stream });
    engine.emitDtmf('out-1', '1');
    engine.emitDtmf('out-1', '#');
    await bridge.sendDtmf('out-1', '5');
    expect(id).toBe('out-1');
    expect(useCallsStore.getState().media['out-1']?.remote).toBe(stream);
    expect(useCallsStore.getState().dtmfReceived['out-1']).toBe('1#');
    expect(engine.log).toContain('dtmf out-1 5');
  });

  it('brings an answered incoming call to the foreground', async () => {
    engine.emitCall(
      makeCall({ id: 'in-1', direction: 'incoming', state: CallState.Incoming, remoteDisplayName: 'Bob' }),
    );
    expect(useCallsStore.getState().foregroundId).toBeNull();
    await bridge.answer('in-1', false);
    expect(engine.log).toContain('answer in-1 video=false');
    expect(useCallsStore.getState().foregroundId).toBe('in-1');
  });

  it('declines with 603', async () => {
    engine.emitCall(makeCall({ id: 'in-1', direction: 'incoming', state: CallState.Incoming }));
    await bridge.decline('in-1');
    expect(engine.log).toContain('decline in-1 603');
    expect(useCallsStore.getState().calls['in-1']?.state).toBe(CallState.Ended);
  });

  it('holds the current call to answer a waiting one, and swaps back after it ends', async () => {
    vi.useFakeTimers();
    await bridge.dial('1002', false);
    engine.update('out-1', { state: CallState.Active });
    engine.emitCall(
      makeCall({ id: 'in-2', direction: 'incoming', state: CallState.Incoming, remoteUser: '1003' }),
    );
    expect(useCallsStore.getState().foregroundId).toBe('out-1');

    await bridge.holdAndAnswer('in-2');
    expect(engine.log.slice(-2)).toEqual(['hold out-1', 'answer in-2 video=false']);
    expect(useCallsStore.getState().foregroundId).toBe('in-2');

    engine.update('in-2', { state: CallState.Active });
    await bridge.hangup('in-2');
    vi.advanceTimersByTime(2000);
    expect(useCallsStore.getState().foregroundId).toBe('out-1');
    expect(selectHasCall(useCallsStore.getState())).toBe(true);
  });

  it('reports a failed dial instead of throwing', async () => {
    engine.call = async () => {
      throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    };
    await expect(bridge.dial('1002', true)).resolves.toBeNull();
    expect(useCallsStore.getState().error).toBe(
      'Could not start the call: Microphone or camera access is blocked.',
    );
  });

  it('unsubscribes on dispose', () => {
    expect(engine.listenerCount()).toBe(4);
    bridge.dispose();
    expect(engine.listenerCount()).toBe(0);
  });
});
