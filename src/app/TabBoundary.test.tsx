import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nRoot } from '../ui/I18nRoot';
import { TabBoundary } from './TabBoundary';

describe('TabBoundary', () => {
  afterEach(() => {
    cleanup();
    vi.restoreAllMocks();
  });

  it("keeps a tab's failure in the tab, and Try again mounts it anew", async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    let loads = 0;
    // A chunk that cannot be fetched the first time (offline), then can. React keeps a lazy component's
    // rejection, so a retry needs a new one: what lazyTab in App.tsx does.
    const load = () =>
      ++loads === 1
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : Promise.resolve({ default: () => <h1>Contacts</h1> });
    let Screen = lazy(load);
    const Tab = () => {
      const Current = Screen;
      return <Current />;
    };
    render(
      <I18nRoot>
        <p>header</p>
        <TabBoundary>
          <Suspense fallback={<p>Loading…</p>}>
            <Tab />
          </Suspense>
        </TabBoundary>
      </I18nRoot>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'This screen could not be loaded. Check your connection, then try again.',
    );
    expect(screen.getByText('header')).toBeTruthy();
    Screen = lazy(load);
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Contacts' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(loads).toBe(2);
  });
});
