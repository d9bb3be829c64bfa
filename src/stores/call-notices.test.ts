import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallState } from '../phone/types';
import { createCallCommands, type CallCommands } from './call-commands';
import { INITIAL_CALLS_STATE, MAX_CALL_NOTICES, useCallsStore } from './calls';
import { createPhoneEngineLink, type PhoneEngineLink } from './phone-engine-link';
import { FakeEngine } from './testing/fake-engine';

let engine: FakeEngine;
let link: PhoneEngineLink;
let commands: CallCommands;

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  engine = new FakeEngine();
  link = createPhoneEngineLink({ createEngine: () => engine, endedCallLingerMs: 10 });
  commands = createCallCommands(link);
});

afterEach(() => {
  link.dispose();
  vi.useRealTimers();
});

const undelivered = (callId: string, message = 'Could not tell the other side that you hung up') => ({
  kind: 'hangup-undelivered' as const,
  callId,
  message,
});

const notices = () => useCallsStore.getState().notices;

describe('engine warnings as call notices', () => {
  it('records a warning from the engine and keeps it after its call is gone, until dismissed', async () => {
    vi.useFakeTimers();
    await commands.dial('1002', false);
    engine.update('out-1', { state: CallState.Ended, endReason: 'local-hangup' });
    engine.emitWarning(undelivered('out-1'));
    vi.advanceTimersByTime(50); // the ended call leaves the screen
    expect(useCallsStore.getState().calls['out-1']).toBeUndefined();
    expect(notices()).toEqual([
      {
        id: 'hangup-undelivered:out-1',
        kind: 'hangup-undelivered',
        callId: 'out-1',
        message: 'Could not tell the other side that you hung up',
      },
    ]);

    commands.dismissNotice('hangup-undelivered:out-1');
    expect(notices()).toEqual([]);
  });

  it('replaces a repeated warning for the same call and keeps only the latest few', () => {
    link.get();
    engine.emitWarning(undelivered('a', 'first'));
    engine.emitWarning(undelivered('a', 'second'));
    expect(notices().map((n) => n.message)).toEqual(['second']);

    for (let i = 0; i < MAX_CALL_NOTICES + 2; i++) engine.emitWarning(undelivered(`c${i}`));
    expect(notices().map((n) => n.callId)).toEqual(['c2', 'c3', 'c4']);
  });

  it('stops recording once the link is disposed', () => {
    link.get();
    link.dispose();
    engine.emitWarning(undelivered('late'));
    expect(notices()).toEqual([]);
  });
});
