import { RegistererState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhoneEngine } from './index';
import { SocketBlockedError } from './socket-guard';
import { FakeSip, flush } from './testing/fakes';
import { RegistrationState, type PhoneConfig, type RegistrationError } from './types';

const CONFIG: PhoneConfig = {
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com/sip',
  iceServers: [],
};

function setup() {
  const world = new FakeSip();
  const engine = createPhoneEngine(world.deps());
  const states: [RegistrationState, RegistrationError | null][] = [];
  engine.on('registration', (state, error) => states.push([state, error]));
  return { world, engine, states, seen: () => states.map(([s]) => s) };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('registration', () => {
  it('connects, registers and reports Registered', async () => {
    const { world, engine, seen } = setup();
    await engine.start(CONFIG);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(engine.registrationError).toBeNull();
    expect(seen()).toEqual([RegistrationState.Registering, RegistrationState.Registered]);
    expect(world.ua.startCalls).toBe(1);
    expect(world.registerCount).toBe(1);
    // Refresh at 50–80 % of the expiry (jittered; random 0.5 → 65 %), not sip.js's default 99 %.
    expect(world.registerer.options).toEqual({ expires: 300, refreshFrequency: 65, logConfiguration: false });
  });

  it('builds the UserAgent options from the config', async () => {
    const { world, engine } = setup();
    await engine.start({ ...CONFIG, displayName: 'Alice', registerExpires: 120 });
    const options = world.ua.options;
    expect(String(options.uri)).toBe('sip:1001@openline.local');
    expect(options.authorizationUsername).toBe('1001');
    expect(options.authorizationPassword).toBe('secret');
    expect(options.displayName).toBe('Alice');
    expect(options.contactParams).toEqual({ transport: 'ws' });
    expect(options.transportOptions).toMatchObject({
      server: 'wss://sip.example.com/sip',
      keepAliveInterval: 25,
    });
    expect(options.sessionDescriptionHandlerFactoryOptions).toEqual({
      peerConnectionConfiguration: { iceServers: [], iceTransportPolicy: 'all' },
      iceGatheringTimeout: 1000,
    });
    expect(typeof options.sessionDescriptionHandlerFactory).toBe('function');
    expect(options.logLevel).toBe('log'); // 'log' carries the SIP trace; sipTrace.connector drops it unless on
    expect(options.logBuiltinEnabled).toBe(false);
    expect(world.registerer.options).toMatchObject({ expires: 120 });
  });

  it('passes TURN servers and the relay policy through, with the 3 s ICE cap', async () => {
    const { world, engine } = setup();
    const iceServers = [{ urls: 'turn:turn.example.com', username: 'u', credential: 'p' }];
    await engine.start({ ...CONFIG, iceServers, iceTransportPolicy: 'relay' });
    expect(world.ua.options.sessionDescriptionHandlerFactoryOptions).toEqual({
      peerConnectionConfiguration: { iceServers, iceTransportPolicy: 'relay' },
      iceGatheringTimeout: 3000,
    });
  });

  it.each([401, 403, 407])('%i after credentials → Failed (auth), and no retry storm', async (status) => {
    const { world, engine } = setup();
    world.registerAnswers = [status];
    await engine.start(CONFIG);
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    expect(engine.registrationError).toEqual({ kind: 'auth', status, message: 'Wrong username or password' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(world.registerCount).toBe(1);
    expect(world.ua.reconnectCalls).toBe(0);
    world.ua.drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    expect(world.ua.reconnectCalls).toBe(0);
  });

  it('other final rejections → Failed (rejected)', async () => {
    const { world, engine } = setup();
    world.registerAnswers = [404];
    await engine.start(CONFIG);
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    expect(engine.registrationError).toMatchObject({ kind: 'rejected', status: 404 });
  });

  it('invalid settings → Failed (config) without touching the network', async () => {
    const { world, engine } = setup();
    await engine.start({ ...CONFIG, wsUrl: 'https://sip.example.com' });
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    expect(engine.registrationError).toEqual({
      kind: 'config',
      message: 'The SIP server address must be a ws:// or wss:// URL',
    });
    expect(world.userAgents).toHaveLength(0);
    await engine.start({ ...CONFIG, domain: 'bad domain' });
    expect(engine.registrationError).toMatchObject({ kind: 'config' });
  });

  it('a 503 is retried, honouring Retry-After', async () => {
    const { world, engine } = setup();
    world.registerAnswers = ['none'];
    const started = engine.start(CONFIG);
    await flush();
    world.registerer.answer(503, { 'Retry-After': '10' });
    await started;
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    expect(engine.registrationError).toMatchObject({ kind: 'rejected', status: 503 });
    await vi.advanceTimersByTimeAsync(9_000);
    expect(world.registerCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('cannot connect at first → Reconnecting, then registers when the server is up', async () => {
    const { world, engine } = setup();
    world.serverUp = false;
    await engine.start(CONFIG);
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    expect(engine.registrationError).toEqual({
      kind: 'transport',
      message: 'Cannot connect to the SIP server at wss://sip.example.com/sip',
    });
    world.serverUp = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(world.ua.reconnectCalls).toBe(1);
  });

  it("a WebSocket the page's security policy refuses → Failed at once, saying so, and never retried", async () => {
    const { world, engine, seen } = setup();
    world.connectError = new SocketBlockedError(CONFIG.wsUrl);
    await engine.start(CONFIG);
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    expect(engine.registrationError).toMatchObject({ kind: 'blocked', url: 'wss://sip.example.com/sip' });
    expect(seen()).toEqual([RegistrationState.Registering, RegistrationState.Failed]);
    const probes = world.probes;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(world.ua.reconnectCalls).toBe(0);
    expect(world.probes).toBe(probes);
    expect(engine.registrationState).toBe(RegistrationState.Failed);
  });

  it('transport drop → Reconnecting → backoff 1, 2, 4 … 30 s → Registered without user action', async () => {
    const { world, engine } = setup();
    await engine.start(CONFIG);
    const first = world.registerer;
    world.serverUp = false;
    const droppedAt = Date.now();
    world.ua.drop();
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    expect(engine.registrationError).toMatchObject({ kind: 'transport' });
    expect(first.disposed).toBe(true);

    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000 + 8000 + 16000 + 30000 + 30000);
    const gaps = world.reconnectTimes.map((t, i) => t - (i === 0 ? droppedAt : world.reconnectTimes[i - 1]!));
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);

    world.serverUp = true;
    await vi.advanceTimersByTimeAsync(30000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(engine.registrationError).toBeNull();
    expect(world.registerers).toHaveLength(2);
    expect(world.registerer).not.toBe(first);

    // Backoff starts from 1 s again after a success.
    world.ua.drop();
    await vi.advanceTimersByTimeAsync(1000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('the browser `online` event retries at once', async () => {
    const { world, engine } = setup();
    await engine.start(CONFIG);
    world.serverUp = false;
    world.ua.drop();
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    const reconnects = world.ua.reconnectCalls;
    world.serverUp = true;
    world.window.dispatch('online');
    await flush();
    expect(world.ua.reconnectCalls).toBe(reconnects + 1);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('`offline` → Reconnecting; `online` opens a fresh WebSocket and registers again', async () => {
    const { world, engine } = setup();
    await engine.start(CONFIG);
    world.window.dispatch('offline');
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    expect(engine.registrationError).toEqual({ kind: 'transport', message: 'No network connection' });
    world.window.dispatch('online');
    await flush();
    expect(world.disconnectCalls).toBe(1);
    expect(world.ua.reconnectCalls).toBe(1);
    expect(world.registerers).toHaveLength(2);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('"REGISTER already in progress" is retried, not reported', async () => {
    const { world, engine, seen } = setup();
    world.registerAnswers = ['pending-error'];
    let settled = false;
    const started = engine.start(CONFIG).then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    expect(engine.registrationState).toBe(RegistrationState.Registering);
    await vi.advanceTimersByTimeAsync(1000);
    await started;
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(seen()).toEqual([RegistrationState.Registering, RegistrationState.Registered]);
    expect(world.registerCount).toBe(2);
  });

  it('concurrent triggers coalesce into one REGISTER', async () => {
    const { world, engine } = setup();
    await engine.start(CONFIG);
    world.serverUp = false;
    world.ua.drop();
    world.serverUp = true;
    world.registerAnswers = ['none'];
    world.window.dispatch('online');
    await flush();
    world.window.dispatch('online');
    world.window.dispatch('online');
    await vi.advanceTimersByTimeAsync(5000);
    expect(world.registerCount).toBe(2);
    world.registerer.answer(200);
    await flush();
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('a registration completed by sip.js itself (423 retry) still counts', async () => {
    const { world, engine } = setup();
    world.registerAnswers = ['none'];
    const started = engine.start(CONFIG);
    await flush();
    world.registerer.acceptWithoutCallback();
    await started;
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('a failed refresh by sip.js re-registers (outside its callback)', async () => {
    const { world, engine, seen } = setup();
    await engine.start(CONFIG);
    world.registerer.refreshFails();
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    await flush();
    expect(world.registerCount).toBe(2);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(seen().slice(-2)).toEqual([RegistrationState.Reconnecting, RegistrationState.Registered]);
  });

  it('a REGISTER with no answer times out and retries on a fresh connection', async () => {
    const { world, engine } = setup();
    world.registerAnswers = ['none'];
    const started = engine.start(CONFIG);
    await vi.advanceTimersByTimeAsync(40_000);
    await started;
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    expect(engine.registrationError).toMatchObject({ kind: 'rejected', status: 408 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(world.disconnectCalls).toBe(1);
    expect(world.ua.reconnectCalls).toBe(1);
    expect(world.registerers).toHaveLength(2);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('stop() unregisters, stops the UserAgent and cancels reconnect timers', async () => {
    const { world, engine, seen } = setup();
    await engine.start(CONFIG);
    const registerer = world.registerer;
    await engine.stop();
    expect(registerer.unregisterCalls).toBe(1);
    expect(registerer.state).toBe(RegistererState.Terminated);
    expect(world.ua.stopped).toBe(true);
    expect(seen().slice(-2)).toEqual([RegistrationState.Unregistering, RegistrationState.Unregistered]);
    expect(engine.registrationState).toBe(RegistrationState.Unregistered);
    expect(world.window.count('online')).toBe(0);
  });

  it('stop() while reconnecting leaves no timer behind', async () => {
    const { world, engine } = setup();
    await engine.start(CONFIG);
    world.serverUp = false;
    world.ua.drop();
    await engine.stop();
    expect(engine.registrationState).toBe(RegistrationState.Unregistered);
    const reconnects = world.ua.reconnectCalls;
    world.serverUp = true;
    world.window.dispatch('online');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(world.ua.reconnectCalls).toBe(reconnects);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('start() again with new settings replaces the old UserAgent', async () => {
    const { world, engine } = setup();
    world.registerAnswers = [401];
    await engine.start({ ...CONFIG, password: 'wrong' });
    expect(engine.registrationState).toBe(RegistrationState.Failed);
    const old = world.ua;
    await engine.start(CONFIG);
    expect(old.stopped).toBe(true);
    expect(world.userAgents).toHaveLength(2);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    old.drop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });
});
