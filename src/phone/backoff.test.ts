// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles from 1 s to a 30 s cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffDelay(n, 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('jitters by ±20 % and never exceeds 30 s', () => {
    expect(backoffDelay(0, 0)).toBe(800);
    expect(backoffDelay(0, 0.999999)).toBe(1200);
    expect(backoffDelay(3, 0)).toBe(6400);
    expect(backoffDelay(10, 0)).toBe(24000);
    expect(backoffDelay(10, 0.999999)).toBe(30000);
  });
});
