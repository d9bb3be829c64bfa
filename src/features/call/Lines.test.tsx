import { act, cleanup, fireEvent, render as renderWithoutI18n, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALL_VIEW, useCallView } from '../../stores/call-view';
import { INITIAL_CALLS_STATE, useCallsStore } from '../../stores/calls';
import { CallState } from '../../stores/phone-types';
import { FAKE_MIX, makeCall, type FakeEngine } from '../../stores/testing/fake-engine';
import { INITIAL_CONFERENCE, useConference } from '../../stores/conference';
import { SlotOutlet, SlotsProvider } from '../../ui/slots';
import { CallLayer } from './CallLayer';
import { loadCallViews } from './call-views-loader';
import { createCallRig, type CallRig } from './testing/call-rig';
import type { ReactElement } from 'react';
import { I18nRoot } from '../../ui/I18nRoot';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

// The call views are their own chunk (loaded right after first paint in the app): load it up front.
beforeAll(() => loadCallViews());

vi.mock('../../stores/phone-bridge-instance', async () => (await import('./testing/call-rig')).bridgeModule);

/** What the call layer's audio element was given (jsdom's srcObject accepts only a real MediaStream). */
const played: unknown[] = [];
Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
  configurable: true,
  get: () => played.at(-1) ?? null,
  set: (stream: unknown) => void played.push(stream),
});

let rig: CallRig;
let engine: FakeEngine;
const onAddCall = vi.fn();

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useCallView.setState(INITIAL_CALL_VIEW, true);
  useConference.setState(INITIAL_CONFERENCE, true);
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

describe('conference in the call layer', () => {
  const conferenceOf = () => screen.getByRole('group', { name: 'Conference' });

  it('Merge on two lines mixes them; the lines say so, and Mute is the conference’s one mute', async () => {
    twoLines();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Merge calls' }));
    });
    expect(engine.log).toEqual(['merge c1 c2']);
    expect(played.at(-1)).toBe(FAKE_MIX); // the user hears the mix of both calls
    expect(within(conferenceOf()).getByTestId('conference-status').textContent).toBe(
      'Conference with Ben Baker and Cleo Diaz',
    );
    expect(lines('call-slot').map((l) => within(l).getByTestId('line-status').textContent)).toEqual([
      'In conference',
      'In conference',
    ]);
    expect(screen.queryByRole('button', { name: /^Swap to/ })).toBeNull();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    });
    expect(engine.log.at(-1)).toBe('mute c2 true');
    act(() => engine.emitConference({ callIds: ['c1', 'c2'], muted: true, audio: FAKE_MIX }));
    expect(screen.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Mute' }));
    });
    expect(engine.log.at(-1)).toBe('mute c2 false');
  });

  it('while the merge resumes the held line, the panel says it is merging instead of offering Merge again', async () => {
    twoLines();
    let release = () => {};
    engine.mergeGate = new Promise((resolve) => (release = resolve));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Merge calls' }));
    });
    expect(within(conferenceOf()).getByRole('status').textContent).toBe('Merging Ben Baker and Cleo Diaz…');
    expect(screen.queryByRole('button', { name: 'Merge calls' })).toBeNull();
    await act(async () => release());
    expect(within(conferenceOf()).getByTestId('conference-status').textContent).toBe(
      'Conference with Ben Baker and Cleo Diaz',
    );
    expect(within(conferenceOf()).queryByText(/^Merging/)).toBeNull();
  });

  it('Split keeps the current line talking', async () => {
    twoLines();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Merge calls' }));
    });
    // A participant is not held alone: Hold waits for Split.
    expect(screen.getByRole('button', { name: 'Hold' }).hasAttribute('disabled')).toBe(true);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Split' }));
    });
    expect(engine.log.at(-1)).toBe('split c2');
    expect(screen.getByRole('button', { name: 'Merge calls' })).toBeDefined();
  });

  it('Hang up asks the host: stay, end for everyone, or leave the other two connected', async () => {
    twoLines();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Merge calls' }));
    });
    const hangUp = () => fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    act(hangUp);
    const choice = () => screen.getByRole('alertdialog', { name: 'Leave the conference' });
    expect(engine.log).not.toContain('hangup c2');
    // The choice takes focus on its least destructive answer.
    expect(document.activeElement).toBe(
      within(choice()).getByRole('button', { name: 'Stay in the conference' }),
    );
    fireEvent.click(within(choice()).getByRole('button', { name: 'Stay in the conference' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    act(hangUp);
    await act(async () => {
      fireEvent.click(within(choice()).getByRole('button', { name: 'Leave the other two connected' }));
    });
    expect(engine.log.at(-1)).toBe('leave-conference connect');
    expect(screen.queryByTestId('conference-status')).toBeNull();
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
