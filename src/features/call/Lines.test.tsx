import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALL_VIEW, useCallView } from '../../stores/call-view';
import { INITIAL_CALLS_STATE, useCallsStore } from '../../stores/calls';
import { CallState } from '../../stores/phone-types';
import { makeCall, type FakeEngine } from '../../stores/testing/fake-engine';
import { SlotOutlet, SlotsProvider } from '../../ui/slots';
import { CallLayer } from './CallLayer';
import { createCallRig, type CallRig } from './testing/call-rig';

vi.mock('../../stores/phone-bridge-instance', async () => (await import('./testing/call-rig')).bridgeModule);

let rig: CallRig;
let engine: FakeEngine;
const onAddCall = vi.fn();

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useCallView.setState(INITIAL_CALL_VIEW, true);
  rig = createCallRig();
  engine = rig.engine;
  onAddCall.mockReset();
  render(
    <SlotsProvider>
      <SlotOutlet name="bar" data-testid="bar-slot" />
      <SlotOutlet name="call" data-testid="call-slot" />
      <CallLayer onAddCall={onAddCall} />
    </SlotsProvider>,
  );
});

afterEach(() => {
  cleanup();
  rig.dispose();
});

/** Ben (held, 2 min) and then Cleo (talking, 5 s): as after placing a second call. */
function twoLines() {
  act(() => {
    engine.emitCall(
      makeCall({
        id: 'c1',
        state: CallState.Active,
        held: true,
        remoteDisplayName: 'Ben Baker',
        answeredAt: Date.now() - 120_000,
      }),
    );
    engine.emitCall(
      makeCall({ id: 'c2', remoteUser: '1003', remoteDisplayName: 'Cleo Diaz', state: CallState.Dialing }),
    );
    engine.update('c2', { state: CallState.Active, answeredAt: Date.now() - 5_000 });
  });
  engine.log.length = 0;
}

const lines = (slot: string) =>
  within(within(screen.getByTestId(slot)).getByRole('list', { name: 'Lines' })).getAllByTestId('line');

describe('lines in the call layer', () => {
  it('one line shows no line list; "Add call" minimises the call and asks for the Dialpad', () => {
    act(() => engine.emitCall(makeCall({ id: 'c1', state: CallState.Active, answeredAt: Date.now() })));
    expect(screen.queryByRole('list', { name: 'Lines' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add call' }));
    expect(onAddCall).toHaveBeenCalledTimes(1);
    expect(useCallView.getState().minimisedId).toBe('c1');
  });

  it('the full view lists each line with its state and timer, the current one marked', () => {
    twoLines();
    const [ben, cleo] = lines('call-slot');
    expect(ben!.textContent).toContain('Ben Baker');
    expect(within(ben!).getByTestId('line-status').textContent).toBe('On hold');
    expect(within(ben!).getByTestId('line-timer').textContent).toBe('02:00');
    expect(ben!.getAttribute('aria-current')).toBeNull();
    expect(within(cleo!).getByTestId('line-status').textContent).toBe('Talking');
    expect(cleo!.getAttribute('aria-current')).toBe('true');
    expect(within(cleo!).queryByRole('button')).toBeNull();
  });

  it('"Swap to" holds the current line, resumes the chosen one and makes it current', async () => {
    twoLines();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Swap to Ben Baker' }));
    });
    expect(engine.log).toEqual(['hold c2', 'resume c1']);
    expect(screen.getByRole('region', { name: 'Call with Ben Baker' })).toBeDefined();
    const [ben, cleo] = lines('call-slot');
    expect(ben!.getAttribute('aria-current')).toBe('true');
    expect(within(cleo!).getByTestId('line-status').textContent).toBe('On hold');
  });

  it('the minimised bar shows the compact line list, and S swaps from anywhere', async () => {
    twoLines();
    act(() => useCallView.setState({ minimisedId: 'c2' }));
    expect(lines('bar-slot')).toHaveLength(2);
    expect(
      within(screen.getByTestId('bar-slot')).getByRole('button', { name: 'Swap to Ben Baker' }),
    ).toBeDefined();
    await act(async () => {
      fireEvent.keyDown(window, { key: 's', bubbles: true });
    });
    expect(engine.log).toEqual(['hold c2', 'resume c1']);
  });

  it('a line being transferred says so', () => {
    twoLines();
    act(() =>
      engine.emitTransfer({
        callId: 'c2',
        kind: 'blind',
        consultCallId: null,
        target: 'sip:1004@openline.local',
        phase: 'transferring',
        progress: null,
        message: null,
      }),
    );
    expect(within(lines('call-slot')[1]!).getByTestId('line-status').textContent).toBe('Transferring…');
  });
});
