import { cleanup, render, screen } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Slot, SlotOutlet, SlotsProvider, useSlotFilled } from './slots';

afterEach(cleanup);

/** A miniature shell: main content made inert while the call slot is filled, as src/app does. */
function Shell({ children }: { children: ReactNode }) {
  const callOpen = useSlotFilled('call');
  return (
    <>
      <main data-testid="main" inert={callOpen}>
        {children}
      </main>
      <SlotOutlet name="call" data-testid="call-outlet" />
      <SlotOutlet name="side" data-testid="side-outlet" />
    </>
  );
}

function Feature() {
  const [open, setOpen] = useState(false);
  const callOpen = useSlotFilled('call');
  return (
    <>
      <button type="button" onClick={() => setOpen((o) => !o)}>
        toggle
      </button>
      {open && (
        <Slot name="call">
          <p>call view</p>
        </Slot>
      )}
      {callOpen && (
        <Slot name="side">
          <p>side panel</p>
        </Slot>
      )}
    </>
  );
}

const renderShellWithFeature = () =>
  render(
    <SlotsProvider>
      <Shell>
        <Feature />
      </Shell>
    </SlotsProvider>,
  );

describe('slots', () => {
  it('shows a feature’s content inside the shell’s outlet, and hides empty outlets', async () => {
    renderShellWithFeature();
    const call = screen.getByTestId('call-outlet');
    const side = screen.getByTestId('side-outlet');
    expect(call.hidden).toBe(true);
    expect(side.hidden).toBe(true);
    expect(screen.getByTestId('main').inert).toBe(false);

    screen.getByRole('button', { name: 'toggle' }).click();
    expect(await screen.findByText('call view')).toBeTruthy();
    expect(call.contains(screen.getByText('call view'))).toBe(true);
    expect(call.hidden).toBe(false);
    // A second feature reacts to the call slot and fills the side panel.
    expect(side.contains(screen.getByText('side panel'))).toBe(true);
    expect(side.hidden).toBe(false);
    expect(screen.getByTestId('main').inert).toBe(true);
    expect(screen.getByTestId('main').textContent).not.toContain('call view');
  });

  it('empties the outlet when the content unmounts', async () => {
    renderShellWithFeature();
    const toggle = screen.getByRole('button', { name: 'toggle' });
    toggle.click();
    await screen.findByText('side panel');
    // The button is now inside an inert region only in a real browser; click it directly.
    toggle.click();
    await expect.poll(() => screen.queryByText('call view')).toBeNull();
    expect(screen.queryByText('side panel')).toBeNull();
    expect(screen.getByTestId('call-outlet').hidden).toBe(true);
    expect(screen.getByTestId('side-outlet').hidden).toBe(true);
  });

  it('refuses to render outside a provider', () => {
    expect(() => render(<SlotOutlet name="call" />)).toThrow(/outside <SlotsProvider>/);
  });
});
