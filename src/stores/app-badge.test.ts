import { beforeEach, describe, expect, it } from 'vitest';
import { bindAppBadge } from './app-badge';
import { useTabBadges } from './tab-badges';

describe('bindAppBadge', () => {
  beforeEach(() => useTabBadges.setState({ counts: {} }));

  it('shows the missed-call + voicemail total on the icon and clears it at zero', async () => {
    const seen: (number | 'clear')[] = [];
    const unbind = bindAppBadge({
      setAppBadge: async (n) => void seen.push(n ?? 0),
      clearAppBadge: async () => void seen.push('clear'),
    });
    const { setCount } = useTabBadges.getState();
    setCount('history', 2);
    setCount('voicemail', 1);
    setCount('voicemail', 1);
    setCount('history', 0);
    setCount('voicemail', 0);
    unbind();
    setCount('history', 5);
    expect(seen).toEqual(['clear', 2, 3, 1, 'clear']);
  });

  it('does nothing where the Badging API is missing, and survives a refusal', async () => {
    expect(() => bindAppBadge({})()).not.toThrow();
    let calls = 0;
    const unbind = bindAppBadge({
      setAppBadge: () => {
        calls += 1;
        return Promise.reject(new DOMException('not installed', 'NotAllowedError'));
      },
      clearAppBadge: () => Promise.resolve(),
    });
    useTabBadges.getState().setCount('history', 1);
    await Promise.resolve();
    expect(calls).toBe(1);
    unbind();
  });
});
