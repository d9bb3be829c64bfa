import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhoneEngine } from './index';
import { PROBE_INTERVAL_MAX_MS, PROBE_INTERVAL_MIN_MS, probeDelay } from './recovery-probe';
import { refreshFrequency } from './registration';
import { CONFIG } from './testing/engine-harness';
import { FakeSip } from './testing/fakes';
import { RegistrationState } from './types';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(0);
});

afterEach(() => {
  vi.useRealTimers();
});

async function registeredThenOutage(random = 0.5) {
  const world = new FakeSip();
  world.random = random;
  const engine = createPhoneEngine(world.deps());
  await engine.start(CONFIG);
  expect(engine.registrationState).toBe(RegistrationState.Registered);
  world.serverUp = false;
  world.ua.drop();
  return { world, engine };
}

/** Fake ms from now until the engine is Registered (advancing 50 ms at a time, at most `limit`). */
async function msUntilRegistered(engine: ReturnType<typeof createPhoneEngine>, limit = 60_000) {
  const from = Date.now();
  while (engine.registrationState !== RegistrationState.Registered && Date.now() - from < limit) {
    await vi.advanceTimersByTimeAsync(50);
  }
  return Date.now() - from;
}

describe('recovery after a server outage', () => {
  it.each([30_000, 120_000, 600_000])(
    'after a %i ms outage, registers within 2 s of the server answering again',
    async (outageMs) => {
      const { world, engine } = await registeredThenOutage();
      await vi.advanceTimersByTimeAsync(outageMs);
      expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
      world.serverUp = true;
      expect(await msUntilRegistered(engine)).toBeLessThanOrEqual(2000);
    },
  );

  it('probes at a bounded rate while the server is down, and not at all once registered', async () => {
    const { world, engine } = await registeredThenOutage();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(world.probes).toBeGreaterThan(600_000 / PROBE_INTERVAL_MAX_MS - 30);
    expect(world.probes).toBeLessThanOrEqual(600_000 / PROBE_INTERVAL_MIN_MS);
    // Full reconnect attempts (WebSocket + REGISTER) still follow the backoff: at most one per 24 s.
    expect(world.ua.reconnectCalls).toBeLessThan(40);
    world.serverUp = true;
    await msUntilRegistered(engine);
    const probes = world.probes;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(world.probes).toBe(probes);
  });

  it('clients with different jitter come back at different times (no thundering herd)', async () => {
    const times: number[] = [];
    for (const random of [0, 0.5, 0.99]) {
      const { world, engine } = await registeredThenOutage(random);
      await vi.advanceTimersByTimeAsync(120_000);
      world.serverUp = true;
      times.push(await msUntilRegistered(engine));
      await engine.stop();
    }
    expect(new Set(times).size).toBe(3);
    for (const t of times) expect(t).toBeLessThanOrEqual(2000);
  });

  it('without a probe answer, the page becoming visible retries at once', async () => {
    const { world, engine } = await registeredThenOutage();
    world.probeAnswer = () => false; // e.g. a probe blocked by a proxy
    await vi.advanceTimersByTimeAsync(120_000);
    world.serverUp = true;
    await vi.advanceTimersByTimeAsync(100);
    expect(engine.registrationState).toBe(RegistrationState.Reconnecting);
    world.page.visibilityState = 'visible';
    world.page.dispatch('visibilitychange');
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.registrationState).toBe(RegistrationState.Registered);
  });

  it('a server that answers 503 is not probed: its answer (and Retry-After) paces the retries', async () => {
    const world = new FakeSip();
    world.registerAnswers = [200, 503];
    const engine = createPhoneEngine(world.deps());
    await engine.start(CONFIG);
    world.registerer.refreshFails();
    await vi.advanceTimersByTimeAsync(0);
    expect(engine.registrationError).toMatchObject({ kind: 'rejected', status: 503 });
    await vi.advanceTimersByTimeAsync(500);
    expect(world.probes).toBe(0);
  });

  it('stop() during an outage ends the probing', async () => {
    const { world, engine } = await registeredThenOutage();
    await vi.advanceTimersByTimeAsync(5000);
    await engine.stop();
    const probes = world.probes;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(world.probes).toBe(probes);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('jitter ranges', () => {
  it('probe interval 0.75–1.5 s; REGISTER refresh at 50–80 % of the expiry', () => {
    expect([probeDelay(0), probeDelay(0.5), probeDelay(1)]).toEqual([750, 1125, 1500]);
    expect([refreshFrequency(0), refreshFrequency(0.5), refreshFrequency(1)]).toEqual([50, 65, 80]);
  });
});
