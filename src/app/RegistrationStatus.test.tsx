import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nRoot } from '../ui/I18nRoot';
import { RegistrationState } from '../stores/phone-types';
import { useRegistrationStore } from '../stores/registration';
import { RegistrationStatus } from './RegistrationStatus';

function setOnline(online: boolean) {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(online);
  act(() => void window.dispatchEvent(new Event(online ? 'online' : 'offline')));
}

describe('RegistrationStatus', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
    useRegistrationStore.setState(useRegistrationStore.getInitialState(), true);
  });

  it('says Offline without a network and the registration state again when it returns', () => {
    useRegistrationStore.setState({ state: RegistrationState.Registered });
    render(<RegistrationStatus />, { wrapper: I18nRoot });
    expect(screen.getByTestId('registration-status').textContent).toBe('Registered');

    setOnline(false);
    act(() => useRegistrationStore.setState({ state: RegistrationState.Reconnecting }));
    expect(screen.getByTestId('registration-status').textContent).toBe('Offline');

    setOnline(true);
    expect(screen.getByTestId('registration-status').textContent).toBe('Reconnecting…');
  });
});
