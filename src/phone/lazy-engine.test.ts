import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhoneEngine } from './index';
import { createLazyPhoneEngine, PhoneEngineLoadError, type PhoneEngineLoader } from './lazy-engine';
import { FakeInvitation, FakeSip, flush, message, SDP_AUDIO } from './testing/fakes';
import { CallState, RegistrationState, type CallSnapshot, type PhoneConfig } from './types';

const CONFIG: PhoneConfig = {
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com/sip',
  iceServers: [],
};

/** The INVITE a push held on the server, carrying its SIP Call-ID. */
class HeldInvitation extends FakeInvitation {
  constructor(readonly sipCallId: string) {
    super({ user: '1003', host: 'openline.local' }, SDP_AUDIO);
  }
  override get request() {
    const headers = { 'Content-Type': 'application/sdp', 'Call-ID': this.sipCallId };
    return { ...message(headers, SDP_AUDIO), callId: this.sipCallId };
  }
}

/** A loader the test releases by hand, around the real engine over fake sip.js. */
function deferredLoader(world = new FakeSip()) {
  let release!: () => void;
  let fail!: (error: Error) => void;
  let calls = 0;
  const load: PhoneEngineLoader = () => {
    calls++;
    return new Promise((resolve, reject) => {
      release = () => resolve(() => createPhoneEngine(world.deps()));
      fail = reject;
    });
  };
  return { world, load, release: () => release(), fail: (e: Error) => fail(e), loads: () => calls };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

describe('lazy phone engine', () => {
  it('is a stopped engine until its code arrives, and fetches nothing until asked', async () => {
    const loader = deferredLoader();
    const engine = createLazyPhoneEngine(loader.load);
    expect(engine.registrationState).toBe(RegistrationState.Unregistered);
    expect(engine.registrationError).toBeNull();
    expect(engine.getCalls()).toEqual([]);
    expect(engine.getMedia('nope')).toEqual({ local: null, remote: null });
    await engine.stop(); // signing out before ever signing in does not fetch sip.js
    expect(loader.loads()).toBe(0);
  });

  it('registers once loaded, delivering events to handlers subscribed before the load', async () => {
    const loader = deferredLoader();
    const engine = createLazyPhoneEngine(loader.load);
    const states: RegistrationState[] = [];
    const incoming: CallSnapshot[] = [];
    engine.on('registration', (state) => states.push(state));
    engine.on('incoming', (call) => incoming.push(call));
    const started = engine.start(CONFIG);
    await flush();
    expect(states).toEqual([]); // still loading: nothing happened yet
    loader.release();
    await started;
    expect(engine.registrationState).toBe(RegistrationState.Registered);
    expect(states).toEqual([RegistrationState.Registering, RegistrationState.Registered]);
    expect(loader.world.registerCount).toBe(1);

    loader.world.ua.receive(new FakeInvitation({ user: '1003', host: 'openline.local' }, SDP_AUDIO));
    await vi.advanceTimersByTimeAsync(0); // announced one task later (incoming.ts)
    expect(incoming.map((c) => c.remoteUser)).toEqual(['1003']);
    expect(engine.getCalls().map((c) => c.state)).toEqual([CallState.Incoming]);
    expect(loader.loads()).toBe(1);
  });

  it('unsubscribing before the load keeps the handler off the real engine', async () => {
    const loader = deferredLoader();
    const engine = createLazyPhoneEngine(loader.load);
    const seen: RegistrationState[] = [];
    const off = engine.on('registration', (state) => seen.push(state));
    off();
    const started = engine.start(CONFIG);
    loader.release();
    await started;
    expect(seen).toEqual([]);
  });

  it('replays commands given before the load, in order, once the engine exists', async () => {
    const loader = deferredLoader();
    const engine = createLazyPhoneEngine(loader.load);
    // Answer-from-push arms before the engine exists (the app was woken by the notification).
    engine.expectAnswer('held-call@openline.local', Date.now() + 60_000);
    expect(loader.loads()).toBe(1); // a queued command starts the fetch
    const started = engine.start(CONFIG);
    loader.release();
    await started;
    const held = new HeldInvitation('held-call@openline.local');
    loader.world.ua.receive(held);
    await flush();
    expect(held.accepted).toHaveLength(1);
    expect(engine.getCalls().map((c) => c.state)).toEqual([CallState.Active]);
  });

  it('reports a chunk that cannot load as a sentence, and tries again on the next command', async () => {
    const loader = deferredLoader();
    const engine = createLazyPhoneEngine(loader.load);
    const first = engine.start(CONFIG);
    loader.fail(new Error('Failed to fetch dynamically imported module'));
    await expect(first).rejects.toBeInstanceOf(PhoneEngineLoadError);
    await expect(first).rejects.toThrow(
      /Could not load the phone \(Failed to fetch .*\)\. Check the connection/,
    );
    const second = engine.start(CONFIG);
    loader.release();
    await second;
    expect(loader.loads()).toBe(2);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });
});
