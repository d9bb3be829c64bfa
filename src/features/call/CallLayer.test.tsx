import { act, cleanup, fireEvent, render as renderWithoutI18n, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALLS_STATE, useCallsStore } from '../../stores/calls';
import type { FakeEngine } from '../../stores/testing/fake-engine';
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

let rig: CallRig;
let engine: FakeEngine;

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  rig = createCallRig();
  engine = rig.engine;
});

afterEach(() => {
  cleanup();
  rig.dispose();
});

function renderLayer() {
  return render(
    <SlotsProvider>
      <SlotOutlet name="call" />
      <SlotOutlet name="overlay" />
      <CallLayer />
    </SlotsProvider>,
  );
}

describe('CallLayer notices', () => {
  it("shows the engine's hang-up-undelivered warning with no call on screen, until dismissed", () => {
    renderLayer();
    expect(screen.queryByRole('alert')).toBeNull();

    act(() =>
      engine.emitWarning({
        kind: 'hangup-undelivered',
        callId: 'c1',
        message: 'Could not tell the other side that you hung up: no connection to the server',
      }),
    );
    expect(screen.getByRole('alert').textContent).toContain(
      'Could not tell the other side that you hung up: no connection to the server',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Dismiss notice' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(useCallsStore.getState().notices).toEqual([]);
  });
});
