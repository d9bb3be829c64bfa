import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallState } from '../phone/types';
import { createCallCommands, type CallCommands } from './call-commands';
import { INITIAL_CALLS_STATE, selectForegroundCall, selectHasCall, useCallsStore } from './calls';
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

afterEach(() => {
  link.dispose();
  vi.useRealTimers();
});

/** An active outgoing call `out-1` and a second caller `in-2` ringing. */
async function callWaiting() {
  await commands.dial('1002', false);
  engine.update('out-1', { state: CallState.Active });
  engine.emitCall(
    makeCall({ id: 'in-2', direction: 'incoming', state: CallState.Incoming, remoteUser: '1003' }),
  );
  engine.log.length = 0;
}

describe('call commands', () => {
  it('tracks an outgoing call through to its end, then dismisses it', async () => {
    vi.useFakeTimers();
    const id = await commands.dial('1002', true);
    expect(id).toBe('out-1');
    expect(engine.log).toContain('call 1002 video=true');
    expect(selectForegroundCall(useCallsStore.getState())?.state).toBe(CallState.Dialing);

    engine.update('out-1', { state: CallState.Active, answeredAt: 2_000 });
    commands.toggleMute('out-1');
    await commands.toggleCamera('out-1');
    await commands.toggleHold('out-1');
    let call = selectForegroundCall(useCallsStore.getState());
    expect(call).toMatchObject({ muted: true, cameraOff: true, held: true });
    await commands.toggleHold('out-1');
    expect(selectForegroundCall(useCallsStore.getState())?.held).toBe(false);

    await commands.hangup('out-1');
    call = selectForegroundCall(useCallsStore.getState());
    expect(call?.endReason).toBe('local-hangup');
    expect(selectHasCall(useCallsStore.getState())).toBe(false);
    vi.advanceTimersByTime(1999);
    expect(useCallsStore.getState().calls['out-1']).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(useCallsStore.getState().calls['out-1']).toBeUndefined();
    expect(useCallsStore.getState().foregroundId).toBeNull();
  });

  it('stores media streams and received DTMF per call', async () => {
    const id = await commands.dial('1002', false);
    const stream = {} as MediaStream;
    engine.emitMedia('out-1', { local: null, remote: stream });
    engine.emitDtmf('out-1', '1');
    engine.emitDtmf('out-1', '#');
    await commands.sendDtmf('out-1', '5');
    expect(id).toBe('out-1');
    expect(useCallsStore.getState().media['out-1']?.remote).toBe(stream);
    expect(useCallsStore.getState().dtmfReceived['out-1']).toBe('1#');
    expect(engine.log).toContain('dtmf out-1 5');
  });

  it('brings an answered incoming call to the foreground', async () => {
    engine.emitCall(
      makeCall({ id: 'in-1', direction: 'incoming', state: CallState.Incoming, remoteDisplayName: 'Bob' }),
    );
    link.get();
    expect(useCallsStore.getState().foregroundId).toBeNull();
    await commands.answer('in-1', false);
    expect(engine.log).toContain('answer in-1 video=false');
    expect(useCallsStore.getState().foregroundId).toBe('in-1');
  });

  it('declines with 603', async () => {
    link.get();
    engine.emitCall(makeCall({ id: 'in-1', direction: 'incoming', state: CallState.Incoming }));
    await commands.decline('in-1');
    expect(engine.log).toContain('decline in-1 603');
    expect(useCallsStore.getState().calls['in-1']?.state).toBe(CallState.Ended);
  });

  it('answers a waiting call with one hold (the engine’s), and swaps back after it ends', async () => {
    vi.useFakeTimers();
    await callWaiting();
    expect(useCallsStore.getState().foregroundId).toBe('out-1');

    await commands.answer('in-2', false);
    expect(engine.log).toEqual(['hold out-1', 'answer in-2 video=false']);
    expect(useCallsStore.getState().foregroundId).toBe('in-2');

    engine.update('in-2', { state: CallState.Active });
    await commands.hangup('in-2');
    vi.advanceTimersByTime(2000);
    expect(useCallsStore.getState().foregroundId).toBe('out-1');
    expect(selectHasCall(useCallsStore.getState())).toBe(true);
  });

  it('resumes a held call with one hold of the other (the engine’s) and brings it forward', async () => {
    await callWaiting();
    await commands.answer('in-2', false);
    engine.update('in-2', { state: CallState.Active });
    engine.log.length = 0;

    await commands.toggleHold('out-1');
    expect(engine.log).toEqual(['hold in-2', 'resume out-1']);
    expect(useCallsStore.getState().foregroundId).toBe('out-1');
  });

  it('a notification’s Answer answers a waiting call (audio only) and Decline declines', async () => {
    await callWaiting();
    await commands.respondToNotification('in-2', 'answer');
    expect(engine.log).toEqual(['hold out-1', 'answer in-2 video=false']);

    engine.emitCall(
      makeCall({ id: 'in-3', direction: 'incoming', state: CallState.Incoming, remoteUser: '1004' }),
    );
    await commands.respondToNotification('in-3', 'decline');
    expect(engine.log.at(-1)).toBe('decline in-3 603');
  });

  it('a late notification tap does nothing once the call stopped ringing', async () => {
    await callWaiting();
    await commands.respondToNotification('out-1', 'answer');
    await commands.respondToNotification('in-2', 'open');
    await commands.respondToNotification('gone', 'decline');
    expect(engine.log).toEqual([]);
  });

  it('reports a failed dial instead of throwing', async () => {
    engine.call = async () => {
      throw Object.assign(new Error('denied'), { name: 'NotAllowedError' });
    };
    await expect(commands.dial('1002', true)).resolves.toBeNull();
    expect(useCallsStore.getState().error).toBe(
      'Could not start the call: Microphone or camera access is blocked.',
    );
  });

  it('the engine link unsubscribes on dispose (registration, call, media, DTMF, warning, MWI, transfer, conference)', () => {
    link.get();
    expect(engine.listenerCount()).toBe(8);
    link.dispose();
    expect(engine.listenerCount()).toBe(0);
  });
});
