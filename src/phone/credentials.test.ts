/**
 * Ephemeral credentials: the engine signs in with a digest username that differs from the SIP user
 * (`"<expiry>:1001"`) and takes fresh credentials while running, without a new UserAgent, a new
 * WebSocket or a re-registration, and without touching calls in progress.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhoneEngine } from './index';
import { FakeSip, flush } from './testing/fakes';
import { CallState, RegistrationState, type PhoneConfig } from './types';

const CONFIG: PhoneConfig = {
  username: '1001',
  authorizationUsername: '1700000000:1001',
  password: 'first-password',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com',
  iceServers: [],
};

const TURN: RTCIceServer = {
  urls: ['turn:turn.example.com:3478?transport=udp'],
  username: '1700003600:1001',
  credential: 'turn-password',
};

async function setup(config: Partial<PhoneConfig> = {}) {
  const world = new FakeSip();
  const engine = createPhoneEngine(world.deps());
  const states: RegistrationState[] = [];
  engine.on('registration', (state) => states.push(state));
  await engine.start({ ...CONFIG, ...config });
  return { world, engine, states };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(1_000_000);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('ephemeral credentials', () => {
  it('registers as the SIP user with the separate digest username', async () => {
    const { world, engine } = await setup();
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(String(world.ua.options.uri)).toBe('sip:1001@openline.local');
    expect(world.ua.options.authorizationUsername).toBe('1700000000:1001');
    expect(world.registerCredentials).toEqual([{ username: '1700000000:1001', password: 'first-password' }]);
  });

  it('without authorizationUsername the digest username is the SIP user (static passwords)', async () => {
    const { world } = await setup({ authorizationUsername: undefined, password: 'static' });
    expect(world.ua.options.authorizationUsername).toBe('1001');
  });

  it('updateCredentials() keeps the UserAgent, the registration and an active call; the next REGISTER uses the new pair', async () => {
    const { world, engine, states } = await setup();
    const id = await engine.call('1002', { video: false });
    world.inviter.progress(180);
    world.inviter.answer();
    await flush();
    expect(engine.getCalls()[0]?.state).toBe(CallState.Active);
    const ua = world.ua;

    engine.updateCredentials({ authorizationUsername: '1700003600:1001', password: 'second-password' });

    expect(world.userAgents).toHaveLength(1);
    expect(ua.startCalls + ua.reconnectCalls).toBe(1);
    expect(world.registerCount).toBe(1); // no REGISTER of its own: the next refresh/challenge uses it
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(engine.getCalls().find((c) => c.id === id)?.state).toBe(CallState.Active);
    expect(ua.configuration.authorizationUsername).toBe('1700003600:1001');
    expect(ua.configuration.authorizationPassword).toBe('second-password');

    // The Registerer's refresh fails (the old credentials expired): the engine registers again, now
    // answering the challenge with the new credentials.
    world.registerer.refreshFails();
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(world.registerCredentials.at(-1)).toEqual({
      username: '1700003600:1001',
      password: 'second-password',
    });
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(engine.getCalls().find((c) => c.id === id)?.state).toBe(CallState.Active);
    expect(states.filter((s) => s === RegistrationState.Failed)).toEqual([]);
  });

  it('updateCredentials() with ICE servers changes what the next call gets (TURN with fresh credentials, relay)', async () => {
    const { world, engine } = await setup({ iceServers: [{ urls: 'stun:stun.example.com' }] });
    engine.updateCredentials({
      authorizationUsername: '1700003600:1001',
      password: 'second-password',
      iceServers: [TURN],
      iceTransportPolicy: 'relay',
    });
    expect(world.ua.configuration.sessionDescriptionHandlerFactoryOptions).toMatchObject({
      peerConnectionConfiguration: { iceServers: [TURN], iceTransportPolicy: 'relay' },
    });
  });

  it('updateCredentials() without ICE servers leaves them as they are', async () => {
    const { world, engine } = await setup({ iceServers: [TURN] });
    const before = world.ua.configuration.sessionDescriptionHandlerFactoryOptions;
    engine.updateCredentials({ authorizationUsername: '1700003600:1001', password: 'second-password' });
    expect(world.ua.configuration.sessionDescriptionHandlerFactoryOptions).toBe(before);
  });

  it('updateCredentials() on a stopped engine does nothing', async () => {
    const { world, engine } = await setup();
    await engine.stop();
    engine.updateCredentials({ authorizationUsername: 'x:1001', password: 'y' });
    expect(world.ua.configuration.authorizationUsername).toBe('1700000000:1001');
    const idle = createPhoneEngine(new FakeSip().deps());
    expect(() => idle.updateCredentials({ password: 'z' })).not.toThrow();
  });
});
