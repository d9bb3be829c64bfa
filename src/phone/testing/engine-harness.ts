/** Engine + fake world set-up shared by the call tests. */
import { afterEach, beforeEach, vi } from 'vitest';
import { createPhoneEngine } from '../index';
import {
  CallState,
  type CallSnapshot,
  type PhoneConfig,
  type PhoneEngine,
  type PhoneWarning,
} from '../types';
import { FakeInvitation, FakeSip, flush, SDP_AUDIO } from './fakes';

export const CONFIG: PhoneConfig = {
  username: '1001',
  password: 'secret',
  domain: 'openline.local',
  wsUrl: 'wss://sip.example.com/sip',
  iceServers: [],
};

export async function setup(config: Partial<PhoneConfig> = {}, prepare: (world: FakeSip) => void = () => {}) {
  const world = new FakeSip();
  prepare(world);
  const engine = createPhoneEngine(world.deps());
  const snapshots: CallSnapshot[] = [];
  const incoming: CallSnapshot[] = [];
  const media: string[] = [];
  const dtmf: [string, string][] = [];
  engine.on('call', (call) => snapshots.push(call));
  engine.on('incoming', (call) => incoming.push(call));
  engine.on('media', (id) => media.push(id));
  engine.on('dtmf', (id, tone) => dtmf.push([id, tone]));
  const warnings: PhoneWarning[] = [];
  engine.on('warning', (warning) => warnings.push(warning));
  await engine.start({ ...CONFIG, ...config });
  const last = (id: string) => [...snapshots].reverse().find((s) => s.id === id)!;
  const states = (id: string) =>
    snapshots
      .filter((s) => s.id === id)
      .map((s) => s.state)
      .filter((s, i, a) => a[i - 1] !== s);
  return { world, engine, snapshots, incoming, media, dtmf, warnings, last, states };
}

/** An incoming call from `user`; resolves with its id. */
export function ring(world: FakeSip, engine: PhoneEngine, user = '1003', body = SDP_AUDIO, displayName = '') {
  const invitation = new FakeInvitation({ user, displayName, host: 'openline.local' }, body);
  world.ua.receive(invitation);
  // The UI hears of a ringing call one task later (incoming.ts): let that task run.
  if (vi.isFakeTimers()) vi.advanceTimersByTime(0);
  const call = engine.getCalls().find((c) => c.remoteUser === user && c.state === CallState.Incoming);
  return { invitation, id: call?.id ?? '' };
}

export async function activeOutgoing(world: FakeSip, engine: PhoneEngine, target = '1002', video = false) {
  const id = await engine.call(target, { video });
  const inviter = world.inviter;
  inviter.progress(180);
  inviter.answer();
  await flush();
  return { id, inviter };
}

/** Awaits `promise` while advancing fake time (re-INVITEs are spaced by REINVITE_SPACING_MS). */
export async function timed<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 200 && !done; i++) await vi.advanceTimersByTimeAsync(50);
  return promise;
}

/** Fake timers and Date for one test file (call from the file's top level). */
export function withFakeTime(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
