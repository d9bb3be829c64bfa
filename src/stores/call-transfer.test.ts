import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallState } from '../phone/types';
import { createCallCommands, type CallCommands } from './call-commands';
import { INITIAL_CALLS_STATE, useCallsStore } from './calls';
import { selectConsultedFor, selectTransfer } from './call-transfer';
import { createPhoneEngineLink, type PhoneEngineLink } from './phone-engine-link';
import { FakeEngine, transferStatus } from './testing/fake-engine';

let engine: FakeEngine;
let link: PhoneEngineLink;
let commands: CallCommands;
const state = () => useCallsStore.getState();

beforeEach(async () => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  engine = new FakeEngine();
  link = createPhoneEngineLink({ createEngine: () => engine, endedCallLingerMs: 10 });
  commands = createCallCommands(link);
  await commands.dial('1001', false);
  engine.update('out-1', { state: CallState.Active });
  engine.log.length = 0;
});

afterEach(() => {
  link.dispose();
  vi.useRealTimers();
});

describe('transfer commands and state', () => {
  it('blind: forwards to the engine and keeps its progress per call', async () => {
    await commands.transfer('out-1', '1003');
    expect(engine.log).toEqual(['transfer out-1 1003']);
    expect(selectTransfer(state(), 'out-1')).toMatchObject({ phase: 'transferring' });
    engine.emitTransfer(
      transferStatus({ callId: 'out-1', phase: 'failed', message: 'Transfer failed: busy' }),
    );
    expect(selectTransfer(state(), 'out-1')?.message).toBe('Transfer failed: busy');
  });

  it('a refused transfer becomes the error line', async () => {
    engine.transfer = () => Promise.reject(new Error('Only a connected call can be transferred'));
    await commands.transfer('out-1', '1003');
    expect(state().error).toBe('Could not transfer: Only a connected call can be transferred');
  });

  it('attended: consult, then complete with the pair; the pair is forgotten once transferred', async () => {
    await commands.consult('out-1', '1003');
    expect(engine.log).toEqual(['call 1003 video=false']);
    expect(selectConsultedFor(state(), 'out-2')).toBe('out-1');
    expect(state().foregroundId).toBe('out-2');
    engine.update('out-2', { state: CallState.Active });
    await commands.completeTransfer('out-2');
    expect(engine.log).toContain('complete-transfer out-1 out-2');
    engine.emitTransfer(
      transferStatus({ callId: 'out-1', kind: 'attended', consultCallId: 'out-2', phase: 'transferred' }),
    );
    expect(selectConsultedFor(state(), 'out-2')).toBeNull();
  });

  it('attended, cancelled: hangs up the consultation and resumes the customer', async () => {
    await commands.consult('out-1', '1003');
    engine.update('out-1', { held: true });
    engine.update('out-2', { state: CallState.Active });
    engine.log.length = 0;
    await commands.cancelConsultation('out-2');
    expect(engine.log).toEqual(['hangup out-2', 'resume out-1']);
    expect(state().foregroundId).toBe('out-1');
    expect(state().calls['out-1']?.held).toBe(false);
  });

  it('forgets transfer state when the call is gone', async () => {
    vi.useFakeTimers();
    await commands.transfer('out-1', '1003');
    engine.update('out-1', { state: CallState.Ended });
    await vi.advanceTimersByTimeAsync(20);
    expect(selectTransfer(state(), 'out-1')).toBeNull();
  });
});
