import { cleanup, fireEvent, render as renderWithoutI18n, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CALL_VIEW, useCallView } from '../../stores/call-view';
import { CallState, type CallSnapshot } from '../../stores/phone-types';
import { CallScreen, type CallActions } from './CallScreen';
import { IncomingCallSheet } from './IncomingCallSheet';
import type { ReactElement } from 'react';
import { I18nRoot } from '../../ui/I18nRoot';

/** Components read their texts through Lingui's provider, as in the app. */
const render = (ui: ReactElement) => renderWithoutI18n(ui, { wrapper: I18nRoot });

// The keypad and transfer dialog are opened through the call-view store: start each test closed.
afterEach(() => {
  cleanup();
  useCallView.setState(INITIAL_CALL_VIEW, true);
});

const call: CallSnapshot = {
  id: 'c1',
  sipCallId: 'c1@test',
  direction: 'outgoing',
  state: CallState.Active,
  remoteUri: 'sip:1002@openline.local',
  remoteUser: '1002',
  remoteDisplayName: 'Ben Baker',
  video: true,
  muted: true,
  cameraOff: false,
  held: false,
  createdAt: 0,
  answeredAt: Date.now() - 65_000,
  endedAt: null,
  endReason: null,
  endStatusCode: null,
};

function actions(): CallActions {
  return {
    hangup: vi.fn(),
    toggleMute: vi.fn(),
    toggleCamera: vi.fn(),
    toggleHold: vi.fn(),
    sendDtmf: vi.fn(),
    setForeground: vi.fn(),
    transfer: vi.fn(),
    consult: vi.fn(),
    completeTransfer: vi.fn(),
    cancelConsultation: vi.fn(),
  };
}

const pressed = (name: string) => screen.getByRole('button', { name }).getAttribute('aria-pressed');

describe('CallScreen', () => {
  it('labels the region, status, timer and media elements', () => {
    render(
      <CallScreen
        call={call}
        media={undefined}
        dtmfReceived="12"

        error={null}
        actions={actions()}
      />,
    );
    expect(screen.getByRole('region', { name: 'Call with Ben Baker' })).toBeDefined();
    expect(screen.getByTestId('call-status').textContent).toBe('Connected');
    expect(screen.getByTestId('call-timer').textContent).toBe('01:05');
    expect(screen.getByTestId('dtmf-received').textContent).toBe('12');
    expect(screen.getByTestId('remote-video').tagName).toBe('VIDEO');
    expect(screen.getByTestId('local-video').hasAttribute('muted')).toBe(true);
  });

  it("says a call link's customer is a guest from a call link, not their generated SIP user", () => {
    const guest = {
      ...call,
      remoteUser: 'webcall.16f3914fcf6d6634.1002',
      remoteUri: 'sip:webcall.16f3914fcf6d6634.1002@openline.local',
      remoteDisplayName: 'Chris Customer',
    };
    render(<CallScreen call={guest} media={undefined} dtmfReceived="" error={null} actions={actions()} />);
    expect(screen.getByText('Guest from a call link')).toBeDefined();
    expect(screen.queryByText(/webcall\./)).toBeNull();
    cleanup();
    render(
      <IncomingCallSheet
        call={{ ...guest, state: CallState.Incoming }}
        onAnswer={vi.fn()}
        onDecline={vi.fn()}
      />,
    );
    expect(screen.getByText('Guest from a call link')).toBeDefined();
    expect(screen.queryByText(/webcall\./)).toBeNull();
    cleanup();
    // Anyone else still shows their number under the name.
    render(<CallScreen call={call} media={undefined} dtmfReceived="" error={null} actions={actions()} />);
    expect(screen.getByText('1002')).toBeDefined();
  });

  it('reflects toggles with aria-pressed and forwards clicks', () => {
    const a = actions();
    render(<CallScreen call={call} media={undefined} dtmfReceived="" error={null} actions={a} />);
    expect(pressed('Mute')).toBe('true');
    expect(pressed('Camera off')).toBe('false');
    expect(pressed('Hold')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: 'Hold' }));
    fireEvent.click(screen.getByRole('button', { name: 'Hang up' }));
    expect(a.toggleHold).toHaveBeenCalledWith('c1');
    expect(a.hangup).toHaveBeenCalledWith('c1');
  });

  it('opens the keypad and sends tones', () => {
    const a = actions();
    render(<CallScreen call={call} media={undefined} dtmfReceived="" error={null} actions={a} />);
    expect(screen.queryByRole('button', { name: 'Send 5' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Keypad' }));
    expect(pressed('Keypad')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Send 5' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send #' }));
    expect(a.sendDtmf).toHaveBeenNthCalledWith(1, 'c1', '5');
    expect(a.sendDtmf).toHaveBeenNthCalledWith(2, 'c1', '#');
  });

  it('hides the camera toggle on audio calls and shows how a call ended', () => {
    const ended = {
      ...call,
      video: false,
      state: CallState.Ended,
      endReason: 'busy' as const,
      answeredAt: null,
    };
    render(
      <CallScreen
        call={ended}
        media={undefined}
        dtmfReceived=""

        error={null}
        actions={actions()}
      />,
    );
    expect(screen.queryByRole('button', { name: 'Camera off' })).toBeNull();
    expect(screen.queryByTestId('local-video')).toBeNull();
    expect(screen.getByTestId('call-status').textContent).toBe('Busy');
    expect((screen.getByRole('button', { name: 'Hang up' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('IncomingCallSheet', () => {
  it('offers video only when the call has it', () => {
    const onAnswer = vi.fn();
    const onDecline = vi.fn();
    const incoming = { ...call, direction: 'incoming' as const, state: CallState.Incoming };
    const { rerender } = render(
      <IncomingCallSheet call={incoming} onAnswer={onAnswer} onDecline={onDecline} />,
    );
    expect(screen.getByRole('dialog', { name: 'Incoming call' }).textContent).toContain('Ben Baker');
    fireEvent.click(screen.getByRole('button', { name: 'Answer with video' }));
    expect(onAnswer).toHaveBeenCalledWith(true);
    rerender(
      <IncomingCallSheet call={{ ...incoming, video: false }} onAnswer={onAnswer} onDecline={onDecline} />,
    );
    expect(screen.queryByRole('button', { name: 'Answer with video' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Answer' }));
    expect(onAnswer).toHaveBeenLastCalledWith(false);
    fireEvent.click(screen.getByRole('button', { name: 'Decline' }));
    expect(onDecline).toHaveBeenCalled();
  });
});
