import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallState } from '../phone/types';
import { memoryCallLogRepository, type CallLogRepository } from '../storage/call-log-repository';
import { entry } from '../storage/testing/call-log-fixtures';
import { createCallLog, INITIAL_CALL_LOG_STATE, useCallLogStore } from './call-log';
import { createCallLogRecorder } from './call-log-recorder';
import { selectForegroundCall, useCallsStore } from './calls';
import { createPhoneEngineLink, type PhoneEngineLink } from './phone-engine-link';
import { useTabBadges } from './tab-badges';
import { FakeEngine, makeCall } from './testing/fake-engine';
import { resetSessionStores } from './testing/reset-stores';

const ME = '1001@openline.local';
const OTHER = '1002@openline.local';
const badge = () => useTabBadges.getState().counts.history ?? 0;

beforeEach(() => {
  resetSessionStores();
  useCallLogStore.setState(INITIAL_CALL_LOG_STATE, true);
  useTabBadges.setState({ counts: {} });
});

describe('call log store', () => {
  it('shows only the signed-in account, and nothing when signed out', async () => {
    const repository = memoryCallLogRepository();
    await repository.put(entry({ id: 'mine', account: ME }));
    await repository.put(entry({ id: 'theirs', account: OTHER }));
    const log = createCallLog({ repository });
    await log.load(ME);
    expect(useCallLogStore.getState()).toMatchObject({ account: ME, loaded: true });
    expect(useCallLogStore.getState().entries.map((e) => e.id)).toEqual(['mine']);
    await log.load(OTHER);
    expect(useCallLogStore.getState().entries.map((e) => e.id)).toEqual(['theirs']);
    await log.load(null);
    expect(useCallLogStore.getState().entries).toEqual([]);
  });

  it('badge: missed calls since History was last opened; opening History clears it, per account', async () => {
    const repository = memoryCallLogRepository();
    let now = 10_000;
    const log = createCallLog({ repository, now: () => now });
    await log.load(ME);
    await log.record(entry({ id: 'm1', outcome: 'missed', startedAt: 9_000 }));
    await log.record(entry({ id: 'a1', outcome: 'answered', startedAt: 9_500 }));
    expect(badge()).toBe(1);
    await log.markOpened();
    expect(badge()).toBe(0);
    now = 20_000;
    await log.record(entry({ id: 'm2', outcome: 'missed', startedAt: 15_000 }));
    expect(badge()).toBe(1);
    // The mark survives a reload (a new store over the same repository).
    useCallLogStore.setState(INITIAL_CALL_LOG_STATE, true);
    await createCallLog({ repository }).load(ME);
    expect(badge()).toBe(1);
    await createCallLog({ repository }).load(OTHER);
    expect(badge()).toBe(0);
  });

  it('an entry of another account is stored but not shown', async () => {
    const repository = memoryCallLogRepository();
    const log = createCallLog({ repository });
    await log.load(ME);
    await log.record(entry({ id: 'late', account: OTHER }));
    expect(useCallLogStore.getState().entries).toEqual([]);
    expect((await repository.list(OTHER)).entries.map((e) => e.id)).toEqual(['late']);
  });

  it('delete and clear change the repository, and a failure is said in a sentence', async () => {
    const repository = memoryCallLogRepository();
    const log = createCallLog({ repository });
    await log.load(ME);
    await log.record(entry({ id: 'a', startedAt: 1 }));
    await log.record(entry({ id: 'b', startedAt: 2 }));
    await log.remove('a');
    expect((await repository.list(ME)).entries.map((e) => e.id)).toEqual(['b']);
    await log.clear();
    expect((await repository.list(ME)).entries).toEqual([]);
    expect(useCallLogStore.getState().entries).toEqual([]);

    const broken: CallLogRepository = {
      ...repository,
      clear: () => Promise.reject(new Error('QuotaExceededError')),
    };
    const failing = createCallLog({ repository: broken });
    await failing.load(ME);
    await failing.clear();
    expect(useCallLogStore.getState().error).toBe('Could not clear the call history: QuotaExceededError');
  });
});

describe('recording through the engine link', () => {
  let link: PhoneEngineLink;
  afterEach(() => link.dispose());

  function wire(account: () => string | null, repository = memoryCallLogRepository()) {
    const engine = new FakeEngine();
    const log = createCallLog({ repository });
    const recorder = createCallLogRecorder({ account, record: (e) => log.record(e) });
    link = createPhoneEngineLink({ createEngine: () => engine, callEnds: recorder, endedCallLingerMs: 10 });
    link.get();
    return { engine, log, repository };
  }

  it('the entry is stored before the calls store shows the call as ended', async () => {
    let release = () => {};
    const repository = memoryCallLogRepository();
    const put = repository.put.bind(repository);
    const order: string[] = [];
    repository.put = async (e) => {
      await new Promise<void>((resolve) => (release = resolve));
      await put(e);
      order.push('stored');
    };
    const { engine, log } = wire(() => ME, repository);
    await log.load(ME);
    useCallsStore.subscribe((s) => {
      if (s.calls.c1?.state === CallState.Ended && !order.includes('shown')) order.push('shown');
    });
    engine.emitCall(makeCall({ id: 'c1', sipCallId: 'x@h', state: CallState.Dialing, createdAt: 1_000 }));
    engine.update('c1', { state: CallState.Ended, endedAt: 2_000, endReason: 'busy', endStatusCode: 486 });
    await Promise.resolve();
    expect(selectForegroundCall(useCallsStore.getState())?.state).toBe(CallState.Dialing);
    release();
    await vi.waitUntil(() => order.length === 2);
    expect(order).toEqual(['stored', 'shown']);
    expect((await repository.list(ME)).entries[0]).toMatchObject({
      id: 'call:outgoing:x@h',
      outcome: 'busy',
      sipStatus: 486,
    });
  });

  it('a call cut off by sign-out is recorded for the account it started under', async () => {
    let account: string | null = ME;
    const { engine, repository } = wire(() => account);
    engine.emitCall(makeCall({ id: 'c2', direction: 'incoming', state: CallState.Incoming }));
    account = null;
    engine.update('c2', { state: CallState.Ended, endedAt: 5_000, endReason: 'cancelled' });
    await vi.waitUntil(async () => (await repository.list(ME)).entries.length === 1);
    expect((await repository.list(ME)).entries[0]?.outcome).toBe('missed');
  });

  it('a call seen while signed out is not recorded anywhere', async () => {
    const { engine, repository } = wire(() => null);
    engine.emitCall(makeCall({ id: 'c3', state: CallState.Dialing }));
    engine.update('c3', { state: CallState.Ended, endedAt: 5_000, endReason: 'failed' });
    await vi.waitUntil(() => useCallsStore.getState().calls.c3?.state === CallState.Ended);
    expect((await repository.list(ME)).entries).toEqual([]);
  });
});
