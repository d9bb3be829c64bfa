import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeIncomingCallNotification, showIncomingCallNotification } from './notifications';

/**
 * A service worker registration that behaves as Chromium's does: showNotification() stores the
 * notification at once and resolves once the platform displays it; getNotifications() deletes a stored
 * notification that is not yet displayed (and so never returns it). `onScreen` is what the user sees.
 */
function chromiumLikeRegistration() {
  const onScreen = new Map<string, { tag: string; close(): void }>();
  const stored = new Set<string>();
  const displays: (() => void)[] = [];
  const registration = {
    active: {},
    showNotification: (_title: string, options: NotificationOptions) =>
      new Promise<void>((resolve) => {
        const tag = options.tag ?? '';
        stored.add(tag);
        displays.push(() => {
          onScreen.set(tag, { tag, close: () => onScreen.delete(tag) });
          resolve();
        });
      }),
    getNotifications: ({ tag }: { tag: string }) => {
      if (stored.has(tag) && !onScreen.has(tag)) stored.delete(tag);
      const shown = stored.has(tag) ? onScreen.get(tag) : undefined;
      return Promise.resolve(shown ? [shown] : []);
    },
  };
  return { registration, onScreen, displayNext: () => displays.shift()?.() };
}

describe('incoming call notifications', () => {
  let fake: ReturnType<typeof chromiumLikeRegistration>;
  beforeEach(() => {
    fake = chromiumLikeRegistration();
    vi.stubGlobal('Notification', { permission: 'granted' });
    Object.defineProperty(navigator, 'serviceWorker', {
      configurable: true,
      value: { getRegistration: () => Promise.resolve(fake.registration) },
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'serviceWorker');
  });

  it('shows the caller and closes the notification when the call stops ringing', async () => {
    const shown = showIncomingCallNotification('call-1', 'Ada');
    await vi.waitFor(() => {
      fake.displayNext();
      expect(fake.onScreen.size).toBe(1);
    });
    await shown;
    await closeIncomingCallNotification('call-1');
    expect(fake.onScreen.size).toBe(0);
  });

  it('a call that stops ringing while its notification is being shown leaves nothing on screen', async () => {
    const shown = showIncomingCallNotification('call-2', 'Ada');
    // The caller cancels before the platform has displayed the notification.
    const closed = closeIncomingCallNotification('call-2');
    await vi.waitFor(() => {
      fake.displayNext();
      expect(fake.onScreen.size).toBe(1);
    });
    await Promise.all([shown, closed]);
    expect(fake.onScreen.size).toBe(0);
  });

  it('a close for a call never shown does nothing', async () => {
    await closeIncomingCallNotification('call-3');
    expect(fake.onScreen.size).toBe(0);
  });
});
