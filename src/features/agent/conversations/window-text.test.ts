import { describe, expect, it } from 'vitest';
import { windowText } from './window-text';

describe('windowText', () => {
  const now = 1_800_000_000_000;
  it('names the state and the time left', () => {
    expect(windowText({ state: 'none' }, now)).toBeNull();
    expect(windowText({ state: 'closed' }, now)).toBe('Window closed: only templates');
    expect(windowText({ state: 'open', closesAt: now + 5.5 * 3_600_000 }, now)).toBe(
      'Window open, closes in 5 hours',
    );
    expect(windowText({ state: 'open', closesAt: now + 3_600_000 }, now)).toBe(
      'Window open, closes in 1 hour',
    );
    expect(windowText({ state: 'open', closesAt: now + 90_000 }, now)).toBe(
      'Window open, closes in 2 minutes',
    );
    expect(windowText({ state: 'open', closesAt: now + 1 }, now)).toBe('Window open, closes in 1 minute');
  });
});
