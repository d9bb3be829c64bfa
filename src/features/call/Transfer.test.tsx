import { cleanup, fireEvent, render as renderWithoutI18n, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALL_VIEW, useCallView } from '../../stores/call-view';
import { CallState, type CallSnapshot, type TransferStatus } from '../../stores/phone-types';
import { CallScreen, type CallActions } from './CallScreen';
import type { ReactElement } from 'react';
import { I18nRoot } from '../../ui/I18nRoot';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

// The keypad and transfer dialog are opened through the call-view store: start each test closed.
afterEach(() => {
  cleanup();
  useCallView.setState(INITIAL_CALL_VIEW, true);
});

const customer: CallSnapshot = {
  id: 'c1',
  sipCallId: 'c1@test',
  direction: 'incoming',
  state: CallState.Active,
  remoteUri: 'sip:1001@openline.local',
  remoteUser: '1001',
  remoteDisplayName: 'Ada Agent',
  video: false,
  muted: false,
  cameraOff: false,
  held: false,
  createdAt: 0,
  answeredAt: 0,
  endedAt: null,
  endReason: null,
  endStatusCode: null,
};

function actions(): CallActions {
  const none = () => vi.fn();
  return {
    hangup: none(),
    toggleMute: none(),
    toggleCamera: none(),
    toggleHold: none(),
    sendDtmf: none(),
    setForeground: none(),
    transfer: none(),
    consult: none(),
    completeTransfer: none(),
    cancelConsultation: none(),
  };
}

function screenFor(
  call: CallSnapshot,
  a: CallActions,
  extra: { transfer?: TransferStatus; consultFor?: CallSnapshot } = {},
) {
  return render(
    <CallScreen
      call={call}
      media={undefined}
      dtmfReceived=""

      error={null}
      actions={a}
      {...extra}
    />,
  );
}

const status = (patch: Partial<TransferStatus>): TransferStatus => ({
  callId: 'c1',
  kind: 'blind',
  consultCallId: null,
  target: 'sip:1003@openline.local',
  phase: 'transferring',
  progress: null,
  message: null,
  ...patch,
});

describe('Transfer on the call screen', () => {
  it('the Transfer button opens a labelled dialog; an empty target is refused with a reason', async () => {
    const a = actions();
    screenFor(customer, a);
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    // The dialog's code is loaded on demand (React.lazy), so it appears a tick later.
    const dialog = await screen.findByRole('dialog', { name: 'Transfer Ada Agent', hidden: true });
    expect(dialog).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Transfer now', hidden: true }));
    expect(screen.getByText('Enter a number or SIP address to transfer to')).toBeDefined();
    expect(screen.getByLabelText('Transfer to').getAttribute('aria-invalid')).toBe('true');
    expect(a.transfer).not.toHaveBeenCalled();
  });

  it('Transfer now sends a blind transfer; Consult first starts a consultation; both close the dialog', async () => {
    const a = actions();
    screenFor(customer, a);
    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    fireEvent.change(await screen.findByLabelText('Transfer to'), { target: { value: ' 1003 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Transfer now', hidden: true }));
    expect(a.transfer).toHaveBeenCalledWith('c1', '1003');
    expect(screen.queryByLabelText('Transfer to')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Transfer' }));
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: 'bob@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Consult first', hidden: true }));
    expect(a.consult).toHaveBeenCalledWith('c1', 'bob@example.com');
  });

  it('focus returns to the Transfer button when the dialog closes (Escape, Cancel or a choice)', async () => {
    const a = actions();
    screenFor(customer, a);
    const button = screen.getByRole('button', { name: 'Transfer' });
    button.focus();
    fireEvent.click(button);
    // Escape on a modal <dialog> fires "cancel".
    fireEvent(await screen.findByRole('dialog', { hidden: true }), new Event('cancel', { cancelable: true }));
    expect(screen.queryByLabelText('Transfer to')).toBeNull();
    expect(document.activeElement).toBe(button);

    fireEvent.click(button);
    fireEvent.change(screen.getByLabelText('Transfer to'), { target: { value: '1003' } });
    screen.getByLabelText('Transfer to').focus();
    fireEvent.click(screen.getByRole('button', { name: 'Transfer now', hidden: true }));
    expect(document.activeElement).toBe(button);
  });

  it('is disabled unless the call is connected', () => {
    screenFor({ ...customer, state: CallState.Ringing, direction: 'outgoing' }, actions());
    expect(screen.getByRole('button', { name: 'Transfer' }).hasAttribute('disabled')).toBe(true);
  });

  it.each([
    [status({}), 'Transferring…'],
    [status({ progress: '180 Ringing' }), 'Transferring… (180 Ringing)'],
    [status({ phase: 'transferred', progress: '200 OK' }), 'Transferred'],
    [status({ phase: 'failed', message: 'Transfer failed: busy' }), 'Transfer failed: busy'],
  ])('shows the progress: %#', (transfer, text) => {
    screenFor({ ...customer, held: true }, actions(), { transfer });
    expect(screen.getByTestId('transfer-status').textContent).toBe(text);
  });

  it('on a consultation call: Complete (only once connected) and Cancel', () => {
    const a = actions();
    const consult: CallSnapshot = {
      ...customer,
      id: 'c2',
      direction: 'outgoing',
      remoteUser: '1003',
      remoteDisplayName: null,
    };
    const { rerender } = screenFor({ ...consult, state: CallState.Ringing }, a, {
      consultFor: { ...customer, held: true },
    });
    expect(screen.getByRole('group', { name: 'Attended transfer' }).textContent).toContain(
      'Ada Agent is on hold',
    );
    expect(screen.getByRole('button', { name: 'Complete transfer' }).hasAttribute('disabled')).toBe(true);
    rerender(
      <CallScreen
        call={consult}
        media={undefined}
        dtmfReceived=""

        error={null}
        actions={a}
        consultFor={customer}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Complete transfer' }));
    expect(a.completeTransfer).toHaveBeenCalledWith('c2');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel transfer' }));
    expect(a.cancelConsultation).toHaveBeenCalledWith('c2');
  });
});
