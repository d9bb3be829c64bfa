import { act, cleanup, fireEvent, render as renderWithoutI18n, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { statsReport } from '../../stores/testing/stats-fixtures';
import { useCallQuality } from '../../stores/call-quality';
import { INITIAL_CALL_VIEW, useCallView } from '../../stores/call-view';
import { INITIAL_CALLS_STATE, useCallsStore } from '../../stores/calls';
import { useDevices } from '../../stores/devices';
import { CallState } from '../../stores/phone-types';
import { makeCall } from '../../stores/testing/fake-engine';
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

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  useCallView.setState(INITIAL_CALL_VIEW, true);
  useCallQuality.setState({ byCall: {} });
  useDevices.setState(useDevices.getInitialState(), true);
  rig = createCallRig();
});

afterEach(() => {
  cleanup();
  rig.dispose();
});

function renderCall() {
  render(
    <SlotsProvider>
      <SlotOutlet name="bar" />
      <SlotOutlet name="call" />
      <CallLayer />
    </SlotsProvider>,
  );
  act(() => rig.engine.emitCall(makeCall({ id: 'c1', state: CallState.Active, answeredAt: Date.now() })));
}

/** One reading per second; `packets` is the inbound packet counter at that reading. */
async function reading(at: number, packets: number) {
  rig.engine.stats.set(
    'c1',
    statsReport({
      at,
      packetsReceived: packets,
      packetsLost: 0,
      bytesReceived: packets * 100,
      rtt: 0.032,
    }) as never,
  );
  await act(() => rig.readQuality());
}

describe('call quality in the call view', () => {
  it('shows the mark with RTT and codec on demand, and the no-audio banner while RTP is stalled', async () => {
    renderCall();
    expect(screen.getByTestId('quality-mark').textContent).toBe('Measuring…');
    await reading(1000, 100);
    await reading(2000, 150);
    await reading(3000, 200);
    const quality = screen.getByTestId('call-quality');
    fireEvent.click(within(quality).getByText(/Quality/));
    expect(screen.getByTestId('quality-mark').textContent).toBe('Good');
    expect(screen.getByTestId('quality-rtt').textContent).toBe('32 ms');
    expect(screen.getByTestId('quality-codec').textContent).toBe('opus');

    await reading(4000, 200);
    await reading(5000, 200);
    expect(screen.queryByTestId('no-audio-banner')).toBeNull();
    await reading(6000, 200);
    expect(screen.getByTestId('no-audio-banner').textContent).toContain('No audio from 1002 for 3 seconds');
    await reading(7000, 260);
    expect(screen.queryByTestId('no-audio-banner')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Minimise' }));
    expect(screen.getByRole('img', { name: 'Call quality: Good' })).toBeTruthy();
  });

  it('plays call audio on the chosen speaker and opens the device menu', async () => {
    const setSinkId = vi.fn(() => Promise.resolve());
    Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', { value: setSinkId, configurable: true });
    useDevices.setState({
      lists: { microphone: [], camera: [], output: [{ id: 'hs', label: 'Headset' }], labelled: true },
      sinkSupported: true,
    });
    renderCall();
    fireEvent.click(screen.getByRole('button', { name: 'Devices' }));
    fireEvent.change(screen.getByLabelText('Speaker'), { target: { value: 'hs' } });
    await act(() => Promise.resolve());
    expect(setSinkId).toHaveBeenLastCalledWith('hs');
    expect(useDevices.getState().choices.speaker).toEqual({ id: 'hs', label: 'Headset' });
  });
});
