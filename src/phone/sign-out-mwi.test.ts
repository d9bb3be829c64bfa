import type { SubscriptionState } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { STOP_CALLS_TIMEOUT_MS } from './engine';
import { createPhoneEngine } from './index';
import type { SubscriberLike } from './ports';
import { FakeEmitter } from './testing/fake-basics';
import { FakeSip } from './testing/fakes';
import { RegistrationState, type PhoneConfig } from './types';

const CONFIG: PhoneConfig = {
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com/sip',
  iceServers: [],
};

/** An MWI subscription whose un-subscribe the server never confirms (sip.js then waits forever). */
function stuckSubscriber(): SubscriberLike & { disposed: boolean } {
  return {
    delegate: undefined,
    stateChange: new FakeEmitter<SubscriptionState>(),
    disposed: false,
    subscribe: () => Promise.resolve(),
    dispose() {
      this.disposed = true;
      return new Promise<void>(() => undefined);
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(0);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('sign-out with a voicemail (MWI) subscription', () => {
  it('un-registers even when the server never ends the subscription', async () => {
    const world = new FakeSip();
    const subscriber = stuckSubscriber();
    const engine = createPhoneEngine({ ...world.deps(), createSubscriber: () => subscriber });
    await engine.start(CONFIG);
    expect(engine.registrationState).toBe(RegistrationState.Registered);

    let stopped = false;
    void engine.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(STOP_CALLS_TIMEOUT_MS * 2 + 2500);

    expect(subscriber.disposed).toBe(true);
    expect(stopped).toBe(true);
    expect(engine.registrationState).toBe(RegistrationState.Unregistered);
  });
});
