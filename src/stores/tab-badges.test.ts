import { beforeEach, describe, expect, it } from 'vitest';
import { totalBadgeCount, useTabBadges } from './tab-badges';

describe('tab badges', () => {
  beforeEach(() => useTabBadges.setState({ counts: {} }));

  it('sets, clears and totals counts', () => {
    const { setCount } = useTabBadges.getState();
    setCount('history', 3);
    setCount('voicemail', 2);
    expect(useTabBadges.getState().counts).toEqual({ history: 3, voicemail: 2 });
    expect(totalBadgeCount(useTabBadges.getState().counts)).toBe(5);
    setCount('history', 0);
    expect(totalBadgeCount(useTabBadges.getState().counts)).toBe(2);
  });

  it('never stores a negative or fractional count', () => {
    useTabBadges.getState().setCount('voicemail', -4);
    expect(useTabBadges.getState().counts.voicemail ?? 0).toBe(0);
    useTabBadges.getState().setCount('voicemail', 2.7);
    expect(useTabBadges.getState().counts.voicemail).toBe(2);
  });
});
