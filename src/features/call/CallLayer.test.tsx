import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCallCommands } from '../../stores/call-commands';
import { INITIAL_CALLS_STATE, useCallsStore } from '../../stores/calls';
import { createPhoneEngineLink, type PhoneEngineLink } from '../../stores/phone-engine-link';
import { FakeEngine } from '../../stores/testing/fake-engine';
import { SlotOutlet, SlotsProvider } from '../../ui/slots';
import { CallLayer } from './CallLayer';

// The real call commands over a fake engine, instead of the app's bridge (which would open IndexedDB).
const bridge = vi.hoisted(() => ({ current: null as null | Record<string, unknown> }));
vi.mock('../../stores/phone-bridge-instance', () => ({
  phoneBridge: new Proxy({}, { get: (_target, key: string) => bridge.current?.[key] }),
  // Caller names come from contacts, which sync the directory through the platform API.
  platformApi: { phonebook: { changes: () => Promise.resolve(null) } },
}));

let engine: FakeEngine;
let link: PhoneEngineLink;

beforeEach(() => {
  useCallsStore.setState(INITIAL_CALLS_STATE, true);
  engine = new FakeEngine();
  link = createPhoneEngineLink({ createEngine: () => engine });
  bridge.current = { ...createCallCommands(link) };
  link.get();
});

afterEach(() => {
  cleanup();
  link.dispose();
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
