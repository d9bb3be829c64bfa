import { act, cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nRoot } from '../ui/I18nRoot';
import { useSettingsStore } from '../stores/settings';
import { useWebphoneConfig } from '../stores/webphone-config';
import { ROLE_WAIT_MS, UnknownPath } from './UnknownPath';

/** `/admin` exists only once the role says admin, as in App.tsx. */
function Shell() {
  const admin = useWebphoneConfig((s) => s.role === 'admin');
  return (
    <MemoryRouter initialEntries={['/admin']}>
      <Routes>
        <Route path="/" element={<p>first tab</p>} />
        {admin && <Route path="/admin" element={<p>admin screen</p>} />}
        <Route path="*" element={<UnknownPath />} />
      </Routes>
    </MemoryRouter>
  );
}

const signedIn = (yes: boolean) => useSettingsStore.setState({ loaded: true, signedIn: yes });

beforeEach(() => useWebphoneConfig.setState(useWebphoneConfig.getInitialState(), true));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('a path with no route', () => {
  it('waits for the signed-in role, so a reload on /admin stays on Admin', () => {
    signedIn(true);
    render(<Shell />, { wrapper: I18nRoot });
    expect(screen.getByText('Loading…')).toBeDefined();
    act(() => useWebphoneConfig.setState({ role: 'admin' }));
    expect(screen.getByText('admin screen')).toBeDefined();
  });

  it('goes to the first tab once the role is known and the path is still unknown', () => {
    signedIn(true);
    render(<Shell />, { wrapper: I18nRoot });
    act(() => useWebphoneConfig.setState({ role: 'user' }));
    expect(screen.getByText('first tab')).toBeDefined();
  });

  it('gives up waiting when the role never comes (offline)', () => {
    vi.useFakeTimers();
    signedIn(true);
    render(<Shell />, { wrapper: I18nRoot });
    act(() => vi.advanceTimersByTime(ROLE_WAIT_MS));
    expect(screen.getByText('first tab')).toBeDefined();
  });

  it('does not wait when nobody is signed in', () => {
    signedIn(false);
    render(<Shell />, { wrapper: I18nRoot });
    expect(screen.getByText('first tab')).toBeDefined();
  });
});
