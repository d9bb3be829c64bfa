import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallState } from '../phone/types';
import { createCallCommands, type CallCommands } from './call-commands';
import { INITIAL_CALLS_STATE, selectForegroundCall, selectLines, useCallsStore } from './calls';
import { createPhoneEngineLink, type PhoneEngineLink } from './phone-engine-link';
import { useRegistrationStore } from './registration';
import { FakeEngine, makeCall } from './testing/fake-engine';

let engine: FakeEngine;
let link: PhoneEngineLink;
let commands: CallCommands;

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useRegistrationStore.setState(useRegistrationStore.getInitialState(), true);
  engine = new FakeEngine();
  link = createPhoneEngineLink({ createEngine: () => engine });
  commands = createCallCommands(link);
});

afterEach(() => link.dispose());

/** 1001 talks to 1002, then places a second call to 1003 (the engine holds 1002 first). */
async function twoLines() {
  await commands.dial('1002', false);
  engine.update('out-1', { state: CallState.Active, answeredAt: 1 });
  engine.update('out-1', { held: true });
  await commands.dial('1003', false);
  engine.update('out-2', { state: CallState.Active, answeredAt: 2 });
  engine.log.length = 0;
}

const lines = () => selectLines(useCallsStore.getState()).map((c) => `${c.remoteUser}:${c.held}`);
const foreground = () => selectForegroundCall(useCallsStore.getState())?.id;

describe('lines in the calls store', () => {
  it('lists the live calls in order and puts the new call in front', async () => {
    await twoLines();
    engine.emitCall(makeCall({ id: 'in-3', direction: 'incoming', state: CallState.Incoming }));
    expect(lines()).toEqual(['1002:true', '1003:false']); // a ringing caller is not a line yet
    expect(foreground()).toBe('out-2');
  });

  it('swap resumes the chosen line, after the engine held the active one, and makes it the foreground', async () => {
    await twoLines();
    await commands.swap('out-1');
    expect(engine.log).toEqual(['hold out-2', 'resume out-1']);
    expect(lines()).toEqual(['1002:false', '1003:true']);
    expect(foreground()).toBe('out-1');
  });

  it('choosing a line that is not held only selects it; ended or unknown lines are ignored', async () => {
    await twoLines();
    engine.update('out-2', { state: CallState.Ringing });
    await commands.swap('out-2');
    expect(engine.log).toEqual([]);
    expect(foreground()).toBe('out-2');
    await commands.swap('nope');
    expect(foreground()).toBe('out-2');
  });

  it('a refused swap leaves the foreground and reports why', async () => {
    await twoLines();
    engine.resume = () => Promise.reject(new Error('Could not put the current call on hold'));
    await commands.swap('out-1');
    expect(foreground()).toBe('out-2');
    expect(useCallsStore.getState().error).toBe(
      'Could not swap calls: Could not put the current call on hold',
    );
  });
});
