import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nRoot } from '../ui/I18nRoot';
import { AboutSetting } from '../features/settings/AboutSetting';
import { DEFAULT_WEBPHONE_CONFIG, useWebphoneConfig } from '../stores/webphone-config';
import { HeaderExtras } from './HeaderExtras';
import { useBranding, useShellTitle } from './useBranding';

vi.mock('../stores/webphone-config-instance', () => ({
  loadBalance: () => Promise.resolve({ amountMinor: 1250, currency: 'USD' }),
}));

afterEach(cleanup);
beforeEach(() => useWebphoneConfig.setState(useWebphoneConfig.getInitialState(), true));

const withFlags = (flags: Partial<typeof DEFAULT_WEBPHONE_CONFIG.flags>, extra = {}) =>
  useWebphoneConfig.setState({
    config: { ...DEFAULT_WEBPHONE_CONFIG, flags: { ...DEFAULT_WEBPHONE_CONFIG.flags, ...flags }, ...extra },
    username: '1002',
    role: 'agent',
    revision: 2,
  });

function Shell() {
  const { menuRight, logo } = useBranding();
  return (
    <p data-testid="shell" data-right={String(menuRight)} data-logo={logo}>
      {useShellTitle()}
    </p>
  );
}

describe('webphone flags in the app', () => {
  it('shows the brand, or the username with Username as Title; applies the colour and Menu Right', () => {
    const meta = document.createElement('meta');
    meta.name = 'theme-color';
    meta.setAttribute('media', '(prefers-color-scheme: light)');
    meta.content = '#ffffff';
    document.head.append(meta);
    const { rerender } = render(<Shell />);
    expect(screen.getByTestId('shell').textContent).toBe('Openline');
    expect(document.documentElement.hasAttribute('data-brand')).toBe(false);

    withFlags(
      { usernameAsTitle: true, menuRight: true },
      { brand: { name: 'Acme', themeColor: '#aa2200', logo: '/acme.svg' } },
    );
    rerender(<Shell />);
    const shell = screen.getByTestId('shell');
    expect(shell.textContent).toBe('1002');
    expect(shell.dataset).toMatchObject({ right: 'true', logo: '/acme.svg' });
    expect(document.documentElement.style.getPropertyValue('--brand')).toBe('#aa2200');
    expect(document.documentElement.hasAttribute('data-brand')).toBe(true);
    expect(meta.content).toBe('#aa2200');
  });

  it('shows the build id in About unless Hide UUID', () => {
    const { rerender } = render(<AboutSetting />, { wrapper: I18nRoot });
    expect(screen.getByTestId('build-id').textContent).toBeTruthy();
    withFlags({ hideUuid: true });
    rerender(<AboutSetting />);
    expect(screen.queryByTestId('build-id')).toBeNull();
  });

  it('shows the balance and the payment link only when their flags are on', async () => {
    const { rerender } = render(<HeaderExtras />, { wrapper: I18nRoot });
    expect(screen.queryByTestId('balance')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    withFlags(
      { displayBalance: true, acceptPayment: true },
      { paymentUrl: 'https://pay.example.com/top-up' },
    );
    rerender(<HeaderExtras />);
    expect((await screen.findByTestId('balance')).textContent).toMatch(/12\.50/);
    const link = screen.getByRole('link', { name: /Add credit/ });
    expect(link.getAttribute('href')).toBe('https://pay.example.com/top-up');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });
});
