import {
  act,
  cleanup,
  fireEvent,
  render as renderWithoutI18n,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALL_VIEW, useCallView } from '../../stores/call-view';
import { INITIAL_CALLS_STATE, useCallsStore } from '../../stores/calls';
import { CallState } from '../../stores/phone-types';
import { makeCall, type FakeEngine } from '../../stores/testing/fake-engine';
import { SlotOutlet, SlotsProvider } from '../../ui/slots';
import { SHORTCUTS } from './shortcuts';
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

let rig: CallRig;
let engine: FakeEngine;

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useCallView.setState(INITIAL_CALL_VIEW, true);
  rig = createCallRig();
  engine = rig.engine;
});

afterEach(() => {
  cleanup();
  rig.dispose();
});

/** The shell's outlets as Layout places them, with a text field standing in for a tab's content. */
function renderShell() {
  return render(
    <SlotsProvider>
      <main>
        <label>
          Search <input type="search" />
        </label>
      </main>
      <SlotOutlet name="bar" data-testid="bar-slot" />
      <SlotOutlet name="call" data-testid="call-slot" />
      <SlotOutlet name="overlay" data-testid="overlay-slot" />
      <CallLayer />
    </SlotsProvider>,
  );
}

/** A connected call to 1002 that has run for 65 s. */
function connectedCall(id = 'c1') {
  act(() =>
    engine.emitCall(
      makeCall({
        id,
        state: CallState.Active,
        answeredAt: Date.now() - 65_000,
        remoteDisplayName: 'Ben Baker',
      }),
    ),
  );
}

const fullView = () =>
  within(screen.getByTestId('call-slot')).queryByRole('region', { name: 'Call with Ben Baker' });
const bar = () => within(screen.getByTestId('bar-slot')).queryByRole('region', { name: /minimised/ });
const key = async (k: string, target: Element | Window = window, init: KeyboardEventInit = {}) => {
  await act(async () => {
    fireEvent.keyDown(target, { key: k, bubbles: true, ...init });
  });
};

describe('compact call mode', () => {
  it('starts in the full view; Minimise shows the bar in its slot, with the tabs no longer covered', () => {
    renderShell();
    connectedCall();
    expect(fullView()).not.toBeNull();
    expect(screen.getByTestId('bar-slot').hidden).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    expect(fullView()).toBeNull();
    expect(screen.getByTestId('call-slot').hidden).toBe(true);
    const region = bar()!;
    expect(region.getAttribute('aria-label')).toBe('Call with Ben Baker, minimised');
    expect(within(region).getByTestId('call-bar-name').textContent).toBe('Ben Baker');
    expect(within(region).getByTestId('call-status').textContent).toBe('Connected');
    expect(within(region).getByTestId('call-timer').textContent).toBe('01:05');
    // Focus stays on the call: on the bar's Expand button.
    expect(document.activeElement).toBe(within(region).getByRole('button', { name: 'Expand' }));
  });

  it("the bar's buttons act on the call; Expand and a click on the bar open the full view", async () => {
    renderShell();
    connectedCall();
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    const region = bar()!;

    await act(async () => fireEvent.click(within(region).getByRole('button', { name: 'Mute' })));
    expect(engine.log).toContain('mute c1 true');
    expect(within(bar()!).getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
    await act(async () => fireEvent.click(within(bar()!).getByRole('button', { name: 'Hold' })));
    expect(engine.log).toContain('hold c1');
    expect(within(bar()!).getByTestId('call-status').textContent).toBe('On hold');

    fireEvent.click(within(bar()!).getByRole('button', { name: 'Expand' }));
    expect(fullView()).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    fireEvent.click(within(bar()!).getByTestId('call-bar-name'));
    expect(fullView()).not.toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    await act(async () => fireEvent.click(within(bar()!).getByRole('button', { name: 'Hang up' })));
    expect(engine.log).toContain('hangup c1');
    expect(within(bar()!).getByTestId('call-status').textContent).toBe('Call ended');
  });

  it('a new call starts in the full view even while another is minimised', () => {
    renderShell();
    connectedCall('c1');
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    act(() => engine.emitCall(makeCall({ id: 'c2', state: CallState.Dialing, remoteUser: '1003' })));
    expect(bar()).toBeNull();
    expect(
      within(screen.getByTestId('call-slot')).getByRole('region', { name: 'Call with 1003' }),
    ).toBeDefined();
  });

  it('a caller ringing in while the call is minimised gets the full incoming sheet', async () => {
    renderShell();
    connectedCall();
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    act(() =>
      engine.emitCall(
        makeCall({ id: 'in1', direction: 'incoming', state: CallState.Incoming, remoteUser: '1003' }),
      ),
    );
    const sheet = within(screen.getByTestId('overlay-slot')).getByRole('dialog', { name: 'Incoming call' });
    expect(sheet.textContent).toContain('1003');
    expect(screen.queryByRole('region', { name: 'Call waiting' })).toBeNull();

    await key('a');
    expect(engine.log).toEqual(expect.arrayContaining(['hold c1', 'answer in1 video=false']));
  });
});

describe('keyboard shortcuts through the call layer', () => {
  it('answer and decline a ringing call; the sheet names them with aria-keyshortcuts', async () => {
    renderShell();
    act(() => engine.emitCall(makeCall({ id: 'in1', direction: 'incoming', state: CallState.Incoming })));
    expect(screen.getByRole('button', { name: 'Answer' }).getAttribute('aria-keyshortcuts')).toBe('A');
    expect(screen.getByRole('button', { name: 'Decline' }).getAttribute('aria-keyshortcuts')).toBe('D');
    await key('d');
    expect(engine.log).toContain('decline in1 603');

    act(() => engine.emitCall(makeCall({ id: 'in2', direction: 'incoming', state: CallState.Incoming })));
    await key('A'); // Caps Lock
    expect(engine.log).toContain('answer in2 video=false');
  });

  it('mute, hold and hang up act from the bar too, and never while typing or with a modifier', async () => {
    renderShell();
    connectedCall();
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    const search = screen.getByRole('searchbox', { name: 'Search' });

    await key('m', search);
    await key('m', window, { ctrlKey: true });
    await key('m', window, { metaKey: true });
    expect(engine.log.filter((l) => l.startsWith('mute'))).toEqual([]);

    await key('m');
    expect(engine.log).toContain('mute c1 true');
    expect(within(bar()!).getByRole('button', { name: 'Mute' }).getAttribute('aria-keyshortcuts')).toBe('M');
    await key('h');
    expect(engine.log).toContain('hold c1');
    await key('e');
    expect(engine.log).toContain('hangup c1');
  });

  it('K and T open the keypad and the transfer dialog in the full view', async () => {
    renderShell();
    connectedCall();
    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    await key('k');
    expect(fullView()).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Send 5' })).toBeDefined();
    await key('k');
    expect(screen.queryByRole('button', { name: 'Send 5' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    await key('t');
    expect(await screen.findByRole('dialog', { name: 'Transfer Ben Baker', hidden: true })).toBeDefined();
  });

  it('? opens the help (listing every shortcut) from anywhere; closing it clears the state', async () => {
    renderShell();
    // The help's code is loaded the first time it opens (React.lazy); it then stays in the document.
    const help = () => document.querySelector<HTMLDialogElement>('dialog[aria-labelledby]');
    expect(help()).toBeNull();
    await key('?', window, { shiftKey: true });
    expect(useCallView.getState().helpOpen).toBe(true);
    await waitFor(() => expect(help()?.open).toBe(true));
    const dialog = help()!;
    expect(within(dialog).getByRole('heading', { name: 'Keyboard shortcuts' })).toBeDefined();
    expect(within(dialog).getAllByRole('row', { hidden: true })).toHaveLength(SHORTCUTS.length + 1); // header + one row per shortcut

    await act(async () => {
      dialog.close();
    });
    expect(useCallView.getState().helpOpen).toBe(false);
    expect(help()).toBe(dialog);
  });

  it('the call view opens the help with its own button', () => {
    renderShell();
    connectedCall();
    fireEvent.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }));
    expect(useCallView.getState().helpOpen).toBe(true);
  });
});
